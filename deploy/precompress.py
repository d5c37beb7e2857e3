"""Streamlit's front-end files, compressed once, for nginx to serve as they are.

Streamlit (1.67) sends its JavaScript, CSS and fonts uncompressed: its gzip middleware
skips ``/static/`` on purpose and leaves compression to a proxy in front (see
``streamlit/web/server/starlette/starlette_gzip_middleware.py``). Compressing 3.4 MB of
JavaScript in nginx on every first visit would cost CPU per reader; these files never
change for a given Streamlit version, so they are compressed once, at the best levels
(gzip 9, brotli 11), and nginx sends the ``.gz`` or ``.br`` beside each file
(``gzip_static``, ``brotli_static``) to browsers that accept it.

The map's frame (streamlit-folium's page and its 225 KB script) is copied and compressed
the same way, as ``component/streamlit_folium.st_folium/`` beside ``static/``: nginx sends
it without asking a Streamlit process, which is busy with the reader's script run just
when the frame is made.

Its icon font is cut down to the icons Streamlit and the app can show (``deploy/icons.py``:
366 KB -> about 65 KB, the biggest file a first visit fetched), and its text font to the
scripts the app's pages can hold (``deploy/text_font.py``: 170 KB -> about 119 KB).

The copy is built from the installed ``streamlit`` package into ``build/`` (never
committed), one folder per Streamlit version, and reused while that folder is complete
(same Streamlit files, same recipe, same icons named by the app):
``deploy/cluster.py`` calls :func:`static_root` at start (about 40 s the first time on
two busy cores), ``make static`` does it ahead of time.

Usage: python deploy/precompress.py [--out DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "deploy") not in sys.path:
    sys.path.insert(0, str(ROOT / "deploy"))

import icons  # noqa: E402
import text_font  # noqa: E402

from corridors.compressed import write_copies  # noqa: E402

#: Worth compressing: text. Fonts (woff2) and images are compressed formats already.
COMPRESSIBLE = {".js", ".css", ".json", ".svg", ".html", ".txt", ".map", ".mjs"}
#: Smaller than this, a compressed copy saves less than its headers (nginx's own default
#: for gzip_min_length is 20 bytes; 1 KB is Streamlit's own middleware's threshold).
MIN_SIZE = 1024
#: Written last: a folder without it is incomplete and built again.
STAMP = "precompressed.json"
#: What the build does to the files: a folder built another way is built again.
#: 1: compressed copies; 2: and the icon font cut down; 3: and the map's frame; 4: and the
#: text font cut down.
RECIPE = 4
#: The map's frame (streamlit-folium's page and script), as Streamlit serves it:
#: ``component/<name>/``, copied beside ``static/`` for nginx to send itself.
FRAME = Path("component", "streamlit_folium.st_folium")


def streamlit_package() -> Path:
    """The installed Streamlit package's folder (found, not imported: nothing runs)."""
    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("Streamlit is not installed: run `make setup`")
    return Path(spec.origin).parent


def streamlit_static() -> tuple[Path, str]:
    """The installed Streamlit's hashed front-end files (``static/static``) and version."""
    folder = streamlit_package() / "static" / "static"
    if not folder.is_dir():
        raise FileNotFoundError(f"Streamlit's front-end files are not in {folder}")
    return folder, importlib.metadata.version("streamlit")


def frame_files() -> Path:
    """streamlit-folium's built front end (its frame's page and script)."""
    spec = importlib.util.find_spec("streamlit_folium")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("streamlit-folium is not installed: run `make setup`")
    return Path(spec.origin).parent / "frontend" / "build"


def default_out(version: str) -> Path:
    return ROOT / "build" / f"streamlit-{version}-static"


def _listing(source: Path) -> str:
    """A digest of the source's file names and sizes: a reinstalled Streamlit of the same
    version with other files is noticed."""
    entries = sorted(
        f"{p.relative_to(source)}:{p.stat().st_size}" for p in source.rglob("*") if p.is_file()
    )
    return hashlib.sha256("\n".join(entries).encode()).hexdigest()[:16]


def _stamp(source: Path, wanted: set[str] | None, frame: Path | None = None) -> dict[str, object]:
    """What a complete folder's stamp says about how it was built."""
    named = hashlib.sha256("\n".join(sorted(wanted or ())).encode()).hexdigest()[:16]
    return {
        "listing": _listing(source),
        "frame": _listing(frame or frame_files()),
        "recipe": RECIPE,
        "icons": named,
        "text_font": repr(text_font.KEPT),  # another cut of the font: built again
    }


def build(
    source: Path,
    out: Path,
    workers: int | None = None,
    wanted: set[str] | None = None,
    frame: Path | None = None,
) -> dict[str, int]:
    """Copy ``source`` to ``out/static`` and the map's ``frame`` (streamlit-folium's, by
    default) to ``out/component/…`` with compressed copies beside each text file, and the
    icon font cut down to the icons ``wanted`` names (if given)."""
    frame = frame or frame_files()
    tmp = out.with_name(out.name + f".{os.getpid()}.part")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(source, tmp / "static", copy_function=shutil.copy2)
    # Source maps stay with the process (asked for only by a developer's tools).
    skip = shutil.ignore_patterns("*.map")
    shutil.copytree(frame, tmp / FRAME, copy_function=shutil.copy2, ignore=skip)
    font = icons.subset_in_place(tmp / "static", wanted) if wanted is not None else None
    text = text_font.subset_in_place(tmp / "static") if wanted is not None else None
    todo = [
        str(p)
        for p in sorted([*(tmp / "static").rglob("*"), *(tmp / FRAME).rglob("*")])
        if p.is_file() and p.suffix in COMPRESSIBLE and p.stat().st_size >= MIN_SIZE
    ]
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        sizes = list(pool.map(write_copies, todo, chunksize=8))
    totals = {
        "files": len(todo),
        "raw": sum(s[0] for s in sizes),
        "gzip": sum(s[1] for s in sizes),
        "brotli": sum(s[2] for s in sizes),
        **(font or {}),
        **(text or {}),
    }
    (tmp / STAMP).write_text(json.dumps({**_stamp(source, wanted, frame), **totals}, indent=1))
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return totals


def is_complete(
    source: Path, out: Path, wanted: set[str] | None = None, frame: Path | None = None
) -> bool:
    try:
        stamp = json.loads((out / STAMP).read_text())
    except (OSError, ValueError):
        return False
    return all(stamp.get(k) == v for k, v in _stamp(source, wanted, frame).items())


def static_root(out: Path | None = None, log=print) -> Path:
    """The folder nginx's ``root`` points at for ``/static/`` (it holds ``static/``),
    built if missing or stale."""
    source, version = streamlit_static()
    out = out or default_out(version)
    wanted = icons.wanted_names(source, streamlit_package(), ROOT)
    if not is_complete(source, out, wanted):
        log(f"compressing Streamlit {version}'s front-end files into {out} (once)…")
        start = time.perf_counter()
        totals = build(source, out, wanted=wanted)
        log(
            f"{totals['files']} files: {totals['raw']:,} bytes, gzip {totals['gzip']:,}, "
            f"brotli {totals['brotli']:,}; icon font {totals.get('icons_raw', 0):,} -> "
            f"{totals.get('icons_subset', 0):,} bytes, {totals.get('icons_kept', 0)} icons; "
            f"text font {totals.get('text_font_raw', 0):,} -> "
            f"{totals.get('text_font_subset', 0):,} bytes ({time.perf_counter() - start:.0f} s)"
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="default: build/streamlit-<version>-static")
    args = parser.parse_args()
    print(static_root(args.out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

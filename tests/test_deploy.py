"""The deployment's pieces that need no browser: the precompressed copy of Streamlit's
files, and the nginx configuration cluster.py writes (checked by nginx itself)."""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
from pathlib import Path

import brotli
import pytest
from fontTools.ttLib import TTFont

from deploy import icons, precompress, text_font
from deploy.cluster import NGINX, _reachable, brotli_modules, nginx_conf

#: Icons Streamlit itself draws on the dashboard's first screen or on a click: the
#: sidebar's collapse and open arrows, an expander's and a select box's chevrons, the
#: alerts' marks, a dialog's close.
STREAMLIT_ICONS = {
    "keyboard_double_arrow_left",
    "keyboard_double_arrow_right",
    "keyboard_arrow_right",
    "keyboard_arrow_down",
    "expand_more",
    "expand_less",
    "check_circle",
    "error",
    "info",
    "close",
}


def icon_names(font: bytes) -> set[str]:
    """The icons a font (woff2 bytes) draws: the names its ligature table knows."""
    return set(icons.ligatures(TTFont(io.BytesIO(font))))


@pytest.fixture(scope="module")
def icon_font() -> bytes:
    static, _ = precompress.streamlit_static()
    path = icons.font_file(static / "media")
    if path is None:
        pytest.skip("this Streamlit has no Material Symbols font")
    return path.read_bytes()


def test_precompressed_copies_unpack_to_the_originals_with_their_dates(tmp_path: Path):
    source = tmp_path / "src"
    (source / "js").mkdir(parents=True)
    script = b"function f(){return 1}\n" * 200
    (source / "js" / "a.1234.js").write_bytes(script)
    (source / "js" / "tiny.js").write_bytes(b"x=1")  # too small to be worth it
    (source / "font.woff2").write_bytes(b"\x00" * 5000)  # compressed already
    frame = tmp_path / "frame"  # the map's frame: its page and script
    (frame / "static" / "js").mkdir(parents=True)
    (frame / "index.html").write_text('<script src="./static/js/main.1.js"></script>')
    (frame / "static" / "js" / "main.1.js").write_bytes(script)
    (frame / "static" / "js" / "main.1.js.map").write_bytes(script)  # a developer's
    out = tmp_path / "out"
    totals = precompress.build(source, out, workers=1, frame=frame)
    assert totals["files"] == 2 and totals["brotli"] < totals["raw"]
    sent = out / precompress.FRAME / "static" / "js" / "main.1.js"
    assert brotli.decompress(Path(f"{sent}.br").read_bytes()) == script
    assert (out / precompress.FRAME / "index.html").is_file()
    assert not (out / precompress.FRAME / "static" / "js" / "main.1.js.map").exists()
    copy = out / "static" / "js" / "a.1234.js"
    assert copy.read_bytes() == script
    assert gzip.decompress(Path(f"{copy}.gz").read_bytes()) == script
    assert brotli.decompress(Path(f"{copy}.br").read_bytes()) == script
    # gzip_static sends the original's Last-Modified: the copies carry its date.
    assert Path(f"{copy}.gz").stat().st_mtime_ns == copy.stat().st_mtime_ns
    assert not (out / "static" / "js" / "tiny.js.gz").exists()
    assert not (out / "static" / "font.woff2.br").exists()
    assert precompress.is_complete(source, out, frame=frame)
    (source / "js" / "b.5678.js").write_bytes(script)  # another Streamlit's files
    assert not precompress.is_complete(source, out, frame=frame)


def test_icon_font_keeps_every_icon_streamlit_and_the_app_name_and_little_else(icon_font):
    static, _ = precompress.streamlit_static()
    wanted = icons.wanted_names(static, precompress.streamlit_package(), precompress.ROOT)
    small, kept = icons.subset_font(icon_font, wanted)
    every = icon_names(icon_font)
    ours = icons.named_in_sources(icons.app_sources(precompress.ROOT))
    assert {"play_arrow", "pause", "skip_previous", "skip_next"} <= ours
    assert ours <= every, f"not an icon of the font: {sorted(ours - every)}"
    assert ours | STREAMLIT_ICONS <= set(kept)
    # Nothing but the kept icons is left in the font: the ligature table was pruned.
    left = icon_names(small)
    assert left == set(kept)
    assert "rocket_launch" in every and "rocket_launch" not in left
    assert len(kept) < len(every) / 4 and len(small) < len(icon_font) / 4


def test_the_built_copy_has_the_cut_icon_font_and_is_rebuilt_for_new_icons(
    tmp_path: Path, icon_font: bytes
):
    source = tmp_path / "src"
    (source / "media").mkdir(parents=True)
    (source / "media" / "MaterialSymbols-Rounded.abc123.woff2").write_bytes(icon_font)
    out = tmp_path / "out"
    totals = precompress.build(source, out, workers=1, wanted={"play_arrow", "not_an_icon"})
    assert totals["icons_kept"] == 1 and totals["icons_subset"] < len(icon_font) / 10
    copy = (out / "static" / "media" / "MaterialSymbols-Rounded.abc123.woff2").read_bytes()
    assert icon_names(copy) == {"play_arrow"}
    assert precompress.is_complete(source, out, {"play_arrow", "not_an_icon"})
    # The app names another icon: the copy is built again.
    assert not precompress.is_complete(source, out, {"play_arrow", "pause"})


@pytest.mark.parametrize("with_brotli", [False, True])
def test_nginx_accepts_the_configuration(tmp_path: Path, with_brotli: bool):
    nginx = shutil.which(NGINX) or shutil.which(NGINX, path="/usr/sbin:/sbin")
    if not nginx:
        pytest.skip("nginx is not installed: `make system` installs Debian's nginx")
    modules = brotli_modules(nginx)
    if with_brotli and not modules:
        pytest.skip("no brotli module for this nginx: `make system` installs Debian's")
    (tmp_path / "temp").mkdir()
    (tmp_path / "static").mkdir()
    conf = nginx_conf(
        tmp_path, "127.0.0.1:1", ["127.0.0.1:2"], tmp_path, tmp_path, modules if with_brotli else []
    )
    assert ("brotli_static on" in (tmp_path / "corridors.conf").read_text()) == with_brotli
    (tmp_path / "nginx.conf").write_text(conf)
    check = subprocess.run(
        [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-t", "-q"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def test_nginx_is_given_a_static_root_its_worker_can_reach(tmp_path: Path):
    """nginx started as root serves files as ``nobody``: a checkout in a private folder
    (mktemp -d makes one) left it serving none of Streamlit's files itself, silently. Such
    a root is linked into the cluster's own world-readable folder; a reachable one is used
    as it is."""
    private = tmp_path / "private"
    (private / "static" / "js").mkdir(parents=True)
    (private / "static" / "js" / "main.js").write_text("x")
    private.chmod(0o700)
    workdir = tmp_path / "lb"
    workdir.mkdir()
    try:
        root = _reachable(private, workdir)
        assert root.parent == workdir and (root / "static" / "js" / "main.js").read_text() == "x"
        assert all(p.stat().st_mode & 0o001 for p in (root, root / "static", root / "static/js"))
        private.chmod(0o755)
        tmp_path.chmod(0o755)
        public = tmp_path / "public"
        public.mkdir()
        if all(p.stat().st_mode & 0o001 for p in public.parents):
            assert _reachable(public, workdir) == public
    finally:
        private.chmod(0o755)


def test_nginx_sends_the_component_files_from_where_the_app_and_the_copy_put_them():
    """The template's two component locations, the precompressed copy's frame folder and
    the folder the processes publish into all name the components as Streamlit serves
    them (``component/<name>/``): a rename would silently send every file through the
    processes again."""
    import streamlit_folium as sf

    from corridors.ui import published
    from deploy.cluster import FILES_ENV, PUBLISHED_PATH, TEMPLATE

    template = TEMPLATE.read_text(encoding="utf-8")
    assert Path("component", sf._component_func.name) == precompress.FRAME
    frame_name = Path(published.url("x")).parent.name  # "../<name>/x" from the frame
    assert Path("component", frame_name) == PUBLISHED_PATH
    for path in (precompress.FRAME, PUBLISHED_PATH):
        assert f"location ^~ /{path.as_posix()}/ {{" in template
    assert FILES_ENV == published.SHARED_ENV


def app_text() -> set[int]:
    """Every character of the app's own text: its sources, catalogues and data."""
    root = precompress.ROOT
    files = [
        *(p for p in (root / "geodata").rglob("*") if p.suffix in (".geojson", ".csv", ".md")),
        *(root / "src").rglob("*.po"),
        *icons.app_sources(root),  # app.py and src/**/*.py, as the icon font reads them
    ]
    text = "".join(p.read_text(encoding="utf-8-sig", errors="replace") for p in files)
    return {ord(c) for c in text}


def test_text_font_keeps_every_character_of_the_app_s_text_it_had():
    """The copy of Source Sans drops scripts the app never writes in (Greek, IPA,
    Vietnamese): every character of the app's interface, catalogues and data that the
    font had is still there, in every weight, and the file is much smaller."""
    static, _ = precompress.streamlit_static()
    path = text_font.font_file(static / "media")
    assert path is not None, "Streamlit's text font is not where the copy looks for it"
    data = path.read_bytes()
    small = text_font.subset_font(data)
    before, after = TTFont(io.BytesIO(data)), TTFont(io.BytesIO(small))
    had = set(before.getBestCmap())
    used = app_text() & had
    # The check sees the app's Turkmen, Kazakh and Russian letters, a stress mark, signs.
    assert {ord("ň"), ord("Ş"), ord("Ғ"), ord("ө"), 0x301, ord("≈"), ord("→")} <= used
    assert used <= set(after.getBestCmap()), sorted(chr(c) for c in used - set(after.getBestCmap()))
    assert [a.axisTag for a in after["fvar"].axes] == ["wght"]  # every weight still
    assert after["fvar"].axes[0].minValue == before["fvar"].axes[0].minValue
    assert after["fvar"].axes[0].maxValue == before["fvar"].axes[0].maxValue
    assert "kern" in {r.FeatureTag for r in after["GPOS"].table.FeatureList.FeatureRecord}
    assert len(small) < 0.75 * len(data)


def test_the_image_s_static_stage_copies_every_module_the_copy_is_built_with():
    """The Dockerfile builds the precompressed copy from deploy/ files it copies by name:
    a module precompress.py imports and the stage lacks fails only in a Docker build,
    which this machine cannot run."""
    import ast
    import re

    folder = precompress.ROOT / "deploy"
    local = {p.stem for p in folder.glob("*.py")}

    def local_imports(name: str) -> set[str]:
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        return {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
            if alias.name in local
        }

    imported, todo = set(), ["precompress"]  # and what those import, in turn
    while todo:
        found = local_imports(todo.pop()) - imported
        imported |= found
        todo.extend(found)
    assert {"icons", "text_font", "font_subset"} <= imported
    dockerfile = (precompress.ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    (line,) = re.findall(r"^COPY (deploy/precompress\.py.*) \./deploy/$", dockerfile, re.M)
    copied = {Path(part).stem for part in line.split()}
    assert imported <= copied, f"the static stage lacks {sorted(imported - copied)}"

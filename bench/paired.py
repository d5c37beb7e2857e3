"""Paired benchmark: this checkout against another commit, measured in turns.

This machine's speed drifts by tens of percent over minutes, so a "before" run and an
"after" run taken minutes apart cannot tell a 5% change from noise. Here both versions run
at once, each on its own Streamlit server, and every measurement alternates between them
(time to map in a fresh browser context; a filter change: a country removed to the map
redrawn). Prints the medians and the ratio after/before.

Usage: python bench/paired.py --base REV [--runs 9]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

from browser import launch, streamlit_server  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from bench import filter_change, time_to_map  # noqa: E402
from corridors.render.assets import leaflet_dir  # noqa: E402

#: The drawn features, read through the map's test interface where the commit has it
#: (corridorsMap, since the map's JS moved to files) and through Leaflet before that.
PROBE_JS = """() => {
    if (window.corridorsMap) return window.corridorsMap.drawn();
    const out = {};
    if (window.map) window.map.eachLayer(l => {
        if (l.feature && l.feature.properties.status) {
            out[l.feature.properties.id] = l.feature.properties.status;
        }
    });
    return out;
}"""


@contextlib.contextmanager
def checkout(rev: str):
    """A detached worktree of ``rev``, removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(path), rev], cwd=ROOT,
                       check=True)  # fmt: skip
        try:
            yield path
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT,
                           check=False)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit to compare against")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    measures = {"time_to_map_s": time_to_map, "filter_change_s": filter_change}
    times: dict[str, dict[str, list[float]]] = {m: {"before": [], "after": []} for m in measures}
    with checkout(args.base) as base, sync_playwright() as pw:
        # The other commit's package, not this one's (the venv's editable install is ours);
        # Leaflet from this checkout's node_modules (the same pinned version).
        env = {"PYTHONPATH": str(base / "src"), "CORRIDORS_ASSETS_DIR": str(leaflet_dir())}
        browser = launch(pw)
        with streamlit_server("app.py", env=env, cwd=base) as before, streamlit_server() as after:
            urls = {"before": before.url, "after": after.url}
            for name, fn in measures.items():  # each server's caches warm, not counted
                for side, url in urls.items():
                    print(f"warming {name} {side}", flush=True)
                    fn(browser, url, probe=PROBE_JS)
            for _ in range(args.runs):
                for name, fn in measures.items():
                    for side, url in urls.items():
                        times[name][side].append(fn(browser, url, probe=PROBE_JS))
        browser.close()
    print(f"paired against {args.base}, {args.runs} runs each, in turns")
    for name, sides in times.items():
        b, a = statistics.median(sides["before"]), statistics.median(sides["after"])
        print(f"{name:<18} before {b:.3f}  after {a:.3f}  ratio {a / b:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

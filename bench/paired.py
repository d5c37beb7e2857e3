"""Paired benchmark: this checkout against another commit, measured in turns.

This machine's speed drifts by tens of percent over minutes, so a "before" run and an
"after" run taken minutes apart cannot tell a 5% change from noise. Here both versions run
at once, each on its own Streamlit server, and every measurement alternates between them
(time to map in a fresh browser context; a filter change: a country removed to the map
redrawn). Prints the medians and the ratio after/before.

With ``--network``, each version is served the documented way instead (its own
``deploy/cluster.py``: nginx in front of one Streamlit process, as that commit configures
it) and measured under each network profile (bench/network.py): time to map on a first
and a returning visit, bytes on the wire, filter change, beside the floors measured in
the same run (a bare Streamlit page served the same way; the standalone HTML export
served over HTTP). ``--readme`` writes the table into README.md's performance section.

Usage: python bench/paired.py --base REV [--runs 9]
       python bench/paired.py --base REV --network [--profiles unthrottled,broadband,mobile]
              [--runs 5] [--json out.json] [--readme]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "src"), str(ROOT), str(ROOT / "bench")]

import network  # noqa: E402
from browser import launch, streamlit_server  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
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


def machine() -> str:
    """This machine in a few words, for the README's table."""
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({model}), headless Debian Chromium, all on the same cores"


def standalone_file(folder: Path) -> Path:
    """The default view as a standalone HTML export (the same in both versions' data)."""
    from corridors.data.loader import load_dataset
    from corridors.export import export_view
    from corridors.selection import Selection
    from corridors.view import view_of

    path = folder / "view.html"
    path.write_bytes(export_view(view_of(load_dataset(), Selection()), "html").data)
    return path


def network_main(args) -> int:
    """Both versions deployed, every profile, in turns (see the module's docstring)."""
    profiles = [network.PROFILES[name] for name in args.profiles.split(",")]
    with contextlib.ExitStack() as stack, sync_playwright() as pw:
        base = stack.enter_context(checkout(args.base))
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        html = standalone_file(tmp)
        standalone = {
            "gzip": stack.enter_context(network.file_server(html, compress=True)),
            "plain": stack.enter_context(network.file_server(html, compress=False)),
        }
        sides = {}
        # The other commit's package, not this one's (the venv's editable install is ours);
        # Leaflet from this checkout's node_modules (the same pinned version).
        base_env = {"PYTHONPATH": str(base / "src"), "CORRIDORS_ASSETS_DIR": str(leaflet_dir())}
        for name, root, env in (("before", base, base_env), ("after", ROOT, {})):
            dash = stack.enter_context(network.deployed(root, "app.py", env))
            bare = stack.enter_context(network.deployed(root, "bench/bare_app.py", env))
            sides[name] = network.Side(
                stack.enter_context(network.wire_tap(dash)),
                stack.enter_context(network.wire_tap(bare)),
            )
        browser = launch(pw)
        results = network.measure(
            browser, sides, standalone, profiles, args.runs, probe=PROBE_JS,
            log=lambda m: print(m, flush=True),
        )  # fmt: skip
        browser.close()
    meta = {
        "base": args.base,
        "runs": args.runs,
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
    }
    if args.json:
        args.json.write_text(json.dumps({**meta, "results": results}, indent=1))
    return write_table(results, meta, args.readme)


def write_table(results: dict, meta: dict, readme: bool) -> int:
    """Print the table of ``results`` (and write it into README.md if ``readme``)."""
    summary = network.summarize(results)
    runs = {p: len(sides["after"]["time_to_map_s"]) for p, sides in results.items()}
    table = network.readme_table(summary, meta["base"], runs, meta["date"], meta["machine"])
    print(table)
    if readme:
        network.write_readme(ROOT / "README.md", table)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the commit to compare against")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--network", action="store_true", help="deployed, under profiles")
    parser.add_argument("--profiles", default="unthrottled,broadband,mobile")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--readme", action="store_true", help="write README.md's table")
    parser.add_argument(
        "--table-from",
        type=Path,
        nargs="+",
        help="no measuring: the table of --json files written before (a later file's "
        "profiles replace an earlier one's)",
    )
    args = parser.parse_args()
    if args.table_from:
        saved = [json.loads(path.read_text()) for path in args.table_from]
        results = {p: sides for run in saved for p, sides in run["results"].items()}
        return write_table(results, saved[-1], args.readme)
    if args.network:
        return network_main(args)
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
            left_out = measure_in_turns(browser, urls, measures, times, args.runs)
        browser.close()
    print(f"paired against {args.base}, {args.runs} runs each, in turns")
    for name, sides in times.items():
        b, a = statistics.median(sides["before"]), statistics.median(sides["after"])
        out = left_out[name]
        said = f"  ({len(out)} runs left out: {out})" if out else ""
        print(f"{name:<18} before {b:.3f}  after {a:.3f}  ratio {a / b:.3f}{said}")
    return 0


def measure_in_turns(browser, urls: dict, measures: dict, times: dict, runs: int) -> dict:
    """Each measure ``runs`` times, the sides taking turns. A run in which a page failed
    (Playwright: the map's frame replaced mid-measure, a page that never came) is left out
    of both sides, said with its side and error, so the pairs stay pairs and the other
    runs still count; returns measure -> the runs left out, as "side: error"."""
    left_out: dict[str, list[str]] = {name: [] for name in measures}
    for run in range(runs):
        for name, fn in measures.items():
            got: dict[str, float] = {}
            for side, url in urls.items():
                try:
                    got[side] = fn(browser, url, probe=PROBE_JS)
                except PlaywrightError as error:
                    said = f"run {run + 1}, {side}: {str(error).splitlines()[0][:120]}"
                    print(f"{name}: left out, {said}", flush=True)
                    left_out[name].append(said)
            if len(got) == len(urls):
                for side, value in got.items():
                    times[name][side].append(value)
    return left_out


if __name__ == "__main__":
    raise SystemExit(main())

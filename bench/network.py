"""The dashboard as a reader on a network meets it: throttled, with bytes on the wire.

Network profiles are Chromium's own emulation (CDP ``Network.emulateNetworkConditions``,
as DevTools and web performance tools throttle): a round trip added to every request and
the throughput capped, per page. ``mobile`` is the profile those tools call mobile
(150 ms, 1.6 Mbit/s down, 750 kbit/s up), ``broadband`` their desktop one (40 ms,
10 Mbit/s).

Bytes on the wire are counted by a relay between the browser and the server
(:class:`WireTap`): every byte of every connection, headers and websocket frames
included, as compressed as they travelled (Chromium's own counters see websocket
messages only after they are inflated).

What one visit measures (:func:`visit`): opening the page to the map drawn (the
dashboard), to the first content (a bare Streamlit page) or to the map drawn (a
standalone HTML export); the bytes moved until then, and until the page has finished (no
byte for a while after it drew). A returning visit is the same in a browser context that
has made the visit before (its cache warm).
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from browser import DRAWN_JS, MARK_CLICK_JS, pill, wait_for_idle, wait_for_map, watch_redraw_js
from playwright.sync_api import Error as PlaywrightError

VIEWPORT = {"width": 1400, "height": 1000}


@dataclass(frozen=True)
class Profile:
    """A network as Chromium emulates it; ``rtt_ms`` 0 and no caps: not throttled."""

    name: str
    rtt_ms: float = 0.0
    down_kbps: float = 0.0
    up_kbps: float = 0.0

    @property
    def throttled(self) -> bool:
        return bool(self.rtt_ms or self.down_kbps or self.up_kbps)

    def describe(self) -> str:
        if not self.throttled:
            return "this machine, not throttled"
        return (
            f"{self.rtt_ms:g} ms round trip, {self.down_kbps / 1000:g} Mbit/s down, "
            f"{self.up_kbps / 1000:g} Mbit/s up"
        )


PROFILES = {
    p.name: p
    for p in (
        Profile("unthrottled"),
        Profile("broadband", rtt_ms=40, down_kbps=10_000, up_kbps=10_000),
        Profile("mobile", rtt_ms=150, down_kbps=1_600, up_kbps=750),
    )
}


def throttle(page, profile: Profile) -> None:
    """Emulate ``profile`` for every request of ``page`` (and its same-origin frames)."""
    if not profile.throttled:
        return
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": profile.rtt_ms,
            "downloadThroughput": profile.down_kbps * 1000 / 8,  # bytes per second
            "uploadThroughput": profile.up_kbps * 1000 / 8,
        },
    )


@dataclass
class WireTap:
    """A TCP relay in front of a server that counts the bytes each way.

    ``url`` is where the browser should go instead of the server. Counts are totals since
    the last :meth:`reset`; ``down_ws`` is the part that went over websockets.
    """

    target: str
    url: str = ""
    down: int = 0
    up: int = 0
    down_ws: int = 0
    last_byte: float = field(default_factory=time.monotonic)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self._lock:
            self.down = self.up = self.down_ws = 0

    def _count(self, n: int, down: bool, ws: bool) -> None:
        with self._lock:
            if down:
                self.down += n
                self.down_ws += n if ws else 0
            else:
                self.up += n
            self.last_byte = time.monotonic()

    def wait_quiet(self, quiet_s: float = 1.5, timeout: float = 60.0) -> None:
        """Until no byte has moved for ``quiet_s`` (websocket pings are rarer)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if time.monotonic() - self.last_byte >= quiet_s:
                return
            time.sleep(0.1)

    async def _pipe(self, reader, writer, down: bool, ws: list[bool]) -> None:
        try:
            while data := await reader.read(65536):
                if not down and not ws[0] and b"GET /_stcore/stream" in data[:64]:
                    ws[0] = True
                self._count(len(data), down, ws[0])
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(Exception):
                writer.close()

    async def _serve(self, client_reader, client_writer) -> None:
        target = urlparse(self.target)
        try:
            server_reader, server_writer = await asyncio.open_connection(
                target.hostname, target.port
            )
        except OSError:
            client_writer.close()
            return
        ws = [False]
        await asyncio.gather(
            self._pipe(client_reader, server_writer, False, ws),
            self._pipe(server_reader, client_writer, True, ws),
        )


@contextlib.contextmanager
def wire_tap(target: str) -> Iterator[WireTap]:
    """A :class:`WireTap` in front of ``target`` (http://host:port) until the block ends."""
    tap = WireTap(target)
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict = {}

    async def start() -> None:
        server = await asyncio.start_server(tap._serve, "127.0.0.1", 0)
        holder["server"] = server
        tap.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop)
    ready.wait(10)
    try:
        yield tap
    finally:
        loop.call_soon_threadsafe(holder["server"].close)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


@contextlib.contextmanager
def file_server(path: Path, compress: bool = True) -> Iterator[str]:
    """Serve one file over HTTP (as a web server would send a standalone export: gzip,
    level 5, to a browser that accepts it, when ``compress``); yield its URL."""
    body = path.read_bytes()
    packed = gzip.compress(body, compresslevel=5) if compress else None

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            gz = packed is not None and "gzip" in self.headers.get("Accept-Encoding", "")
            data = packed if gz else body
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-cache")
            if gz:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            # The page may be closed once its map is drawn, before a request has finished.
            with contextlib.suppress(ConnectionError):
                self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/{path.name}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Visit:
    """One page load: seconds to the thing drawn; bytes down until then and in all."""

    seconds: float
    bytes_to_ready: int
    bytes_total: int
    bytes_ws: int


def dashboard_ready(page, probe: str = DRAWN_JS) -> None:
    wait_for_map(page, timeout=180_000, probe=probe)


def bare_ready(page) -> None:
    page.get_by_text("floor").wait_for(timeout=120_000)


def standalone_ready(page, probe: str = DRAWN_JS) -> None:
    page.wait_for_function(f"Object.keys(({probe})()).length > 0", polling="raf", timeout=120_000)


def visit(context, url: str, tap: WireTap | None, profile: Profile, ready) -> Visit:
    """Open ``url`` in a new page of ``context`` under ``profile`` until ``ready(page)``.

    The bytes are those the relay ``tap`` saw (none counted without one); the whole
    visit's once no byte has moved for 1.5 s after the page was ready.
    """
    page = context.new_page()
    throttle(page, profile)
    if tap:
        tap.reset()
    start = time.perf_counter()
    # Not until the load event: the clock stops when the thing is drawn, whichever first.
    page.goto(url, wait_until="commit", timeout=180_000)
    ready(page)
    elapsed = time.perf_counter() - start
    to_ready = tap.down if tap else 0
    if tap:
        tap.wait_quiet()
    visit = Visit(elapsed, to_ready, tap.down if tap else 0, tap.down_ws if tap else 0)
    page.close()
    return visit


def filter_change(context, url: str, profile: Profile, probe: str = DRAWN_JS) -> float:
    """Under ``profile``: click on 'remove Kazakhstan' to the map holding the new
    features, both ends timed in the browser (what the reader waits for)."""
    page = context.new_page()
    throttle(page, profile)
    page.goto(url, wait_until="commit", timeout=180_000)
    wait_for_idle(page, timeout=180_000)
    frame = wait_for_map(page, timeout=180_000, probe=probe)
    page.get_by_text("the map extent on screen").wait_for(timeout=120_000)
    wait_for_idle(page, timeout=120_000)
    frame.evaluate(watch_redraw_js(probe), frame.evaluate(f"() => JSON.stringify(({probe})())"))
    page.evaluate(MARK_CLICK_JS)
    pill(page, "Kazakhstan (KAZ)").click()
    frame.wait_for_function("() => window.__redrawnAt", polling=50, timeout=120_000)
    elapsed = frame.evaluate("() => window.__redrawnAt") - page.evaluate("() => window.__clickAt")
    page.close()
    return elapsed / 1000


# --- Deployments, measured in turns -------------------------------------------------

#: Run in a subprocess: one checkout's deploy/cluster.py (its own code and template) with
#: one process of ``script``, until stdin closes. Prints the balancer's URL.
DEPLOY_SNIPPET = """
import sys, time
root, script = sys.argv[1], sys.argv[2]
sys.path[:0] = [root + "/deploy", root + "/scripts", root + "/src"]
import cluster
with cluster.cluster(1, script=script) as c:
    print(c.url, flush=True)
    sys.stdin.read()
"""


@contextlib.contextmanager
def deployed(checkout: Path, script: str, env: dict[str, str]) -> Iterator[str]:
    """``checkout``'s documented deployment (``deploy/cluster.py``: nginx in front of one
    Streamlit process of ``script``), as that commit has it; yield the balancer's URL."""
    import os
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", DEPLOY_SNIPPET, str(checkout), script],
        cwd=checkout,
        env={**os.environ, **env},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # The cluster may say something first (compressing Streamlit's files, the first
        # time in a fresh checkout); the URL is the line that starts with http.
        said = []
        while (line := proc.stdout.readline()) and not line.startswith("http"):
            said.append(line.strip())
        if not line:
            raise RuntimeError(f"{checkout}: the deployment did not start ({said!r})")
        yield line.strip()
    finally:
        proc.stdin.close()  # the snippet leaves its cluster: nginx and Streamlit stop
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass
class Side:
    """One version under test: its dashboard and its bare page, each behind a relay."""

    dashboard: WireTap
    bare: WireTap


def measure(
    browser,
    sides: dict[str, Side],
    standalone: dict[str, str],
    profiles: list[Profile],
    runs: int,
    probe: str = DRAWN_JS,
    log=print,
) -> dict[str, dict[str, dict[str, list[float]]]]:
    """Every measure, ``runs`` times, profile by profile, the sides taking turns within
    each run (this machine's speed drifts: both sides meet the same drift).

    Returns profile -> side -> measure -> values; the standalone export's measures are
    under the side ``floor``.
    """
    out: dict = {p.name: {s: {} for s in [*sides, "floor"]} for p in profiles}

    def add(profile: Profile, side: str, key: str, value: float) -> None:
        out[profile.name][side].setdefault(key, []).append(value)

    # Each server's caches warm (the first page after start builds them): not counted.
    for name, side in sides.items():
        log(f"warming {name}")
        ctx = browser.new_context(viewport=VIEWPORT)
        visit(ctx, side.dashboard.url, None, PROFILES["unthrottled"], dashboard_ready)
        visit(ctx, side.bare.url, None, PROFILES["unthrottled"], bare_ready)
        ctx.close()
    for run in range(runs):
        for profile in profiles:
            log(f"run {run + 1}/{runs}, {profile.name}")
            for name, side in sides.items():
                try:
                    measure_side(browser, name, side, profile, probe, add)
                except PlaywrightError as error:  # a page that never came, a frame replaced:
                    # said (with the side), not counted, and the other runs still measured
                    log(f"{name}, {profile.name}: this run not counted ({error})")
                    add(profile, name, "timeouts", run)  # which run: the pairs stay paired
            for kind, url in standalone.items():
                ctx = browser.new_context(viewport=VIEWPORT)
                page_visit = visit(ctx, url, None, profile, standalone_ready)
                add(profile, "floor", f"standalone_{kind}_s", page_visit.seconds)
                ctx.close()
    return out


def measure_side(browser, name: str, side: Side, profile: Profile, probe: str, add) -> None:
    """One run of one side's measures under ``profile``, each in fresh browser contexts."""
    ready = lambda page: dashboard_ready(page, probe)  # noqa: E731
    with contextlib.closing(browser.new_context(viewport=VIEWPORT)) as ctx:
        first = visit(ctx, side.dashboard.url, side.dashboard, profile, ready)
        back = visit(ctx, side.dashboard.url, side.dashboard, profile, ready)
        change = filter_change(ctx, side.dashboard.url, profile, probe)
    with contextlib.closing(browser.new_context(viewport=VIEWPORT)) as ctx:
        bare = visit(ctx, side.bare.url, side.bare, profile, bare_ready)
    for key, value in (
        ("time_to_map_s", first.seconds),
        ("time_to_map_returning_s", back.seconds),
        ("bytes_to_map", first.bytes_to_ready),
        ("bytes_first_visit", first.bytes_total),
        ("bytes_first_visit_ws", first.bytes_ws),
        ("bytes_returning_visit", back.bytes_total),
        ("filter_change_s", change),
        ("bare_page_s", bare.seconds),
        ("bare_page_bytes", bare.bytes_total),
    ):
        add(profile, name, key, value)


# --- Summary and the README's table ---------------------------------------------------


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def summarize(results: dict) -> dict:
    """Medians and (min, max) of every measure, and the ratios the issue's targets use:
    time to map against the floor (bare page + standalone export, both served over HTTP
    in the same run) and against the standalone export alone."""
    summary: dict = {}
    for profile, sides in results.items():
        floor = sides["floor"]
        summary[profile] = {}
        for side, measures in sides.items():
            row = {k: median(v) for k, v in measures.items()}
            row["timeouts_count"] = len(measures.get("timeouts", []))
            row.update({f"{k}_range": (min(v), max(v)) for k, v in measures.items()})
            if "time_to_map_s" in row:
                gz = median(floor["standalone_gzip_s"])
                row["floor_s"] = row["bare_page_s"] + gz
                row["ratio_to_floor"] = row["time_to_map_s"] / row["floor_s"]
                row["ratio_to_standalone"] = row["time_to_map_s"] / gz
                if "standalone_plain_s" in floor:
                    row["ratio_to_standalone_plain"] = row["time_to_map_s"] / median(
                        floor["standalone_plain_s"]
                    )
            summary[profile][side] = row
        if {"before", "after"} <= set(sides):
            # Each run's after/before (the two measured minutes apart at most): the ratio
            # least moved by this machine's drift. Runs are matched by number: a run that
            # timed out on one side is left out of both.
            summary[profile]["paired"] = {
                f"{key}_ratio": median([a / b for a, b in run_pairs(sides, key) if b])
                for key in ("time_to_map_s", "time_to_map_returning_s", "filter_change_s")
                if key in sides["after"] and key in sides["before"]
            }
    return summary


def run_pairs(sides: dict, key: str) -> list[tuple[float, float]]:
    """(after, before) of ``key`` for each run both sides completed."""

    def by_run(side: dict) -> dict[int, float]:
        skipped = set(side.get("timeouts", []))
        runs = [r for r in range(len(side[key]) + len(skipped)) if r not in skipped]
        return dict(zip(runs, side[key], strict=True))

    after, before = by_run(sides["after"]), by_run(sides["before"])
    return [(after[r], before[r]) for r in sorted(after.keys() & before.keys())]


README_START = "<!-- network-bench:start -->"
README_END = "<!-- network-bench:end -->"


def _s(value: float) -> str:
    return f"{value:.2f} s"


def _mb(value: float) -> str:
    return f"{value / 1e6:.2f} MB" if value >= 1e5 else f"{value / 1e3:.0f} KB"


def readme_table(summary: dict, base: str, runs: dict[str, int], when: str, machine: str) -> str:
    """The README's table: one column per profile (``runs``: how many runs each had),
    each cell before → after."""
    profiles = [p for p in PROFILES if p in summary]
    head = "| | " + " | ".join(f"{p} ({PROFILES[p].describe()}; {runs[p]} runs)" for p in profiles)
    lines = [head + " |", "|---" * (len(profiles) + 1) + "|"]

    def row(label: str, cell) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(summary[p]) for p in profiles) + " |")

    def both(key: str, fmt) -> callable:
        return lambda s: f"{fmt(s['before'][key])} → **{fmt(s['after'][key])}**"

    def spread(key: str) -> callable:
        def cell(s):
            lo, hi = s["after"][f"{key}_range"]
            return f"{_s(lo)}–{_s(hi)}"

        return cell

    def paired(key: str) -> callable:
        return lambda s: f"{s['paired'][f'{key}_ratio']:.2f}×"

    row("time to map, first visit", both("time_to_map_s", _s))
    row("… spread of the runs (after)", spread("time_to_map_s"))
    if any(s[side].get("timeouts_count") for s in summary.values() for side in ("before", "after")):
        row(
            "… runs left out, before / after (a page never came in 180 s, or its map's "
            "frame was replaced mid-measure)",
            lambda s: f"{s['before']['timeouts_count']} / {s['after']['timeouts_count']}",
        )
    row("… after ÷ before, median of the runs' own ratios", paired("time_to_map_s"))
    row("… against the floor (bare page + standalone)", both("ratio_to_floor", "{:.2f}×".format))
    row(
        "… against the standalone export, gzip / plain",
        lambda s: " / ".join(
            f"{s['before'][k]:.2f}× → **{s['after'][k]:.2f}×**"
            for k in ("ratio_to_standalone", "ratio_to_standalone_plain")
        ),
    )
    row("time to map, returning visit", both("time_to_map_returning_s", _s))
    row("filter change to map redrawn", both("filter_change_s", _s))
    row("… after ÷ before, median of the runs' own ratios", paired("filter_change_s"))
    row("bytes on the wire, first visit", both("bytes_first_visit", _mb))
    row("… of which before the map was drawn", both("bytes_to_map", _mb))
    row("… of which over the websocket", both("bytes_first_visit_ws", _mb))
    row("bytes on the wire, returning visit", both("bytes_returning_visit", _mb))
    row("floor: bare Streamlit page, first content", both("bare_page_s", _s))
    row("floor: bare page, bytes", both("bare_page_bytes", _mb))
    row(
        "floor: standalone HTML export over HTTP, gzip / plain",
        lambda s: f"{_s(s['floor']['standalone_gzip_s'])} / {_s(s['floor']['standalone_plain_s'])}",
    )
    note = (
        f"Before: commit {base}; after: this branch. Each served the documented way "
        "(`deploy/cluster.py`: nginx in front of one Streamlit process), medians of the "
        f"runs, the two versions taking turns within each run; {when}, {machine}. "
        "Generated by `bench/paired.py --network` (`--table-from` its saved runs)."
    )
    return "\n".join([README_START, note, "", *lines, README_END])


def write_readme(readme: Path, table: str) -> None:
    """Replace the table between the markers in ``readme``."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    readme.write_text(text[:start] + table + text[end:], encoding="utf-8")

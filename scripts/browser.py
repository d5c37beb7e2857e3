"""Headless Debian Chromium through Playwright, and a Streamlit server to point it at.

The one home of the browser helpers and Leaflet probes: the browser tests, the screenshot
script, the benchmark and the load script all import them from here. Nothing here
downloads a browser.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Frame, Page

from corridors.i18n import LANGUAGES, translator

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CORRIDORS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, log, timeout: float = 60.0) -> float:
    """Poll /_stcore/health until it answers; return seconds waited. Fail fast if it died."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read()}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r,
        ):
            if r.status == 200:
                return time.perf_counter() - start
        # Wait for the server to exit, at most until the next health check: a crash is
        # reported the moment it happens rather than after the timeout.
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=0.05)
    raise TimeoutError(f"{url} not healthy after {timeout}s")


@dataclass(frozen=True)
class Server:
    """A running Streamlit server: where it is, how long it took to answer, its process."""

    url: str
    healthy_s: float
    pid: int
    log: IO[str]

    def log_text(self) -> str:
        """Everything the server has printed so far."""
        self.log.flush()
        with open(self.log.name, encoding="utf-8", errors="replace") as fh:
            return fh.read()

    def rss_mb(self) -> float:
        """Resident memory of the server process, in MB (Linux /proc)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"no VmRSS for pid {self.pid}")

    def cpu_s(self) -> float:
        """CPU seconds (user + system) the server process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def streamlit_server(
    script: str = "app.py", env: dict[str, str] | None = None, cwd: Path = ROOT
) -> Iterator[Server]:
    """Run ``streamlit run script`` (in ``cwd``: another checkout, for a paired benchmark)
    on a free port until the block ends."""
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    # The server's output goes to a file, not a pipe: a pipe nobody reads fills up after
    # some 64 KB of log lines and then blocks the server mid-request.
    with tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log") as log:
        proc = subprocess.Popen(
            cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            yield Server(url, wait_healthy(url, proc, log), proc.pid, log)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def launch(playwright):
    """Launch Debian's Chromium headless with the flags this network needs."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


#: The app root once the script has finished running (Streamlit marks it there).
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
#: JS: the layer groups streamlit-folium last swapped into the live map (changes per view).
LAYERS_JS = "() => window.__GLOBAL_DATA__ ? window.__GLOBAL_DATA__.last_feature_group : null"


def wait_for_idle(page, timeout: float = 60_000) -> None:
    """Wait until no script run is in progress.

    Not a barrier after a click: the rerun a click causes may not have started yet, so
    this can return before it. After an action, wait for what the action changes.
    """
    page.wait_for_selector(APP_IDLE, timeout=timeout)


#: JS: bind ``window.map`` to the page's map (the map's scripts attach it: see
#: ``corridorsMap`` in src/corridors/render/js/layers.js; streamlit-folium's frame has it too).
BIND_MAP_JS = """() => {
    window.map = window.map || (window.corridorsMap && window.corridorsMap.map());
}"""
#: JS: feature id -> status of every feature on the map now, through the map's documented
#: test interface (``corridorsMap.drawn``), the same in the live map and a standalone file.
DRAWN_JS = "() => (window.corridorsMap ? window.corridorsMap.drawn() : {})"
#: JS: the drawn features as one comparable string.
DRAWN_KEY_JS = f"() => JSON.stringify(({DRAWN_JS})())"


#: In the page: remember when the user's click happened (epoch ms, comparable across frames).
MARK_CLICK_JS = """() => document.addEventListener('click', () => {
    window.__clickAt = performance.timeOrigin + performance.now();
}, {capture: true, once: true})"""


def watch_redraw_js(probe: str = DRAWN_JS) -> str:
    """In the map frame: remember when the drawn features (``probe``) first differ from
    ``before``."""
    return f"""(before) => {{
    window.__redrawnAt = null;
    const key = () => JSON.stringify(({probe})());
    const tick = () => {{
        const now = performance.timeOrigin + performance.now();
        if (key() !== before) window.__redrawnAt = now;
        else requestAnimationFrame(tick);
    }};
    tick();
}}"""


def map_frame(page, timeout: float = 60_000):
    """The streamlit-folium iframe's frame, once it exists."""
    return page.wait_for_selector(MAP_FRAME, timeout=timeout).content_frame()


def wait_for_map(page, timeout: float = 60_000, probe: str = DRAWN_JS):
    """Wait until Leaflet has features on the map in the iframe; return the frame.

    ``probe``: the JS that lists the drawn features (the benchmark passes one that also
    reads commits from before the map's test interface)."""
    frame = map_frame(page, timeout)
    frame.wait_for_function(f"Object.keys(({probe})()).length > 0", timeout=timeout, polling="raf")
    return frame


def open_app(page: Page, url: str) -> Frame:
    """Open the dashboard, wait for the script and the map; return the map's frame."""
    page.goto(url)
    wait_for_idle(page)
    frame = wait_for_map(page)
    # Once drawn, the map reports its extent, which reruns the map fragment; interact only
    # after that rerun, or the page's layout can still move under the mouse.
    lang = parse_qs(urlparse(url).query).get("lang", ["en"])[-1]
    said = translator(lang if lang in LANGUAGES else "en")("the map extent on screen")
    page.get_by_text(said).wait_for(timeout=30_000)
    wait_for_idle(page)
    return frame


def drawn(frame: Frame) -> dict[str, str]:
    """Feature id -> status of everything Leaflet has on the map now."""
    return frame.evaluate(DRAWN_JS)


def wait_until_drawn_changes(page: Page, before: dict[str, str], timeout: float = 30_000) -> dict:
    """Wait for the rerun to finish and the map to hold a different set of features."""
    wait_for_idle(page)
    frame = map_frame(page)
    frame.wait_for_function(
        f"""(before) => {{
            const now = ({DRAWN_JS})();
            const ids = Object.keys(now);
            return ids.length !== Object.keys(before).length || ids.some(i => now[i] !== before[i]);
        }}""",
        arg=before,
        timeout=timeout,
    )
    return drawn(frame)


def settled_drawn(page: Page, timeout: float = 30_000) -> dict[str, str]:
    """After a rerun: wait for the script to finish and the map to stop changing."""
    wait_for_idle(page)
    frame = map_frame(page)
    frame.wait_for_function(
        f"""() => {{
            const now = ({DRAWN_KEY_JS})();
            const same = window.__lastDrawn === now;
            window.__lastDrawn = now;
            return same;
        }}""",
        polling=250,
        timeout=timeout,
    )
    return drawn(frame)


#: True once Leaflet has finished the zoom animation of the initial fitBounds.
MAP_IDLE_JS = "() => window.map && !window.map._animatingZoom && !window.map._panAnim?._inProgress"

#: JS: where a feature is on the page (its marker, or its line's middle), or null.
POINT_OF_JS = "(fid) => window.corridorsMap.pointOf(fid)"


#: JS: pan the map (no animation) so the feature is well inside it, as a user would; true
#: if the map had to move.
PAN_TO_FEATURE_JS = """(fid) => {
    const found = window.corridorsMap.find(fid);
    const ll = found.getLatLng ? found.getLatLng() : found.getCenter();
    const p = window.map.latLngToContainerPoint(ll), size = window.map.getSize();
    if (p.x > 60 && p.y > 60 && p.x < size.x - 60 && p.y < size.y - 60) return false;
    window.map.panInside(ll, {padding: [80, 80], animate: false});
    return true;
}"""


def click_feature(page: Page, frame: Frame, fid: str) -> None:
    """A real mouse click on a feature (a marker, or the middle of a line) where it is drawn.

    If an earlier popup's auto-pan moved the feature out of view, the map is first panned
    to it, as a user would; the pan reruns only the map's fragment, and the click waits for
    the app to be idle again.
    """
    frame.evaluate("() => { window.map.closePopup(); }")  # return nothing: the map is huge
    # A closed popup fades out before it leaves the page: wait until it has gone.
    frame.wait_for_function("() => !document.querySelector('.leaflet-popup')")
    frame.wait_for_function(MAP_IDLE_JS)
    if frame.evaluate(PAN_TO_FEATURE_JS, fid):
        frame.wait_for_function(MAP_IDLE_JS)
        wait_for_idle(page)
    # A click focuses the iframe, and the browser scrolls a focused iframe fully into view:
    # centre it first, so that scroll cannot move the map under the mouse.
    iframe_el = page.locator("iframe[title='streamlit_folium.st_folium']")
    iframe_el.evaluate("e => e.scrollIntoView({block: 'center'})")
    point = frame.evaluate(POINT_OF_JS, fid)
    assert point, f"{fid} is not on the map"
    iframe = iframe_el.bounding_box()
    page.mouse.click(iframe["x"] + point["x"], iframe["y"] + point["y"])


CANVAS_COLOURS_JS = """() => {
    const seen = new Set();
    document.querySelectorAll('.leaflet-overlay-pane canvas').forEach(c => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4) {
            if (d[i + 3] > 200) seen.add('#' + [d[i], d[i + 1], d[i + 2]].map(
                v => v.toString(16).padStart(2, '0')).join(''));
        }
    });
    return Array.from(seen);
}"""


def canvas_colours(frame: Frame) -> set[str]:
    """Opaque colours painted on the map's canvas (what the user actually sees)."""
    return set(frame.evaluate(CANVAS_COLOURS_JS))


def painted_near(colours: set[str], target: str, tolerance: int = 40) -> bool:
    """Whether a colour close to ``target`` is painted (lines are drawn semi-opaque)."""
    want = [int(target[i : i + 2], 16) for i in (1, 3, 5)]
    return any(
        sum(abs(int(c[i : i + 2], 16) - w) for i, w in zip((1, 3, 5), want, strict=True))
        <= tolerance
        for c in colours
    )


def pill(page: Page, name: str):
    """A filter's pill in the sidebar (a toggle: ``aria-pressed`` says whether it is on)."""
    return page.locator("[data-testid='stSidebar']").get_by_role("button", name=name, exact=True)


def unpick(page: Page, name: str) -> None:
    """Turn a chosen filter value off (click its pill) and wait until the page shows it off."""
    button = pill(page, name)
    button.click()
    button.and_(page.locator("[aria-pressed='false']")).wait_for()


def popup_of(frame, fid: str):
    """The open popup's entry for one feature (a popup lists every feature under a click)."""
    return frame.locator(f'.leaflet-popup .corridors-popup[data-feature-id="{fid}"]')

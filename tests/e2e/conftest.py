"""A live dashboard and Debian's headless Chromium (Playwright drives it; no download)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from browser import (
    CHROMIUM,
    DRAWN_JS,
    DRAWN_KEY_JS,
    launch,
    map_frame,
    streamlit_server,
    wait_for_app,
    wait_for_map,
)
from playwright.sync_api import Frame, Page, sync_playwright

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: `make system` installs Debian's chromium")
    with sync_playwright() as pw:
        browser = launch(pw)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with streamlit_server() as server:
        yield server.url
        assert "Traceback" not in server.log_text(), server.log_text()[-3000:]


class Recorder:
    """Console errors and every request the page makes, local or not."""

    def __init__(self, page: Page):
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme in ("http", "https", "ws", "wss") and parsed.hostname not in LOCAL_HOSTS:
            self.external.append(request.url)


@pytest.fixture
def page(chromium) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.recorder = Recorder(page)
    yield page
    context.close()


def open_app(page: Page, url: str) -> Frame:
    """Open the dashboard, wait for the script and the map; return the map's frame."""
    page.goto(url)
    wait_for_app(page)
    frame = wait_for_map(page)
    # Once drawn, the map reports its extent, which reruns the map fragment; interact only
    # after that rerun, or the page's layout can still move under the mouse.
    page.get_by_text("the map extent on screen").wait_for(timeout=30_000)
    wait_for_app(page)
    return frame


def drawn(frame: Frame) -> dict[str, str]:
    """Feature id -> status of everything Leaflet has on the map now."""
    return frame.evaluate(DRAWN_JS)


def wait_until_drawn_changes(page: Page, before: dict[str, str], timeout: float = 30_000) -> dict:
    """Wait for the rerun to finish and the map to hold a different set of features."""
    wait_for_app(page)
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
    wait_for_app(page)
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

POINT_OF_JS = """(fid) => {
    let found = null;
    window.map.eachLayer(l => {
        if (!found && l.feature && l.feature.properties.id === fid) found = l;
    });
    if (!found) return null;
    const ll = found.getLatLng ? found.getLatLng() : found.getCenter();
    const p = window.map.latLngToContainerPoint(ll);
    const box = window.map.getContainer().getBoundingClientRect();
    return {x: box.left + p.x, y: box.top + p.y};
}"""


def click_feature(page: Page, frame: Frame, fid: str) -> None:
    """A real mouse click on a feature (a marker, or the middle of a line) where it is drawn."""
    # Close any open popup (it could cover the target). The map is not moved: a move makes
    # streamlit-folium report new bounds, which reruns the map fragment mid-click.
    frame.evaluate("() => window.map.closePopup()")
    frame.wait_for_function(MAP_IDLE_JS)
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

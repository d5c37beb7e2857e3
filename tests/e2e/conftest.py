"""A live dashboard and Debian's headless Chromium (Playwright drives it; no download)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from browser import CHROMIUM, launch, streamlit_server, wait_for_app, wait_for_map
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
    with streamlit_server() as (url, _):
        yield url


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
    wait_for_map(page)
    return map_frame(page)


def map_frame(page: Page) -> Frame:
    return next(f for f in page.frames if "streamlit_folium" in f.url)


DRAWN_JS = """() => {
    const out = {};
    window.map.eachLayer(l => {
        if (l.feature && l.feature.properties && l.feature.properties.status) {
            out[l.feature.properties.id] = l.feature.properties.status;
        }
    });
    return out;
}"""


def drawn(frame: Frame) -> dict[str, str]:
    """Feature id -> status of everything Leaflet has on the map now."""
    return frame.evaluate(DRAWN_JS)


def wait_until_drawn_changes(page: Page, before: dict[str, str], timeout: float = 30_000) -> dict:
    """Wait for the rerun to finish and the map to hold a different set of features."""
    wait_for_app(page)
    frame = map_frame(page)
    frame.wait_for_function(
        f"(before) => JSON.stringify(({DRAWN_JS})()) !== before",
        arg=_stable_json(before),
        timeout=timeout,
    )
    return drawn(frame)


def _stable_json(d: dict) -> str:
    import json

    return json.dumps(d, separators=(",", ":"))


def settled_drawn(page: Page, timeout: float = 30_000) -> dict[str, str]:
    """After a rerun: wait for the script to finish and the map to stop changing."""
    wait_for_app(page)
    frame = map_frame(page)
    frame.wait_for_function(
        f"""() => {{
            const now = JSON.stringify(({DRAWN_JS})());
            const same = window.__lastDrawn === now;
            window.__lastDrawn = now;
            return same;
        }}""",
        polling=250,
        timeout=timeout,
    )
    return drawn(frame)

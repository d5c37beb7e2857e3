"""A live dashboard and Debian's headless Chromium (Playwright drives it; no download).

Fixtures only: the browser helpers and Leaflet probes the tests use live in
``scripts/browser.py``, shared with the screenshot, benchmark and load scripts.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from browser import CHROMIUM, launch, streamlit_server
from playwright.sync_api import Page, sync_playwright

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

"""Exports in the browser: the standalone HTML offline from disk, downloads from the page."""

from __future__ import annotations

import matplotlib.image as mpimg
import pandas as pd
from browser import DRAWN_JS, MAP_IDLE_JS, POINT_OF_JS, open_app, popup_of
from playwright.sync_api import Page

from corridors.cli import main
from corridors.config import DEFAULT_DATA_DIR
from corridors.data.loader import load_dataset
from corridors.selection import Selection, select_features
from corridors.view import on_map


def test_standalone_html_opens_offline_and_draws_the_features(tmp_path, page: Page):
    out = tmp_path / "view.html"
    assert main(["export", "--countries", "KAZ", "--year", "2023", "--out", str(out)]) == 0
    requests: list[str] = []

    def block(route):
        if route.request.url.startswith("file:"):
            return route.continue_()
        requests.append(route.request.url)
        return route.abort()

    page.route("**/*", block)
    page.goto(out.as_uri())
    ds = load_dataset(DEFAULT_DATA_DIR)
    # Every feature with a place (an event held online has none to be drawn at).
    expected = on_map(select_features(ds.features(), Selection(countries=("KAZ",), year=2023)))
    page.wait_for_function(f"Object.keys(({DRAWN_JS})()).length > 0")
    assert set(page.evaluate(DRAWN_JS)) == set(expected["id"])
    assert requests == []
    assert page.recorder.errors == []
    page.wait_for_function(MAP_IDLE_JS)
    capital = "capital-astana"
    point = page.evaluate(POINT_OF_JS, capital)
    page.mouse.click(point["x"], point["y"])
    popup_of(page, capital).wait_for()  # with the summit held there, in one popup
    assert page.recorder.errors == []


def test_download_png_from_the_dashboard(tmp_path, page: Page, app_url: str):
    open_app(page, f"{app_url}/?countries=KGZ&year=2023")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="PNG", exact=True).click()
    download = info.value
    assert download.suggested_filename.endswith(".png")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert mpimg.imread(path).shape[:2] == (1000, 1600)


def test_download_the_features_table_from_its_tab(tmp_path, page: Page, app_url: str):
    """The Features tab's CSV: every feature of the view, with its sources, read back."""
    open_app(page, f"{app_url}/?countries=KGZ&year=2023")
    page.get_by_role("tab", name="Features and sources").click()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Features table (CSV, with sources)").click()
    download = info.value
    assert download.suggested_filename == "corridors-features-2023-kgz.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    ds = load_dataset(DEFAULT_DATA_DIR)
    expected = select_features(ds.features(), Selection(countries=("KGZ",), year=2023))
    assert set(table["id"]) == set(expected["id"])
    assert (table["source_urls"].str.startswith("http")).all()

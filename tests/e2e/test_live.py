"""The live map's features in a real Chromium: fetched once, shown per selection in the
library's drawing order, labels inside the map, and a failed fetch said on the map."""

from __future__ import annotations

import re

from browser import (
    MAP_FRAME,
    MAP_IDLE_JS,
    drawn,
    map_frame,
    open_app,
    pill,
    unpick,
    wait_for_idle,
    wait_until_drawn_changes,
)
from playwright.sync_api import Page, expect

from corridors.data.loader import load_dataset
from corridors.render import live

#: The features on the canvas, bottom to top (the map's test interface).
CANVAS_ORDER_JS = "() => window.corridorsMap.stack()"

#: Every label shown, with its box and the map's size.
LABEL_BOXES_JS = """() => {
    const box = window.map.getContainer().getBoundingClientRect();
    return [...document.querySelectorAll('.corridors-label')]
        .filter(el => el.style.visibility === 'visible')
        .map(el => {
            const r = el.getBoundingClientRect();
            return {text: el.textContent, left: r.left - box.left, top: r.top - box.top,
                    right: r.right - box.left, bottom: r.bottom - box.top,
                    width: box.width, height: box.height};
        });
}"""


def library_ids() -> list[str]:
    features = load_dataset().features()
    return list(features.loc[live.library_order(features), "id"])


def test_features_come_back_in_the_librarys_drawing_order(page: Page, app_url: str):
    """Hidden and shown again, Kazakhstan's features are drawn where they belong (big
    markers under small ones), not on top of everything added before them."""
    frame = open_app(page, app_url)
    order = library_ids()
    shown = frame.evaluate(CANVAS_ORDER_JS)
    assert shown == [fid for fid in order if fid in set(shown)]
    before = drawn(frame)
    unpick(page, "Kazakhstan (KAZ)")
    fewer = wait_until_drawn_changes(page, before)
    assert len(fewer) < len(before)
    pill(page, "Kazakhstan (KAZ)").click()
    again = wait_until_drawn_changes(page, fewer)
    assert again == before
    shown = map_frame(page).evaluate(CANVAS_ORDER_JS)
    assert shown == [fid for fid in order if fid in set(shown)]
    assert set(shown) == set(again)


def test_the_library_is_fetched_once_per_page_not_per_filter(page: Page, app_url: str):
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if ".json.gz" in r.url else None)
    frame = open_app(page, app_url)
    before = drawn(frame)
    unpick(page, "Kazakhstan (KAZ)")
    wait_until_drawn_changes(page, before)
    assert len(fetched) == 1 and "/features-en-" in fetched[0]


def test_the_maps_files_come_once_each_not_per_rerun(page: Page, app_url: str):
    """The map's file (Leaflet, the map's scripts, the base map) and the library: one
    request each on the wire (Chromium's own network log), none again on a filter change."""
    asked = []
    names = re.compile(r"/(map-en|features-en)-[0-9a-f]+\.(js|json\.gz)$")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")

    def note(event):
        if found := names.search(event["request"]["url"]):
            asked.append(found.group(1))

    cdp.on("Network.requestWillBeSent", note)
    frame = open_app(page, app_url)
    before = drawn(frame)
    unpick(page, "Kazakhstan (KAZ)")
    wait_until_drawn_changes(page, before)
    assert sorted(asked) == ["features-en", "map-en"], asked


def test_labels_are_never_cut_by_the_maps_edge(page: Page, app_url: str):
    frame = open_app(page, f"{app_url}/?bbox=70,38,80,44")
    frame.wait_for_function(MAP_IDLE_JS)
    frame.wait_for_function(f"() => ({LABEL_BOXES_JS})().length > 0")
    for zoom in (None, 5, 8):
        if zoom:
            # (in braces: setView returns the map, too big an object to send back)
            frame.evaluate(
                f"() => {{ window.map.setView([41.5, 75.0], {zoom}, {{animate: false}}); }}"
            )
            frame.wait_for_function(MAP_IDLE_JS)
            frame.evaluate("() => window.corridorsDeclutter()")
        boxes = frame.evaluate(LABEL_BOXES_JS)
        assert boxes, zoom
        cut = [b["text"] for b in boxes if b["left"] < -0.5 or b["top"] < -0.5
               or b["right"] > b["width"] + 0.5 or b["bottom"] > b["height"] + 0.5]  # fmt: skip
        assert cut == [], (zoom, cut)


def test_a_failed_fetch_is_said_on_the_map_and_the_page_still_works(page: Page, app_url: str):
    page.route("**/features-*.json.gz", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(app_url)
    wait_for_idle(page)
    frame = page.wait_for_selector(MAP_FRAME).content_frame()
    alert = frame.locator(".corridors-error[role='alert']")
    expect(alert).to_contain_text("could not be loaded")
    expect(alert).to_contain_text("HTTP 404")
    expect(page.get_by_role("heading", name="Corridors: China and Central Asia")).to_be_visible()
    assert frame.evaluate("() => window.corridorsLive.error") == "HTTP 404"

"""The dashboard by keyboard alone (WCAG 2.1.1, issue 24): Tab reaches every filter, the
search, the map's zoom and each download, and the keys operate them. No mouse click here:
each control is reached by pressing Tab from where the focus is, as a reader would."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from browser import MAP_IDLE_JS, map_frame, open_app, popup_of, wait_for_idle
from playwright.sync_api import Page, expect

from corridors.export import FORMATS

#: JS: what has the keyboard focus, looking into the map's frame (same origin).
FOCUSED_JS = """() => {
    let el = document.activeElement, where = 'page';
    if (el && el.tagName === 'IFRAME') {
        el = el.contentDocument.activeElement;
        where = 'map';
    }
    if (!el) return null;
    const label = el.getAttribute('aria-label') || '';
    const group = el.closest('[role=toolbar], [role=group], [role=radiogroup]');
    return {
        where: where, tag: el.tagName, role: el.getAttribute('role') || '',
        name: (label || el.innerText || '').replace(/\\s+/g, ' ').trim(),
        group: group ? group.getAttribute('aria-label') || '' : '',
    };
}"""
#: Tab stops to try before giving up (the page has about 45).
MOST_TABS = 150


def listed(url: str, key: str) -> list[str]:
    """The values of a list in the URL's query (``countries=KAZ,KGZ``)."""
    values = parse_qs(urlparse(url).query).get(key, [""])
    return values[-1].split(",") if values[-1] else []


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED_JS) or {}


def tab_to(page: Page, what: str, **wanted: str) -> dict:
    """Press Tab until the focused element matches every ``wanted`` field (``name`` is a
    regular expression; the others exact); fail saying what was visited."""
    seen = []
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        now = focused(page)
        seen.append(now.get("name", "")[:30])
        if all(
            re.search(value, now.get(key, "")) if key == "name" else now.get(key) == value
            for key, value in wanted.items()
        ):
            return now
    raise AssertionError(f"Tab never reached {what}; visited: {seen}")


def press_until(page: Page, key: str, what: str, name: str, most: int = 10) -> None:
    """Press ``key`` (arrows inside a group) until the focused element is named ``name``."""
    for _ in range(most):
        if re.search(name, focused(page).get("name", "")):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {what}: at {focused(page)}")


def restart(page: Page) -> None:
    """Start tabbing from the top of the page again."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.locator("body").focus()


def test_every_filter_by_keyboard(page: Page, app_url: str):
    open_app(page, f"{app_url}/?lang=en&year=2025")
    restart(page)
    # Countries (all six at first): one tab stop for the group, arrows move inside it,
    # Space turns one off.
    tab_to(page, "the countries", group="Countries")
    press_until(page, "ArrowRight", "Kazakhstan", r"^Kazakhstan \(KAZ\)$")
    page.keyboard.press("Space")
    page.wait_for_url(
        lambda url: "KGZ" in listed(url, "countries") and "KAZ" not in listed(url, "countries")
    )
    wait_for_idle(page)
    # The year: arrows on the slider.
    restart(page)
    tab_to(page, "the year slider", name="^Year$")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"year=2024\b"))
    wait_for_idle(page)
    # Playback: Enter plays and pauses.
    restart(page)
    tab_to(page, "Play", name="Play$")
    page.keyboard.press("Enter")
    pause = page.get_by_role("button", name="Pause")
    expect(pause).to_be_visible()
    pause.focus()  # the button was drawn anew (its words changed): focus it as it is now
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    wait_for_idle(page)
    # Layers and statuses: pills, as countries.
    restart(page)
    tab_to(page, "the layers", group="Layers")
    press_until(page, "ArrowRight", "Railways", "^Railways$")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: listed(url, "layers") and "railways" not in listed(url, "layers"))
    wait_for_idle(page)
    restart(page)
    tab_to(page, "the statuses", group="Status in that year")
    press_until(page, "ArrowRight", "Suspended", "^Suspended$")
    page.keyboard.press("Enter")
    page.wait_for_url(
        lambda url: listed(url, "status") and "suspended" not in listed(url, "status")
    )
    wait_for_idle(page)
    # Basemap: arrows inside the radio group.
    restart(page)
    tab_to(page, "the basemap", group="Basemap")
    page.keyboard.press("ArrowDown")
    page.wait_for_url(re.compile(r"basemap=osm\b"))
    wait_for_idle(page)
    # Reset filters: Enter, and the filters are back (the basemap is the map's view, not a
    # filter: it stays).
    restart(page)
    tab_to(page, "Reset filters", name="^Reset filters$")
    page.keyboard.press("Enter")
    page.wait_for_url(
        lambda url: (
            "KAZ" in listed(url, "countries")
            and "railways" in listed(url, "layers")
            and "suspended" in listed(url, "status")
            and "year=2025" in url
        )
    )


def test_search_and_zoom_by_keyboard(page: Page, app_url: str):
    frame = open_app(page, f"{app_url}/?lang=en&year=2025")
    restart(page)
    tab_to(page, "the search", name="^Find a feature or a place$")
    page.keyboard.type("Line C")
    page.keyboard.press("Enter")
    popup = popup_of(map_frame(page), "cacgp-line-c")
    expect(popup).to_be_visible()
    frame = map_frame(page)
    frame.wait_for_function(MAP_IDLE_JS)
    zoom = frame.evaluate("() => window.map.getZoom()")
    restart(page)
    tab_to(page, "the map's zoom-in button", where="map", name="^Zoom in$")
    page.keyboard.press("Enter")
    frame.wait_for_function("(z) => window.map.getZoom() > z", arg=zoom)
    # The map itself takes the keyboard too: "-" on it zooms out.
    zoom = frame.evaluate("() => window.map.getZoom()")
    restart(page)
    tab_to(page, "the map", where="map", name="^Map of the corridors$")
    page.keyboard.press("-")
    frame.wait_for_function("(z) => window.map.getZoom() < z", arg=zoom)


def test_every_download_by_keyboard(page: Page, app_url: str):
    """Each button under the map, reached by Tab and pressed with Enter, downloads its file
    (a small view: one country, two layers, so the files are quick to make)."""
    open_app(page, f"{app_url}/?lang=en&countries=KGZ&year=2023&layers=railways,crossings")
    labels = [
        ("PNG", ".png"), ("SVG", ".svg"), ("PDF", ".pdf"), ("Print PDF", "-a4.pdf"),
        ("HTML (interactive)", ".html"), ("GeoJSON", ".geojson"),
        ("Trade CSV, this year", "-2023-kgz.csv"), ("Trade CSV, all years", "-2009-2025-kgz.csv"),
        ("GIF 2009–2025", ".gif"),
    ]  # fmt: skip
    assert len(labels) == len(FORMATS) + 1  # every format, and the print page
    restart(page)
    for label, suffix in labels:
        tab_to(page, f"the {label} button", tag="BUTTON", name=f"^{re.escape(label)}$")
        with page.expect_download(timeout=120_000) as info:
            page.keyboard.press("Enter")
        assert info.value.suggested_filename.endswith(suffix), info.value.suggested_filename


def test_scroll_boxes_by_keyboard_on_a_phone(chromium, app_url: str):
    """On a phone the trade table is wider than the page: Tab reaches its box and the arrow
    keys scroll it. (The year's milestones no longer scroll: their box grows with them.)"""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        open_app(page, f"{app_url}/?lang=ru&year=2025")
        caption = page.locator(".st-key-year_caption [role='region']")
        assert caption.evaluate("e => e.scrollHeight <= e.clientHeight + 1")  # all shown
        restart(page)
        box = tab_to(page, "the trade table", name="^Товарооборот с Китаем, 2025$")
        assert box["role"] == "region"
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    finally:
        context.close()

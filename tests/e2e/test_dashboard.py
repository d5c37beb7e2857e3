"""The dashboard in a real headless Chromium: offline, layered, filterable, shareable."""

from __future__ import annotations

import json
import re

import pytest
from browser import (
    MAP_IDLE_JS,
    canvas_colours,
    click_feature,
    drawn,
    open_app,
    painted_near,
    popup_of,
    settled_drawn,
    unpick,
    wait_for_idle,
    wait_until_drawn_changes,
)
from playwright.sync_api import Page, expect

from corridors.render.styles import feature_style


def test_page_loads_offline_without_console_errors(page: Page, app_url: str):
    frame = open_app(page, app_url)
    page.wait_for_load_state("networkidle")  # late requests (fonts, icons) still count
    assert page.recorder.external == []
    assert page.recorder.errors == []
    assert frame.evaluate("() => typeof L !== 'undefined' && L.version") == "1.9.4"


def test_map_shows_every_layer(page: Page, app_url: str):
    frame = open_app(page, app_url)
    # One switch for layers, the sidebar's: the map has no layer box of its own to disagree.
    expect(frame.locator(".leaflet-control-layers")).to_have_count(0)
    ids = drawn(frame)
    assert {"cacgp-line-a", "china-kyrgyzstan-uzbekistan-railway", "summit-2025-astana"} <= set(ids)
    expect(frame.locator(".corridors-legend")).to_be_visible()
    painted = canvas_colours(frame)
    for colour in ("#d55e00", "#0072b2", "#009e73", "#e69f00"):  # pipeline, rail, crossing, event
        assert painted_near(painted, colour), colour


#: Each feature on the live map: its kind, status, shape, the casings it is drawn with,
#: and whether the canvas draws them (corridorsLayers.installCasings).
CASINGS_JS = """() => {
    const out = {};
    window.map.eachLayer((l) => {
        if (!(l.feature && l.feature.properties.status)) return;
        const p = l.feature.properties;
        out[p.id] = {kind: p.kind, status: p.status, point: !!l.getLatLng,
                     casings: l.options.casings || [],
                     cased: l._renderer instanceof L.Canvas && L.Canvas.prototype.corridorsCased};
    });
    return out;
}"""


@pytest.mark.parametrize("query", ["", "year=2016"])
def test_every_symbol_on_the_live_map_is_cased(page: Page, app_url: str, query: str):
    """Each feature is drawn over the casings its kind and status have in the style
    tables (a halo, and a dark casing dash by dash), by the map's canvas; 2016 shows
    other statuses (lines under construction), restyled from the library's."""
    frame = open_app(page, f"{app_url}/?{query}")
    symbols = frame.evaluate(CASINGS_JS)
    assert len(symbols) >= 20
    assert any(s["casings"] and s["casings"][1]["dash"] for s in symbols.values())
    for fid, s in symbols.items():
        shape = "Point" if s["point"] else "LineString"
        assert s["cased"], fid
        assert s["casings"] == feature_style(s["kind"], s["status"], shape)["casings"], fid


def test_choosing_one_country_reduces_the_features(page: Page, app_url: str):
    frame = open_app(page, app_url)
    before = drawn(frame)
    for name in (
        "China (CHN)",
        "Kazakhstan (KAZ)",
        "Tajikistan (TJK)",
        "Turkmenistan (TKM)",
        "Uzbekistan (UZB)",
    ):
        unpick(page, name)
    # Each click reruns the page: wait for the last one's state (the URL has it), not for
    # the first redraw, which may show a map with only China removed.
    page.wait_for_url(re.compile(r"countries=KGZ(&|$)"))
    wait_until_drawn_changes(page, before)
    after = settled_drawn(page)
    assert 0 < len(after) < len(before)
    assert "capital-bishkek" in after and "capital-astana" not in after


def test_moving_the_year_changes_statuses(page: Page, app_url: str):
    frame = open_app(page, f"{app_url}/?year=2025")
    before = drawn(frame)
    slider = page.get_by_role("slider", name="Year")
    slider.focus()
    for _ in range(11):  # 2025 -> 2014
        slider.press("ArrowLeft")
    page.wait_for_url(re.compile(r"year=2014"))
    after = settled_drawn(page)
    changed = {k for k in after if before.get(k) != after[k]}
    assert changed, "no status changed between 2025 and 2014"
    assert len(after) < len(before)  # later projects not yet announced in 2014


def test_url_round_trips_the_state(page: Page, app_url: str, chromium):
    frame = open_app(page, f"{app_url}/?countries=KGZ,UZB&year=2019&layers=railways,events")
    state = drawn(frame)
    assert "countries=KGZ%2CUZB" in page.url or "countries=KGZ,UZB" in page.url
    other = chromium.new_page()
    try:
        again = open_app(other, page.url)
        assert drawn(again) == state
        expect(other.get_by_role("slider", name="Year")).to_have_attribute("aria-valuetext", "2019")
    finally:
        other.close()


def test_bad_url_shows_a_notice_not_a_crash(page: Page, app_url: str):
    open_app(page, f"{app_url}/?countries=ATLANTIS&year=abc")
    expect(page.get_by_text("Unknown country 'ATLANTIS'")).to_be_visible()
    expect(page.get_by_text("Year 'abc' in the URL")).to_be_visible()


def test_clicking_a_feature_opens_its_popup(page: Page, app_url: str):
    frame = open_app(page, f"{app_url}/?layers=events&year=2025")
    click_feature(page, frame, "fmm-2024-chengdu")
    popup = popup_of(frame, "fmm-2024-chengdu")
    expect(popup).to_contain_text("Ministerial meeting — held December 1, 2024")
    expect(popup.locator("a").first).to_have_attribute("href", re.compile(r"^https?://"))


def test_show_on_map_centres_the_event(page: Page, app_url: str):
    frame = open_app(page, f"{app_url}/?year=2025")
    page.get_by_role("tab", name="Events").click()
    expect(page.get_by_role("heading", name="Summits and meetings")).to_be_visible()
    # The earliest meeting with a place: Xi'an, May 2021 (the July 2020 one was held online,
    # so it has nothing to show on the map).
    page.get_by_role("button", name="Show on map", disabled=False).first.click()
    frame.wait_for_function("() => window.map.getZoom() === 7")
    assert "fmm-2021-xian" in drawn(frame)  # same live map, layers kept
    expect(popup_of(frame, "fmm-2021-xian")).to_be_visible()  # its popup opens
    # Centred on Xi'an (the open popup may pan the map a little to fit on screen).
    frame.wait_for_function(MAP_IDLE_JS)
    point = frame.evaluate("() => window.map.latLngToContainerPoint([34.2611, 108.9422])")
    size = frame.evaluate("() => window.map.getSize()")
    assert 0.25 < point["x"] / size["x"] < 0.75 and 0.25 < point["y"] / size["y"] < 0.9
    # ... and the map is brought into view (it sits far above the Events tab).
    box = page.locator("iframe[title='streamlit_folium.st_folium']").bounding_box()
    viewport = page.viewport_size
    assert 0 <= box["y"] + box["height"] / 2 <= viewport["height"]


def test_event_buttons_say_why_they_are_off(page: Page, app_url: str):
    open_app(page, f"{app_url}/?year=2015")
    page.get_by_role("tab", name="Events").click()
    expect(page.get_by_role("heading", name="Summits and meetings")).to_be_visible()
    expect(page.get_by_text("Not yet announced in 2015").first).to_be_visible()


def test_toggling_a_layer_keeps_map_url_caption_and_export_in_step(
    page: Page, app_url: str, tmp_path
):
    frame = open_app(page, f"{app_url}/?year=2025")
    before = drawn(frame)
    unpick(page, "Railways")
    after = wait_until_drawn_changes(page, before)
    # Read the address bar itself (Streamlit rewrites it in place, with "," or "%2C").
    try:
        page.wait_for_function(
            "() => { const p = new URLSearchParams(location.search);"
            " return p.get('layers') === 'pipelines,crossings,projects,events,trade'; }"
        )
    except Exception as exc:  # say what the address bar held instead
        raise AssertionError(f"URL is {page.evaluate('() => location.href')}") from exc
    expect(page.get_by_text("2025 · all six countries · 5 of 6 layers")).to_be_visible()
    railways = {"china-kyrgyzstan-uzbekistan-railway", "vahdat-yavan-railway", "angren-pap-railway"}
    assert railways <= set(before) and not railways & set(after)
    wait_for_idle(page)  # the rerun that redrew the map also redraws the download buttons
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="GeoJSON", exact=True).click()
    path = tmp_path / "view.geojson"
    info.value.save_as(path)
    exported = {f["properties"]["id"] for f in json.loads(path.read_text())["features"]}
    assert exported == set(after)


PIXEL_AT_JS = """([lat, lng]) => {
    const p = window.map.latLngToContainerPoint([lat, lng]);
    const canvas = document.querySelector('.leaflet-overlay-pane canvas');
    const box = canvas.getBoundingClientRect();
    const mapBox = window.map.getContainer().getBoundingClientRect();
    const sx = canvas.width / box.width, sy = canvas.height / box.height;
    const x = (p.x + mapBox.left - box.left) * sx, y = (p.y + mapBox.top - box.top) * sy;
    return Array.from(canvas.getContext('2d').getImageData(x, y, 1, 1).data.slice(0, 3));
}"""
SWATCH_JS = """(label) => {
    const row = Array.from(document.querySelectorAll('.corridors-legend div'))
        .find(d => d.textContent.trim() === label);
    const rgb = getComputedStyle(row.querySelector('span')).backgroundColor;
    return rgb.match(/\\d+/g).slice(0, 3).map(Number);
}"""


def test_choropleth_colour_on_the_map_is_its_legend_swatch(page: Page, app_url: str):
    from corridors.data.loader import load_dataset
    from corridors.render.styles import trade_colour, trade_legend
    from corridors.selection import Selection
    from corridors.view import view_of

    frame = open_app(page, f"{app_url}/?year=2024&layers=trade,events")
    value = view_of(load_dataset(), Selection(year=2024)).trade_values["KAZ"]
    label = next(lab for lab, colour in trade_legend() if colour == trade_colour(value))
    # Central Kazakhstan, where no corridor is drawn over the country.
    pixel = frame.evaluate(PIXEL_AT_JS, [49.5, 66.0])
    swatch = frame.evaluate(SWATCH_JS, label)
    assert max(abs(a - b) for a, b in zip(pixel, swatch, strict=True)) <= 3, (pixel, swatch)


def test_every_feature_can_be_opened_by_a_click_on_its_own_spot(page: Page, app_url: str):
    """Lines A and B share a route and summits sit on capitals: a click lists all of them."""
    frame = open_app(page, f"{app_url}/?year=2025")
    ids = sorted(drawn(frame))
    assert {"cacgp-line-a", "cacgp-line-b", "summit-2025-astana", "capital-astana"} <= set(ids)
    missed = []
    for fid in ids:
        click_feature(page, frame, fid)
        try:
            expect(popup_of(frame, fid)).to_be_visible(timeout=5_000)
        except AssertionError:
            missed.append(fid)
    assert missed == []


#: JS: the trade table on a phone: at rest, whether it fits or says there is more; scrolled
#: to the end, whether its last column is whole and its first (the country) still in view.
TABLE_ON_PHONE_JS = """() => {
    const table = document.querySelector("[data-testid='stTableStyledTable']");
    const box = table.parentElement, fits = box.scrollWidth <= box.clientWidth + 1;
    const hint = getComputedStyle(box).backgroundImage.includes('gradient');
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect(), row = table.rows[0].cells;
    const last = row[row.length - 1].getBoundingClientRect();
    const first = row[0].getBoundingClientRect();
    return {fits, hint, lastWhole: last.right <= edge.right + 1 && last.left >= edge.left - 1,
            firstInView: first.left >= edge.left - 1 && first.right <= edge.right + 1};
}"""


@pytest.mark.parametrize(("width", "lang"), [(320, "ru"), (390, "en")])
def test_the_trade_tables_last_column_is_not_cut_off_on_a_phone(
    chromium, app_url: str, width: int, lang: str
):
    context = chromium.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    try:
        open_app(page, f"{app_url}/?lang={lang}&year=2016")
        page.locator("[data-testid='stTableStyledTable']").first.scroll_into_view_if_needed()
        got = page.evaluate(TABLE_ON_PHONE_JS)
        assert got["fits"] or got["hint"], got  # whole, or a shadow says there is more
        assert got["lastWhole"] and got["firstInView"], got
    finally:
        context.close()


def test_a_click_on_a_country_opens_its_trade_with_both_sides(page: Page, app_url: str):
    """The choropleth's popup: China's exports to Kyrgyzstan beside Kyrgyzstan's imports."""
    frame = open_app(page, f"{app_url}/?year=2017&layers=trade,events&countries=KGZ")
    iframe_el = page.locator("iframe[title='streamlit_folium.st_folium']")
    iframe_el.evaluate("e => e.scrollIntoView({block: 'center'})")
    frame.wait_for_function(MAP_IDLE_JS)
    point = frame.evaluate(
        "() => window.map.latLngToContainerPoint([41.4, 74.6])"  # inside Kyrgyzstan
    )
    box = iframe_el.bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    popup = frame.locator('.leaflet-popup .corridors-trade[data-feature-id="trade-kgz"]')
    popup.wait_for()
    text = popup.inner_text()
    assert "Trade with China, 2017" in text and "5.65" in text and "1.49" in text
    assert "China's balance: +5.56 bn" in text

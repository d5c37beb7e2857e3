"""Year playback in a real browser: the map moves through the years without a reload."""

from __future__ import annotations

import re

import pytest
from browser import DRAWN_JS, MAP_FRAME, drawn, map_frame, open_app
from playwright.sync_api import Page, expect

CAPTION = ".st-key-year_caption"


def caption_year(page: Page) -> int:
    return int(page.locator(CAPTION).inner_text().split("·")[0].strip())


def test_play_moves_the_years_and_statuses_without_a_reload(page: Page, app_url: str):
    frame = open_app(page, f"{app_url}/?year=2012")
    page.evaluate("() => { window.__sameDocument = true; }")
    before = drawn(frame)
    assert before["china-kyrgyzstan-uzbekistan-railway"] == "planned"
    page.get_by_role("button", name="Play").click()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    page.wait_for_function(
        "(s) => document.querySelector(s)?.innerText.startsWith('2014')",
        arg=CAPTION,
        timeout=30_000,
    )
    # Line C: under construction in 2012, operating from 2014, in the same live map.
    map_frame(page).wait_for_function(
        f"() => ({DRAWN_JS})()['cacgp-line-c'] === 'operating'", timeout=30_000
    )
    assert before["cacgp-line-c"] == "under_construction"
    assert page.evaluate("() => window.__sameDocument") is True  # no reload
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    year = caption_year(page)
    page.wait_for_url(re.compile(rf"year={year}\b"))  # the URL follows on pause
    expect(page.get_by_role("slider", name="Year")).to_have_attribute("aria-valuetext", str(year))


def test_step_buttons_move_one_year(page: Page, app_url: str):
    open_app(page, f"{app_url}/?year=2020")
    page.get_by_role("button", name="Next").click()
    page.wait_for_url(re.compile(r"year=2021\b"))
    page.get_by_role("button", name="Back").click()
    page.wait_for_url(re.compile(r"year=2020\b"))


def test_a_download_right_after_a_pan_still_works(page: Page, app_url: str, tmp_path):
    frame = open_app(page, f"{app_url}/?countries=KGZ&year=2023")
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()  # the map reports its new extent: the map's fragment reruns
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="GeoJSON", exact=True).click()
    assert info.value.suggested_filename.endswith(".geojson")
    assert frame.evaluate("() => window.map.getZoom()") > 0


def test_a_timeline_row_jumps_to_its_year_and_feature(page: Page, app_url: str):
    frame = open_app(page, f"{app_url}/?countries=KAZ&year=2025")
    page.get_by_role("tab", name="Timeline").click()
    grid = page.locator("[data-testid='stDataFrame']")
    expect(grid).to_be_visible()
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The grid is a canvas: tick the first row's box (header and rows are 35 px high).
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    # The first step is the Alashankou–Dostyk link joined in 1990: shown as 2009, the
    # first year the slider has, with the map centred on the link (82.6° E, 45.2° N).
    page.wait_for_url(re.compile(r"year=2009\b"))
    frame.wait_for_function(
        "() => Math.abs(window.map.getCenter().lng - 82.6) < 0.5"
        " && Math.abs(window.map.getCenter().lat - 45.2) < 0.5"
    )


#: JS: every year the page names now, and whether "Showing N features" counts what the
#: map draws.
YEARS_NAMED_JS = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const frame = document.querySelector("iframe[title='streamlit_folium.st_folium']");
    const win = frame && frame.contentWindow;
    const badge = win && win.document.querySelector('.corridors-year');
    const first = text => { const m = /(\\d{4})/.exec(text || ''); return m ? +m[1] : null; };
    const caption = [...main.querySelectorAll("[data-testid='stCaptionContainer']")]
        .map(e => e.innerText).find(t => /^\\d{4} ·/.test(t));
    const trade = [...main.querySelectorAll('h3')].map(e => e.innerText)
        .find(t => t.startsWith('Trade with China, '));
    const summary = /Showing (\\d+) feature/.exec(main.innerText);
    const drawn = win && win.corridorsMap ? Object.keys(win.corridorsMap.drawn()).length : -1;
    return {
        slider: +document.querySelector("[data-testid='stSlider'] input[type='range']")
            .getAttribute('aria-valuetext'),
        caption: first(caption),
        milestones: first(document.querySelector('.st-key-year_caption')?.innerText),
        map: first(badge && badge.textContent),
        trade: first(trade),
        counted: summary ? +summary[1] === drawn : false,
        url: +new URLSearchParams(location.search).get('year'),
    };
}"""


def test_during_playback_everything_names_the_year_the_map_shows(page: Page, app_url: str):
    """Playing from 2020 at the fast speed, the map and the milestones line moved through the
    years while the slider, the caption and "Showing N features" stayed at 2020."""
    open_app(page, f"{app_url}/?year=2020")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.get_by_role("combobox", name="Speed").click()
    page.get_by_role("option", name=re.compile("Fast")).click()
    expect(sidebar.get_by_role("combobox", name="Speed")).to_have_value(re.compile("Fast"))
    page.get_by_role("button", name="Play").click()
    agreed = []
    for _ in range(2):  # two different years, each named alike everywhere, while playing
        handle = page.wait_for_function(
            f"""(after) => {{
                const y = ({YEARS_NAMED_JS})();
                if (!y || !y.counted) return null;
                const years = [y.slider, y.caption, y.milestones, y.map, y.trade, y.url];
                return years.every(v => v === y.map) && y.map > after ? y.map : null;
            }}""",
            arg=max(agreed, default=2021),
            timeout=30_000,
        )
        agreed.append(handle.json_value())
        expect(page.get_by_role("button", name="Pause")).to_be_visible()
    page.get_by_role("button", name="Pause").click()
    assert agreed[1] > agreed[0] >= 2022


@pytest.mark.parametrize(("lang", "year"), [("ru", 2025), ("zh", 2012), ("en", 2012)])
def test_the_milestones_line_is_never_cut_off(chromium, app_url: str, lang: str, year: int):
    """On a phone the line above the map was a 64-px box: its third line was cut in half."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        open_app(page, f"{app_url}/?lang={lang}&year={year}")
        box = page.locator(CAPTION)
        expect(box).to_contain_text(str(year))
        hidden = box.evaluate(
            "e => [e, ...e.querySelectorAll('*')].some(n => n.scrollHeight > n.clientHeight + 1"
            " && getComputedStyle(n).overflowY !== 'visible')"
        )
        assert not hidden
        # Every line of it lies inside the box that shows it.
        inner = box.locator("div").last.bounding_box()
        outer = box.bounding_box()
        assert inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
    finally:
        context.close()


#: In the map's frame: record, on every animation frame, the fill colours of the trade
#: choropleth by the year its tooltips name (the recorder's own state, read back later).
RECORD_CHOROPLETH_JS = """() => {
    window.__fills = {};
    const look = () => {
        window.map.eachLayer(l => {
            const p = l.feature && l.feature.properties;
            if (!p || p.layer !== 'trade') return;
            const year = (p._tooltip.match(/Trade with China (\\d{4})/) || [])[1];
            if (!year) return;
            (window.__fills[year] = window.__fills[year] || {})[p.iso3] = p._style.fillColor;
        });
        requestAnimationFrame(look);
    };
    look();
}"""


def test_playback_colours_all_five_countries_every_year_of_the_database(page: Page, app_url: str):
    """2009–2020 (IMF DOTS): no country goes grey during playback."""
    from corridors.render.styles import NO_DATA_COLOUR

    frame = open_app(page, f"{app_url}/?year=2009&layers=trade,events")
    frame.evaluate(RECORD_CHOROPLETH_JS)
    page.get_by_role("button", name="Play").click()
    page.wait_for_function(
        "(s) => document.querySelector(s)?.innerText.startsWith('2021')",
        arg=CAPTION,
        timeout=60_000,
    )
    page.get_by_role("button", name="Pause").click()
    fills = map_frame(page).evaluate("() => window.__fills")
    for year in range(2009, 2021):
        colours = fills.get(str(year), {})
        assert sorted(colours) == ["KAZ", "KGZ", "TJK", "TKM", "UZB"], (year, colours)
        assert NO_DATA_COLOUR not in colours.values(), (year, colours)

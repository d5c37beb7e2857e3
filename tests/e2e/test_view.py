"""The view itself: a phone opens on the region, a shared URL reopens the same extent, and a
change of countries fits the map to them."""

from __future__ import annotations

import itertools
import re

import pytest
from browser import MAP_IDLE_JS, map_frame, open_app, popup_of, unpick
from playwright.sync_api import Page, expect

from corridors.i18n import translator

BOUNDS_JS = """() => { const b = window.map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }"""
#: Share of the map's area under its controls (legend, zoom, scale, attribution).
COVERED_JS = """() => {
    const box = window.map.getContainer().getBoundingClientRect();
    let covered = 0;
    document.querySelectorAll('.leaflet-control').forEach(c => {
        const r = c.getBoundingClientRect();
        const w = Math.max(0, Math.min(r.right, box.right) - Math.max(r.left, box.left));
        const h = Math.max(0, Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top));
        covered += w * h;
    });
    return covered / (box.width * box.height);
}"""
CENTRAL_ASIA = (46.5, 35.1, 87.4, 55.4)  # the five countries' outlines, lon/lat


def test_a_phone_opens_on_central_asia_with_the_controls_out_of_the_way(chromium, app_url: str):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        frame = open_app(page, app_url)
        frame.wait_for_function(MAP_IDLE_JS)
        west, south, east, north = frame.evaluate(BOUNDS_JS)
        minlon, minlat, maxlon, maxlat = CENTRAL_ASIA
        assert west <= minlon + 2 and east >= maxlon - 2, (west, east)  # holds the five...
        assert south <= minlat + 2 and north >= maxlat - 2, (south, north)
        assert east - west < 120  # ... and is not half the globe
        assert frame.evaluate(COVERED_JS) < 0.25
        expect(frame.locator(".corridors-legend details")).not_to_have_attribute("open", "")
    finally:
        context.close()


def test_a_shared_url_reopens_the_same_extent(page: Page, app_url: str, chromium):
    frame = open_app(page, f"{app_url}/?year=2020")
    frame.evaluate("() => { window.map.setView([41.5, 72.0], 6, {animate: false}); }")
    page.wait_for_url(re.compile(r"bbox=6\d\."))  # the new extent, west of 70° E
    shared = page.url
    before = frame.evaluate(BOUNDS_JS)
    other = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    try:
        again = open_app(other, shared)
        again.wait_for_function(MAP_IDLE_JS)
        after = again.evaluate(BOUNDS_JS)
        assert all(abs(a - b) < 0.6 for a, b in zip(before, after, strict=True)), (before, after)
    finally:
        other.context.close()


def test_choosing_countries_fits_the_map_to_them(page: Page, app_url: str):
    frame = open_app(page, app_url)
    for name in ("China (CHN)", "Kazakhstan (KAZ)", "Tajikistan (TJK)", "Turkmenistan (TKM)"):
        unpick(page, name)
    # Kyrgyzstan and Uzbekistan: 56–80.3° E, 37.2–45.6° N.
    frame.wait_for_function(
        f"() => {{ const b = ({BOUNDS_JS})(); return b[0] > 50 && b[2] < 86"
        " && b[0] <= 56.5 && b[2] >= 80; }"
    )


def test_the_basemap_is_in_the_url(page: Page, app_url: str):
    open_app(page, f"{app_url}/?basemap=osm")
    expect(page.get_by_text("OpenStreetMap tiles load from the internet")).to_be_visible()
    assert "basemap=osm" in page.url


def test_finding_a_feature_by_name_opens_it_on_the_map(page: Page, app_url: str):
    frame = open_app(page, f"{app_url}/?year=2025")
    box = page.get_by_role("combobox", name="Find a feature")
    box.click()
    box.fill("Angren")
    page.get_by_role("option", name=re.compile("Angren–Pap railway")).click()
    expect(popup_of(frame, "angren-pap-railway")).to_be_visible(timeout=30_000)
    frame.wait_for_function("() => window.map.getZoom() === 7")


LABELS_JS = """() => {
    const box = window.map.getContainer().getBoundingClientRect();
    const shown = Array.from(document.querySelectorAll('.corridors-label'))
        .filter(e => e.style.visibility !== 'hidden')
        .map(e => { const r = e.getBoundingClientRect();
            return {text: e.textContent, left: r.left - box.left, right: r.right - box.left,
                    top: r.top - box.top, bottom: r.bottom - box.top}; });
    const marks = [];
    window.map.eachLayer(x => {
        if (x.feature && x.getRadius && x.feature.properties.status) {
            const p = window.map.latLngToContainerPoint(x.getLatLng()), r = x.getRadius();
            marks.push({text: x.feature.properties.id, left: p.x - r, right: p.x + r,
                        top: p.y - r, bottom: p.y + r});
        }
    });
    return {shown, marks};
}"""


def clashes(found: dict) -> list[tuple[str, str]]:
    """Pairs of shown labels that overlap, and labels that cover a marker."""

    def hit(a: dict, b: dict) -> bool:
        across = a["left"] < b["right"] and b["left"] < a["right"]
        return across and a["top"] < b["bottom"] and b["top"] < a["bottom"]

    labels, marks = found["shown"], found["marks"]
    out = [(a["text"], b["text"]) for a, b in itertools.combinations(labels, 2) if hit(a, b)]
    return out + [(a["text"], m["text"]) for a in labels for m in marks if hit(a, m)]


def test_names_on_the_map_never_cover_a_marker_or_each_other(page: Page, app_url: str):
    frame = open_app(page, f"{app_url}/?year=2025")
    frame.wait_for_function(MAP_IDLE_JS)
    found = frame.evaluate(LABELS_JS)
    names = {label["text"] for label in found["shown"]}
    assert {"Kazakhstan", "China", "Russia"} <= names  # countries and neighbours named
    assert clashes(found) == []
    frame.evaluate("() => { window.map.setView([41.0, 70.0], 7, {animate: false}); }")
    frame.wait_for_function(MAP_IDLE_JS)
    frame.evaluate("() => window.corridorsDeclutter()")
    zoomed = frame.evaluate(LABELS_JS)
    assert "Tashkent" in {label["text"] for label in zoomed["shown"]}  # more names up close
    assert clashes(zoomed) == []


#: JS: every shown place label that sits nearer another marker than its own point, or
#: within a few pixels of it as near (the reader would give the name to that dot).
AMBIGUOUS_JS = """() => {
    const box = window.map.getContainer().getBoundingClientRect(), out = [];
    const marks = [];
    window.map.eachLayer(x => {
        if (x.feature && x.getRadius && x.feature.properties.status) {
            const p = window.map.latLngToContainerPoint(x.getLatLng());
            marks.push({id: x.feature.properties.id, x: p.x, y: p.y, r: x.getRadius()});
        }
    });
    window.map.eachLayer(l => {
        const el = l.getElement && l.options.pane === 'corridors-labels' && l.getElement();
        if (!el || el.style.visibility === 'hidden' || !el.classList.contains('place')) return;
        const r = el.getBoundingClientRect(), p = window.map.latLngToContainerPoint(l.getLatLng());
        const rect = {left: r.left - box.left, right: r.right - box.left,
                      top: r.top - box.top, bottom: r.bottom - box.top};
        const d = (x, y) => Math.hypot(Math.max(rect.left - x, 0, x - rect.right),
                                       Math.max(rect.top - y, 0, y - rect.bottom));
        const mine = m => Math.abs(m.x - p.x) < 3 && Math.abs(m.y - p.y) < 3;
        const own = d(p.x, p.y) - Math.max(0, ...marks.filter(mine).map(m => m.r));
        marks.filter(m => !mine(m)).forEach(m => {
            if (d(m.x, m.y) - m.r < own + 4) out.push([el.textContent, m.id]);
        });
    });
    return out;
}"""
SHOWN_NAMES_JS = """() => Array.from(document.querySelectorAll('.corridors-label'))
    .filter(e => e.style.visibility === 'visible').map(e => e.textContent)"""


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_a_name_is_beside_its_own_marker_at_every_zoom(page: Page, app_url: str, lang: str):
    """At the zooms where markers crowd (Dushanbe by Irkeshtam's crossing at zoom 4, Shymkent
    among Ashgabat's and Galkynysh's dots at zoom 2) a name once sat nearer another dot."""
    frame = open_app(page, f"{app_url}/?year=2025&lang={lang}")
    frame.wait_for_function(MAP_IDLE_JS)
    for center, zoom in [((40, 70), 2), ((40, 70), 3), ((42, 75), 4), ((42, 75), 5),
                         ((42, 75), 6), ((42, 72), 7), ((38.5, 68.8), 9)]:  # fmt: skip
        frame.evaluate(
            "([c, z]) => { window.map.setView(c, z, {animate: false}); "
            "window.corridorsDeclutter(); }",
            [list(center), zoom],
        )
        assert frame.evaluate(SHOWN_NAMES_JS), (center, zoom)  # names are shown...
        assert frame.evaluate(AMBIGUOUS_JS) == [], (center, zoom)  # ...each by its own dot


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_phone_map_names_places_and_countries(chromium, app_url: str, lang: str):
    """At 390 px every label was once measured as wide as the map (before Leaflet's
    stylesheet had loaded), so none ever fitted: not at the opening zoom, not at zoom 5."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        frame = open_app(page, f"{app_url}/?lang={lang}")
        frame.wait_for_function(MAP_IDLE_JS)
        kazakhstan = translator(lang).country("KAZ")
        frame.wait_for_function(f"() => ({SHOWN_NAMES_JS})().includes({kazakhstan!r})")
        assert len(frame.evaluate(SHOWN_NAMES_JS)) >= 8
        frame.evaluate(
            "() => { window.map.setView([42, 72], 5, {animate: false}); "
            "window.corridorsDeclutter(); }"
        )
        shown = frame.evaluate(SHOWN_NAMES_JS)
        assert translator(lang).country("KGZ") in shown and len(shown) >= 8, shown
        assert frame.evaluate(AMBIGUOUS_JS) == []
    finally:
        context.close()


#: JS: the rows the legend shows now (its text, row by row), and whether it is open.
LEGEND_JS = """() => {
    const details = document.querySelector('.corridors-legend details');
    const rows = [...details.querySelectorAll('[data-kinds],[data-status],[data-trade]')]
        .filter(r => r.offsetParent !== null || !details.open && r.style.display !== 'none')
        .map(r => r.textContent.trim());
    return {open: details.open, rows};
}"""
#: JS: what the map draws under the open legend's box: markers, lines (their drawn path,
#: sampled every few pixels) and the names of places and of the six countries.
UNDER_LEGEND_JS = """() => {
    const map = window.map, at = map.getContainer().getBoundingClientRect();
    const box = document.querySelector('.corridors-legend details').getBoundingClientRect();
    const b = {left: box.left - at.left, right: box.right - at.left,
               top: box.top - at.top, bottom: box.bottom - at.top};
    const inBox = p => p.x >= b.left && p.x <= b.right && p.y >= b.top && p.y <= b.bottom;
    const out = [];
    map.eachLayer(l => {
        const p = l.feature && l.feature.properties;
        if (!p || !p._p) return;
        if (l.getRadius) {
            const c = map.latLngToContainerPoint(l.getLatLng()), r = l.getRadius();
            if (c.x + r > b.left && c.x - r < b.right && c.y + r > b.top && c.y - r < b.bottom)
                out.push(p.id);
            return;
        }
        const lines = l.getLatLngs();
        (Array.isArray(lines[0]) ? lines : [lines]).forEach(line => {
            for (let i = 1; i < line.length; i++) {
                const a = map.latLngToContainerPoint(line[i - 1]);
                const c = map.latLngToContainerPoint(line[i]);
                const n = Math.ceil(a.distanceTo(c) / 3);
                for (let k = 0; k <= n; k++) {
                    if (inBox({x: a.x + (c.x - a.x) * k / n, y: a.y + (c.y - a.y) * k / n})) {
                        out.push(p.id); return;
                    }
                }
            }
        });
    });
    document.querySelectorAll('.corridors-label.place, .corridors-label.country').forEach(e => {
        if (e.style.visibility !== 'visible') return;
        const r = e.getBoundingClientRect();
        if (r.left - at.left < b.right && r.right - at.left > b.left &&
            r.top - at.top < b.bottom && r.bottom - at.top > b.top) out.push(e.textContent);
    });
    return out;
}"""


def test_the_legend_lists_only_what_the_map_draws(page: Page, app_url: str):
    """With ?layers=pipelines,railways the legend still listed crossings, summits and the
    trade classes."""
    frame = open_app(page, f"{app_url}/?layers=pipelines,railways&year=2025")
    frame.wait_for_function(MAP_IDLE_JS)
    rows = frame.evaluate(LEGEND_JS)["rows"]
    assert rows[:3] == ["Gas pipeline", "Oil pipeline", "Railway"], rows
    assert not {"Crossing / dry port", "Summit / meeting", "Capital", "0–5", "no figure"} & set(
        rows
    ), rows
    assert "Planned" not in rows  # no line is planned in 2025
    # 2021: no sourced figure for three of the five, Uzbekistan's own figure for it.
    frame = open_app(page, f"{app_url}/?layers=trade,events&year=2021")
    rows = frame.evaluate(LEGEND_JS)["rows"]
    assert {"Capital", "0–5", "no figure"} <= set(rows), rows
    assert "Dashed edge: the country's own figure (China's is missing)" in rows
    assert "Gas pipeline" not in rows and "Operating" not in rows  # no line drawn
    # 2016: China's figure for all five: neither "no figure" nor the partner's edge.
    frame = open_app(page, f"{app_url}/?layers=trade,events&year=2016")
    rows = frame.evaluate(LEGEND_JS)["rows"]
    assert "0–5" in rows and "no figure" not in rows, rows
    assert not [r for r in rows if r.startswith("Dashed edge")], rows
    # Each kind row shown is a kind drawn, and each kind drawn has its row.
    drawn_kinds = frame.evaluate(
        "() => [...new Set(Object.keys(window.corridorsMap.drawn())"
        ".map(id => window.corridorsMap.find(id).feature.properties.kind))]"
    )
    kind_rows = frame.evaluate(
        """() => [...document.querySelectorAll('.corridors-legend [data-kinds]')]
            .filter(r => r.style.display !== 'none').map(r => r.dataset.kinds.split(' '))"""
    )
    assert all(set(kinds) & set(drawn_kinds) for kinds in kind_rows), (kind_rows, drawn_kinds)
    assert all(any(k in kinds for kinds in kind_rows) for k in drawn_kinds), drawn_kinds


def test_the_legend_stays_out_of_the_datas_way(page: Page, app_url: str):
    """Open by default on a desktop, it covered about a tenth of the map: the Caspian end of
    the pipeline, and places when zoomed in."""
    page.set_viewport_size({"width": 1440, "height": 900})
    frame = open_app(page, f"{app_url}/?year=2025")
    frame.wait_for_function(MAP_IDLE_JS)
    assert frame.evaluate(LEGEND_JS)["open"]  # open where it covers nothing...
    assert frame.evaluate(UNDER_LEGEND_JS) == []
    # ...and out of the way when the map is moved so data would lie under it: Ashgabat's
    # marker and the pipelines round it in the bottom-left corner.
    frame.evaluate(
        """() => { const size = window.map.getSize();
        window.map.setView([37.95, 58.38], 7, {animate: false});
        window.map.panBy([size.x / 2 - 60, 60 - size.y / 2], {animate: false}); }"""
    )
    frame.wait_for_function(MAP_IDLE_JS)
    frame.wait_for_function("() => !document.querySelector('.corridors-legend details').open")
    # The reader's own choice is kept: opened by hand, it stays open as the map moves.
    frame.locator(".corridors-legend summary").click()
    frame.evaluate("() => { window.map.panBy([20, 0], {animate: false}); }")
    frame.wait_for_function(MAP_IDLE_JS)
    assert frame.evaluate(LEGEND_JS)["open"]


def url_bbox(page: Page) -> list[float] | None:
    found = re.search(r"bbox=([-\d.]+)%2C([-\d.]+)%2C([-\d.]+)%2C([-\d.]+)", page.url)
    return [float(v) for v in found.groups()] if found else None


def wait_for_url_extent(page: Page, frame) -> list[float]:
    """Wait until the URL's extent is the map's (to its two decimals); return it."""
    page.wait_for_function(
        """(bounds) => {
            const m = /bbox=([-\\d.]+)%2C([-\\d.]+)%2C([-\\d.]+)%2C([-\\d.]+)/.exec(location.href);
            return m && m.slice(1).every((v, i) => Math.abs(+v - bounds[i]) < 0.02);
        }""",
        arg=frame.evaluate(BOUNDS_JS),
        timeout=30_000,
    )
    return url_bbox(page)


def test_a_url_naming_countries_opens_fitted_to_them(page: Page, app_url: str):
    """?countries=KGZ,UZB&year=2024 opened on the whole region (only clicking the countries
    in the sidebar fitted the map), so a snapshot of that link showed them as a speck."""
    frame = open_app(page, f"{app_url}/?countries=KGZ,UZB&year=2024")
    frame.wait_for_function(MAP_IDLE_JS)
    # Kyrgyzstan and Uzbekistan: 56–80.3° E, 37.2–45.6° N (as choosing them fits them).
    west, south, east, north = frame.evaluate(BOUNDS_JS)
    assert 50 < west <= 56.5 and 80 <= east < 86, (west, east)
    assert south <= 37.5 and north >= 45.3 and north - south < 15, (south, north)
    assert wait_for_url_extent(page, frame)  # the link now names this extent


def test_finding_a_place_jumps_there_and_the_url_follows(page: Page, app_url: str):
    """Search found only the 36 features: "Kashgar", a labelled terminus of the railway,
    gave no result."""
    frame = open_app(page, f"{app_url}/?year=2025&lang=ru")
    box = page.get_by_role("combobox", name=translator("ru")("Find a feature or a place"))
    box.click()
    box.fill("Кашгар")
    page.get_by_role("option", name=re.compile("^Кашгар")).click()
    expect(frame.locator(".leaflet-popup .corridors-place")).to_have_text("Кашгар")
    frame.wait_for_function(
        "() => window.map.getCenter().distanceTo([39.47, 75.99]) < 60000", timeout=30_000
    )
    west, south, east, north = wait_for_url_extent(page, frame)
    assert west < 75.99 < east and south < 39.47 < north


def test_after_finding_a_feature_the_url_names_the_new_extent(page: Page, app_url: str):
    """After "Find a feature" the URL kept the old extent until the map was moved again."""
    frame = open_app(page, f"{app_url}/?year=2025")
    before = wait_for_url_extent(page, frame)
    for name, fid in (
        ("Angren–Pap", "angren-pap-railway"),
        ("Tacheng", "tacheng-ayagoz-rail-link"),
    ):
        box = page.get_by_role("combobox", name="Find a feature")
        box.click()
        box.fill(name)
        page.get_by_role("option", name=re.compile(f"^{name}.*(railway|rail link)")).click()
        expect(popup_of(frame, fid)).to_be_visible(timeout=30_000)
        frame.wait_for_function(MAP_IDLE_JS)
        after = wait_for_url_extent(page, frame)
        assert after != before
        before = after


def test_reset_filters_resets_everything_basemap_and_extent_too(page: Page, app_url: str, chromium):
    """Reset filters kept the basemap and once kept the old extent."""
    fresh = chromium.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    try:
        home = open_app(fresh, app_url)
        home.wait_for_function(MAP_IDLE_JS)
        default = home.evaluate(BOUNDS_JS)
    finally:
        fresh.context.close()
    frame = open_app(page, f"{app_url}/?year=2012&basemap=osm&bbox=70.1,39.2,75.3,42.9")
    expect(page.get_by_text("OpenStreetMap tiles load from the internet")).to_be_visible()
    page.get_by_role("button", name="Reset filters").click()
    expect(page.get_by_text("OpenStreetMap tiles load from the internet")).to_have_count(0)
    page.wait_for_url(re.compile(r"year=2025\b"))
    assert "basemap=osm" not in page.url
    frame = map_frame(page)
    frame.wait_for_function(
        """(want) => { const b = window.map.getBounds();
            const got = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
            return got.every((v, i) => Math.abs(v - want[i]) < 0.5); }""",
        arg=default,
        timeout=30_000,
    )
    wait_for_url_extent(page, frame)

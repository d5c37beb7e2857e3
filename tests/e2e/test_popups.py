"""Popups are built in the browser from each feature's values and the map's words: data text
stays text, only http(s) URLs become links, and they read as a person writes."""

from __future__ import annotations

import re

import pytest
from browser import BIND_MAP_JS, MAP_IDLE_JS, click_feature, open_app, popup_of
from playwright.sync_api import Page, expect

from corridors.data.loader import load_dataset
from corridors.export import export_view
from corridors.selection import Selection
from corridors.view import view_of
from tests.builders import make_folder, point

HOSTILE = "<img src=x onerror=window.__pwned=1>"
#: Render a popup for a feature model the way the map does; return its HTML and text.
RENDER_JS = """([props, year]) => {
    const node = window.corridorsPopup.popup(props, year, window.corridorsWords);
    document.body.appendChild(node);
    return {html: node.outerHTML, text: node.innerText,
            links: [...node.querySelectorAll("a")].map(a => a.getAttribute("href"))};
}"""


def standalone_in(folder, lang: str = "en") -> str:
    """A standalone HTML map in ``lang`` (the popup script and words inlined), as a file URL."""
    root = make_folder(folder / "geodata", layers={
        "events": [point("capital-a", name="Astana")],
    })  # fmt: skip
    path = root.parent / f"map-{lang}.html"
    path.write_bytes(export_view(view_of(load_dataset(root), Selection(), lang), "html").data)
    return path.as_uri()


@pytest.fixture(scope="module")
def standalone(tmp_path_factory) -> str:
    return standalone_in(tmp_path_factory.mktemp("popups"))


def render(page: Page, url: str, props: dict, year: int = 2024) -> dict:
    page.goto(url)
    page.evaluate(BIND_MAP_JS)
    return page.evaluate(RENDER_JS, [props, year])


def test_data_text_stays_text_and_only_http_links(page: Page, standalone: str):
    props = {
        "id": "x",
        "kind": "railway",
        "status": "planned",
        "_p": {
            "n": HOSTILE,
            "c": ["KAZ"],
            "d": f"About {HOSTILE}",
            "m": [["June 6, 2024", f"Agreement {HOSTILE}", "javascript:alert(1)"]],
            "src": ["https://ok.example/a", "javascript:alert(1)", "ftp://x"],
        },
    }
    got = render(page, standalone, props)
    assert "<img" not in got["html"] and HOSTILE in got["text"]
    assert page.evaluate("() => window.__pwned") is None
    assert got["links"] == ["https://ok.example/a"]  # the others are shown as inert text
    assert "javascript:alert(1)" in got["text"]


def test_a_popup_reads_as_a_person_writes(page: Page, standalone: str):
    line = {
        "id": "line",
        "kind": "railway",
        "status": "planned",
        "_p": {
            "n": "Line",
            "y": {"a": 2012, "o": 2016},
            "q": ["Cost: $4.67B"],
            "c": ["KAZ", "CHN"],
            "m": [["June 6, 2024", "Agreement", "https://ok.example/m"]] * 2,
            "src": ["https://www.ok.example/a"],
        },
    }
    text = render(page, standalone, line, 2012)["text"]
    assert "Railway — planned in 2012" in text
    assert "announced 2012; opened 2016" in text and "Cost: $4.67B" in text
    assert "Countries: Kazakhstan and China" in text
    assert "2 milestones" in text and "Sources:\nok.example" in text
    summit = {"id": "s", "kind": "summit", "status": "held",
              "_p": {"n": "Xi'an summit", "y": {"a": 2022, "o": 2023}, "c": ["CHN"],
                     "dt": "May 18, 2023 – May 19, 2023"}}  # fmt: skip
    # On the 2025 map too, a summit is held on its own date (it read "Held in 2025").
    text = render(page, standalone, summit, 2025)["text"]
    assert "Summit — held May 18, 2023 – May 19, 2023" in text and "2025" not in text
    assert "announced 2022" in text and "Dates:" not in text  # its date said once
    text = render(page, standalone, {**summit, "status": "planned"}, 2022)["text"]
    assert "Summit — not yet held in 2022; held May 18, 2023 – May 19, 2023" in text
    capital = {"id": "c", "kind": "capital", "status": "existing", "_p": {"n": "Astana"}}
    text = render(page, standalone, capital)["text"]
    assert "Capital" in text and "Capital —" not in text


def test_russian_status_words_agree_with_every_kind(page: Page, tmp_path):
    """A status beside a kind reads as Russian grammar wants for every kind: "Газопровод —
    Приостановлено" and "Встреча министров — Состоялось" did not agree with their nouns."""
    url = standalone_in(tmp_path, "ru")
    lines = {}
    for kind in ("gas_pipeline", "railway", "power_plant", "data_centre"):
        for status in ("planned", "under_construction", "suspended", "operating"):
            props = {"id": "x", "kind": kind, "status": status, "_p": {"n": "X", "c": []}}
            lines[kind, status] = render(page, url, props, 2019)["text"].splitlines()[1]
    assert lines["gas_pipeline", "suspended"] == "Газопровод — работы приостановлены в 2019 году"
    assert lines["railway", "suspended"] == "Железная дорога — работы приостановлены в 2019 году"
    assert lines["power_plant", "operating"] == "Электростанция — действует в 2019 году"
    assert (
        lines["data_centre", "under_construction"]
        == "Центр обработки данных — строится в 2019 году"
    )
    # No bare gendered form (neuter "приостановлено", past "состоялось") beside any kind.
    assert not [line for line in lines.values() if re.search(r"остановлен[оа]?\b|состоял", line)]
    for kind in ("summit", "ministerial_meeting"):
        props = {"id": "x", "kind": kind, "status": "held", "_p": {"n": "X", "c": [],
                 "dt": "18 мая 2023 г."}}  # fmt: skip
        line = render(page, url, props, 2025)["text"].splitlines()[1]
        assert line.endswith(", дата проведения: 18 мая 2023 г."), line


#: JS: the open popup's box, its close button's and the zoom buttons', within the map.
POPUP_BOXES_JS = """() => {
    const at = window.map.getContainer().getBoundingClientRect();
    const box = sel => { const r = document.querySelector(sel).getBoundingClientRect();
        return {left: r.left - at.left, right: r.right - at.left,
                top: r.top - at.top, bottom: r.bottom - at.top}; };
    return {map: {left: 0, right: at.width, top: 0, bottom: at.height},
            popup: box('.leaflet-popup-content-wrapper'),
            close: box('.leaflet-popup-close-button'), zoom: box('.leaflet-control-zoom')};
}"""


def inside(inner: dict, outer: dict) -> bool:
    return (
        inner["left"] >= outer["left"]
        and inner["right"] <= outer["right"]
        and inner["top"] >= outer["top"]
        and inner["bottom"] <= outer["bottom"]
    )


def apart(a: dict, b: dict) -> bool:
    return (
        a["right"] <= b["left"]
        or b["right"] <= a["left"]
        or a["bottom"] <= b["top"]
        or (b["bottom"] <= a["top"])
    )


@pytest.mark.parametrize(("width", "lang"), [(320, "ru"), (390, "en"), (390, "zh")])
def test_a_popup_fits_inside_a_phone_map(chromium, app_url: str, width: int, lang: str):
    """At 390 px a popup was wider than the map: text cut off at the right, the close button
    off-screen, the zoom buttons over its title."""
    context = chromium.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    try:
        frame = open_app(page, f"{app_url}/?lang={lang}&year=2025")
        frame.wait_for_function(MAP_IDLE_JS)
        for fid in ("cacgp-line-d", "capital-astana"):  # a crowded spot and a lone marker
            click_feature(page, frame, fid)
            expect(popup_of(frame, fid)).to_be_visible()
            frame.wait_for_function(MAP_IDLE_JS)  # the popup's own pan has finished
            boxes = frame.evaluate(POPUP_BOXES_JS)
            assert inside(boxes["popup"], boxes["map"]), boxes
            assert inside(boxes["close"], boxes["popup"]), boxes
            assert apart(boxes["popup"], boxes["zoom"]), boxes
    finally:
        context.close()


TRADE_JS = """(props) => {
    const node = window.corridorsPopup.tradePopup(props, window.corridorsWords);
    document.body.appendChild(node);
    return {html: node.outerHTML, text: node.innerText,
            links: [...node.querySelectorAll("a")].map(a => a.getAttribute("href"))};
}"""


def test_a_countrys_trade_popup_gives_both_sides_and_keeps_data_text_as_text(
    page: Page, standalone: str
):
    from corridors.render.popups import trade_popup_model

    row = view_of(load_dataset(), Selection(year=2017)).trade_table.set_index("iso3")
    model = trade_popup_model({**row.loc["KGZ"].to_dict(), "iso3": "KGZ"})
    model["gap"] = HOSTILE
    page.goto(standalone)
    page.evaluate(BIND_MAP_JS)
    got = page.evaluate(TRADE_JS, {"id": "trade-kgz", "_trade": model})
    text = got["text"]
    assert "Trade with China, 2017" in text and "$5.73B" in text
    assert "China's figures · IMF Direction of Trade Statistics, exports + imports" in text
    assert "Goods from China\t5.65\t1.49\t+4.15" in text
    assert "Goods to China\t0.09\t0.10\t−0.01" in text
    assert "China's balance: +5.56 bn" in text
    assert "<img" not in got["html"] and HOSTILE in text
    assert got["links"] == ["https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85"]
    tkm = trade_popup_model({**row.loc["TKM"].to_dict(), "iso3": "TKM"})
    text = page.evaluate(TRADE_JS, {"id": "trade-tkm", "_trade": tkm})["text"]
    assert "Goods from China\t0.38\t—\t—" in text
    assert "own estimates, not the country's statistics" in text


def test_a_source_reads_by_its_title_with_who_published_it_when_and_where(
    page: Page, standalone: str
):
    """The title is the link's text, in its own language; publisher, date and host follow
    as text; a title from the registry is text, never markup."""
    props = {
        "id": "x",
        "kind": "summit",
        "status": "held",
        "_p": {
            "n": "Summit",
            "c": ["CHN"],
            "src": [
                ["https://www.ok.example/a", "西安宣言", "Xinhua, May 19, 2023", "zh"],
                ["https://ok.example/b", HOSTILE, "", ""],
                ["https://bare.example/c"],
            ],
        },
    }
    got = render(page, standalone, props)
    assert "西安宣言 — Xinhua, May 19, 2023 (ok.example)" in got["text"]
    assert f"{HOSTILE} (ok.example)" in got["text"] and "<img" not in got["html"]
    assert got["links"] == ["https://www.ok.example/a", "https://ok.example/b",
                            "https://bare.example/c"]  # fmt: skip
    link_text = page.evaluate(
        "() => [...document.querySelectorAll('.sources a')].map(a => [a.textContent, a.lang])"
    )
    assert link_text == [["西安宣言", "zh"], [HOSTILE, ""], ["bare.example", ""]]
    assert page.evaluate("() => window.__pwned") is None

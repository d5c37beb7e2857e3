"""Popups are built in the browser from each feature's values and the map's words: data text
stays text, only http(s) URLs become links, and they read as a person writes."""

from __future__ import annotations

import pytest
from browser import BIND_MAP_JS
from playwright.sync_api import Page

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


@pytest.fixture(scope="module")
def standalone(tmp_path_factory) -> str:
    """A standalone HTML map (the popup script and words inlined), as a file URL."""
    root = make_folder(tmp_path_factory.mktemp("popups") / "geodata", layers={
        "events": [point("capital-a", name="Astana")],
    })  # fmt: skip
    path = root.parent / "map.html"
    path.write_bytes(export_view(view_of(load_dataset(root), Selection()), "html").data)
    return path.as_uri()


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
    assert "Railway — Planned in 2012" in text
    assert "announced 2012; opened 2016" in text and "Cost: $4.67B" in text
    assert "Countries: Kazakhstan and China" in text
    assert "2 milestones" in text and "Sources:\nok.example" in text
    capital = {"id": "c", "kind": "capital", "status": "existing", "_p": {"n": "Astana"}}
    text = render(page, standalone, capital)["text"]
    assert "Capital" in text and "Capital —" not in text


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

"""The folium map of a view and its GeoJSON layers: content, styling, escaping, no CDN."""

from __future__ import annotations

import json
import re

import pytest

from corridors.data.loader import load_dataset
from corridors.render.assets import AssetLinks
from corridors.render.geojson import feature_collection, layer_data
from corridors.render.leaflet import base_map, build_map, layer_groups
from corridors.render.popups import popup_html
from corridors.selection import Selection, select_features
from corridors.view import view_of
from tests.builders import feature, make_folder, point

LINKS = AssetLinks(js=("/assets/leaflet.js",), css=("/assets/leaflet.css",))
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def ds(tmp_path):
    layers = {
        "pipelines": [
            feature("line-a"),
            feature(
                "line-d",
                announced=2013,
                construction_start=None,
                opened=None,
                status="planned",
                countries=["UZB"],
            ),
        ],
        "events": [point("capital-a", name=HOSTILE, description="</script><script>alert(2)")],
    }
    return load_dataset(make_folder(tmp_path, layers=layers), strict=True)


def render(ds, sel: Selection) -> str:
    return build_map(view_of(ds, sel), LINKS).get_root().render()


def test_map_loads_only_the_given_assets(ds):
    html = render(ds, Selection())
    external = set(re.findall(r"(?:src|href)=\"(https?://[^\"]+)\"", html))
    assert external == set()
    assert '<script src="/assets/leaflet.js"></script>' in html
    assert "/assets/leaflet.css" in html


def test_map_holds_the_selected_features_with_styles(ds):
    html = render(ds, Selection(year=2025))
    assert '"id": "line-a"' in html and '"id": "line-d"' in html
    assert '"dashArray": "2 6"' in html  # planned line D is dotted


def test_country_filter_changes_what_is_drawn(ds):
    html = render(ds, Selection(countries=("UZB",)))
    assert '"id": "line-d"' in html and '"id": "line-a"' not in html


def test_data_text_is_escaped_in_popups_and_tooltips(ds):
    collection = feature_collection(select_features(ds.features(), Selection()), 2025)
    props = next(
        f["properties"] for f in collection["features"] if f["properties"]["id"] == "capital-a"
    )
    assert HOSTILE not in props["_tooltip"] and "&lt;img src=x" in props["_tooltip"]
    assert "<script>" not in props["_popup"]
    html = render(ds, Selection())
    assert HOSTILE not in html and "</script><script>alert(2)" not in html


def test_only_http_sources_become_links():
    html = popup_html(
        {"name": "x", "sources": ["https://ok.example/a", "javascript:alert(1)"], "countries": []},
        "operating",
        2020,
    )
    assert '<a href="https://ok.example/a"' in html
    assert 'href="javascript' not in html


def test_layer_groups_put_the_choropleth_first(ds):
    data = layer_data(view_of(ds, Selection(year=2023)))
    names = [g.layer_name for g in layer_groups(data)]
    assert names[0].startswith("Trade")
    kaz = next(f for f in data["trade"]["features"] if f["properties"]["iso3"] == "KAZ")
    assert kaz["properties"]["_style"]["fillColor"] == "#08519c"  # 41 bn: the top class
    # Plain data (cacheable and comparable): every property survives a JSON round trip.
    again = json.loads(json.dumps(data))
    assert {k: [f["properties"] for f in v["features"]] for k, v in again.items()} == {
        k: [f["properties"] for f in v["features"]] for k, v in data.items()
    }


def test_base_map_is_stable_across_builds(ds):
    from streamlit_folium import _get_map_string

    one = _get_map_string(base_map(ds.outlines, LINKS, (46, 30, 120, 56)))
    two = _get_map_string(base_map(ds.outlines, LINKS, (46, 30, 120, 56)))
    assert one == two  # same script, so streamlit-folium keeps the live map on reruns


def test_popup_lists_milestones_escaped_and_linked():
    steps = [
        {"date": "2024-06-06", "what": f"Agreement {HOSTILE}", "source": "https://ok.example/m"},
        {"date": "2024-12-27", "what": "Construction launched", "source": "ftp://x"},
    ]
    html = popup_html({"name": "x", "countries": [], "milestones": steps}, "planned", 2024)
    assert "2 milestones" in html
    assert '<b>June 6, 2024</b> <span lang="en">Agreement &lt;img src=x' in html
    assert HOSTILE not in html
    assert '<a href="https://ok.example/m"' in html and 'href="ftp://x"' not in html


def test_popup_reads_as_a_person_writes():
    capital = popup_html({"name": "Astana", "kind": "capital", "countries": []}, "existing", 2025)
    assert "<div>Capital</div>" in capital and "Capital —" not in capital
    line = popup_html({"name": "x", "kind": "railway", "cost_usd_bn": 4.665}, "planned", 2012)
    assert "Railway — <b>Planned</b> in 2012" in line
    assert "Cost: $4.67B" in line and "4.665 US$ bn" not in line

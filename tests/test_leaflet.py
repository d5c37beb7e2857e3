"""The folium map of a view and its GeoJSON layers: content, styling, escaping, no CDN."""

from __future__ import annotations

import json
import re

import pytest

from corridors.data.loader import load_dataset
from corridors.data.registry import Source
from corridors.i18n import translator
from corridors.render.assets import AssetLinks
from corridors.render.geojson import feature_collection, layer_data
from corridors.render.leaflet import base_map, build_map, layer_groups
from corridors.render.popups import popup_model, popup_words
from corridors.selection import Selection, select_features
from corridors.view import view_of
from tests.builders import feature, make_folder, packed_ids, packed_layers, point

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
    assert {"line-a", "line-d"} <= packed_ids(html)
    styles = {k: v for layer in packed_layers(html) for k, v in layer.get("styles", {}).items()}
    assert styles["gas_pipeline|planned|L"]["dashArray"] == "2 6"  # planned D: dotted


def test_country_filter_changes_what_is_drawn(ds):
    ids = packed_ids(render(ds, Selection(countries=("UZB",))))
    assert "line-d" in ids and "line-a" not in ids


def test_data_text_travels_as_data_and_cannot_close_the_script(ds):
    """Popups carry the data's text as values (the browser sets them as text, see
    tests/e2e/test_popups.py); in the page's script it is JSON with ``<`` escaped."""
    collection = feature_collection(select_features(ds.features(), Selection()), 2025)
    props = next(
        f["properties"] for f in collection["features"] if f["properties"]["id"] == "capital-a"
    )
    assert props["_p"]["n"] == HOSTILE and "_popup" not in props and "_tooltip" not in props
    html = render(ds, Selection())
    assert HOSTILE not in html and "</script><script>alert(2)" not in html
    # Packed, the text is base64 in the page; unpacked it is still the data's, as values.
    features = [f for layer in packed_layers(html) for f in layer["features"]]
    names = {f["properties"]["_p"]["n"] for f in features if "_p" in f["properties"]}
    assert HOSTILE in names


def test_styles_are_sent_once_per_kind_and_status(ds):
    collection = feature_collection(select_features(ds.features(), Selection()), 2025)
    assert all("_style" not in f["properties"] for f in collection["features"])
    assert set(collection["styles"]) == {
        "gas_pipeline|operating|L",
        "gas_pipeline|planned|L",
        "capital|existing|P",
    }


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


def test_a_popup_model_holds_values_formatted_as_a_person_writes():
    steps = [{"date": "2024-06-06", "what": "Agreement", "source": "https://ok.example/m"}]
    props = {
        "name": "x",
        "name_ru": "икс",
        "countries": ["KAZ", "CHN"],
        "announced": 2012.0,
        "opened": 2016.0,
        "cost_usd_bn": 4.665,
        "milestones": steps,
        "sources": ["https://ok.example/a"],
    }
    model = popup_model(props)
    assert model["n"] == "x" and "f" not in model and model["o"] == [["ru", "икс"]]
    assert model["y"] == {"a": 2012, "o": 2016}  # whole years, not 2012.0
    assert model["q"] == ["Cost: $4.67B"]  # rounded half up, as people round
    assert model["m"] == [["June 6, 2024", "Agreement", ["https://ok.example/m"]]]
    assert model["c"] == ["KAZ", "CHN"] and model["src"] == [["https://ok.example/a"]]
    assert popup_model(props, translator("ru"))["n"] == "икс"
    marked = popup_model({"name": "x"}, translator("zh"))
    assert marked["n"] == "x" and marked["f"] == 1  # the English name, marked


def test_a_popup_tells_each_source_by_its_title_publisher_and_date():
    """The registry's title, publisher and date go with each source (the host alone where
    it has none), the date as the reader's language writes it."""
    dated = Source(
        "https://ok.example/a", "Xi'an Declaration", "page", "Xinhua", "2023-05-19", "en"
    )
    registry = {dated.url: dated, "https://ok.example/m": Source("https://ok.example/m", "步骤")}
    steps = [{"date": "2024", "what": "Agreement", "source": "https://ok.example/m"}]
    props = {"name": "x", "sources": [dated.url, "https://other.example/b"], "milestones": steps}
    model = popup_model(props, translator("ru"), registry)
    assert model["src"] == [
        [dated.url, "Xi'an Declaration", "Xinhua, 19 мая 2023\u202fг.", "en"],
        ["https://other.example/b"],
    ]
    assert model["m"][0][2] == ["https://ok.example/m", "步骤", "", ""]


def test_popup_words_are_the_readers():
    words = popup_words(translator("ru"))
    assert words["kinds"]["railway"] == "Железная дорога"
    assert words["status_line"] == "{kind} — {status} в {year} году"
    assert set(words["milestones"]) == {"one", "few", "many"}


def test_the_grey_land_is_the_region_in_detail_and_the_world_coarser():
    """The neighbours reaching into the region are drawn to 0.01° (they meet the six);
    the rest of the world to 0.1°, so the whole world costs the base map little."""
    from corridors.config import DEFAULT_DATA_DIR
    from corridors.render.leaflet import context_layers

    repo = load_dataset(DEFAULT_DATA_DIR)
    layers = {name: (rows, digits) for name, rows, _, digits in context_layers(repo.neighbours)}
    near, near_digits = layers["Neighbours"]
    far, far_digits = layers["The rest of the world"]
    assert {"Russia", "Mongolia", "Afghanistan", "Iran"} <= set(near["name"])
    assert {"Germany", "Brazil", "Australia"} <= set(far["name"])
    assert len(near) + len(far) == len(repo.neighbours) and (near_digits, far_digits) == (2, 1)

"""The selection: filters, URL parsing and its round trip."""

from __future__ import annotations

import geopandas as gpd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corridors.config import COUNTRIES, LAYERS, YEAR_MAX, YEAR_MIN
from corridors.data.loader import load_dataset
from corridors.selection import (
    Selection,
    SelectionError,
    parse_bbox,
    parse_query,
    select_features,
    to_query,
)
from corridors.status import ALL_STATUSES
from tests.builders import feature, make_folder, point


@pytest.fixture
def features(tmp_path) -> gpd.GeoDataFrame:
    layers = {
        "pipelines": [
            feature("kaz-line", countries=["KAZ", "CHN"]),
            feature(
                "uzb-line",
                countries=["UZB", "TJK"],
                announced=2013,
                construction_start=2014,
                opened=None,
                status="under_construction",
            ),
        ],
        "events": [point("capital-x", countries=["TKM"], lon=58.38, lat=37.95)],
    }
    return load_dataset(make_folder(tmp_path, layers=layers), strict=True).features()


def ids(gdf) -> set[str]:
    return set(gdf["id"])


def test_default_selection_shows_everything_that_exists(features):
    assert ids(select_features(features, Selection(year=2025))) == {
        "kaz-line",
        "uzb-line",
        "capital-x",
    }


def test_feature_kept_if_it_touches_any_selected_country(features):
    assert ids(select_features(features, Selection(countries=("TJK",)))) == {"uzb-line"}
    assert ids(select_features(features, Selection(countries=("CHN", "TKM")))) == {
        "kaz-line",
        "capital-x",
    }


def test_year_hides_what_was_not_yet_announced(features):
    shown = select_features(features, Selection(year=2012))
    assert ids(shown) == {"kaz-line", "capital-x"}
    assert (
        select_features(features, Selection(year=2013))
        .set_index("id")
        .loc["uzb-line", "status_in_year"]
        == "planned"
    )


def test_status_and_layer_filters(features):
    assert ids(select_features(features, Selection(statuses=("under_construction",)))) == {
        "uzb-line"
    }
    assert ids(select_features(features, Selection(layers=("events",)))) == {"capital-x"}


def test_bbox_filter(features):
    assert ids(select_features(features, Selection(bbox=(55.0, 35.0, 60.0, 40.0)))) == {"capital-x"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"countries": ("KAZ", "FRA")}, "unknown country 'FRA'"),
        ({"year": 2030}, "year 2030 out of range"),
        ({"layers": ("canals",)}, "unknown layer 'canals'"),
        ({"statuses": ("done",)}, "unknown status 'done'"),
        ({"bbox": (80.0, 40.0, 70.0, 45.0)}, "is not minlon<maxlon"),
    ],
)
def test_bad_selection_names_the_value(kwargs, message):
    with pytest.raises(SelectionError, match=message):
        Selection(**kwargs)


def test_parse_bbox():
    assert parse_bbox("60,35,80,50") == (60.0, 35.0, 80.0, 50.0)
    with pytest.raises(SelectionError, match="four numbers"):
        parse_bbox("60,35,eighty,50")


def test_query_round_trip():
    sel = Selection(
        countries=("KAZ", "KGZ"), year=2016, layers=("pipelines",), statuses=("operating",)
    )
    again, notices = parse_query(to_query(sel))
    assert again == sel and notices == []


def test_query_unknown_values_dropped_with_notices():
    sel, notices = parse_query(
        {"countries": "kaz,XXX", "year": "1999", "layers": "pipelines,moon", "utm": "x"}
    )
    assert sel.countries == ("KAZ",)
    assert sel.year == YEAR_MAX
    assert sel.layers == ("pipelines",)
    text = " ".join(notices)
    for fragment in ("'XXX'", "'1999'", "'moon'", "'utm'"):
        assert fragment in text


def test_query_repeated_and_long_values():
    sel, notices = parse_query({"year": ["2014", "2016"], "countries": ["K" * 1000]})
    assert sel.year == 2016 and sel.countries == tuple(COUNTRIES)
    assert any("given 2 times" in n for n in notices)
    assert any("too long" in n for n in notices)


def test_query_no_known_country_falls_back_to_all():
    sel, notices = parse_query({"countries": "FRA"})
    assert sel.countries == tuple(COUNTRIES)
    assert any("showing all countries" in n for n in notices)


text = st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["countries", "year", "layers", "status", "other", ""]),
        st.one_of(text, st.lists(text, max_size=3)),
        max_size=5,
    )
)
def test_parse_query_never_raises_and_is_always_valid(params):
    sel, notices = parse_query(params)
    assert set(sel.countries) <= set(COUNTRIES) and sel.countries
    assert YEAR_MIN <= sel.year <= YEAR_MAX
    assert set(sel.layers) <= set(LAYERS)
    assert set(sel.statuses) <= set(ALL_STATUSES)
    assert all(isinstance(n, str) for n in notices)


def test_map_view_round_trips_through_the_url():
    from corridors.selection import MapView, parse_view_query, view_query

    view = MapView(bbox=(61.678, 36.191, 82.331, 46.392), basemap="osm")
    query = view_query(view)
    assert query == {"basemap": "osm", "bbox": "61.68,36.20,82.33,46.39"}  # rounded inwards
    again, notices = parse_view_query(query)
    assert notices == [] and again.basemap == "osm"
    assert again.bbox == (61.68, 36.2, 82.33, 46.39)
    assert view_query(MapView()) == {}


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"bbox": "80,40,70,45"}, "Map extent '80,40,70,45' in the URL is not"),
        ({"bbox": "a,b"}, "Map extent 'a,b' in the URL is not"),
        ({"basemap": "<script>"}, "Unknown basemap '<script>' in the URL was ignored."),
        ({"basemap": ["osm", "outlines"]}, "'basemap' was given 2 times; the last one is used."),
    ],
)
def test_bad_map_view_values_fall_back_with_a_notice(params, notice):
    from corridors.selection import parse_view_query

    view, notices = parse_view_query(params)
    assert any(n.startswith(notice) for n in notices), notices
    assert view.basemap in ("outlines", "osm")


def test_view_keys_are_not_unknown_parameters():
    _, notices = parse_query({"bbox": "60,35,80,46", "basemap": "osm"})
    assert notices == []

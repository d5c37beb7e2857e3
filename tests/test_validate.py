"""One test per validation message, each on a small hand-made broken file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from corridors.data.errors import DataError
from corridors.data.loader import load_dataset, read_layer, read_trade
from corridors.data.schema import PLACE_COLUMNS, TRADE_COLUMNS
from tests.builders import (
    PLACES,
    SOURCE,
    feature,
    make_folder,
    point,
    trade_row,
    write_csv,
    write_layer,
)


def layer_error(tmp_path: Path, features: list[dict], layer: str = "pipelines") -> str:
    path = write_layer(tmp_path / f"{layer}.geojson", features)
    with pytest.raises(DataError) as info:
        read_layer(path)
    return str(info.value)


@pytest.mark.parametrize(
    ("props", "field", "message"),
    [
        ({"name": ""}, "name", "must be a non-empty string"),
        ({"name_zh": 5}, "name_zh", "must be a string or null"),
        ({"kind": "canal"}, "kind", "unknown kind 'canal' for layer 'pipelines'"),
        ({"countries": ["KAZ", "XXX"]}, "countries", "unknown country code 'XXX'"),
        ({"countries": "KAZ"}, "countries", "must be a non-empty list of ISO3 codes"),
        ({"opened": "2009"}, "opened", "must be a whole year or null"),
        ({"opened": 2099}, "opened", "year 2099 out of range"),
        ({"construction_start": 2010}, "opened", "opened 2009 is before construction_start 2010"),
        ({"suspended_from": 2007}, "suspended_from", "suspended before construction started"),
        ({"suspended_from": 2010}, "suspended_from", "suspended after it opened"),
        (
            {"announced": None, "construction_start": None, "opened": None, "status": "planned"},
            "announced",
            "needs at least one year",
        ),
        ({"status": "finished"}, "status", "unknown status 'finished'"),
        ({"status": "planned"}, "status", "disagrees with the years, which give 'operating'"),
        ({"length_km": "450"}, "length_km", "must be a number or null"),
        ({"length_km": -5}, "length_km", "must not be negative"),
        ({"sources": []}, "sources", "needs at least one source URL"),
        ({"sources": ["javascript:alert(1)"]}, "sources", "not an http(s) URL"),
        ({"geometry_precision": "guess"}, "geometry_precision", "unknown value 'guess'"),
        ({"waypoints": "Alpha"}, "waypoints", "must be a list of place names"),
    ],
)
def test_property_problem_names_file_feature_and_field(tmp_path, props, field, message):
    text = layer_error(tmp_path, [feature("bad-one", **props)])
    assert "pipelines.geojson" in text
    assert "feature bad-one" in text
    assert f"field '{field}'" in text
    assert message in text


def test_missing_property_is_named(tmp_path):
    feat = feature("no-desc")
    del feat["properties"]["description"]
    assert "field 'description': required property is missing" in layer_error(tmp_path, [feat])


@pytest.mark.parametrize(
    ("props", "field", "message"),
    [
        ({"date_start": "18 May 2023"}, "date_start", "must be an ISO date"),
        ({"date_end": "2023-05-17"}, "date_end", "ends before it starts"),
        ({"opened": 2024, "status": "held"}, "opened", "must be the year of date_start"),
    ],
)
def test_event_date_problems(tmp_path, props, field, message):
    event = point(
        "summit-x",
        kind="summit",
        status="held",
        opened=2023,
        date_start="2023-05-18",
        date_end="2023-05-19",
    )
    event["properties"].update(props)
    text = layer_error(tmp_path, [event], layer="events")
    assert "feature summit-x" in text and f"field '{field}'" in text and message in text


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (None, "geometry is missing"),
        ({"type": "LineString", "coordinates": [[1, 2]]}, "malformed geometry"),
        ({"type": "Point", "coordinates": [70, 43]}, "Point not allowed in layer 'pipelines'"),
        ({"type": "LineString", "coordinates": [[70, 43], [200, 43]]}, "coordinates out of range"),
        ({"type": "LineString", "coordinates": [[70, 43], [70, 43]]}, "invalid geometry"),
    ],
)
def test_geometry_problems(tmp_path, geometry, message):
    feat = feature("geo-bad")
    feat["geometry"] = geometry
    text = layer_error(tmp_path, [feat])
    assert "feature geo-bad" in text and "field 'geometry'" in text and message in text


def test_feature_without_properties_is_named_by_position(tmp_path):
    text = layer_error(tmp_path, [feature(), {"type": "Feature", "geometry": None}])
    assert "feature #2, field 'properties': feature has no properties" in text


def test_bad_json_names_line_and_column(tmp_path):
    path = tmp_path / "pipelines.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [\n{,}]}', "utf-8")
    with pytest.raises(DataError, match=r"pipelines.geojson: not valid JSON: .* line 2, column 2"):
        read_layer(path)


def test_not_a_feature_collection(tmp_path):
    path = tmp_path / "pipelines.geojson"
    path.write_text(json.dumps({"type": "Feature"}), "utf-8")
    with pytest.raises(DataError, match="field 'type': must be a GeoJSON FeatureCollection"):
        read_layer(path)


def test_non_wgs84_crs_is_refused(tmp_path):
    path = tmp_path / "pipelines.geojson"
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "EPSG:3857"}},
        "features": [feature()],
    }
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(DataError, match="field 'crs': must be WGS84 lon/lat"):
        read_layer(path)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"partner": "XYZ"}, "partner", "unknown country code 'XYZ'"),
        ({"reporter": "KAZ", "partner": "KGZ"}, "partner", "one side of a trade row must be CHN"),
        ({"year": "20x3"}, "year", "must be a whole year"),
        ({"year": 1900}, "year", "year 1900 out of range"),
        ({"period": ""}, "period", "must be 'year' or a partial period"),
        ({"flow": "transit"}, "flow", "unknown value 'transit'"),
        ({"qualifier": "guess"}, "qualifier", "unknown value 'guess'"),
        ({"basis": "rumour"}, "basis", "unknown value 'rumour'"),
        ({"value_usd": "lots"}, "value_usd", "must be a number"),
        ({"value_usd": -1}, "value_usd", "must be more than 0"),
        ({"value_usd": 0}, "value_usd", "must be more than 0"),
        ({"quote": "   "}, "quote", "needs the words the figure comes from"),
        ({"source": ""}, "source", "needs an http(s) source URL"),
        ({"quote": ""}, "quote", "needs the words the figure comes from"),
    ],
)
def test_trade_row_problems_name_row_and_column(tmp_path, overrides, field, message):
    path = write_csv(tmp_path / "t.csv", [trade_row(), trade_row(**overrides)], TRADE_COLUMNS)
    with pytest.raises(DataError) as info:
        read_trade(path)
    text = str(info.value)
    assert f"t.csv, row 3, field '{field}'" in text and message in text


def test_trade_duplicate_key(tmp_path):
    path = write_csv(tmp_path / "t.csv", [trade_row(), trade_row(value_usd=1)], TRADE_COLUMNS)
    with pytest.raises(DataError, match="row for CHN/KAZ/2023/year/total: duplicate key"):
        read_trade(path)


def test_trade_missing_column(tmp_path):
    columns = [c for c in TRADE_COLUMNS if c != "source"]
    path = write_csv(tmp_path / "t.csv", [{c: trade_row()[c] for c in columns}], columns)
    with pytest.raises(DataError, match="field 'source': required column is missing"):
        read_trade(path)


def problems_of(root: Path) -> str:
    with pytest.raises(DataError) as info:
        load_dataset(root, strict=True)
    return str(info.value)


def test_duplicate_id_across_layers(tmp_path):
    root = make_folder(
        tmp_path,
        layers={"pipelines": [feature("same")], "railways": [feature("same", kind="railway")]},
    )
    assert (
        "feature same, field 'id': duplicate id (also in layers/pipelines.geojson)"
        in problems_of(root)
    )


def test_waypoint_not_in_gazetteer(tmp_path):
    root = make_folder(tmp_path, layers={"pipelines": [feature(waypoints=["Gamma"])]})
    assert "field 'waypoints': place 'Gamma' is not in places/*.csv" in problems_of(root)


def test_line_far_from_its_waypoint(tmp_path):
    places = [*PLACES, {"place": "Gamma", "lon": 72.5, "lat": 44.0, "source": SOURCE}]
    root = make_folder(
        tmp_path, layers={"pipelines": [feature(waypoints=["Gamma"])]}, places=places
    )
    assert "line passes 111" in problems_of(root)  # 1° of latitude away


def test_places_that_disagree(tmp_path):
    root = make_folder(tmp_path)
    write_csv(
        root / "places" / "other.csv",
        [{"place": "Alpha", "lon": 71.0, "lat": 43.0, "source": SOURCE}],
        PLACE_COLUMNS,
    )
    text = problems_of(root)
    # other.csv is read first, so the entry in test.csv is the one that disagrees.
    assert re.search(
        r"places/test\.csv, place Alpha, field 'lon': 81\.\d km from the same place in "
        r"places/other\.csv",
        text,
    ), text


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ({"place": "", "lon": 1, "lat": 1, "source": SOURCE}, "place", "needs a place name"),
        ({"place": "P", "lon": 181, "lat": 1, "source": SOURCE}, "lon", "longitude out of range"),
        ({"place": "P", "lon": 1, "lat": 91, "source": SOURCE}, "lat", "latitude out of range"),
        ({"place": "P", "lon": 1, "lat": 1, "source": "wiki"}, "source", "needs an http(s) URL"),
    ],
)
def test_place_row_problems(tmp_path, row, field, message):
    root = make_folder(tmp_path, places=[*PLACES, row])
    assert f"places/test.csv, row 4, field '{field}': {message}" in problems_of(root)


def test_file_missing_from_the_package(tmp_path):
    root = make_folder(tmp_path)
    write_layer(root / "layers" / "railways.geojson", [])
    expected = "layers/railways.geojson: file is not listed in datapackage.json"
    assert expected in problems_of(root)


def test_package_resource_without_licence(tmp_path):
    root = make_folder(tmp_path)
    package = json.loads((root / "datapackage.json").read_text())
    listed = next(r for r in package["resources"] if r["path"] == "layers/pipelines.geojson")
    listed["licenses"] = []
    (root / "datapackage.json").write_text(json.dumps(package))
    expected = "resource layers/pipelines.geojson, field 'licenses': needs the file's licence"
    assert expected in problems_of(root)


def test_package_lists_a_missing_file(tmp_path):
    root = make_folder(tmp_path)
    (root / "trade" / "china_customs.csv").unlink()
    expected = "resource trade/china_customs.csv, field 'path': listed file does not exist"
    assert expected in problems_of(root)


def test_a_folder_without_a_package_is_named(tmp_path):
    root = make_folder(tmp_path)
    (root / "datapackage.json").unlink()
    assert "datapackage.json: cannot be read" in problems_of(root)


def test_unknown_layer_file(tmp_path):
    root = make_folder(tmp_path, layers={"pipelines": [feature()], "canals": []})
    assert "layers/canals.geojson: unknown layer 'canals'" in problems_of(root)


GOOD_MILESTONE = {"date": "2008-07-09", "what": "Construction launched", "source": SOURCE}


def test_good_milestones_pass(tmp_path):
    steps = [
        {"date": "2007", "what": "Agreement signed", "source": SOURCE, "quote": "in 2007"},
        {"date": "2008-07", "what": "Works begin", "source": SOURCE},
        GOOD_MILESTONE,
        {"date": "2009-12-14", "what": "First gas", "source": SOURCE},
    ]
    path = write_layer(tmp_path / "pipelines.geojson", [feature(milestones=steps)])
    (row,) = read_layer(path).to_dict("records")
    assert [m["date"] for m in row["milestones"]] == ["2007", "2008-07", "2008-07-09", "2009-12-14"]


@pytest.mark.parametrize(
    ("milestones", "message"),
    [
        ("2008: agreed", "field 'milestones': must be a list of {date, what, source} objects"),
        (["2008"], "field 'milestones[1]': must be an object with date, what and source"),
        (
            [{**GOOD_MILESTONE, "date": "9 July 2008"}],
            "field 'milestones[1]': date must be YYYY, YYYY-MM or YYYY-MM-DD, got '9 July 2008'",
        ),
        (
            [{**GOOD_MILESTONE, "date": "2008-02-30"}],
            "field 'milestones[1]': date must be YYYY, YYYY-MM or YYYY-MM-DD, got '2008-02-30'",
        ),
        (
            [{**GOOD_MILESTONE, "date": "1954"}],
            "field 'milestones[1]': year 1954 out of range 1990–2035",
        ),
        (
            [{**GOOD_MILESTONE, "date": "2006-04-03"}],
            "field 'milestones[1]': dated 2006-04-03, before the feature was announced (2007)",
        ),
        (
            [GOOD_MILESTONE, {**GOOD_MILESTONE, "date": "2008-06"}],
            "field 'milestones[2]': 2008-06 is out of date order",
        ),
        (
            [{**GOOD_MILESTONE, "what": ""}],
            "field 'milestones[1]': what must be a sentence of 1–160 characters",
        ),
        (
            [{**GOOD_MILESTONE, "what": "x" * 161}],
            "field 'milestones[1]': what must be a sentence of 1–160 characters",
        ),
        (
            [{**GOOD_MILESTONE, "source": "javascript:alert(1)"}],
            "field 'milestones[1]': not an http(s) URL: 'javascript:alert(1)'",
        ),
    ],
)
def test_bad_milestones_are_named(tmp_path, milestones, message):
    text = layer_error(tmp_path, [feature(milestones=milestones)])
    assert f"pipelines.geojson, feature line-a, {message}" in text


def test_name_sources_must_be_links(tmp_path):
    text = layer_error(tmp_path, [feature(name_sources={"name_zh": "baike"})])
    assert "field 'name_sources': name_zh: not a name field or not an http(s) URL" in text


def test_a_total_that_is_not_exports_plus_imports_is_named(tmp_path):
    rows = [
        trade_row(flow="total", value_usd=41.0e9),
        trade_row(flow="export", value_usd=24.7e9),
        trade_row(flow="import", value_usd=10.0e9),
    ]
    with pytest.raises(DataError) as info:
        read_trade(write_csv(tmp_path / "t.csv", rows, TRADE_COLUMNS))
    assert "rows for CHN/KAZ/2023/year" in str(info.value)
    assert "is not exports + imports" in str(info.value)


def test_totals_within_rounding_and_lower_bounds_pass(tmp_path):
    rows = [
        trade_row(flow="total", value_usd=15.5e9),
        trade_row(flow="export", value_usd=15.42e9),
        trade_row(flow="import", value_usd=0.08166e9),
        trade_row(year=2013, flow="total", value_usd=30e9, qualifier="lower_bound"),
        trade_row(year=2013, flow="export", value_usd=20e9),
        trade_row(year=2013, flow="import", value_usd=1e9),
    ]
    assert len(read_trade(write_csv(tmp_path / "t.csv", rows, TRADE_COLUMNS))) == 6


def test_every_country_year_has_a_figure_or_a_gap_note(tmp_path):
    from corridors.config import CENTRAL_ASIA, YEAR_MAX, YEAR_MIN
    from corridors.data.validate import check_trade_coverage

    trade = read_trade(write_csv(tmp_path / "t.csv", [trade_row(year=2023)], TRADE_COLUMNS))
    gaps = pd.DataFrame(
        [
            {"partner": c, "year": y, "searched": "x", "file": "gaps/trade.csv"}
            for c in CENTRAL_ASIA
            for y in range(YEAR_MIN, YEAR_MAX + 1)
            if (c, y) not in {("KAZ", 2023), ("KGZ", 2010)}
        ]
        + [{"partner": "KAZ", "year": 2023, "searched": "x", "file": "gaps/trade.csv"}]
    )
    problems = [str(p) for p in check_trade_coverage(trade, gaps)]
    assert len(problems) == 2
    assert any("KGZ/2010" in p and "no sourced trade figure and no gap note" in p for p in problems)
    assert any("KAZ/2023" in p and "a sourced figure exists" in p for p in problems)


def test_the_repositorys_trade_rows_each_carry_a_quote_and_an_http_source():
    """Every row of the shipped trade tables passes the row rules (quote, http(s) source,
    value > 0), and every country-year 2009–2025 has a figure or a gap note."""
    from corridors.data.loader import load_dataset

    ds = load_dataset()
    assert [p for p in ds.problems if "trade" in p.file or "gaps" in p.file] == []
    assert len(ds.trade) > 100 and len(ds.trade_gaps) > 0
    assert ds.trade["quote"].str.strip().str.len().gt(0).all()


def test_a_gap_note_names_what_is_wrong():
    from corridors.data.validate import check_trade_gap_row

    ok = {"partner": "KGZ", "year": "2014", "searched": "the yearbook"}
    assert check_trade_gap_row(ok, "gaps/trade.csv", "row 2") == []
    found = check_trade_gap_row(
        {"partner": "CHN", "year": "2030", "searched": " "}, "gaps/trade.csv", "row 3"
    )
    text = " ".join(str(p) for p in found)
    assert "unknown country 'CHN'" in text
    assert "must be a year 2009–2025, got '2030'" in text
    assert "say where the figure was looked for" in text
    assert all("gaps/trade.csv, row 3" in str(p) for p in found)

"""An event held online: no place, so no point on a city; listed, exported, never drawn."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from corridors.data.errors import DataError
from corridors.data.loader import load_dataset, read_layer
from corridors.export import export_animation, export_view
from corridors.feature_index import feature_index
from corridors.i18n import translator
from corridors.render import live
from corridors.render.geojson import layer_data
from corridors.selection import Selection
from corridors.tables import features_table
from corridors.timeline import timeline_table
from corridors.view import view_of
from tests.builders import SOURCE, feature, make_folder, point, write_layer

ONLINE = "fmm-2020-online"


def online_meeting(fid: str = ONLINE, **props) -> dict:
    """A foreign ministers' meeting held by video link in 2020 (as the data writes one)."""
    base = point(
        fid,
        name="First China–Central Asia Foreign Ministers' Meeting",
        kind="ministerial_meeting",
        status="held",
        countries=["CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"],
        opened=2020,
        date_start="2020-07-16",
        date_end="2020-07-16",
        outcomes="Joint statement adopted.",
        geometry_precision="online",
        milestones=[{"date": "2020-07-16", "what": "Held by video link", "source": SOURCE}],
    )
    base["properties"].update(props)
    base["geometry"] = None
    return base


@pytest.fixture
def ds(tmp_path):
    layers = {"pipelines": [feature()], "events": [point("capital-astana"), online_meeting()]}
    return load_dataset(make_folder(tmp_path / "geodata", layers=layers), strict=True)


def layer_problems(tmp_path: Path, feat: dict, layer: str = "events") -> str:
    with pytest.raises(DataError) as info:
        read_layer(write_layer(tmp_path / f"{layer}.geojson", [feat]))
    return str(info.value)


def test_an_online_event_loads_without_a_place(ds):
    events = ds.layers["events"].set_index("id")
    assert events.loc[ONLINE, "geometry"] is None
    assert events.loc[ONLINE, "geometry_precision"] == "online"


def test_a_missing_geometry_is_still_refused_when_not_online(tmp_path):
    text = layer_problems(tmp_path, online_meeting(geometry_precision="city"))
    assert f"feature {ONLINE}, field 'geometry': geometry is missing" in text


def test_an_online_event_given_a_point_is_refused(tmp_path):
    meeting = online_meeting()
    meeting["geometry"] = {"type": "Point", "coordinates": [71.45, 51.17]}
    text = layer_problems(tmp_path, meeting)
    assert "field 'geometry': an event held online has no place: its geometry must be null" in (
        text
    )


@pytest.mark.parametrize(
    ("feat", "layer"),
    [
        (online_meeting(kind="capital", status="existing", opened=None, date_start=None), "events"),
        (feature("line-x", geometry_precision="online"), "pipelines"),
    ],
)
def test_online_is_only_for_events(tmp_path, feat, layer):
    text = layer_problems(tmp_path, feat, layer)
    assert "field 'geometry_precision': 'online' is only for a summit or meeting held online" in (
        text
    )


def test_the_view_selects_it_but_no_map_draws_it(ds):
    view = view_of(ds, Selection(year=2023))
    assert ONLINE in view.ids
    assert ONLINE not in set(view.on_map["id"])
    assert sum(view.status_counts.values()) == len(view.on_map)
    drawn = {f["properties"]["id"] for c in layer_data(view).values() for f in c["features"]}
    assert ONLINE not in drawn and "capital-astana" in drawn


def test_a_bbox_leaves_it_out(ds):
    view = view_of(ds, Selection(year=2023, bbox=(60.0, 35.0, 90.0, 55.0)))
    assert ONLINE not in view.ids


def test_the_live_library_search_and_timeline_have_no_point_for_it(ds):
    library = live.library(ds.features())
    in_library = {f["properties"]["id"] for _, c in library["layers"] for f in c["features"]}
    assert ONLINE not in in_library and "capital-astana" in in_library
    features = ds.features()
    assert ONLINE not in set(features.loc[live.library_order(features), "id"])
    view = view_of(ds, Selection(year=2023))
    assert ONLINE not in feature_index(view.features, translator()).labels
    row = timeline_table(view.features).set_index("feature_id").loc[ONLINE]
    assert math.isnan(row["lon"]) and math.isnan(row["lat"])


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf", "html"])
def test_maps_draw_everything_else(ds, fmt):
    done = export_view(view_of(ds, Selection(year=2023)), fmt)
    assert ONLINE not in done.ids and "capital-astana" in done.ids


def test_the_animation_draws_every_year(ds):
    views = [view_of(ds, Selection(year=year)) for year in (2019, 2020, 2021)]
    done = export_animation(views)
    assert ONLINE not in done.ids and done.data[:6] == b"GIF89a"


def test_the_geojson_and_the_features_table_carry_it_without_a_place(ds):
    view = view_of(ds, Selection(year=2023))
    doc = json.loads(export_view(view, "geojson").data)
    meeting = next(f for f in doc["features"] if f["properties"]["id"] == ONLINE)
    assert meeting["geometry"] is None and meeting["properties"]["geometry_precision"] == "online"
    row = features_table(view).set_index("id").loc[ONLINE]
    assert (row["geometry_precision"], row["lon"], row["lat"]) == ("online", "", "")

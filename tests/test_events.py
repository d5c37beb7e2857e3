"""The meetings' list (corridors.events): where each was held, told by the gazetteer."""

from __future__ import annotations

import pandas as pd
import shapely

from corridors.data.loader import load_dataset
from corridors.events import events_table, held_online, place_of

PLACES = pd.DataFrame(
    {
        "place": ["Xi'an", "Astana"],
        "lon": [108.9422, 71.4333],
        "lat": [34.2611, 51.1667],
        "name_zh": ["西安", None],
        "name_ru": ["Сиань", "Астана"],
    }
)


def test_a_point_on_a_gazetteer_place_is_that_place():
    place = place_of(shapely.Point(108.95, 34.26), PLACES)
    assert place == {"name": "Xi'an", "name_zh": "西安", "name_ru": "Сиань"}


def test_a_point_on_no_listed_place_names_none_rather_than_the_nearest():
    assert place_of(shapely.Point(104.06, 30.66), PLACES) is None  # Chengdu: not listed here


def test_an_event_without_a_point_has_no_place():
    assert place_of(None, PLACES) is None
    assert place_of(shapely.Point(71.43, 51.17), PLACES.iloc[0:0]) is None


def test_every_meeting_in_the_data_is_on_a_place_or_held_online():
    """The repository's summits and ministers' meetings, oldest first: each in-person one
    sits on a gazetteer city, each online one has no point."""
    ds = load_dataset()
    rows = events_table(ds.layers["events"])
    assert list(rows["date_start"]) == sorted(rows["date_start"])
    assert len(rows) >= 9
    for props, geom in zip(rows.to_dict("records"), rows.geometry, strict=True):
        if held_online(props):
            assert geom is None or geom.is_empty, props["id"]
        else:
            assert place_of(geom, ds.place_names()) is not None, props["id"]

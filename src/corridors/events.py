"""The China–Central Asia meetings as a list a reader can check: when, where, what was
signed, and the pages that say so.

A meeting's point sits on its city (``geometry_precision: city``); which city is told by the
gazetteer place it sits on, so the place a reader sees is the one the data was drawn from,
in the reader's language where the sources name it. A meeting held online has no point and
no place. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import pandas as pd

from corridors.data.geodesy import distance_km
from corridors.data.schema import ONLINE, WAYPOINT_TOLERANCE_KM
from corridors.kinds import EVENT_KINDS


def events_table(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Summits and meetings (capitals left out), oldest first."""
    if events.empty:
        return events
    rows = events[events["kind"].isin(EVENT_KINDS)]
    return rows.sort_values("date_start") if "date_start" in rows else rows


def held_online(props: Mapping[str, Any]) -> bool:
    """Whether an event was held online: it has no place, so no marker and no button."""
    return props.get("geometry_precision") == ONLINE


def place_of(geom: Any, places: pd.DataFrame) -> dict[str, Any] | None:
    """The gazetteer place (a row of ``Dataset.place_names()``: ``place``, ``name_zh``,
    ``name_ru``) an event's point sits on, within the gazetteer's own tolerance; None for
    an event without a point, or a point on no listed place (then no place is named rather
    than the nearest guessed)."""
    if geom is None or geom.is_empty or places.empty:
        return None
    dist = [
        distance_km(geom, lon, lat) for lon, lat in zip(places["lon"], places["lat"], strict=True)
    ]
    best = min(range(len(dist)), key=dist.__getitem__)
    if dist[best] > WAYPOINT_TOLERANCE_KM:
        return None
    row = places.iloc[best]
    return {"name": row["place"], "name_zh": row.get("name_zh"), "name_ru": row.get("name_ru")}

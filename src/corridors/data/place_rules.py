"""The rules for places: gazetteer rows, the Chinese and Russian place names, gazetteer
entries that agree across files, and the waypoints a line names.

Checks never raise on bad data: they describe it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from corridors.data import schema
from corridors.data.errors import Problem
from corridors.data.geodesy import distance_km
from corridors.values import as_float, is_http_url, present

#: Characters that show a name is in the script its column says.
SCRIPTS: dict[str, tuple[str, re.Pattern[str]]] = {
    "name_zh": ("Chinese characters", re.compile(r"[\u4e00-\u9fff]")),
    "name_ru": ("Cyrillic letters", re.compile(r"[\u0400-\u04ff]")),
}


def check_place_name_row(row: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """Check one row of place names: a place, and each name given in its script, with the
    http(s) URL of the page it was taken from."""
    out: list[Problem] = []
    if not str(row.get("place") or "").strip():
        out.append(Problem(file, where, "place", "needs the gazetteer's place name"))
    for column, (script, pattern) in SCRIPTS.items():
        name = row.get(column)
        if not present(name) or not str(name).strip():
            continue
        if not pattern.search(str(name)):
            out.append(Problem(file, where, column, f"{name!r} has no {script}"))
        source = row.get("source_" + column.removeprefix("name_"))
        if not is_http_url(source):
            out.append(
                Problem(
                    file,
                    where,
                    "source_" + column.removeprefix("name_"),
                    f"a name needs the http(s) URL it comes from, got {source!r}",
                )
            )
    return out


def check_place_names_known(names: pd.DataFrame, places: pd.DataFrame) -> list[Problem]:
    """Every named place is in the gazetteer, once (a typo would silently name nothing)."""
    out: list[Problem] = []
    known = set(places["place"])
    seen: set[str] = set()
    for index, row in enumerate(names.to_dict("records")):
        where, place = f"row {index + 2}", row["place"]
        if place not in known:
            out.append(Problem(row["file"], where, "place", f"{place!r} is not in the gazetteer"))
        if place in seen:
            out.append(Problem(row["file"], where, "place", f"{place!r} is named twice"))
        seen.add(place)
    return out


def check_place_row(row: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """Check one gazetteer row: a name, coordinates in range, a source."""
    out: list[Problem] = []
    if not str(row.get("place") or "").strip():
        out.append(Problem(file, where, "place", "needs a place name"))
    lon, lat = as_float(row.get("lon")), as_float(row.get("lat"))
    if lon is None or not -180 <= lon <= 180:
        out.append(Problem(file, where, "lon", f"longitude out of range: {row.get('lon')!r}"))
    if lat is None or not -90 <= lat <= 90:
        out.append(Problem(file, where, "lat", f"latitude out of range: {row.get('lat')!r}"))
    if not is_http_url(row.get("source")):
        out.append(
            Problem(file, where, "source", f"needs an http(s) URL, got {row.get('source')!r}")
        )
    return out


def check_waypoints(
    geom: BaseGeometry, waypoints: Any, places: pd.DataFrame, file: str, where: str
) -> list[Problem]:
    """Every waypoint a line names is a gazetteer place it passes within tolerance of.

    ``places`` is the gazetteer indexed by place name.
    """
    out: list[Problem] = []
    for waypoint in waypoints if isinstance(waypoints, list) else []:
        if not len(places) or waypoint not in places.index:
            out.append(
                Problem(file, where, "waypoints", f"place {waypoint!r} is not in places/*.csv")
            )
            continue
        place = places.loc[waypoint]
        km = distance_km(geom, place["lon"], place["lat"])
        if km > schema.WAYPOINT_TOLERANCE_KM:
            out.append(
                Problem(
                    file,
                    where,
                    "waypoints",
                    f"line passes {km:.1f} km from {waypoint!r} "
                    f"(at most {schema.WAYPOINT_TOLERANCE_KM:.0f} km)",
                )
            )
    return out


def check_places_agree(places: pd.DataFrame) -> list[Problem]:
    """A place named in two gazetteer files must be within tolerance of itself."""
    if places.empty:
        return []
    out = []
    for place, group in places.groupby("place"):
        first = group.iloc[0]
        for _, other in group.iloc[1:].iterrows():
            km = distance_km(shapely.Point(first["lon"], first["lat"]), other["lon"], other["lat"])
            if km > schema.WAYPOINT_TOLERANCE_KM:
                out.append(
                    Problem(
                        other["file"],
                        f"place {place}",
                        "lon",
                        f"{km:.1f} km from the same place in {first['file']}",
                    )
                )
    return out

"""Checks for features, places and trade rows, each returning the problems it finds.

Checks never raise on bad data: they describe it. The loader decides whether a problem
drops one feature, one file, or (in strict mode) stops everything.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlparse

import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

from corridors import schema
from corridors.config import COUNTRIES, DATA_YEAR_MAX, DATA_YEAR_MIN, REGION_CODE, YEAR_MAX
from corridors.errors import Problem
from corridors.status import EVENT_KINDS, STATUS_LABELS, TIMELESS_KINDS, status_in

GEOD = Geod(ellps="WGS84")


def is_http_url(value: Any) -> bool:
    """True for an absolute http(s) URL: the only links we ever put in a page."""
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def is_number(value: Any) -> bool:
    """True for a finite int or float (bools are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def feature_label(props: Mapping[str, Any] | None, index: int) -> str:
    """How problems name a feature: by its id when it has a usable one, else by position."""
    fid = props.get("id") if isinstance(props, Mapping) else None
    return f"feature {fid}" if isinstance(fid, str) and fid else f"feature #{index + 1}"


def check_properties(props: Mapping[str, Any], layer: str, file: str, where: str) -> list[Problem]:
    """Check one feature's properties against the schema for its layer."""
    out: list[Problem] = []

    def bad(field: str, reason: str) -> None:
        out.append(Problem(file, where, field, reason))

    for field in schema.REQUIRED_PROPERTIES:
        if field not in props:
            bad(field, "required property is missing")
    for field in schema.TEXT_PROPERTIES:
        value = props.get(field)
        if field in props and (not isinstance(value, str) or not value.strip()):
            bad(field, f"must be a non-empty string, got {value!r}")
    for field in schema.OPTIONAL_TEXT_PROPERTIES:
        if props.get(field) is not None and not isinstance(props.get(field), str):
            bad(field, f"must be a string or null, got {props.get(field)!r}")
    kind = props.get("kind")
    kinds = schema.KINDS_BY_LAYER.get(layer, frozenset())
    if "kind" in props and kind not in kinds:
        bad(
            "kind", f"unknown kind {kind!r} for layer '{layer}' (known: {', '.join(sorted(kinds))})"
        )
    out += _check_countries(props, file, where)
    out += _check_years(props, file, where)
    out += _check_numbers(props, file, where)
    out += _check_sources(props.get("sources"), file, where, "sources")
    precision = props.get("geometry_precision")
    if "geometry_precision" in props and precision not in schema.GEOMETRY_PRECISIONS:
        known = ", ".join(sorted(schema.GEOMETRY_PRECISIONS))
        bad("geometry_precision", f"unknown value {precision!r} (known: {known})")
    waypoints = props.get("waypoints")
    if waypoints is not None and (
        not isinstance(waypoints, list) or not all(isinstance(w, str) for w in waypoints)
    ):
        bad("waypoints", "must be a list of place names")
    if kind in EVENT_KINDS:
        out += _check_dates(props, file, where)
    return out


def _check_countries(props: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    if "countries" not in props:
        return []
    countries = props.get("countries")
    if not isinstance(countries, list) or not countries:
        return [Problem(file, where, "countries", "must be a non-empty list of ISO3 codes")]
    unknown = [c for c in countries if c not in COUNTRIES]
    if unknown:
        known = ", ".join(COUNTRIES)
        return [
            Problem(file, where, "countries", f"unknown country code {c!r} (known: {known})")
            for c in unknown
        ]
    return []


def _check_years(props: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    out: list[Problem] = []
    years: dict[str, int] = {}
    for field in schema.YEAR_PROPERTIES:
        value = props.get(field)
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool):
            out.append(Problem(file, where, field, f"must be a whole year or null, got {value!r}"))
        elif not DATA_YEAR_MIN <= value <= DATA_YEAR_MAX:
            out.append(
                Problem(
                    file, where, field, f"year {value} out of range {DATA_YEAR_MIN}–{DATA_YEAR_MAX}"
                )
            )
        else:
            years[field] = value
    order = [f for f in ("announced", "construction_start", "opened") if f in years]
    for earlier, later in itertools.pairwise(order):
        if years[earlier] > years[later]:
            out.append(
                Problem(
                    file,
                    where,
                    later,
                    f"{later} {years[later]} is before {earlier} {years[earlier]}",
                )
            )
    if "suspended_from" in years:
        if "construction_start" in years and years["suspended_from"] < years["construction_start"]:
            out.append(
                Problem(file, where, "suspended_from", "suspended before construction started")
            )
        if "opened" in years and years["suspended_from"] > years["opened"]:
            out.append(Problem(file, where, "suspended_from", "suspended after it opened"))
    kind = props.get("kind")
    if not out and kind not in TIMELESS_KINDS and not years:
        out.append(Problem(file, where, "announced", "needs at least one year"))
    status = props.get("status")
    if not out and isinstance(status, str) and "status" in props:
        expected = status_in(props, YEAR_MAX)
        if status not in STATUS_LABELS:
            known = ", ".join(STATUS_LABELS)
            out.append(
                Problem(file, where, "status", f"unknown status {status!r} (known: {known})")
            )
        elif status != expected:
            out.append(
                Problem(
                    file,
                    where,
                    "status",
                    f"status {status!r} disagrees with the years, which give {expected!r} "
                    f"for {YEAR_MAX}",
                )
            )
    return out


def _check_numbers(props: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    out: list[Problem] = []
    for field, value in props.items():
        if not field.endswith(schema.NUMBER_SUFFIXES) or value is None:
            continue
        if not is_number(value):
            out.append(Problem(file, where, field, f"must be a number or null, got {value!r}"))
        elif value < 0:
            out.append(Problem(file, where, field, f"must not be negative, got {value}"))
    return out


def _check_sources(sources: Any, file: str, where: str, field: str) -> list[Problem]:
    if not isinstance(sources, list) or not sources:
        return [Problem(file, where, field, "needs at least one source URL")]
    return [
        Problem(file, where, field, f"not an http(s) URL: {s!r}")
        for s in sources
        if not is_http_url(s)
    ]


def _check_dates(props: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    out: list[Problem] = []
    parsed: dict[str, date] = {}
    for field in ("date_start", "date_end"):
        value = props.get(field)
        try:
            parsed[field] = date.fromisoformat(value)
        except (TypeError, ValueError):
            out.append(Problem(file, where, field, f"must be an ISO date, got {value!r}"))
    if len(parsed) == 2 and parsed["date_end"] < parsed["date_start"]:
        out.append(Problem(file, where, "date_end", "ends before it starts"))
    opened = props.get("opened")
    if "date_start" in parsed and isinstance(opened, int) and parsed["date_start"].year != opened:
        out.append(Problem(file, where, "opened", "must be the year of date_start"))
    return out


def check_geometry(geom: BaseGeometry | None, layer: str, file: str, where: str) -> list[Problem]:
    """Check type, emptiness, coordinate range and validity of one geometry."""
    if geom is None or geom.is_empty:
        return [Problem(file, where, "geometry", "geometry is missing or empty")]
    allowed = schema.GEOMETRY_TYPES_BY_LAYER.get(layer, frozenset())
    if geom.geom_type not in allowed:
        return [
            Problem(
                file,
                where,
                "geometry",
                f"{geom.geom_type} not allowed in layer '{layer}' (allowed: "
                f"{', '.join(sorted(allowed))})",
            )
        ]
    coords = shapely.get_coordinates(geom)
    if not ((abs(coords[:, 0]) <= 180).all() and (abs(coords[:, 1]) <= 90).all()):
        return [Problem(file, where, "geometry", "coordinates out of range (lon ±180, lat ±90)")]
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        return [Problem(file, where, "geometry", f"invalid geometry: {reason}")]
    return []


def distance_km(geom: BaseGeometry, lon: float, lat: float) -> float:
    """Geodesic distance (km) from a point to the nearest point of ``geom``.

    The nearest point is found in lon/lat (fine at the 10 km scale we check), the
    distance itself is measured on the WGS84 ellipsoid.
    """
    point = shapely.Point(lon, lat)
    nearest = shapely.ops.nearest_points(geom, point)[0]
    _, _, metres = GEOD.inv(lon, lat, nearest.x, nearest.y)
    return metres / 1000.0


def check_trade_row(row: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """Check one trade row (values as read from CSV, all strings)."""
    out: list[Problem] = []

    def bad(field: str, reason: str) -> None:
        out.append(Problem(file, where, field, reason))

    codes = {*COUNTRIES, REGION_CODE}
    for field in ("reporter", "partner"):
        if row.get(field) not in codes:
            bad(
                field,
                f"unknown country code {row.get(field)!r} (known: {', '.join(sorted(codes))})",
            )
    if not out and "CHN" not in (row.get("reporter"), row.get("partner")):
        bad("partner", "one side of a trade row must be CHN")
    year = _as_int(row.get("year"))
    if year is None:
        bad("year", f"must be a whole year, got {row.get('year')!r}")
    elif not DATA_YEAR_MIN <= year <= DATA_YEAR_MAX:
        bad("year", f"year {year} out of range {DATA_YEAR_MIN}–{DATA_YEAR_MAX}")
    if not str(row.get("period") or "").strip():
        bad("period", "must be 'year' or a partial period such as 'Jan-May'")
    _check_choice(row, "flow", schema.FLOWS, bad)
    _check_choice(row, "qualifier", schema.QUALIFIERS, bad)
    _check_choice(row, "basis", schema.BASES, bad)
    value = _as_float(row.get("value_usd"))
    if value is None:
        bad("value_usd", f"must be a number, got {row.get('value_usd')!r}")
    elif value < 0:
        bad("value_usd", f"must not be negative, got {row.get('value_usd')}")
    if not is_http_url(row.get("source")):
        bad("source", f"needs an http(s) source URL, got {row.get('source')!r}")
    if not str(row.get("quote") or "").strip():
        bad("quote", "needs the words the figure comes from")
    return out


def _check_choice(row: Mapping[str, Any], field: str, choices: Iterable[str], bad) -> None:
    if row.get(field) not in choices:
        bad(field, f"unknown value {row.get(field)!r} (known: {', '.join(sorted(choices))})")


def _as_int(value: Any) -> int | None:
    try:
        text = str(value).strip()
        return int(text) if text.lstrip("-").isdigit() else None
    except (TypeError, ValueError):
        return None


def _as_float(value: Any) -> float | None:
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def check_place_row(row: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """Check one gazetteer row: a name, coordinates in range, a source."""
    out: list[Problem] = []
    if not str(row.get("place") or "").strip():
        out.append(Problem(file, where, "place", "needs a place name"))
    lon, lat = _as_float(row.get("lon")), _as_float(row.get("lat"))
    if lon is None or not -180 <= lon <= 180:
        out.append(Problem(file, where, "lon", f"longitude out of range: {row.get('lon')!r}"))
    if lat is None or not -90 <= lat <= 90:
        out.append(Problem(file, where, "lat", f"latitude out of range: {row.get('lat')!r}"))
    if not is_http_url(row.get("source")):
        out.append(
            Problem(file, where, "source", f"needs an http(s) URL, got {row.get('source')!r}")
        )
    return out


def duplicate_values(values: Sequence[Any]) -> set[Any]:
    """The values that occur more than once."""
    seen: set[Any] = set()
    return {v for v in values if v in seen or seen.add(v)}

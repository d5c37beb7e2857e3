"""The rules for features: a feature's properties (years, status, sources, milestones,
names) and geometry, a user's own layer's features, and ids unique across layers.

Checks never raise on bad data: they describe it (see :mod:`corridors.data.validate`).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import date
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from corridors.config import COUNTRIES, DATA_YEAR_MAX, DATA_YEAR_MIN, YEAR_MAX
from corridors.data import schema
from corridors.data.errors import Problem
from corridors.kinds import EVENT_KINDS, TIMELESS_KINDS
from corridors.status import STATUS_LABELS, status_in
from corridors.values import is_http_url, is_number

#: Longest milestone sentence: a caption under the map, not a paragraph.
MILESTONE_TEXT_MAX = 160


def feature_label(props: Mapping[str, Any] | None, index: int) -> str:
    """How problems name a feature: by its id when it has a usable one, else by position."""
    fid = props.get("id") if isinstance(props, Mapping) else None
    return f"feature {fid}" if isinstance(fid, str) and fid else f"feature #{index + 1}"


def check_properties(props: Mapping[str, Any], layer: str, file: str, where: str) -> list[Problem]:
    """Check one feature's properties against the schema for its layer."""
    out: list[Problem] = []

    def problem(field: str, reason: str) -> None:
        out.append(Problem(file, where, field, reason))

    for field in schema.REQUIRED_PROPERTIES:
        if field not in props:
            problem(field, "required property is missing")
    for field in schema.TEXT_PROPERTIES:
        value = props.get(field)
        if field in props and (not isinstance(value, str) or not value.strip()):
            problem(field, f"must be a non-empty string, got {value!r}")
    for field in schema.OPTIONAL_TEXT_PROPERTIES:
        if props.get(field) is not None and not isinstance(props.get(field), str):
            problem(field, f"must be a string or null, got {props.get(field)!r}")
    kind = props.get("kind")
    kinds = schema.KINDS_BY_LAYER.get(layer, frozenset())
    if "kind" in props and kind not in kinds:
        problem(
            "kind", f"unknown kind {kind!r} for layer '{layer}' (known: {', '.join(sorted(kinds))})"
        )
    out += _check_countries(props, file, where)
    years_found = _check_years(props, file, where)
    out += years_found or _check_status(props, file, where)
    out += _check_numbers(props, file, where)
    out += _check_sources(props.get("sources"), file, where, "sources")
    precision = props.get("geometry_precision")
    if "geometry_precision" in props and precision not in schema.GEOMETRY_PRECISIONS:
        known = ", ".join(sorted(schema.GEOMETRY_PRECISIONS))
        problem("geometry_precision", f"unknown value {precision!r} (known: {known})")
    elif precision == schema.ONLINE and (
        layer not in schema.ONLINE_LAYERS or kind not in EVENT_KINDS
    ):
        problem("geometry_precision", "'online' is only for a summit or meeting held online")
    waypoints = props.get("waypoints")
    if waypoints is not None and (
        not isinstance(waypoints, list) or not all(isinstance(w, str) for w in waypoints)
    ):
        problem("waypoints", "must be a list of place names")
    if kind in EVENT_KINDS:
        out += _check_dates(props, file, where)
    out += check_milestones(props.get("milestones"), props.get("announced"), file, where)
    out += _check_name_sources(props.get("name_sources"), file, where)
    return out


def parse_milestone_date(value: Any) -> tuple[int, ...] | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as (year[, month[, day]]); None if not a date.

    Partial dates compare by their known parts, so 2024 sorts before 2024-06-06.
    """
    if not isinstance(value, str) or len(value) not in (4, 7, 10):
        return None
    padded = value + {4: "-01-01", 7: "-01", 10: ""}[len(value)]
    try:
        parsed = date.fromisoformat(padded)
    except ValueError:
        return None
    return (parsed.year, parsed.month, parsed.day)[: {4: 1, 7: 2, 10: 3}[len(value)]]


def check_milestones(milestones: Any, announced: Any, file: str, where: str) -> list[Problem]:
    """Milestones: dated, described, sourced steps in date order, none before ``announced``."""
    if milestones is None:
        return []
    field = "milestones"
    if not isinstance(milestones, list):
        return [Problem(file, where, field, "must be a list of {date, what, source} objects")]
    out: list[Problem] = []
    previous: tuple[int, ...] | None = None
    for number, item in enumerate(milestones, start=1):
        at = f"{field}[{number}]"
        if not isinstance(item, dict):
            out.append(Problem(file, where, at, "must be an object with date, what and source"))
            continue
        when = parse_milestone_date(item.get("date"))
        if when is None:
            reason = f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {item.get('date')!r}"
            out.append(Problem(file, where, at, reason))
        elif not DATA_YEAR_MIN <= when[0] <= DATA_YEAR_MAX:
            reason = f"year {when[0]} out of range {DATA_YEAR_MIN}–{DATA_YEAR_MAX}"
            out.append(Problem(file, where, at, reason))
        elif isinstance(announced, int) and when[0] < announced:
            reason = f"dated {item['date']}, before the feature was announced ({announced})"
            out.append(Problem(file, where, at, reason))
        elif previous is not None and when < previous[: len(when)]:
            out.append(Problem(file, where, at, f"{item['date']} is out of date order"))
        if when is not None:
            previous = when
        what = item.get("what")
        if not isinstance(what, str) or not what.strip() or len(what) > MILESTONE_TEXT_MAX:
            reason = f"what must be a sentence of 1–{MILESTONE_TEXT_MAX} characters"
            out.append(Problem(file, where, at, reason))
        if not is_http_url(item.get("source")):
            out.append(Problem(file, where, at, f"not an http(s) URL: {item.get('source')!r}"))
        if item.get("quote") is not None and not isinstance(item.get("quote"), str):
            out.append(Problem(file, where, at, "quote must be text"))
    return out


def _check_name_sources(sources: Any, file: str, where: str) -> list[Problem]:
    if sources is None:
        return []
    if not isinstance(sources, dict):
        return [Problem(file, where, "name_sources", "must map name_zh/name_ru to a URL")]
    return [
        Problem(file, where, "name_sources", f"{key}: not a name field or not an http(s) URL")
        for key, url in sources.items()
        if key not in ("name", "name_zh", "name_ru") or not is_http_url(url)
    ]


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


def _check_years(
    props: Mapping[str, Any], file: str, where: str, require_year: bool = True
) -> list[Problem]:
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
    if require_year and not out and props.get("kind") not in TIMELESS_KINDS and not years:
        out.append(Problem(file, where, "announced", "needs at least one year"))
    return out


def _check_status(props: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """The stated status must be known and be the one the (valid) years give for YEAR_MAX."""
    status = props.get("status")
    if not isinstance(status, str):
        return []
    if status not in STATUS_LABELS:
        known = ", ".join(STATUS_LABELS)
        return [Problem(file, where, "status", f"unknown status {status!r} (known: {known})")]
    expected = status_in(props, YEAR_MAX)
    if status != expected:
        return [
            Problem(
                file,
                where,
                "status",
                f"status {status!r} disagrees with the years, which give {expected!r} "
                f"for {YEAR_MAX}",
            )
        ]
    return []


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


def check_own_properties(props: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """Check one feature of a user's own layer: a name; the rest optional but, when given,
    of the right type (years in order, known countries, http(s) sources)."""
    out: list[Problem] = []
    for field in schema.OWN_REQUIRED:
        value = props.get(field)
        if not isinstance(value, str) or not value.strip():
            out.append(Problem(file, where, field, f"needs a non-empty string, got {value!r}"))
    for field in schema.OWN_OPTIONAL_TEXT:
        value = props.get(field)
        if value is not None and not isinstance(value, str):
            out.append(Problem(file, where, field, f"must be a string or null, got {value!r}"))
    out += _check_years(props, file, where, require_year=False)
    out += _check_countries(props, file, where)
    if props.get("source") is not None:
        out += _check_sources([props.get("source")], file, where, "source")
    if props.get("sources") is not None:
        out += _check_sources(props.get("sources"), file, where, "sources")
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


def check_ids_unique(layers: Mapping[str, gpd.GeoDataFrame]) -> dict[tuple[str, int], Problem]:
    """Ids must be unique across every layer: each repeat after the first is a problem.

    Returns the problem of each repeat, keyed by (layer, position in the layer).
    """
    seen: dict[str, str] = {}
    out: dict[tuple[str, int], Problem] = {}
    for layer, gdf in layers.items():
        name = f"layers/{layer}.geojson"
        for position, fid in enumerate(gdf["id"] if len(gdf) else []):
            if fid in seen:
                reason = f"duplicate id (also in {seen[fid]})"
                out[(layer, position)] = Problem(name, f"feature {fid}", "id", reason)
            seen.setdefault(fid, name)
    return out

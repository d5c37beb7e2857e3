"""Milestones in time: what happened in a year, and the timeline of a selection.

Plain data for the dashboard's caption and timeline, and for the animation's captions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from corridors.data.validate import parse_milestone_date
from corridors.i18n import NAME_KEYS, Tr, translator


@dataclass(frozen=True)
class Milestone:
    """One dated step of one feature."""

    date: str
    year: int
    what: str
    source: str
    feature_id: str
    feature_name: str
    #: The words on the source's page that give the date and the event, where recorded.
    quote: str | None = None


def milestones_of(features: gpd.GeoDataFrame, tr: Tr | None = None) -> list[Milestone]:
    """Every milestone of ``features``, oldest first (ties keep the features' order).

    The feature's name is in ``tr``'s language (the English one where the sources give
    none); what happened is the data's own English text.
    """
    tr = tr or translator()
    out = []
    if "milestones" not in features:
        return out
    # Only features with milestones, only the columns read: a user's 10,000-line layer
    # without milestones made this 0.4 s a run (the caption asks on every map rerun).
    has_steps = features["milestones"].map(lambda steps: isinstance(steps, list) and bool(steps))
    columns = [c for c in ("id", *NAME_KEYS.values(), "milestones") if c in features]
    for row in features.loc[has_steps, columns].to_dict("records"):
        steps = row.get("milestones")
        for item in steps if isinstance(steps, list) else []:
            when = parse_milestone_date(item.get("date"))
            if when is None:
                continue
            name = tr.name(row)[0]
            quote = item.get("quote") if isinstance(item.get("quote"), str) else None
            out.append(
                Milestone(
                    item["date"], when[0], item["what"], item["source"], row["id"], name, quote
                )
            )
    return sorted(out, key=lambda m: parse_milestone_date(m.date))


def milestones_in(features: gpd.GeoDataFrame, year: int, tr: Tr | None = None) -> list[Milestone]:
    """The milestones of ``features`` dated in ``year``."""
    return [m for m in milestones_of(features, tr) if m.year == year]


def caption(milestones: list[Milestone], year: int, limit: int = 3, tr: Tr | None = None) -> str:
    """One line for a year: "2024: what (feature); what (feature)", or "" if nothing happened."""
    if not milestones:
        return ""
    tr = tr or translator()
    parts = [f"{m.what} ({m.feature_name})" for m in milestones[:limit]]
    more = len(milestones) - limit
    tail = "; " + tr.ngettext("and {n} more", "and {n} more", more).format(n=more)
    return f"{year}: " + "; ".join(parts) + (tail if more > 0 else "")


def step_year(year: int, delta: int, first: int, last: int, loop: bool) -> tuple[int, bool]:
    """The year after ``delta`` steps from ``year``, and whether playback goes on.

    Past the last year playback wraps to the first when looping, else it stops there;
    stepping back never goes before the first year.
    """
    nxt = year + delta
    if nxt > last:
        return (first, True) if loop else (last, False)
    return max(first, nxt), True


def timeline_table(features: gpd.GeoDataFrame, tr: Tr | None = None) -> pd.DataFrame:
    """Every milestone of ``features`` as a row: date, feature, what, source, the year, and
    a point on the feature (lon/lat) for the map to centre on: none (NaN) for an event
    held online, which has no place."""
    centres = {
        fid: _centre(geom) for fid, geom in zip(features["id"], features.geometry, strict=True)
    }
    rows = [
        {
            "date": m.date,
            "feature": m.feature_name,
            "what": m.what,
            "source": m.source,
            "year": m.year,
            "feature_id": m.feature_id,
            "lon": centres[m.feature_id][0],
            "lat": centres[m.feature_id][1],
        }
        for m in milestones_of(features, tr)
    ]
    columns = ["date", "feature", "what", "source", "year", "feature_id", "lon", "lat"]
    return pd.DataFrame(rows, columns=columns)


def _centre(geom: BaseGeometry | None) -> tuple[float, float]:
    """A point on the feature (lon, lat), NaN for one without a place."""
    if geom is None or geom.is_empty:
        return math.nan, math.nan
    point = geom.representative_point()
    return point.x, point.y

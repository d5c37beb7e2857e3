"""Whose figure stands for a country and year: the one place that says so.

Every full-year trade row belongs to one *side*: China's (reporter CHN, partner the
country) or the partner's (reporter the country, partner CHN). For each side, country and
year, the figures of one *source* stand, never a mix:

1. the database (IMF Direction of Trade Statistics, basis ``DOTS``) where it covers the
   year (2009–2020 as imported), else
2. the figures published by China's customs, officials and the press (``GACC``, ``CN``,
   ``unclear``; ``partner`` on the partner's side), one page per row.

A press figure for a year the database covers stays in the data as a cross-check
(:func:`cross_checks` lists those more than 1% off), never in the same line as the
database's. An IMF estimate (``DOTS-estimate``: a country that does not report, filled in
by the IMF from its partners' figures or by extrapolation) never stands for either side:
it is not that country's reporting, and as "the partner's side" of a gap it would only
measure the IMF's own arithmetic.

A side's total is its source's total where the source gives one, else its exports plus
its imports, marked ``derived`` (the database gives no totals). On the map and in the
totals chart China's side stands where it has a total; else the partner's, as its own
marked series; else nothing (a gap note says where it was looked for). Plain Python over
row dicts: the dashboard asks this on every filter change, for a few hundred rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from corridors.config import CENTRAL_ASIA, CHINA
from corridors.data.schema import DOTS_BASIS, DOTS_ESTIMATE_BASIS

#: The two sides (and series on the map and in the chart), in order of preference.
CHINA_SERIES = "china"
PARTNER_SERIES = "partner"
#: The two kinds of source, in order of preference for the same side and year.
DATABASE = "database"
PRESS = "press"
#: How far a press figure may stand from the database's and still count as the same.
CROSS_CHECK_TOLERANCE = 0.01

TOTAL_COLUMNS = (
    "iso3",
    "year",
    "series",
    "value_usd",
    "qualifier",
    "basis",
    "source",
    "derived",
    "kind",
)


def side_of(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """(series, country) of a row: China's side or the partner's; None for region rows."""
    if row["reporter"] == CHINA and row["partner"] in CENTRAL_ASIA:
        return CHINA_SERIES, row["partner"]
    if row["partner"] == CHINA and row["reporter"] in CENTRAL_ASIA:
        return PARTNER_SERIES, row["reporter"]
    return None


def source_kind(basis: str) -> str | None:
    """The database, the press, or None for an IMF estimate (which never stands)."""
    if basis == DOTS_ESTIMATE_BASIS:
        return None
    return DATABASE if basis == DOTS_BASIS else PRESS


@dataclass
class Side:
    """What one side reports for a country and year, from the one source that stands:
    its rows by flow (``export``/``import`` from that side's point of view, ``total``)."""

    series: str
    iso3: str
    year: int
    kind: str
    rows: dict[str, Mapping[str, Any]] = field(default_factory=dict)

    def value(self, flow: str) -> float | None:
        row = self.rows.get(flow)
        return float(row["value_usd"]) if row is not None else None

    @property
    def derived(self) -> bool:
        """Whether the total is exports + imports (the source gives no total)."""
        return "total" not in self.rows and {"export", "import"} <= set(self.rows)

    @property
    def total(self) -> float | None:
        if "total" in self.rows:
            return self.value("total")
        if self.derived:
            return self.value("export") + self.value("import")
        return None

    @property
    def qualifier(self) -> str:
        """The total's qualifier: the source's, or the weakest of the two flows summed."""
        if "total" in self.rows:
            return str(self.rows["total"]["qualifier"])
        found = {str(self.rows[f]["qualifier"]) for f in ("export", "import") if f in self.rows}
        return next((q for q in ("lower_bound", "approx") if q in found), "exact")

    @property
    def basis(self) -> str:
        """The basis of the total (or of the flows it is made of)."""
        row = self.rows.get("total") or next(iter(self.rows.values()))
        return str(row["basis"])

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(str(r["source"]) for r in self.rows.values()))


def standing(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str, int], Side]:
    """(series, country, year) → the side that stands: the database's rows where there are
    any for that side and year, else the press's. Full-year rows only."""
    found: dict[tuple[str, str, int, str], Side] = {}
    for row in rows:
        if row["period"] != "year":
            continue
        side, kind = side_of(row), source_kind(row["basis"])
        if side is None or kind is None:
            continue
        year = int(row["year"])
        key = (*side, year, kind)
        if key not in found:
            found[key] = Side(side[0], side[1], year, kind)
        found[key].rows[row["flow"]] = row
    out: dict[tuple[str, str, int], Side] = {}
    for kind in (PRESS, DATABASE):  # the database's overwrite the press's
        for (series, iso3, year, k), side in found.items():
            if k == kind:
                out[(series, iso3, year)] = side
    return out


def best_totals(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    """(country, year) → the total that stands for it (:data:`TOTAL_COLUMNS`): China's
    side where it has a total, else the partner's."""
    sides = standing(rows)
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for series in (PARTNER_SERIES, CHINA_SERIES):  # China's overwrite the partner's
        for (s, iso3, year), side in sides.items():
            if s == series and side.total is not None:
                out[(iso3, year)] = total_record(side)
    return out


def total_record(side: Side) -> dict[str, Any]:
    """A side's total as a row of :data:`TOTAL_COLUMNS`."""
    return {
        "iso3": side.iso3,
        "year": side.year,
        "series": side.series,
        "value_usd": side.total,
        "qualifier": side.qualifier,
        "basis": side.basis,
        "source": " ".join(side.sources),
        "derived": side.derived,
        "kind": side.kind,
    }


def annual_totals(trade: pd.DataFrame) -> pd.DataFrame:
    """One row per country and year that has a full-year total on some side: China's where
    it has one, else the partner's; columns :data:`TOTAL_COLUMNS`."""
    picked = best_totals(trade.to_dict("records")) if len(trade) else {}
    out = pd.DataFrame(list(picked.values()), columns=list(TOTAL_COLUMNS))
    if out.empty:
        return pd.DataFrame(columns=list(TOTAL_COLUMNS))
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


def cross_checks(
    rows: Iterable[Mapping[str, Any]], tolerance: float = CROSS_CHECK_TOLERANCE
) -> list[dict[str, Any]]:
    """Press figures for a side and year the database covers that differ from the
    database's by more than ``tolerance`` (a lower bound only when the database's figure
    is below it): the press figure, the database's, and how far apart, in row order."""
    rows = list(rows)
    sides = standing(rows)
    out = []
    for row in rows:
        side = side_of(row)
        if row["period"] != "year" or side is None or source_kind(row["basis"]) != PRESS:
            continue
        database = sides.get((*side, int(row["year"])))
        if database is None or database.kind != DATABASE:
            continue
        theirs = database.total if row["flow"] == "total" else database.value(row["flow"])
        if theirs is None:
            continue
        press = float(row["value_usd"])
        off = press / theirs - 1.0
        if row["qualifier"] == "lower_bound":
            differs = theirs < press * (1.0 - tolerance)
        else:
            differs = abs(off) > tolerance
        if differs:
            out.append(
                {
                    "series": side[0],
                    "iso3": side[1],
                    "year": int(row["year"]),
                    "flow": row["flow"],
                    "press_usd": press,
                    "qualifier": row["qualifier"],
                    "press_source": row["source"],
                    "database_usd": theirs,
                    "off": off,
                }
            )
    return out

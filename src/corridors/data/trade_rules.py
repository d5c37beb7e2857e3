"""The rules for trade tables: each row (as read from CSV, all strings) and one row per
key in a file.

Checks never raise on bad data: they describe it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from corridors.config import (
    CENTRAL_ASIA,
    COUNTRIES,
    DATA_YEAR_MAX,
    DATA_YEAR_MIN,
    REGION_CODE,
    YEAR_MAX,
    YEAR_MIN,
)
from corridors.data import schema
from corridors.data.errors import Problem
from corridors.data.trade_basis import annual_totals
from corridors.values import as_float, as_int, is_http_url


def check_trade_row(row: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """Check one trade row (values as read from CSV, all strings)."""
    out: list[Problem] = []

    def problem(field: str, reason: str) -> None:
        out.append(Problem(file, where, field, reason))

    codes = {*COUNTRIES, REGION_CODE}
    for field in ("reporter", "partner"):
        if row.get(field) not in codes:
            problem(
                field,
                f"unknown country code {row.get(field)!r} (known: {', '.join(sorted(codes))})",
            )
    if not out and "CHN" not in (row.get("reporter"), row.get("partner")):
        problem("partner", "one side of a trade row must be CHN")
    year = as_int(row.get("year"))
    if year is None:
        problem("year", f"must be a whole year, got {row.get('year')!r}")
    elif not DATA_YEAR_MIN <= year <= DATA_YEAR_MAX:
        problem("year", f"year {year} out of range {DATA_YEAR_MIN}–{DATA_YEAR_MAX}")
    if not str(row.get("period") or "").strip():
        problem("period", "must be 'year' or a partial period such as 'Jan-May'")
    _check_choice(row, "flow", schema.FLOWS, problem)
    _check_choice(row, "qualifier", schema.QUALIFIERS, problem)
    _check_choice(row, "basis", schema.BASES, problem)
    if row.get("basis") in DATABASE_BASES and row.get("flow") == "total":
        problem("flow", "the database gives exports and imports; a total is derived, not a row")
    value = as_float(row.get("value_usd"))
    if value is None:
        problem("value_usd", f"must be a number, got {row.get('value_usd')!r}")
    elif value <= 0:
        problem(
            "value_usd",
            f"must be more than 0 (a missing figure is no row), got {row.get('value_usd')}",
        )
    if not is_http_url(row.get("source")):
        problem("source", f"needs an http(s) source URL, got {row.get('source')!r}")
    if not str(row.get("quote") or "").strip():
        problem("quote", "needs the words the figure comes from")
    return out


#: Bases of rows read from a database's cells (not a page's sentence).
DATABASE_BASES = frozenset({schema.DOTS_BASIS, schema.DOTS_ESTIMATE_BASIS})


def _check_choice(row: Mapping[str, Any], field: str, choices: Iterable[str], problem) -> None:
    if row.get(field) not in choices:
        problem(field, f"unknown value {row.get(field)!r} (known: {', '.join(sorted(choices))})")


def duplicate_values(values: Sequence[Any]) -> set[Any]:
    """The values that occur more than once."""
    seen: set[Any] = set()
    return {v for v in values if v in seen or seen.add(v)}


def check_trade_keys_unique(rows: pd.DataFrame) -> list[Problem]:
    """One row per reporter, partner, year, period and flow in a trade file."""
    keys = list(rows[list(schema.TRADE_KEY)].itertuples(index=False)) if len(rows) else []
    return [
        Problem(
            rows["file"].iloc[0],
            f"row for {'/'.join(map(str, key))}",
            "",
            "duplicate key: keep one row per reporter, partner, year, period and flow",
        )
        for key in sorted(duplicate_values(keys))
    ]


#: How far a total may stand from exports + imports and still be the same figure rounded
#: (sources print "41.0 bn" beside "24.7" and "16.3"; "15.5" beside "15.42" and "0.08").
SUM_TOLERANCE = 0.01


def check_trade_sums(rows: pd.DataFrame) -> list[Problem]:
    """Where a source gives a total, exports and imports for one reporter, partner, year
    and period, the total is their sum within rounding (lower bounds are not checked).
    A database's flows and a page's total are two sources: not summed together."""
    out: list[Problem] = []
    keys = ["reporter", "partner", "year", "period"]
    database = rows["basis"].isin(DATABASE_BASES).rename("database")
    for key, group in rows.groupby([*keys, database], sort=True):
        key = key[:-1]
        values = dict(zip(group["flow"], group["value_usd"], strict=True))
        if set(values) != {"total", "export", "import"}:
            continue
        if "lower_bound" in set(group["qualifier"]):
            continue
        total, parts = values["total"], values["export"] + values["import"]
        if abs(total - parts) > SUM_TOLERANCE * total:
            out.append(
                Problem(
                    str(group["file"].iloc[0]),
                    f"rows for {'/'.join(map(str, key))}",
                    "value_usd",
                    f"total {total:,.0f} is not exports + imports ({parts:,.0f}) within "
                    f"{SUM_TOLERANCE:.0%}",
                )
            )
    return out


def check_trade_gap_row(row: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """Check one gap note: a Central Asian country, a year the map plays, where it was sought."""
    out: list[Problem] = []
    if row.get("partner") not in CENTRAL_ASIA:
        known = ", ".join(CENTRAL_ASIA)
        out.append(
            Problem(
                file, where, "partner", f"unknown country {row.get('partner')!r} (known: {known})"
            )
        )
    year = as_int(row.get("year"))
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        out.append(
            Problem(
                file,
                where,
                "year",
                f"must be a year {YEAR_MIN}–{YEAR_MAX}, got {row.get('year')!r}",
            )
        )
    if not str(row.get("searched") or "").strip():
        out.append(Problem(file, where, "searched", "say where the figure was looked for"))
    return out


def check_trade_gap_keys_unique(rows: pd.DataFrame) -> list[Problem]:
    """One gap note per country and year."""
    keys = list(rows[["partner", "year"]].itertuples(index=False)) if len(rows) else []
    return [
        Problem(rows["file"].iloc[0], f"row for {key[0]}/{key[1]}", "", "duplicate gap note")
        for key in sorted(duplicate_values(keys))
    ]


def check_trade_coverage(trade: pd.DataFrame, gaps: pd.DataFrame) -> list[Problem]:
    """Every country-year the map plays has a figure (China's or the partner's) or a gap
    note saying where it was looked for; and no gap note stands where a figure exists."""
    have = set(zip(*(annual_totals(trade)[c] for c in ("iso3", "year")), strict=True))
    noted = dict(zip(zip(gaps["partner"], gaps["year"], strict=True), gaps["file"], strict=True))
    out = [
        Problem(
            file,
            f"gap note for {iso3}/{year}",
            "",
            "a sourced figure exists for this country-year: remove the note",
        )
        for (iso3, year), file in sorted(noted.items())
        if (iso3, year) in have
    ]
    out += [
        Problem(
            "gaps/trade.csv",
            f"{iso3}/{year}",
            "",
            "no sourced trade figure and no gap note saying where it was looked for",
        )
        for iso3 in CENTRAL_ASIA
        for year in range(YEAR_MIN, YEAR_MAX + 1)
        if (iso3, year) not in have and (iso3, year) not in noted
    ]
    return out

"""The rules for trade tables: each row (as read from CSV, all strings) and one row per
key in a file.

Checks never raise on bad data: they describe it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from corridors.config import COUNTRIES, DATA_YEAR_MAX, DATA_YEAR_MIN, REGION_CODE
from corridors.data import schema
from corridors.data.errors import Problem
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
    value = as_float(row.get("value_usd"))
    if value is None:
        problem("value_usd", f"must be a number, got {row.get('value_usd')!r}")
    elif value < 0:
        problem("value_usd", f"must not be negative, got {row.get('value_usd')}")
    if not is_http_url(row.get("source")):
        problem("source", f"needs an http(s) source URL, got {row.get('source')!r}")
    if not str(row.get("quote") or "").strip():
        problem("quote", "needs the words the figure comes from")
    return out


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

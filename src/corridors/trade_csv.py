"""The trade tables as CSV files a reader can use: one year, or every year.

One row per country and year with both sides of each flow, the difference between them,
China's balance, and the basis and source of each side's figures. The unit is in every
numeric header (``_usd``: whole US dollars; ``_pct``: percent); figures are written as
the sources give them, in whole dollars (no float noise such as ``48700000000.0``), and a
missing figure is an empty cell, never 0. The file is UTF-8 with a byte-order mark and
CRLF line ends (RFC 4180), so spreadsheets open it as it is; text that a spreadsheet would
run as a formula (starting ``=``, ``+``, ``-``, ``@``) is prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from typing import Any

import pandas as pd

from corridors.data.trade_basis import CHINA_SERIES, PARTNER_SERIES

#: (table column, CSV header) in the file's order; see :data:`corridors.trade.TABLE_COLUMNS`.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("year", "year"),
    ("country", "country"),
    ("iso3", "iso3"),
    ("total", "total_usd"),
    ("series", "total_reported_by"),
    ("derived", "total_is_exports_plus_imports"),
    ("qualifier", "total_qualifier"),
    ("china_exports", "china_exports_usd"),
    ("china_imports", "china_imports_usd"),
    ("balance", "china_balance_usd"),
    ("china_basis", "china_basis"),
    ("china_sources", "china_source"),
    ("partner_imports", "partner_imports_from_china_usd"),
    ("partner_exports", "partner_exports_to_china_usd"),
    ("partner_basis", "partner_basis"),
    ("partner_sources", "partner_source"),
    ("partner_estimated", "partner_note"),
    ("exports_gap", "exports_difference_usd"),
    ("imports_gap", "imports_difference_usd"),
    ("change_pct", "change_on_previous_year_pct"),
    ("gap", "no_figure_searched"),
)
HEADERS = tuple(header for _, header in COLUMNS)
#: Whose figure the total is, as the file says it.
REPORTED_BY = {CHINA_SERIES: "China", PARTNER_SERIES: "partner"}
#: What the partner's empty cells mean where only an IMF estimate exists.
ESTIMATE_NOTE = "IMF estimate only (DOTS-estimate), not the country's own statistics: left out"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def trade_csv(table: pd.DataFrame) -> bytes:
    """The rows of a trade table (:func:`corridors.trade.trade_table` or
    :func:`~corridors.trade.trade_history`) as the CSV file described above."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for record in table.to_dict("records"):
        writer.writerow(_cells(record))
    return out.getvalue().encode("utf-8")


def _cells(record: dict[str, Any]) -> list[str]:
    return [_cell(column, record.get(column)) for column, _ in COLUMNS]


def _cell(column: str, value: Any) -> str:
    """One value as the file writes it."""
    if column == "series":
        return REPORTED_BY.get(value, "")
    if column == "derived":
        return "yes" if value else "no"
    if column == "partner_estimated":
        return ESTIMATE_NOTE if value else ""
    if column == "year":
        return str(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.1f}" if column == "change_pct" else str(round(value))
    if isinstance(value, Iterable) and not isinstance(value, str):
        value = " ".join(str(v) for v in value)
    return _text(str(value or ""))


def _text(text: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula (OWASP's CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text

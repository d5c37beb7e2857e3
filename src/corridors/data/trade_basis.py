"""Which figure stands for a country and year: China's own, else the partner's.

China's reported full-year total (reporter CHN) is the dashboard's series. Where it has
none for a country-year, the country's own reported total (reporter the country, partner
CHN) fills the map and the chart as a separate, marked series: the two are never mixed
silently, never summed, never interpolated. Used by the checks (every country-year has a
figure or a gap note) and by the trade tables alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from corridors.config import CENTRAL_ASIA, CHINA

#: The two series, in order of preference.
CHINA_SERIES = "china"
PARTNER_SERIES = "partner"

TOTAL_COLUMNS = ("iso3", "year", "series", "value_usd", "qualifier", "basis", "source")


def best_totals(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    """(country, year) → the row that stands for it, with ``iso3`` and ``series`` added:
    China's full-year total where there is one, else the partner's. Plain Python over
    row dicts: the dashboard asks this on every filter change, for a few dozen rows."""
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows:
        if row["period"] != "year" or row["flow"] != "total":
            continue
        if row["reporter"] == CHINA and row["partner"] in CENTRAL_ASIA:
            iso3, series = row["partner"], CHINA_SERIES
        elif row["partner"] == CHINA and row["reporter"] in CENTRAL_ASIA:
            iso3, series = row["reporter"], PARTNER_SERIES
        else:
            continue
        key = (iso3, int(row["year"]))
        if key not in out or (series == CHINA_SERIES and out[key]["series"] != CHINA_SERIES):
            out[key] = {**row, "iso3": iso3, "year": key[1], "series": series}
    return out


def annual_totals(trade: pd.DataFrame) -> pd.DataFrame:
    """One row per country and year that has a full-year total on some basis: China's
    where it reports one, else the partner's; columns :data:`TOTAL_COLUMNS`."""
    picked = best_totals(trade.to_dict("records")) if len(trade) else {}
    out = pd.DataFrame([{c: row[c] for c in TOTAL_COLUMNS} for row in picked.values()])
    if out.empty:
        return pd.DataFrame(columns=list(TOTAL_COLUMNS))
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)

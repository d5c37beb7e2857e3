"""China's trade with the five countries: tables, series and headlines for a selection.

Missing years stay missing (NaN, shown as "—"), never zero; a figure only ever comes
from one sourced row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from corridors.config import CENTRAL_ASIA, CHINA, COUNTRIES, REGION_CODE, YEAR_MAX


def china_reported(trade: pd.DataFrame) -> pd.DataFrame:
    """China's own full-year figures (reporter CHN, period ``year``), countries and region."""
    return trade[(trade["reporter"] == CHINA) & (trade["period"] == "year")]


def _pivot(rows: pd.DataFrame, index: str) -> pd.DataFrame:
    """Flows as columns (total, export, import), one row per ``index`` value."""
    if rows.empty:
        return pd.DataFrame(columns=["total", "export", "import"], dtype=float)
    values = rows.set_index([index, "flow"])["value_usd"]
    wide = values[~values.index.duplicated()].unstack("flow")
    return wide.reindex(columns=["total", "export", "import"])


def latest_full_year(trade: pd.DataFrame) -> int | None:
    """The latest year in which China reports a full-year total for every one of the five."""
    rows = china_reported(trade)
    rows = rows[(rows["flow"] == "total") & rows["partner"].isin(CENTRAL_ASIA)]
    counts = rows.groupby("year")["partner"].nunique()
    full = counts[counts == len(CENTRAL_ASIA)]
    return int(full.index.max()) if len(full) else None


def default_year(trade: pd.DataFrame) -> int:
    """The year a view opens on, for the dashboard and the command line alike.

    The latest year with China's figures for all five, so the first map a user sees has
    no gaps; the last selectable year when no year is complete.
    """
    return latest_full_year(trade) or YEAR_MAX


def trade_table(trade: pd.DataFrame, countries: Iterable[str], year: int) -> pd.DataFrame:
    """One row per selected Central Asian country for ``year`` (China's figures, US$).

    Columns: country, iso3, total, china_exports, china_imports, balance (China's
    exports minus imports), change_pct (total on the previous year), qualifier, sources.
    """
    wanted = [c for c in CENTRAL_ASIA if c in set(countries)]
    rows = china_reported(trade)
    rows = rows[rows["partner"].isin(wanted)] if not rows.empty else rows
    this = (
        _pivot(rows[rows["year"] == year], "partner") if not rows.empty else _pivot(rows, "partner")
    )
    prev = _pivot(rows[rows["year"] == year - 1], "partner") if not rows.empty else this
    out = pd.DataFrame({"iso3": wanted})
    out["country"] = out["iso3"].map(COUNTRIES)
    out["total"] = out["iso3"].map(this["total"]).astype(float)
    out["china_exports"] = out["iso3"].map(this["export"]).astype(float)
    out["china_imports"] = out["iso3"].map(this["import"]).astype(float)
    out["balance"] = out["china_exports"] - out["china_imports"]
    previous = out["iso3"].map(prev["total"]).astype(float)
    out["change_pct"] = (out["total"] / previous - 1.0) * 100.0
    out["qualifier"] = out["iso3"].map(_field(rows, year, "qualifier")).astype(object).fillna("")
    out["sources"] = (
        out["iso3"].map(_sources(rows, year)).apply(lambda v: v if isinstance(v, list) else [])
    )
    return out[
        [
            "country",
            "iso3",
            "total",
            "china_exports",
            "china_imports",
            "balance",
            "change_pct",
            "qualifier",
            "sources",
        ]
    ]


def _field(rows: pd.DataFrame, year: int, column: str) -> pd.Series:
    totals = rows[(rows["year"] == year) & (rows["flow"] == "total")]
    return totals.set_index("partner")[column]


def _sources(rows: pd.DataFrame, year: int) -> pd.Series:
    this = rows[rows["year"] == year]
    return this.groupby("partner")["source"].agg(lambda s: list(dict.fromkeys(s)))


def trade_series(trade: pd.DataFrame, countries: Iterable[str]) -> pd.DataFrame:
    """China's full-year totals per selected country and year, for the time chart."""
    wanted = [c for c in CENTRAL_ASIA if c in set(countries)]
    rows = china_reported(trade)
    rows = rows[(rows["flow"] == "total") & rows["partner"].isin(wanted)]
    out = rows[["year", "partner", "value_usd", "qualifier"]].rename(
        columns={"partner": "iso3", "value_usd": "total_usd"}
    )
    out["country"] = out["iso3"].map(COUNTRIES)
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


@dataclass(frozen=True)
class Headline:
    """The published China–Central Asia total for a year, the year before, and the growth."""

    total: float | None
    previous: float | None
    growth_pct: float | None


def region_headline(trade: pd.DataFrame, year: int) -> Headline:
    """The published China–Central Asia total for ``year`` and its growth, if published.

    Only a published region total is used: summing the countries would silently treat a
    missing country as zero.
    """
    rows = china_reported(trade)
    region = (
        rows[(rows["partner"] == REGION_CODE) & (rows["flow"] == "total")]
        if not rows.empty
        else rows
    )
    by_year = region.set_index("year")["value_usd"] if not region.empty else pd.Series(dtype=float)
    total = by_year.get(year)
    prev = by_year.get(year - 1)
    growth = (total / prev - 1.0) * 100.0 if total is not None and prev else None
    return Headline(total=_num(total), previous=_num(prev), growth_pct=_num(growth))


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def partner_differences(trade: pd.DataFrame, countries: Iterable[str], year: int) -> pd.DataFrame:
    """Where a country's own statistics give another total than China's, for ``year``."""
    own = trade[
        (trade["partner"] == CHINA)
        & trade["reporter"].isin(list(countries))
        & (trade["year"] == year)
        & (trade["flow"] == "total")
        & (trade["period"] == "year")
    ]
    china = trade_table(trade, countries, year).set_index("iso3")["total"]
    out = pd.DataFrame(
        {
            "iso3": own["reporter"],
            "country": own["reporter"].map(COUNTRIES),
            "china_reported": own["reporter"].map(china).astype(float),
            "partner_reported": own["value_usd"].astype(float),
            "source": own["source"],
        }
    )
    return out.replace({np.nan: None}).reset_index(drop=True)

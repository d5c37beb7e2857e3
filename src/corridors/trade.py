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
from corridors.data.trade_basis import CHINA_SERIES, annual_totals


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


def trade_table(
    trade: pd.DataFrame,
    countries: Iterable[str],
    year: int,
    gaps: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per selected Central Asian country for ``year``, US$.

    The figure is China's where it reports one, else the partner's own (``series``
    "partner": never mixed with China's silently). Exports and imports are always from
    China's side of the border: for a partner's figure, its imports from China are
    ``china_exports``. The change on the previous year compares a series with itself only.
    ``gap`` says where a missing figure was looked for (``gaps``: the dataset's notes).

    Columns: country, iso3, total, china_exports, china_imports, balance, change_pct,
    qualifier, series, basis, sources, gap.
    """
    wanted = [c for c in CENTRAL_ASIA if c in set(countries)]
    totals = annual_totals(trade).set_index(["iso3", "year"])
    out = pd.DataFrame({"iso3": wanted})
    out["country"] = out["iso3"].map(COUNTRIES)
    this = [totals.loc[(c, year)] if (c, year) in totals.index else None for c in wanted]
    out["total"] = [float(t["value_usd"]) if t is not None else np.nan for t in this]
    out["series"] = [t["series"] if t is not None else "" for t in this]
    out["qualifier"] = [t["qualifier"] if t is not None else "" for t in this]
    out["basis"] = [t["basis"] if t is not None else "" for t in this]
    pairs = list(zip(wanted, out["series"], strict=True))
    flows = [_flows(trade, c, year, series) for c, series in pairs]
    out["china_exports"] = [f[0] for f in flows]
    out["china_imports"] = [f[1] for f in flows]
    out["sources"] = [f[2] for f in flows]
    out["balance"] = out["china_exports"] - out["china_imports"]
    previous = [
        float(totals.loc[(c, year - 1), "value_usd"])
        if (c, year - 1) in totals.index and totals.loc[(c, year - 1), "series"] == series
        else np.nan
        for c, series in pairs
    ]
    out["change_pct"] = (out["total"] / pd.Series(previous, dtype=float) - 1.0) * 100.0
    notes = _gap_notes(gaps, year)
    out["gap"] = [
        notes.get(c, "") if s == "" else "" for c, s in zip(wanted, out["series"], strict=True)
    ]
    return out[list(TABLE_COLUMNS)]


TABLE_COLUMNS = (
    "country",
    "iso3",
    "total",
    "china_exports",
    "china_imports",
    "balance",
    "change_pct",
    "qualifier",
    "series",
    "basis",
    "sources",
    "gap",
)


def _flows(trade: pd.DataFrame, iso3: str, year: int, series: str) -> tuple[float, float, list]:
    """China's exports to and imports from ``iso3`` in ``year`` as ``series`` reports them
    (a partner's imports are China's exports), and the sources of the year's rows."""
    if series == "":
        return np.nan, np.nan, []
    full = trade[(trade["year"] == year) & (trade["period"] == "year")]
    if series == CHINA_SERIES:
        rows = full[(full["reporter"] == CHINA) & (full["partner"] == iso3)]
        out_flow, in_flow = "export", "import"
    else:
        rows = full[(full["reporter"] == iso3) & (full["partner"] == CHINA)]
        out_flow, in_flow = "import", "export"
    values = dict(zip(rows["flow"], rows["value_usd"], strict=True))
    return (
        float(values.get(out_flow, np.nan)),
        float(values.get(in_flow, np.nan)),
        list(dict.fromkeys(rows["source"])),
    )


def _gap_notes(gaps: pd.DataFrame | None, year: int) -> dict[str, str]:
    if gaps is None or gaps.empty:
        return {}
    this = gaps[gaps["year"] == year]
    return dict(zip(this["partner"], this["searched"], strict=True))


def trade_series(trade: pd.DataFrame, countries: Iterable[str]) -> pd.DataFrame:
    """Each selected country's total by year for the time chart: China's figures, and the
    partner's where China's are missing, with ``series`` saying which."""
    wanted = [c for c in CENTRAL_ASIA if c in set(countries)]
    totals = annual_totals(trade)
    rows = totals[totals["iso3"].isin(wanted)]
    out = rows[["year", "iso3", "value_usd", "qualifier", "series"]].rename(
        columns={"value_usd": "total_usd"}
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
    table = trade_table(trade, countries, year).set_index("iso3")
    china = table["total"].where(table["series"] == CHINA_SERIES)
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

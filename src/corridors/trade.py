"""China's trade with the five countries: tables, series and headlines for a selection.

Missing years stay missing (NaN, shown as "—"), never zero; a figure only ever comes
from one sourced row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from corridors.config import CENTRAL_ASIA, CHINA, COUNTRIES, REGION_CODE, YEAR_MAX
from corridors.data.schema import TRADE_COLUMNS
from corridors.data.trade_basis import CHINA_SERIES, annual_totals, best_totals


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
    # The two years' full-year rows as plain dicts, without the quotes: a few dozen short
    # rows, handled in Python (pandas' per-call overhead made this 18 ms a filter change).
    near = trade["year"].isin([year - 1, year]).to_numpy() & (trade["period"] == "year").to_numpy()
    rows = trade.loc[near, list(WORKING_COLUMNS)].to_dict("records")
    totals = best_totals(rows)
    notes = _gap_notes(gaps, year)
    records = []
    for iso3 in wanted:
        this, before = totals.get((iso3, year)), totals.get((iso3, year - 1))
        series = this["series"] if this else ""
        exports, imports, sources = _flows(rows, iso3, year, series)
        total = float(this["value_usd"]) if this else np.nan
        same = before is not None and before["series"] == series
        records.append(
            {
                "country": COUNTRIES[iso3],
                "iso3": iso3,
                "total": total,
                "china_exports": exports,
                "china_imports": imports,
                "balance": exports - imports,
                "change_pct": (total / before["value_usd"] - 1.0) * 100.0 if same else np.nan,
                "qualifier": this["qualifier"] if this else "",
                "series": series,
                "basis": this["basis"] if this else "",
                "sources": sources,
                "gap": "" if this else notes.get(iso3, ""),
            }
        )
    return pd.DataFrame(records, columns=list(TABLE_COLUMNS)).astype(
        {c: float for c in ("total", "china_exports", "china_imports", "balance", "change_pct")}
    )


#: The columns the table is made from (a row's quote is not needed here).
WORKING_COLUMNS = tuple(c for c in TRADE_COLUMNS if c != "quote")
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


def _flows(
    rows: list[dict[str, Any]], iso3: str, year: int, series: str
) -> tuple[float, float, list[str]]:
    """China's exports to and imports from ``iso3`` in ``year`` as ``series`` reports them
    (a partner's imports are China's exports), and the sources of that year's rows."""
    if series == "":
        return np.nan, np.nan, []
    if series == CHINA_SERIES:
        mine = [r for r in rows if r["reporter"] == CHINA and r["partner"] == iso3]
        out_flow, in_flow = "export", "import"
    else:
        mine = [r for r in rows if r["reporter"] == iso3 and r["partner"] == CHINA]
        out_flow, in_flow = "import", "export"
    mine = [r for r in mine if r["year"] == year]
    values = {r["flow"]: float(r["value_usd"]) for r in mine}
    sources = list(dict.fromkeys(r["source"] for r in mine))
    return values.get(out_flow, np.nan), values.get(in_flow, np.nan), sources


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

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

from corridors.config import CENTRAL_ASIA, CHINA, COUNTRIES, REGION_CODE, YEAR_MAX, YEAR_MIN
from corridors.data.schema import DOTS_ESTIMATE_BASIS, TRADE_COLUMNS
from corridors.data.trade_basis import (
    CHINA_SERIES,
    PARTNER_SERIES,
    Side,
    annual_totals,
    best_totals,
    standing,
)
from corridors.i18n import N_


def china_reported(trade: pd.DataFrame) -> pd.DataFrame:
    """China's own full-year figures (reporter CHN, period ``year``), countries and region."""
    return trade[(trade["reporter"] == CHINA) & (trade["period"] == "year")]


def latest_full_year(trade: pd.DataFrame) -> int | None:
    """The latest year in which China's side has a full-year total for every one of the
    five (a total its source gives, or its exports plus imports)."""
    china = (trade["reporter"] == CHINA).to_numpy() & (trade["period"] == "year").to_numpy()
    totals = best_totals(_records(trade, china))
    years: dict[int, int] = {}
    for (_, year), row in totals.items():
        if row["series"] == CHINA_SERIES:
            years[year] = years.get(year, 0) + 1
    full = [year for year, count in years.items() if count == len(CENTRAL_ASIA)]
    return max(full) if full else None


def default_year(trade: pd.DataFrame) -> int:
    """The year a view opens on, for the dashboard and the command line alike.

    The latest year with China's figures for all five, so the first map a user sees has
    no gaps; the last selectable year when no year is complete.
    """
    return latest_full_year(trade) or YEAR_MAX


#: The columns the tables are made from (a row's quote is not needed here).
WORKING_COLUMNS = tuple(c for c in TRADE_COLUMNS if c != "quote")
#: One row per country and year: the total that stands (China's, else the partner's) and
#: both sides' flows. ``china_*`` are China's figures (exports to the country, imports
#: from it); ``partner_*`` the country's own (its imports from China, its exports to
#: China); the gaps are China's figure minus the country's for the same goods.
TABLE_COLUMNS = (
    "country",
    "iso3",
    "year",
    "total",
    "derived",
    "qualifier",
    "series",
    "basis",
    "sources",
    "china_exports",
    "china_imports",
    "china_basis",
    "china_sources",
    "partner_imports",
    "partner_exports",
    "partner_basis",
    "partner_sources",
    "partner_estimated",
    "exports_gap",
    "imports_gap",
    "balance",
    "change_pct",
    "gap",
)
FLOAT_COLUMNS = (
    "total",
    "china_exports",
    "china_imports",
    "partner_imports",
    "partner_exports",
    "exports_gap",
    "imports_gap",
    "balance",
    "change_pct",
)


def trade_table(
    trade: pd.DataFrame,
    countries: Iterable[str],
    year: int,
    gaps: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per selected Central Asian country for ``year`` (:data:`TABLE_COLUMNS`, US$).

    The total is China's where its side has one, else the partner's own (``series``
    "partner": never mixed with China's silently); whose figures stand on each side is
    :mod:`corridors.data.trade_basis`'s rule. ``balance`` is China's exports minus its
    imports as the standing side reports them. The change on the previous year compares a
    series with itself only, from the same kind of source. ``gap`` says where a missing
    figure was looked for (``gaps``: the dataset's notes).
    """
    # The two years' full-year rows as plain dicts, without the quotes: a few dozen short
    # rows, handled in Python (pandas' per-call overhead made this 18 ms a filter change).
    near = trade["year"].isin([year - 1, year]).to_numpy() & (trade["period"] == "year").to_numpy()
    return _table(_records(trade, near), countries, [year], gaps)


def trade_history(
    trade: pd.DataFrame, countries: Iterable[str], gaps: pd.DataFrame | None = None
) -> pd.DataFrame:
    """:func:`trade_table` for every year the dashboard plays, oldest first per country."""
    full = (trade["period"] == "year").to_numpy()
    return _table(_records(trade, full), countries, range(YEAR_MIN, YEAR_MAX + 1), gaps)


def _records(trade: pd.DataFrame, mask) -> list[dict[str, Any]]:
    """The rows under ``mask`` as dicts of the working columns (a third of the time of
    ``DataFrame.to_dict``, which runs on every filter change)."""
    columns = list(WORKING_COLUMNS)
    values = [trade[c].to_numpy()[mask].tolist() for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _table(
    rows: list[dict[str, Any]],
    countries: Iterable[str],
    years: Iterable[int],
    gaps: pd.DataFrame | None,
) -> pd.DataFrame:
    wanted = [c for c in CENTRAL_ASIA if c in set(countries)]
    sides = standing(rows)
    estimated = {(r["reporter"], int(r["year"])) for r in rows if r["basis"] == DOTS_ESTIMATE_BASIS}
    notes = _gap_notes(gaps)
    records = [
        _record(sides, iso3, year, (iso3, year) in estimated, notes.get((iso3, year), ""))
        for iso3 in wanted
        for year in years
    ]
    frame = pd.DataFrame(records, columns=list(TABLE_COLUMNS))
    # The figures are floats (NaN where missing) already; an empty table needs telling.
    return frame if records else frame.astype({c: float for c in FLOAT_COLUMNS})


def _record(
    sides: dict[tuple[str, str, int], Side],
    iso3: str,
    year: int,
    estimated: bool,
    note: str,
) -> dict[str, Any]:
    """One country-year of the table from the sides that stand."""
    china = sides.get((CHINA_SERIES, iso3, year))
    partner = sides.get((PARTNER_SERIES, iso3, year))
    this = _standing_total(china, partner)
    before = _standing_total(
        sides.get((CHINA_SERIES, iso3, year - 1)), sides.get((PARTNER_SERIES, iso3, year - 1))
    )
    total = this.total if this else np.nan
    comparable = this and before and (before.series, before.kind) == (this.series, this.kind)
    c_exp, c_imp = _value(china, "export"), _value(china, "import")
    p_imp, p_exp = _value(partner, "import"), _value(partner, "export")
    # China's surplus, as the side whose total stands reports it.
    balance = p_imp - p_exp if this is not None and this is partner else c_exp - c_imp
    return {
        "country": COUNTRIES[iso3],
        "iso3": iso3,
        "year": year,
        "total": total,
        "derived": bool(this and this.derived),
        "qualifier": this.qualifier if this else "",
        "series": this.series if this else "",
        "basis": this.basis if this else "",
        "sources": this.sources if this else [],
        "china_exports": c_exp,
        "china_imports": c_imp,
        "china_basis": china.basis if china else "",
        "china_sources": china.sources if china else [],
        "partner_imports": p_imp,
        "partner_exports": p_exp,
        "partner_basis": partner.basis if partner else "",
        "partner_sources": partner.sources if partner else [],
        "partner_estimated": estimated and partner is None,
        "exports_gap": c_exp - p_imp,
        "imports_gap": c_imp - p_exp,
        "balance": balance,
        "change_pct": (total / before.total - 1.0) * 100.0 if comparable else np.nan,
        "gap": "" if this else note,
    }


def _standing_total(china: Side | None, partner: Side | None) -> Side | None:
    """The side whose total stands: China's where it has one, else the partner's."""
    for side in (china, partner):
        if side is not None and side.total is not None:
            return side
    return None


def _value(side: Side | None, flow: str) -> float:
    value = side.value(flow) if side is not None else None
    return np.nan if value is None else value


def _gap_notes(gaps: pd.DataFrame | None) -> dict[tuple[str, int], str]:
    """(country, year) → where its missing figure was looked for."""
    if gaps is None or gaps.empty:
        return {}
    keys = zip(gaps["partner"].tolist(), map(int, gaps["year"].tolist()), strict=True)
    return dict(zip(keys, gaps["searched"].tolist(), strict=True))


def trade_series(trade: pd.DataFrame, countries: Iterable[str]) -> pd.DataFrame:
    """Each selected country's total by year for the time chart: China's figures, and the
    partner's where China's are missing, with ``series`` saying which and ``kind``
    (database or press) which source."""
    wanted = [c for c in CENTRAL_ASIA if c in set(countries)]
    totals = annual_totals(trade)
    rows = totals[totals["iso3"].isin(wanted)]
    out = rows[["year", "iso3", "value_usd", "qualifier", "series", "kind", "derived"]].rename(
        columns={"value_usd": "total_usd"}
    )
    out["country"] = out["iso3"].map(COUNTRIES)
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)


#: The lines of a country's flows chart: each flow as China reports it and as the country
#: does, and China's balance.
FLOW_LINES = ("china_exports", "partner_imports", "china_imports", "partner_exports", "balance")


def flow_series(history: pd.DataFrame) -> pd.DataFrame:
    """:func:`trade_history` in long form for the flows chart: country, year, ``line``
    (one of :data:`FLOW_LINES`), ``value_usd`` and ``kind`` of source; no row where a
    line has no figure. The balance is China's side's only."""
    frame = history.copy()
    frame["balance"] = frame["china_exports"] - frame["china_imports"]
    long = frame.melt(
        id_vars=["iso3", "country", "year"],
        value_vars=list(FLOW_LINES),
        var_name="line",
        value_name="value_usd",
    ).dropna(subset=["value_usd"])
    basis = {
        "china": frame.set_index(["iso3", "year"])["china_basis"],
        "partner": frame.set_index(["iso3", "year"])["partner_basis"],
    }
    keys = list(zip(long["iso3"], long["year"], strict=True))
    long["basis"] = [
        basis["partner" if line.startswith("partner") else "china"].get(k, "")
        for line, k in zip(long["line"], keys, strict=True)
    ]
    return long.sort_values(["iso3", "line", "year"]).reset_index(drop=True)


#: The sources of the one sentence on why China's figures and a partner's differ (named
#: where the sentence is shown): the IMF on partner data in general, the World Bank on
#: Central Asia's bazaar trade. See ``geodata/notes/trade.md``.
WHY_SIDES_DIFFER: tuple[tuple[str, str], ...] = (
    (N_("IMF"), "http://www2.imfstatistics.org/DOT/DOTConsi.htm"),
    (
        N_("World Bank"),
        "http://documents.worldbank.org/curated/en/127141468242390723/text/"
        "504340ESW0WHIT1BazaarsFinal1P112452.txt",
    ),
)


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

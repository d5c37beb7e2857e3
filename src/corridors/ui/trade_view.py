"""Trade with China: headline, table for the year, chart over time, differing statistics."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from corridors import trade
from corridors.config import CENTRAL_ASIA, YEAR_MAX, YEAR_MIN
from corridors.selection import Selection

MISSING = "—"


def _bn(value: float | None, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return MISSING
    return f"{value / 1e9:+,.2f}" if signed else f"{value / 1e9:,.2f}"


def _pct(value: float | None) -> str:
    return MISSING if value is None or pd.isna(value) else f"{value:+.1f}%"


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """The table as shown: US$ bn with two decimals, a dash where there is no figure."""
    qualifier = {"approx": "≈ ", "lower_bound": "> "}
    return pd.DataFrame(
        {
            "Country": table["country"],
            "Total (US$ bn)": [
                qualifier.get(q, "") + _bn(v) if not pd.isna(v) else MISSING
                for v, q in zip(table["total"], table["qualifier"], strict=True)
            ],
            "China's exports": table["china_exports"].map(_bn),
            "China's imports": table["china_imports"].map(_bn),
            "Balance (China)": table["balance"].map(lambda v: _bn(v, signed=True)),
            "Change on previous year": table["change_pct"].map(_pct),
            "Source": table["sources"].map(lambda s: s[0] if s else None),
        }
    )


def series_chart(series: pd.DataFrame, year: int) -> alt.LayerChart:
    """Totals over time per country; a missing year breaks the line, the year is marked.

    Each unbroken run of years is its own line segment (``detail``), so no line is drawn
    across a year with no sourced figure.
    """
    data = series.sort_values(["iso3", "year"]).copy()
    data["US$ bn"] = data["total_usd"] / 1e9
    data["run"] = data.groupby("iso3")["year"].transform(lambda y: (y.diff() != 1).cumsum())
    data["segment"] = data["iso3"] + "-" + data["run"].astype(str)
    x = alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[YEAR_MIN, YEAR_MAX]),
        axis=alt.Axis(format="d", tickMinStep=1),
    )
    base = alt.Chart(data).encode(
        x=x,
        y=alt.Y("US$ bn:Q", title="Trade with China, US$ bn"),
        color=alt.Color("country:N", title=None, scale=alt.Scale(scheme="tableau10")),
        tooltip=["country", "year", alt.Tooltip("US$ bn:Q", format=",.2f"), "qualifier"],
    )
    lines = base.mark_line().encode(detail="segment:N")
    points = base.mark_point(filled=True, size=40)
    rule = (
        alt.Chart(pd.DataFrame({"year": [year]}))
        .mark_rule(color="#444", strokeDash=[4, 3])
        .encode(x="year:Q")
    )
    return (lines + points + rule).properties(height=300)


def render(ds_trade: pd.DataFrame, sel: Selection) -> None:
    """Draw the trade section for the selection."""
    st.subheader(f"Trade with China, {sel.year}")
    head = trade.region_headline(ds_trade, sel.year)
    cols = st.columns(3)
    cols[0].metric(
        "China–Central Asia total (published)",
        f"US${_bn(head['total'])} bn" if head["total"] else MISSING,
        _pct(head["growth_pct"]) if head["growth_pct"] is not None else None,
        help="The total China's customs published for the five together; not a sum.",
    )
    table = trade.trade_table(ds_trade, sel.countries, sel.year)
    shown = table["total"].notna().sum()
    cols[1].metric("Countries with a figure", f"{shown} of {len(table)}")
    cols[2].metric("Basis", "China's customs (GACC)", help="Reporter: China. US$, current.")
    if table.empty:
        st.info("Select at least one of the five Central Asian countries to see trade.")
        return
    st.dataframe(
        display_table(table),
        hide_index=True,
        width="stretch",
        column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")},
    )
    gaps = table.loc[table["total"].isna(), "country"].tolist()
    if gaps:
        st.caption(
            f"No sourced figure for {sel.year}: {', '.join(gaps)}. Missing years are left "
            "blank, never filled or estimated (see geodata/README.md)."
        )
    series = trade.trade_series(ds_trade, sel.countries)
    if len(series):
        st.altair_chart(series_chart(series, sel.year), width="stretch")
    diffs = trade.partner_differences(
        ds_trade, [c for c in sel.countries if c in CENTRAL_ASIA], sel.year
    )
    if len(diffs):
        st.markdown("**National statistics differ from China's**")
        st.dataframe(
            pd.DataFrame(
                {
                    "Country": diffs["country"],
                    "China reports (US$ bn)": diffs["china_reported"].map(_bn),
                    "Country's own statistics (US$ bn)": diffs["partner_reported"].map(_bn),
                    "Source": diffs["source"],
                }
            ),
            hide_index=True,
            width="stretch",
            column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")},
        )

"""Trade with China: headline, table for the year, chart over time, differing statistics."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corridors.selection import Selection
from corridors.ui.cache import TradeData
from corridors.ui.text import md_link
from corridors.values import source_host

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
        }
    )


def source_line(table: pd.DataFrame) -> str:
    """Sources of the table's rows as Markdown links (hosts as text, URLs made inert)."""
    links = [
        md_link(f"{country}: {source_host(url)}", url)
        for country, sources in zip(table["country"], table["sources"], strict=True)
        for url in sources
    ]
    return "Sources: " + " · ".join(links) if links else ""


def render_chart(data: TradeData, sel: Selection) -> None:
    """Trade with China over time for the selected countries, the selected year marked."""
    st.subheader("China's trade with each country, by year")
    if data.chart_spec:
        st.vega_lite_chart(data.chart_spec, width="stretch")
        st.caption(
            f"China's customs figures, US$ bn; the dashed line marks {sel.year}. A gap in a "
            "line is a year with no sourced figure."
        )
    else:
        st.info("No trade series for the selected countries.")


def render(data: TradeData, sel: Selection) -> None:
    """Draw the trade section from the selection's cached trade data."""
    st.subheader(f"Trade with China, {sel.year}")
    head = data.headline
    cols = st.columns(2)
    cols[0].metric(
        "China–Central Asia total (published)",
        f"US${_bn(head.total)} bn" if head.total else MISSING,
        _pct(head.growth_pct) if head.growth_pct is not None else None,
        help="The total China's customs published for the five together; not a sum.",
    )
    table = data.table
    shown = table["total"].notna().sum()
    cols[1].metric("Countries with a figure", f"{shown} of {len(table)}")
    st.caption(
        "China's customs (GACC) figures as published, US$ bn at current prices; China is the "
        "reporter, so exports are China's exports. ≈ marks an approximate figure, > a lower bound."
    )
    if table.empty:
        st.info("Select at least one of the five Central Asian countries to see trade.")
        return
    # A static table: five rows need no grid, and it renders at once.
    st.table(display_table(table).set_index("Country"))
    st.markdown(source_line(table), unsafe_allow_html=False)
    gaps = table.loc[table["total"].isna(), "country"].tolist()
    if gaps:
        st.caption(
            f"No sourced figure for {sel.year}: {', '.join(gaps)}. Missing years are left "
            "blank, never filled or estimated (see geodata/README.md)."
        )
    diffs = data.differences
    if len(diffs):
        st.markdown("**National statistics differ from China's**")
        st.table(
            pd.DataFrame(
                {
                    "Country": diffs["country"],
                    "China reports (US$ bn)": diffs["china_reported"].map(_bn),
                    "Country's own statistics (US$ bn)": diffs["partner_reported"].map(_bn),
                }
            ).set_index("Country")
        )
        st.markdown(
            "Sources: "
            + " · ".join(
                md_link(c, u) for c, u in zip(diffs["country"], diffs["source"], strict=True)
            )
        )

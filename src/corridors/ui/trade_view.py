"""Trade with China: headline, table for the year, chart over time, differing statistics."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corridors.config import COUNTRIES
from corridors.data.trade_basis import CHINA_SERIES, PARTNER_SERIES
from corridors.i18n import Tr
from corridors.selection import Selection
from corridors.ui.cache import TradeData
from corridors.ui.text import md_escape, md_link
from corridors.values import source_host

MISSING = "—"


def _bn(value: float | None, tr: Tr, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return MISSING
    return tr.signed(value / 1e9, 2) if signed else tr.number(value / 1e9, 2)


def _pct(value: float | None, tr: Tr) -> str:
    return MISSING if value is None or pd.isna(value) else tr.percent(value)


def _country(iso3: str, tr: Tr) -> str:
    return tr.country(iso3, COUNTRIES.get(iso3))


def display_table(table: pd.DataFrame, tr: Tr) -> pd.DataFrame:
    """The table as shown: US$ bn with two decimals, a dash where there is no figure."""
    # st.table renders Markdown in its cells: a bare "> " would start a block quote.
    qualifier = {"approx": "≈ ", "lower_bound": "\\> "}
    return pd.DataFrame(
        {
            tr("Country"): table["iso3"].map(lambda c: _country(c, tr)),
            tr("Total (US$ bn)"): [
                qualifier.get(q, "") + _bn(v, tr) if not pd.isna(v) else MISSING
                for v, q in zip(table["total"], table["qualifier"], strict=True)
            ],
            tr("China's exports"): table["china_exports"].map(lambda v: _bn(v, tr)),
            tr("China's imports"): table["china_imports"].map(lambda v: _bn(v, tr)),
            tr("Balance (China)"): table["balance"].map(lambda v: _bn(v, tr, signed=True)),
            tr("Change on previous year"): table["change_pct"].map(lambda v: _pct(v, tr)),
            tr("Reported by"): table["series"].map(lambda s: _reporter(s, tr)),
        }
    )


def _reporter(series: str, tr: Tr) -> str:
    """Whose figure a row shows: China's, the partner's own, or none (the dash)."""
    words = {CHINA_SERIES: tr("China"), PARTNER_SERIES: tr("the country itself (partner-reported)")}
    return words.get(series, MISSING)


def source_line(table: pd.DataFrame, tr: Tr) -> str:
    """Sources of the table's rows as Markdown links (hosts as text, URLs made inert)."""
    links = [
        md_link(f"{_country(iso3, tr)}: {source_host(url)}", url)
        for iso3, sources in zip(table["iso3"], table["sources"], strict=True)
        for url in sources
    ]
    return md_escape(tr("Sources:")) + " " + " · ".join(links) if links else ""


def render_chart(data: TradeData, sel: Selection, tr: Tr) -> None:
    """Trade with China over time for the selected countries, the selected year marked."""
    st.subheader(tr("China's trade with each country, by year"))
    if data.chart_spec:
        st.vega_lite_chart(data.chart_spec, width="stretch")
        st.caption(
            tr(
                "US$ bn. Solid lines: China's figures; dashed: the country's own, where China's "
                "are missing. The grey rule marks {year}; a gap in a line is a year with no "
                "sourced figure on either side."
            ).format(year=sel.year)
        )
    else:
        st.info(tr("No trade series for the selected countries."))


def render(data: TradeData, sel: Selection, tr: Tr) -> None:
    """Draw the trade section from the selection's cached trade data."""
    st.subheader(tr("Trade with China, {year}").format(year=sel.year))
    head = data.headline
    cols = st.columns(2)
    cols[0].metric(
        tr("China–Central Asia total (published)"),
        tr.money(head.total) if head.total else MISSING,
        _pct(head.growth_pct, tr) if head.growth_pct is not None else None,
        help=tr("The total China's customs published for the five together; not a sum."),
    )
    table = data.table
    shown = int(table["total"].notna().sum())
    cols[1].metric(
        tr("Countries with a figure"),
        tr("{shown} of {total}").format(shown=shown, total=len(table)),
    )
    st.caption(
        tr(
            "China's customs (GACC) figures as published, US$ bn at current prices; China is "
            "the reporter, so exports are China's exports. ≈ marks an approximate figure, > a "
            "lower bound."
        )
    )
    if table.empty:
        st.info(tr("Select at least one of the five Central Asian countries to see trade."))
        return
    # A static table: five rows need no grid, and it renders at once.
    shown_table = display_table(table, tr)
    st.table(
        shown_table.set_index(shown_table.columns[0]),
        alt=tr("Trade with China, {year}").format(year=sel.year),
    )
    st.markdown(source_line(table, tr), unsafe_allow_html=False)
    partners = [_country(c, tr) for c in table.loc[table["series"] == PARTNER_SERIES, "iso3"]]
    if partners:
        st.caption(
            tr(
                "Partner-reported for {year}: {countries}. China's figure is missing, so the "
                "country's own statistics are shown, marked, never mixed into China's series "
                "(they are often far lower: transit and re-exports are counted differently)."
            ).format(year=sel.year, countries=tr.list(partners))
        )
    gaps = table[table["total"].isna()]
    if len(gaps):
        st.caption(
            tr(
                "No sourced figure for {year}: {countries}. Missing years are left blank, never "
                "filled or estimated (see geodata/README.md)."
            ).format(year=sel.year, countries=tr.list([_country(c, tr) for c in gaps["iso3"]]))
        )
        searched = md_escape(tr("Searched:"))
        for iso3, note in zip(gaps["iso3"], gaps["gap"], strict=True):
            if note:
                st.caption(f"{md_escape(_country(iso3, tr))} — {searched} {md_escape(note)}")
    diffs = data.differences
    if len(diffs):
        st.markdown("**" + md_escape(tr("National statistics differ from China's")) + "**")
        frame = pd.DataFrame(
            {
                tr("Country"): diffs["iso3"].map(lambda c: _country(c, tr)),
                tr("China reports (US$ bn)"): diffs["china_reported"].map(lambda v: _bn(v, tr)),
                tr("Country's own statistics (US$ bn)"): diffs["partner_reported"].map(
                    lambda v: _bn(v, tr)
                ),
            }
        )
        st.table(
            frame.set_index(frame.columns[0]), alt=tr("National statistics differ from China's")
        )
        st.markdown(
            md_escape(tr("Sources:"))
            + " "
            + " · ".join(
                md_link(_country(c, tr), u)
                for c, u in zip(diffs["iso3"], diffs["source"], strict=True)
            )
        )

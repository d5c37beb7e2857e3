"""Trade with China: headline, the year's table, both sides of each flow, charts over time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corridors.citation import Registry, citation_text, sources_of
from corridors.config import COUNTRIES
from corridors.data.trade_basis import CHINA_SERIES, PARTNER_SERIES
from corridors.i18n import Tr
from corridors.selection import Selection
from corridors.trade import WHY_SIDES_DIFFER
from corridors.ui.cache import TradeCharts, TradeData
from corridors.ui.text import md_escape, md_link

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
    """The year's totals as shown: US$ bn with two decimals, a dash where there is none."""
    # st.table renders Markdown in its cells: a bare "> " would start a block quote.
    qualifier = {"approx": "≈ ", "lower_bound": "\\> "}
    return pd.DataFrame(
        {
            tr("Country"): table["iso3"].map(lambda c: _country(c, tr)),
            tr("Total (US$ bn)"): [
                qualifier.get(q, "") + _bn(v, tr) if not pd.isna(v) else MISSING
                for v, q in zip(table["total"], table["qualifier"], strict=True)
            ],
            tr("Balance (China)"): table["balance"].map(lambda v: _bn(v, tr, signed=True)),
            tr("Change on previous year"): table["change_pct"].map(lambda v: _pct(v, tr)),
            tr("Reported by"): table["series"].map(lambda s: _reporter(s, tr)),
            tr("Source"): table["basis"].map(lambda b: _source_kind(b, tr)),
        }
    )


def sides_tables(table: pd.DataFrame, tr: Tr) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each flow as China reports it beside the country's own figure, and the difference
    (China's minus the country's): goods from China, then goods to China."""
    country = table["iso3"].map(lambda c: _country(c, tr))

    def side(china: str, china_label: str, partner: str, partner_label: str, gap: str):
        return pd.DataFrame(
            {
                tr("Country"): country,
                china_label: table[china].map(lambda v: _bn(v, tr)),
                partner_label: table[partner].map(lambda v: _bn(v, tr)),
                tr("Difference"): table[gap].map(lambda v: _bn(v, tr, signed=True)),
            }
        )

    from_china = side(
        "china_exports",
        tr("China's exports (US$ bn)"),
        "partner_imports",
        tr("The country's imports from China"),
        "exports_gap",
    )
    to_china = side(
        "china_imports",
        tr("China's imports (US$ bn)"),
        "partner_exports",
        tr("The country's exports to China"),
        "imports_gap",
    )
    return from_china, to_china


def _reporter(series: str, tr: Tr) -> str:
    """Whose figure a row shows: China's, the partner's own, or none (the dash)."""
    words = {CHINA_SERIES: tr("China"), PARTNER_SERIES: tr("the country itself (partner-reported)")}
    return words.get(series, MISSING)


def _source_kind(basis: str, tr: Tr) -> str:
    """Where a total comes from, in a word: the IMF's database or a published figure."""
    if not basis:
        return MISSING
    return tr("IMF DOTS") if basis.startswith("DOTS") else tr("published")


def source_line(
    table: pd.DataFrame, tr: Tr, column: str = "sources", registry: Registry | None = None
) -> str:
    """Sources of the table's rows as Markdown links (URLs made inert), each once with the
    countries it gives figures for, told by its title, publisher and date (``registry``;
    the host alone where it has none)."""
    countries: dict[str, list[str]] = {}
    for iso3, sources in zip(table["iso3"], table[column], strict=True):
        for url in sources:
            countries.setdefault(url, []).append(_country(iso3, tr))
    links = [
        md_link(f"{tr.list(names)}: {citation_text(source, tr)}", source.url)
        for source, names in zip(sources_of(countries, registry), countries.values(), strict=True)
    ]
    return md_escape(tr("Sources:")) + " " + " · ".join(links) if links else ""


def why_they_differ(tr: Tr) -> str:
    """The one sourced sentence on why the two sides' figures differ, as Markdown."""
    sentence = tr(
        "Why the two sides differ: imports are valued with freight and insurance (CIF), "
        "exports without (FOB); goods in transit and re-exports may be credited to different "
        "countries; the two sides record at different times and cover different trade, and "
        "bazaar and shuttle trade is partly unrecorded. These are general reasons, not the "
        "cause of any one gap."
    )
    links = " · ".join(md_link(tr(name), url) for name, url in WHY_SIDES_DIFFER)
    return f"{md_escape(sentence)} ({links})"


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
            "US$ bn at current prices. China's figures: the IMF's Direction of Trade "
            "Statistics (DOTS) for 2009–2020, China's customs (GACC) as published after; a "
            "total from DOTS is China's exports plus its imports. China is the reporter, so "
            "exports are China's exports; the balance is China's surplus (+) or deficit (−). "
            "≈ marks an approximate figure, > a lower bound."
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
    st.markdown(source_line(table, tr, registry=data.sources), unsafe_allow_html=False)
    _notes(table, sel, tr)
    _sides(table, sel, tr, data.sources)


def _notes(table: pd.DataFrame, sel: Selection, tr: Tr) -> None:
    """Under the totals: which countries stand on their own figures, which have none."""
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


def _sides(table: pd.DataFrame, sel: Selection, tr: Tr, registry: Registry) -> None:
    """What each side reports for the same goods, the differences, and why they differ."""
    st.markdown("**" + md_escape(tr("What each side reports, {year}").format(year=sel.year)) + "**")
    st.caption(
        tr(
            "China's figure for its exports to a country beside the country's own figure for "
            "its imports from China, and the other way round; the difference is China's "
            "figure minus the country's, US$ bn."
        )
    )
    from_china, to_china = sides_tables(table, tr)
    st.markdown(md_escape(tr("Goods from China")))
    st.table(from_china.set_index(from_china.columns[0]), alt=tr("Goods from China"))
    st.markdown(md_escape(tr("Goods to China")))
    st.table(to_china.set_index(to_china.columns[0]), alt=tr("Goods to China"))
    estimated = [_country(c, tr) for c in table.loc[table["partner_estimated"], "iso3"]]
    if estimated:
        st.caption(
            tr(
                "{countries}: the IMF's figures for this side are its own estimates, made from "
                "the partners' figures or carried forward from earlier years, not the "
                "country's statistics; they are left out."
            ).format(countries=tr.list(estimated))
        )
    st.markdown(source_line(table, tr, "partner_sources", registry), unsafe_allow_html=False)
    st.caption(why_they_differ(tr))


def render_chart(charts: TradeCharts, sel: Selection, tr: Tr) -> None:
    """Trade with China over time for the selected countries, the selected year marked;
    then each country's flows as both sides report them."""
    st.subheader(tr("China's trade with each country, by year"))
    if not charts.totals:
        st.info(tr("No trade series for the selected countries."))
        return
    st.vega_lite_chart(charts.totals, width="stretch")
    st.caption(
        tr(
            "US$ bn. Solid lines: China's figures; dashed: the country's own, where China's "
            "are missing. The grey rule marks {year}. A line breaks where no side has a "
            "sourced figure, and where its source changes (from the IMF's database to "
            "figures as published, after 2020)."
        ).format(year=sel.year)
    )
    st.subheader(tr("Each flow as both sides report it"))
    st.caption(
        tr(
            "Goods from China: China's exports (solid) and the country's imports from China "
            "(dashed); goods to China: China's imports and the country's exports; and China's "
            "balance. US$ bn; the grey rule marks {year}."
        ).format(year=sel.year)
    )
    columns = st.columns(2)
    for i, spec in enumerate(charts.flows.values()):
        columns[i % 2].vega_lite_chart(spec, width="stretch")
    st.caption(why_they_differ(tr))

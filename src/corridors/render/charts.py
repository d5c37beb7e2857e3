"""Charts of the trade series (Altair), built without Streamlit."""

from __future__ import annotations

import altair as alt
import pandas as pd

from corridors.config import COUNTRIES, YEAR_MAX, YEAR_MIN
from corridors.data.schema import DOTS_BASIS
from corridors.data.trade_basis import CHINA_SERIES, PARTNER_SERIES
from corridors.i18n import Tr, translator

#: Okabe–Ito colours (safe for colour-blind readers): goods from China, goods to China,
#: and China's balance.
FLOW_COLOURS = ("#E69F00", "#0072B2", "#555555")


def _years_axis() -> alt.X:
    return alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[YEAR_MIN, YEAR_MAX], nice=False),
        axis=alt.Axis(format="d", tickMinStep=1),
    )


def _year_rule(year: int) -> alt.Chart:
    return (
        alt.Chart(pd.DataFrame({"year": [year]}))
        .mark_rule(color="#444", strokeDash=[4, 3])
        .encode(x="year:Q")
    )


def _segments(data: pd.DataFrame, by: str, same: tuple[str, ...]) -> pd.Series:
    """A line segment id per row (rows sorted by ``by``, then year): a new segment where
    ``by`` changes, a year is skipped or any of ``same`` changes, so no line crosses a
    missing year or joins two sources or reporters."""
    new = (data[by] != data[by].shift()) | (data["year"].diff() != 1)
    for column in same:
        new |= data[column] != data[column].shift()
    return new.cumsum().astype(str)


def series_chart(series: pd.DataFrame, year: int, tr: Tr | None = None) -> alt.LayerChart:
    """Totals over time per country; a missing year breaks the line, the year is marked.

    Each unbroken run of years of one series and one kind of source is its own line
    segment (``detail``), so no line is drawn across a year with no sourced figure, from
    China's figures into a partner's (dashed, a series of their own), nor from the
    database's figures into the press's.
    """
    tr = tr or translator()
    data = series.sort_values(["iso3", "year"]).copy()
    data["US$ bn"] = data["total_usd"] / 1e9
    qualifiers = {"approx": tr("approximate"), "lower_bound": tr("lower bound")}
    data["qualifier"] = data["qualifier"].map(lambda q: qualifiers.get(q, ""))
    series = data["series"] if "series" in data else pd.Series(CHINA_SERIES, index=data.index)
    data["series"] = series
    names = {CHINA_SERIES: tr("China's figures"), PARTNER_SERIES: tr("The country's own figures")}
    data["reported by"] = series.map(names)
    kind = data["kind"] if "kind" in data else pd.Series("", index=data.index)
    data["kind"] = kind
    data["source"] = kind.map(_source_words(tr)).fillna("")
    data["segment"] = _segments(data, "iso3", ("series", "kind"))
    base = alt.Chart(data).encode(
        x=_years_axis(),
        y=alt.Y("US$ bn:Q", title=tr("Trade with China, US$ bn")),
        color=alt.Color("country:N", title=None, scale=alt.Scale(scheme="tableau10")),
        tooltip=[
            alt.Tooltip("country:N", title=tr("Country")),
            alt.Tooltip("year:Q", title=tr("Year"), format="d"),
            alt.Tooltip("US$ bn:Q", title=tr("US$ bn"), format=",.2f"),
            alt.Tooltip("reported by:N", title=tr("Reported by")),
            alt.Tooltip("source:N", title=tr("Source")),
            alt.Tooltip("qualifier:N", title=tr("Note")),
        ],
    )
    # The dash is the lines' only (the legend then shows a dashed line, not a dot).
    dash = alt.StrokeDash(
        "reported by:N",
        title=None,
        scale=alt.Scale(domain=list(names.values()), range=[[1, 0], [5, 3]]),
        legend=alt.Legend(symbolType="stroke"),
    )
    lines = base.mark_line().encode(detail="segment:N", strokeDash=dash)
    points = base.mark_point(filled=True, size=40)
    return (lines + points + _year_rule(year)).properties(height=300)


def _source_words(tr: Tr) -> dict[str, str]:
    return {
        "database": tr("IMF Direction of Trade Statistics"),
        "press": tr("published figures (customs, officials, press)"),
    }


def flows_chart(flows: pd.DataFrame, iso3: str, year: int, tr: Tr | None = None) -> alt.LayerChart:
    """One country's trade with China over the years, each flow as both sides report it:
    goods from China (China's exports, solid; the country's imports, dashed), goods to
    China (China's imports; the country's exports), and China's balance. ``flows`` is
    :func:`corridors.trade.flow_series`'s long form; a line breaks where a year is missing
    or its source changes."""
    tr = tr or translator()
    country = tr.country(iso3, COUNTRIES[iso3])
    data = flows[flows["iso3"] == iso3].copy()
    names = {
        "china_exports": tr("China's exports"),
        "partner_imports": tr("The country's imports from China"),
        "china_imports": tr("China's imports"),
        "partner_exports": tr("The country's exports to China"),
        "balance": tr("China's balance"),
    }
    data["what"] = data["line"].map(names)
    data["US$ bn"] = data["value_usd"] / 1e9
    data["source"] = (data["basis"] == DOTS_BASIS).map(
        {True: _source_words(tr)["database"], False: _source_words(tr)["press"]}
    )
    data = data.sort_values(["line", "year"])
    data["segment"] = _segments(data, "line", ("source",))
    order = list(names.values())
    # One legend: each line's colour is its goods' (from China, to China, the balance),
    # its dash whose figure it is (China's solid, the country's dashed).
    colour = alt.Color(
        "what:N",
        title=None,
        sort=order,
        scale=alt.Scale(domain=order, range=[FLOW_COLOURS[i] for i in (0, 0, 1, 1, 2)]),
        legend=alt.Legend(orient="bottom", columns=2, symbolType="stroke", labelLimit=260),
    )
    dash = alt.StrokeDash(
        "what:N",
        title=None,
        sort=order,
        scale=alt.Scale(domain=order, range=[[1, 0], [5, 3], [1, 0], [5, 3], [1, 0]]),
        legend=alt.Legend(orient="bottom", columns=2, symbolType="stroke", labelLimit=260),
    )
    base = alt.Chart(data).encode(
        x=_years_axis(),
        y=alt.Y("US$ bn:Q", title=tr("US$ bn")),
        color=colour,
        tooltip=[
            alt.Tooltip("what:N", title=tr("Flow")),
            alt.Tooltip("year:Q", title=tr("Year"), format="d"),
            alt.Tooltip("US$ bn:Q", title=tr("US$ bn"), format=",.2f"),
            alt.Tooltip("source:N", title=tr("Source")),
        ],
    )
    lines = base.mark_line().encode(detail="segment:N", strokeDash=dash)
    points = base.mark_point(filled=True, size=25)
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#999").encode(y="y:Q")
    return (zero + lines + points + _year_rule(year)).properties(title=country, height=380)

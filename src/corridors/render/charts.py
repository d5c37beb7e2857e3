"""Charts of the trade series (Altair), built without Streamlit."""

from __future__ import annotations

import altair as alt
import pandas as pd

from corridors.config import YEAR_MAX, YEAR_MIN
from corridors.data.trade_basis import CHINA_SERIES, PARTNER_SERIES
from corridors.i18n import Tr, translator


def series_chart(series: pd.DataFrame, year: int, tr: Tr | None = None) -> alt.LayerChart:
    """Totals over time per country; a missing year breaks the line, the year is marked.

    Each unbroken run of years of one series is its own line segment (``detail``), so no
    line is drawn across a year with no sourced figure, nor from China's figures into a
    partner's: those are dashed, a series of their own.
    """
    tr = tr or translator()
    data = series.sort_values(["iso3", "year"]).copy()
    data["US$ bn"] = data["total_usd"] / 1e9
    qualifiers = {"approx": tr("approximate"), "lower_bound": tr("lower bound")}
    data["qualifier"] = data["qualifier"].map(lambda q: qualifiers.get(q, ""))
    series = data["series"] if "series" in data else pd.Series(CHINA_SERIES, index=data.index)
    names = {CHINA_SERIES: tr("China's figures"), PARTNER_SERIES: tr("The country's own figures")}
    data["reported by"] = series.map(names)
    breaks = (data.groupby("iso3")["year"].diff() != 1) | (series != series.shift())
    data["run"] = breaks.groupby(data["iso3"]).cumsum()
    data["segment"] = data["iso3"] + "-" + data["run"].astype(str)
    x = alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[YEAR_MIN, YEAR_MAX], nice=False),
        axis=alt.Axis(format="d", tickMinStep=1),
    )
    base = alt.Chart(data).encode(
        x=x,
        y=alt.Y("US$ bn:Q", title=tr("Trade with China, US$ bn")),
        color=alt.Color("country:N", title=None, scale=alt.Scale(scheme="tableau10")),
        strokeDash=alt.StrokeDash(
            "reported by:N",
            title=None,
            scale=alt.Scale(domain=list(names.values()), range=[[1, 0], [5, 3]]),
        ),
        tooltip=[
            alt.Tooltip("country:N", title=tr("Country")),
            alt.Tooltip("year:Q", title=tr("Year"), format="d"),
            alt.Tooltip("US$ bn:Q", title=tr("US$ bn"), format=",.2f"),
            alt.Tooltip("reported by:N", title=tr("Reported by")),
            alt.Tooltip("qualifier:N", title=tr("Note")),
        ],
    )
    lines = base.mark_line().encode(detail="segment:N")
    points = base.mark_point(filled=True, size=40)
    rule = (
        alt.Chart(pd.DataFrame({"year": [year]}))
        .mark_rule(color="#444", strokeDash=[4, 3])
        .encode(x="year:Q")
    )
    return (lines + points + rule).properties(height=300)

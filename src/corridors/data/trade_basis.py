"""Which figure stands for a country and year: China's own, else the partner's.

China's reported full-year total (reporter CHN) is the dashboard's series. Where it has
none for a country-year, the country's own reported total (reporter the country, partner
CHN) fills the map and the chart as a separate, marked series: the two are never mixed
silently, never summed, never interpolated. Used by the checks (every country-year has a
figure or a gap note) and by the trade tables alike.
"""

from __future__ import annotations

import pandas as pd

from corridors.config import CENTRAL_ASIA, CHINA

#: The two series, in order of preference.
CHINA_SERIES = "china"
PARTNER_SERIES = "partner"

TOTAL_COLUMNS = ("iso3", "year", "series", "value_usd", "qualifier", "basis", "source")


def annual_totals(trade: pd.DataFrame) -> pd.DataFrame:
    """One row per country and year that has a full-year total on some basis: China's
    where it reports one, else the partner's; columns :data:`TOTAL_COLUMNS`."""
    if trade.empty:
        return pd.DataFrame(columns=list(TOTAL_COLUMNS))
    full = trade[(trade["period"] == "year") & (trade["flow"] == "total")]
    china = full[(full["reporter"] == CHINA) & full["partner"].isin(CENTRAL_ASIA)]
    china = china.assign(iso3=china["partner"], series=CHINA_SERIES)
    partner = full[(full["partner"] == CHINA) & full["reporter"].isin(CENTRAL_ASIA)]
    partner = partner.assign(iso3=partner["reporter"], series=PARTNER_SERIES)
    both = pd.concat([china, partner], ignore_index=True)
    # China's first: a partner's figure stands only where China's is missing.
    both = both.drop_duplicates(["iso3", "year"], keep="first")
    return both[list(TOTAL_COLUMNS)].sort_values(["iso3", "year"]).reset_index(drop=True)

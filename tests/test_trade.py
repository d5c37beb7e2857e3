"""Trade tables, series and headlines: missing stays missing."""

from __future__ import annotations

import math
from functools import partial

import pandas as pd
import pytest

from corridors import trade
from corridors.data.loader import read_trade
from corridors.data.schema import TRADE_COLUMNS
from tests.builders import trade_row, write_csv


@pytest.fixture
def table(tmp_path) -> pd.DataFrame:
    rows = [
        trade_row(year=2022, value_usd=31.2e9),
        trade_row(year=2023, value_usd=41.0e9),
        trade_row(year=2023, flow="export", value_usd=24.7e9),
        trade_row(year=2023, flow="import", value_usd=16.3e9),
        trade_row(partner="KGZ", year=2023, value_usd=19.8e9, qualifier="approx"),
        trade_row(partner="CA5", year=2022, value_usd=70.2e9),
        trade_row(partner="CA5", year=2023, value_usd=89.4e9),
        trade_row(reporter="KAZ", partner="CHN", year=2023, value_usd=30.0e9, basis="partner"),
        trade_row(partner="TJK", year=2025, period="Jan-May", value_usd=1.0e9),
    ]
    return read_trade(write_csv(tmp_path / "t.csv", rows, TRADE_COLUMNS))


def test_table_for_a_year(table):
    out = trade.trade_table(table, ["KAZ", "KGZ", "TJK", "CHN"], 2023).set_index("iso3")
    assert list(out.index) == ["KAZ", "KGZ", "TJK"]
    assert out.loc["KAZ", "total"] == 41.0e9
    assert out.loc["KAZ", "balance"] == pytest.approx(8.4e9)
    assert out.loc["KAZ", "change_pct"] == pytest.approx((41.0 / 31.2 - 1) * 100)
    assert out.loc["KGZ", "qualifier"] == "approx"
    assert math.isnan(out.loc["KGZ", "china_exports"])


def test_missing_year_is_missing_not_zero(table):
    out = trade.trade_table(table, ["TJK"], 2025).set_index("iso3")
    assert math.isnan(out.loc["TJK", "total"])  # only a Jan-May figure exists
    shown = trade.trade_table(table, ["TJK"], 2025).dropna(subset=["total"])
    assert list(shown["iso3"]) == []


def test_partner_statistics_never_mix_with_china(table):
    assert trade.trade_table(table, ["KAZ"], 2023)["total"].iloc[0] == 41.0e9
    diffs = trade.partner_differences(table, ["KAZ"], 2023)
    assert diffs.iloc[0]["partner_reported"] == 30.0e9
    assert diffs.iloc[0]["china_reported"] == 41.0e9


def test_region_headline_uses_published_total(table):
    head = trade.region_headline(table, 2023)
    assert head.total == 89.4e9
    assert head.growth_pct == pytest.approx((89.4 / 70.2 - 1) * 100)
    assert trade.region_headline(table, 2019) == trade.Headline(None, None, None)


def test_series_and_latest_full_year(table):
    series = trade.trade_series(table, ["KAZ"])
    assert list(series["year"]) == [2022, 2023]
    assert trade.latest_full_year(table) is None  # not all five have 2023


@pytest.fixture
def mixed(tmp_path) -> pd.DataFrame:
    """China's figures for some years, the partner's for others, one year neither."""
    kgz = partial(trade_row, reporter="KGZ", partner="CHN", basis="partner")
    rows = [
        trade_row(partner="KGZ", year=2015, value_usd=4.3e9),
        trade_row(partner="KGZ", year=2016, value_usd=5.7e9),
        kgz(year=2016, value_usd=1.5e9),
        kgz(year=2017, value_usd=1.6e9),
        kgz(year=2017, flow="import", value_usd=1.5e9),
        kgz(year=2017, flow="export", value_usd=0.1e9),
        kgz(year=2018, value_usd=2.0e9),
    ]
    return read_trade(write_csv(tmp_path / "t.csv", rows, TRADE_COLUMNS))


def test_chinas_figure_stands_where_there_is_one(mixed):
    out = trade.trade_table(mixed, ["KGZ"], 2016).set_index("iso3")
    assert out.loc["KGZ", "total"] == 5.7e9
    assert out.loc["KGZ", "series"] == "china"


def test_the_partners_figure_fills_a_year_china_lacks_marked_and_mirrored(mixed):
    out = trade.trade_table(mixed, ["KGZ"], 2017).set_index("iso3")
    assert out.loc["KGZ", "total"] == 1.6e9
    assert out.loc["KGZ", "series"] == "partner"
    assert out.loc["KGZ", "basis"] == "partner"
    # Kyrgyzstan's imports from China are China's exports to it, and the other way round.
    assert out.loc["KGZ", "china_exports"] == 1.5e9
    assert out.loc["KGZ", "china_imports"] == 0.1e9


def test_change_compares_a_series_with_itself_only(mixed):
    out = trade.trade_table(mixed, ["KGZ"], 2017).set_index("iso3")
    assert math.isnan(out.loc["KGZ", "change_pct"])  # 2016 is China's: not comparable
    out = trade.trade_table(mixed, ["KGZ"], 2018).set_index("iso3")
    assert out.loc["KGZ", "change_pct"] == pytest.approx((2.0 / 1.6 - 1) * 100)


def test_a_year_without_a_figure_says_where_it_was_sought(mixed):
    gaps = pd.DataFrame({"partner": ["KGZ"], "year": [2019], "searched": ["yearbooks"]})
    out = trade.trade_table(mixed, ["KGZ"], 2019, gaps).set_index("iso3")
    assert math.isnan(out.loc["KGZ", "total"])
    assert out.loc["KGZ", "series"] == ""
    assert out.loc["KGZ", "gap"] == "yearbooks"
    # A year with a figure carries no gap note.
    assert trade.trade_table(mixed, ["KGZ"], 2017, gaps).loc[0, "gap"] == ""


def test_series_marks_each_years_basis(mixed):
    out = trade.trade_series(mixed, ["KGZ"])
    assert list(zip(out["year"], out["series"], strict=True)) == [
        (2015, "china"),
        (2016, "china"),
        (2017, "partner"),
        (2018, "partner"),
    ]


def test_the_choropleths_words_are_escaped_and_say_whose_figure():
    from corridors.i18n import translator
    from corridors.render.geojson import trade_tooltip

    tr = translator("en")
    hostile = '<img src=x onerror="alert(1)">'
    gap = trade_tooltip("KGZ", None, "", hostile, 2020, tr)
    assert "<img" not in gap and "&lt;img" in gap
    assert "no sourced figure" in gap and "Searched:" in gap
    partner = trade_tooltip("KAZ", 15e9, "partner", "", 2020, tr)
    assert "Partner-reported" in partner and "Searched" not in partner
    china = trade_tooltip("KAZ", 43.8e9, "china", "", 2024, tr)
    assert "Partner" not in china and "Searched" not in china

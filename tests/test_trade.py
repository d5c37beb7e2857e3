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
    out = trade.trade_table(table, ["KAZ"], 2023).set_index("iso3")
    assert out.loc["KAZ", "total"] == 41.0e9 and out.loc["KAZ", "series"] == "china"
    # Kazakhstan's own total is not China's, and gives no flows of its own here.
    assert math.isnan(out.loc["KAZ", "partner_imports"])
    assert out.loc["KAZ", "china_exports"] == 24.7e9


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


def test_the_partners_figure_fills_a_year_china_lacks_marked_and_kept_apart(mixed):
    out = trade.trade_table(mixed, ["KGZ"], 2017).set_index("iso3")
    assert out.loc["KGZ", "total"] == 1.6e9
    assert out.loc["KGZ", "series"] == "partner"
    assert out.loc["KGZ", "basis"] == "partner"
    # The country's imports from China and exports to it stay the country's.
    assert out.loc["KGZ", "partner_imports"] == 1.5e9
    assert out.loc["KGZ", "partner_exports"] == 0.1e9
    assert math.isnan(out.loc["KGZ", "china_exports"])
    # China's surplus as Kyrgyzstan reports it.
    assert out.loc["KGZ", "balance"] == pytest.approx(1.4e9)


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


DOTS_SOURCE = "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85"


def dots_row(**overrides):
    row = trade_row(basis="DOTS", source=DOTS_SOURCE, quote="IMF DOTS workbook DOTS_40.xlsx")
    row.update(overrides)
    return row


@pytest.fixture
def both(tmp_path) -> pd.DataFrame:
    """Kyrgyzstan 2016–2018 in the database on both sides, the press for 2017 and 2019,
    Turkmenistan's side as IMF estimates only."""
    kgz = partial(dots_row, partner="KGZ")
    mine = partial(dots_row, reporter="KGZ", partner="CHN")
    tkm = partial(dots_row, reporter="TKM", partner="CHN", basis="DOTS-estimate")
    rows = [
        kgz(year=2016, flow="export", value_usd=5_714_694_000),
        kgz(year=2016, flow="import", value_usd=71_120_000),
        kgz(year=2017, flow="export", value_usd=5_646_068_526),
        kgz(year=2017, flow="import", value_usd=87_014_977),
        mine(year=2017, flow="import", value_usd=1_493_693_988),
        mine(year=2017, flow="export", value_usd=97_473_586),
        trade_row(partner="KGZ", year=2017, value_usd=5.45e9),  # the press, for 2017
        trade_row(partner="KGZ", year=2019, value_usd=6.4e9),  # the press, a later year
        trade_row(partner="KGZ", year=2018, value_usd=5.643e9),  # within 1% of the database
        kgz(year=2018, flow="export", value_usd=5_588_769_750),
        kgz(year=2018, flow="import", value_usd=54_333_740),
        dots_row(partner="TKM", year=2017, flow="export", value_usd=380_414_303),
        dots_row(partner="TKM", year=2017, flow="import", value_usd=6_575_124_772),
        tkm(year=2017, flow="import", value_usd=403_239_161),
        tkm(year=2017, flow="export", value_usd=6_202_947_899),
    ]
    return read_trade(write_csv(tmp_path / "t.csv", rows, TRADE_COLUMNS))


def test_the_database_stands_over_the_press_for_the_same_side_and_year(both):
    out = trade.trade_table(both, ["KGZ"], 2017).set_index("iso3")
    assert out.loc["KGZ", "total"] == 5_646_068_526 + 87_014_977  # not the press's 5.45 bn
    assert out.loc["KGZ", "derived"] and out.loc["KGZ", "basis"] == "DOTS"
    assert out.loc["KGZ", "sources"] == [DOTS_SOURCE]


def test_both_sides_of_each_flow_and_their_difference(both):
    row = trade.trade_table(both, ["KGZ"], 2017).iloc[0]
    assert row["china_exports"] == 5_646_068_526
    assert row["partner_imports"] == 1_493_693_988
    assert row["exports_gap"] == 5_646_068_526 - 1_493_693_988
    assert row["china_imports"] == 87_014_977 and row["partner_exports"] == 97_473_586
    assert row["imports_gap"] == 87_014_977 - 97_473_586
    assert row["balance"] == 5_646_068_526 - 87_014_977
    assert row["china_basis"] == "DOTS" and row["partner_basis"] == "DOTS"


def test_an_imf_estimate_is_never_the_partners_side(both):
    row = trade.trade_table(both, ["TKM"], 2017).iloc[0]
    assert row["series"] == "china"
    assert math.isnan(row["partner_imports"]) and math.isnan(row["exports_gap"])
    assert row["partner_basis"] == "" and bool(row["partner_estimated"])
    # Alone, an estimate is no figure at all.
    tkm_only = both[both["reporter"] == "TKM"]
    assert math.isnan(trade.trade_table(tkm_only, ["TKM"], 2017)["total"].iloc[0])


def test_the_change_compares_one_kind_of_source_with_itself(both):
    out = trade.trade_table(both, ["KGZ"], 2017).iloc[0]
    assert out["change_pct"] == pytest.approx(
        ((5_646_068_526 + 87_014_977) / 5_785_814_000 - 1) * 100
    )
    # 2019 stands on the press and 2018 on the database: no change across sources.
    assert math.isnan(trade.trade_table(both, ["KGZ"], 2019)["change_pct"].iloc[0])


def test_the_history_has_every_year_and_the_flows_chart_every_line(both):
    history = trade.trade_history(both, ["KGZ", "TKM"])
    assert len(history) == 2 * 17 and list(history["year"][:3]) == [2009, 2010, 2011]
    lines = trade.flow_series(history)
    kgz17 = lines[(lines["iso3"] == "KGZ") & (lines["year"] == 2017)].set_index("line")
    assert kgz17.loc["partner_imports", "value_usd"] == 1_493_693_988
    assert kgz17.loc["balance", "value_usd"] == 5_646_068_526 - 87_014_977
    assert kgz17.loc["partner_imports", "basis"] == "DOTS"
    assert set(lines.loc[lines["iso3"] == "TKM", "line"]) == {
        "china_exports",
        "china_imports",
        "balance",
    }


def test_press_figures_off_the_database_are_listed_as_cross_checks(both):
    from corridors.data.trade_basis import cross_checks

    found = cross_checks(both.to_dict("records"))
    assert [(c["iso3"], c["year"], c["flow"]) for c in found] == [("KGZ", 2017, "total")]
    assert found[0]["off"] == pytest.approx(5.45e9 / (5_646_068_526 + 87_014_977) - 1)


def test_the_series_breaks_where_the_source_changes(both):
    out = trade.trade_series(both, ["KGZ"])
    assert list(zip(out["year"], out["kind"], strict=True)) == [
        (2016, "database"),
        (2017, "database"),
        (2018, "database"),
        (2019, "press"),
    ]

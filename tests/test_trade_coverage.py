"""The coverage tables in README.md and geodata/notes/trade.md are the data's."""

from __future__ import annotations

import pandas as pd
import trade_coverage

from corridors.data.loader import load_dataset
from tests.builders import trade_row


def test_readme_and_notes_tables_are_generated_from_the_data():
    ds = load_dataset()
    block = trade_coverage.markdown(trade_coverage.coverage(ds.trade))
    for path in (trade_coverage.README, trade_coverage.NOTES):
        text = path.read_text("utf-8")
        assert trade_coverage.replace_block(text, block) == text, (
            f"{path.name}: run python scripts/trade_coverage.py"
        )
    notes = trade_coverage.NOTES.read_text("utf-8")
    gaps = trade_coverage.gaps_markdown(ds.trade_gaps)
    assert (
        trade_coverage.replace_block(
            notes, gaps, trade_coverage.GAPS_START, trade_coverage.GAPS_END
        )
        == notes
    )
    checks = trade_coverage.checks_markdown(ds.trade)
    assert (
        trade_coverage.replace_block(
            notes, checks, trade_coverage.CHECKS_START, trade_coverage.CHECKS_END
        )
        == notes
    )


def test_the_notes_list_kyrgyzstan_2017_press_figure_against_the_database():
    checks = trade_coverage.checks_markdown(load_dataset().trade)
    assert "| China | KGZ | 2017 | total | 5.450 | 5.733 | -4.9% |" in checks


def test_cells_say_whose_figure_stands():
    rows = pd.DataFrame(
        [
            trade_row(partner="KAZ", year=2009),
            trade_row(partner="KGZ", year=2009, basis="unclear"),
            trade_row(reporter="TJK", partner="CHN", year=2009, basis="partner"),
            trade_row(reporter="KAZ", partner="CHN", year=2009, basis="partner"),
            trade_row(partner="UZB", year=2009, flow="export", basis="DOTS"),
            trade_row(partner="UZB", year=2009, flow="import", basis="DOTS"),
            trade_row(partner="UZB", year=2009, basis="GACC"),  # a cross-check only
            trade_row(reporter="TKM", partner="CHN", year=2009, basis="DOTS-estimate"),
        ]
    )
    cov = trade_coverage.coverage(rows)
    assert cov.loc["KAZ", 2009] == "C"  # China's stands even where the partner has one
    assert cov.loc["KGZ", 2009] == "C?"
    assert cov.loc["TJK", 2009] == "P"
    assert cov.loc["TKM", 2009] == "—"  # an IMF estimate is nobody's figure
    assert cov.loc["UZB", 2009] == "D"  # the database's exports + imports
    assert "China-side: 3 of 85 country-years (1 from the database)" in trade_coverage.markdown(cov)

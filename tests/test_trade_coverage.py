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


def test_cells_say_whose_figure_stands():
    rows = pd.DataFrame(
        [
            trade_row(partner="KAZ", year=2009),
            trade_row(partner="KGZ", year=2009, basis="unclear"),
            trade_row(reporter="TJK", partner="CHN", year=2009, basis="partner"),
            trade_row(reporter="KAZ", partner="CHN", year=2009, basis="partner"),
        ]
    )
    cov = trade_coverage.coverage(rows)
    assert cov.loc["KAZ", 2009] == "C"  # China's stands even where the partner has one
    assert cov.loc["KGZ", 2009] == "C?"
    assert cov.loc["TJK", 2009] == "P"
    assert cov.loc["TKM", 2009] == "—"
    assert "China-side: 2 of 85" in trade_coverage.markdown(cov)

"""The Features tab: every feature on the map, with its first source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corridors.config import LAYERS
from corridors.kinds import label as kind_label
from corridors.selection import Selection
from corridors.status import status_label

MISSING = "—"  # as in the trade tables: a missing figure is shown as missing, not "None"


def _years(frame: pd.DataFrame, column: str) -> pd.Series:
    years = pd.to_numeric(frame[column]).round().astype("Int64")
    return years.map(lambda y: MISSING if pd.isna(y) else str(y))


def _numbers(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values).map(lambda v: MISSING if pd.isna(v) else f"{v:,.0f}")


def features_table(shown: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    """The features on the map, as a table an analyst can sort and copy."""
    return pd.DataFrame(
        {
            "Name": shown["name"],
            "Layer": shown["layer"].map(LAYERS),
            "Kind": shown["kind"].map(kind_label),
            f"Status in {sel.year}": shown["status_in_year"].map(status_label),
            "Announced": _years(shown, "announced"),
            "Construction": _years(shown, "construction_start"),
            "Opened / held": _years(shown, "opened"),
            "Length reported (km)": _numbers(shown["length_km"]),
            "Length drawn (km)": _numbers(shown["length_km_computed"]),
            "Countries": shown["countries"].map(", ".join),
            "Source": shown["sources"].map(lambda s: s[0] if s else MISSING),
        }
    )


def render(shown: pd.DataFrame, sel: Selection) -> None:
    """Every feature on the map with its first source."""
    st.dataframe(
        features_table(shown, sel),
        hide_index=True,
        width="stretch",
        column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")},
    )
    st.caption(
        "Every feature and trade figure is cited; provenance, licences and known gaps are in "
        "geodata/README.md. Outlines: Natural Earth (public domain)."
    )

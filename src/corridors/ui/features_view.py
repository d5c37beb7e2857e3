"""The Features tab: every feature on the map, with its first source."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corridors.config import COUNTRIES
from corridors.i18n import Tr
from corridors.kinds import label as kind_label
from corridors.selection import Selection, layer_title
from corridors.status import status_label

MISSING = "—"  # as in the trade tables: a missing figure is shown as missing, not "None"


def _years(frame: pd.DataFrame, column: str) -> pd.Series:
    years = pd.to_numeric(frame[column]).round().astype("Int64")
    return years.map(lambda y: MISSING if pd.isna(y) else str(y))


def _numbers(values: pd.Series, tr: Tr) -> pd.Series:
    return pd.to_numeric(values).map(lambda v: MISSING if pd.isna(v) else tr.number(v))


def features_table(shown: pd.DataFrame, sel: Selection, tr: Tr) -> pd.DataFrame:
    """The features on the map, as a table an analyst can sort and copy (in ``tr``'s
    language; a name the sources give only in English is marked "(EN)")."""
    names = [tr.name(row) for row in shown.to_dict("records")]
    return pd.DataFrame(
        {
            tr("Name"): [name + (" (EN)" if fallback else "") for name, fallback in names],
            tr("Layer"): shown["layer"].map(lambda x: layer_title(x, tr)),
            tr("Kind"): shown["kind"].map(lambda k: kind_label(k, tr)),
            tr("Status in {year}").format(year=sel.year): shown["status_in_year"].map(
                lambda s: status_label(s, tr)
            ),
            tr("Announced"): _years(shown, "announced"),
            tr("Construction"): _years(shown, "construction_start"),
            tr("Opened / held"): _years(shown, "opened"),
            tr("Length reported (km)"): _numbers(shown["length_km"], tr),
            tr("Length drawn (km)"): _numbers(shown["length_km_computed"], tr),
            tr("Countries"): shown["countries"].map(
                lambda cs: tr.list([tr.country(c, COUNTRIES.get(c)) for c in cs])
            ),
            tr("Source"): shown["sources"].map(lambda s: s[0] if s else MISSING),
        }
    )


def render(shown: pd.DataFrame, sel: Selection, tr: Tr) -> None:
    """Every feature on the map with its first source."""
    st.dataframe(
        features_table(shown, sel, tr),
        hide_index=True,
        width="stretch",
        column_config={
            tr("Source"): st.column_config.LinkColumn(tr("Source"), display_text=tr("source"))
        },
    )
    st.caption(
        tr(
            "Every feature and trade figure is cited; provenance, licences and known gaps are "
            "in geodata/README.md. Outlines: Natural Earth (public domain)."
        )
    )

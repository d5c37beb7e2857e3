"""The Features tab: every feature of the view with its sources (title, publisher, date,
host), and the table as a CSV a reader can take away."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from corridors.citation import Registry, citation_text, sources_of
from corridors.config import COUNTRIES
from corridors.i18n import Tr, translator
from corridors.kinds import label as kind_label
from corridors.selection import Selection, layer_title
from corridors.status import status_label
from corridors.tables import csv_bytes, table_filename
from corridors.tables import features_table as features_csv_table
from corridors.ui import cache

#: A link's shown text: its host (Streamlit shows a regular expression's first group).
HOST_OF_URL = r"https?://(?:www\.)?([^/?#]+)"

MISSING = "—"  # as in the trade tables: a missing figure is shown as missing, not "None"


def _years(frame: pd.DataFrame, column: str) -> pd.Series:
    years = pd.to_numeric(frame[column]).round().astype("Int64")
    return years.map(lambda y: MISSING if pd.isna(y) else str(y))


def _numbers(values: pd.Series, tr: Tr) -> pd.Series:
    return pd.to_numeric(values).map(lambda v: MISSING if pd.isna(v) else tr.number(v))


def features_table(
    shown: pd.DataFrame, sel: Selection, tr: Tr, registry: Registry | None = None
) -> pd.DataFrame:
    """The features on the map, as a table an analyst can sort and copy (in ``tr``'s
    language; a name the sources give only in English is marked "(EN)"), each with its
    sources told by title, publisher, date and host (``registry``), the first a link."""
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
            tr("Sources"): shown["sources"].map(
                lambda urls: "; ".join(citation_text(s, tr) for s in sources_of(urls, registry))
            ),
        }
    )


def render(key: cache.DataKey, sel: Selection, lang: str) -> None:
    """Every feature of the view with its sources, and the table as CSV."""
    tr = translator(lang)
    registry = cache.dataset(key).registry()
    st.dataframe(
        features_table(cache.feature_rows(key, sel, lang), sel, tr, registry),
        hide_index=True,
        width="stretch",
        column_config={
            tr("Source"): st.column_config.LinkColumn(tr("Source"), display_text=HOST_OF_URL)
        },
    )
    st.download_button(
        tr("Features table (CSV, with sources)"),
        data=partial(features_csv, key, sel, lang),
        file_name=table_filename(sel, "features"),
        mime="text/csv",
        on_click="ignore",
        key="download-features-csv",
    )
    st.caption(
        tr(
            "Every feature and trade figure is cited; provenance, licences and known gaps are "
            "in geodata/README.md. Outlines: Natural Earth (public domain)."
        )
    )


def features_csv(key: cache.DataKey, sel: Selection, lang: str) -> bytes:
    """The features table as CSV (made when the button is clicked): every feature of the
    view, its figures and its sources (title, publisher, date, URL)."""
    return csv_bytes(features_csv_table(cache.view(key, sel, lang)))

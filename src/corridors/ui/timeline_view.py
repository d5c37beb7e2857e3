"""The Timeline tab: every milestone of the selected countries' corridors, oldest first.

Choosing a row jumps the map to that year and centres it on the feature; the milestones
download as CSV with their sources.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import pandas as pd
import streamlit as st

from corridors.config import YEAR_MAX, YEAR_MIN
from corridors.i18n import N_, translator
from corridors.selection import Selection
from corridors.status import ALL_STATUSES
from corridors.tables import csv_bytes, milestones_table, table_filename
from corridors.timeline import timeline_table
from corridors.ui import cache
from corridors.ui.map_view import focus_on

FOCUS_ZOOM = 6
TABLE = "timeline_table"


#: The table's shown columns: stable keys (selection and column order refer to them),
#: headers translated through ``column_config``.
COLUMNS = {
    "date": N_("Date"),
    "feature": N_("Feature"),
    "what": N_("Milestone (the source's words)"),
    "source": N_("Source"),
}


def timeline_rows(key: cache.DataKey, sel: Selection, lang: str) -> pd.DataFrame:
    """The milestones of every feature the selection's countries and layers show by the
    last year, with the columns the table shows."""
    view = cache.view(key, timeline_selection(sel), lang)
    table = timeline_table(view.features, view.tr)
    return pd.DataFrame(
        {
            "date": table["date"].map(view.tr.date),
            "feature": table["feature"],
            "what": table["what"],
            "source": table["source"],
            "_year": table["year"].clip(YEAR_MIN, YEAR_MAX),
            "_lat": table["lat"],
            "_lon": table["lon"],
        }
    )


def timeline_selection(sel: Selection) -> Selection:
    """Whose milestones the tab lists: the selection's countries and layers, every status,
    up to the last year (a corridor planned later still has its past steps)."""
    return replace(sel, year=YEAR_MAX, statuses=ALL_STATUSES)


def milestones_csv(key: cache.DataKey, sel: Selection, lang: str) -> bytes:
    """The tab's milestones as CSV (made when the button is clicked), each with its quote
    and its source's title, publisher, date and URL."""
    return csv_bytes(milestones_table(cache.view(key, timeline_selection(sel), lang)))


def _jump(rows: pd.DataFrame) -> None:
    """Row chosen: go to its year (within the slider's range) and centre on its feature
    (where it has a place)."""
    chosen = st.session_state[TABLE].selection.rows
    if not chosen:
        return
    row = rows.iloc[chosen[0]]
    st.session_state["playing"] = False
    st.session_state["year"] = int(row["_year"])
    if pd.notna(row["_lat"]):  # an event held online has no place to centre on
        focus_on(None, row["_lat"], row["_lon"], FOCUS_ZOOM)


def render(key: cache.DataKey, sel: Selection, lang: str) -> None:
    """The timeline of the selection; a chosen row moves the map."""
    tr = translator(lang)
    st.subheader(tr("Milestones of the corridors shown"))
    rows = timeline_rows(key, sel, lang)
    if rows.empty:
        st.info(tr("No milestone for the selected countries and layers."))
        return
    st.caption(
        tr.ngettext(
            "{n} dated step, from its source. Choose a row to see the map in that year, "
            "centred on the feature (years before {first} show {first}).",
            "{n} dated steps, each from its source. Choose a row to see the map in that year, "
            "centred on the feature (years before {first} show {first}).",
            len(rows),
        ).format(n=len(rows), first=YEAR_MIN)
    )
    st.dataframe(
        rows,
        key=TABLE,
        hide_index=True,
        width="stretch",
        on_select=lambda: _jump(rows),
        selection_mode="single-row",
        column_order=list(COLUMNS),
        column_config={
            **{key: tr(header) for key, header in COLUMNS.items()},
            "source": st.column_config.LinkColumn(tr("Source"), display_text=tr("source")),
        },
    )
    st.download_button(
        tr("Milestones (CSV, with sources)"),
        data=partial(milestones_csv, key, sel, lang),
        file_name=table_filename(sel, "milestones", with_year=False),
        mime="text/csv",
        on_click="ignore",
        key="download-milestones-csv",
    )

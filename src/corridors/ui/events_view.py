"""Summits and meetings by date, each with a button that flies the map to its marker."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from corridors.kinds import EVENT_KINDS
from corridors.kinds import label as kind_label
from corridors.ui.text import md_escape

FOCUS_ZOOM = 7


def events_table(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Summits and meetings, oldest first."""
    if events.empty:
        return events
    rows = events[events["kind"].isin(EVENT_KINDS)]
    return rows.sort_values("date_start") if "date_start" in rows else rows


def render(events: gpd.GeoDataFrame, shown_ids: set[str]) -> None:
    """List the events; 'Show on map' centres the map on the event's marker."""
    st.subheader("Summits and meetings")
    rows = events_table(events)
    if rows.empty:
        st.info("No events in the data.")
        return
    for row in rows.itertuples():
        dates = (
            row.date_start
            if row.date_end == row.date_start
            else f"{row.date_start} – {row.date_end}"
        )
        left, right = st.columns([5, 1])
        with left:
            st.markdown(f"**{dates}** · {kind_label(row.kind)}")
            st.text(row.name)
            if getattr(row, "outcomes", None):
                st.caption(md_escape(str(row.outcomes)))
        with right:
            if st.button(
                "Show on map",
                key=f"focus-{row.id}",
                disabled=row.id not in shown_ids,
                help=None if row.id in shown_ids else "Hidden by the current filters",
            ):
                st.session_state["map_focus"] = {
                    "center": [row.geometry.y, row.geometry.x],
                    "zoom": FOCUS_ZOOM,
                }
                st.rerun()

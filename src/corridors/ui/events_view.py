"""Summits and meetings by date, each with a button that flies the map to its marker."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

from corridors.kinds import EVENT_KINDS
from corridors.kinds import label as kind_label
from corridors.status import NOT_ANNOUNCED, status_in
from corridors.ui.map_view import focus_on
from corridors.ui.text import md_escape

FOCUS_ZOOM = 7


def events_table(events: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Summits and meetings, oldest first."""
    if events.empty:
        return events
    rows = events[events["kind"].isin(EVENT_KINDS)]
    return rows.sort_values("date_start") if "date_start" in rows else rows


def hidden_reason(props: dict, year: int) -> str:
    """Why an event's button is off: not yet announced that year, or the filters."""
    if status_in(props, year) == NOT_ANNOUNCED:
        return f"Not yet announced in {year}: choose a later year to see it on the map."
    return "Hidden by the current filters (countries, layers or status)."


def render(events: gpd.GeoDataFrame, shown_ids: set[str], year: int) -> None:
    """List the events; 'Show on map' brings the map into view, centred on the event, with
    its popup open."""
    st.subheader("Summits and meetings")
    rows = events_table(events)
    if rows.empty:
        st.info("No events in the data.")
        return
    for row, props in zip(rows.itertuples(), rows.to_dict("records"), strict=True):
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
                help=None if row.id in shown_ids else hidden_reason(props, year),
            ):
                focus_on(row.id, row.geometry.y, row.geometry.x, FOCUS_ZOOM)
                st.rerun()
            if row.id not in shown_ids:
                st.caption(hidden_reason(props, year))

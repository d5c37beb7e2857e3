"""Summits and meetings by date, each with a button that flies the map to its marker."""

from __future__ import annotations

from html import escape

import geopandas as gpd
import streamlit as st

from corridors.data.schema import ONLINE
from corridors.i18n import Tr
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


def hidden_reason(props: dict, year: int, tr: Tr) -> str:
    """Why an event's button is off: not yet announced that year, or the filters."""
    if status_in(props, year) == NOT_ANNOUNCED:
        return tr("Not yet announced in {year}: choose a later year to see it on the map.").format(
            year=year
        )
    return tr("Hidden by the current filters (countries, layers or status).")


def held_online(props: dict) -> bool:
    """Whether an event was held online: it has no place, so no marker and no button."""
    return props.get("geometry_precision") == ONLINE


def render(events: gpd.GeoDataFrame, shown_ids: set[str], year: int, tr: Tr) -> None:
    """List the events; 'Show on map' brings the map into view, centred on the event, with
    its popup open; an event held online is said to be so, and has no button. Outcomes
    are the data's own English text, marked so."""
    st.subheader(tr("Summits and meetings"))
    rows = events_table(events)
    if rows.empty:
        st.info(tr("No events in the data."))
        return
    for row, props in zip(rows.itertuples(), rows.to_dict("records"), strict=True):
        dates = (
            tr.date(row.date_start)
            if row.date_end == row.date_start
            else f"{tr.date(row.date_start)} – {tr.date(row.date_end)}"
        )
        name, fallback = tr.name(props)
        online = held_online(props)
        left, right = st.columns([5, 1])
        with left:
            said = [dates, kind_label(row.kind, tr)] + ([tr("online")] if online else [])
            st.markdown(f"**{md_escape(said[0])}** · " + " · ".join(map(md_escape, said[1:])))
            st.text(name + (" (EN)" if fallback else ""))
            if getattr(row, "outcomes", None):
                st.html(
                    f'<div class="outcomes" lang="en" style="color:#666;font-size:14px">'
                    f"{escape(str(row.outcomes))}</div>"
                )
        with right:
            if online:
                st.caption(tr("Held online: not on the map."))
                continue
            reason = None if row.id in shown_ids else hidden_reason(props, year, tr)
            if st.button(
                tr("Show on map"),
                key=f"focus-{row.id}",
                disabled=row.id not in shown_ids,
                help=reason,
            ):
                focus_on(row.id, row.geometry.y, row.geometry.x, FOCUS_ZOOM)
                st.rerun()
            if reason:
                st.caption(reason)

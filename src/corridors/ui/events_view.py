"""Summits and meetings by date: where (or online), what was signed, the pages that say so,
and a button that flies the map to the marker."""

from __future__ import annotations

from html import escape

import geopandas as gpd
import pandas as pd
import streamlit as st

from corridors.citation import Registry, citation_text, sources_of
from corridors.events import events_table, held_online, place_of
from corridors.i18n import Tr
from corridors.kinds import label as kind_label
from corridors.status import NOT_ANNOUNCED, status_in
from corridors.ui.map_view import focus_on
from corridors.ui.text import md_escape, md_link

FOCUS_ZOOM = 7


def hidden_reason(props: dict, year: int, tr: Tr) -> str:
    """Why an event's button is off: not yet announced that year, or the filters."""
    if status_in(props, year) == NOT_ANNOUNCED:
        return tr("Not yet announced in {year}: choose a later year to see it on the map.").format(
            year=year
        )
    return tr("Hidden by the current filters (countries, layers or status).")


def where(props: dict, geom, places: pd.DataFrame, tr: Tr) -> str:
    """Where a meeting was held, in the reader's language: its city, or "online"."""
    if held_online(props):
        return tr("online")
    place = place_of(geom, places)
    if place is None:
        return ""
    name, fallback = tr.name(place)
    return name + (" (EN)" if fallback else "")


def sources_line(urls, registry: Registry | None, tr: Tr) -> str:
    """The event's sources as Markdown links, each told by its title, publisher and date."""
    links = [md_link(citation_text(s, tr), s.url) for s in sources_of(urls, registry)]
    return md_escape(tr("Sources:")) + " " + " · ".join(links) if links else ""


def render(
    events: gpd.GeoDataFrame,
    shown_ids: set[str],
    year: int,
    tr: Tr,
    places: pd.DataFrame | None = None,
    registry: Registry | None = None,
) -> None:
    """List the events, each with its date, kind, place (or "online"), outcomes and sources;
    'Show on map' brings the map into view, centred on the event, with its popup open; an
    event held online is said to be so, and has no button. Outcomes are the data's own
    English text, marked so."""
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
            place = where(props, row.geometry, places if places is not None else pd.DataFrame(), tr)
            said = [dates, kind_label(row.kind, tr)] + ([place] if place else [])
            st.markdown(f"**{md_escape(said[0])}** · " + " · ".join(map(md_escape, said[1:])))
            st.text(name + (" (EN)" if fallback else ""))
            if getattr(row, "outcomes", None):
                st.html(
                    f'<div class="outcomes" lang="en" style="color:#666;font-size:14px">'
                    f"{escape(str(row.outcomes))}</div>"
                )
            cited = sources_line(props.get("sources"), registry, tr)
            if cited:
                with st.expander(tr("Sources ({n})").format(n=len(props.get("sources") or []))):
                    st.markdown(cited)
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

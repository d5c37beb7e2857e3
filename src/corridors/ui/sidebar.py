"""Sidebar: the language switch, then the filters: countries, year, layers, status, basemap.

Countries, layers and statuses are pills, not multiselects: every choice is in sight with
its full name, one click toggles it, and the page is ready sooner (time to map 3.74 ->
3.42 s measured, taking turns on two servers: a multiselect's dropdown costs the browser
about 0.1 s each to set up).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from corridors.config import COUNTRIES, LAYERS, YEAR_MAX, YEAR_MIN
from corridors.i18n import N_
from corridors.selection import layer_title
from corridors.status import status_label
from corridors.ui import language, map_view, playback, state

BASEMAPS = {"outlines": N_("Country outlines (offline)"), "osm": N_("OpenStreetMap tiles (online)")}


def _reset() -> None:
    """Reset filters: every filter, the basemap and the map's view back to a first visit's."""
    state.reset_filters()
    map_view.go_home()


def render(layers: tuple[str, ...] = tuple(LAYERS), *, on_language: Callable[[], None]) -> str:
    """Draw the filters (their values live in session state); return the basemap choice.

    ``layers``: every layer the data has, ours and the user's own (``extra/*.geojson``).
    ``on_language`` runs after the reader switches language.
    """
    tr = language.tr()
    with st.sidebar:
        language.switch(then=on_language)
        st.header(tr("Filters"))
        st.pills(
            tr("Countries"),
            options=list(COUNTRIES),
            format_func=lambda c: f"{tr.country(c, COUNTRIES[c])} ({c})",
            key="countries",
            selection_mode="multi",
            help=tr("A corridor is shown if it touches any selected country."),
        )
        st.slider(
            tr("Year"),
            min_value=YEAR_MIN,
            max_value=YEAR_MAX,
            step=1,
            key="year",
            disabled=playback.is_playing(),
            help=tr("Pause playback to choose a year by hand.") if playback.is_playing() else None,
        )
        playback.controls(tr)
        st.pills(
            tr("Layers"),
            options=list(layers),
            format_func=lambda x: layer_title(x, tr),
            key="layers",
            selection_mode="multi",
        )
        st.pills(
            tr("Status in that year"),
            options=state.status_options(),
            format_func=lambda s: status_label(s, tr),
            key="status",
            selection_mode="multi",
        )
        basemap = st.radio(
            tr("Basemap"),
            options=list(BASEMAPS),
            format_func=lambda b: tr(BASEMAPS[b]),
            key="basemap",
            help=tr("The outlines work offline; tiles need an internet connection."),
        )
        if basemap == "osm":
            st.info(
                tr(
                    "OpenStreetMap tiles load from the internet. Without a connection the map "
                    "stays grey behind the country outlines, which are always drawn."
                ),
                icon=":material/wifi_off:",
            )
        st.button(tr("Reset filters"), key="reset_filters", on_click=_reset, width="stretch")
        st.caption(tr("The page URL always holds these filters: copy it to share this view."))
    return basemap

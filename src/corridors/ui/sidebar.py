"""Sidebar filters: countries, year, layers, status, basemap."""

from __future__ import annotations

import streamlit as st

from corridors.config import COUNTRIES, LAYERS, YEAR_MAX, YEAR_MIN
from corridors.status import ALL_STATUSES, STATUS_LABELS
from corridors.ui import playback, state

BASEMAPS = {"outlines": "Country outlines (offline)", "osm": "OpenStreetMap tiles (online)"}


def render() -> str:
    """Draw the filters (their values live in session state); return the basemap choice."""
    with st.sidebar:
        st.header("Filters")
        st.multiselect(
            "Countries",
            options=list(COUNTRIES),
            format_func=lambda c: f"{COUNTRIES[c]} ({c})",
            key="countries",
            help="A corridor is shown if it touches any selected country.",
        )
        st.slider(
            "Year",
            min_value=YEAR_MIN,
            max_value=YEAR_MAX,
            step=1,
            key="year",
            disabled=playback.is_playing(),
            help="Pause playback to choose a year by hand." if playback.is_playing() else None,
        )
        playback.controls()
        st.multiselect("Layers", options=list(LAYERS), format_func=LAYERS.get, key="layers")
        st.multiselect(
            "Status in that year",
            options=list(ALL_STATUSES),
            format_func=STATUS_LABELS.get,
            key="status",
        )
        basemap = st.radio(
            "Basemap",
            options=list(BASEMAPS),
            format_func=BASEMAPS.get,
            key="basemap",
            help="The outlines work offline; tiles need an internet connection.",
        )
        if basemap == "osm":
            st.info(
                "OpenStreetMap tiles load from the internet. Without a connection the map "
                "stays grey behind the country outlines, which are always drawn.",
                icon=":material/wifi_off:",
            )
        st.button(
            "Reset filters", key="reset_filters", on_click=state.reset_filters, width="stretch"
        )
        st.caption("The page URL always holds these filters: copy it to share this view.")
    return basemap

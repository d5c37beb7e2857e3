"""Find a feature or a place by name: the map centres on it and opens the feature's popup,
or names the place where it is; the URL follows the map there."""

from __future__ import annotations

import streamlit as st

from corridors.feature_index import FeatureIndex, is_place
from corridors.i18n import Tr
from corridors.ui.map_view import focus_on

SEARCH = "feature_search"
FOCUS_ZOOM = 7
#: A place is a point: closer in than a feature, so its name and its neighbours show.
PLACE_ZOOM = 8


def _jump(index: FeatureIndex) -> None:
    """A name was chosen: fly to it (a feature's popup opens, a place is named where it
    is); the box empties for the next one."""
    key = st.session_state.get(SEARCH)
    if key in index.places:
        lat, lon = index.places[key]
        if is_place(key):
            focus_on(None, lat, lon, PLACE_ZOOM, place=index.names.get(key, ""))
        else:
            focus_on(key, lat, lon, FOCUS_ZOOM)
    st.session_state[SEARCH] = None


def render(index: FeatureIndex, tr: Tr) -> None:
    """A search box over the features on the map now and the gazetteer's places (``index``:
    see :mod:`corridors.feature_index`)."""
    labels = index.labels
    if not labels:
        return
    st.selectbox(
        tr("Find a feature or a place"),
        options=list(labels),
        format_func=labels.get,
        index=None,
        placeholder=tr("Find a feature ({features}) or a place ({places}) on the map…").format(
            features=index.feature_count, places=index.place_count
        ),
        key=SEARCH,
        on_change=_jump,
        args=(index,),
        label_visibility="collapsed",
    )

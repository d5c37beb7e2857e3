"""Find a feature by name: the map centres on it and opens its popup."""

from __future__ import annotations

import streamlit as st

from corridors.feature_index import FeatureIndex
from corridors.i18n import Tr
from corridors.ui.map_view import focus_on

SEARCH = "feature_search"
FOCUS_ZOOM = 7


def _jump(places: dict[str, tuple[float, float]]) -> None:
    """A name was chosen: fly to it and open its popup; the box empties for the next one."""
    fid = st.session_state.get(SEARCH)
    if fid in places:
        lat, lon = places[fid]
        focus_on(fid, lat, lon, FOCUS_ZOOM)
    st.session_state[SEARCH] = None


def render(index: FeatureIndex, tr: Tr) -> None:
    """A search box over the features on the map now (``index``: see
    :mod:`corridors.feature_index`)."""
    labels = index.labels
    if not labels:
        return
    st.selectbox(
        tr("Find a feature"),
        options=list(labels),
        format_func=labels.get,
        index=None,
        placeholder=tr.ngettext(
            "Find the {n} feature on the map…",
            "Find one of the {n} features on the map…",
            len(labels),
        ).format(n=len(labels)),
        key=SEARCH,
        on_change=_jump,
        args=(index.places,),
        label_visibility="collapsed",
    )

"""Find a feature by name: the map centres on it and opens its popup."""

from __future__ import annotations

import streamlit as st

from corridors.i18n import LANGUAGES, NAME_KEYS
from corridors.ui.map_view import focus_on
from corridors.view import View

SEARCH = "feature_search"
FOCUS_ZOOM = 7


def _jump(places: dict[str, tuple[float, float]]) -> None:
    """A name was chosen: fly to it and open its popup; the box empties for the next one."""
    fid = st.session_state.get(SEARCH)
    if fid in places:
        lat, lon = places[fid]
        focus_on(fid, lat, lon, FOCUS_ZOOM)
    st.session_state[SEARCH] = None


def render(view: View) -> None:
    """A search box over the features on the map now: each listed by its name in the
    reader's language, with its other names after it, so any of the three finds it."""
    shown = view.features
    if shown.empty:
        return
    tr = view.tr
    names = {}
    places = {}
    for row, geom in zip(shown.to_dict("records"), shown.geometry, strict=True):
        own = tr.name(row)[0]
        others = " · ".join(
            n
            for n in (row.get(NAME_KEYS[lang]) for lang in LANGUAGES)
            if isinstance(n, str) and n != own
        )
        names[row["id"]] = f"{own} ({others})" if others else own
        point = geom.representative_point()
        places[row["id"]] = (point.y, point.x)
    st.selectbox(
        tr("Find a feature"),
        options=sorted(names, key=names.get),
        format_func=names.get,
        index=None,
        placeholder=tr.ngettext(
            "Find the {n} feature on the map…",
            "Find one of the {n} features on the map…",
            len(names),
        ).format(n=len(names)),
        key=SEARCH,
        on_change=_jump,
        args=(places,),
        label_visibility="collapsed",
    )

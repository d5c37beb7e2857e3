"""Find a feature by name: the map centres on it and opens its popup."""

from __future__ import annotations

import streamlit as st

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
    """A search box over the features on the map now (names in English, Chinese, Russian)."""
    shown = view.features
    if shown.empty:
        return
    names = {}
    places = {}
    for row, geom in zip(shown.to_dict("records"), shown.geometry, strict=True):
        others = " · ".join(
            n for n in (row.get("name_zh"), row.get("name_ru")) if isinstance(n, str)
        )
        names[row["id"]] = f"{row['name']} ({others})" if others else row["name"]
        point = geom.representative_point()
        places[row["id"]] = (point.y, point.x)
    st.selectbox(
        "Find a feature",
        options=sorted(names, key=names.get),
        format_func=names.get,
        index=None,
        placeholder=f"Find one of the {len(names)} features on the map…",
        key=SEARCH,
        on_change=_jump,
        args=(places,),
        label_visibility="collapsed",
    )

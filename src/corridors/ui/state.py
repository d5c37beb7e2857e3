"""The selection in the sidebar widgets and in the URL, kept in step.

The URL is read once per session (first run) into the widgets' state; after that the
widgets are the truth and the URL is rewritten from them on every run, so a copied URL
always reopens the view on screen.
"""

from __future__ import annotations

import streamlit as st

from corridors.config import YEAR_MAX
from corridors.selection import Selection, parse_query, to_query


def init_from_url(default_year: int) -> list[str]:
    """On a session's first run, seed the widgets from the URL; return notices to show."""
    if st.session_state.get("_url_read"):
        return st.session_state.get("_url_notices", [])
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    sel, notices = parse_query(params, default_year=default_year)
    seed_widgets(sel)
    st.session_state["_default_year"] = default_year
    st.session_state["_url_read"] = True
    st.session_state["_url_notices"] = notices
    return notices


def seed_widgets(sel: Selection) -> None:
    """Put a selection into the filter widgets' state (before they are drawn)."""
    st.session_state["countries"] = list(sel.countries)
    st.session_state["year"] = sel.year
    st.session_state["layers"] = list(sel.layers)
    st.session_state["status"] = list(sel.statuses)


def reset_filters() -> None:
    """Every filter back to its default (a button callback: runs before the widgets)."""
    seed_widgets(Selection(year=st.session_state.get("_default_year", YEAR_MAX)))
    st.session_state["playing"] = False


def selection_from_widgets() -> Selection:
    """The selection the widgets hold now."""
    return Selection(
        countries=tuple(st.session_state["countries"]),
        year=int(st.session_state["year"]),
        layers=tuple(st.session_state["layers"]),
        statuses=tuple(st.session_state["status"]),
    )


def write_url(sel: Selection) -> None:
    """Put the selection into the URL (only when it changed, to keep history quiet)."""
    wanted = to_query(sel)
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)

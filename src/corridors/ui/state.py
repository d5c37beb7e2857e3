"""The selection in the sidebar widgets and in the URL, kept in step.

The URL is read once per session (first run) into the widgets' state; after that the
widgets are the truth and the URL is rewritten from them on every run, so a copied URL
always reopens the view on screen.
"""

from __future__ import annotations

import streamlit as st

from corridors.config import LAYERS, YEAR_MAX
from corridors.i18n import translator
from corridors.selection import (
    LANG_KEY,
    MapView,
    Selection,
    parse_lang_query,
    parse_query,
    parse_view_query,
    to_query,
    view_query,
)
from corridors.status import ALL_STATUSES, UNDATED
from corridors.ui import language

#: Session keys: the extent the map opened on (fixed until a reset or a new language), and
#: the last one the map reported.
OPENING_EXTENT, MAP_BBOX = "_opening_extent", "_map_bbox"
#: The basemap a first visit opens on (the offline outlines; ``sidebar.BASEMAPS``).
DEFAULT_BASEMAP = "outlines"
#: Set on a first run whose URL names countries but no extent: the map opens fitted to them.
FIT_COUNTRIES = "_fit_countries"


def init_from_url(default_year: int, layers: tuple[str, ...] = tuple(LAYERS)) -> list[str]:
    """On a session's first run, seed the widgets from the URL; return notices to show.

    The language comes first (the URL's, else the browser's), so every other notice is
    in it; the notices are worded again in the reader's language on every run, so a
    switch of language translates them too.
    """
    if not st.session_state.get("_url_read"):
        params = _url_params()
        lang = init_language()
        sel, _ = parse_query(params, default_year, translator(lang), layers)
        view, _ = parse_view_query(params)
        st.session_state["_layers"] = layers
        seed_widgets(sel)
        st.session_state["basemap"] = view.basemap
        st.session_state[OPENING_EXTENT] = view.bbox
        st.session_state[MAP_BBOX] = view.bbox
        # ?countries=KGZ,UZB opens on those countries, as choosing them in the sidebar does.
        st.session_state[FIT_COUNTRIES] = view.bbox is None and set(sel.countries) != set(
            Selection().countries
        )
        st.session_state["_default_year"] = default_year
        st.session_state["_url_read"] = True
        st.session_state["_url_params"] = params
    return url_notices(st.session_state["_url_params"], default_year, layers)


def _url_params() -> dict[str, list[str]]:
    """Every URL query parameter with all its values (repeats are noticed by the parsers)."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def init_language() -> str:
    """The session's language: on its first run, the URL's, else the browser's."""
    if language.KEY not in st.session_state:
        params = _url_params()
        st.session_state[language.KEY] = parse_lang_query(params, language.browser_default())[0]
    return st.session_state[language.KEY]


def url_notices(params: dict, default_year: int, layers: tuple[str, ...]) -> list[str]:
    """What was wrong with the URL the session opened on, in the reader's language now."""
    tr = language.tr()
    notices = parse_lang_query(params)[1]
    notices += parse_query(params, default_year, tr, layers)[1]
    return notices + parse_view_query(params, tr)[1]


def reopen_at_current_extent() -> None:
    """The next map drawn from scratch (a new language) opens where the map is now."""
    st.session_state[OPENING_EXTENT] = st.session_state.get(MAP_BBOX)


def wants_countries_fit() -> bool:
    """Whether this session's map should open fitted to the URL's countries (asked once)."""
    return bool(st.session_state.pop(FIT_COUNTRIES, False))


def open_on(extent: tuple[float, float, float, float]) -> None:
    """The map opens fitted to ``extent`` (as a change of countries fits it)."""
    st.session_state[OPENING_EXTENT] = extent


def seed_widgets(sel: Selection) -> None:
    """Put a selection into the filter widgets' state (before they are drawn)."""
    st.session_state["countries"] = list(sel.countries)
    st.session_state["year"] = sel.year
    st.session_state["layers"] = list(sel.layers)
    st.session_state["status"] = [s for s in sel.statuses if s in status_options()]


def status_options() -> list[str]:
    """The statuses the filter offers: "undated" only when the user's own layers are there."""
    own = len(st.session_state.get("_layers", LAYERS)) > len(LAYERS)
    return [s for s in ALL_STATUSES if s != UNDATED or own]


def reset_filters() -> None:
    """Every filter back to its default, the basemap and the map's extent too, as a first
    visit opens (a button callback: runs before the widgets). The map is moved home by the
    caller (``map_view.go_home``); the URL drops its extent until the map reports the new one.
    """
    layers = st.session_state.get("_layers", tuple(LAYERS))
    default = Selection(year=st.session_state.get("_default_year", YEAR_MAX), layers=layers)
    seed_widgets(default)
    st.session_state["playing"] = False
    st.session_state["basemap"] = DEFAULT_BASEMAP
    st.session_state[OPENING_EXTENT] = None
    st.session_state[MAP_BBOX] = None
    # Going home is the fit: not also a fit to the six countries on this run.
    st.session_state["_last_countries"] = default.countries


def selection_from_widgets() -> Selection:
    """The selection the widgets hold now."""
    return Selection(
        countries=tuple(st.session_state["countries"]),
        year=int(st.session_state["year"]),
        layers=tuple(st.session_state["layers"]),
        statuses=tuple(st.session_state["status"]),
    )


def opening_extent() -> tuple[float, float, float, float] | None:
    """The extent this session's map opened on (a shared URL's), or None for the default."""
    return st.session_state.get(OPENING_EXTENT)


def opens_on_default_view(basemap: str) -> bool:
    """Whether this session's map opens as a first visit's does (its extent and basemap),
    and so loads the same base map file."""
    return opening_extent() is None and basemap == DEFAULT_BASEMAP


def map_view() -> MapView:
    """The map's extent (as last reported by the map) and basemap, for the URL."""
    return MapView(st.session_state.get(MAP_BBOX), st.session_state.get("basemap", DEFAULT_BASEMAP))


def note_map_extent(bbox: tuple[float, float, float, float] | None) -> None:
    """The map reported where it is (a fragment run): keep it, and put it in the URL.

    The whole URL is written from the widgets' state, not just the extent: a fragment run
    that only updated ``bbox`` on top of what it last saw could put back a filter the
    page's own run had just changed.
    """
    if bbox is None or bbox == st.session_state.get(MAP_BBOX):
        return
    st.session_state[MAP_BBOX] = bbox
    write_url(selection_from_widgets())


def countries_changed(sel: Selection) -> bool:
    """Whether the countries differ from the last run's (never on a session's first run)."""
    last = st.session_state.get("_last_countries")
    st.session_state["_last_countries"] = sel.countries
    return last is not None and last != sel.countries


def write_url(sel: Selection) -> None:
    """Put the selection and the map's view into the URL (only when they changed, to keep
    the history quiet)."""
    wanted = {**to_query(sel), **view_query(map_view()), LANG_KEY: language.current()}
    current = {key: st.query_params.get(key) for key in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)

"""The map: a stable base map plus the selection's layer groups, and the view's downloads.

Only the layer groups change with the filters, so streamlit-folium swaps them inside the
live map: the user's pan and zoom survive a filter change. The map runs in a fragment:
panning reruns only the fragment (to learn the extent the exports use), not the page.
"""

from __future__ import annotations

import json
from dataclasses import replace
from html import escape
from typing import Any

import streamlit as st

from corridors.render.leaflet import LiveSource
from corridors.selection import Selection, SelectionError, check_bbox
from corridors.timeline import milestones_in
from corridors.ui import cache, downloads, fonts, language, live_files
from corridors.ui import state as url_state
from corridors.ui.folium_component import (
    BaseStrings,
    base_strings,
    layer_strings,
    preloads,
    show_map,
)

MAP_HEIGHT = 620
#: Room kept for three lines of the year's milestones above the map (in lines, not pixels:
#: a 64-px box cut its third line in half), so the map does not jump as captions change
#: length; a longer caption (a phone, Russian names) grows the box, never clips it.
CAPTION_MIN_LINES = 3
#: The year's milestones named above the map (2012 has eight: the map would drop by seven
#: lines in that year of playback); the Timeline tab lists them all.
CAPTION_MILESTONES = 3
#: Secondary text on white: 5.7:1 (WCAG AA asks 4.5:1; the #888 it replaces gave 3.5:1).
QUIET_TEXT = "#666666"


def bbox_from_bounds(bounds: Any) -> tuple[float, float, float, float] | None:
    """Leaflet's bounds as a bbox clipped to the globe; None when absent or unusable."""
    try:
        sw, ne = bounds["_southWest"], bounds["_northEast"]
        bbox = (
            max(float(sw["lng"]), -180.0),
            max(float(sw["lat"]), -90.0),
            min(float(ne["lng"]), 180.0),
            min(float(ne["lat"]), 90.0),
        )
        check_bbox(bbox)
    except (KeyError, TypeError, ValueError, SelectionError):
        return None
    return bbox


FOCUS = "map_focus"


def focus_on(
    feature_id: str | None, lat: float, lon: float, zoom: int, place: str | None = None
) -> None:
    """Centre the map on a point on the next run, bring it into view, and open the
    feature's popup if one is named, or name the ``place`` there."""
    _set_focus(center=[lat, lon], zoom=zoom, feature_id=feature_id, place=place, scroll=True)


def fit_to(extent: tuple[float, float, float, float]) -> None:
    """Fit the live map to an extent on this run (the page is not scrolled)."""
    minlon, minlat, maxlon, maxlat = extent
    _set_focus(bounds=[[minlat, minlon], [maxlat, maxlon]], scroll=False)


def go_home() -> None:
    """Move the live map to the view a first visit opens on (Reset filters)."""
    _set_focus(home=True, scroll=False)


def _set_focus(**focus) -> None:
    """Replace the pending focus; a new nonce makes the map act on it once."""
    nonce = st.session_state.get(FOCUS, {}).get("nonce", 0) + 1
    st.session_state[FOCUS] = {**focus, "nonce": nonce}


def focus_script(focus: dict | None, lang: str) -> str:
    """The call that gives the live map its focus and the page its language
    (``corridorsExtras.focus`` in ``render/js/extras.js``), appended to the layers' script.

    Done in the map's own script, not in a helper frame, to save a frame load on every
    change of countries (~0.1 s measured). The latest focus stays in the script (the map
    acts on a nonce once), so a rerun with no new focus leaves the script unchanged and the
    live map is not touched.
    """
    return f";window.corridorsExtras.focus({json.dumps(focus)}, {json.dumps(lang)});"


def clear_focus() -> None:
    """Forget the focus: a map drawn anew (another language) must not act on an old one."""
    st.session_state.pop(FOCUS, None)


def _base(key: cache.DataKey, basemap: str, lang: str) -> tuple[BaseStrings, LiveSource]:
    """The session's base map and the library it fetches: one place, so the files the
    page preloads are the very ones the map then loads."""
    source = live_files.source(key, lang)
    return base_strings(key, basemap, lang, url_state.opening_extent(), source), source


def files(key: cache.DataKey, basemap: str) -> list[dict[str, str]]:
    """The files the map will load, for the page to ask for early (see
    ``ui/js/preload.js``): the same base map and library :func:`render` draws with."""
    base, source = _base(key, basemap, language.current())
    return preloads(base, source.url)


def render(key: cache.DataKey, sel: Selection, basemap: str) -> None:
    """The map in a fragment (it reruns alone on a pan), then the download buttons outside
    it, which export whatever the map shows when clicked."""
    shown = downloads.on_screen(sel)
    st.fragment(_live_map)(key, sel, basemap)
    downloads.render(key, shown)


def _live_map(key: cache.DataKey, sel: Selection, basemap: str) -> None:
    """Draw the map of the current view, note its extent.

    ``key`` comes from the page's run, so a pan (a fragment rerun) draws the same data the
    rest of the page shows, without fingerprinting the folder again.
    """
    lang = language.current()
    year_caption(key, sel, lang)
    focus = st.session_state.get(FOCUS)
    state = show_map(
        _base(key, basemap, lang)[0],
        layer_strings(key, sel, lang) + focus_script(focus, lang),
        key="map",
        height=MAP_HEIGHT,
        returned_objects=["bounds"],
        center=focus.get("center") if focus else None,
        zoom=focus.get("zoom") if focus else None,
    )
    bbox = bbox_from_bounds((state or {}).get("bounds"))
    url_state.note_map_extent(bbox)
    shown = replace(sel, bbox=bbox) if bbox else sel
    downloads.on_screen(shown)
    downloads.extent_caption(shown)


def year_caption(key: cache.DataKey, sel: Selection, lang: str) -> None:
    """The year on the map, large, and what happened on the map that year (at least
    :data:`CAPTION_MIN_LINES` lines high, so the map seldom jumps as captions change length).

    What happened is the data's English text: marked ``lang="en"``, so the page says so.
    The box is a named region; it grows with its text (nothing to scroll, so no tab stop).
    """
    view = cache.view(key, sel, lang)
    said = milestones_in(view.features, sel.year, view.tr)
    with st.container(border=False, key="year_caption"):
        lines = "; ".join(
            f'<span lang="en">{escape(m.what)}</span> (<i>{escape(m.feature_name)}</i>)'
            for m in said[:CAPTION_MILESTONES]
        )
        if len(said) > CAPTION_MILESTONES:  # the rest are in the Timeline tab
            more = len(said) - CAPTION_MILESTONES
            tail = view.tr.ngettext("and {n} more", "and {n} more", more).format(n=more)
            lines += "; " + escape(tail)
        none = escape(view.tr("no milestone on the map"))
        note = ""
        if lines and lang != "en":  # say that the words are the sources', not ours
            words = escape(view.tr("in English, as the sources word it"))
            note = f' <span style="color:{QUIET_TEXT};font-size:.85em">({words})</span>'
        name = escape(view.tr("Milestones on the map in {year}").format(year=sel.year))
        room = f"min-height:{CAPTION_MIN_LINES * 1.6}em"  # Streamlit's line height: 1.6
        # The names' italics in the upright face, slanted: no second font file to fetch.
        style = fonts.oblique_css(".st-key-year_caption i")
        st.html(
            f'{style}<div role="region" aria-label="{name}" style="{room}">'
            f"<b>{sel.year}</b> · {lines or none}{note}</div>"
        )

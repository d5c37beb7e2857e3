"""The dashboard page: wires the filters, the URL and the views to the domain modules."""

from __future__ import annotations

import streamlit as st

from corridors import trade
from corridors.config import LAYERS
from corridors.selection import Selection, countries_extent, describe_countries
from corridors.status import status_label
from corridors.ui import (
    cache,
    events_view,
    features_view,
    map_view,
    playback,
    problems_view,
    search,
    sidebar,
    state,
    timeline_view,
    trade_view,
)
from corridors.ui.text import md_escape

#: Multiselects show every chosen value instead of scrolling them out of sight; wide
#: tables scroll sideways on a phone instead of being cut off.
PAGE_CSS = """<style>
[data-testid="stMultiSelect"] div { max-height: none !important; }
[data-testid="stTable"] { overflow-x: auto; }
</style>"""

TABS = ["Trade", "Trade over time", "Timeline", "Events", "Features and sources"]


def caption(sel: Selection) -> str:
    """One line saying what the page shows."""
    countries = describe_countries(sel, every="all six countries")
    return f"{sel.year} · {countries} · {len(sel.layers)} of {len(LAYERS)} layers"


def status_summary(counts: dict[str, int]) -> str:
    """How many features are drawn, by status."""
    if not counts:
        return "No feature matches these filters."
    parts = [f"{n} {status_label(s).lower()}" for s, n in sorted(counts.items())]
    return f"Showing {sum(counts.values())} features: " + ", ".join(parts) + "."


def main() -> None:
    """Render the whole page for the current session."""
    key = cache.current_key()
    ds = cache.dataset(key)
    notices = state.init_from_url(trade.default_year(ds.trade))
    playback.apply_pending_year()
    basemap = sidebar.render()
    sel = state.selection_from_widgets()
    if state.countries_changed(sel):
        # A change of countries fits the map to them, even after the user has moved it:
        # choosing countries is asking to see them.
        map_view.fit_to(countries_extent(ds.outlines, sel.countries))
    state.write_url(sel)

    st.html(PAGE_CSS)
    st.title("Corridors: China and Central Asia")
    st.caption(caption(sel))
    for notice in notices:
        st.warning(md_escape(notice), icon="⚠️")
    problems_view.render(ds.problems)

    shown = cache.map_data(key, sel)
    st.markdown(status_summary(shown.status_counts))
    search.render(cache.view(key, sel))
    map_view.render(key, sel, basemap)

    # Lazy tabs: only the open tab runs and is sent. The dataframe grid and the Vega chart
    # cost the browser over a second to set up, which otherwise delays the map itself.
    tabs = st.tabs(TABS, key="tab", on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            trade_view.render(cache.trade_data(key, sel.countries, sel.year), sel)
    if tabs[1].open:
        with tabs[1]:
            trade_view.render_chart(cache.trade_data(key, sel.countries, sel.year), sel)
    if tabs[2].open:
        with tabs[2]:
            timeline_view.render(key, sel)
    if tabs[3].open:
        with tabs[3]:
            events_view.render(ds.layers["events"], set(shown.ids), sel.year)
    if tabs[4].open:
        with tabs[4]:
            features_view.render(cache.feature_rows(key, sel), sel)

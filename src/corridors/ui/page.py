"""The dashboard page: wires the filters, the URL and the views to the domain modules."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from corridors import trade
from corridors.config import COUNTRIES, LAYERS, YEAR_MAX
from corridors.selection import Selection
from corridors.styles import KIND_LABELS, status_label
from corridors.ui import cache, events_view, map_view, problems_view, sidebar, state, trade_view
from corridors.ui.text import md_escape

TABS = ["Trade", "Trade over time", "Events", "Features and sources"]


def caption(sel: Selection) -> str:
    """One line saying what the page shows."""
    if len(sel.countries) == len(COUNTRIES):
        countries = "all six countries"
    else:
        countries = ", ".join(COUNTRIES[c] for c in sel.countries) or "no country"
    return f"{sel.year} · {countries} · {len(sel.layers)} of {len(LAYERS)} layers"


def status_summary(view: dict) -> str:
    """How many features are drawn, by status."""
    counts = view["status_counts"]
    if not counts:
        return "No feature matches these filters."
    parts = [f"{n} {status_label(s).lower()}" for s, n in sorted(counts.items())]
    return f"Showing {sum(counts.values())} features: " + ", ".join(parts) + "."


def _years(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column]).round().astype("Int64")


def features_table(shown: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    """The features on the map, as a table an analyst can sort and copy."""
    return pd.DataFrame(
        {
            "Name": shown["name"],
            "Layer": shown["layer"].map(LAYERS),
            "Kind": shown["kind"].map(KIND_LABELS),
            f"Status in {sel.year}": shown["status_in_year"].map(status_label),
            "Announced": _years(shown, "announced"),
            "Construction": _years(shown, "construction_start"),
            "Opened / held": _years(shown, "opened"),
            "Length reported (km)": shown["length_km"],
            "Length drawn (km)": shown["length_km_computed"].round(0),
            "Countries": shown["countries"].map(", ".join),
            "Source": shown["sources"].map(lambda s: s[0] if s else None),
        }
    )


def main() -> None:
    """Render the whole page for the current session."""
    root, fp = cache.current_key()
    ds = cache.dataset(root, fp)
    notices = state.init_from_url(trade.latest_full_year(ds.trade) or YEAR_MAX)
    basemap = sidebar.render()
    sel = state.selection_from_widgets()
    state.write_url(sel)

    st.title("Corridors: China and Central Asia")
    st.caption(caption(sel))
    for notice in notices:
        st.warning(md_escape(notice), icon="⚠️")
    problems_view.render(ds.problems)

    view = cache.view(root, fp, sel)
    st.markdown(status_summary(view))
    map_view.render(root, fp, sel, basemap)

    # Lazy tabs: only the open tab runs and is sent. The dataframe grid and the Vega chart
    # cost the browser over a second to set up, which otherwise delays the map itself.
    tabs = st.tabs(TABS, key="tab", on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            trade_view.render(cache.trade_view(root, fp, sel.countries, sel.year), sel)
    if tabs[1].open:
        with tabs[1]:
            trade_view.render_chart(cache.trade_view(root, fp, sel.countries, sel.year), sel)
    if tabs[2].open:
        with tabs[2]:
            events_view.render(ds.layers["events"], set(view["ids"]))
    if tabs[3].open:
        with tabs[3]:
            render_features(cache.features_table(root, fp, sel), sel)


def render_features(shown: pd.DataFrame, sel: Selection) -> None:
    """The features tab: every feature on the map with its first source."""
    st.dataframe(
        features_table(shown, sel),
        hide_index=True,
        width="stretch",
        column_config={"Source": st.column_config.LinkColumn("Source", display_text="source")},
    )
    st.caption(
        "Every feature and trade figure is cited; provenance, licences and known gaps are in "
        "geodata/README.md. Outlines: Natural Earth (public domain)."
    )

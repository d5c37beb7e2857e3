"""The dashboard page: wires the filters, the URL and the views to the domain modules."""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from corridors import trade
from corridors.config import LAYERS
from corridors.i18n import N_, Tr
from corridors.selection import Selection, countries_extent, describe_countries
from corridors.status import status_label
from corridors.ui import (
    cache,
    events_view,
    features_view,
    first_visit,
    language,
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

#: Wide tables scroll sideways on a phone instead of being cut off; on a phone the title is
#: smaller (in Russian it took three lines and pushed the map below the fold). On a phone a
#: table's text is smaller, its first column (the country) stays in place while the rest
#: scrolls, and a shadow at the right edge says there is more: the trade table's last
#: columns were cut off with nothing to say so (seven columns do not fit 288 px in Russian).
PAGE_CSS = """<style>
[data-testid="stTable"] { overflow-x: auto; }
@media (max-width: 640px) {
  .stApp h1 { font-size: 1.6rem !important; padding-top: 0; }
  [data-testid="stTableStyledTable"] { font-size: .8rem; }
  [data-testid="stTableStyledTable"] th, [data-testid="stTableStyledTable"] td {
    padding: .3rem .35rem; }
  [data-testid="stTableStyledTable"] tr > :first-child {
    position: sticky; left: 0; z-index: 1; background: #fff;
    box-shadow: 1px 0 0 rgba(49, 51, 63, .1); }
  div:has(> [data-testid="stTableStyledTable"]) {
    background: linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)) right / 24px 100%
      no-repeat local, radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, .25),
      transparent) right / 12px 100% no-repeat scroll; }
}
</style>"""
#: The page's own scripts: scroll boxes a keyboard can reach (Streamlit's wide tables);
#: the map's files asked for early.
PAGE_JS = "\n".join(
    (Path(__file__).with_name("js") / name).read_text(encoding="utf-8")
    for name in ("scrollboxes.js", "preload.js")
)

TABS = [
    N_("Trade"),
    N_("Trade over time"),
    N_("Timeline"),
    N_("Events"),
    N_("Features and sources"),
]


def caption(sel: Selection, tr: Tr, total_layers: int = len(LAYERS)) -> str:
    """One line saying what the page shows."""
    countries = describe_countries(sel, tr, every=tr("all six countries"))
    layers = tr("{shown} of {total} layers").format(shown=len(sel.layers), total=total_layers)
    return f"{sel.year} · {countries} · {layers}"


def status_summary(counts: dict[str, int], tr: Tr) -> str:
    """How many features are drawn, by status."""
    if not counts:
        return tr("No feature matches these filters.")
    parts = [
        tr("{count} {status}").format(count=n, status=status_label(s, tr).lower())
        for s, n in sorted(counts.items())
    ]
    total = sum(counts.values())
    head = tr.ngettext("Showing {n} feature: {parts}.", "Showing {n} features: {parts}.", total)
    return head.format(n=total, parts=tr.list(parts))


def language_switched() -> None:
    """A new language draws a new map (its words are baked in): it opens where the reader
    was, and does not act again on a focus the old map already acted on."""
    state.reopen_at_current_extent()
    map_view.clear_focus()


#: Set by the documented server (``deploy/nginx.conf.template``) on the session's socket:
#: it lets browsers keep the map's digest-named files, so the copy the page preloads is
#: the one the map's frame then reads. Streamlit's own server (``make run``) sends them
#: with no lifetime, and the frame fetched each a second time (one reader on their own
#: machine has no round trips to save).
FILES_KEPT_HEADER = "X-Corridors-Files-Kept"


def files_kept() -> bool:
    """Whether this session came through a server that lets browsers keep the map's files."""
    return st.context.headers.get(FILES_KEPT_HEADER) == "1"


def main() -> None:
    """Render the whole page for the current session."""
    key = cache.current_key()
    state.init_language()
    tr = language.tr()
    with st.spinner(tr("Loading geodata…")):
        ds = cache.dataset(key)
    notices = state.init_from_url(trade.default_year(ds.trade), ds.layer_ids)
    lang = language.current()
    st.set_page_config(page_title=tr("Corridors: China–Central Asia"))
    playback.apply_pending_year()
    basemap = sidebar.render(ds.layer_ids, on_language=language_switched)
    sel = state.selection_from_widgets()
    if state.countries_changed(sel):
        # A change of countries fits the map to them, even after the user has moved it:
        # choosing countries is asking to see them.
        map_view.fit_to(countries_extent(ds.outlines, sel.countries))
    if state.wants_countries_fit():  # a URL's countries: the map opens on them
        state.open_on(countries_extent(ds.outlines, sel.countries))
    state.write_url(sel)

    # The page's first element names the map's files, so the browser fetches them while
    # it sets up the rest of the page (a value in a call, never code made from data).
    files = map_view.files(key, basemap) if files_kept() else []
    if files and state.opens_on_default_view(basemap):  # and nginx's copy names them sooner
        first_visit.note(lang, files)
    preload = json.dumps(files).replace("</", "<\\/")
    st.html(
        f"{PAGE_CSS}<script>{PAGE_JS}\nwindow.corridorsPreload({preload});</script>",
        unsafe_allow_javascript=True,
    )
    st.title(tr("Corridors: China and Central Asia"))
    st.caption(caption(sel, tr, len(ds.layer_ids)))
    for notice in notices:
        st.warning(md_escape(notice), icon="⚠️")
    problems_view.render(ds.problems, tr)

    shown = cache.map_data(key, sel, lang)
    st.markdown(status_summary(shown.status_counts, tr))
    # The search box sits above the map but is filled after it: on a filter change its
    # index is built after the map's script has gone out, not before.
    search_slot = st.container()
    map_view.render(key, sel, basemap)
    with search_slot:
        search.render(cache.feature_index(key, sel, lang), tr)

    # Lazy tabs: only the open tab runs and is sent. The dataframe grid and the Vega chart
    # cost the browser over a second to set up, which otherwise delays the map itself.
    tabs = st.tabs([tr(t) for t in TABS], key="tab", on_change="rerun")
    if tabs[0].open:
        with tabs[0]:
            trade_view.render(cache.trade_data(key, sel.countries, sel.year, lang), sel, tr)
    if tabs[1].open:
        with tabs[1]:
            trade_view.render_chart(cache.trade_charts(key, sel.countries, sel.year, lang), sel, tr)
    if tabs[2].open:
        with tabs[2]:
            timeline_view.render(key, sel, lang)
    if tabs[3].open:
        with tabs[3]:
            events_view.render(
                ds.layers["events"],
                set(shown.ids),
                sel.year,
                tr,
                places=ds.place_names(),
                registry=ds.registry(),
            )
    if tabs[4].open:
        with tabs[4]:
            features_view.render(key, sel, lang)
    playback.clock()  # last: the page is drawn in this year before playback moves on

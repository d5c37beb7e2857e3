"""streamlit-folium's component, fed with map strings rendered once and cached.

``st_folium`` renders every folium element on every rerun (about 0.2 s here, most of it
Jinja compiling templates). Our base map never changes and the layer groups change only
with the selection, so each is rendered once through streamlit-folium's own helpers, the
strings are cached, and the component is called with the arguments ``st_folium`` would
send. This leans on streamlit-folium internals, so the version is pinned (0.27.4) and
tests/test_app.py checks the arguments the component receives.

The base map's script (about 200 KB) is not one of those arguments: it is a published file
(:mod:`corridors.ui.published`), wrapped in a function, and the argument is the one line
that calls it, where the script itself would have run. So the base map reaches the browser
once, not with every rerun, and a returning reader's browser has it already. The same file
carries Leaflet and the map's scripts (:func:`corridors.ui.assets.bundle`): the frame loads
its script links one after another, a round trip each, so before the map there are two
requests in a row (this file, then the library of features it fetches), not four.
(Preloading separate files instead saved no time on a slow line, where the bytes are
what counts, and Chromium fetched preloaded scripts twice from a server that sends them
without a cache lifetime, as Streamlit's does.)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import folium
import streamlit as st
import streamlit_folium as sf

from corridors.data.loader import Dataset
from corridors.i18n import translator
from corridors.render.assets import AssetLinks
from corridors.render.geojson import choropleth_collection
from corridors.render.leaflet import LiveSource, base_map, layer_groups
from corridors.selection import REGION_BBOX, Selection
from corridors.ui import assets, cache, live_files, published

#: The base map's file defines this function; the component's script argument calls it.
BASE_FUNCTION = "corridorsBaseMap"
#: The map's frame, relative to the page (Streamlit serves a component's files under
#: ``component/<name>/``); the URLs of the map's files are relative to it.
FRAME = f"component/{sf._component_func.name}/index.html"


@dataclass(frozen=True)
class BaseStrings:
    """The base map as the component wants it: script (the call of the map's file),
    header, html, id, and the name of the map's published file (Leaflet, the map's
    scripts and the base map)."""

    script: str
    header: str
    html: str
    id: str
    file: str

    def js_links(self) -> list[str]:
        """The frame's one script link (made each run: that declares the published
        folder, which lasts one script run)."""
        return [published.url(self.file)]


def base_file_text(script: str) -> str:
    """The map's file: Leaflet and the map's scripts, then the base map's script as a
    function the component's script calls, so it runs where it did as an argument (after
    the map's header is in) and its variables stay its own. It returns the map, which
    streamlit-folium expects in the global ``map_div``."""
    return (
        f"{assets.bundle()}\n"
        f"window.{BASE_FUNCTION} = function () {{\n{script}\nreturn map_div;\n}};\n"
    )


def base_call(file: str) -> str:
    """The component's script argument: call the base map's function. The file's name
    (its digest) is in it, so the component's key changes whenever the base map does
    and a new base map (another language) gets a new frame."""
    return f"var map_div = window.{BASE_FUNCTION}(); // {file}\n"


def _render_base(
    ds: Dataset,
    basemap: str,
    lang: str,
    extent: Extent | None,
    live: LiveSource,
) -> folium.Map:
    m = base_map(
        ds.outlines,
        AssetLinks(js=(), css=()),  # Leaflet comes in the map's file
        extent or REGION_BBOX,
        basemap=basemap,
        neighbours=ds.neighbours,
        narrow_default=extent is None,
        places=ds.place_names(),
        own_layers=bool(ds.own_layers),
        tr=translator(lang),
        live=live,
    )
    m.get_root().render()
    return m


Extent = tuple[float, float, float, float]


@st.cache_data(show_spinner=False, max_entries=16)
def base_strings(
    key: cache.DataKey,
    basemap: str,
    lang: str,
    extent: Extent | None,
    live: LiveSource,
) -> BaseStrings:
    """The base map in ``lang`` as the component's script, header, html and map's file.

    ``extent`` is the session's opening extent (from a shared URL); it stays the same for
    the whole session, so the script does not change and the live map keeps the user's view.
    ``live`` is the library the map fetches its features from (one per dataset and language).
    """
    m = _render_base(cache.dataset(key), basemap, lang, extent, live)
    text = base_file_text(sf._get_map_string(m))
    file = published.publish(f"map-{lang}", ".js", text.encode("utf-8"))
    return BaseStrings(
        script=base_call(file),
        header=sf._get_header(m),
        html=sf._get_html(m),
        id=sf.get_full_id(m),
        file=file,
    )


@st.cache_data(show_spinner=False, max_entries=256)
def layer_strings(key: cache.DataKey, sel: Selection, lang: str) -> str:
    """The selection's part of the live map, as the component's JS string: the trade
    choropleth's group (if chosen; small, and its figures are the year's) and the codes
    that show the selection's features from the library the base map fetched.

    No layer control: the sidebar is the one switch for layers, so the map, the URL, the
    caption and the exports can never disagree about what is shown.
    """
    script = ""
    if "trade" in sel.layers:
        view = cache.view(key, sel, lang)
        (group,) = layer_groups({"trade": choropleth_collection(view)}, view.tr)
        # A bare map names the group's parent: streamlit-folium swaps in "map_div".
        script = sf._get_feature_group_string(group, map=folium.Map(tiles=None), idx=0)
        script += ";window.corridorsLive.under([feature_group_feature_group_0]);"
    return script + live_files.show_script(key, sel, lang)


@functools.cache
def frame_script() -> str:
    """streamlit-folium's script, as its frame's page names it (relative to the frame)."""
    page = Path(sf._component_func.path, "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script[^>]*\ssrc="(?:\./)?([^"]+\.js)"', page)
    if not found:
        raise RuntimeError(f"no script in streamlit-folium's {page[:80]!r}…")
    return found.group(1)


def preloads(base: BaseStrings, features_url: str) -> list[dict[str, str]]:
    """The files the map's frame will load, one after another, as the page can ask for
    them at once (``ui/js/preload.js``): streamlit-folium's script, the map's file and
    the library of features, relative to the page. ``view``: the file holds the opening
    view (the base map), so another view loads another one."""
    return [
        {"href": urljoin(FRAME, frame_script()), "as": "script"},
        *({"href": urljoin(FRAME, url), "as": "script", "view": True} for url in base.js_links()),
        {"href": urljoin(FRAME, features_url), "as": "fetch"},
    ]


def show_map(
    base: BaseStrings,
    layers: str,
    key: str,
    height: int,
    returned_objects: list[str],
    center: list[float] | None = None,
    zoom: int | None = None,
) -> Any:
    """Render the component; return what it reports (only ``returned_objects``)."""
    return sf._component_func(
        script=base.script,
        header=base.header,
        html=base.html,
        id=base.id,
        key=sf.generate_js_hash(base.script, key, False),
        height=height,
        width=None,  # the container's width
        returned_objects=returned_objects,
        default={name: None for name in returned_objects},
        zoom=zoom,
        center=center,
        feature_group=layers,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=[],  # Leaflet's CSS comes in the map's file
        js_links=base.js_links(),
        wrap_longitude=False,
    )

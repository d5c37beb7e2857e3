"""Serve Leaflet and the map's own scripts through Streamlit's own component server.

Streamlit's static folder serves .js and .css as text/plain (browsers refuse to run
them), but a declared component's folder is served with real content types. Declaring
one over ``node_modules/leaflet/dist`` and one over ``render/js`` gives the map iframe
same-origin URLs for Leaflet and for our scripts (loaded after it, in order).
"""

from __future__ import annotations

import streamlit.components.v1 as components

from corridors.render.assets import AssetLinks, leaflet_dir, served_links
from corridors.render.scripts import JS_DIR, JS_FILES


def register() -> AssetLinks:
    """Register the asset folders (each run: registration is per script run) and link them."""
    leaflet = components.declare_component("leaflet", path=str(leaflet_dir()))
    scripts = components.declare_component("mapjs", path=str(JS_DIR))
    # Relative to the streamlit-folium iframe at /component/<its name>/index.html, so it
    # also works under a server.baseUrlPath.
    links = served_links(f"../{leaflet.name}")
    ours = tuple(f"../{scripts.name}/{name}" for name in JS_FILES)
    return AssetLinks(js=(*links.js, *ours), css=links.css)

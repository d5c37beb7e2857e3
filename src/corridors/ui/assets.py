"""Serve Leaflet and the map's own scripts through Streamlit's own component server.

Streamlit's static folder serves .js and .css as text/plain (browsers refuse to run
them), but a declared component's folder is served with real content types. Declaring
one over ``node_modules/leaflet/dist`` gives the map iframe same-origin URLs for Leaflet.
The map's scripts (``render/js/``, five files) are served as one file written once per
process and named by its digest: the map's frame loads its scripts one after another, so
five files would cost five round trips before the map draws, and a changed script gets a
new name, never a stale cached one.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from functools import cache
from pathlib import Path

import streamlit.components.v1 as components

from corridors.render.assets import AssetLinks, leaflet_dir, served_links
from corridors.render.scripts import inline_scripts


@cache
def scripts_file() -> Path:
    """The map's scripts as one file in a folder of this process (removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="corridors-js-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    text = inline_scripts()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    path = folder / f"corridors-{digest}.js"
    path.write_text(text, encoding="utf-8")
    return path


def register() -> AssetLinks:
    """Register the asset folders (each run: registration is per script run) and link them."""
    leaflet = components.declare_component("leaflet", path=str(leaflet_dir()))
    ours = scripts_file()
    scripts = components.declare_component("mapjs", path=str(ours.parent))
    # Relative to the streamlit-folium iframe at /component/<its name>/index.html, so it
    # also works under a server.baseUrlPath.
    links = served_links(f"../{leaflet.name}")
    return AssetLinks(js=(*links.js, f"../{scripts.name}/{ours.name}"), css=links.css)

"""Serve Leaflet and the map's own scripts through Streamlit's own component server.

Streamlit's static folder serves .js and .css as text/plain (browsers refuse to run
them), but a declared component's folder is served with real content types. The map's
frame loads its scripts one after another, each a round trip before the map draws (150 ms
each on a phone network), so Leaflet, its stylesheet and the map's scripts (``render/js/``)
are one file, written once per process and named by its digest: a changed script gets a
new name, never a stale cached one, and a server in front may let browsers keep it for
good (``deploy/nginx.conf.template``). Leaflet's CSS comes inside it, with its images as
data URIs (the same as a standalone file's), added to the frame's head when it runs.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import shutil
import tempfile
from functools import cache
from pathlib import Path

import streamlit.components.v1 as components

from corridors.render.assets import AssetLinks, inline_css, inline_js
from corridors.render.scripts import inline_scripts


def bundle() -> str:
    """Leaflet, its stylesheet and the map's scripts, as one script."""
    style = (
        "(function(){var s=document.createElement('style');"
        f"s.textContent={json.dumps(inline_css())};document.head.appendChild(s);}})();"
    )
    return "\n".join((inline_js(), style, inline_scripts()))


@cache
def scripts_file() -> Path:
    """The bundle as one file in a folder of this process (removed at exit)."""
    folder = Path(tempfile.mkdtemp(prefix="corridors-js-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    text = bundle()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    path = folder / f"corridors-{digest}.js"
    path.write_text(text, encoding="utf-8")
    return path


def register() -> AssetLinks:
    """Register the bundle's folder (each run: registration is per script run), link it."""
    ours = scripts_file()
    scripts = components.declare_component("mapjs", path=str(ours.parent))
    # Relative to the streamlit-folium iframe at /component/<its name>/index.html, so it
    # also works under a server.baseUrlPath.
    return AssetLinks(js=(f"../{scripts.name}/{ours.name}",), css=())

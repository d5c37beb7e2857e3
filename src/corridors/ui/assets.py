"""Leaflet, its stylesheet and the map's own scripts, as one script for the live map.

The map's frame loads its script links one after another, each a round trip before the
map draws (150 ms each on a phone network), so Leaflet, its CSS and the map's scripts
(``render/js/``) travel in one file with the base map (:mod:`corridors.ui.folium_component`
publishes it, named by its digest: a changed script gets a new name, never a stale cached
one, and a server in front may let browsers keep it for good). Leaflet's CSS comes inside
it, with its images as data URIs (as a standalone file has them), added to the frame's head
when the file runs.
"""

from __future__ import annotations

import json
from functools import cache

from corridors.render.assets import inline_css, inline_js
from corridors.render.scripts import inline_scripts


@cache
def bundle() -> str:
    """Leaflet, its stylesheet and the map's scripts, as one script (read once per
    process: after editing a script, restart the server)."""
    style = (
        "(function(){var s=document.createElement('style');"
        f"s.textContent={json.dumps(inline_css())};document.head.appendChild(s);}})();"
    )
    return "\n".join((inline_js(), style, inline_scripts()))

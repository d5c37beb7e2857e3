"""The map's own JavaScript: real files in ``render/js/``, one per concern.

The live map loads them as files (served beside Leaflet, see :mod:`corridors.ui.assets`);
a standalone HTML export inlines them, so it opens offline. Python passes them values only,
as JSON in a call (``corridorsExtras.fitView(map, {...})``), never by formatting code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

#: The folder of the map's scripts (package data).
JS_DIR = Path(__file__).with_name("js")
#: In load order: popups and layers first (the others call them when they run).
JS_FILES: tuple[str, ...] = ("popups.js", "layers.js", "live.js", "labels.js", "extras.js")


@cache
def inline_scripts() -> str:
    """Every script of the map, one after the other, for a standalone file's page."""
    return "\n".join((JS_DIR / name).read_text(encoding="utf-8") for name in JS_FILES)

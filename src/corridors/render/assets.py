"""Front-end assets (Leaflet) from the pinned npm package, never from a CDN.

``make setup`` runs ``npm ci``, which puts Leaflet into ``node_modules/leaflet/dist``.
The dashboard serves it in one file with the map's scripts (:mod:`corridors.ui.assets`);
the standalone HTML export inlines it.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from corridors.config import REPO_ROOT

ASSETS_ENV = "CORRIDORS_ASSETS_DIR"
JS_FILE = "leaflet.js"
CSS_FILE = "leaflet.css"


class AssetsMissing(FileNotFoundError):
    """Leaflet is not installed where we look; the message says how to install it."""


@dataclass(frozen=True)
class AssetLinks:
    """Where the page loads its JS and CSS from (URLs served by the app itself)."""

    js: tuple[str, ...]
    css: tuple[str, ...]


def leaflet_dir() -> Path:
    """The folder holding ``leaflet.js`` and ``leaflet.css``."""
    folder = Path(os.environ.get(ASSETS_ENV) or REPO_ROOT / "node_modules" / "leaflet" / "dist")
    if not (folder / JS_FILE).is_file():
        raise AssetsMissing(
            f"Leaflet not found in {folder}: run `make setup` (npm ci) to install the pinned "
            "front-end packages"
        )
    return folder


@cache
def inline_js() -> str:
    """Leaflet's JS, to inline into a standalone HTML file."""
    return (leaflet_dir() / JS_FILE).read_text(encoding="utf-8")


@cache
def inline_css() -> str:
    """Leaflet's CSS with its images as data URIs, so nothing is fetched from disk or net."""
    folder = leaflet_dir()
    css = (folder / CSS_FILE).read_text(encoding="utf-8")

    def to_data_uri(match: re.Match[str]) -> str:
        path = folder / match.group(1)
        if not path.is_file():
            return match.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", to_data_uri, css)

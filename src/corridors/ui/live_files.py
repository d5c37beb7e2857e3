"""The live map's library file: written once per dataset and language, served by the app.

The library (:mod:`corridors.render.live`) is a gzip file published beside the base map
(:mod:`corridors.ui.published`: a folder of this process, served like Leaflet). Its name
is its digest, so a changed dataset gets a new file and never a stale one. A ``.gz``
file is served as ``application/gzip``, which the server does not compress again: it is
compressed once, when written, not on every page load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from corridors.i18n import translator
from corridors.render import live
from corridors.render.leaflet import LiveSource
from corridors.selection import Selection
from corridors.ui import cache as data_cache
from corridors.ui import published


@dataclass(frozen=True)
class Library:
    """One library file: its name in the folder, its digest, and the dataset's index
    labels in the library's order (a selection's codes follow it)."""

    name: str
    digest: str
    order: tuple[Any, ...]


@st.cache_resource(show_spinner=False, max_entries=12)
def library(key: data_cache.DataKey, lang: str) -> Library:
    """Build, pack and publish the library of ``key``'s dataset in ``lang`` (once)."""
    ds = data_cache.dataset(key)
    features = ds.features()
    data = live.pack(live.library(features, translator(lang), ds.registry()))
    name = published.publish(f"features-{lang}", ".json.gz", data)
    return Library(name, published.digest(data), tuple(live.library_order(features)))


def source(key: data_cache.DataKey, lang: str) -> LiveSource:
    """Where this run's map fetches the library from (relative to the streamlit-folium
    frame, like the Leaflet assets: baseUrlPath-proof)."""
    lib = library(key, lang)
    return LiveSource(url=published.url(lib.name), digest=lib.digest)


@st.cache_data(show_spinner=False, max_entries=256)
def show_script(key: data_cache.DataKey, sel: Selection, lang: str) -> str:
    """The selection's codes as the live map's script (10 KB for 10,000 features)."""
    lib = library(key, lang)
    view = data_cache.view(key, sel, lang)
    codes = live.visibility_codes(list(lib.order), view.features)
    return live.show_script(lib.digest, sel.year, codes)

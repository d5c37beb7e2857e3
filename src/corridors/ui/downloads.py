"""Download buttons: the current view (filters, layers and map extent) in every format.

Files are made only when a button is clicked (deferred ``data``), so panning the map or
changing a filter never pays for rendering six files nobody asked for.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from corridors.export import FORMATS, MIME, export_view, filename
from corridors.selection import Selection
from corridors.ui import cache

LABELS = {
    "png": "PNG",
    "svg": "SVG",
    "pdf": "PDF",
    "html": "HTML (interactive)",
    "geojson": "GeoJSON",
    "csv": "Trade CSV",
}


def export_bytes(root: str, fp: cache.Fingerprint, sel: Selection, fmt: str) -> bytes:
    """The file for one format (called when its button is clicked)."""
    return export_view(cache.dataset(root, fp), sel, fmt).data


def render(root: str, fp: cache.Fingerprint, sel: Selection) -> None:
    """One button per format, for ``sel`` (its bbox is the map extent on screen)."""
    extent = sel.extent
    where = "the map extent on screen" if sel.bbox else "the whole region"
    st.caption(
        f"Download this view ({where}: {extent[0]:.1f}–{extent[2]:.1f}°E, "
        f"{extent[1]:.1f}–{extent[3]:.1f}°N). PNG is 1600×1000 px; the command line "
        "`corridors export --print` makes a 300 dpi version."
    )
    for column, fmt in zip(st.columns(len(FORMATS)), FORMATS, strict=True):
        column.download_button(
            LABELS[fmt],
            data=partial(export_bytes, root, fp, sel, fmt),
            file_name=filename(sel, fmt),
            mime=MIME[fmt],
            on_click="ignore",
            key=f"download-{fmt}",
            width="stretch",
        )

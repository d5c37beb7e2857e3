"""Download buttons: the current view (filters, layers and map extent) in every format.

Files are made only when a button is clicked (deferred ``data``), so panning the map or
changing a filter never pays for rendering six files nobody asked for.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from corridors.export import FORMATS, export_view, filename
from corridors.render.paper import PRINT_PRESET, StaticOptions
from corridors.selection import Selection
from corridors.ui import cache


def export_bytes(key: cache.DataKey, sel: Selection, fmt: str) -> bytes:
    """The file for one format (called when its button is clicked)."""
    return export_view(cache.view(key, sel), fmt).data


def render(key: cache.DataKey, sel: Selection) -> None:
    """One button per format, for ``sel`` (its bbox is the map extent on screen)."""
    extent = sel.extent
    where = "the map extent on screen" if sel.bbox else "the whole region"
    size = StaticOptions()
    statics = "/".join(f.label for f in FORMATS.values() if f.static)
    st.caption(
        f"Download this view ({where}: {extent[0]:.1f}–{extent[2]:.1f}°E, "
        f"{extent[1]:.1f}–{extent[3]:.1f}°N). {statics} are {size.width_px}×{size.height_px} "
        f"px; the command line `corridors export --print` makes a {PRINT_PRESET.dpi} dpi version."
    )
    for column, fmt in zip(st.columns(len(FORMATS)), FORMATS.values(), strict=True):
        column.download_button(
            fmt.label,
            data=partial(export_bytes, key, sel, fmt.name),
            file_name=filename(sel, fmt.name),
            mime=fmt.mime,
            on_click="ignore",
            key=f"download-{fmt.name}",
            width="stretch",
        )

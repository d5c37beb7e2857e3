"""Exports of a view: PNG, SVG, PDF (static), standalone HTML, GeoJSON and CSV.

All formats start from the same :func:`corridors.selection.select_features`, so the
features in every file are the ones the dashboard shows for that selection. Files are
written to a temporary name and renamed, so a failure never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import folium
import geopandas as gpd
import pandas as pd

from corridors import trade
from corridors.assets import AssetLinks, inline_css, inline_js
from corridors.loader import Dataset
from corridors.maps import build_map
from corridors.selection import Selection, select_features

if TYPE_CHECKING:
    from corridors.static_map import StaticOptions

STATIC_FORMATS = ("png", "svg", "pdf")
FORMATS = (*STATIC_FORMATS, "html", "geojson", "csv")
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "geojson": "application/geo+json",
    "csv": "text/csv",
}
NATURAL_EARTH = "Natural Earth"


@dataclass(frozen=True)
class Export:
    """An export's bytes and the feature ids it contains."""

    data: bytes
    ids: tuple[str, ...]
    mime: str
    filename: str


def filename(sel: Selection, fmt: str) -> str:
    """A name that says what the file shows."""
    countries = "all" if len(sel.countries) == 6 else "-".join(sel.countries).lower()
    return f"corridors-{sel.year}-{countries}.{fmt}"


def attribution(selected: gpd.GeoDataFrame, limit: int = 6) -> str:
    """Short names (web hosts) of the sources behind the features drawn, plus the outlines."""
    hosts = [
        urlparse(url).netloc.removeprefix("www.")
        for sources in selected.get("sources", [])
        for url in sources
    ]
    counted = pd.Series(hosts, dtype=object).value_counts()
    names = list(counted.index[:limit])
    more = len(counted) - len(names)
    text = "; ".join([NATURAL_EARTH, *names])
    return text + (f"; and {more} more" if more > 0 else "")


def geojson_bytes(selected: gpd.GeoDataFrame) -> bytes:
    """The selected features with all their properties and sources, RFC 7946."""
    frame = selected.drop(columns=["length_ratio"], errors="ignore")
    doc = json.loads(frame.to_json(na="drop", drop_id=True, to_wgs84=True))
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def csv_bytes(trade_df: pd.DataFrame, sel: Selection) -> bytes:
    """The trade table of the view (China's figures, US$), one row per selected country."""
    table = trade.trade_table(trade_df, sel.countries, sel.year)
    table.insert(0, "year", sel.year)
    table["sources"] = table["sources"].map(" ".join)
    return table.to_csv(index=False).encode("utf-8")


def html_bytes(
    selected: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame, values: dict, sel: Selection
) -> bytes:
    """One HTML file with Leaflet inlined: opens offline in any browser."""
    m = build_map(selected, outlines, values, sel, AssetLinks(js=(), css=()))
    header = m.get_root().header
    header.add_child(folium.Element(f"<style>{inline_css()}</style>"), name="leaflet_css", index=0)
    header.add_child(folium.Element(f"<script>{inline_js()}</script>"), name="leaflet_js", index=1)
    title = f"China–Central Asia corridors, {sel.year}"
    header.add_child(folium.Element(f"<title>{title}</title>"), name="title")
    return m.get_root().render().encode("utf-8")


def export_view(
    ds: Dataset,
    sel: Selection,
    fmt: str,
    options: StaticOptions | None = None,
    made: date | None = None,
) -> Export:
    """Render the view of ``sel`` in ``fmt``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    selected = select_features(ds.features(), sel)
    ids = tuple(selected["id"])
    values = trade.choropleth_values(ds.trade, sel.year)
    if fmt in STATIC_FORMATS:
        # Imported here: matplotlib adds ~0.5 s to the dashboard's cold start otherwise, and
        # only a static export needs it.
        from corridors.static_map import StaticOptions, render_static

        data, drawn = render_static(
            selected,
            ds.outlines,
            values,
            sel,
            fmt,
            options or StaticOptions(),
            attribution(selected),
            made,
        )
        ids = tuple(drawn)
    elif fmt == "html":
        data = html_bytes(selected, ds.outlines, values, sel)
    elif fmt == "geojson":
        data = geojson_bytes(selected)
    else:
        data = csv_bytes(ds.trade, sel)
        ids = ()
    return Export(data, ids, MIME[fmt], filename(sel, fmt))


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""Exports of a view: PNG, SVG, PDF (static), standalone HTML, GeoJSON and CSV.

Every format is one :class:`Format` record in :data:`FORMATS` (name, MIME type, button
label, whether it is a static map, and its writer); the dashboard's buttons and the
command line's choices are read from it. Every writer takes the same
:class:`~corridors.view.View`, so the features in every file are the ones the dashboard
shows for that selection. Files are written to a temporary name and renamed, so a failure
never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import folium
import geopandas as gpd
import pandas as pd

from corridors.citation import sources_of
from corridors.config import COUNTRIES, YEAR_MAX, YEAR_MIN, YEAR_PROPERTIES
from corridors.data.package import CC_BY
from corridors.i18n import N_, Tr, translator
from corridors.render.assets import AssetLinks, inline_css, inline_js
from corridors.render.leaflet import build_map
from corridors.render.paper import StaticOptions, credits_line, title_lines
from corridors.render.scripts import inline_scripts
from corridors.selection import Selection, to_query
from corridors.tables import DRAWN_DIGITS
from corridors.trade_csv import trade_csv
from corridors.values import is_number, present, source_host
from corridors.view import View

NATURAL_EARTH = "Natural Earth"
#: A writer turns a view into file bytes and the ids of the features in the file.
Writer = Callable[[View, StaticOptions, date | None], tuple[bytes, tuple[str, ...]]]


@dataclass(frozen=True)
class Format:
    """One export format: everything the exporter, the CLI and the buttons need to know."""

    name: str
    mime: str
    label: str
    static: bool
    write: Writer
    #: File name suffixes (without the dot) that mean this format; the first is the default.
    suffixes: tuple[str, ...] = ()
    #: An animation takes one view per year (see :func:`export_animation`), not one view.
    animated: bool = False

    def __post_init__(self) -> None:
        if not self.suffixes:
            object.__setattr__(self, "suffixes", (self.name,))


@dataclass(frozen=True)
class Export:
    """An export's bytes and the feature ids it contains."""

    data: bytes
    ids: tuple[str, ...]
    mime: str
    filename: str


def filename(sel: Selection, fmt: str) -> str:
    """A name that says what the file shows (the whole trade series: its years)."""
    countries = "all" if len(sel.countries) == len(COUNTRIES) else "-".join(sel.countries).lower()
    record = FORMATS.get(fmt)
    suffix = record.suffixes[0] if record else fmt
    if fmt == "trade-series":
        return f"corridors-trade-{YEAR_MIN}-{YEAR_MAX}-{countries}.{suffix}"
    return f"corridors-{sel.year}-{countries}.{suffix}"


def attribution(selected: gpd.GeoDataFrame, limit: int = 6, tr: Tr | None = None) -> str:
    """Short names (web hosts) of the sources behind the features drawn, plus the outlines."""
    tr = tr or translator()
    hosts = [source_host(url) for sources in selected.get("sources", []) for url in sources]
    counted = pd.Series(hosts, dtype=object).value_counts()
    names = list(counted.index[:limit])
    more = len(counted) - len(names)
    text = "; ".join([NATURAL_EARTH, *names])
    tail = "; " + tr.ngettext("and {n} more", "and {n} more", more).format(n=more)
    return text + (tail if more > 0 else "")


def _property(key: str, value: Any) -> Any:
    """A property as JSON writes it: whole years as integers (pandas holds a column with
    gaps as floats: 1991.0), the drawn length to 0.1 km, numpy numbers as Python's."""
    if key in YEAR_PROPERTIES and is_number(value):
        return int(value)
    if key == "length_km_computed" and is_number(value):
        return round(float(value), DRAWN_DIGITS)
    return value.item() if hasattr(value, "item") else value


def cited_urls(features: gpd.GeoDataFrame) -> list[str]:
    """Every page the features cite (sources, milestones, names), once, in order."""
    urls: dict[str, None] = {}
    for row in features.drop(columns="geometry").to_dict("records"):
        urls.update(dict.fromkeys(str(u) for u in row.get("sources") or []))
        steps = row.get("milestones")
        for step in steps if isinstance(steps, list) else []:
            if isinstance(step, dict) and step.get("source"):
                urls[str(step["source"])] = None
        names = row.get("name_sources")
        urls.update(
            dict.fromkeys(str(u) for u in (names if isinstance(names, dict) else {}).values())
        )
    return list(urls)


def geojson_metadata(view: View, made: date | None = None) -> dict[str, Any]:
    """What a reader of the file needs to cite and reproduce it (an RFC 7946 foreign
    member): the selection, the date made, the licence, and each cited page once, with
    the title, publisher and date the sources registry gives it."""
    sel = view.selection
    sources = [
        {k: v for k, v in vars(s).items() if v}
        for s in sources_of(cited_urls(view.features), view.registry)
    ]
    return {
        "title": title_lines(view, StaticOptions())[0],
        "selection": {
            "countries": list(sel.countries),
            "year": sel.year,
            "layers": list(sel.layers),
            "statuses": list(sel.statuses),
            "bbox": list(sel.bbox) if sel.bbox else None,
            "query": urlencode(to_query(sel), safe=","),
        },
        "created": (made or date.today()).isoformat(),
        "license": dict(CC_BY),
        "attribution": "Corridors (this compilation); facts from the pages listed in sources",
        "sources": sources,
    }


def geojson_bytes(view: View, made: date | None = None) -> bytes:
    """The view's features with all their properties and sources, RFC 7946; an event held
    online has ``"geometry": null``. ``metadata`` says what the file shows and how to
    cite it."""
    frame = view.features.drop(columns=["length_ratio"], errors="ignore")
    features = [
        {
            "type": "Feature",
            "properties": {k: _property(k, v) for k, v in row.items() if present(v)},
            "geometry": None if geom is None or geom.is_empty else geom.__geo_interface__,
        }
        for row, geom in zip(
            frame.drop(columns="geometry").to_dict("records"), frame.geometry, strict=True
        )
    ]
    doc = {
        "type": "FeatureCollection",
        "metadata": geojson_metadata(view, made),
        "features": features,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def csv_bytes(view: View) -> bytes:
    """The trade table of the view's year: one row per selected country, both sides of
    each flow, units in the headers (:mod:`corridors.trade_csv`)."""
    return trade_csv(view.trade_table)


def series_csv_bytes(view: View) -> bytes:
    """The same for every year the map plays: the whole series of the selected countries."""
    return trade_csv(view.trade_history())


def html_bytes(view: View, options: StaticOptions | None = None, made: date | None = None) -> bytes:
    """One HTML file with Leaflet inlined: opens offline in any browser.

    It carries the static map's title block, legend and credits.
    """
    lines = title_lines(view, options or StaticOptions())
    credits = credits_line(attribution(view.features, tr=view.tr), made or date.today(), view.tr)
    m = build_map(view, AssetLinks(js=(), css=()), title=lines, credits=credits)
    header = m.get_root().header
    header.add_child(folium.Element(f"<style>{inline_css()}</style>"), name="leaflet_css", index=0)
    header.add_child(folium.Element(f"<script>{inline_js()}</script>"), name="leaflet_js", index=1)
    header.add_child(
        folium.Element(f"<script>{inline_scripts()}</script>"), name="corridors_js", index=2
    )
    header.add_child(folium.Element(f"<title>{escape(lines[0])}</title>"), name="title")
    page = m.get_root().render()
    # The reader's language on the page, so browsers and screen readers read it as such.
    page = page.replace("<html>", f'<html lang="{view.lang}">', 1)
    return page.encode("utf-8")


def _write_static(
    fmt: str, view: View, options: StaticOptions, made: date | None
) -> tuple[bytes, tuple[str, ...]]:
    # Imported here: matplotlib adds ~0.5 s to the dashboard's cold start otherwise, and
    # only a static export needs it.
    from corridors.render.static import render_static

    data, drawn = render_static(view, fmt, options, attribution(view.features, tr=view.tr), made)
    return data, tuple(drawn)


def _write_gif(views: list[View], options: StaticOptions, made: date | None, seconds: float):
    from corridors.render.animation import render_gif  # matplotlib and Pillow: lazily

    together = pd.concat([v.features for v in views])
    data, drawn = render_gif(views, options, attribution(together, tr=views[0].tr), made, seconds)
    return data, tuple(drawn)


def _write_html(view: View, options: StaticOptions, made: date | None):
    return html_bytes(view, options, made), tuple(view.on_map["id"])


def _write_geojson(view: View, options: StaticOptions, made: date | None):
    return geojson_bytes(view, made), view.ids


def _write_csv(view: View, options: StaticOptions, made: date | None):
    return csv_bytes(view), ()


def _write_series_csv(view: View, options: StaticOptions, made: date | None):
    return series_csv_bytes(view), ()


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("png", "image/png", "PNG", True, partial(_write_static, "png")),
        Format("svg", "image/svg+xml", "SVG", True, partial(_write_static, "svg")),
        Format("pdf", "application/pdf", "PDF", True, partial(_write_static, "pdf")),
        Format("html", "text/html", N_("HTML (interactive)"), False, _write_html, ("html", "htm")),
        Format(
            "geojson", "application/geo+json", "GeoJSON", False, _write_geojson, ("geojson", "json")
        ),
        Format("csv", "text/csv", N_("Trade CSV, this year"), False, _write_csv),
        Format(
            "trade-series",
            "text/csv",
            N_("Trade CSV, all years"),
            False,
            _write_series_csv,
            ("csv",),
        ),
        Format("gif", "image/gif", N_("GIF (animated)"), True, _write_gif, animated=True),
    )
}


def export_view(
    view: View,
    fmt: str,
    options: StaticOptions | None = None,
    made: date | None = None,
) -> Export:
    """Render ``view`` in ``fmt``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    record = FORMATS[fmt]
    if record.animated:
        raise ValueError(f"{fmt} is an animation: it needs a range of years")
    data, ids = record.write(view, options or StaticOptions(), made)
    return Export(data, ids, record.mime, filename(view.selection, fmt))


def export_animation(
    views: list[View],
    fmt: str = "gif",
    options: StaticOptions | None = None,
    made: date | None = None,
    seconds_per_frame: float = 1.0,
) -> Export:
    """Render one frame per view (one view per year, oldest first) as an animation."""
    if not views:
        raise ValueError("an animation needs at least one year")
    record = FORMATS[fmt]
    if not record.animated:
        raise ValueError(f"{fmt} is not an animation format")
    data, ids = record.write(views, options or StaticOptions(), made, seconds_per_frame)
    first, last = views[0].selection, views[-1].selection
    name = filename(first, fmt).replace(f"-{first.year}-", f"-{first.year}-{last.year}-")
    return Export(data, ids, record.mime, name)


def _umask() -> int:
    """The process's umask (reading it means setting it: set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    The file gets the mode any new file gets (0666 less the umask): ``mkstemp`` makes it
    0600, which would hide an export from the rest of the user's group.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

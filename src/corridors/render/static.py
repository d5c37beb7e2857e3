"""Static maps (PNG, SVG, PDF) of a view, drawn on the server with matplotlib.

The same features and the same styles as the dashboard, on an Albers equal-area
projection centred on the region, with a title, legend, scale bar, attribution and date.
No browser and no network are involved.
"""

from __future__ import annotations

import io
import math
from datetime import date
from typing import Any

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from shapely.geometry import box

from corridors.config import CHINA
from corridors.kinds import KINDS, colour, legend_rows
from corridors.render.paper import StaticOptions
from corridors.render.styles import (
    BACKGROUND,
    LINE_STATUSES,
    OUTLINE_STYLE,
    STATUS_FILL,
    paper_dashes,
    paper_line_width,
    paper_marker_size,
    trade_colour,
    trade_legend,
)
from corridors.selection import Selection, describe_countries, describe_layers
from corridors.status import status_label
from corridors.view import View

#: Albers equal-area for Central Asia and western China: areas true, shapes close.
PROJECTION = "+proj=aea +lat_0=40 +lon_0=80 +lat_1=35 +lat_2=50 +datum=WGS84 +units=m"
#: Fonts tried in order per glyph: Latin/Cyrillic from DejaVu, Chinese from Noto CJK.
FONTS = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Serif CJK SC"]
#: Where the map sits in the figure (left, bottom, width, height): legend panel to the right.
MAP_BOX = (0.012, 0.05, 0.77, 0.83)
Bounds = tuple[float, float, float, float]


def _label(row: dict[str, Any], lang: str) -> str:
    key = {"en": "name", "zh": "name_zh", "ru": "name_ru"}[lang]
    value = row.get(key)
    return value if isinstance(value, str) and value else row["name"]


def _extent(sel: Selection, projected: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame) -> Bounds:
    """What the map frames, in projected metres.

    The user's bbox (densified, so its curved edges count) when given; otherwise the
    features shown and the Central Asian countries, with a margin.
    """
    if sel.bbox is not None:
        edge = gpd.GeoSeries([box(*sel.bbox).segmentize(0.5)], crs="EPSG:4326")
        return tuple(edge.to_crs(PROJECTION).total_bounds)
    frames = [projected.geometry, outlines[outlines["iso3"] != CHINA].geometry]
    minx, miny, maxx, maxy = gpd.GeoSeries(pd.concat(frames), crs=PROJECTION).total_bounds
    pad = 0.06 * max(maxx - minx, maxy - miny)
    return minx - pad, miny - pad, maxx + pad, maxy + pad


def _fit_aspect(bounds: Bounds, width_px: float, height_px: float) -> Bounds:
    """Grow the extent so it fills the figure without distorting the map."""
    minx, miny, maxx, maxy = bounds
    want = width_px / height_px
    w, h = maxx - minx, maxy - miny
    if w / h < want:
        pad = (h * want - w) / 2
        minx, maxx = minx - pad, maxx + pad
    else:
        pad = (w / want - h) / 2
        miny, maxy = miny - pad, maxy + pad
    return minx, miny, maxx, maxy


def _nice_length_km(span_km: float) -> float:
    """A round scale-bar length about a fifth of the map's width."""
    target = span_km / 5
    exp = 10 ** math.floor(math.log10(target))
    return max(m * exp for m in (1, 2, 5) if m * exp <= target)


def _scale_bar(ax: Axes, bounds: Bounds) -> None:
    minx, miny, maxx, maxy = bounds
    length_km = _nice_length_km((maxx - minx) / 1000)
    x0, y0 = minx + (maxx - minx) * 0.03, miny + (maxy - miny) * 0.05
    ax.plot([x0, x0 + length_km * 1000], [y0, y0], color="#222", lw=3, solid_capstyle="butt")
    ax.text(x0, y0 + (maxy - miny) * 0.012, f"{length_km:g} km", fontsize=9, color="#222")


def render_static(
    view: View,
    fmt: str,
    options: StaticOptions | None = None,
    attribution: str = "",
    made: date | None = None,
) -> tuple[bytes, list[str]]:
    """Draw the view; return the file bytes and the ids of the features drawn.

    Uses matplotlib's object API (no pyplot state), so concurrent sessions can export at
    the same time.
    """
    rc = {
        "font.family": FONTS,
        "svg.fonttype": "none",  # text stays text: searchable and small
        "pdf.fonttype": 42,  # embed TrueType, so CJK names survive
    }
    options = options or StaticOptions()
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(options.width_px / options.dpi, options.height_px / options.dpi))
        drawn = _draw_map(fig, view, options)
        _legend(fig, view)
        _titles(fig, view.selection, attribution, made or date.today())
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, dpi=options.dpi, facecolor="white")
    return buffer.getvalue(), drawn


def _draw_map(fig: Figure, view: View, options: StaticOptions) -> list[str]:
    """The map frame: outlines, choropleth, features, scale bar; return the ids drawn."""
    ax = fig.add_axes(MAP_BOX)
    ax.set_facecolor(BACKGROUND)
    fig.patch.set_facecolor("white")
    projected = view.outlines.to_crs(PROJECTION)
    features = view.features.to_crs(PROJECTION)
    frame_px = (options.width_px * MAP_BOX[2], options.height_px * MAP_BOX[3])
    bounds = _fit_aspect(_extent(view.selection, features, projected), *frame_px)
    projected.plot(
        ax=ax,
        facecolor=OUTLINE_STYLE["fillColor"],
        edgecolor=OUTLINE_STYLE["color"],
        linewidth=0.6,
    )
    if "trade" in view.selection.layers:
        values = view.trade_values
        shown = projected[projected["iso3"].isin(view.trade_table["iso3"])]
        colours = [trade_colour(values.get(c)) for c in shown["iso3"]]
        shown.plot(ax=ax, color=colours, edgecolor="#555", linewidth=0.6, alpha=0.8)
    drawn = _draw_lines(ax, features) + _draw_points(ax, features, options)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#999")
    _scale_bar(ax, bounds)
    return drawn


def _draw_lines(ax: Axes, projected: gpd.GeoDataFrame) -> list[str]:
    lines = projected[projected.geom_type.str.contains("Line")]
    drawn = []
    for row, geom in zip(lines.to_dict("records"), lines.geometry, strict=True):
        lw = paper_line_width(row["kind"])
        style = paper_dashes(row["status_in_year"], lw)
        for part in getattr(geom, "geoms", [geom]):
            xs, ys = part.xy
            (artist,) = ax.plot(
                xs,
                ys,
                color=colour(row["kind"]),
                lw=lw,
                linestyle=style,
                solid_capstyle="round",
                zorder=3,
            )
            artist.set_gid(f"feature-{row['id']}")
        drawn.append(row["id"])
    return drawn


def _draw_points(ax: Axes, projected: gpd.GeoDataFrame, options: StaticOptions) -> list[str]:
    points = projected[projected.geom_type == "Point"]
    drawn = []
    for row, geom in zip(points.to_dict("records"), points.geometry, strict=True):
        kind = KINDS.get(row["kind"])
        fill = STATUS_FILL.get(row["status_in_year"], 0.9)
        artist = ax.scatter(
            [geom.x],
            [geom.y],
            s=paper_marker_size(row["kind"]) ** 2,
            facecolor=colour(row["kind"]) if fill > 0 else "white",
            edgecolor=(kind.edge if kind and kind.edge else colour(row["kind"])),
            alpha=1.0,
            linewidths=1.5,
            zorder=5,
        )
        artist.set_gid(f"feature-{row['id']}")
        if kind and kind.is_timeless:
            _annotate(ax, geom, _label(row, options.label_lang), (6, 4))
        elif row["kind"] == "summit":
            _annotate(ax, geom, f"Summit {row['opened']:.0f}", (6, -11), weight="bold")
        drawn.append(row["id"])
    return drawn


def _annotate(ax: Axes, geom: Any, text: str, offset: tuple[int, int], **kw: Any) -> None:
    ax.annotate(
        text,
        (geom.x, geom.y),
        xytext=offset,
        textcoords="offset points",
        fontsize=8,
        color="#222",
        zorder=6,
        **kw,
    )


def _marker(colour: str, edge: str, label: str, size: float = 8) -> Line2D:
    return Line2D([], [], marker="o", ls="", mfc=colour, mec=edge, ms=size, label=label)


def _legend(fig: Figure, view: View) -> None:
    """Legend panel right of the map: kinds present (the screen's rows), statuses, trade."""
    selected = view.features
    handles: list[Any] = []
    is_line = selected.geom_type.str.contains("Line")
    for row in legend_rows(set(selected["kind"])):
        if is_line[selected["kind"].isin(row.kinds)].any():
            handles.append(Line2D([], [], color=row.colour, lw=3, label=row.label))
        else:
            handles.append(_marker(row.colour, row.edge or row.colour, row.label))
    statuses = set(selected["status_in_year"])
    for status in LINE_STATUSES:
        if status in statuses:
            style = paper_dashes(status, 2.5)
            handles.append(
                Line2D([], [], color="#333", lw=2.5, ls=style, label=status_label(status))
            )
    if "trade" in view.selection.layers:
        for label, swatch in trade_legend():
            unit = " US$ bn" if label[0].isdigit() or label[0] == "≥" else ""
            handles.append(Patch(facecolor=swatch, edgecolor="#777", label=f"Trade {label}{unit}"))
    if handles:
        fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.795, 0.88),
            fontsize=8,
            frameon=False,
        )


def _titles(fig: Figure, sel: Selection, attribution: str, made: date) -> None:
    fig.text(
        0.012,
        0.955,
        f"China–Central Asia corridors, {sel.year}",
        fontsize=16,
        weight="bold",
        va="center",
    )
    subtitle = f"{describe_countries(sel)} · {describe_layers(sel)}"
    fig.text(0.012, 0.915, subtitle, fontsize=9, color="#444", va="center")
    footer = f"Made {made.isoformat()} with Corridors · Sources: {attribution or 'see geodata'}"
    fig.text(0.012, 0.008, footer, fontsize=7, color="#333", va="bottom", wrap=True)

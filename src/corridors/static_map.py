"""Static maps (PNG, SVG, PDF) of a selection, drawn on the server with matplotlib.

The same selected features and the same styles as the dashboard, on an Albers equal-area
projection centred on the region, with a title, legend, scale bar, attribution and date.
No browser and no network are involved.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import geopandas as gpd
import matplotlib
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from shapely.geometry import box

from corridors.config import COUNTRIES, LAYERS
from corridors.selection import Selection
from corridors.styles import (
    BACKGROUND,
    KIND_COLOURS,
    KIND_LABELS,
    LEGEND_GROUPS,
    LINE_STATUSES,
    OUTLINE_STYLE,
    STATUS_DASH,
    STATUS_FILL,
    status_label,
    trade_colour,
    trade_legend,
)

#: Albers equal-area for Central Asia and western China: areas true, shapes close.
PROJECTION = "+proj=aea +lat_0=40 +lon_0=80 +lat_1=35 +lat_2=50 +datum=WGS84 +units=m"
#: Fonts tried in order per glyph: Latin/Cyrillic from DejaVu, Chinese from Noto CJK.
FONTS = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Serif CJK SC"]
POINT_SIZE_PX = {"capital": 6.0, "default": 9.0}
#: Where the map sits in the figure (left, bottom, width, height): legend panel to the right.
MAP_BOX = (0.012, 0.05, 0.77, 0.83)


@dataclass(frozen=True)
class StaticOptions:
    """Size and text options of a static map."""

    width_px: int = 1600
    height_px: int = 1000
    dpi: int = 160
    label_lang: str = "en"  # en, zh or ru: which name labels points

    def __post_init__(self) -> None:
        if not (200 <= self.width_px <= 10000 and 200 <= self.height_px <= 10000):
            raise ValueError(f"size {self.width_px}x{self.height_px} px out of range 200–10000")
        if not 50 <= self.dpi <= 1200:
            raise ValueError(f"dpi {self.dpi} out of range 50–1200")
        if self.label_lang not in ("en", "zh", "ru"):
            raise ValueError(f"label language {self.label_lang!r} not one of en, zh, ru")


PRINT_PRESET = StaticOptions(width_px=3300, height_px=2100, dpi=300)  # ~A4 landscape at 300 dpi


def _dashes(status: str, lw: float) -> Any:
    """Leaflet's dashArray (pixels) as a matplotlib linestyle (in multiples of line width)."""
    dash = STATUS_DASH.get(status)
    if not dash:
        return "-"
    return (0, tuple(float(v) / lw * 1.2 for v in dash.split()))


def _label(row: dict[str, Any], lang: str) -> str:
    key = {"en": "name", "zh": "name_zh", "ru": "name_ru"}[lang]
    value = row.get(key)
    return value if isinstance(value, str) and value else row["name"]


def _extent(sel: Selection, projected: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame):
    """What the map frames, in projected metres.

    The user's bbox (densified, so its curved edges count) when given; otherwise the
    features shown and the selected Central Asian countries, with a margin.
    """
    if sel.bbox is not None:
        edge = gpd.GeoSeries([box(*sel.bbox).segmentize(0.5)], crs="EPSG:4326")
        return tuple(edge.to_crs(PROJECTION).total_bounds)
    frames = [projected.geometry, outlines[outlines["iso3"] != "CHN"].geometry]
    minx, miny, maxx, maxy = gpd.GeoSeries(pd.concat(frames), crs=PROJECTION).total_bounds
    pad = 0.06 * max(maxx - minx, maxy - miny)
    return minx - pad, miny - pad, maxx + pad, maxy + pad


def _fit_aspect(bounds, width_px: int, height_px: int):
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


def _scale_bar(ax, bounds) -> None:
    minx, miny, maxx, maxy = bounds
    length_km = _nice_length_km((maxx - minx) / 1000)
    x0, y0 = minx + (maxx - minx) * 0.03, miny + (maxy - miny) * 0.05
    ax.plot([x0, x0 + length_km * 1000], [y0, y0], color="#222", lw=3, solid_capstyle="butt")
    ax.text(x0, y0 + (maxy - miny) * 0.012, f"{length_km:g} km", fontsize=9, color="#222")


def render_static(
    selected: gpd.GeoDataFrame,
    outlines: gpd.GeoDataFrame,
    trade_values: dict[str, float],
    sel: Selection,
    fmt: str,
    options: StaticOptions | None = None,
    attribution: str = "",
    made: date | None = None,
) -> tuple[bytes, list[str]]:
    """Draw the selection; return the file bytes and the ids of the features drawn.

    Uses matplotlib's object API (no pyplot state), so concurrent sessions can export at
    the same time.
    """
    rc = {
        "font.family": FONTS,
        "svg.fonttype": "none",  # text stays text: searchable and small
        "pdf.fonttype": 42,  # embed TrueType, so CJK names survive
    }
    with matplotlib.rc_context(rc):
        return _render(
            selected,
            outlines,
            trade_values,
            sel,
            fmt,
            options or StaticOptions(),
            attribution,
            made,
        )


def _render(selected, outlines, trade_values, sel, fmt, options, attribution, made):
    fig = Figure(figsize=(options.width_px / options.dpi, options.height_px / options.dpi))
    ax = fig.add_axes(MAP_BOX)
    ax.set_facecolor(BACKGROUND)
    fig.patch.set_facecolor("white")
    projected = outlines.to_crs(PROJECTION)
    features = selected.to_crs(PROJECTION)
    bounds = _fit_aspect(
        _extent(sel, features, projected), options.width_px * MAP_BOX[2],
        options.height_px * MAP_BOX[3],
    )  # fmt: skip
    projected.plot(
        ax=ax,
        facecolor=OUTLINE_STYLE["fillColor"],
        edgecolor=OUTLINE_STYLE["color"],
        linewidth=0.6,
    )
    if "trade" in sel.layers:
        five = projected[projected["iso3"].isin([c for c in sel.countries if c != "CHN"])]
        colours = [trade_colour(trade_values.get(c)) for c in five["iso3"]]
        five.plot(ax=ax, color=colours, edgecolor="#555", linewidth=0.6, alpha=0.8)
    drawn = _draw_features(ax, features, options)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#999")
    _scale_bar(ax, bounds)
    _legend(fig, selected, sel)
    _titles(fig, sel, attribution, made or date.today())
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=options.dpi, facecolor="white")
    return buffer.getvalue(), drawn


def _draw_features(ax, projected: gpd.GeoDataFrame, options: StaticOptions) -> list[str]:
    drawn = []
    lines = projected[projected.geom_type.str.contains("Line")]
    points = projected[projected.geom_type == "Point"]
    for row, geom in zip(lines.to_dict("records"), lines.geometry, strict=True):
        lw = 3.2 if row["kind"] != "rail_link" else 4.0
        parts = getattr(geom, "geoms", [geom])
        for part in parts:
            xs, ys = part.xy
            (artist,) = ax.plot(
                xs, ys, color=KIND_COLOURS.get(row["kind"], "#666"), lw=lw,
                linestyle=_dashes(row["status_in_year"], lw), solid_capstyle="round", zorder=3,
            )  # fmt: skip
            artist.set_gid(f"feature-{row['id']}")
        drawn.append(row["id"])
    for row, geom in zip(points.to_dict("records"), points.geometry, strict=True):
        colour = KIND_COLOURS.get(row["kind"], "#666")
        size = POINT_SIZE_PX["capital" if row["kind"] == "capital" else "default"]
        fill = STATUS_FILL.get(row["status_in_year"], 0.9)
        artist = ax.scatter(
            [geom.x], [geom.y], s=size**2,
            facecolor=colour if fill > 0 else "white",
            edgecolor="white" if row["kind"] == "capital" else colour,
            alpha=1.0, linewidths=1.5, zorder=5,
        )  # fmt: skip
        artist.set_gid(f"feature-{row['id']}")
        if row["kind"] == "capital":
            _annotate(ax, geom, _label(row, options.label_lang), (6, 4))
        elif row["kind"] == "summit":
            _annotate(ax, geom, f"Summit {row['opened']:.0f}", (6, -11), weight="bold")
        drawn.append(row["id"])
    return drawn


def _annotate(ax, geom, text: str, offset: tuple[int, int], **kw) -> None:
    ax.annotate(text, (geom.x, geom.y), xytext=offset, textcoords="offset points",
                fontsize=8, color="#222", zorder=6, **kw)  # fmt: skip


def _marker(colour: str, edge: str, label: str, size: float = 8) -> Line2D:
    return Line2D([], [], marker="o", ls="", mfc=colour, mec=edge, ms=size, label=label)


def _legend(fig, selected: gpd.GeoDataFrame, sel: Selection) -> None:
    """Legend panel right of the map: kinds present (by colour group), statuses, trade."""
    handles: list[Any] = []
    present = set(selected["kind"])
    is_line = selected.geom_type.str.contains("Line")
    for label, colour, kinds in LEGEND_GROUPS:
        if present & kinds and is_line[selected["kind"].isin(kinds)].any():
            handles.append(Line2D([], [], color=colour, lw=3, label=label))
        elif present & kinds:
            handles.append(_marker(colour, colour, label))
    if "capital" in present:
        handles.append(_marker("#000", "white", KIND_LABELS["capital"], 7))
    statuses = set(selected["status_in_year"])
    for status in LINE_STATUSES:
        if status in statuses:
            style = _dashes(status, 2.5)
            handles.append(
                Line2D([], [], color="#333", lw=2.5, ls=style, label=status_label(status))
            )
    if "trade" in sel.layers:
        for label, colour in trade_legend():
            unit = " US$ bn" if label[0].isdigit() or label[0] == "≥" else ""
            handles.append(Patch(facecolor=colour, edgecolor="#777", label=f"Trade {label}{unit}"))
    if handles:
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.795, 0.88), fontsize=8,
                   frameon=False)  # fmt: skip


def _titles(fig, sel: Selection, attribution: str, made: date) -> None:
    if len(sel.countries) == len(COUNTRIES):
        countries = "China and the five Central Asian countries"
    else:
        countries = ", ".join(COUNTRIES[c] for c in sel.countries)
    if len(sel.layers) == len(LAYERS):
        layers = "all layers"
    else:
        layers = ", ".join(LAYERS[x] for x in sel.layers) or "no layers"
    fig.text(
        0.012,
        0.955,
        f"China–Central Asia corridors, {sel.year}",
        fontsize=16,
        weight="bold",
        va="center",
    )
    fig.text(0.012, 0.915, f"{countries} · {layers}", fontsize=9, color="#444", va="center")
    footer = f"Made {made.isoformat()} with Corridors · Sources: {attribution or 'see geodata'}"
    fig.text(0.012, 0.008, footer, fontsize=7, color="#333", va="bottom", wrap=True)

"""Static maps (PNG, SVG, PDF) of a view, drawn on the server with matplotlib.

The same features and the same styles as the dashboard, on an Albers equal-area
projection centred on the region, with a title block, legend, scale bar and footer
(sources and date). No browser and no network are involved.

The page is laid out from measured text, not fixed fractions: text is sized in points for
the physical page (:attr:`StaticOptions.text_scale`), the title block and footer take the
height their text needs, the legend goes right of the map on a wide page and below it on
a narrow or tall one, and the map takes what is left. :func:`draw_static` returns the
parts so a test can check from matplotlib's own extents that none overlap or leave the page.
"""

from __future__ import annotations

import io
import math
import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from shapely.geometry import box

from corridors.config import CHINA
from corridors.i18n import Tr
from corridors.kinds import KINDS, TIMELESS_KINDS, colour, legend_rows
from corridors.render.paper import StaticOptions, credits_line, title_lines
from corridors.render.styles import (
    BACKGROUND,
    LINE_STATUSES,
    NEIGHBOUR_STYLE,
    OUTLINE_STYLE,
    STATUS_FILL,
    legend_dashes,
    paper_dashes,
    paper_line_width,
    paper_marker_size,
    trade_colour,
    trade_legend,
)
from corridors.selection import Selection
from corridors.status import status_label
from corridors.view import View

#: Albers equal-area for Central Asia and western China: areas true, shapes close.
PROJECTION = "+proj=aea +lat_0=40 +lon_0=80 +lat_1=35 +lat_2=50 +datum=WGS84 +units=m"
#: Fonts tried in order per glyph: Latin/Cyrillic from DejaVu, Chinese from Noto CJK.
FONTS = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Serif CJK SC"]
#: Text sizes (points) on the reference page; every page scales them by its text_scale.
SIZES_PT = {
    "title": 16.0,
    "subtitle": 9.5,
    "legend": 8.0,
    "footer": 7.0,
    "scale": 8.0,
    "label": 8.0,
}
#: Margin round the page and gap between its parts, in points on the reference page.
MARGIN_PT = 9.0
GAP_PT = 6.0
#: The legend goes right of the map only on a page at least this much wider than tall.
LEGEND_RIGHT_MIN_ASPECT = 1.2
#: ... and only if it takes at most this share of the page's width.
LEGEND_RIGHT_MAX_SHARE = 0.3
#: The map keeps at least this share of the page's height; the legend's type shrinks first,
#: by LEGEND_SHRINK at each of up to LEGEND_ATTEMPTS tries.
MAP_MIN_HEIGHT_SHARE = 0.3
LEGEND_SHRINK = 0.85
LEGEND_ATTEMPTS = 6
Bounds = tuple[float, float, float, float]


@dataclass
class StaticMap:
    """A drawn page and its parts, for saving and for layout checks."""

    figure: Figure
    title: list[Text]
    map: Axes
    legend: Legend | None
    scale_bar: Axes
    footer: Text
    labels: list[Text]
    drawn: list[str]
    #: The year, large on the map, on an animation's frame.
    year_badge: Text | None = None

    def parts(self, renderer: RendererAgg) -> dict[str, Bbox]:
        """The display extents of title block, map, legend, scale bar and footer."""
        out = {
            "title": Bbox.union([t.get_window_extent(renderer) for t in self.title]),
            "map": self.map.get_window_extent(renderer),
            "scale_bar": self.scale_bar.get_tightbbox(renderer),
            "footer": self.footer.get_window_extent(renderer),
        }
        if self.legend is not None:
            out["legend"] = self.legend.get_window_extent(renderer)
        return out


def _label(row: dict[str, Any], tr: Tr) -> str:
    """The name in the reader's language; the English one, starred, where the sources give
    none (the footer says what the star means)."""
    name, fallback = tr.name(row)
    return f"{name}*" if fallback else name


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


def _fit_aspect(bounds: Bounds, width: float, height: float) -> Bounds:
    """Grow the extent so it fills a frame of ``width`` × ``height`` without distortion."""
    minx, miny, maxx, maxy = bounds
    want = width / height
    w, h = maxx - minx, maxy - miny
    if w / h < want:
        pad = (h * want - w) / 2
        minx, maxx = minx - pad, maxx + pad
    else:
        pad = (w / want - h) / 2
        miny, maxy = miny - pad, maxy + pad
    return minx, miny, maxx, maxy


def _nice_length_km(span_km: float) -> float:
    """A round scale-bar length about a fifth of ``span_km``."""
    target = span_km / 5
    exp = 10 ** math.floor(math.log10(target))
    return max(m * exp for m in (1, 2, 5) if m * exp <= target)


class _PageCanvas(FigureCanvasAgg):
    """An Agg canvas that draws only when the page is saved.

    geopandas asks the canvas to redraw after each plot (``draw_idle``): that drew the
    whole page three times before it was saved, about 1 s of every PNG (half of it).
    """

    def draw_idle(self, *args: Any, **kwargs: Any) -> None:
        """Nothing to show until saved: the file is the only output."""


class _Page:
    """Inches on the page, and the renderer that measures text on it."""

    def __init__(self, fig: Figure, options: StaticOptions):
        self.fig = fig
        self.width, self.height = options.size_in
        self.scale = options.text_scale
        self.renderer = _PageCanvas(fig).get_renderer()
        self.margin = MARGIN_PT * self.scale / 72
        self.gap = GAP_PT * self.scale / 72

    def size(self, part: str) -> float:
        return SIZES_PT[part] * self.scale

    def extent_in(self, artist: Artist) -> Bbox:
        """The artist's extent in inches from the page's lower-left corner."""
        return artist.get_window_extent(self.renderer).transformed(
            self.fig.dpi_scale_trans.inverted()
        )

    def frac(self, x: float, y: float) -> tuple[float, float]:
        return x / self.width, y / self.height

    def fit_text(self, text: Text, width: float) -> None:
        """Wrap ``text`` to ``width`` inches, shrinking it if one word is still too wide."""
        words = text.get_text()
        full = self.extent_in(text).width
        if full > width:
            chars = max(8, int(len(words) * width / full))
            text.set_text(textwrap.fill(words, chars))
        over = self.extent_in(text).width / width
        if over > 1:
            text.set_fontsize(text.get_fontsize() / over * 0.98)


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
    with matplotlib.rc_context(_RC):
        page = draw_static(view, options or StaticOptions(), attribution, made)
        buffer = io.BytesIO()
        page.figure.savefig(buffer, format=fmt, facecolor="white")
    return buffer.getvalue(), page.drawn


_RC = {
    "font.family": FONTS,
    "svg.fonttype": "none",  # text stays text: searchable and small
    "pdf.fonttype": 42,  # embed TrueType, so CJK names survive
}


@dataclass(frozen=True)
class AnimationFrame:
    """What stays fixed across an animation's frames, and this frame's caption.

    The legend and the extent are those of every frame together, so nothing on the page
    moves from one year to the next; the caption gives the year's milestones.
    """

    legend_basis: gpd.GeoDataFrame
    extent_basis: gpd.GeoDataFrame
    caption: str


#: The caption under an animation's title always takes this many lines, so it never moves.
CAPTION_LINES = 2


def draw_static(
    view: View,
    options: StaticOptions,
    attribution: str = "",
    made: date | None = None,
    frame: AnimationFrame | None = None,
) -> StaticMap:
    """Lay out and draw the page (call inside ``matplotlib.rc_context(_RC)``).

    Top to bottom: title block, map, scale bar, legend (unless it fits right of the map),
    footer. The map's frame takes the region's shape, give or take MAX_GROW, so a tall
    page shows the region larger rather than acres of empty sea. An animation ``frame``
    adds the year, large, on the map and the year's milestones under the title.
    """
    fig = Figure(figsize=options.size_in, dpi=options.dpi)
    fig.patch.set_facecolor("white")
    page = _Page(fig, options)
    tr = view.tr
    title = _title_block(page, view, options)
    if frame is not None:
        title.append(_caption(page, frame.caption, min(page.extent_in(t).y0 for t in title)))
    top = min(page.extent_in(t).y0 for t in title) - page.gap
    # Labels are capitals' names: say what a star means when one stands in English.
    labelled = view.features[view.features["kind"].isin(TIMELESS_KINDS)]
    starred = any(tr.name(row)[1] for row in labelled.drop(columns="geometry").to_dict("records"))
    footer = _footer(page, attribution, made or date.today(), tr, starred)
    bottom = page.extent_in(footer).y1 + page.gap
    scale_h = page.size("scale") * 2.6 / 72
    outlines = view.outlines.to_crs(PROJECTION)
    features = view.features.to_crs(PROJECTION)
    framed = features if frame is None else frame.extent_basis.to_crs(PROJECTION)
    extent = _extent(view.selection, framed, outlines)
    in_legend = view.features if frame is None else frame.legend_basis
    legend, below, available = _legend_and_map_box(
        page, in_legend, view.selection.layers, top, bottom, scale_h, tr
    )
    map_box = _frame_for(available, extent)
    if legend is not None:
        anchor = (
            (page.margin, map_box.y0 - 2 * page.gap - scale_h)
            if below
            else (map_box.x1 + page.gap, top)
        )
        legend.set_bbox_to_anchor(page.frac(*anchor), transform=fig.transFigure)
    corner, size = page.frac(map_box.x0, map_box.y0), page.frac(map_box.width, map_box.height)
    ax = fig.add_axes((*corner, *size))
    bounds = _fit_aspect(extent, map_box.width, map_box.height)
    drawn, labels = _draw_map(page, ax, view, bounds, outlines, features)
    badge = None if frame is None else _year_badge(page, ax, view.selection.year)
    scale_bar = _scale_bar(page, bounds, map_box, map_box.y0 - page.gap - scale_h, scale_h, tr)
    return StaticMap(fig, title, ax, legend, scale_bar, footer, labels, drawn, badge)


def _caption(page: _Page, text: str, below: float) -> Text:
    """The year's milestones under the title block, always CAPTION_LINES lines tall."""
    artist = page.fig.text(
        *page.frac(page.margin, below - page.gap / 3),
        text or " ",
        fontsize=page.size("subtitle"),
        color="#8a3b00",
        va="top",
        ha="left",
        parse_math=False,  # milestones say "$455m"
    )
    page.fit_text(artist, page.width - 2 * page.margin)
    lines = artist.get_text().split("\n")[:CAPTION_LINES]
    if len(lines) == CAPTION_LINES and len(artist.get_text().split("\n")) > CAPTION_LINES:
        lines[-1] = lines[-1][:-1] + "…"
    artist.set_text("\n".join(lines + [" "] * (CAPTION_LINES - len(lines))))
    return artist


def _year_badge(page: _Page, ax: Axes, year: int) -> Text:
    """The frame's year, large, in the map's top right corner."""
    return ax.text(
        0.985,
        0.975,
        str(year),
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=36 * page.scale,
        weight="bold",
        color="#333",
        zorder=8,
        path_effects=[patheffects.withStroke(linewidth=4 * page.scale, foreground="white")],
    )


#: How much the map's extent may grow beyond the region's own shape to fill its frame.
MAX_GROW = 1.4


def _frame_for(available: Bbox, extent: Bounds) -> Bbox:
    """The map frame in ``available``: top-left aligned, no more than MAX_GROW off the
    extent's shape, so the map is not padded with far-away sea and clipped context."""
    aspect = (extent[2] - extent[0]) / (extent[3] - extent[1])
    x0, y0, x1, y1 = available.extents
    if available.width / available.height < aspect / MAX_GROW:  # too tall
        y0 = y1 - available.width * MAX_GROW / aspect
    elif available.width / available.height > aspect * MAX_GROW:  # too wide
        x1 = x0 + available.height * aspect * MAX_GROW
    return Bbox.from_extents(x0, y0, x1, y1)


def _title_block(page: _Page, view: View, options: StaticOptions) -> list[Text]:
    """Title, an optional subtitle, and a line saying what the map shows."""
    width = page.width - 2 * page.margin
    title, *rest = title_lines(view, options)
    styles = [("title", "bold", "#111")] + [("subtitle", "normal", "#222")] * (len(rest) - 1)
    styles.append(("subtitle", "normal", "#555"))
    out: list[Text] = []
    y = page.height - page.margin
    for text, (size, weight, shade) in zip([title, *rest], styles, strict=True):
        artist = page.fig.text(
            *page.frac(page.margin, y),
            text,
            fontsize=page.size(size),
            weight=weight,
            color=shade,
            va="top",
            ha="left",
            parse_math=False,  # a title like "US$ 3 bn to US$ 5 bn" is text, not TeX
        )
        page.fit_text(artist, width)
        y = page.extent_in(artist).y0 - page.gap / 3
        out.append(artist)
    return out


def _footer(page: _Page, attribution: str, made: date, tr: Tr, starred: bool) -> Text:
    artist = page.fig.text(
        *page.frac(page.margin, page.margin),
        credits_line(attribution, made, tr, starred),
        fontsize=page.size("footer"),
        color="#333",
        va="bottom",
        ha="left",
        parse_math=False,
    )
    page.fit_text(artist, page.width - 2 * page.margin)
    return artist


def _legend_handles(
    selected: gpd.GeoDataFrame, layers: tuple[str, ...], k: float, tr: Tr
) -> list[Any]:
    """Kinds present (the screen legend's rows), each status drawn, and the trade classes.

    ``k`` scales the symbols with the legend's type.
    """
    handles: list[Any] = []
    is_line = selected.geom_type.str.contains("Line")
    for row in legend_rows(set(selected["kind"])):
        if is_line[selected["kind"].isin(row.kinds)].any():
            handles.append(Line2D([], [], color=row.colour, lw=3 * k, label=tr(row.label)))
        else:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    ls="",
                    mfc=row.colour,
                    mec=row.edge or row.colour,
                    mew=1.2 * k,
                    ms=7 * k,
                    label=tr(row.label),
                )
            )
    statuses = set(selected["status_in_year"])
    for status in LINE_STATUSES:
        if status in statuses:
            handles.append(status_handle(status, k, tr))
    if "trade" in layers:
        rows = trade_legend(tr)
        for i, (label, swatch) in enumerate(rows):
            text = (
                tr("Trade {range} US$ bn").format(range=label)
                if i < len(rows) - 1
                else tr("Trade: {none}").format(none=label)
            )
            handles.append(Patch(facecolor=swatch, edgecolor="#777", lw=0.8 * k, label=text))
    return handles


def status_handle(status: str, k: float = 1.0, tr: Tr | None = None) -> Line2D:
    """A status as on the map: its line pattern, and a marker filled as its points are."""
    fill = STATUS_FILL.get(status, 0.9)
    face = "#333333" if fill >= 0.9 else ("#a6a6a6" if fill > 0 else "white")
    return Line2D(
        [0, 0.5, 1],
        [0, 0, 0],
        color="#333",
        lw=2 * k,
        ls=legend_dashes(status),
        marker="o",
        markevery=[1],
        mfc=face,
        mec="#333",
        mew=k,
        ms=6 * k,
        label=status_label(status, tr),
    )


def _place_legend(page: _Page, handles: list[Any], ncol: int, size: float, x: float, y: float):
    legend = page.fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=page.frac(x, y),
        ncol=ncol,
        fontsize=size,
        frameon=False,
        handlelength=4.2,
        borderaxespad=0,
        borderpad=0,
        columnspacing=1.2,
    )
    return legend, page.extent_in(legend)


def _legend_and_map_box(
    page: _Page,
    features: gpd.GeoDataFrame,
    layers: tuple[str, ...],
    top: float,
    bottom: float,
    scale_h: float,
    tr: Tr,
) -> tuple[Legend | None, bool, Bbox]:
    """Place the legend right of the map (wide page) or below it.

    Returns the legend, whether it is below the map, and the box left for the map (the
    scale bar's row under it already set aside).
    """
    left, right = page.margin, page.width - page.margin
    under_map = scale_h + page.gap
    size = page.size("legend")
    handles = _legend_handles(features, layers, size / SIZES_PT["legend"], tr)
    if not handles:
        return None, False, Bbox.from_extents(left, bottom + under_map, right, top)
    wide = page.width / page.height >= LEGEND_RIGHT_MIN_ASPECT
    for attempt in range(LEGEND_ATTEMPTS):
        handles = _legend_handles(features, layers, size / SIZES_PT["legend"], tr)
        legend, extent = _place_legend(page, handles, 1, size, left, top)
        legend.remove()
        narrow_enough = extent.width <= LEGEND_RIGHT_MAX_SHARE * page.width
        if wide and narrow_enough and extent.height <= top - bottom:
            legend, extent = _place_legend(page, handles, 1, size, right - extent.width, top)
            box = Bbox.from_extents(left, bottom + under_map, right - extent.width - page.gap, top)
            return legend, False, box
        ncol, height = _columns_that_fit(page, handles, size, extent.width, right - left)
        map_bottom = bottom + height + page.gap + under_map
        if top - map_bottom >= MAP_MIN_HEIGHT_SHARE * page.height or attempt == LEGEND_ATTEMPTS - 1:
            legend, _ = _place_legend(page, handles, ncol, size, left, bottom + height)
            return legend, True, Bbox.from_extents(left, map_bottom, right, top)
        size *= LEGEND_SHRINK
    raise AssertionError("unreachable: the last attempt always returns")


def _columns_that_fit(
    page: _Page, handles: list[Any], size: float, column: float, width: float
) -> tuple[int, float]:
    """The most legend columns that fit ``width`` inches, and the legend's height then."""
    ncol = max(1, min(len(handles), int(width / column)))
    while True:
        legend, extent = _place_legend(page, handles, ncol, size, 0, page.height)
        legend.remove()
        if extent.width <= width or ncol == 1:
            return ncol, extent.height
        ncol -= 1


def _draw_map(
    page: _Page,
    ax: Axes,
    view: View,
    bounds: Bounds,
    outlines: gpd.GeoDataFrame,
    features: gpd.GeoDataFrame,
) -> tuple[list[str], list[Text]]:
    """The map frame: neighbours, outlines, choropleth, features, labels (projected)."""
    ax.set_facecolor(BACKGROUND)
    edge = 0.6 * page.scale
    if len(view.neighbours):
        view.neighbours.to_crs(PROJECTION).plot(
            ax=ax,
            facecolor=NEIGHBOUR_STYLE["fillColor"],
            edgecolor=NEIGHBOUR_STYLE["color"],
            linewidth=edge * 0.8,
        )
    outlines.plot(
        ax=ax,
        facecolor=OUTLINE_STYLE["fillColor"],
        edgecolor=OUTLINE_STYLE["color"],
        linewidth=edge,
    )
    if "trade" in view.selection.layers:
        values = view.trade_values
        shown = outlines[outlines["iso3"].isin(view.trade_table["iso3"])]
        # Opaque, so the colour on the map is the colour of its legend swatch.
        colours = [trade_colour(values.get(c)) for c in shown["iso3"]]
        shown.plot(ax=ax, color=colours, edgecolor="#555", linewidth=edge)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")  # geopandas names the projected axes; a map needs no axis titles
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_edgecolor("#999")
        spine.set_linewidth(0.8 * page.scale)
    drawn = _draw_lines(ax, features, page.scale)
    points, point_ids = _draw_points(ax, features, page.scale)
    labels = _place_labels(page, ax, points, view.tr)
    return drawn + point_ids, labels


#: Up to this many lines, each is its own artist with its feature's id (an SVG's
#: ``id="feature-…"``, handy to edit); beyond it, lines of one style are drawn as one
#: collection, which is what keeps a 10,000-line layer to about a second.
LINES_ONE_BY_ONE = 500


def _draw_lines(ax: Axes, projected: gpd.GeoDataFrame, scale: float) -> list[str]:
    lines = projected[projected.geom_type.str.contains("Line")]
    if len(lines) > LINES_ONE_BY_ONE:
        return _draw_line_collections(ax, lines, scale)
    drawn = []
    for row, geom in zip(lines.to_dict("records"), lines.geometry, strict=True):
        lw = paper_line_width(row["kind"]) * scale
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


def _draw_line_collections(ax: Axes, lines: gpd.GeoDataFrame, scale: float) -> list[str]:
    """Many lines: one collection per kind and status (same colour, width and dashes)."""
    for (kind, status), group in lines.groupby(["kind", "status_in_year"], sort=False):
        lw = paper_line_width(kind) * scale
        segments = [
            np.asarray(part.coords)
            for geom in group.geometry
            for part in getattr(geom, "geoms", [geom])
        ]
        ax.add_collection(
            LineCollection(
                segments,
                colors=colour(kind),
                linewidths=lw,
                linestyles=paper_dashes(status, lw),
                capstyle="round",
                zorder=3,
            ),
            autolim=False,
        )
    return list(lines["id"])


def _draw_points(
    ax: Axes, projected: gpd.GeoDataFrame, scale: float
) -> tuple[list[tuple[dict, Any, float]], list[str]]:
    """Markers, drawn in their kinds' order; return (row, geometry, radius pt) and the ids."""
    points = projected[projected.geom_type == "Point"]
    placed = []
    for row, geom in zip(points.to_dict("records"), points.geometry, strict=True):
        kind = KINDS.get(row["kind"])
        fill = STATUS_FILL.get(row["status_in_year"], 0.9)
        diameter = paper_marker_size(row["kind"]) * scale
        artist = ax.scatter(
            [geom.x],
            [geom.y],
            s=diameter**2,
            facecolor=colour(row["kind"]) if fill > 0 else "white",
            edgecolor=(kind.edge if kind and kind.edge else colour(row["kind"])),
            alpha=1.0,
            linewidths=1.5 * scale,
            zorder=5 + (kind.draw_order if kind else 9) / 10,
        )
        artist.set_gid(f"feature-{row['id']}")
        placed.append((row, geom, diameter / 2 + 0.75 * scale))
    return placed, [row["id"] for row, _, _ in placed]


#: Where a label may sit round its marker, in order of preference (Imhof's classic order):
#: right, upper right, lower right, left, upper left, lower left, above, below.
LABEL_POSITIONS = ((1, 0), (1, 1), (1, -1), (-1, 0), (-1, 1), (-1, -1), (0, 1), (0, -1))


def _label_text(row: dict[str, Any], tr: Tr) -> str | None:
    kind = KINDS.get(row["kind"])
    if kind and kind.is_timeless:
        return _label(row, tr)
    if row["kind"] == "summit":
        return tr("Summit {year}").format(year=f"{row['opened']:.0f}")
    return None


def _place_labels(
    page: _Page, ax: Axes, points: list[tuple[dict, Any, float]], tr: Tr
) -> list[Text]:
    """Label capitals and summits where the label covers no marker and no other label.

    Each label tries the eight classic positions round its marker and takes the first
    that is inside the map and clear of every marker and every label placed before it; a
    label with no clear position is left out rather than drawn over something. (Greedy
    candidate placement, as in cartography since Imhof: deterministic, so the test can
    check it, where force-based repelling such as adjustText gives no such guarantee.)
    """
    renderer = page.renderer
    to_px = page.fig.dpi / 72
    frame = ax.get_window_extent(renderer)
    markers = []
    for _, geom, radius in points:
        x, y = ax.transData.transform((geom.x, geom.y))
        r = radius * to_px
        markers.append(Bbox.from_extents(x - r, y - r, x + r, y + r))
    taken: list[Bbox] = []
    out = []
    halo = [patheffects.withStroke(linewidth=2.2 * page.scale, foreground="white")]
    # Capitals before summits: a place name matters more than an event's tag.
    for row, geom, radius in sorted(points, key=lambda p: p[0]["kind"] != "capital"):
        text = _label_text(row, tr)
        if not text:
            continue
        artist = ax.annotate(
            text,
            (geom.x, geom.y),
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=page.size("label"),
            color="#222",
            weight="bold" if row["kind"] == "summit" else "normal",
            zorder=7,
            path_effects=halo,
            annotation_clip=False,
            parse_math=False,  # names come from the data: never TeX
        )
        here = ax.transData.transform((geom.x, geom.y))
        if _first_clear_position(artist, here, radius, markers, taken, frame, page):
            taken.append(artist.get_window_extent(renderer))
            out.append(artist)
        else:
            artist.remove()
    return out


def _first_clear_position(
    artist: Text,
    here: Any,
    radius: float,
    markers: list[Bbox],
    taken: list[Bbox],
    frame: Bbox,
    page: _Page,
) -> bool:
    """Move ``artist`` to the first candidate position that is clear; False if none is.

    Close to its own marker first; then clear of the widest marker on the same spot (a
    capital under a summit's ring), then twice as far.
    """
    to_px = page.fig.dpi / 72
    widest = max([b.width / 2 / to_px for b in markers if b.contains(*here)] + [radius])
    pad = 2 * page.scale
    for gap in dict.fromkeys((radius, widest, 2 * widest)):
        for dx, dy in LABEL_POSITIONS:
            artist.set_ha({1: "left", -1: "right", 0: "center"}[dx])
            artist.set_va({1: "bottom", -1: "top", 0: "center"}[dy])
            artist.xyann = (dx * (gap + pad), dy * (gap + pad))
            extent = artist.get_window_extent(page.renderer)
            inside = frame.contains(extent.x0, extent.y0) and frame.contains(extent.x1, extent.y1)
            if inside and not any(extent.overlaps(b) for b in markers + taken):
                return True
    return False


def _scale_bar(
    page: _Page, bounds: Bounds, frame: Bbox, bottom: float, height: float, tr: Tr
) -> Axes:
    """A bar of a round length under the map's lower-left corner, with its length in km.

    Outside the map frame, so it never hides a corridor. True on the projection's
    standard parallels (35° and 50° N); within a few per cent across the region.
    """
    metres_per_inch = (bounds[2] - bounds[0]) / frame.width
    length_km = _nice_length_km(frame.width * metres_per_inch / 1000)
    bar_in = length_km * 1000 / metres_per_inch
    ax = page.fig.add_axes((*page.frac(frame.x0, bottom), *page.frac(frame.width, height)))
    ax.set_axis_off()
    ax.set_xlim(0, frame.width)
    ax.set_ylim(0, 1)
    ax.plot([0, bar_in], [0.62, 0.62], color="#222", lw=2.5 * page.scale, solid_capstyle="butt")
    ax.plot(
        [0, bar_in / 2], [0.62, 0.62], color="white", lw=1.1 * page.scale, solid_capstyle="butt"
    )
    ax.text(
        bar_in + 0.06 * page.scale,
        0.62,
        tr("{value} {unit}").format(value=tr.number(length_km), unit=tr("km")),
        fontsize=page.size("scale"),
        color="#222",
        va="center",
        ha="left",
    )
    return ax

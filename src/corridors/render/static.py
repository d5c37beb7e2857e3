"""Static maps (PNG, SVG, PDF) of a view, drawn on the server with matplotlib.

The same features and the same styles as the dashboard, on an Albers equal-area
projection centred on the region, with a title block, legend, scale bar and footer
(sources and date). No browser and no network are involved.

The page is laid out from measured text, not fixed fractions: text is sized in points for
the physical page (:attr:`StaticOptions.text_scale`), the title block and footer take the
height their text needs, the legend goes right of the map on a wide page and below it on
a narrow or tall one, and the map takes what is left. :func:`draw_static` returns the
parts so a test can check from matplotlib's own extents that none overlap or leave the page.

This module puts the page together; :mod:`corridors.render.static_layout` lays out its parts
(title block, legend, footer) and :mod:`corridors.render.static_draw` draws the map's frame.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from corridors.kinds import TIMELESS_KINDS
from corridors.render.paper import StaticOptions
from corridors.render.static_draw import (
    PROJECTION,
    add_scale_bar,
    add_year_badge,
    draw_map,
    trade_marks,
)
from corridors.render.static_frame import map_extent, reaching
from corridors.render.static_layout import (
    Bounds,
    Page,
    add_caption,
    add_footer,
    frame_for,
    legend_and_map_box,
    title_block,
)
from corridors.view import View

#: Fonts tried in order per glyph: Latin/Cyrillic from DejaVu, Chinese from Noto CJK.
FONTS = ["DejaVu Sans", "Noto Sans CJK SC", "Noto Serif CJK SC"]


@dataclass
class StaticMap:
    """A drawn page and its parts, for saving and for layout checks."""

    figure: Figure
    title: list[Text]
    map: Axes
    legend: Legend | None
    scale_bar: Axes
    footer: Text
    #: The labels' text (each over its halo, ``label-halo-<id>``, and, where its marker
    #: has no room beside it, a leader line, ``leader-<id>``).
    labels: list[Annotation]
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


@dataclass
class _MapLayout:
    """The legend and the map's frame for an extent: placed once, or again when a snapshot's
    frame reaches features (kinds, statuses) its first legend did not list."""

    page: Page
    view: View
    top: float
    bottom: float
    scale_h: float
    extent: Bounds
    #: The frame takes all the room the legend leaves (a snapshot, at the page's shape).
    fill: bool = False
    #: The choropleth's marks the legend lists (None: all, for an animation).
    marks: frozenset[str] | None = None

    def place(self, in_legend: gpd.GeoDataFrame) -> tuple[Legend | None, bool, Bbox, Bounds]:
        """The legend, whether it is below the map, the map's frame and its bounds."""
        extent = self.extent
        aspect = (extent[2] - extent[0]) / (extent[3] - extent[1])
        legend, below, available = legend_and_map_box(
            self.page,
            in_legend,
            self.view.selection.layers,
            self.top,
            self.bottom,
            self.scale_h,
            self.view.tr,
            aspect,
            self.marks,
        )
        map_box = frame_for(available, extent, fill=self.fill)
        return legend, below, map_box, _fit_aspect(extent, map_box.width, map_box.height)


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
    page = Page(fig, options)
    tr = view.tr
    title = title_block(page, view, options)
    if frame is not None:
        title.append(add_caption(page, frame.caption, min(page.extent_in(t).y0 for t in title)))
    top = min(page.extent_in(t).y0 for t in title) - page.gap
    # Labels are capitals' names: say what a star means when one stands in English.
    drawable = view.on_map
    labelled = drawable[drawable["kind"].isin(TIMELESS_KINDS)]
    starred = any(tr.name(row)[1] for row in labelled.drop(columns="geometry").to_dict("records"))
    footer = add_footer(page, attribution, made or date.today(), tr, starred)
    bottom = page.extent_in(footer).y1 + page.gap
    scale_h = page.size("scale") * 2.6 / 72
    outlines = view.outlines.to_crs(PROJECTION)
    features = drawable.to_crs(PROJECTION)
    framed = features if frame is None else frame.extent_basis.to_crs(PROJECTION)
    extent = map_extent(view.selection, framed, outlines, options.window)
    in_legend = drawable if frame is None else frame.legend_basis
    snapshot = options.window is not None
    # An animation's legend is that of all its years (nothing on the page moves).
    marks = None if frame is not None else trade_marks(view)
    layout = _MapLayout(page, view, top, bottom, scale_h, extent, fill=snapshot, marks=marks)
    if not snapshot:
        legend, below, map_box, bounds = layout.place(in_legend)
    else:
        # A snapshot draws every feature its frame reaches, and its legend lists them: the
        # frame is the extent grown to the page, so lay out for the extent, then again if
        # the grown frame reaches a feature the extent did not.
        guess = reaching(in_legend, extent, PROJECTION)
        legend, below, map_box, bounds = layout.place(guess)
        seen = reaching(in_legend, bounds, PROJECTION)
        if set(seen["id"]) != set(guess["id"]):
            if legend is not None:
                legend.remove()
            legend, below, map_box, bounds = layout.place(seen)
        features = reaching(features, bounds, PROJECTION)
    if legend is not None:
        anchor = (
            (page.margin, map_box.y0 - 2 * page.gap - scale_h)
            if below
            else (map_box.x1 + page.gap, top)
        )
        legend.set_bbox_to_anchor(page.frac(*anchor), transform=fig.transFigure)
    corner, size = page.frac(map_box.x0, map_box.y0), page.frac(map_box.width, map_box.height)
    ax = fig.add_axes((*corner, *size))
    badge = None if frame is None else add_year_badge(page, ax, view.selection.year)
    avoid = [] if badge is None else [badge.get_window_extent(page.renderer)]
    drawn, labels = draw_map(page, ax, view, bounds, outlines, features, avoid)
    scale_bar = add_scale_bar(page, bounds, map_box, map_box.y0 - page.gap - scale_h, scale_h, tr)
    return StaticMap(fig, title, ax, legend, scale_bar, footer, labels, drawn, badge)

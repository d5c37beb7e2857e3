"""The page of a static map: its parts laid out from measured text.

Text is sized in points for the physical page (:attr:`StaticOptions.text_scale`); the
title block and footer take the height their text needs; the legend goes right of the
map on a wide page and below it on a narrow or tall one; the map takes what is left.
What is drawn inside the map's frame is :mod:`corridors.render.static_draw`.
"""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

import geopandas as gpd
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from corridors.i18n import Tr
from corridors.kinds import legend_rows
from corridors.render.paper import StaticOptions, credits_line, title_lines
from corridors.render.static_casing import casing_effects
from corridors.render.styles import (
    LEGEND_DASH_SCALE,
    LINE_STATUSES,
    PARTNER_HATCH,
    STATUS_FILL,
    STATUS_SWATCH,
    dash_list,
    has_casing,
    legend_dashes,
    trade_legend,
)
from corridors.status import status_label
from corridors.view import View

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
#: Below the map, the legend takes at most this many columns.
LEGEND_MAX_COLUMNS = 5
Bounds = tuple[float, float, float, float]


class PageCanvas(FigureCanvasAgg):
    """An Agg canvas that draws only when the page is saved.

    geopandas asks the canvas to redraw after each plot (``draw_idle``): that drew the
    whole page three times before it was saved, about 1 s of every PNG (half of it).
    """

    def draw_idle(self, *args: Any, **kwargs: Any) -> None:
        """Nothing to show until saved: the file is the only output."""


class Page:
    """Inches on the page, and the renderer that measures text on it."""

    def __init__(self, fig: Figure, options: StaticOptions):
        self.fig = fig
        self.width, self.height = options.size_in
        self.scale = options.text_scale
        self.renderer = PageCanvas(fig).get_renderer()
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


#: The caption under an animation's title always takes this many lines, so it never moves.
CAPTION_LINES = 2


def add_caption(page: Page, text: str, below: float) -> Text:
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


#: How much the map's extent may grow beyond the region's own shape to fill its frame.
MAX_GROW = 1.4


def frame_for(available: Bbox, extent: Bounds, fill: bool = False) -> Bbox:
    """The map frame in ``available``: top-left aligned, no more than MAX_GROW off the
    extent's shape, so the map is not padded with far-away sea and clipped context.

    ``fill``: take all of ``available`` (a snapshot is framed at the page's shape: what
    is round its window is the map's own context, drawn to the frame).
    """
    if fill:
        return available
    aspect = (extent[2] - extent[0]) / (extent[3] - extent[1])
    x0, y0, x1, y1 = available.extents
    if available.width / available.height < aspect / MAX_GROW:  # too tall
        y0 = y1 - available.width * MAX_GROW / aspect
    elif available.width / available.height > aspect * MAX_GROW:  # too wide
        x1 = x0 + available.height * aspect * MAX_GROW
    return Bbox.from_extents(x0, y0, x1, y1)


def title_block(page: Page, view: View, options: StaticOptions) -> list[Text]:
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


def add_footer(page: Page, attribution: str, made: date, tr: Tr, starred: bool) -> Text:
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
    selected: gpd.GeoDataFrame,
    layers: tuple[str, ...],
    k: float,
    tr: Tr,
    marks: frozenset[str] | None = None,
) -> list[Any]:
    """Kinds present (the screen legend's rows), each status drawn, and the trade classes.

    ``k`` scales the symbols with the legend's type; ``marks``: which of the choropleth's
    "no figure" (``"none"``) and hatched (``"partner"``) rows the map draws (None: both,
    as an animation's legend, fixed for all its years, needs).
    """
    handles: list[Any] = []
    is_line = selected.geom_type.str.contains("Line")
    for row in legend_rows(set(selected["kind"])):
        cased = all(has_casing(kind) for kind in row.kinds)  # as the map draws it
        if is_line[selected["kind"].isin(row.kinds)].any():
            effects = casing_effects(3 * k, k) if cased else []
            handles.append(
                Line2D(
                    [], [], color=row.colour, lw=3 * k, label=tr(row.label), path_effects=effects
                )
            )
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
                    path_effects=casing_effects(1.2 * k, k) if cased else [],
                )
            )
    statuses = set(selected["status_in_year"])
    for status in LINE_STATUSES:
        if status in statuses:
            handles.append(status_handle(status, k, tr))
    if "trade" in layers:
        rows = trade_legend(tr)
        for i, (label, swatch) in enumerate(rows):
            last = i == len(rows) - 1  # "no figure"
            if last and marks is not None and "none" not in marks:
                continue
            text = (
                tr("Trade: {none}").format(none=label)
                if last
                else tr("Trade {range} US$ bn").format(range=label)
            )
            handles.append(Patch(facecolor=swatch, edgecolor="#777", lw=0.8 * k, label=text))
        if marks is None or "partner" in marks:
            handles.append(
                Patch(
                    facecolor="white",
                    edgecolor="#222",
                    hatch=PARTNER_HATCH,
                    ls=(0, (4, 3)),
                    lw=1.2 * k,
                    label=tr("Dashed edge: the country's own figure (China's is missing)"),
                )
            )
    return handles


def status_handle(status: str, k: float = 1.0, tr: Tr | None = None) -> tuple[Line2D, Line2D]:
    """A status as on the map: its line pattern, cased dash by dash, and over it a marker
    filled as its points are, rimmed (a pair the legend draws one over the other)."""
    fill = STATUS_FILL.get(status, 1.0)
    face = "#333333" if fill >= 0.9 else ("#a6a6a6" if fill > 0 else "white")
    dash = dash_list(status)
    line = Line2D(
        [0, 1],
        [0, 0],
        color=STATUS_SWATCH,
        lw=2 * k,
        ls=legend_dashes(status),
        label=status_label(status, tr),
        path_effects=casing_effects(
            2 * k, k, [v * LEGEND_DASH_SCALE * k for v in dash] if dash else None
        ),
    )
    marker = Line2D(
        [0.5],
        [0],
        ls="",
        marker="o",
        mfc=face,
        mec="#333",
        mew=k,
        ms=6 * k,
        path_effects=casing_effects(k, k),
    )
    return line, marker


def _label(handle: Any) -> str:
    """A legend handle's label (a pair's is its first part's)."""
    return (handle[0] if isinstance(handle, tuple) else handle).get_label()


def _place_legend(page: Page, handles: list[Any], ncol: int, size: float, x: float, y: float):
    legend = page.fig.legend(
        handles=handles,
        labels=[_label(h) for h in handles],
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


def legend_and_map_box(
    page: Page,
    features: gpd.GeoDataFrame,
    layers: tuple[str, ...],
    top: float,
    bottom: float,
    scale_h: float,
    tr: Tr,
    aspect: float | None = None,
    marks: frozenset[str] | None = None,
) -> tuple[Legend | None, bool, Bbox]:
    """Place the legend right of the map (wide page) or below it.

    Where both fit, the one that draws the map larger wins, given the map extent's
    ``aspect`` (width / height): a legend beside a wide map on a landscape page would
    leave a blank band under the map, one below a tall map a band beside it.

    Returns the legend, whether it is below the map, and the box left for the map (the
    scale bar's row under it already set aside).
    """
    left, right = page.margin, page.width - page.margin
    under_map = scale_h + page.gap
    size = page.size("legend")
    handles = _legend_handles(features, layers, size / SIZES_PT["legend"], tr, marks)
    if not handles:
        return None, False, Bbox.from_extents(left, bottom + under_map, right, top)
    wide = page.width / page.height >= LEGEND_RIGHT_MIN_ASPECT
    for attempt in range(LEGEND_ATTEMPTS):
        handles = _legend_handles(features, layers, size / SIZES_PT["legend"], tr, marks)
        legend, extent = _place_legend(page, handles, 1, size, left, top)
        legend.remove()
        beside = None
        narrow_enough = extent.width <= LEGEND_RIGHT_MAX_SHARE * page.width
        if wide and narrow_enough and extent.height <= top - bottom:
            beside = Bbox.from_extents(
                left, bottom + under_map, right - extent.width - page.gap, top
            )
        ncol, height = _columns_that_fit(page, handles, size, extent.width, right - left)
        map_bottom = bottom + height + page.gap + under_map
        below = Bbox.from_extents(left, map_bottom, right, top)
        below_fits = top - map_bottom >= MAP_MIN_HEIGHT_SHARE * page.height
        if beside is not None and (
            not below_fits or _map_scale(beside, aspect) >= _map_scale(below, aspect)
        ):
            legend, _ = _place_legend(page, handles, 1, size, right - extent.width, top)
            return legend, False, beside
        if below_fits or attempt == LEGEND_ATTEMPTS - 1:
            legend, _ = _place_legend(page, handles, ncol, size, left, bottom + height)
            return legend, True, below
        size *= LEGEND_SHRINK
    raise AssertionError("unreachable: the last attempt always returns")


def _map_scale(box: Bbox, aspect: float | None) -> float:
    """How large a map of ``aspect`` is drawn in ``box`` (its width there, in inches).

    Without an aspect, the box's area stands in.
    """
    if aspect is None:
        return box.width * box.height
    return min(box.width, box.height * aspect)


def _columns_that_fit(
    page: Page, handles: list[Any], size: float, column: float, width: float
) -> tuple[int, float]:
    """The most legend columns that fit ``width`` inches, and the legend's height then.

    Tried from the most columns down: each column is as wide as its own longest entry, so
    one long entry (the trade note) does not make every column that wide, and the legend
    spreads across the page instead of leaving a blank band beside it.
    """
    ncol = max(1, min(len(handles), LEGEND_MAX_COLUMNS))
    while True:
        legend, extent = _place_legend(page, handles, ncol, size, 0, page.height)
        legend.remove()
        if extent.width <= width or ncol == 1:
            return ncol, extent.height
        ncol -= 1

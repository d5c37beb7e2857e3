"""What a static map draws inside its frame: neighbours, outlines, the trade choropleth,
lines, markers and their labels, the scale bar under the frame and an animation's year.

All on an Albers equal-area projection centred on the region (:data:`PROJECTION`).
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd
import numpy as np
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from corridors.data.trade_basis import PARTNER_SERIES
from corridors.i18n import Tr
from corridors.kinds import KINDS, colour
from corridors.render.static_casing import casing_effects, casing_reach_pt, casing_strokes
from corridors.render.static_frame import clip_context, context_shape
from corridors.render.static_labels import place_labels
from corridors.render.static_layout import Bounds, Page
from corridors.render.styles import (
    BACKGROUND,
    NEIGHBOUR_STYLE,
    OUTLINE_STYLE,
    PARTNER_HATCH,
    STATUS_FILL,
    paper_dash_points,
    paper_dashes,
    paper_line_width,
    paper_marker_size,
    trade_colour,
)
from corridors.view import View, in_region

#: Albers equal-area for Central Asia and western China: areas true, shapes close.
PROJECTION = "+proj=aea +lat_0=40 +lon_0=80 +lat_1=35 +lat_2=50 +datum=WGS84 +units=m"


def _nice_length_km(span_km: float) -> float:
    """A round scale-bar length about a fifth of ``span_km``."""
    target = span_km / 5
    exp = 10 ** math.floor(math.log10(target))
    return max(m * exp for m in (1, 2, 5) if m * exp <= target)


def add_year_badge(page: Page, ax: Axes, year: int) -> Text:
    """The frame's year, large, in the map's top right corner: text over a white halo
    (a stroked copy below it, so the year itself stays text in SVG and PDF)."""
    badge = {
        "transform": ax.transAxes,
        "ha": "right",
        "va": "top",
        "fontsize": 36 * page.scale,
        "weight": "bold",
    }
    halo = patheffects.withStroke(linewidth=4 * page.scale, foreground="white")
    ax.text(0.985, 0.975, str(year), color="white", zorder=7.95, path_effects=[halo], **badge)
    return ax.text(0.985, 0.975, str(year), color="#333", zorder=8, **badge)


def partner_reported(view: View) -> set[str]:
    """The countries whose trade figure is their own (China's is missing): hatched."""
    table = view.trade_table
    return set(table.loc[table["series"] == PARTNER_SERIES, "iso3"])


def trade_marks(view: View) -> frozenset[str]:
    """The choropleth's marks beyond its classes that the map draws: ``"none"`` (a
    country with no figure, grey) and ``"partner"`` (hatched), so the legend lists only
    those, as the screen's does."""
    if "trade" not in view.selection.layers:
        return frozenset()
    shown = view.outlines["iso3"][view.outlines["iso3"].isin(view.trade_table["iso3"])]
    marks = {"none"} if any(view.trade_values.get(c) is None for c in shown) else set()
    return frozenset(marks | ({"partner"} if partner_reported(view) else set()))


def draw_map(
    page: Page,
    ax: Axes,
    view: View,
    bounds: Bounds,
    outlines: gpd.GeoDataFrame,
    features: gpd.GeoDataFrame,
    avoid: list[Bbox] | None = None,
) -> tuple[list[str], list[Annotation]]:
    """The map frame: neighbours, outlines, choropleth, features, labels (projected).

    ``avoid``: boxes (pixels) no label may cover, such as an animation's year.
    """
    ax.set_facecolor(BACKGROUND)
    edge = 0.6 * page.scale
    # Paper keeps to the region: the world beyond it would smear across the projection's
    # back meridian, and a frame that reaches past the box gets the rounded edge instead.
    neighbours = in_region(view.neighbours)
    if len(neighbours):
        before = len(ax.collections)
        neighbours.to_crs(PROJECTION).plot(
            ax=ax,
            facecolor=NEIGHBOUR_STYLE["fillColor"],
            edgecolor=NEIGHBOUR_STYLE["color"],
            linewidth=edge * 0.8,
        )
        shape = context_shape(neighbours, PROJECTION, bounds)
        if shape is not None:  # the map reaches past the stored neighbours: no cut edges
            clip_context(ax, shape, BACKGROUND, ax.collections[before:])
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
        partner = shown[shown["iso3"].isin(partner_reported(view))]
        if len(partner):  # the country's own figure: hatched, dashed edge (as on screen)
            partner.plot(
                ax=ax,
                facecolor="none",
                edgecolor="#222",
                hatch=PARTNER_HATCH,
                linestyle=(0, (4, 3)),
                linewidth=edge * 1.6,
            )
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
    labels = place_labels(page, ax, points, view.tr, avoid)
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
        dash = paper_dash_points(row["status_in_year"], scale)
        style = paper_dashes(row["status_in_year"], lw, scale)
        effects = casing_effects(lw, scale, dash, kind=row["kind"])
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
                path_effects=effects,
            )
            artist.set_gid(f"feature-{row['id']}")
        drawn.append(row["id"])
    return drawn


def _draw_line_collections(ax: Axes, lines: gpd.GeoDataFrame, scale: float) -> list[str]:
    """Many lines: one collection per kind and status (same colour, width and dashes),
    over one collection per casing (round caps on the dashes too: the same pattern cases
    each dash)."""
    for (kind, status), group in lines.groupby(["kind", "status_in_year"], sort=False):
        lw = paper_line_width(kind) * scale
        segments = [
            np.asarray(part.coords)
            for geom in group.geometry
            for part in getattr(geom, "geoms", [geom])
        ]
        dash = paper_dash_points(status, scale)
        strokes = casing_strokes(lw, scale, dash, butt=False, kind=kind)
        for stroke, width, pattern in [*strokes, (colour(kind), lw, dash)]:
            ax.add_collection(
                LineCollection(
                    segments,
                    colors=stroke,
                    linewidths=width,
                    # In multiples of the width, as matplotlib scales dashes by it.
                    linestyles=(0, tuple(v / width for v in pattern)) if pattern else "solid",
                    capstyle="round",
                    zorder=3,
                ),
                autolim=False,
            )
    return list(lines["id"])


def _draw_points(
    ax: Axes, projected: gpd.GeoDataFrame, scale: float
) -> tuple[list[tuple[dict, Any, float]], list[str]]:
    """Markers, smaller over bigger; return (row, geometry, radius pt) and the ids."""
    points = projected[projected.geom_type == "Point"]
    placed = []
    for row, geom in zip(points.to_dict("records"), points.geometry, strict=True):
        kind = KINDS.get(row["kind"])
        fill = STATUS_FILL.get(row["status_in_year"], 1.0)
        diameter = paper_marker_size(row["kind"]) * scale
        edge = 1.5 * scale
        artist = ax.scatter(
            [geom.x],
            [geom.y],
            s=diameter**2,
            facecolor=colour(row["kind"]) if fill > 0 else "white",
            edgecolor=(kind.edge if kind and kind.edge else colour(row["kind"])),
            alpha=1.0,
            linewidths=edge,
            # Smaller markers over bigger ones, so a capital's dot shows on a project's
            # disc in the same city (and its label has a dot to point to).
            zorder=6 - paper_marker_size(row["kind"]) / 100,
            path_effects=casing_effects(edge, scale, kind=row["kind"]),
        )
        artist.set_gid(f"feature-{row['id']}")
        reach = edge / 2 + casing_reach_pt(row["kind"], scale)
        placed.append((row, geom, diameter / 2 + reach))
    return placed, [row["id"] for row, _, _ in placed]


def add_scale_bar(
    page: Page, bounds: Bounds, frame: Bbox, bottom: float, height: float, tr: Tr
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

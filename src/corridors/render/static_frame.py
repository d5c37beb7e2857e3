"""What a static map frames, and how the grey context around the six ends.

The extent. A map is framed on what it shows: the features drawn and the Central Asian
countries selected (China only when it is the one chosen: it is vast), with a margin. An
explicit extent (the command line's ``--bbox``) is honoured as given. The dashboard sends
the extent on screen, which is a window, not a subject: a snapshot of it is framed on what
is shown *within* that window (their intersection, the margin kept on the sides where
the content ends inside the window), so the opening view, whose window is mostly empty
land and sea, prints Central Asia large rather than as a speck; a view zoomed in past the
content prints the window itself. A snapshot takes the page's shape, and draws every
feature its frame reaches, in the window or not (a phone's narrow window printed on a
landscape page shows the corridors either side of it); other extents grow to the page's
shape by at most MAX_GROW.

The context. Paper draws the neighbouring countries clipped to the region's lon/lat box
(``config.CONTEXT_BOX``; the live map draws the whole world). When the map reaches past
that box, its edge would show as a straight cut through the land; the neighbours are
then drawn inside a rounded oblong that fits the box (:func:`context_shape`), on the
sea's colour, and the paper outside it is left blank: a vignette that reads as a choice,
not as missing data or a border.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from shapely import affinity
from shapely.geometry import Polygon, box

from corridors.config import CHINA
from corridors.selection import Selection

Bounds = tuple[float, float, float, float]
#: The margin round what a map shows, as a share of its longer side.
MARGIN = 0.06
#: The context's edge: a superellipse of this power (2 an ellipse; higher, squarer).
SUPERELLIPSE_POWER = 3.0
#: Halvings when fitting it inside the neighbours' stored box.
FIT_STEPS = 20


def _lonlat_box(bounds: Bounds, crs: str) -> gpd.GeoSeries:
    """A lon/lat box in ``crs``, densified so its curved edges count."""
    return gpd.GeoSeries([box(*bounds).segmentize(0.5)], crs="EPSG:4326").to_crs(crs)


def shown_extent(sel: Selection, features: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame) -> Bounds:
    """The features drawn and the selected countries, with a margin (in ``features``' CRS).

    China frames the map only when it is the one country chosen: with others chosen it
    would shrink them to a corner (as on screen, where choosing countries fits to them).
    """
    wanted = [c for c in sel.countries if c != CHINA] or list(sel.countries)
    countries = outlines[outlines["iso3"].isin(wanted)].geometry
    frames = [g for g in (features.geometry, countries) if len(g)]
    if not frames:
        frames = [outlines[outlines["iso3"] != CHINA].geometry]
    minx, miny, maxx, maxy = gpd.GeoSeries(pd.concat(frames), crs=features.crs).total_bounds
    pad = MARGIN * max(maxx - minx, maxy - miny)
    return minx - pad, miny - pad, maxx + pad, maxy + pad


def map_extent(
    sel: Selection,
    features: gpd.GeoDataFrame,
    outlines: gpd.GeoDataFrame,
    window: Bounds | None = None,
) -> Bounds:
    """What the map frames, in the features' (projected) CRS.

    With a ``window`` (the dashboard's extent on screen, lon/lat): what is shown within
    it. Else the selection's bbox as given, or, without one, what is shown.
    """
    shown = shown_extent(sel, features, outlines)
    if window is not None:
        seen = tuple(_lonlat_box(window, features.crs).total_bounds)
        both = box(*seen).intersection(box(*shown))
        return tuple(both.bounds) if both.area > 0 else seen
    if sel.bbox is None:
        return shown
    return tuple(_lonlat_box(sel.bbox, features.crs).total_bounds)


def reaching(features: gpd.GeoDataFrame, bounds: Bounds, crs: str) -> gpd.GeoDataFrame:
    """The features (any CRS) that reach into ``bounds`` (in ``crs``)."""
    return features[features.to_crs(crs).intersects(box(*bounds))]


def context_shape(neighbours: gpd.GeoDataFrame, crs: str, bounds: Bounds) -> Polygon | None:
    """The shape the neighbours are clipped to, or None when the map stays inside the box
    they are stored in (so no cut edge can show).

    The largest superellipse (a rounded oblong, no straight side) inside the stored box
    as the projection draws it (a fan: parallels as arcs, meridians converging), centred
    on it: a vignette that reads as the edge of the context, not as a border. Cut to the
    map's frame, since a clip path replaces the axes' own clip in SVG and PDF rather
    than adding to it. ``neighbours`` are in lon/lat; ``bounds`` is the map's extent in
    ``crs``.
    """
    if not len(neighbours):
        return None
    stored = _lonlat_box(tuple(neighbours.total_bounds), crs).iloc[0]
    frame = box(*bounds)
    if frame.within(stored) or not frame.intersects(stored):
        return None  # no edge of the stored box is on the map
    unit = _superellipse(SUPERELLIPSE_POWER)
    low, high = 0.0, 1.0  # at 1 it is as wide and tall as the box's bounds
    for _ in range(FIT_STEPS):
        mid = (low + high) / 2
        low, high = (mid, high) if _scaled(unit, stored.bounds, mid).within(stored) else (low, mid)
    return _scaled(unit, stored.bounds, low).intersection(frame)


def _scaled(unit: Polygon, bounds: Bounds, scale: float) -> Polygon:
    """``unit`` (centred on 0, radius 1) over ``bounds``, times ``scale``."""
    minx, miny, maxx, maxy = bounds
    half_w, half_h = (maxx - minx) / 2 * scale, (maxy - miny) / 2 * scale
    return affinity.affine_transform(
        unit, [half_w, 0, 0, half_h, minx + (maxx - minx) / 2, miny + (maxy - miny) / 2]
    )


def _superellipse(power: float, points: int = 256) -> Polygon:
    """|x|^p + |y|^p = 1: a circle at p = 2, a rounded square as p grows."""
    t = np.linspace(0, 2 * np.pi, points, endpoint=False)
    c, s = np.cos(t), np.sin(t)
    x = np.sign(c) * np.abs(c) ** (2 / power)
    y = np.sign(s) * np.abs(s) ** (2 / power)
    return Polygon(np.column_stack([x, y]))


def clip_context(ax: Axes, shape: Polygon, sea: str, artists: list) -> None:
    """Draw the sea inside ``shape`` only (white paper outside), and clip ``artists`` (the
    neighbours) to it."""
    ax.set_facecolor("white")
    coords = np.asarray(shape.exterior.coords)
    ax.add_patch(PathPatch(Path(coords), facecolor=sea, lw=0, zorder=0.5))
    clip = PathPatch(Path(coords), transform=ax.transData)
    for artist in artists:
        artist.set_clip_path(clip)

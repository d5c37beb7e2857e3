"""Markers read back from a drawn static map, for the layout and label tests."""

from __future__ import annotations

import math

from matplotlib import patheffects
from matplotlib.transforms import Bbox


def stroke_width(collection) -> float:
    """A marker's widest stroke (points): its edge, or a casing drawn under it (a path
    effect's stroke)."""
    (edge,) = collection.get_linewidths()
    casings = [
        effect._gc.get("linewidth", 0.0)
        for effect in collection.get_path_effects()
        if isinstance(effect, patheffects.Stroke)
    ]
    return max([edge, *casings])


def marker_circles(page) -> dict[str, tuple[float, float, float]]:
    """Each point feature's marker (a one-point scatter tagged with its id): centre and
    radius, edge and casings included, in pixels."""
    out = {}
    for collection in page.map.collections:
        gid = collection.get_gid() or ""
        if not gid.startswith("feature-"):
            continue
        (offset,) = collection.get_offsets()
        x, y = collection.get_offset_transform().transform(offset)
        (size,) = collection.get_sizes()
        out[gid.removeprefix("feature-")] = (
            x,
            y,
            (size**0.5 / 2 + stroke_width(collection) / 2) * page.figure.dpi / 72,
        )
    return out


def gap(circle: tuple[float, float, float], box: Bbox) -> float:
    """How far ``box`` is from the circle (0 if they touch or overlap)."""
    x, y, r = circle
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return max(math.hypot(dx, dy) - r, 0.0)

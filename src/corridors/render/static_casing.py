"""A symbol's casings on paper: the screen's (:data:`corridors.render.styles.CASINGS`) as
matplotlib path effects, so a printed line or marker has the same white halo and dark
casing as on screen, each a stroke of the artist's own path drawn beneath it.

Path effects, not extra artists: a feature stays one artist (one ``id="feature-…"`` group
in an SVG), and a legend handle copies them, so the legend draws what the map draws. Many
lines drawn as one collection get a collection per casing instead
(:func:`casing_strokes`): a collection with path effects is drawn path by path, which made
a PNG of 10,000 lines 3.6 times slower.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib import patheffects
from matplotlib.patheffects import AbstractPathEffect

from corridors.render.styles import (
    CASINGS,
    PAPER_LINE_SCALE,
    cased_dash,
    casing_reach,
    has_casing,
)


def casing_strokes(
    lw: float,
    scale: float,
    dash: Sequence[float] | None = None,
    butt: bool = True,
    kind: str | None = None,
) -> list[tuple[str, float, list[float] | None]]:
    """The casings under a stroke ``lw`` points wide, bottom first: colour, width (points)
    and dash pattern (points; None when solid).

    ``dash``: the stroke's dash pattern in points (None when solid); ``butt``: its dashes
    have butt caps (each casing dash is then lengthened to case the dash's ends);
    ``scale``: the page's, which paper line widths scale by. A ``kind`` with its own edge
    (the capital) is not cased.
    """
    if kind is not None and not has_casing(kind):
        return []
    strokes = []
    for casing in CASINGS:
        extra = casing.extra * PAPER_LINE_SCALE * scale
        pattern = cased_dash(list(dash), extra, butt) if casing.dashed and dash else None
        strokes.append((casing.colour, lw + 2 * extra, pattern))
    return strokes


def casing_effects(
    lw: float,
    scale: float,
    dash: Sequence[float] | None = None,
    butt: bool = True,
    kind: str | None = None,
) -> list[AbstractPathEffect]:
    """Path effects drawing :func:`casing_strokes` under an artist, then the artist."""
    strokes = casing_strokes(lw, scale, dash, butt, kind)
    if not strokes:
        return []
    effects: list[AbstractPathEffect] = [
        patheffects.Stroke(
            linewidth=width,
            foreground=colour,
            alpha=1.0,
            # Always set, so a solid casing stays solid under a dashed stroke.
            dashes={"dash_offset": 0, "dash_list": pattern},
        )
        for colour, width, pattern in strokes
    ]
    return [*effects, patheffects.Normal()]


def casing_reach_pt(kind: str, scale: float) -> float:
    """How far a kind's casings reach past its stroke on paper (points)."""
    return casing_reach() * PAPER_LINE_SCALE * scale if has_casing(kind) else 0.0

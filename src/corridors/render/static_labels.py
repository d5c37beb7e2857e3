"""Labels of a static map's markers: each beside its own marker, or joined to it by a
leader line, or left out; and real text in SVG and PDF, with a white halo.

Why labels once sat beside the wrong marker: each label took the first of eight positions
that covered no marker and no label, and when none was free next to its own marker it was
pushed out to twice the widest marker on that spot, with nothing to say whose label it was.
On a crowded or wide extent (a dashboard's whole-screen extent, ``--bbox=-180,-90,180,90``)
that put "Ashgabat" closer to Tashkent's dot than to its own, and every capital's name a
marker or two away from its dot. Positions were always computed in the final layout (the
map's frame and limits do not move when the file is saved); the rule itself was wrong.

Now a label sits only where a reader pairs it with its own marker: touching it (a gap of
:data:`PAD_PT`), inside the map, clear of every marker and label, and nearer its own marker
than any other by :data:`CLEAR_PT`. Failing that, it sits further out with a thin leader
line to its marker, the line crossing no other marker, label or leader; failing that, it is
left out. Markers on the same spot (a capital inside its summit's ring, a plant in the
city it serves) count as one mark.

A halo drawn as a path effect turns the text into outlines (matplotlib draws path-effect
text as paths, so ``svg.fonttype="none"`` cannot keep it text). Each label is therefore two
artists: the halo, a white stroked copy, below; the text, plain, above, which stays
``<text>`` in SVG and searchable, copyable text in PDF.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox
from shapely.geometry import LineString, Point, box

from corridors.i18n import Tr
from corridors.kinds import KINDS
from corridors.render.static_layout import Page

#: Where a label may sit round its marker, in order of preference (Imhof's order, as in
#: Slocum et al.): right, upper right, lower right, left, upper left, lower left, above,
#: below. Each is a direction from the marker's centre.
LABEL_POSITIONS = ((1, 0), (1, 1), (1, -1), (-1, 0), (-1, 1), (-1, -1), (0, 1), (0, -1))
#: The gap between a marker and its label (points on the reference page).
PAD_PT = 2.0
#: Any other marker must be at least this much further from a label than its own marker,
#: or the label reads as the other marker's (points on the reference page).
CLEAR_PT = 4.0
#: Labels keep at least this far apart (points on the reference page).
APART_PT = 5.0
#: A label with a leader sits this many label heights beyond its marker, nearest first.
LEADER_STEPS = (1.5, 2.5, 3.5, 4.5)
#: Halvings when finding where a label touches its spot.
TOUCH_STEPS = 16
#: The halo's width and the leader line's (points on the reference page).
HALO_PT = 2.2
LEADER_PT = 0.7


@dataclass(frozen=True)
class Mark:
    """A marker on the page: its feature, centre and radius (edge included), in pixels."""

    id: str
    x: float
    y: float
    r: float

    def gap_to(self, other: Bbox) -> float:
        """How far ``other`` is from the marker's circle (0 if they touch or overlap)."""
        dx = max(other.x0 - self.x, 0.0, self.x - other.x1)
        dy = max(other.y0 - self.y, 0.0, self.y - other.y1)
        return max(math.hypot(dx, dy) - self.r, 0.0)

    def shares_spot(self, other: Mark) -> bool:
        """``other`` is drawn on this marker's spot (its centre inside this marker), so the
        two read as one place: a capital and its summit's ring, a plant in its city."""
        return math.hypot(self.x - other.x, self.y - other.y) <= self.r

    def circle(self) -> Any:
        return Point(self.x, self.y).buffer(self.r, 16)


def label_text(row: dict[str, Any], tr: Tr) -> str | None:
    """What a marker is labelled with: a capital's name, a summit's year; else nothing.

    The name is in the reader's language; the English one, starred, where the sources give
    none (the footer says what the star means).
    """
    kind = KINDS.get(row["kind"])
    if kind and kind.is_timeless:
        name, fallback = tr.name(row)
        return f"{name}*" if fallback else name
    if row["kind"] == "summit":
        return tr("Summit {year}").format(year=f"{row['opened']:.0f}")
    return None


class _Placer:
    """Free room on the map: its frame, the markers, and the labels and leaders placed."""

    def __init__(self, page: Page, ax: Axes, marks: list[Mark], avoid: list[Bbox]):
        self.page, self.ax = page, ax
        self.px = page.fig.dpi / 72  # pixels per point
        self.frame = ax.get_window_extent(page.renderer)
        self.marks = marks
        self.taken: list[Bbox] = list(avoid)
        self.leaders: list[LineString] = []
        self.pad = PAD_PT * page.scale * self.px
        self.clear = CLEAR_PT * page.scale * self.px
        self.apart = APART_PT * page.scale * self.px

    def fits(self, extent: Bbox) -> bool:
        """Inside the frame, over no marker and no leader, and apart from every label."""
        inside = self.frame.x0 <= extent.x0 and extent.x1 <= self.frame.x1
        if not (inside and self.frame.y0 <= extent.y0 and extent.y1 <= self.frame.y1):
            return False
        if any(m.gap_to(extent) <= 0 for m in self.marks):
            return False
        # Labels keep a word's gap and more between them, so two names never read as one.
        if any(extent.overlaps(t.padded(self.apart)) for t in self.taken):
            return False
        area = box(*extent.extents)
        return not any(area.intersects(line) for line in self.leaders)

    def reads_as_own(self, extent: Bbox, spot: list[Mark]) -> bool:
        """Nearer its own spot than any other marker by CLEAR_PT: a reader pairs them."""
        own = min(m.gap_to(extent) for m in spot)
        others = (m.gap_to(extent) for m in self.marks if m not in spot)
        return all(gap >= own + self.clear for gap in others)

    def leader_is_clear(self, line: LineString, spot: list[Mark]) -> bool:
        """The leader crosses no other marker, no label and no leader."""
        if any(line.intersects(m.circle()) for m in self.marks if m not in spot):
            return False
        if any(line.intersects(box(*t.extents)) for t in self.taken):
            return False
        return not any(line.intersects(other) for other in self.leaders)


def _direction(dx: int, dy: int) -> tuple[float, float]:
    norm = math.hypot(dx, dy)
    return dx / norm, dy / norm


def _extent_at(x: float, y: float, dx: int, dy: int, size: Bbox) -> Bbox:
    """The label's box when the corner or edge that faces back along (dx, dy) is at
    (x, y): its left edge for a label right of its marker, its top-left corner for one
    lower right, and so on."""
    x0 = x - size.width * (1 - dx) / 2
    y0 = y - size.height * (1 - dy) / 2
    return Bbox.from_bounds(x0, y0, size.width, size.height)


def place_labels(
    page: Page,
    ax: Axes,
    points: list[tuple[dict, Any, float]],
    tr: Tr,
    avoid: list[Bbox] | None = None,
) -> list[Annotation]:
    """Label capitals and summits beside their own markers (see the module's docstring).

    ``points`` are (row, projected point, marker radius in points) for every marker drawn;
    ``avoid`` are boxes (pixels) no label may cover, such as an animation's year. Capitals
    go first: a place's name matters more than an event's tag. Greedy candidate placement
    (Imhof's positions, then leaders): deterministic, so a test can check every label.
    """
    px = page.fig.dpi / 72
    marks = []
    for row, geom, radius in points:
        x, y = ax.transData.transform((geom.x, geom.y))
        marks.append(Mark(str(row["id"]), float(x), float(y), radius * px))
    placer = _Placer(page, ax, marks, avoid or [])
    out: list[Annotation] = []
    order = sorted(range(len(points)), key=lambda i: points[i][0]["kind"] != "capital")
    for i in order:
        row, geom = points[i][0], points[i][1]
        text = label_text(row, tr)
        if not text:
            continue
        own = marks[i]
        spot = [own] + [m for m in marks if m is not own and own.shares_spot(m)]
        placed = _place_one(placer, row, text, (geom.x, geom.y), spot)
        if placed is not None:
            out.append(placed)
    return out


def _new_text(page: Page, ax: Axes, row: dict, text: str, xy: tuple[float, float]) -> Annotation:
    return ax.annotate(
        text,
        xy,
        xytext=(0, 0),
        textcoords="offset points",
        fontsize=page.size("label"),
        color="#222",
        weight="bold" if row["kind"] == "summit" else "normal",
        ha="left",
        va="bottom",
        zorder=7,
        annotation_clip=False,
        parse_math=False,  # names come from the data: never TeX
    )


def _place_one(
    placer: _Placer, row: dict, text: str, xy: tuple[float, float], spot: list[Mark]
) -> Annotation | None:
    """Beside the marker if a position reads as its own; else with a leader; else None."""
    page, ax = placer.page, placer.ax
    artist = _new_text(page, ax, row, text, xy)
    size = artist.get_window_extent(page.renderer)
    own = spot[0]
    for dx, dy in LABEL_POSITIONS:
        ux, uy = _direction(dx, dy)
        at = _touching(spot, dx, dy, size, placer.pad)
        extent = _extent_at(own.x + ux * at, own.y + uy * at, dx, dy, size)
        if placer.fits(extent) and placer.reads_as_own(extent, spot):
            return _finish(placer, row, artist, own, extent, (dx, dy), None)
    # How far the spot reaches from the own marker's centre: a leader starts beyond it.
    reach = max(math.hypot(m.x - own.x, m.y - own.y) + m.r for m in spot)
    for step in LEADER_STEPS:
        for dx, dy in LABEL_POSITIONS:
            ux, uy = _direction(dx, dy)
            at = reach + placer.pad + step * size.height
            facing = (own.x + ux * at, own.y + uy * at)
            extent = _extent_at(*facing, dx, dy, size)
            edge = own.r + placer.pad / 2
            line = LineString([(own.x + ux * edge, own.y + uy * edge), facing])
            if placer.fits(extent) and placer.leader_is_clear(line, spot):
                return _finish(placer, row, artist, own, extent, (dx, dy), line)
    artist.remove()
    return None


def _touching(spot: list[Mark], dx: int, dy: int, size: Bbox, pad: float) -> float:
    """How far from the own marker's centre, towards (dx, dy), a label of ``size`` sits
    ``pad`` clear of every marker on the spot: touching the spot, not merely its widest
    ring (markers on a spot need not share a centre)."""
    own = spot[0]
    ux, uy = _direction(dx, dy)

    def clear(at: float) -> bool:
        extent = _extent_at(own.x + ux * at, own.y + uy * at, dx, dy, size)
        return min(m.gap_to(extent) for m in spot) >= pad

    low = own.r  # at most touching the own marker: never clear of it by pad
    high = max(math.hypot(m.x - own.x, m.y - own.y) + m.r for m in spot) + pad
    for _ in range(TOUCH_STEPS):
        mid = (low + high) / 2
        low, high = (low, mid) if clear(mid) else (mid, high)
    return high


def _finish(
    placer: _Placer,
    row: dict,
    artist: Annotation,
    own: Mark,
    extent: Bbox,
    direction: tuple[int, int],
    leader: LineString | None,
) -> Annotation:
    """Move the text to ``extent``, give it its halo (and leader), and take the room.

    Halo and leader carry the label's feature id (``label-halo-<id>``, ``leader-<id>``):
    in an SVG a designer finds them by it, and a test pairs them with their label.
    """
    page, ax = placer.page, placer.ax
    dx, dy = direction
    # The text's anchor (its ha/va corner) relative to the marker, in points.
    anchor_x = {1: extent.x0, -1: extent.x1, 0: (extent.x0 + extent.x1) / 2}[dx]
    anchor_y = {1: extent.y0, -1: extent.y1, 0: (extent.y0 + extent.y1) / 2}[dy]
    artist.set_ha({1: "left", -1: "right", 0: "center"}[dx])
    artist.set_va({1: "bottom", -1: "top", 0: "center"}[dy])
    artist.xyann = ((anchor_x - own.x) / placer.px, (anchor_y - own.y) / placer.px)
    artist.set_gid(f"label-{row['id']}")
    halo = _halo_for(page, ax, artist)
    halo.set_gid(f"label-halo-{row['id']}")
    if leader is not None:
        _draw_leader(page, ax, leader).set_gid(f"leader-{row['id']}")
        placer.leaders.append(leader)
    placer.taken.append(artist.get_window_extent(page.renderer))
    return artist


def _halo_for(page: Page, ax: Axes, text: Annotation) -> Annotation:
    """A white stroked copy of ``text`` under it: the halo (a path), the text stays text."""
    return ax.annotate(
        text.get_text(),
        text.xy,
        xytext=text.xyann,
        textcoords="offset points",
        fontsize=text.get_fontsize(),
        weight=text.get_weight(),
        color="white",
        ha=text.get_ha(),
        va=text.get_va(),
        zorder=text.get_zorder() - 0.05,
        annotation_clip=False,
        parse_math=False,
        path_effects=[patheffects.withStroke(linewidth=HALO_PT * page.scale, foreground="white")],
    )


def _draw_leader(page: Page, ax: Axes, line: LineString) -> Line2D:
    """The leader from the marker's edge to the label, in data coordinates, with a halo."""
    xs, ys = zip(*ax.transData.inverted().transform(list(line.coords)), strict=True)
    (artist,) = ax.plot(
        xs,
        ys,
        color="#333",
        lw=LEADER_PT * page.scale,
        solid_capstyle="round",
        zorder=6.8,
        path_effects=[
            patheffects.withStroke(linewidth=(LEADER_PT + 1.6) * page.scale, foreground="white")
        ],
    )
    return artist

"""How each kind and status looks, on screen (Leaflet) and on paper (matplotlib).

Kinds carry their colour, size and weight (:mod:`corridors.kinds`); status is carried by
the line pattern and fill, not by colour alone, so the map still reads in greyscale print.
Every symbol is cased (:data:`CASINGS`), so its edge stands out on whatever it is drawn
on. Paper styles are derived from the screen ones, so the two maps match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corridors.i18n import Tr, translator
from corridors.kinds import KINDS, colour
from corridors.status import (
    EXISTING,
    HELD,
    OPERATING,
    PLANNED,
    SUSPENDED,
    UNDATED,
    UNDER_CONSTRUCTION,
)

#: Leaflet dashArray per status (None = solid). Matplotlib uses the same on/off lengths.
STATUS_DASH: dict[str, str | None] = {
    OPERATING: None,
    UNDER_CONSTRUCTION: "10 6",
    PLANNED: "2 6",
    SUSPENDED: "12 5 2 5",
    HELD: None,
    EXISTING: None,
    UNDATED: None,
}
#: Marker fill opacity per status: operating full, under construction half, planned hollow.
#: Full is opaque: a marker's casing runs under the rim of its fill (see CASINGS).
STATUS_FILL: dict[str, float] = {
    OPERATING: 1.0,
    UNDER_CONSTRUCTION: 0.45,
    PLANNED: 0.0,
    SUSPENDED: 0.0,
    HELD: 1.0,
    EXISTING: 1.0,
    UNDATED: 1.0,
}
#: Statuses a line can be in, in the legend's order.
LINE_STATUSES: tuple[str, ...] = (OPERATING, UNDER_CONSTRUCTION, SUSPENDED, PLANNED)

#: Choropleth of trade with China, US$ bn class limits and ColorBrewer "Blues" (CB-safe).
TRADE_BINS_BN: tuple[float, ...] = (5.0, 10.0, 20.0, 40.0)
TRADE_COLOURS: tuple[str, ...] = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA_COLOUR = "#d9d9d9"
#: A country whose figure is its own (China's is missing): the class colour, dashed edge.
PARTNER_EDGE: dict[str, Any] = {"color": "#222222", "weight": 2.5, "dashArray": "5 4"}
#: On paper the same countries are also hatched (matplotlib's hatch pattern).
PARTNER_HATCH = "///"
#: The fixed class limits are the same for every year: during playback a colour change is
#: a trade change, never a re-classing (the GIF export uses the same classes).
OUTLINE_STYLE: dict[str, Any] = {
    "color": "#8c8c8c",
    "weight": 1,
    "fillColor": "#f4f1ea",
    "fillOpacity": 1.0,
    "interactive": False,
}
#: The neighbouring countries: quiet grey land, so the six stand out and nothing floats.
NEIGHBOUR_STYLE: dict[str, Any] = {
    "color": "#b5b5b5",
    "weight": 0.8,
    "fillColor": "#e4e4e1",
    "fillOpacity": 1.0,
    "interactive": False,
}
BACKGROUND = "#dde8ef"  # the sea colour behind the land
#: Paper lines are drawn this much thinner than screen lines (points vs CSS pixels).
PAPER_LINE_SCALE = 0.8
#: A paper dash is this many points per screen pixel of the map's pattern.
PAPER_DASH_SCALE = 1.2


@dataclass(frozen=True)
class Casing:
    """A stroke of a symbol's own path drawn beneath it, ``extra`` pixels wider on each
    side; ``dashed``: cased dash by dash (else solid under the whole pattern)."""

    colour: str
    extra: float
    dashed: bool


#: Every symbol's edge (WCAG 1.4.11: 3:1 against what a graphic sits on). No one colour
#: reaches 3:1 against both the pale land (#f4f1ea) and the darkest trade class (#08519c),
#: so each line and marker is drawn over two wider strokes of its own path, bottom first:
#: a white halo, which is the edge on the dark classes, and a dark casing right round the
#: symbol, which is the edge on the land, the sea and the pale classes (where the halo
#: merges). The Okabe–Ito fills still tell the kinds apart; the dashes still tell the
#: statuses apart: the casing follows each dash (a solid dark casing would join them into
#: one line), and in the gaps the halo shows, which is pale on pale ground.
CASING = "#333333"
HALO = "#ffffff"
CASINGS: tuple[Casing, ...] = (Casing(HALO, 2.0, dashed=False), Casing(CASING, 1.0, dashed=True))
#: Marker stroke width (screen pixels).
MARKER_WEIGHT = 2.0


def casing_reach() -> float:
    """How far the casings reach beyond a symbol's own stroke (screen pixels)."""
    return max((c.extra for c in CASINGS), default=0.0)


def cased_dash(dash: list[float] | None, extra: float, butt: bool) -> list[float] | None:
    """A dash pattern for a casing ``extra`` wider on each side of a dashed stroke, so that
    each dash is cased at its ends too, as it is at its sides.

    A round cap already reaches half the stroke's width past each dash, so a wider stroke
    with round caps and the same pattern cases it. A butt cap does not: each casing dash is
    made ``2 * extra`` longer and starts ``extra`` earlier (phase written into the pattern
    itself, as a trailing ``extra, 0``, since Leaflet's canvas has no dash offset).
    """
    if not dash:
        return None
    if not butt:
        return list(dash)
    if any(gap <= 2 * extra for gap in dash[1::2]):
        raise ValueError(f"dash pattern {dash}: a gap too short to case each dash")
    ons, offs = dash[0::2], dash[1::2]
    out = [ons[0] + extra, offs[0] - 2 * extra]
    for on, off in zip(ons[1:], offs[1:], strict=True):
        out += [on + 2 * extra, off - 2 * extra]
    return [*out, extra, 0.0]


def dash_list(status: str) -> list[float] | None:
    """A status's dash pattern as numbers (screen pixels), or None when solid."""
    dash = STATUS_DASH.get(status)
    return [float(v) for v in dash.split()] if dash else None


def has_casing(kind: str) -> bool:
    """A kind with its own edge colour (the capital: a black dot in a white ring) is
    already rimmed, light and dark; every other kind is cased."""
    record = KINDS.get(kind)
    return not (record and record.edge)


def casings(kind: str, status: str, weight: float, point: bool) -> list[dict[str, Any]]:
    """A feature's casings as Leaflet draws them (``render/js/layers.js``), bottom first:
    colour, width and dash pattern (pixels) of each stroke beneath the symbol's own."""
    if not has_casing(kind):
        return []
    dash = dash_list(status)
    return [
        {
            "color": c.colour,
            "weight": weight + 2 * c.extra,
            # Dashed lines have butt caps (feature_style); marker rings keep round ones.
            "dash": cased_dash(dash, c.extra, butt=not point) if c.dashed else None,
        }
        for c in CASINGS
    ]


def feature_style(kind: str, status: str, geom_type: str) -> dict[str, Any]:
    """Leaflet path options for one feature (lines and circle markers alike)."""
    record = KINDS.get(kind)
    fill = colour(kind)
    if geom_type.endswith("Point"):
        return {
            "radius": record.marker_radius if record else 8.0,
            "color": (record.edge if record and record.edge else fill),
            "weight": MARKER_WEIGHT,
            "fillColor": fill,
            "fillOpacity": STATUS_FILL.get(status, 1.0),
            "opacity": 1.0,
            "dashArray": STATUS_DASH.get(status),
            "casings": casings(kind, status, MARKER_WEIGHT, point=True),
        }
    weight = record.line_weight if record else 4.0
    return {
        "color": fill,
        "weight": weight,
        # Opaque: over its casing, a see-through line would be muddied by the dark.
        "opacity": 1.0,
        "dashArray": STATUS_DASH.get(status),
        "lineCap": "butt" if STATUS_DASH.get(status) else "round",
        "casings": casings(kind, status, weight, point=False),
    }


def paper_line_width(kind: str) -> float:
    """Line width on paper (points) for a kind: the screen weight, scaled."""
    record = KINDS.get(kind)
    return (record.line_weight if record else 4.0) * PAPER_LINE_SCALE


def paper_marker_size(kind: str) -> float:
    """Marker diameter on paper (points) for a kind, from its screen radius."""
    record = KINDS.get(kind)
    return (record.marker_radius if record else 8.0) + 1.0


def paper_dashes(status: str, lw: float, scale: float = 1.0) -> Any:
    """Leaflet's dashArray (pixels) as a matplotlib linestyle (in multiples of line width):
    :func:`paper_dash_points` drawn by a line ``lw`` points wide."""
    dash = paper_dash_points(status, scale)
    return (0, tuple(v / lw for v in dash)) if dash else "-"


def paper_dash_points(status: str, scale: float = 1.0) -> list[float] | None:
    """A status's dash pattern on paper, in points, on a page of ``scale`` (dashes grow
    with the page, as its lines do and their casings, which need the gaps)."""
    dash = dash_list(status)
    return [v * PAPER_DASH_SCALE * scale for v in dash] if dash else None


#: A paper legend's dash is this many points per screen pixel (times the legend's scale).
LEGEND_DASH_SCALE = 0.8
#: The line of a status's legend row: a neutral grey (the status is its pattern), cased
#: like every line on the map.
STATUS_SWATCH = "#999999"


def legend_dashes(status: str, lw: float = 2.0) -> Any:
    """A status's line pattern in a legend: the map's on/off ratio, short enough to repeat
    two or three times in a legend handle, so no pattern reads as a solid bar."""
    dash = STATUS_DASH.get(status)
    if not dash:
        return "-"
    return (0, tuple(float(v) * LEGEND_DASH_SCALE / lw for v in dash.split()))


def trade_colour(value_usd: float | None) -> str:
    """Choropleth class colour for a total in US$ (grey where there is no figure)."""
    if value_usd is None:
        return NO_DATA_COLOUR
    bn = value_usd / 1e9
    index = sum(bn >= limit for limit in TRADE_BINS_BN)
    return TRADE_COLOURS[index]


def trade_legend(tr: Tr | None = None) -> list[tuple[str, str]]:
    """(label, colour) rows for the choropleth legend, in ``tr``'s language."""
    tr = tr or translator()
    limits = (0.0, *TRADE_BINS_BN)
    rows = [
        (f"{tr.number(lo)}–{tr.number(hi)}", colour)
        for lo, hi, colour in zip(limits, TRADE_BINS_BN, TRADE_COLOURS, strict=False)
    ]
    rows.append((f"≥ {tr.number(TRADE_BINS_BN[-1])}", TRADE_COLOURS[-1]))
    rows.append((tr("no figure"), NO_DATA_COLOUR))
    return rows

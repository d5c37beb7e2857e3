"""How each kind and status looks, on screen (Leaflet) and on paper (matplotlib).

Kinds carry their colour, size and weight (:mod:`corridors.kinds`); status is carried by
the line pattern and fill, not by colour alone, so the map still reads in greyscale print.
Paper styles are derived from the screen ones, so the two maps match.
"""

from __future__ import annotations

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
STATUS_FILL: dict[str, float] = {
    OPERATING: 0.9,
    UNDER_CONSTRUCTION: 0.45,
    PLANNED: 0.0,
    SUSPENDED: 0.0,
    HELD: 0.9,
    EXISTING: 0.9,
    UNDATED: 0.9,
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


def feature_style(kind: str, status: str, geom_type: str) -> dict[str, Any]:
    """Leaflet path options for one feature (lines and circle markers alike)."""
    record = KINDS.get(kind)
    fill = colour(kind)
    if geom_type.endswith("Point"):
        return {
            "radius": record.marker_radius if record else 8.0,
            "color": (record.edge if record and record.edge else fill),
            "weight": 2,
            "fillColor": fill,
            "fillOpacity": STATUS_FILL.get(status, 0.9),
            "opacity": 1.0,
            "dashArray": STATUS_DASH.get(status),
        }
    return {
        "color": fill,
        "weight": record.line_weight if record else 4.0,
        "opacity": 0.95 if status == OPERATING else 0.85,
        "dashArray": STATUS_DASH.get(status),
        "lineCap": "butt" if STATUS_DASH.get(status) else "round",
    }


def paper_line_width(kind: str) -> float:
    """Line width on paper (points) for a kind: the screen weight, scaled."""
    record = KINDS.get(kind)
    return (record.line_weight if record else 4.0) * PAPER_LINE_SCALE


def paper_marker_size(kind: str) -> float:
    """Marker diameter on paper (points) for a kind, from its screen radius."""
    record = KINDS.get(kind)
    return (record.marker_radius if record else 8.0) + 1.0


def paper_dashes(status: str, lw: float) -> Any:
    """Leaflet's dashArray (pixels) as a matplotlib linestyle (in multiples of line width)."""
    dash = STATUS_DASH.get(status)
    if not dash:
        return "-"
    return (0, tuple(float(v) / lw * 1.2 for v in dash.split()))


def legend_dashes(status: str, lw: float = 2.0) -> Any:
    """A status's line pattern in a legend: the map's on/off ratio, short enough to repeat
    two or three times in a legend handle, so no pattern reads as a solid bar."""
    dash = STATUS_DASH.get(status)
    if not dash:
        return "-"
    return (0, tuple(float(v) * 0.8 / lw for v in dash.split()))


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

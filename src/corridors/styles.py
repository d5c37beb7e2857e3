"""How each kind and status looks, on screen and on paper.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies);
status is carried by the line pattern and fill, not by colour alone, so the map still
reads in greyscale print.
"""

from __future__ import annotations

from typing import Any

from corridors.status import (
    EXISTING,
    HELD,
    OPERATING,
    PLANNED,
    STATUS_LABELS,
    SUSPENDED,
    UNDER_CONSTRUCTION,
)

KIND_COLOURS: dict[str, str] = {
    "gas_pipeline": "#D55E00",
    "oil_pipeline": "#000000",
    "railway": "#0072B2",
    "rail_link": "#56B4E9",
    "border_crossing": "#009E73",
    "dry_port": "#009E73",
    "logistics_base": "#CC79A7",
    "power_plant": "#CC79A7",
    "highway": "#CC79A7",
    "data_centre": "#CC79A7",
    "industrial": "#CC79A7",
    "other": "#CC79A7",
    "summit": "#E69F00",
    "ministerial_meeting": "#E69F00",
    "capital": "#000000",
}
KIND_LABELS: dict[str, str] = {
    "gas_pipeline": "Gas pipeline",
    "oil_pipeline": "Oil pipeline",
    "railway": "Railway",
    "rail_link": "China–Kazakhstan rail link",
    "border_crossing": "Border crossing",
    "dry_port": "Dry port",
    "logistics_base": "Logistics base",
    "power_plant": "Power plant",
    "highway": "Highway",
    "data_centre": "Data centre",
    "industrial": "Industrial project",
    "other": "Other project",
    "summit": "Summit",
    "ministerial_meeting": "Ministerial meeting",
    "capital": "Capital",
}
#: Legend rows: one colour each, grouped as the user thinks of them, with their kinds.
LEGEND_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("Gas pipeline", "#D55E00", frozenset({"gas_pipeline"})),
    ("Oil pipeline", "#000000", frozenset({"oil_pipeline"})),
    ("Railway", "#0072B2", frozenset({"railway"})),
    ("Rail link", "#56B4E9", frozenset({"rail_link"})),
    ("Crossing / dry port", "#009E73", frozenset({"border_crossing", "dry_port"})),
    (
        "Other BRI project",
        "#CC79A7",
        frozenset(
            {"logistics_base", "power_plant", "highway", "data_centre", "industrial", "other"}
        ),
    ),
    ("Summit / meeting", "#E69F00", frozenset({"summit", "ministerial_meeting"})),
)
LEGEND_KINDS: tuple[tuple[str, str], ...] = tuple((label, c) for label, c, _ in LEGEND_GROUPS)
#: Leaflet dashArray per status (None = solid). Matplotlib uses the same on/off lengths.
STATUS_DASH: dict[str, str | None] = {
    OPERATING: None,
    UNDER_CONSTRUCTION: "10 6",
    PLANNED: "2 6",
    SUSPENDED: "12 5 2 5",
    HELD: None,
    EXISTING: None,
}
#: Marker fill opacity per status: operating full, under construction half, planned hollow.
STATUS_FILL: dict[str, float] = {
    OPERATING: 0.9,
    UNDER_CONSTRUCTION: 0.45,
    PLANNED: 0.0,
    SUSPENDED: 0.0,
    HELD: 0.9,
    EXISTING: 0.9,
}
LINE_STATUSES: tuple[str, ...] = (OPERATING, UNDER_CONSTRUCTION, SUSPENDED, PLANNED)

#: Choropleth of trade with China, US$ bn class limits and ColorBrewer "Blues" (CB-safe).
TRADE_BINS_BN: tuple[float, ...] = (5.0, 10.0, 20.0, 40.0)
TRADE_COLOURS: tuple[str, ...] = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA_COLOUR = "#d9d9d9"
OUTLINE_STYLE: dict[str, Any] = {
    "color": "#8c8c8c",
    "weight": 1,
    "fillColor": "#f4f1ea",
    "fillOpacity": 1.0,
    "interactive": False,
}
BACKGROUND = "#dde8ef"  # the sea/other-land colour behind the outlines


def feature_style(kind: str, status: str, geom_type: str) -> dict[str, Any]:
    """Leaflet path options for one feature (lines and circle markers alike)."""
    colour = KIND_COLOURS.get(kind, "#666666")
    if geom_type.endswith("Point"):
        # Summits larger than meetings: several events share a city (Xi'an, Astana), and
        # the smaller marker drawn on top stays clickable inside the larger ring.
        radius = {"capital": 5, "summit": 11, "ministerial_meeting": 6}.get(kind, 8)
        return {
            "radius": radius,
            "color": colour if kind != "capital" else "#ffffff",
            "weight": 2,
            "fillColor": colour,
            "fillOpacity": STATUS_FILL.get(status, 0.9),
            "opacity": 1.0,
            "dashArray": STATUS_DASH.get(status),
        }
    return {
        "color": colour,
        "weight": 4 if kind != "rail_link" else 5,
        "opacity": 0.95 if status == OPERATING else 0.85,
        "dashArray": STATUS_DASH.get(status),
        "lineCap": "butt" if STATUS_DASH.get(status) else "round",
    }


def trade_colour(value_usd: float | None) -> str:
    """Choropleth class colour for a total in US$ (grey where there is no figure)."""
    if value_usd is None:
        return NO_DATA_COLOUR
    bn = value_usd / 1e9
    index = sum(bn >= limit for limit in TRADE_BINS_BN)
    return TRADE_COLOURS[index]


def trade_legend() -> list[tuple[str, str]]:
    """(label, colour) rows for the choropleth legend."""
    limits = (0.0, *TRADE_BINS_BN)
    rows = [
        (f"{lo:g}–{hi:g}", colour)
        for lo, hi, colour in zip(limits, TRADE_BINS_BN, TRADE_COLOURS, strict=False)
    ]
    rows.append((f"≥ {TRADE_BINS_BN[-1]:g}", TRADE_COLOURS[-1]))
    rows.append(("no figure", NO_DATA_COLOUR))
    return rows


def status_label(status: str) -> str:
    """Human label of a status."""
    return STATUS_LABELS.get(status, status.replace("_", " ").capitalize())

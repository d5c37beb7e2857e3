"""What each kind of feature is: one record per kind, everything else derives from it.

A kind's layer, label (English, marked for translation: ``tr(kind.label)``), colour,
legend row, marker size, line weight, draw order and whether it is an event or timeless
are stated once, in :data:`KINDS`. The schema's allowed kinds, the status rules for
events and capitals, the screen and paper styles, both legends and the draw order are
all read from here, so adding a kind is one entry.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from corridors.config import OWN_LAYER
from corridors.i18n import N_, Tr, translator

#: Draw rank of kinds that state none (and of unknown kinds): after every ranked kind.
LAST_DRAWN: Final[int] = 9


@dataclass(frozen=True)
class Kind:
    """One kind of feature and how it looks on screen and on paper."""

    name: str
    layer: str
    label: str
    colour: str
    #: The legend row the kind is shown under (several kinds can share one row).
    legend: str
    #: Circle-marker radius in screen pixels, for point features.
    marker_radius: float = 8.0
    #: Line width in screen pixels, for line features.
    line_weight: float = 4.0
    #: Points are drawn in this order (low first), so small markers stay on top of big ones.
    draw_order: int = LAST_DRAWN
    #: Events are held (planned, then held), never built.
    is_event: bool = False
    #: Timeless kinds (capitals) exist in every year and carry no years.
    is_timeless: bool = False
    #: Marker edge colour; None means the kind's colour.
    edge: str | None = None
    #: A feature of a user's own layer (``extra/*.geojson``): years optional, undated if none.
    is_own: bool = False


_PINK = "#CC79A7"
_OTHER_BRI = N_("Other BRI project")
_CROSSING = N_("Crossing / dry port")

KINDS: Final[dict[str, Kind]] = {
    k.name: k
    for k in (
        Kind("gas_pipeline", "pipelines", N_("Gas pipeline"), "#D55E00", "Gas pipeline"),
        Kind("oil_pipeline", "pipelines", N_("Oil pipeline"), "#000000", "Oil pipeline"),
        Kind("railway", "railways", N_("Railway"), "#0072B2", "Railway"),
        Kind(
            "rail_link",
            "crossings",
            N_("China–Kazakhstan rail link"),
            "#56B4E9",
            N_("Rail link"),
            line_weight=5.0,
        ),
        Kind("border_crossing", "crossings", N_("Border crossing"), "#009E73", _CROSSING),
        Kind("dry_port", "crossings", N_("Dry port"), "#009E73", _CROSSING),
        Kind("logistics_base", "projects", N_("Logistics base"), _PINK, _OTHER_BRI),
        Kind("power_plant", "projects", N_("Power plant"), _PINK, _OTHER_BRI),
        Kind("highway", "projects", N_("Highway"), _PINK, _OTHER_BRI),
        Kind("data_centre", "projects", N_("Data centre"), _PINK, _OTHER_BRI),
        Kind("industrial", "projects", N_("Industrial project"), _PINK, _OTHER_BRI),
        Kind("other", "projects", N_("Other project"), _PINK, _OTHER_BRI),
        # Summits larger than meetings: several events share a city (Xi'an, Astana), and
        # the smaller marker drawn on top stays clickable inside the larger ring.
        Kind(
            "summit",
            "events",
            N_("Summit"),
            "#E69F00",
            N_("Summit / meeting"),
            marker_radius=11.0,
            draw_order=0,
            is_event=True,
        ),
        Kind(
            "ministerial_meeting",
            "events",
            N_("Ministerial meeting"),
            "#E69F00",
            N_("Summit / meeting"),
            marker_radius=6.0,
            draw_order=1,
            is_event=True,
        ),
        Kind(
            "capital",
            "events",
            N_("Capital"),
            "#000000",
            N_("Capital"),
            marker_radius=5.0,
            draw_order=2,
            is_timeless=True,
            edge="#ffffff",
        ),
        # A user's own layers: one colour apart from ours (a purple not in Okabe–Ito's
        # eight, still distinct for the common colour-vision deficiencies).
        Kind(
            "own",
            OWN_LAYER,
            N_("Feature of your own layer"),
            "#7B3294",
            N_("Your own layers"),
            marker_radius=6.0,
            line_weight=3.0,
            draw_order=3,
            is_own=True,
        ),
    )
}
UNKNOWN_COLOUR: Final[str] = "#666666"

EVENT_KINDS: Final[frozenset[str]] = frozenset(k.name for k in KINDS.values() if k.is_event)
OWN_KINDS: Final[frozenset[str]] = frozenset(k.name for k in KINDS.values() if k.is_own)
TIMELESS_KINDS: Final[frozenset[str]] = frozenset(k.name for k in KINDS.values() if k.is_timeless)


def kinds_by_layer() -> dict[str, frozenset[str]]:
    """The kinds each feature layer allows (the schema's contract)."""
    out: dict[str, set[str]] = {}
    for kind in KINDS.values():
        out.setdefault(kind.layer, set()).add(kind.name)
    return {layer: frozenset(names) for layer, names in out.items()}


def colour(kind: str) -> str:
    """The kind's colour (grey for a kind the data has and we don't know)."""
    return KINDS[kind].colour if kind in KINDS else UNKNOWN_COLOUR


def label(kind: str, tr: Tr | None = None) -> str:
    """The kind's display label in ``tr``'s language (the raw name for an unknown kind)."""
    return (tr or translator())(KINDS[kind].label) if kind in KINDS else str(kind)


def draw_order(kind: str) -> int:
    """Drawing rank of a point kind: lower is drawn first (underneath)."""
    return KINDS[kind].draw_order if kind in KINDS else LAST_DRAWN


@dataclass(frozen=True)
class LegendRow:
    """One legend row: a label, a colour and the kinds it stands for."""

    label: str
    colour: str
    kinds: frozenset[str]
    edge: str | None = None

    @property
    def marker(self) -> bool:
        """Whether the row's kinds are always points (events, capitals): shown as a dot."""
        return all(KINDS[k].is_event or KINDS[k].is_timeless for k in self.kinds)


def legend_rows(present: Iterable[str] | None = None) -> tuple[LegendRow, ...]:
    """The legend's kind rows, in :data:`KINDS` order; only rows of ``present`` kinds if given.

    The screen legend and the paper legend both read these rows.
    """
    rows: dict[str, LegendRow] = {}
    for kind in KINDS.values():
        row = rows.get(kind.legend)
        if row is None:
            rows[kind.legend] = LegendRow(
                kind.legend, kind.colour, frozenset({kind.name}), kind.edge
            )
        else:
            rows[kind.legend] = LegendRow(row.label, row.colour, row.kinds | {kind.name}, row.edge)
    wanted = None if present is None else set(present)
    return tuple(r for r in rows.values() if wanted is None or r.kinds & wanted)

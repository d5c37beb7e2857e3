"""The data contract (see ``geodata/SCHEMA.md``) as Python values the validator reads."""

from __future__ import annotations

from typing import Final

from corridors.config import OWN_LAYER

# The properties holding years are stated in config, below both this schema and the status
# rules (which the data layer uses); re-exported here as part of the contract.
from corridors.config import YEAR_PROPERTIES as YEAR_PROPERTIES
from corridors.kinds import kinds_by_layer

REQUIRED_PROPERTIES: Final[tuple[str, ...]] = (
    "id",
    "name",
    "name_zh",
    "name_ru",
    "kind",
    "status",
    "countries",
    "announced",
    "construction_start",
    "opened",
    "description",
    "sources",
    "geometry_precision",
)
#: Properties that must hold a non-empty string.
TEXT_PROPERTIES: Final[tuple[str, ...]] = ("id", "name", "kind", "status", "description")
OPTIONAL_TEXT_PROPERTIES: Final[tuple[str, ...]] = ("name_zh", "name_ru", "outcomes")
#: Numeric properties carry their unit in the name; these suffixes mark them.
NUMBER_SUFFIXES: Final[tuple[str, ...]] = (
    "_km",
    "_bcm_per_year",
    "_mt_per_year",
    "_usd_bn",
    "_mw",
    "_mm",
    "_teu_per_year",
)

KINDS_BY_LAYER: Final[dict[str, frozenset[str]]] = kinds_by_layer()
GEOMETRY_TYPES_BY_LAYER: Final[dict[str, frozenset[str]]] = {
    "pipelines": frozenset({"LineString", "MultiLineString"}),
    "railways": frozenset({"LineString", "MultiLineString"}),
    "crossings": frozenset({"LineString", "MultiLineString", "Point"}),
    "projects": frozenset({"Point", "LineString", "MultiLineString"}),
    "events": frozenset({"Point"}),
    # A user's own layers (``extra/*.geojson``): points and lines, as the map draws them.
    OWN_LAYER: frozenset({"Point", "LineString", "MultiLineString"}),
}
#: A user's own layer: the one property every feature needs, and the optional ones read.
OWN_REQUIRED: Final[tuple[str, ...]] = ("name",)
OWN_OPTIONAL_TEXT: Final[tuple[str, ...]] = ("id", "name_zh", "name_ru", "description")
#: An event held online has no place: ``"geometry": null`` and this precision (only in
#: the layers named here), never a point on a city.
ONLINE: Final[str] = "online"
ONLINE_LAYERS: Final[frozenset[str]] = frozenset({"events"})
GEOMETRY_PRECISIONS: Final[frozenset[str]] = frozenset(
    {"surveyed", "waypoints", "schematic", "site", "city", ONLINE}
)

TRADE_COLUMNS: Final[tuple[str, ...]] = (
    "reporter",
    "partner",
    "year",
    "period",
    "flow",
    "value_usd",
    "qualifier",
    "basis",
    "source",
    "quote",
)
TRADE_KEY: Final[tuple[str, ...]] = ("reporter", "partner", "year", "period", "flow")
FLOWS: Final[frozenset[str]] = frozenset({"export", "import", "total"})
QUALIFIERS: Final[frozenset[str]] = frozenset({"exact", "approx", "lower_bound"})
#: A database's figure (IMF Direction of Trade Statistics) and an IMF estimate in it standing
#: in for a country that does not report (never shown as that country's own figure).
DOTS_BASIS: Final[str] = "DOTS"
DOTS_ESTIMATE_BASIS: Final[str] = "DOTS-estimate"
#: Figures as the press and officials published them, one page each.
PRESS_BASES: Final[frozenset[str]] = frozenset({"GACC", "CN", "partner", "unclear"})
BASES: Final[frozenset[str]] = PRESS_BASES | {DOTS_BASIS, DOTS_ESTIMATE_BASIS}
PLACE_COLUMNS: Final[tuple[str, ...]] = ("place", "lon", "lat", "source")
#: A country-year of the dashboard's years with no sourced trade figure on either side, and
#: where it was looked for: ``geodata/gaps/trade.csv``. Shown as "—" with that reason.
TRADE_GAP_COLUMNS: Final[tuple[str, ...]] = ("partner", "year", "searched")
#: Names of gazetteer places in Chinese and Russian, each with the page that gives it:
#: ``geodata/names/places.csv``. A blank name means the sources gave none (the English
#: one is shown, marked); a name is never made up.
PLACE_NAME_COLUMNS: Final[tuple[str, ...]] = (
    "place",
    "name_zh",
    "name_ru",
    "source_zh",
    "source_ru",
)

#: How far (km) a line may pass from a waypoint it names, and two gazetteer entries may differ.
WAYPOINT_TOLERANCE_KM: Final[float] = 10.0

#: The sources registry, ``geodata/sources.csv``: one row per cited URL (features, milestones,
#: places, names and trade rows cite it by its URL), so a page cited by several features is
#: written once, with the title, publisher and date a reader needs to judge it.
SOURCES_FILE: Final[str] = "sources.csv"
SOURCE_COLUMNS: Final[tuple[str, ...]] = (
    "url",
    "title",
    "title_from",
    "publisher",
    "published",
    "language",
    "read_via",
    "note",
)
#: Where a registry title comes from: ``page`` (the title or headline as the page gives it),
#: ``address`` (the page's address spells its headline; the stored copy showed none) or
#: ``content`` (no headline seen: a short description of the page, written by us). A title
#: we supplied is shown in square brackets, as bibliographies show supplied titles.
TITLE_ORIGINS: Final[frozenset[str]] = frozenset({"page", "address", "content"})
#: Hosts never to cite (``geodata/mirrors.csv``): copies of Wikipedia or of news pages,
#: content farms, machine translations, sites unrelated to what they carry.
MIRRORS_FILE: Final[str] = "mirrors.csv"
MIRROR_COLUMNS: Final[tuple[str, ...]] = ("host", "kind", "note")
MIRROR_KINDS: Final[frozenset[str]] = frozenset(
    {"wikipedia-mirror", "copy", "content-farm", "machine-translation", "unrelated"}
)

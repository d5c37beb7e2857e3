"""Project-wide constants and where the data lives.

Everything that reads data asks :func:`data_dir`, so ``CORRIDORS_DATA_DIR`` overrides the
folder for the dashboard, the command line and the tests alike.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from corridors.i18n import N_

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = REPO_ROOT / "geodata"
DATA_DIR_ENV = "CORRIDORS_DATA_DIR"

#: The six countries the dashboard is about, in display order, with English names.
COUNTRIES: dict[str, str] = {
    "CHN": "China",
    "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan",
    "TJK": "Tajikistan",
    "TKM": "Turkmenistan",
    "UZB": "Uzbekistan",
}
#: China, the reporter of the trade tables.
CHINA = "CHN"
#: The five Central Asian partners of China's trade tables.
CENTRAL_ASIA: tuple[str, ...] = tuple(c for c in COUNTRIES if c != CHINA)
#: Pseudo-code for published totals of the five together.
REGION_CODE = "CA5"
#: ISO 3166-1 numeric codes, as used by Natural Earth / world-atlas.
ISO_NUMERIC: dict[str, str] = {
    "CHN": "156",
    "KAZ": "398",
    "KGZ": "417",
    "TJK": "762",
    "TKM": "795",
    "UZB": "860",
}

#: The years the dashboard lets a user pick.
YEAR_MIN = 2009
YEAR_MAX = 2025
#: Years accepted in the data (a feature may have been announced before 2009).
DATA_YEAR_MIN = 1990
DATA_YEAR_MAX = 2035
#: A feature's properties that hold a year: the only truth its status in any year is
#: derived from (:mod:`corridors.status`), and what the data schema checks as years.
YEAR_PROPERTIES: tuple[str, ...] = (
    "announced",
    "construction_start",
    "suspended_from",
    "opened",
)

#: Layer ids, in drawing order (outlines first), with their display names (translated where
#: shown: ``tr(LAYERS[layer])``).
LAYERS: dict[str, str] = {
    "pipelines": N_("Gas and oil pipelines"),
    "railways": N_("Railways"),
    "crossings": N_("Rail links and border crossings"),
    "projects": N_("Other Belt and Road projects"),
    "events": N_("Summits and capitals"),
    "trade": N_("Trade with China (choropleth)"),
}
#: A user's own layers: GeoJSON files in ``<data folder>/extra/`` and in the folder named by
#: ``$CORRIDORS_EXTRA_DIR``; each file is one layer, its id the prefix and the file's name.
OWN_FOLDER = "extra"
OWN_DIR_ENV = "CORRIDORS_EXTRA_DIR"
OWN_PREFIX = "extra-"
#: The pseudo-layer the kinds of own layers belong to (each file gets its own layer id).
OWN_LAYER = "extra"
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")


def is_own_layer(layer: str) -> bool:
    """Whether ``layer`` names one of a user's own layers (``extra-<file name>``)."""
    return (
        isinstance(layer, str)
        and layer.startswith(OWN_PREFIX)
        and bool(_SLUG.fullmatch(layer.removeprefix(OWN_PREFIX)))
    )


def drawing_order(layers: Iterable[str]) -> list[str]:
    """``layers`` bottom to top, as every map draws them: the trade choropleth, then ours
    in :data:`LAYERS` order, then the user's own in the order given."""
    given = list(dict.fromkeys(layers))
    ours = [layer for layer in (TRADE_LAYER, *LAYERS) if layer in given]
    return [*dict.fromkeys(ours), *[layer for layer in given if layer not in LAYERS]]


def own_dirs(root: Path) -> list[Path]:
    """The folders a user's own layers are read from: the data folder's ``extra/`` and
    ``$CORRIDORS_EXTRA_DIR`` if set."""
    dirs = [root / OWN_FOLDER]
    if os.environ.get(OWN_DIR_ENV):
        dirs.append(Path(os.environ[OWN_DIR_ENV]))
    return dirs


#: The layer drawn from the trade tables, not from a GeoJSON file of features.
TRADE_LAYER = "trade"
#: Layers backed by a GeoJSON file of features.
FEATURE_LAYERS: tuple[str, ...] = tuple(layer for layer in LAYERS if layer != TRADE_LAYER)
OUTLINES_LAYER = "countries"
#: Generated outlines of the neighbouring countries, drawn in grey for context.
NEIGHBOURS_LAYER = "neighbours"
#: The region round the six (lon/lat: west, south, east, north). Countries reaching into
#: it are stored at Natural Earth's 1:50m, the rest of the world at 1:110m; the live map
#: draws them all (no edge of land ends in the sea at any zoom), paper and the map's
#: neighbour names keep to this box (see ``render/static_frame.py``).
CONTEXT_BOX: tuple[float, float, float, float] = (30.0, 15.0, 140.0, 62.0)


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The geodata folder: an explicit override, else ``$CORRIDORS_DATA_DIR``, else the repo's."""
    if override is not None:
        return Path(override)
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else DEFAULT_DATA_DIR

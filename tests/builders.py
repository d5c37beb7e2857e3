"""Builders of small hand-made geodata folders, so each test states exactly the data it needs.

Imported by tests (``from tests.builders import feature``); fixtures live in conftest.py.
"""

from __future__ import annotations

import base64
import csv
import gzip
import json
import re
import shutil
from pathlib import Path
from typing import Any

from corridors.config import DEFAULT_DATA_DIR
from corridors.data.audit import citations
from corridors.data.package import PACKAGE, build_package, package_text
from corridors.data.schema import PLACE_COLUMNS, SOURCE_COLUMNS, SOURCES_FILE, TRADE_COLUMNS

SOURCE = "https://example.org/source"


def feature(fid: str = "line-a", geometry: dict | None = None, **props: Any) -> dict[str, Any]:
    """A valid line feature (override any property or the geometry)."""
    base = {
        "id": fid,
        "name": "Test line",
        "name_zh": None,
        "name_ru": None,
        "kind": "gas_pipeline",
        "status": "operating",
        "countries": ["KAZ", "CHN"],
        "announced": 2007,
        "construction_start": 2008,
        "opened": 2009,
        "description": "A test line.",
        "sources": [SOURCE],
        "geometry_precision": "waypoints",
        "waypoints": ["Alpha", "Beta"],
        "length_km": 450.0,
    }
    base.update(props)
    geom = geometry or {"type": "LineString", "coordinates": [[70.0, 43.0], [75.0, 43.0]]}
    return {"type": "Feature", "properties": base, "geometry": geom}


def point(fid: str = "pt-a", lon: float = 71.45, lat: float = 51.17, **props: Any) -> dict:
    """A valid point feature (a capital by default)."""
    defaults = {
        "kind": "capital",
        "status": "existing",
        "announced": None,
        "construction_start": None,
        "opened": None,
        "countries": ["KAZ"],
        "geometry_precision": "city",
        "waypoints": None,
        "length_km": None,
    }
    defaults.update(props)
    return feature(fid, {"type": "Point", "coordinates": [lon, lat]}, **defaults)


def trade_row(**overrides: Any) -> dict[str, Any]:
    row = {
        "reporter": "CHN",
        "partner": "KAZ",
        "year": 2023,
        "period": "year",
        "flow": "total",
        "value_usd": 41000000000,
        "qualifier": "exact",
        "basis": "GACC",
        "source": SOURCE,
        "quote": "bilateral trade reached $41 billion",
    }
    row.update(overrides)
    return row


PLACES = [
    {"place": "Alpha", "lon": 70.0, "lat": 43.0, "source": SOURCE},
    {"place": "Beta", "lon": 75.0, "lat": 43.0, "source": SOURCE},
]


def write_csv(path: Path, rows: list[dict[str, Any]], columns) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_layer(path: Path, features: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


def make_folder(
    root: Path,
    layers: dict[str, list[dict]] | None = None,
    trade: list[dict] | None = None,
    places: list[dict] | None = None,
) -> Path:
    """A complete geodata folder: the files asked for, a sources registry giving every
    page they cite a title, and a ``datapackage.json`` listing every file."""
    layers = {"pipelines": [feature()]} if layers is None else layers
    trade = [trade_row()] if trade is None else trade
    places = PLACES if places is None else places
    for name, feats in layers.items():
        write_layer(root / "layers" / f"{name}.geojson", feats)
    write_csv(root / "trade" / "china_customs.csv", trade, TRADE_COLUMNS)
    write_csv(root / "places" / "test.csv", places, PLACE_COLUMNS)
    shutil.copy(DEFAULT_DATA_DIR / "layers" / "countries.geojson", root / "layers")
    write_registry(root)
    write_package(root)
    return root


def write_registry(root: Path) -> Path:
    """``sources.csv`` with a row, titled, for every http(s) page the folder cites."""
    urls = sorted({c.url for c in citations(root) if c.url.startswith(("http://", "https://"))})
    rows = [
        {"url": u, "title": f"Page {i}", "title_from": "page", "language": "en"}
        for i, u in enumerate(urls, 1)
    ]
    return write_csv(root / SOURCES_FILE, rows, SOURCE_COLUMNS)


def write_package(root: Path) -> Path:
    """``datapackage.json`` listing every data file of the folder (with its folder's
    description, sources and licence)."""
    path = root / PACKAGE
    path.write_text(package_text(build_package(root)), "utf-8")
    return path


def packed_layers(page: str) -> list[dict[str, Any]]:
    """The layers a standalone page carries packed (base64 gzip JSON), decoded: what the
    reader's browser unpacks and draws."""
    blobs = re.findall(r'corridorsLayers\.addPacked\(\w+, "([A-Za-z0-9+/=]+)"', page)
    return [json.loads(gzip.decompress(base64.b64decode(blob))) for blob in blobs]


def packed_ids(page: str) -> set[str]:
    """The feature ids in a standalone page's packed layers."""
    return {f["properties"]["id"] for layer in packed_layers(page) for f in layer["features"]}

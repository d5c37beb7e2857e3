"""The geodata folder as a Frictionless Data Package: ``datapackage.json``.

Each data file is a resource with its licence and sources; each CSV carries a Table
Schema made here from the same column lists the validator checks (:mod:`schema`), so the
package and the validator cannot drift apart, and ``frictionless validate`` checks every
table (types, allowed values, keys, and that every cited URL is in ``sources.csv``). The
GeoJSON layers are listed as files with their licences: Data Package has no spatial
profile, and :mod:`corridors.data.reader` checks them against ``geodata/SCHEMA.md``.

What is written by hand (a resource's title, description, sources and licences) is kept
from the committed file; what follows from the files and the code (the resource list, the
names, formats and table schemas) is made here. ``make datapackage`` rewrites the file
after a data file is added; a test fails until it is up to date. A new file gets the
description of its folder (a trade CSV: "Goods trade with China…"), to be edited by hand.
"""

from __future__ import annotations

import json
from copy import deepcopy
from pathlib import Path
from typing import Any

from corridors.config import CENTRAL_ASIA, COUNTRIES, DATA_YEAR_MAX, DATA_YEAR_MIN, REGION_CODE
from corridors.data import schema
from corridors.data.errors import Problem
from corridors.data.reader import data_files

PACKAGE = "datapackage.json"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
#: What a reader may do with our compilation (the facts stay their sources').
CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International "
    "(this compilation; facts from the cited sources)",
}
#: What a resource's folder gives it when it is first listed (edit the result by hand).
FOLDER_DEFAULTS: dict[str, dict[str, Any]] = {
    "layers": {
        "description": "Features of one layer (geodata/SCHEMA.md), each citing its sources",
        "sources": [{"title": "Cited per feature in properties.sources; titles in sources.csv"}],
    },
    "places": {
        "description": "Gazetteer: named real places with coordinates, each with its source",
        "sources": [{"title": "Cited per row in the source column; titles in sources.csv"}],
    },
    "names": {
        "description": "Chinese and Russian names of gazetteer places, each with its source",
        "sources": [{"title": "Cited per name in source_zh and source_ru; titles in sources.csv"}],
    },
    "trade": {
        "description": "Goods trade with China, US$, one row per reporter, partner, year, "
        "period and flow, each with its source and the words quoted from it",
        "sources": [{"title": "Cited per row in the source column; titles in sources.csv"}],
    },
    "gaps": {
        "description": "Country-years with no sourced trade figure, and where each was sought",
        "sources": [{"title": "Corridors research (geodata/notes/trade.md)"}],
    },
    "": {
        "description": "Part of the Corridors geodata (geodata/README.md)",
        "sources": [{"title": "Corridors research (geodata/README.md)"}],
    },
}
#: The fields of a resource written by hand, kept when the package is rebuilt.
HAND_WRITTEN = ("title", "description", "sources", "licenses")


def _field(name: str, kind: str, description: str, **constraints: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind, "description": description}
    if kind == "string" and constraints.pop("uri", False):
        field["format"] = "uri"
    if constraints:
        field["constraints"] = constraints
    return field


def _url(name: str, description: str, required: bool = True) -> dict[str, Any]:
    return _field(name, "string", description, uri=True, required=required)


_YEAR = {"minimum": DATA_YEAR_MIN, "maximum": DATA_YEAR_MAX}
_CODES = sorted({*COUNTRIES, REGION_CODE})
_CITES_SOURCE = {"fields": ["source"], "reference": {"resource": "sources", "fields": ["url"]}}


def _trade_schema() -> dict[str, Any]:
    fields = [
        _field(
            "reporter",
            "string",
            "ISO3 of who reports the figure (CA5: the five together)",
            required=True,
            enum=_CODES,
        ),
        _field(
            "partner",
            "string",
            "ISO3 of the partner (CA5: the five together)",
            required=True,
            enum=_CODES,
        ),
        _field("year", "integer", "calendar year", required=True, **_YEAR),
        _field("period", "string", "'year' or a part of it, such as 'Jan-May'", required=True),
        _field(
            "flow",
            "string",
            "from the reporter's side: export, import or total",
            required=True,
            enum=sorted(schema.FLOWS),
        ),
        _field(
            "value_usd",
            "number",
            "US dollars, exactly as the source gives the figure",
            required=True,
            minimum=0,
        ),
        _field(
            "qualifier",
            "string",
            "exact, approx ('about') or lower_bound ('over')",
            required=True,
            enum=sorted(schema.QUALIFIERS),
        ),
        _field(
            "basis",
            "string",
            "whose statistics the source says the figure is",
            required=True,
            enum=sorted(schema.BASES),
        ),
        _url("source", "the page the figure comes from (sources.csv says what it is)"),
        _field("quote", "string", "the words of the source the figure comes from", required=True),
    ]
    return {
        "fields": fields,
        "primaryKey": list(schema.TRADE_KEY),
        "foreignKeys": [_CITES_SOURCE],
    }


def _gaps_schema() -> dict[str, Any]:
    return {
        "fields": [
            _field(
                "partner",
                "string",
                "ISO3 of the Central Asian country",
                required=True,
                enum=list(CENTRAL_ASIA),
            ),
            _field("year", "integer", "calendar year", required=True, **_YEAR),
            _field("searched", "string", "where the figure was looked for", required=True),
        ],
        "primaryKey": ["partner", "year"],
    }


def _places_schema() -> dict[str, Any]:
    return {
        "fields": [
            _field("place", "string", "the place's English name", required=True),
            _field(
                "lon",
                "number",
                "longitude, WGS84 degrees east",
                required=True,
                minimum=-180,
                maximum=180,
            ),
            _field(
                "lat",
                "number",
                "latitude, WGS84 degrees north",
                required=True,
                minimum=-90,
                maximum=90,
            ),
            _url("source", "the page the coordinates come from"),
        ],
        "foreignKeys": [_CITES_SOURCE],
    }


def _names_schema() -> dict[str, Any]:
    cites = [
        {"fields": [column], "reference": {"resource": "sources", "fields": ["url"]}}
        for column in ("source_zh", "source_ru")
    ]
    return {
        "fields": [
            _field("place", "string", "the gazetteer's place name", required=True),
            _field("name_zh", "string", "Chinese name; blank: the sources give none"),
            _field("name_ru", "string", "Russian name; blank: the sources give none"),
            _url("source_zh", "the page the Chinese name comes from", required=False),
            _url("source_ru", "the page the Russian name comes from", required=False),
        ],
        "primaryKey": ["place"],
        "foreignKeys": cites,
    }


def _sources_schema() -> dict[str, Any]:
    return {
        "fields": [
            _url("url", "the cited page", required=True),
            _field("title", "string", "the page's own title, in its own language", required=True),
            _field(
                "title_from",
                "string",
                "page: the page's own title; address or content: supplied by us (shown in [ ])",
                required=True,
                enum=sorted(schema.TITLE_ORIGINS),
            ),
            _field("publisher", "string", "the organisation or outlet as it names itself"),
            _field(
                "published",
                "string",
                "the page's date as it gives it",
                pattern=r"\d{4}(-\d{2}(-\d{2})?)?",
            ),
            _field("language", "string", "BCP 47 code of the page's language", required=True),
            _url(
                "read_via", "the copy that was read, when the original could not be", required=False
            ),
            _field("note", "string", "a short note"),
        ],
        "primaryKey": ["url"],
    }


def _mirrors_schema() -> dict[str, Any]:
    return {
        "fields": [
            _field(
                "host", "string", "a host never to cite (its subdomains neither)", required=True
            ),
            _field(
                "kind",
                "string",
                "what the host is",
                required=True,
                enum=sorted(schema.MIRROR_KINDS),
            ),
            _field("note", "string", "a short note"),
        ],
        "primaryKey": ["host"],
    }


#: The Table Schema of each CSV, by its folder (or its name at the top of the folder).
TABLE_SCHEMAS = {
    "trade": _trade_schema,
    "gaps": _gaps_schema,
    "places": _places_schema,
    "names": _names_schema,
    schema.SOURCES_FILE: _sources_schema,
    schema.MIRRORS_FILE: _mirrors_schema,
}


def package_files(root: Path) -> list[Path]:
    """Every file the package must list: the data files, the registry among them."""
    return data_files(root)


def resource_name(path: str) -> str:
    """A resource's name from its path: lowercase, ``-`` for ``/`` and ``_`` (Frictionless
    names allow neither ``_`` nor upper case); the registry is plainly ``sources``."""
    stem = path.rsplit(".", 1)[0]
    return stem.replace("/", "-").replace("_", "-").lower()


def _generated(path: str) -> dict[str, Any]:
    """The parts of a resource that follow from its path."""
    folder = path.split("/", 1)[0] if "/" in path else path
    base: dict[str, Any] = {"name": resource_name(path), "path": path}
    if path.endswith(".geojson"):
        return {
            **base,
            "format": "geojson",
            "mediatype": "application/geo+json",
            "encoding": "utf-8",
        }
    return {
        **base,
        "type": "table",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": TABLE_SCHEMAS[folder](),
    }


def _hand_written(path: str, previous: dict[str, Any] | None) -> dict[str, Any]:
    """A resource's title, description, sources and licences: as written before, else its
    folder's defaults."""
    if previous:
        return {key: deepcopy(previous[key]) for key in HAND_WRITTEN if key in previous}
    folder = path.split("/", 1)[0] if "/" in path else ""
    defaults = FOLDER_DEFAULTS.get(folder, FOLDER_DEFAULTS[""])
    return {"title": path, **deepcopy(defaults), "licenses": [dict(CC_BY)]}


def build_package(root: Path, previous: dict[str, Any] | None = None) -> dict[str, Any]:
    """The package of ``root``'s files, keeping what ``previous`` (the committed package)
    says by hand of the package and of each resource."""
    previous = previous or {}
    before = {r.get("path"): r for r in previous.get("resources", []) if isinstance(r, dict)}
    resources = []
    for file in package_files(root):
        path = file.relative_to(root).as_posix()
        generated = _generated(path)
        resources.append({**generated, **_hand_written(path, before.get(path))})
        if "schema" in generated:  # the table schema last: it is the long part
            resources[-1]["schema"] = resources[-1].pop("schema")
    keep = {k: v for k, v in previous.items() if k not in ("$schema", "name", "resources")}
    head = {"$schema": PROFILE, "name": "corridors-geodata"}
    return {**head, "licenses": [dict(CC_BY)], **keep, "resources": resources}


def package_text(package: dict[str, Any]) -> str:
    """The package as it is committed: indented, non-ASCII kept, one trailing newline."""
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def read_package(root: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """The package's resources by path, and what is wrong with it: a resource without a
    path, description, licence or source, or whose file is missing; a data file not
    listed."""
    try:
        doc = json.loads((root / PACKAGE).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return {}, [Problem(PACKAGE, "", "", f"cannot be read: {exc}")]
    resources = doc.get("resources") if isinstance(doc, dict) else None
    if not isinstance(resources, list):
        return {}, [Problem(PACKAGE, "", "resources", "must be a list of resources")]
    entries: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    for index, resource in enumerate(resources):
        path = resource.get("path") if isinstance(resource, dict) else None
        where = f"resource {path or index + 1}"
        if not isinstance(path, str):
            problems.append(Problem(PACKAGE, where, "path", "needs the file's path"))
            continue
        problems += _check_resource(resource, where)
        if not (root / path).is_file():
            problems.append(Problem(PACKAGE, where, "path", "listed file does not exist"))
        entries[path] = resource
    for file in package_files(root):
        path = file.relative_to(root).as_posix()
        if path not in entries:
            reason = f"file is not listed in {PACKAGE} (run make datapackage)"
            problems.append(Problem(path, "", "", reason))
    return entries, problems


def _check_resource(resource: dict[str, Any], where: str) -> list[Problem]:
    out = []
    if not str(resource.get("description") or "").strip():
        out.append(Problem(PACKAGE, where, "description", "must not be empty"))
    licenses = resource.get("licenses")
    if not isinstance(licenses, list) or not licenses:
        out.append(Problem(PACKAGE, where, "licenses", "needs the file's licence"))
    elif not all(isinstance(x, dict) and (x.get("name") or x.get("path")) for x in licenses):
        out.append(Problem(PACKAGE, where, "licenses", "each licence needs a name or a path"))
    sources = resource.get("sources")
    if not isinstance(sources, list) or not sources:
        out.append(Problem(PACKAGE, where, "sources", "needs where the file comes from"))
    elif not all(isinstance(s, dict) and (s.get("title") or s.get("path")) for s in sources):
        out.append(Problem(PACKAGE, where, "sources", "each source needs a title or a path"))
    return out

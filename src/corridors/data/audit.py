"""The citations audit: every page the data cites is in the sources registry with a title
and a language, none is on a host of the mirror list or a bare IP address, and the
registry holds no page that nothing cites.

It reads the files as written (plain JSON and CSV), so each problem names the file, the
feature or spreadsheet row, the field and the URL, exactly where a person fixes it. It is
a rule about the citations, not about whether the data can be drawn: the dashboard draws
a feature whatever its citations, and ``corridors validate`` (and the repository's data
test) run this audit on top of the strict load.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corridors.config import FEATURE_LAYERS, NEIGHBOURS_LAYER, OUTLINES_LAYER
from corridors.data import schema
from corridors.data.errors import Problem
from corridors.data.feature_rules import feature_label
from corridors.data.registry import mirror_kinds, read_mirrors_lenient, read_sources_lenient
from corridors.data.source_rules import refused_host

#: The CSV files that cite a page per row, and the columns holding the URL.
CSV_CITATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("places/*.csv", ("source",)),
    ("names/*.csv", ("source_zh", "source_ru")),
    ("trade/*.csv", ("source",)),
)


@dataclass(frozen=True)
class Citation:
    """One place in the data that cites a page."""

    file: str
    where: str
    field: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}, {self.where}, field '{self.field}'"


def _feature_citations(props: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(field, URL) of every page one feature cites: its sources, its milestones' sources
    and the pages its names come from."""
    sources = props.get("sources")
    for number, url in enumerate(sources if isinstance(sources, list) else [], start=1):
        yield f"sources[{number}]", url
    steps = props.get("milestones")
    for number, step in enumerate(steps if isinstance(steps, list) else [], start=1):
        if isinstance(step, dict) and step.get("source"):
            yield f"milestones[{number}].source", step["source"]
    names = props.get("name_sources")
    for key, url in (names if isinstance(names, dict) else {}).items():
        yield f"name_sources.{key}", url
    # The generated outlines cite their source once per country.
    if isinstance(props.get("source"), str):
        yield "source", props["source"]


def _layer_citations(root: Path) -> Iterator[Citation]:
    for layer in (*FEATURE_LAYERS, OUTLINES_LAYER, NEIGHBOURS_LAYER):
        path = root / "layers" / f"{layer}.geojson"
        try:
            doc = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):  # missing or broken: the loader names it
            continue
        features = doc.get("features") if isinstance(doc, dict) else None
        for index, feature in enumerate(features if isinstance(features, list) else []):
            props = feature.get("properties") if isinstance(feature, dict) else None
            if not isinstance(props, dict):
                continue
            where = feature_label(props, index)
            for field, url in _feature_citations(props):
                if isinstance(url, str) and url:
                    yield Citation(f"layers/{layer}.geojson", where, field, url)


def _csv_citations(root: Path) -> Iterator[Citation]:
    for pattern, columns in CSV_CITATIONS:
        for path in sorted(root.glob(pattern)):
            try:
                with path.open(newline="", encoding="utf-8") as fh:
                    rows = list(csv.DictReader(fh))
            except (OSError, UnicodeDecodeError, csv.Error):  # the loader names it
                continue
            name = str(path.relative_to(root))
            for number, row in enumerate(rows, start=2):
                for column in columns:
                    url = (row.get(column) or "").strip()
                    if url:
                        yield Citation(name, f"row {number}", column, url)


def citations(root: Path) -> list[Citation]:
    """Every page the folder's data cites, where it is cited (a user's own layers, which
    need no registry, are not included)."""
    return [*_layer_citations(root), *_csv_citations(root)]


def _cited_in(users: list[Citation]) -> str:
    more = len(users) - 1
    return f"cited in {users[0]}" + (f" and {more} more" if more else "")


def audit_citations(root: Path | str) -> list[Problem]:
    """Every problem with the folder's citations: a mirror or bare-IP host, a page missing
    from the registry, a registry row without a title or language, a row nothing cites."""
    root = Path(root)
    sources, _ = read_sources_lenient(root)  # malformed rows: the loader names them
    mirrors, _ = read_mirrors_lenient(root)
    kinds = mirror_kinds(mirrors)
    cited = citations(root)
    has_registry = (root / schema.SOURCES_FILE).is_file()
    listed = set(sources["url"])
    out: list[Problem] = []
    if cited and not has_registry:
        reason = f"missing: the {len({c.url for c in cited})} pages cited need a row each"
        out.append(Problem(schema.SOURCES_FILE, "", "", reason))
    by_url: dict[str, list[Citation]] = {}
    for citation in cited:
        by_url.setdefault(citation.url, []).append(citation)
        refused = refused_host(citation.url, kinds)
        if refused:
            out.append(Problem(citation.file, citation.where, citation.field, refused))
        if has_registry and citation.url not in listed:
            reason = f"{citation.url} is not in {schema.SOURCES_FILE}: add a row with its title"
            out.append(Problem(citation.file, citation.where, citation.field, reason))
    for row in sources.to_dict("records"):
        url, where, users = row["url"], f"row {row['row']}", by_url.get(row["url"], [])
        if not users:
            reason = f"{url} is cited nowhere: remove the row"
            out.append(Problem(schema.SOURCES_FILE, where, "url", reason))
            continue
        if not row["title"]:
            reason = f"{url} needs the page's own title ({_cited_in(users)})"
            out.append(Problem(schema.SOURCES_FILE, where, "title", reason))
        if not row["language"]:
            reason = f"{url} needs the page's language, a BCP 47 code ({_cited_in(users)})"
            out.append(Problem(schema.SOURCES_FILE, where, "language", reason))
    return out

"""The sources registry (``sources.csv``) and the mirror list (``mirrors.csv``): reading
them, and looking a cited URL up.

Features, milestones, places, names and trade rows cite a page by its URL only; what a
reader needs to judge it (its title, publisher, date and language, and the copy that was
read when the original could not be) is written once, in the registry. Every view, popup,
table and export looks the URL up here, so a title corrected once is corrected everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from corridors.data import schema
from corridors.data.errors import Problem
from corridors.data.reader import read_numbered_table
from corridors.data.source_rules import check_mirror_row, check_source_row, check_unique, url_host


@dataclass(frozen=True)
class Source:
    """One cited page as the registry describes it (None where it says nothing)."""

    url: str
    title: str | None = None
    title_from: str | None = None
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    read_via: str | None = None

    @property
    def host(self) -> str:
        """The page's web host without ``www.``: where the link goes, said beside the title."""
        return url_host(self.url) or self.url

    @property
    def shown_title(self) -> str | None:
        """The title as a reader sees it: a title we supplied (from the page's address or
        its content, where the page's own headline was not seen) in square brackets, as
        bibliographies mark supplied titles, so it is never taken for the page's own."""
        if not self.title or self.title_from in (None, "page"):
            return self.title
        return f"[{self.title}]"


def empty_sources() -> pd.DataFrame:
    """A registry with no rows."""
    return pd.DataFrame(columns=[*schema.SOURCE_COLUMNS, "row", "file"], dtype=object)


def empty_mirrors() -> pd.DataFrame:
    """A mirror list with no rows."""
    return pd.DataFrame(columns=[*schema.MIRROR_COLUMNS, "row", "file"], dtype=object)


def read_sources_lenient(root: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """The registry's well-formed rows (each URL once) and the problems of the rest; an
    empty registry when the folder has none (a user's or a test's folder need not)."""
    return _read_keyed(
        root, schema.SOURCES_FILE, schema.SOURCE_COLUMNS, check_source_row, "url", empty_sources
    )


def read_mirrors_lenient(root: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """The mirror list's well-formed rows (each host once) and the problems of the rest."""
    return _read_keyed(
        root, schema.MIRRORS_FILE, schema.MIRROR_COLUMNS, check_mirror_row, "host", empty_mirrors
    )


def _read_keyed(root: Path, name: str, columns, check, key: str, empty):
    """A table of ``root`` whose rows are each one ``key``: its well-formed rows, the first
    of each key, and the problems of the rest (none, and ``empty()``, without the file)."""
    path = root / name
    if not path.is_file():
        return empty(), []
    rows, problems = read_numbered_table(path, root, columns, check)
    repeats = check_unique(list(rows[key]), list(rows["row"]), name, key)
    return rows.drop_duplicates(key), problems + repeats


def registry_of(sources: pd.DataFrame) -> dict[str, Source]:
    """The registry's rows as :class:`Source` records by URL."""
    fields = ("url", "title", "title_from", "publisher", "published", "language", "read_via")
    return {row["url"]: Source(**{f: row[f] for f in fields}) for row in sources.to_dict("records")}


def mirror_kinds(mirrors: pd.DataFrame) -> dict[str, str]:
    """Each listed host with its kind (what :func:`source_rules.refused_host` reads)."""
    return dict(zip(mirrors["host"], mirrors["kind"], strict=True))


def lookup(url: str, registry: Mapping[str, Source] | None) -> Source:
    """What the registry says of ``url``; a record with the URL alone when it says nothing
    (a user's layer, a folder without a registry): shown then by its host, as before."""
    return (registry or {}).get(url) or Source(str(url))

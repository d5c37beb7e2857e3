"""How a cited page is told to a reader: its title as the link, who published it and when,
and the host the link goes to, so a citation can be judged before it is followed.

The data cites a page by its URL; the sources registry says what the page is
(:class:`~corridors.data.registry.Source`). A page the registry says nothing of (a user's
own layer, a folder without a registry) is told by its host alone, as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from corridors.data.registry import Source, lookup
from corridors.i18n import Tr, translator

#: How a registry describes its pages, by URL.
Registry = Mapping[str, Source]


def sources_of(urls: Iterable[str] | None, registry: Registry | None) -> list[Source]:
    """The registry's record of each URL, in order (a bare record where it has none)."""
    return [lookup(str(url), registry) for url in urls or []]


def byline(source: Source, tr: Tr | None = None) -> str:
    """Who published the page and when, as the reader's language writes a date:
    "Xinhua, 19 May 2023"; "" when the registry says neither."""
    tr = tr or translator()
    parts = [source.publisher, tr.date(source.published) if source.published else None]
    return ", ".join(p for p in parts if p)


def citation_text(source: Source, tr: Tr | None = None) -> str:
    """One citation as a line of text: "Title — Xinhua, 19 May 2023 (xinhuanet.com)";
    the host alone when the page has no title in the registry."""
    if not source.title:
        return source.host
    said = byline(source, tr)
    return f"{source.shown_title}{' — ' + said if said else ''} ({source.host})"


def citation_record(source: Source) -> str:
    """One citation as plain text for a file, the same in every language: "Title.
    Xinhua, 2023-05-19. https://…" (the parts the registry has)."""
    said = ", ".join(p for p in (source.publisher, source.published) if p)
    parts = [p if p.endswith((".", "?", "!")) else p + "." for p in (source.shown_title, said) if p]
    return " ".join([*parts, source.url])


def popup_citation(source: Source, tr: Tr | None = None) -> list[str]:
    """A citation for the map's popup script: ``[url]`` where the registry gives no title,
    else ``[url, title, byline, language]`` (the script makes the title the link's text,
    in its own language, and says the byline and the host after it)."""
    if not source.title:
        return [source.url]
    return [source.url, source.shown_title, byline(source, tr), source.language or ""]

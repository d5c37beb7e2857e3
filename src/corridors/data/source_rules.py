"""The rules for citations: the rows of the sources registry and of the mirror list, and
which hosts may never be cited (a listed mirror, or a bare IP address).

A citation must lead a reader to the publisher: the agency, ministry, company, newspaper,
GEM wiki, or Wikipedia in its own language edition. A copy of it on another host (a
Wikipedia mirror, a content farm, a machine translation) cannot be judged or trusted the
same way, and a bare IP address names no publisher at all.

Checks never raise on bad data: they describe it.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse

from corridors.data import schema
from corridors.data.errors import Problem
from corridors.data.feature_rules import parse_milestone_date
from corridors.values import is_http_url

#: A BCP 47 language tag as the registry writes it: ``en``, ``zh``, ``zh-Hant``, ``ru``, ``kk``.
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
#: A host name as the mirror list writes it: lowercase labels, no scheme, port or path.
HOST_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")


def url_host(url: str) -> str:
    """The host of a URL, lowercase, without ``www.`` ("" when it has none)."""
    try:
        host = urlparse(url).hostname or ""
    except ValueError:  # a malformed port or IPv6 literal
        return ""
    return host.lower().removeprefix("www.")


def is_ip_address(host: str) -> bool:
    """True for a bare IPv4 or IPv6 address: a server, not a publisher."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def mirror_of(host: str, mirrors: Mapping[str, str]) -> str | None:
    """The listed host that ``host`` is or is under (``en.piglix.com`` is under
    ``piglix.com``), or None; ``mirrors`` maps each listed host to its kind."""
    labels = host.split(".")
    for start in range(len(labels) - 1):
        parent = ".".join(labels[start:])
        if parent in mirrors:
            return parent
    return None


def refused_host(url: str, mirrors: Mapping[str, str]) -> str | None:
    """Why ``url`` may not be cited (its host is a bare IP address or on the mirror list),
    or None when it may."""
    host = url_host(url)
    if is_ip_address(host):
        return f"{url} is a bare IP address, which names no publisher: cite the publisher's page"
    listed = mirror_of(host, mirrors)
    if listed is not None:
        return (
            f"{url} is on {listed}, listed in {schema.MIRRORS_FILE} as {mirrors[listed]}: "
            "cite the original it copies (and put this page in read_via)"
        )
    return None


def check_source_row(row: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """Check the form of one registry row: an http(s) URL, a date as the page gives it, a
    language tag, an http(s) copy where one was read.

    A missing title is not a problem of form: :func:`corridors.data.audit.audit_citations`
    names it, with where the page is cited.
    """
    out: list[Problem] = []
    url = row.get("url")
    if not is_http_url(url):
        out.append(Problem(file, where, "url", f"needs an http(s) URL, got {url!r}"))
    published = str(row.get("published") or "").strip()
    if published and parse_milestone_date(published) is None:
        reason = f"must be YYYY, YYYY-MM or YYYY-MM-DD as the page gives it, got {published!r}"
        out.append(Problem(file, where, "published", reason))
    language = str(row.get("language") or "").strip()
    if language and not LANGUAGE_TAG.fullmatch(language):
        reason = f"must be a BCP 47 language code (en, zh, ru, kk…), got {language!r}"
        out.append(Problem(file, where, "language", reason))
    title_from = str(row.get("title_from") or "").strip()
    if row.get("title") and title_from not in schema.TITLE_ORIGINS:
        known = ", ".join(sorted(schema.TITLE_ORIGINS))
        reason = f"must say where the title comes from ({known}), got {title_from!r}"
        out.append(Problem(file, where, "title_from", reason))
    read_via = str(row.get("read_via") or "").strip()
    if read_via and not is_http_url(read_via):
        out.append(Problem(file, where, "read_via", f"needs an http(s) URL, got {read_via!r}"))
    if read_via and read_via == url:
        reason = "is the cited page itself: leave it blank when the original was read"
        out.append(Problem(file, where, "read_via", reason))
    return out


def check_mirror_row(row: Mapping[str, Any], file: str, where: str) -> list[Problem]:
    """Check one row of the mirror list: a bare host name and a known kind."""
    out: list[Problem] = []
    host = row.get("host")
    if not isinstance(host, str) or not HOST_NAME.fullmatch(host):
        reason = f"must be a lowercase host name such as wikimili.com, got {host!r}"
        out.append(Problem(file, where, "host", reason))
    kind = row.get("kind")
    if kind not in schema.MIRROR_KINDS:
        known = ", ".join(sorted(schema.MIRROR_KINDS))
        out.append(Problem(file, where, "kind", f"unknown kind {kind!r} (known: {known})"))
    return out


def check_unique(values: list[str], rows: list[int], file: str, field: str) -> list[Problem]:
    """Each value once: every repeat after the first is named, with the first's row."""
    first: dict[str, int] = {}
    out = []
    for value, row in zip(values, rows, strict=True):
        if value in first:
            reason = f"{value} is already in row {first[value]}: one row per {field}"
            out.append(Problem(file, f"row {row}", field, reason))
        first.setdefault(value, row)
    return out

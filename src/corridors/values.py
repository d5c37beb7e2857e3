"""Small predicates and formatters for single values, shared by the data and render layers.

The validator uses them to refuse bad data; the popups, exports and tables use the same
ones to decide what to show, so "is this a link" has one answer everywhere.
"""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlparse

import pandas as pd


def present(value: Any) -> bool:
    """False for None and for the NaN/NA that pandas puts where a feature lacks a property."""
    if value is None:
        return False
    try:
        return not bool(value != value) and value is not pd.NA
    except (TypeError, ValueError):  # lists and arrays: present
        return True


def is_http_url(value: Any) -> bool:
    """True for an absolute http(s) URL: the only links we ever put in a page."""
    if not isinstance(value, str) or any(c.isspace() for c in value):
        return False
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def is_number(value: Any) -> bool:
    """True for a finite int or float (bools are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def source_host(url: str) -> str:
    """A source's short name for display: its web host without ``www.``."""
    return urlparse(url).netloc.removeprefix("www.")


def as_int(value: Any) -> int | None:
    """A whole number written as text (a CSV cell), else None."""
    try:
        text = str(value).strip()
        return int(text) if text.lstrip("-").isdigit() else None
    except (TypeError, ValueError):
        return None


def as_float(value: Any) -> float | None:
    """A finite number written as text (a CSV cell), else None."""
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None

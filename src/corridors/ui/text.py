"""Text from data or URLs, made safe for Streamlit's Markdown elements."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown, so data shows as typed and never becomes a link or tag."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def md_link(label: str, url: str) -> str:
    """A Markdown link whose label is escaped and whose URL cannot close the link early.

    ``url`` must already be a checked http(s) URL (the loader refuses any other).
    """
    safe = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{md_escape(label)}]({safe})"

"""Text from data or URLs, made safe for Streamlit's Markdown elements."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown, so data shows as typed and never becomes a link or tag."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))

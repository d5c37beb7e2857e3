"""The reader's language, per session: chosen in the sidebar, kept in the URL (``lang``),
defaulting to the browser's language.

Each session holds its own language code in its session state and asks
:func:`corridors.i18n.translator` for the (shared, read-only) catalogue of that language:
nothing process-wide is switched, so two readers in two languages never see each other's.
"""

from __future__ import annotations

import streamlit as st

from corridors.i18n import DEFAULT_LANG, LANGUAGES, Tr, negotiate, translator

KEY = "lang"
#: The switch's label, the same in every language: a reader who cannot read the current
#: one still finds it.
LABEL = "Language · 语言 · Язык"
#: Script that tells the browser (and its translate prompt, and screen readers) which
#: language the page is in; Streamlit hard-codes ``<html lang="en">``.
HTML_LANG_JS = "<script>window.parent.document.documentElement.lang = %s;</script>"


def browser_default() -> str:
    """The language the reader's browser asks for, if we have it; else English."""
    try:
        return negotiate(st.context.locale)
    except Exception:  # no browser context (bare script runs)
        return DEFAULT_LANG


def current() -> str:
    """This session's language code."""
    return st.session_state.get(KEY, DEFAULT_LANG)


def tr() -> Tr:
    """This session's translator."""
    return translator(current())


def switch() -> None:
    """The language switch, at the top of the sidebar (its value is this session's)."""
    st.segmented_control(
        LABEL,
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=KEY,
        required=True,
        label_visibility="collapsed",
        width="stretch",
        on_change=_keep_extent,
    )


def _keep_extent() -> None:
    """A new language draws a new map (its words are baked in): open it where the reader was."""
    from corridors.ui import state

    state.reopen_at_current_extent()

"""The reader's language, per session: chosen in the sidebar, kept in the URL (``lang``),
defaulting to the browser's language.

Each session holds its own language code in its session state and asks
:func:`corridors.i18n.translator` for the (shared, read-only) catalogue of that language:
nothing process-wide is switched, so two readers in two languages never see each other's.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from corridors.i18n import DEFAULT_LANG, LANGUAGES, Tr, negotiate, translator

KEY = "lang"
#: The switch's label, the same in every language: a reader who cannot read the current
#: one still finds it.
LABEL = "Language · 语言 · Язык"


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


def switch(then: Callable[[], None]) -> None:
    """The language switch, at the top of the sidebar (its value is this session's).

    ``then`` runs after a switch, for what the rest of the page must do about it (the page
    passes it down, so this module needs neither the map nor the URL state).
    """
    st.segmented_control(
        LABEL,
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=KEY,
        required=True,
        label_visibility="collapsed",
        width="stretch",
        on_change=_switched,
        args=(then,),
    )


#: Widgets whose option labels are words: re-set on a switch, so they show the new ones.
WORDED_WIDGETS = ("countries", "layers", "status", "basemap", "play_seconds", "export_paper")


def _switched(then: Callable[[], None]) -> None:
    """The reader chose another language.

    A widget keeps showing the labels its value was chosen under (the browser holds the
    chosen options as text), so each worded widget's value is set again from here: the
    browser then redraws it with the new language's labels. Then ``then``.
    """
    for key in WORDED_WIDGETS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    then()

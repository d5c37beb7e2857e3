"""Year playback: play, pause, step and loop beside the year slider.

While playing, only the map's fragment reruns, once per tick (``run_every``): the live map
gets the next year's layers (streamlit-folium swaps them in, so the user's pan and zoom
stay) and the year's milestones show above it. The rest of the page and the URL follow
when playback pauses or stops, in one full rerun.
"""

from __future__ import annotations

import time

import streamlit as st

from corridors.config import YEAR_MAX, YEAR_MIN
from corridors.i18n import N_, Tr
from corridors.timeline import step_year

SPEEDS = {2.0: N_("Slow (2 s a year)"), 1.0: N_("1 s a year"), 0.5: N_("Fast (0.5 s a year)")}
PLAYING, YEAR, LAST_TICK, PENDING = "playing", "play_year", "_play_tick_at", "_pending_year"


def apply_pending_year() -> None:
    """Before the slider is drawn: take the year playback stopped on (a fragment cannot
    set another widget's value, a full run can, before that widget exists)."""
    if PENDING in st.session_state:
        st.session_state["year"] = st.session_state.pop(PENDING)


def is_playing() -> bool:
    return bool(st.session_state.get(PLAYING))


def interval() -> float:
    """Seconds between frames."""
    return float(st.session_state.get("play_seconds", 1.0))


def current_year(slider_year: int) -> int:
    """The year the map shows: the playing year, else the slider's."""
    return int(st.session_state.get(YEAR, slider_year)) if is_playing() else slider_year


def _toggle() -> None:
    if is_playing():
        st.session_state[PLAYING] = False
        st.session_state["year"] = st.session_state.get(YEAR, st.session_state["year"])
        return
    start = st.session_state["year"]
    if start >= YEAR_MAX:  # from the end, play from the start
        start = YEAR_MIN
    st.session_state.update({PLAYING: True, YEAR: start, LAST_TICK: time.monotonic()})
    st.session_state["year"] = start


def _step(delta: int) -> None:
    year = current_year(st.session_state["year"])
    year, _ = step_year(year, delta, YEAR_MIN, YEAR_MAX, loop=False)
    st.session_state["year"] = year
    st.session_state[YEAR] = year
    st.session_state[LAST_TICK] = time.monotonic()


def controls(tr: Tr) -> None:
    """Step back, play/pause, step forward; speed and loop (in the sidebar, under the year)."""
    # Material icons ship with Streamlit (no emoji font needed, works offline).
    st.button(
        tr("Pause") if is_playing() else tr("Play"),
        icon=":material/pause:" if is_playing() else ":material/play_arrow:",
        key="play_toggle",
        help=tr("Play the years {first}–{last} on the map").format(first=YEAR_MIN, last=YEAR_MAX),
        on_click=_toggle,
        width="stretch",
        type="primary" if is_playing() else "secondary",
    )
    back, forward = st.columns(2)
    back.button(
        tr("Back"),
        icon=":material/skip_previous:",
        key="play_back",
        help=tr("One year back"),
        on_click=_step,
        args=(-1,),
        width="stretch",
    )
    forward.button(
        tr("Next"),
        icon=":material/skip_next:",
        key="play_forward",
        help=tr("One year on"),
        on_click=_step,
        args=(1,),
        width="stretch",
    )
    speed, loop = st.columns([3, 2])
    speed.selectbox(
        tr("Speed"),
        list(SPEEDS),
        format_func=lambda s: tr(SPEEDS[s]),
        key="play_seconds",
        index=1,
        label_visibility="collapsed",
    )
    loop.checkbox(tr("Loop"), key="play_loop", value=True)


def tick() -> None:
    """On a fragment rerun while playing: move on a year when its time has come.

    At the end without looping, playback stops and the whole page (and the URL) follows.
    """
    if not is_playing():
        return
    now = time.monotonic()
    if now - st.session_state.get(LAST_TICK, now) < interval() * 0.8:
        return  # the run that started playback, or an early tick: keep this year
    year, going = step_year(
        st.session_state[YEAR], 1, YEAR_MIN, YEAR_MAX, bool(st.session_state.get("play_loop"))
    )
    st.session_state[YEAR] = year
    st.session_state[LAST_TICK] = now
    if not going:
        st.session_state[PLAYING] = False
        st.session_state[PENDING] = year
        st.rerun(scope="app")

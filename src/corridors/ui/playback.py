"""Year playback: play, pause, step and loop beside the year slider.

Each year of playback is one run of the whole page: a small clock (a fragment that reruns
on a timer, ``run_every``) moves the year on when its time has come and asks for a full
run, so the slider, the caption, the feature counts, the milestones line, the map (which
says its year on itself) and the trade tabs all name the same year, and the URL holds it.
The live map keeps the user's pan and zoom: only its layers' codes change. (While only the
map's fragment reran, the map moved through the years under a slider, caption and counts
that stayed on the year playback started from.)
"""

from __future__ import annotations

import time

import streamlit as st

from corridors.config import YEAR_MAX, YEAR_MIN
from corridors.i18n import N_, Tr
from corridors.timeline import step_year

SPEEDS = {2.0: N_("Slow (2 s a year)"), 1.0: N_("1 s a year"), 0.5: N_("Fast (0.5 s a year)")}
PLAYING, LAST_TICK, PENDING = "playing", "_play_tick_at", "_pending_year"
#: A tick this much before the year's time (as a share of the interval) still moves on:
#: the clock's timer and the page's runs are not exact.
EARLY = 0.2
#: The clock never waits less than this between two looks (seconds).
MIN_WAIT = 0.05


def apply_pending_year() -> None:
    """Before the slider is drawn: take the year the clock moved to (a fragment cannot
    set another widget's value, a full run can, before that widget exists)."""
    if PENDING in st.session_state:
        st.session_state["year"] = st.session_state.pop(PENDING)


def is_playing() -> bool:
    return bool(st.session_state.get(PLAYING))


def interval() -> float:
    """Seconds between frames."""
    return float(st.session_state.get("play_seconds", 1.0))


def _toggle() -> None:
    if is_playing():
        st.session_state[PLAYING] = False
        return
    start = st.session_state["year"]
    if start >= YEAR_MAX:  # from the end, play from the start
        start = YEAR_MIN
    st.session_state.update({PLAYING: True, LAST_TICK: time.monotonic()})
    st.session_state["year"] = start


def _step(delta: int) -> None:
    year, _ = step_year(st.session_state["year"], delta, YEAR_MIN, YEAR_MAX, loop=False)
    st.session_state["year"] = year
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


def clock() -> None:
    """While playing, the clock: a fragment that looks again when the year's time has come
    (counted from the last tick, so the page's own run is not added to every year).

    Drawn last of all (in the sidebar, out of the way): a fragment also runs inline in the
    page's run, and there it may move the year on only once the whole page has been drawn
    in this year. Drawn earlier, a slow run restarted itself before the main area was ever
    drawn, and playback moved on under a page stuck on its first year.
    """
    if is_playing():
        due = st.session_state.get(LAST_TICK, time.monotonic()) + interval() - time.monotonic()
        with st.sidebar:
            st.fragment(tick, run_every=max(MIN_WAIT, due))()


def tick() -> None:
    """The clock's run: when the year's time has come, move on a year and run the whole
    page in it (a full run: a fragment's rerun does not cut one short). At the end without
    looping, playback stops on the last year."""
    if not is_playing():
        return  # a tick already on its way when playback was paused
    now = time.monotonic()
    if now - st.session_state.get(LAST_TICK, now) < interval() * (1 - EARLY):
        return
    year, going = step_year(
        st.session_state["year"], 1, YEAR_MIN, YEAR_MAX, bool(st.session_state.get("play_loop"))
    )
    st.session_state.update({LAST_TICK: now, PENDING: year, PLAYING: going})
    st.rerun(scope="app")

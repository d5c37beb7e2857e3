"""Download buttons: the current view (filters, layers and map extent) in every format.

Files are made only when a button is clicked (deferred ``data``), so panning the map or
changing a filter never pays for rendering files nobody asked for. A caption (title and
subtitle) typed here goes into the PNG, SVG, PDF and HTML alike, and the print button
makes a landscape A4 or Letter PDF at 300 dpi.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from corridors.config import YEAR_MAX, YEAR_MIN
from corridors.export import FORMATS, export_animation, export_view, filename
from corridors.i18n import N_, Tr
from corridors.render.paper import PRESETS, StaticOptions
from corridors.selection import Selection
from corridors.ui import cache, language

PRINT_PAGES = {"a4": N_("A4 landscape"), "letter": N_("Letter landscape")}
#: Longest caption line we accept: a title, not a paragraph.
CAPTION_MAX = 120


#: The animation's page: smaller than a still, since it is drawn once per year.
ANIMATION_PAGE = StaticOptions(width_px=1200, height_px=750, dpi=120)


class OnScreen:
    """The view on screen now: the map's fragment updates it on every pan and every frame.

    The buttons live outside that fragment and read it when clicked, so panning the map
    neither re-draws them nor revokes the file a user is about to download (a re-drawn
    deferred button gets a new id, and a click on the old one fails).
    """

    def __init__(self, sel: Selection, lang: str):
        self.selection = sel
        self.lang = lang


def on_screen(sel: Selection) -> OnScreen:
    """This session's record of the view on screen, set to ``sel`` (the page's selection)
    in the reader's language."""
    lang = language.current()
    holder = st.session_state.setdefault("_on_screen", OnScreen(sel, lang))
    holder.selection, holder.lang = sel, lang
    return holder


def export_bytes(
    key: cache.DataKey, shown: OnScreen | Selection, fmt: str, options: StaticOptions | None = None
) -> bytes:
    """The file for one format (called when its button is clicked).

    An animation gets one view per selectable year, the rest of the selection kept.
    """
    sel = shown.selection if isinstance(shown, OnScreen) else shown
    lang = shown.lang if isinstance(shown, OnScreen) else language.DEFAULT_LANG
    if FORMATS[fmt].animated:
        years = range(YEAR_MIN, YEAR_MAX + 1)
        views = [cache.view(key, replace(sel, year=year), lang) for year in years]
        return export_animation(views, fmt, options).data
    return export_view(cache.view(key, sel, lang), fmt, options).data


def extent_caption(sel: Selection) -> None:
    """What the buttons below export: the map's extent now (in the map's fragment)."""
    tr = language.tr()
    extent = sel.extent
    where = tr("the map extent on screen") if sel.bbox else tr("the whole region")
    st.caption(
        tr("Download this view ({where}: {west}–{east}°E, {south}–{north}°N).").format(
            where=where,
            west=tr.number(extent[0], 1),
            east=tr.number(extent[2], 1),
            south=tr.number(extent[1], 1),
            north=tr.number(extent[3], 1),
        )
    )


def _caption(tr: Tr) -> tuple[str | None, str | None, str]:
    """The title, subtitle and print page the user chose (blank means our default)."""
    with st.expander(tr("Caption and print size")):
        left, middle, right = st.columns([3, 3, 2])
        title = left.text_input(
            tr("Title"),
            key="export_title",
            max_chars=CAPTION_MAX,
            placeholder=tr("China–Central Asia corridors, {year}").format(year="…"),
        )
        subtitle = middle.text_input(tr("Subtitle"), key="export_subtitle", max_chars=CAPTION_MAX)
        paper = right.selectbox(
            tr("Print page"),
            list(PRINT_PAGES),
            format_func=lambda p: tr(PRINT_PAGES[p]),
            key="export_paper",
        )
    return (title or "").strip() or None, (subtitle or "").strip() or None, paper


def render(key: cache.DataKey, shown: OnScreen) -> None:
    """One button per format, and a print PDF, for the view on screen when clicked."""
    tr = language.tr()
    sel = shown.selection
    title, subtitle, paper = _caption(tr)
    screen = replace(StaticOptions(), title=title, subtitle=subtitle)
    page = replace(PRESETS[paper], title=title, subtitle=subtitle)
    statics = "/".join(tr(f.label) for f in FORMATS.values() if f.static and not f.animated)
    st.caption(
        tr(
            "{formats}: {width}×{height} px; Print PDF: {page}, {dpi} dpi; the GIF plays "
            "every year (takes a few seconds to draw)."
        ).format(
            formats=statics,
            width=screen.width_px,
            height=screen.height_px,
            page=tr(PRINT_PAGES[paper]),
            dpi=page.dpi,
        )
    )
    animation = replace(ANIMATION_PAGE, title=title, subtitle=subtitle)
    buttons = [
        (
            f"GIF {YEAR_MIN}–{YEAR_MAX}" if fmt.animated else tr(fmt.label),
            fmt.name,
            animation if fmt.animated else screen,
            fmt.name,
        )
        for fmt in FORMATS.values()
    ]
    buttons.insert(3, (tr("Print PDF"), "pdf", page, f"print-{paper}"))
    # Two rows: the still maps first, then the interactive file, the data and the GIF.
    columns = [*st.columns(4), *st.columns(len(buttons) - 4)]
    for column, (label, fmt, options, slug) in zip(columns, buttons, strict=True):
        name = filename(sel, fmt)
        if FORMATS[fmt].animated:
            name = name.replace(f"-{sel.year}-", f"-{YEAR_MIN}-{YEAR_MAX}-")
        column.download_button(
            label,
            data=partial(export_bytes, key, shown, fmt, options),
            file_name=name if slug == fmt else name.replace(f".{fmt}", f"-{paper}.{fmt}"),
            mime=FORMATS[fmt].mime,
            on_click="ignore",
            key=f"download-{slug}",
            width="stretch",
        )

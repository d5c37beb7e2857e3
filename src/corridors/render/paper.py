"""The page a static map is drawn on: size, resolution, caption, presets; its title and footer.

Kept apart from the drawing code so the command line can check its options without
importing matplotlib (half a second of start-up).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from corridors.i18n import Tr, translator
from corridors.selection import check_bbox, describe_countries, describe_layers
from corridors.view import View

#: Sides of a static map, in pixels, and resolutions, in dots per inch, that are accepted.
SIDE_PX = (400, 6000)
DPI = (72, 600)
#: The page whose text sizes are the reference: the dashboard's default PNG, 10 × 6.25 in.
REFERENCE_IN = (10.0, 6.25)


@dataclass(frozen=True)
class StaticOptions:
    """Size, resolution and text of a static map.

    ``title`` and ``subtitle`` caption the map for a report; None keeps the defaults (the
    year in the title, the countries and layers below it).
    """

    width_px: int = 1600
    height_px: int = 1000
    dpi: int = 160
    title: str | None = None
    subtitle: str | None = None
    #: The dashboard's extent on screen (lon/lat): a window, not a subject. The map is
    #: framed on what is shown within it, at the page's shape, and draws every feature
    #: its frame reaches (see :mod:`corridors.render.static_frame`). None: the selection's
    #: bbox, if any, is the extent, as the command line's ``--bbox`` asks.
    window: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        low, high = SIDE_PX
        for name, value in (("width", self.width_px), ("height", self.height_px)):
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValueError(f"{name} {value!r} px out of range {low}–{high}")
        if isinstance(self.dpi, bool) or not isinstance(self.dpi, int):
            raise ValueError(f"dpi must be a whole number, got {self.dpi!r}")
        if not DPI[0] <= self.dpi <= DPI[1]:
            raise ValueError(f"dpi {self.dpi} out of range {DPI[0]}–{DPI[1]}")
        if self.window is not None:
            check_bbox(self.window)

    @property
    def size_in(self) -> tuple[float, float]:
        """The physical page size in inches."""
        return self.width_px / self.dpi, self.height_px / self.dpi

    @property
    def text_scale(self) -> float:
        """How much larger than on the reference page text is set, from the physical size.

        Text is sized in points for the page: an 11 × 7 in print reads like the screen
        version; a poster gets larger type, a thumbnail smaller.
        """
        width, height = self.size_in
        return min(width / REFERENCE_IN[0], height / REFERENCE_IN[1])


#: Presets: the dashboard's default PNG, and print pages at 300 dpi.
PRINT_PRESET = StaticOptions(width_px=3300, height_px=2100, dpi=300)  # 11 × 7 in
A4_LANDSCAPE = StaticOptions(width_px=3508, height_px=2480, dpi=300)  # 297 × 210 mm
LETTER_LANDSCAPE = StaticOptions(width_px=3300, height_px=2550, dpi=300)  # 11 × 8.5 in
PRESETS: dict[str, StaticOptions] = {
    "default": StaticOptions(),
    "print": PRINT_PRESET,
    "a4": A4_LANDSCAPE,
    "letter": LETTER_LANDSCAPE,
}


def title_lines(view: View, options: StaticOptions) -> list[str]:
    """The title block every export carries, in the view's language: title, the user's
    subtitle, what is shown.

    The last line (year, countries, layers) is always there, so a custom title never
    hides what the map shows.
    """
    sel, tr = view.selection, view.tr
    lines = [options.title or tr("China–Central Asia corridors, {year}").format(year=sel.year)]
    if options.subtitle:
        lines.append(options.subtitle)
    lines.append(f"{sel.year} · {describe_countries(sel, tr)} · {describe_layers(sel, tr)}")
    return lines


def credits_line(attribution: str, made: date, tr: Tr | None = None, starred: bool = False) -> str:
    """The footer every export carries: when it was made, and from which sources.

    ``starred``: some label is an English name standing in for a missing translation.
    """
    tr = tr or translator()
    line = tr("Made {date} with Corridors · Sources: {sources}").format(
        date=tr.date(made), sources=attribution or tr("see geodata")
    )
    if starred:
        line += " · " + tr("* English name: the sources give none in this language.")
    return line

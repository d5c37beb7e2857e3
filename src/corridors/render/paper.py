"""The page a static map is drawn on: size, resolution, label language, and presets.

Kept apart from the drawing code so the command line can check its options without
importing matplotlib (half a second of start-up).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StaticOptions:
    """Size and text options of a static map."""

    width_px: int = 1600
    height_px: int = 1000
    dpi: int = 160
    label_lang: str = "en"  # en, zh or ru: which name labels points

    def __post_init__(self) -> None:
        if not (200 <= self.width_px <= 10000 and 200 <= self.height_px <= 10000):
            raise ValueError(f"size {self.width_px}x{self.height_px} px out of range 200–10000")
        if not 50 <= self.dpi <= 1200:
            raise ValueError(f"dpi {self.dpi} out of range 50–1200")
        if self.label_lang not in ("en", "zh", "ru"):
            raise ValueError(f"label language {self.label_lang!r} not one of en, zh, ru")


PRINT_PRESET = StaticOptions(width_px=3300, height_px=2100, dpi=300)  # ~A4 landscape at 300 dpi

"""An animated GIF of a selection over a range of years: one static map per year.

Every frame is the static map of that year's view, with the year large on the map and the
year's milestones under the title. The legend, the trade classes and the map's extent are
the same on every frame (they are computed from all the frames together), so only what
changed from one year to the next moves.
"""

from __future__ import annotations

import io
from datetime import date

import geopandas as gpd
import matplotlib
import pandas as pd
from PIL import Image

from corridors import timeline
from corridors.render.paper import StaticOptions
from corridors.render.static import _RC, AnimationFrame, draw_static
from corridors.view import View

#: How long each year stays on screen, by default.
SECONDS_PER_FRAME = 1.0


def render_gif(
    views: list[View],
    options: StaticOptions,
    attribution: str = "",
    made: date | None = None,
    seconds_per_frame: float = SECONDS_PER_FRAME,
) -> tuple[bytes, list[str]]:
    """The frames of ``views`` (one per year, in order) as a looping GIF.

    Returns the GIF's bytes and the ids of every feature drawn on any frame.
    """
    together = gpd.GeoDataFrame(pd.concat([v.on_map for v in views]), crs="EPSG:4326")
    frames: list[Image.Image] = []
    drawn: dict[str, None] = {}
    with matplotlib.rc_context(_RC):
        for view in views:
            year = view.selection.year
            said = timeline.caption(
                timeline.milestones_in(view.features, year, view.tr), year, 2, view.tr
            )
            page = draw_static(
                view, options, attribution, made, AnimationFrame(together, together, said)
            )
            buffer = io.BytesIO()
            page.figure.savefig(buffer, format="png", facecolor="white")
            frames.append(Image.open(buffer).convert("RGB"))
            drawn.update(dict.fromkeys(page.drawn))
    # One palette for every frame, so colours do not flicker from year to year.
    palette = frames[-1].quantize(colors=255, method=Image.Quantize.MEDIANCUT)
    quantized = [f.quantize(palette=palette, dither=Image.Dither.NONE) for f in frames]
    out = io.BytesIO()
    quantized[0].save(
        out,
        format="GIF",
        save_all=True,
        append_images=quantized[1:],
        duration=int(seconds_per_frame * 1000),
        loop=0,
        optimize=False,
    )
    return out.getvalue(), list(drawn)

"""The animated GIF: one frame per year, the asked size, the year on each, bad ranges refused."""

from __future__ import annotations

import itertools
from dataclasses import replace

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import pytest
from PIL import Image

from corridors.cli import main
from corridors.config import DEFAULT_DATA_DIR
from corridors.data.loader import load_dataset
from corridors.export import export_view
from corridors.render.paper import StaticOptions
from corridors.render.static import _RC, AnimationFrame, draw_static
from corridors.selection import Selection
from corridors.view import view_of

YEARS = (2019, 2020, 2021, 2022)
SIZE = ["--width", "600", "--height", "400", "--dpi", "72"]


def frames(path) -> list[np.ndarray]:
    with Image.open(path) as gif:
        out = []
        for index in range(gif.n_frames):
            gif.seek(index)
            out.append(np.asarray(gif.convert("RGB")))
        return out


def badge_box(years: tuple[int, ...]):
    """Where the year badge is drawn on a 600x400 frame (same layout on every frame)."""
    ds = load_dataset(DEFAULT_DATA_DIR)
    views = [view_of(ds, Selection(year=y)) for y in years]
    together = gpd.GeoDataFrame(pd.concat([v.features for v in views]), crs="EPSG:4326")
    options = StaticOptions(width_px=600, height_px=400, dpi=72)
    with matplotlib.rc_context(_RC):
        page = draw_static(views[0], options, frame=AnimationFrame(together, together, ""))
        box = page.year_badge.get_window_extent(page.figure.canvas.get_renderer())
    x0, x1, top, bottom = int(box.x0), int(box.x1) + 1, 400 - int(box.y1) - 1, 400 - int(box.y0)
    return slice(top, bottom), slice(x0, x1)


def test_gif_has_one_frame_per_year_of_the_asked_size_each_with_its_year(tmp_path):
    out = tmp_path / "growth.gif"
    assert main(["export", "--years", "2019-2022", *SIZE, "--out", str(out)]) == 0
    images = frames(out)
    assert len(images) == len(YEARS)
    assert all(image.shape[:2] == (400, 600) for image in images)
    rows, cols = badge_box(YEARS)
    badges = [image[rows, cols] for image in images]
    for one, other in itertools.combinations(badges, 2):
        assert not np.array_equal(one, other)  # a different year is written on each frame
    with Image.open(out) as gif:
        assert gif.info["loop"] == 0 and gif.info["duration"] == 1000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "2025-2009"], "--years '2025-2009' must run forwards within 2009–2025"),
        (["--years", "2005-2010"], "--years '2005-2010' must run forwards within 2009–2025"),
        (["--years", "2019"], "--years '2019' must be a range like 2009-2025"),
        (["--years", "a-b"], "--years 'a-b' must be a range like 2009-2025"),
        (["--frame-seconds", "0"], "--frame-seconds 0 out of range 0.2–10"),
    ],
)
def test_bad_ranges_exit_2_and_write_nothing(tmp_path, capsys, args, message):
    assert main(["export", *args, "--out", str(tmp_path / "x.gif")]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_years_are_refused_for_a_still_format(tmp_path, capsys):
    assert main(["export", "--years", "2019-2020", "--out", str(tmp_path / "x.png")]) == 2
    assert "--years '2019-2020' is only for an animation" in capsys.readouterr().err


def test_a_single_view_cannot_be_a_gif():
    view = view_of(load_dataset(DEFAULT_DATA_DIR), replace(Selection(), year=2020))
    with pytest.raises(ValueError, match="gif is an animation: it needs a range of years"):
        export_view(view, "gif")

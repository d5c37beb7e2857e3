"""The static map's layout at every page size, resolution and format the exports accept.

Checked from matplotlib's own artist extents: title block, map frame, legend, scale bar
and footer inside the page and pairwise apart; every label clear of every marker (a circle)
and of every other label; one distinguishable legend entry per status drawn.
"""

from __future__ import annotations

import io
import itertools
import xml.etree.ElementTree as ET

import matplotlib
import matplotlib.image as mpimg
import pytest
from matplotlib.transforms import Bbox
from pypdf import PdfReader

from corridors.config import DEFAULT_DATA_DIR
from corridors.data.loader import load_dataset
from corridors.render.paper import StaticOptions
from corridors.render.static import _RC, draw_static
from corridors.render.styles import LINE_STATUSES
from corridors.selection import Selection
from corridors.status import status_label
from corridors.view import view_of
from tests.marks import gap, marker_circles

SIZES = [
    (600, 400),
    (800, 500),
    (1200, 675),
    (1600, 1000),
    (1000, 1400),
    (3300, 2100),
    (6000, 4000),
]
DPIS = [72, 150, 300]
FORMATS = ["png", "svg", "pdf"]


@pytest.fixture(scope="module")
def view():
    # 2023: operating, under construction, suspended and planned lines, and held events.
    return view_of(load_dataset(DEFAULT_DATA_DIR, strict=True), Selection(year=2023))


def assert_layout(page, width: int, height: int) -> None:
    renderer = page.figure.canvas.get_renderer()
    parts = page.parts(renderer)
    assert set(parts) == {"title", "map", "legend", "scale_bar", "footer"}
    canvas = Bbox.from_extents(0, 0, width, height)
    for name, box in parts.items():
        inside = canvas.x0 <= box.x0 and box.x1 <= canvas.x1 and canvas.y0 <= box.y0
        assert inside and box.y1 <= canvas.y1, f"{name} {box.extents} leaves {width}x{height}"
    for (a, box_a), (b, box_b) in itertools.combinations(parts.items(), 2):
        assert not box_a.overlaps(box_b), f"{a} {box_a.extents} overlaps {b} {box_b.extents}"
    labels = [t.get_window_extent(renderer) for t in page.labels]
    for one, other in itertools.combinations(labels, 2):
        assert not one.overlaps(other)
    markers = marker_circles(page)
    for label, box in zip(page.labels, labels, strict=True):
        hits = [i for i, circle in markers.items() if gap(circle, box) <= 0]
        assert hits == [], f"label {label.get_text()!r} covers {hits}"


def assert_status_legend(page, statuses_drawn: set[str]) -> None:
    """One legend entry per line status drawn, and no two alike (pattern, marker fill)."""
    entries = {
        text.get_text(): handle
        for text, handle in zip(page.legend.get_texts(), page.legend.legend_handles, strict=True)
    }
    shown = [s for s in LINE_STATUSES if status_label(s) in entries]
    assert set(shown) == statuses_drawn & set(LINE_STATUSES)
    # get_linestyle() says "--" for every custom dash; the dash pattern is what shows.
    looks = {
        (
            str(entries[status_label(s)]._unscaled_dash_pattern),
            entries[status_label(s)].get_markerfacecolor(),
        )
        for s in shown
    }
    assert len(looks) == len(shown), looks


@pytest.mark.parametrize(("size", "dpi"), list(itertools.product(SIZES, DPIS)))
def test_layout_holds_at_every_size_dpi_and_format(view, size, dpi):
    width, height = size
    options = StaticOptions(width_px=width, height_px=height, dpi=dpi)
    with matplotlib.rc_context(_RC):
        page = draw_static(view, options, attribution="Natural Earth; example.org")
        assert_layout(page, width, height)
        assert_status_legend(page, set(view.features["status_in_year"]))
        for fmt in FORMATS:
            buffer = io.BytesIO()
            page.figure.savefig(buffer, format=fmt, facecolor="white")
            assert_layout(page, width, height)  # saving does not move anything
            check_file(buffer.getvalue(), fmt, width, height, dpi)


def check_file(data: bytes, fmt: str, width: int, height: int, dpi: int) -> None:
    if fmt == "png":
        assert mpimg.imread(io.BytesIO(data)).shape[:2] == (height, width)
    elif fmt == "svg":
        root = ET.fromstring(data)
        assert root.get("width") == f"{width * 72 / dpi:g}pt"
    else:
        box = PdfReader(io.BytesIO(data)).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (
            round(width * 72 / dpi),
            round(height * 72 / dpi),
        )

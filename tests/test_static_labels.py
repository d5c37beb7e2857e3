"""Every label on paper is its own marker's: beside it, or joined to it by a leader line.

Checked in the final drawing (after the file is saved, from matplotlib's own extents) over
a matrix of extents, pages (size and dpi) and languages: each label's text touches its
marker (or the markers on the same spot, such as a capital inside its summit's ring) and
is nearer to it than to any other marker, or it has a leader line from its marker to it.
Then: labels are real text in SVG (``<text>``) and PDF (extractable), over their halo.
"""

from __future__ import annotations

import io
import itertools
import math
import re

import matplotlib
import pytest
from matplotlib.transforms import Bbox
from pypdf import PdfReader

from corridors.config import DEFAULT_DATA_DIR
from corridors.data.loader import load_dataset
from corridors.render.paper import PRESETS, StaticOptions
from corridors.render.static import _RC, draw_static, render_static
from corridors.selection import Selection
from corridors.view import view_of
from tests.marks import gap, marker_circles

#: The whole region; the dashboard's opening window; the issue's world; the Fergana valley.
EXTENTS = {
    "region": None,
    "screen": (39.0, 24.0, 127.0, 60.0),
    "world": (-180.0, -90.0, 180.0, 90.0),
    "fergana": (69.0, 39.0, 74.5, 42.5),
}
PAGES = {
    "default": PRESETS["default"],
    "a4": PRESETS["a4"],
    "small": StaticOptions(width_px=600, height_px=400, dpi=72),
}
LANGS = ("en", "zh", "ru")
#: A label without a leader is at most this far from its marker (points on the reference
#: page): the placement's gap of 2 pt, and a point for rounding.
NEAR_PT = 3.0
#: A leader starts this close to its marker's edge and ends this close to its label (pt).
LEADER_TOUCH_PT = 1.5


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DEFAULT_DATA_DIR, strict=True)


def by_gid(artists, prefix: str) -> dict[str, object]:
    return {
        a.get_gid().removeprefix(prefix): a
        for a in artists
        if (a.get_gid() or "").startswith(prefix)
    }


def assert_labels_on_their_markers(page, scale: float) -> None:
    """The test of the issue: each drawn label is its own marker's, in the final drawing.

    Every label is checked and every failure listed, so one message shows the whole page.
    """
    renderer = page.figure.canvas.get_renderer()
    pt = page.figure.dpi / 72
    circles = marker_circles(page)
    leaders = by_gid(page.map.lines, "leader-")
    halos = by_gid(page.map.texts, "label-halo-")
    wrong = []
    for label in page.labels:
        name = label.get_text()
        box = label.get_window_extent(renderer)
        x, y = page.map.transData.transform(label.xy)
        # Its feature, by the label's id; else (an unnamed label) the marker at its point.
        own_id = (label.get_gid() or "").removeprefix("label-")
        if own_id not in circles:
            own_id = min(circles, key=lambda i: math.hypot(circles[i][0] - x, circles[i][1] - y))
        own = circles[own_id]
        assert math.hypot(own[0] - x, own[1] - y) < 0.5, f"{name!r}: no marker at its point"
        # Markers centred inside this one are on its spot (a capital in its summit's ring).
        spot = {i for i, c in circles.items() if math.hypot(c[0] - own[0], c[1] - own[1]) <= own[2]}
        leader = leaders.get(own_id)
        if leader is None:
            own_gap = min(gap(circles[i], box) for i in spot)
            if own_gap > NEAR_PT * scale * pt:
                wrong.append(f"{name!r} is {own_gap / pt:.1f} pt from its marker, no leader")
            nearer = [i for i, c in circles.items() if i not in spot and gap(c, box) <= own_gap]
            if nearer:
                wrong.append(f"{name!r} is nearer {', '.join(nearer)} than its own marker")
        else:
            (x0, y0), (x1, y1) = page.map.transData.transform(leader.get_xydata())
            start = abs(math.hypot(x0 - own[0], y0 - own[1]) - own[2])
            end = gap((x1, y1, 0.0), box)
            if max(start, end) > LEADER_TOUCH_PT * scale * pt:
                wrong.append(f"{name!r}'s leader misses its marker or its label")
        halo = halos.get(own_id)
        if halo is None:
            wrong.append(f"{name!r} has no halo of its own (a path effect makes it outlines)")
        elif not _same_box(halo.get_window_extent(renderer), box):
            wrong.append(f"{name!r}'s halo is not under it")
    assert not wrong, "; ".join(wrong)


def _same_box(a: Bbox, b: Bbox) -> bool:
    return max(abs(p - q) for p, q in zip(a.extents, b.extents, strict=True)) < 0.5


CASES = list(itertools.product(EXTENTS, PAGES, LANGS))


@pytest.mark.parametrize(("extent", "page_name", "lang"), CASES)
def test_every_label_is_beside_its_own_marker_or_led_to_it(ds, extent, page_name, lang):
    options = PAGES[page_name]
    # 2025: both summits on capitals, the Almaty meeting beside Bishkek, every project.
    view = view_of(ds, Selection(year=2025, bbox=EXTENTS[extent]), lang)
    with matplotlib.rc_context(_RC):
        page = draw_static(view, options)
        fmt = ("png", "svg", "pdf")[CASES.index((extent, page_name, lang)) % 3]
        page.figure.savefig(io.BytesIO(), format=fmt)
        assert_labels_on_their_markers(page, options.text_scale)
    if extent != "world":  # on the world map some capitals have no room at all
        capitals = view.features[view.features["kind"] == "capital"]
        assert len(page.labels) >= min(len(capitals), 4), "labels were dropped wholesale"


def label_texts(view, options: StaticOptions) -> list[str]:
    with matplotlib.rc_context(_RC):
        return [t.get_text() for t in draw_static(view, options).labels]


@pytest.mark.parametrize("lang", LANGS)
def test_labels_are_real_text_in_svg_over_their_halo(ds, lang):
    view = view_of(ds, Selection(year=2025), lang)
    data, _ = render_static(view, "svg")
    svg = data.decode("utf-8")
    names = label_texts(view, StaticOptions())
    assert names
    for name in names:
        assert f">{name}</text>" in svg, f"{name!r} is not an SVG <text>"
    groups = re.findall(r'<g id="(label-(?:halo-)?[^"]+)">', svg)
    for gid in [g for g in groups if not g.startswith("label-halo-")]:
        feature = gid.removeprefix("label-")
        halo = f"label-halo-{feature}"
        assert halo in groups and groups.index(halo) < groups.index(gid), f"{gid}: no halo below"
        body = svg.split(f'<g id="{gid}">', 1)[1].split("</g>", 1)[0]
        assert "<text" in body and "<path" not in body, f"{gid} is drawn as outlines"


@pytest.mark.parametrize("lang", LANGS)
def test_labels_are_extractable_text_in_pdf_once_each(ds, lang):
    view = view_of(ds, Selection(year=2025), lang)
    data, _ = render_static(view, "pdf", PRESETS["a4"])
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    names = label_texts(view, PRESETS["a4"])
    assert names
    for name in names:
        # As a whole word: two labels on one baseline come out as one line of text.
        found = re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        assert len(found) == 1, f"{name!r} is not (once) in the PDF's text"


def test_an_animation_frame_keeps_labels_off_its_year(ds):
    from corridors.render.static import AnimationFrame

    view = view_of(ds, Selection(year=2025), "en")
    frame = AnimationFrame(view.features, view.features, "")
    with matplotlib.rc_context(_RC):
        options = StaticOptions(width_px=1200, height_px=750, dpi=120)
        page = draw_static(view, options, frame=frame)
        renderer = page.figure.canvas.get_renderer()
        year = page.year_badge.get_window_extent(renderer)
        for label in page.labels:
            assert not label.get_window_extent(renderer).overlaps(year)
        assert_labels_on_their_markers(page, options.text_scale)

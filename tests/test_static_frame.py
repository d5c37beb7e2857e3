"""What a static map frames: what is shown, an explicit extent as given; how the grey
neighbours end; and a legend that spreads across the page instead of leaving a band."""

from __future__ import annotations

from dataclasses import replace

import geopandas as gpd
import matplotlib
import pytest
from matplotlib.figure import Figure
from shapely.geometry import Polygon, box

from corridors.config import CONTEXT_BOX, DEFAULT_DATA_DIR
from corridors.data.loader import load_dataset
from corridors.render.paper import PRESETS, StaticOptions
from corridors.render.static import _RC, draw_static
from corridors.render.static_draw import PROJECTION, trade_marks
from corridors.render.static_layout import Page, _legend_handles, _place_legend
from corridors.selection import Selection
from corridors.view import view_of

#: A dashboard zoomed out on a wide screen: most of its window is empty.
WIDE_WINDOW = (-10.0, 0.0, 170.0, 75.0)
#: A dashboard zoomed in on the Fergana valley, well inside what is shown.
FERGANA = (69.0, 39.0, 74.5, 42.5)
WORLD = (-180.0, -90.0, 180.0, 90.0)


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DEFAULT_DATA_DIR, strict=True)


def draw(ds, sel: Selection, options: StaticOptions):
    with matplotlib.rc_context(_RC):
        return draw_static(view_of(ds, sel), options)


def limits(page) -> tuple[float, float, float, float]:
    (x0, x1), (y0, y1) = page.map.get_xlim(), page.map.get_ylim()
    return x0, y0, x1, y1


def projected(bbox) -> tuple[float, float, float, float]:
    edge = gpd.GeoSeries([box(*bbox).segmentize(0.5)], crs="EPSG:4326").to_crs(PROJECTION)
    return tuple(edge.total_bounds)


def test_a_dashboard_snapshot_is_framed_on_what_is_shown_not_the_window(ds):
    sel = Selection(year=2025)
    page = draw(ds, sel, replace(PRESETS["default"], window=WIDE_WINDOW))
    x0, y0, x1, y1 = limits(page)
    points = view_of(ds, sel).features.to_crs(PROJECTION)
    px0, py0, px1, py1 = points[points.geom_type == "Point"].total_bounds
    assert x0 <= px0 and px1 <= x1 and y0 <= py0 and py1 <= y1, "a marker is cut off"
    # Ashgabat to Lianyungang spans most of the map, not a third of a wide window.
    assert (px1 - px0) / (x1 - x0) > 0.6


def test_a_snapshot_zoomed_in_prints_the_window(ds):
    page = draw(ds, Selection(year=2025), replace(PRESETS["default"], window=FERGANA))
    x0, y0, x1, y1 = limits(page)
    wx0, wy0, wx1, wy1 = projected(FERGANA)
    assert x0 <= wx0 and wx1 <= x1 and y0 <= wy0 and wy1 <= y1
    # Grown to the page's shape, no more: (1.4 is the most the frame's shape may differ.)
    assert (x1 - x0) * (y1 - y0) <= 2.5 * (wx1 - wx0) * (wy1 - wy0)


def test_a_snapshot_draws_every_feature_its_frame_reaches(ds):
    """A phone's narrow window on a landscape page: the frame reaches past the window
    either side, and what it reaches is drawn (Khorgos, east of the window), not left out."""
    window = (56.0, 35.0, 80.0, 50.0)
    page = draw(ds, Selection(year=2025), replace(PRESETS["default"], window=window))
    features = view_of(ds, Selection(year=2025)).features
    reached = features[features.to_crs(PROJECTION).intersects(box(*limits(page)))]
    assert set(page.drawn) == set(reached["id"])
    assert "khorgos-gateway-dry-port" in page.drawn
    x0, _, x1, _ = limits(page)
    wx0, _, wx1, _ = projected(window)
    assert x1 - x0 > 1.3 * (wx1 - wx0), "the frame takes the page's shape"


def test_an_explicit_bbox_is_honoured_as_given(ds):
    page = draw(ds, Selection(year=2025, bbox=WORLD), PRESETS["default"])
    x0, y0, x1, y1 = limits(page)
    wx0, wy0, wx1, wy1 = projected(WORLD)
    assert x0 <= wx0 + 1 and wx1 - 1 <= x1 and y0 <= wy0 + 1 and wy1 - 1 <= y1


def neighbour_collections(page) -> list:
    """The neighbours' polygons: the first collection geopandas drew on the map."""
    return [page.map.collections[0]]


@pytest.mark.parametrize(
    ("bbox", "options", "on_shown"),
    [
        (WORLD, PRESETS["default"], False),
        (WORLD, PRESETS["a4"], False),
        ((0.0, 10.0, 160.0, 80.0), StaticOptions(width_px=1000, height_px=1400), False),
        (None, PRESETS["default"], False),
        (None, StaticOptions(width_px=600, height_px=400, dpi=72), False),
        ((39.0, 24.0, 127.0, 60.0), PRESETS["a4"], True),
    ],
)
def test_the_neighbours_never_end_in_a_straight_cut(ds, bbox, options, on_shown):
    """Either the map stays inside the box the neighbours are stored in, or they are
    clipped to a shape inside that box (so their stored edge never shows)."""
    if on_shown:  # the dashboard's window
        options, bbox = replace(options, window=bbox), None
    page = draw(ds, Selection(year=2025, bbox=bbox), options)
    stored = gpd.GeoSeries([box(*CONTEXT_BOX).segmentize(0.5)], crs="EPSG:4326").to_crs(PROJECTION)[
        0
    ]
    if box(*limits(page)).within(stored):
        return
    (collection,) = neighbour_collections(page)
    clip = collection.get_clip_path()
    assert clip is not None, "the neighbours run to their stored box's straight edge"
    path, transform = clip.get_transformed_path_and_affine()
    display = transform.transform(path.vertices)
    shape = Polygon(page.map.transData.inverted().transform(display))
    assert shape.buffer(-1000).within(stored), "clipped to a shape the stored box cuts"


@pytest.mark.parametrize(
    "options",
    [
        PRESETS["default"],
        PRESETS["a4"],
        PRESETS["letter"],
        StaticOptions(width_px=1200, height_px=675, dpi=120),
        StaticOptions(width_px=1000, height_px=1400, dpi=160),
    ],
)
def test_the_legend_below_the_map_spreads_across_the_page(ds, options):
    """No blank band beside the legend: one column more would not fit the page's width."""
    view = view_of(ds, Selection(year=2025))
    with matplotlib.rc_context(_RC):
        page = draw_static(view, options)
        renderer = page.figure.canvas.get_renderer()
        legend = page.legend
        if legend.get_window_extent(renderer).y0 > page.map.get_window_extent(renderer).y0:
            return  # beside the map, on a wide page
        ncol, entries = legend._ncols, len(legend.get_texts())
        if ncol >= entries:
            return
        size = legend.get_texts()[0].get_fontsize()
        measure = Page(Figure(figsize=options.size_in, dpi=options.dpi), options)
        handles = _legend_handles(
            view.features, view.selection.layers, size / 8.0, view.tr, trade_marks(view)
        )
        assert len(handles) == entries
        _, extent = _place_legend(measure, handles, ncol + 1, size, 0, options.size_in[1])
        width = options.size_in[0] - 2 * measure.margin
        assert extent.width > width, f"{ncol} legend columns leave room for {ncol + 1}"


@pytest.mark.parametrize(
    ("preset", "lang"),
    [("a4", "zh"), ("a4", "en"), ("letter", "ru"), ("default", "ru"), ("print", "zh")],
)
def test_no_blank_band_between_the_map_and_the_legend_or_footer(ds, preset, lang):
    """The legend goes where it lets the map fill the page: never beside a wide map so
    short that a band of blank paper lies under it (the Chinese A4 page did)."""
    options = PRESETS[preset]
    with matplotlib.rc_context(_RC):
        page = draw_static(view_of(ds, Selection(year=2025), lang), options)
        parts = page.parts(page.figure.canvas.get_renderer())
    width, height = options.width_px, options.height_px
    below_legend = parts["legend"].y1 < parts["map"].y0
    under = parts["legend"] if below_legend else parts["footer"]
    assert parts["scale_bar"].y0 - under.y1 <= 0.06 * height, "a blank band under the map"
    if not below_legend:
        assert parts["legend"].x0 - parts["map"].x1 <= 0.06 * width, "a band beside it"


@pytest.mark.parametrize(
    ("year", "marks"),
    [
        (2025, set()),  # every country has China's figure
        (2021, {"none", "partner"}),  # KGZ, TJK, TKM without one; UZB's own figure
    ],
)
def test_the_paper_legend_lists_the_choropleths_marks_only_where_drawn(ds, year, marks):
    """As the screen's legend: the grey "no figure" and the hatched "the country's own
    figure" rows only when the map draws a country so (they were always listed)."""
    page = draw(ds, Selection(year=year), PRESETS["default"])
    texts = {t.get_text() for t in page.legend.get_texts()}
    assert ("Trade: no figure" in texts) == ("none" in marks), texts
    partner = "Dashed edge: the country's own figure (China's is missing)"
    assert (partner in texts) == ("partner" in marks), texts
    assert "Trade 0–5 US$ bn" in texts  # the classes always

"""The country outlines are the build script's output, not a hand-made file."""

import importlib.util
import itertools

from corridors.config import CONTEXT_BOX, DEFAULT_DATA_DIR, REPO_ROOT


def test_outlines_file_is_what_the_script_builds():
    spec = importlib.util.spec_from_file_location(
        "build", REPO_ROOT / "scripts" / "build_outlines.py"
    )
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    expected = build.render(build.build())
    assert (DEFAULT_DATA_DIR / "layers" / "countries.geojson").read_text("utf-8") == expected
    neighbours = build.render(build.build_neighbours())
    assert (DEFAULT_DATA_DIR / "layers" / "neighbours.geojson").read_text("utf-8") == neighbours


def test_the_grey_land_ends_only_at_coasts_and_borders():
    """The live map draws the neighbours as stored: no edge of them may run along the
    region's box (a straight cut through Europe or the Arctic, land ending in the sea, as
    when they were stored clipped to it), and the world's land is all there."""
    import geopandas as gpd
    from shapely.geometry import box

    stored = gpd.read_file(DEFAULT_DATA_DIR / "layers" / "neighbours.geojson")
    six = gpd.read_file(DEFAULT_DATA_DIR / "layers" / "countries.geojson")
    west, south, east, north = CONTEXT_BOX
    edges = stored.boundary.union_all()
    for side in (
        box(west, -90, west, 90),
        box(-180, north, 180, north),
        box(east, -90, east, 90),
        box(-180, south, 180, south),
    ):
        along = edges.intersection(side.buffer(1e-6)).length
        assert along < 0.5, f"{along:.1f}° of the grey land's edge runs along {side.bounds}"
    for name, geom in zip(stored["name"], stored.geometry, strict=True):
        for part in getattr(geom, "geoms", [geom]):
            lons = [x for x, _ in part.exterior.coords]
            widest = max(abs(b - a) for a, b in itertools.pairwise(lons))
            assert widest < 30, f"{name}: an edge {widest:.0f}° long (a band round the world)"
    land = stored.union_all().union(six.union_all())
    for lon, lat, where in [
        (10, 50, "Germany"),
        (-100, 40, "USA"),
        (25, 0, "Congo"),
        (135, -25, "Australia"),
        (150, 65, "Russia's far east"),
        (33.4, 35.25, "Northern Cyprus"),
        (77.1, 35.4, "Siachen"),
    ]:
        assert land.contains(gpd.points_from_xy([lon], [lat])[0]), f"no land at {where}"
    for lon, lat, where in [
        (80, 76, "the Kara Sea"),
        (175, 58, "the Bering Sea"),
        (40, 43, "the Black Sea"),
    ]:
        assert not land.contains(gpd.points_from_xy([lon], [lat])[0]), f"land in {where}"

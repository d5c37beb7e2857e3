"""Build the country outlines in geodata/layers from Natural Earth, via npm's world-atlas.

``countries.geojson`` holds China and the five; ``neighbours.geojson`` every other country,
drawn in grey behind the map: those that reach into the context box round the six
(``config.CONTEXT_BOX``: Russia, Mongolia, Afghanistan, Iran, Pakistan, India...) whole at
1:50m, the rest of the world whole at 1:110m. Whole, not cut to a box: a cut edge showed on
the live map as a straight line through Europe and the Arctic, land ending in the sea, at
the desktop's opening view and whenever a reader zoomed out.

Natural Earth (public domain) at 1:50m and 1:110m, from the pinned npm package
``world-atlas`` (see package.json), read with GDAL's TopoJSON driver. The six and the near
countries are simplified together (coverage simplification) so they still meet without
gaps or overlaps; the far countries, at the coarser scale, meet the near ones within a few
kilometres, a pixel at the zooms where both show.

Run: ``python scripts/build_outlines.py`` (``make outlines``). The test suite rebuilds both
and compares, so the committed files are always this script's output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely import affinity
from shapely.geometry import Polygon, box

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corridors.config import CONTEXT_BOX, COUNTRIES, ISO_NUMERIC  # noqa: E402

TOPOJSON = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
FAR_TOPOJSON = ROOT / "node_modules" / "world-atlas" / "countries-110m.json"
LAYERS = ROOT / "geodata" / "layers"
OUT = LAYERS / "countries.geojson"
NEIGHBOURS_OUT = LAYERS / "neighbours.geojson"
TOLERANCE_DEG = 0.02  # about 2 km: invisible at the dashboard's zoom, a third of the bytes
SOURCE = "https://www.naturalearthdata.com/downloads/50m-cultural-vectors/"
FAR_SOURCE = "https://www.naturalearthdata.com/downloads/110m-cultural-vectors/"


#: Not drawn: Web Mercator cannot show it (its outline runs round the pole; Leaflet stops
#: at 85°S), and it is 5,000 km from anything on this map.
ANTARCTICA = "010"


def _read(topojson: Path) -> gpd.GeoDataFrame:
    """Natural Earth's countries, each with a ``key``: its ISO numeric code, or its name
    where it has none (Northern Cyprus, the Siachen Glacier...: left out, they were holes
    in the land), each whole on one side of the antimeridian."""
    world = gpd.read_file(topojson, layer="countries").set_crs("EPSG:4326", allow_override=True)
    world = world[world["id"] != ANTARCTICA].copy()
    world["key"] = world["id"].fillna(world["name"])
    world["geometry"] = [_split_at_antimeridian(g) for g in world.geometry]
    return world


def _crosses(ring) -> bool:
    return bool((np.abs(np.diff(np.asarray(ring.coords)[:, 0])) > 180).any())


def _split_at_antimeridian(geom):
    """``geom`` with each part that crosses 180° (Russia's Chukotka, Fiji) cut there.

    Natural Earth's TopoJSON stores such a part as one ring that jumps from 180°E to
    180°W; repairing it as it stands (make_valid) joined the jumps into bands of land
    across Siberia and the Arctic, and Leaflet drew lines round the whole world. The part
    is unwrapped (west longitudes + 360°), repaired, and its two halves put back.
    """
    if not any(_crosses(ring) for part in _parts(geom) for ring in _rings(part)):
        return geom
    parts = []
    for part in _parts(geom):
        if not any(_crosses(ring) for ring in _rings(part)):
            parts.append(part)
            continue
        shell, holes = _unwrapped(part.exterior), [_unwrapped(r) for r in part.interiors]
        whole = shapely.make_valid(Polygon(shell, holes))
        parts.append(whole.intersection(box(-180, -90, 180, 90)))
        parts.append(affinity.translate(whole.intersection(box(180, -90, 540, 90)), -360))
    return shapely.make_valid(shapely.union_all(parts))


def _parts(geom) -> list:
    return list(getattr(geom, "geoms", [geom]))


def _rings(part) -> list:
    return [part.exterior, *part.interiors]


def _unwrapped(ring) -> list[tuple[float, float]]:
    """A ring's points with west longitudes moved past 180°E (+360°)."""
    return [(x + 360 if x < 0 else x, y) for x, y, *_ in ring.coords]


def _world(topojson: Path) -> gpd.GeoDataFrame:
    """The six and every country that reaches into the context box, whole, at 1:50m."""
    world = _read(topojson)
    focus = world["id"].isin(ISO_NUMERIC.values())
    near = world[focus | world.intersects(box(*CONTEXT_BOX))].copy()
    near["geometry"] = near.geometry.make_valid().simplify_coverage(TOLERANCE_DEG)
    near["source"] = SOURCE
    return near


def _far(near_keys: pd.Series, topojson: Path = FAR_TOPOJSON) -> gpd.GeoDataFrame:
    """Every other country, whole, at 1:110m (already coarse: kept as Natural Earth drew it)."""
    world = _read(topojson)
    far = world[~world["key"].isin(near_keys)].copy()
    far["geometry"] = far.geometry.make_valid()
    far["source"] = FAR_SOURCE
    return far


def build(topojson: Path = TOPOJSON) -> dict:
    """Return the outlines of China and the five countries as a GeoJSON dict."""
    world = _world(topojson)
    by_numeric = {v: k for k, v in ISO_NUMERIC.items()}
    gdf = world[world["id"].isin(by_numeric)].copy()
    gdf["iso3"] = gdf["id"].map(by_numeric)
    gdf["name"] = gdf["iso3"].map(COUNTRIES)
    gdf = gdf.sort_values("iso3")[["iso3", "name", "source", "geometry"]]
    doc = json.loads(gdf.to_json(drop_id=True, to_wgs84=False))
    return _round(doc)


def build_neighbours(topojson: Path = TOPOJSON, far_topojson: Path = FAR_TOPOJSON) -> dict:
    """Return every country but the six as a GeoJSON dict: the near ones at 1:50m, the far
    ones at 1:110m, each with the page of its scale as its source.

    Each keeps Natural Earth's English name and its ISO 3166-1 numeric code.
    """
    world = _world(topojson)
    near = world[~world["id"].isin(ISO_NUMERIC.values())]
    far = _far(world["key"], far_topojson)
    gdf = gpd.GeoDataFrame(pd.concat([near, far]), crs="EPSG:4326")
    gdf["iso_n3"] = gdf["id"]
    gdf = gdf[~gdf.is_empty].sort_values(["iso_n3", "name"], na_position="last")
    gdf = gdf[["iso_n3", "name", "source", "geometry"]]
    doc = json.loads(gdf.to_json(drop_id=True, to_wgs84=False))
    return _round(doc)


def _round(obj, digits: int = 4):
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, list):
        return [_round(v, digits) for v in obj]
    if isinstance(obj, dict):
        return {k: _round(v, digits) for k, v in obj.items()}
    return obj


def render(doc: dict) -> str:
    """The file's text: one feature per line keeps diffs readable."""
    features = ",\n".join(json.dumps(f, ensure_ascii=False) for f in doc["features"])
    return '{"type": "FeatureCollection", "features": [\n' + features + "\n]}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--neighbours-out", type=Path, default=NEIGHBOURS_OUT)
    args = parser.parse_args()
    args.out.write_text(render(build()), encoding="utf-8")
    args.neighbours_out.write_text(render(build_neighbours()), encoding="utf-8")
    print(f"wrote {args.out} and {args.neighbours_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build the country outlines in geodata/layers from Natural Earth, via npm's world-atlas.

``countries.geojson`` holds China and the five; ``neighbours.geojson`` every other country
that reaches into the context box around them (Russia, Mongolia, Afghanistan, Iran,
Pakistan, India, Azerbaijan...), clipped to that box, drawn in grey behind the map.

Natural Earth (public domain) at 1:50m, from the pinned npm package ``world-atlas`` (see
package.json), read with GDAL's TopoJSON driver. All borders are simplified together
(coverage simplification) so neighbours still meet without gaps or overlaps.

Run: ``python scripts/build_outlines.py`` (``make outlines``). The test suite rebuilds both
and compares, so the committed files are always this script's output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corridors.config import COUNTRIES, ISO_NUMERIC  # noqa: E402

TOPOJSON = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
LAYERS = ROOT / "geodata" / "layers"
OUT = LAYERS / "countries.geojson"
NEIGHBOURS_OUT = LAYERS / "neighbours.geojson"
TOLERANCE_DEG = 0.02  # about 2 km: invisible at the dashboard's zoom, a third of the bytes
#: Neighbours are clipped to this lon/lat box: the region with room to pan and zoom out.
CONTEXT_BOX = (30.0, 15.0, 140.0, 62.0)
SOURCE = "https://www.naturalearthdata.com/downloads/50m-cultural-vectors/"


def _world(topojson: Path) -> gpd.GeoDataFrame:
    """Every country that reaches into the context box, clipped to it (the six unclipped)."""
    world = gpd.read_file(topojson, layer="countries").set_crs("EPSG:4326", allow_override=True)
    focus = world["id"].isin(ISO_NUMERIC.values())
    near = world.intersects(box(*CONTEXT_BOX)) & ~focus & world["id"].notna()
    near_clipped = world[near].copy()
    near_clipped["geometry"] = near_clipped.geometry.clip_by_rect(*CONTEXT_BOX)
    both = gpd.GeoDataFrame(
        pd.concat([world[focus], near_clipped[~near_clipped.is_empty]]), crs="EPSG:4326"
    )
    both["geometry"] = both.geometry.make_valid().simplify_coverage(TOLERANCE_DEG)
    return both


def build(topojson: Path = TOPOJSON) -> dict:
    """Return the outlines of China and the five countries as a GeoJSON dict."""
    world = _world(topojson)
    by_numeric = {v: k for k, v in ISO_NUMERIC.items()}
    gdf = world[world["id"].isin(by_numeric)].copy()
    gdf["iso3"] = gdf["id"].map(by_numeric)
    gdf["name"] = gdf["iso3"].map(COUNTRIES)
    gdf["source"] = SOURCE
    gdf = gdf.sort_values("iso3")[["iso3", "name", "source", "geometry"]]
    doc = json.loads(gdf.to_json(drop_id=True, to_wgs84=False))
    return _round(doc)


def build_neighbours(topojson: Path = TOPOJSON) -> dict:
    """Return the neighbouring countries, clipped to the context box, as a GeoJSON dict.

    Each keeps Natural Earth's English name and its ISO 3166-1 numeric code.
    """
    world = _world(topojson)
    gdf = world[~world["id"].isin(ISO_NUMERIC.values())].copy()
    gdf["iso_n3"] = gdf["id"]
    gdf["source"] = SOURCE
    gdf = gdf[~gdf.is_empty].sort_values("iso_n3")[["iso_n3", "name", "source", "geometry"]]
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

"""Build geodata/layers/countries.geojson from Natural Earth, as packaged by npm's world-atlas.

Natural Earth (public domain) at 1:50m, from the pinned npm package ``world-atlas`` (see
package.json), read with GDAL's TopoJSON driver. Shared borders are simplified together
(coverage simplification) so neighbours still meet without gaps or overlaps.

Run: ``python scripts/build_outlines.py`` (``make outlines``). The test suite rebuilds it
and compares, so the committed file is always this script's output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from corridors.config import COUNTRIES, ISO_NUMERIC  # noqa: E402

TOPOJSON = ROOT / "node_modules" / "world-atlas" / "countries-50m.json"
OUT = ROOT / "geodata" / "layers" / "countries.geojson"
TOLERANCE_DEG = 0.02  # about 2 km: invisible at the dashboard's zoom, a third of the bytes
SOURCE = "https://www.naturalearthdata.com/downloads/50m-cultural-vectors/"


def build(topojson: Path = TOPOJSON) -> dict:
    """Return the outlines of China and the five countries as a GeoJSON dict."""
    world = gpd.read_file(topojson, layer="countries")
    by_numeric = {v: k for k, v in ISO_NUMERIC.items()}
    gdf = world[world["id"].isin(by_numeric)].copy()
    gdf["iso3"] = gdf["id"].map(by_numeric)
    gdf["name"] = gdf["iso3"].map(COUNTRIES)
    gdf["source"] = SOURCE
    gdf = gdf.sort_values("iso3")[["iso3", "name", "source", "geometry"]]
    gdf["geometry"] = gdf.geometry.simplify_coverage(TOLERANCE_DEG)
    gdf = gdf.set_crs("EPSG:4326", allow_override=True)
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
    args = parser.parse_args()
    args.out.write_text(render(build()), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A synthetic geodata folder with a large pipelines layer, for measuring how cost grows.

The layer is valid under ``geodata/SCHEMA.md`` (the loader's strict mode accepts it), made
from a fixed seed so every run measures the same data: ``n`` schematic gas lines wandering
across Central Asia, each with years, countries, a description and a source, like a
tracker's full export would have.

Usage: python bench/synthetic.py OUT_DIR [--lines 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Where the synthetic lines wander: the five Central Asian countries and Xinjiang.
BOX = (52.0, 37.0, 88.0, 52.0)
COUNTRIES = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "CHN")


def synthetic_feature(i: int, rng: random.Random, vertices: int = 12) -> dict:
    """One schematic gas line: a random walk of ``vertices`` points inside BOX."""
    lon = rng.uniform(BOX[0], BOX[2] - 4)
    lat = rng.uniform(BOX[1], BOX[3] - 2)
    coords = []
    for _ in range(vertices):
        lon = min(BOX[2], max(BOX[0], lon + rng.uniform(-0.1, 0.6)))
        lat = min(BOX[3], max(BOX[1], lat + rng.uniform(-0.3, 0.3)))
        coords.append([round(lon, 4), round(lat, 4)])
    announced = rng.randint(2000, 2020)
    start = announced + rng.randint(0, 4)
    opened = start + rng.randint(1, 5)
    opened = opened if opened <= 2025 else None
    status = "operating" if opened else ("under_construction" if start <= 2025 else "planned")
    start = start if start <= 2025 else None
    props = {
        "id": f"synthetic-{i:05d}",
        "name": f"Synthetic gathering line {i} <b>&amp;</b>",  # markup in data stays text
        "name_zh": None,
        "name_ru": None,
        "kind": "gas_pipeline",
        "status": status,
        "countries": sorted(rng.sample(COUNTRIES, rng.randint(1, 2))),
        "announced": announced,
        "construction_start": start,
        "opened": opened,
        "description": "A synthetic line for measuring speed; not a real pipeline.",
        "sources": [f"https://example.org/synthetic/{i}"],
        "geometry_precision": "schematic",
        "length_km": None,
    }
    geometry = {"type": "LineString", "coordinates": coords}
    return {"type": "Feature", "properties": props, "geometry": geometry}


def make_folder(out: Path, lines: int = 10_000, seed: int = 7) -> Path:
    """A copy of the repo's geodata with ``lines`` synthetic lines added to the pipelines."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "geodata", out)
    path = out / "layers" / "pipelines.geojson"
    doc = json.loads(path.read_text("utf-8"))
    rng = random.Random(seed)
    doc["features"] += [synthetic_feature(i, rng) for i in range(lines)]
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(make_folder(args.out, args.lines, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""A user's own layers: ``extra/*.geojson`` files read leniently, with only a name
required of each feature."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd

from corridors.config import COUNTRIES, OWN_LAYER, OWN_PREFIX, is_own_layer, own_dirs
from corridors.data.errors import Problem
from corridors.data.reader import empty_layer, relative_name, valid_features
from corridors.data.validate import check_own_properties


def own_layer_files(root: Path) -> list[Path]:
    """A user's own layer files: ``extra/*.geojson`` in the data folder and in
    ``$CORRIDORS_EXTRA_DIR``."""
    return [path for folder in own_dirs(root) for path in sorted(folder.glob("*.geojson"))]


#: The properties of an own layer's feature that are read (anything else is ignored).
OWN_READ = (
    "name", "name_zh", "name_ru", "description",
    "announced", "construction_start", "suspended_from", "opened",
)  # fmt: skip


def read_own_layer_lenient(
    path: Path, root: Path | None, outlines: gpd.GeoDataFrame
) -> tuple[str | None, gpd.GeoDataFrame, list[Problem]]:
    """Read one of a user's own layer files: its layer id, the valid features, the problems.

    Only a name is required; an id is made from the file's name and the feature's place
    in it, and missing countries are the ones the geometry touches (all six if none).
    """
    name = relative_name(path, root)
    layer = OWN_PREFIX + path.stem
    if not is_own_layer(layer):
        reason = f"file name {path.stem!r} names the layer: use lowercase letters, digits, - and _"
        return None, empty_layer(), [Problem(name, "", "", reason)]
    valid, problems = valid_features(path, name, OWN_LAYER, check_own_properties)
    if valid is None:  # not a layer at all: said, and not offered as an empty one
        return None, empty_layer(), problems
    if not valid:
        return layer, empty_layer(), problems
    rows = [
        {
            **{key: props.get(key) for key in OWN_READ},
            "layer": layer,
            "id": props.get("id") or f"{path.stem}-{index + 1}",
            "kind": "own",
            "countries": props.get("countries"),
            "sources": props.get("sources") or ([props["source"]] if props.get("source") else []),
        }
        for index, props, _ in valid
    ]
    geoms = [geom for _, _, geom in valid]
    gdf = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
    gdf["countries"] = _countries_touched(gdf, outlines)
    return layer, gdf, problems


def _countries_touched(gdf: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame) -> list[list[str]]:
    """Each feature's countries: as given, else the six it touches, else all six (so a
    feature outside them shows whichever countries are chosen)."""
    given = gdf["countries"]
    missing = gdf[given.isna()]
    touched: dict[Any, list[str]] = {}
    if len(missing) and len(outlines):
        hits = gpd.sjoin(
            missing[["geometry"]], outlines[["iso3", "geometry"]], predicate="intersects"
        )
        for index, codes in hits.groupby(level=0)["iso3"]:
            touched[index] = [c for c in COUNTRIES if c in set(codes)]
    return [
        list(value) if isinstance(value, list) else touched.get(index, list(COUNTRIES))
        for index, value in given.items()
    ]

"""Distances and lengths on the WGS84 ellipsoid: the one place that measures the earth.

Degrees are not distances (a degree of longitude is 111 km at the equator and 71 km at
Astana), so every length and distance the project reports is geodesic, from one ``GEOD``.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

GEOD = Geod(ellps="WGS84")


def geodesic_length_km(geom: BaseGeometry | None) -> float | None:
    """Length of a line on the WGS84 ellipsoid in km; None for points and empty geometry."""
    if geom is None or geom.is_empty or "Line" not in geom.geom_type:
        return None
    return GEOD.geometry_length(geom) / 1000.0


def distance_km(geom: BaseGeometry, lon: float, lat: float) -> float:
    """Geodesic distance (km) from a point to the nearest point of ``geom``.

    The nearest point is found in lon/lat (fine at the 10 km scale we check), the
    distance itself is measured on the WGS84 ellipsoid.
    """
    point = shapely.Point(lon, lat)
    nearest = shapely.ops.nearest_points(geom, point)[0]
    _, _, metres = GEOD.inv(lon, lat, nearest.x, nearest.y)
    return metres / 1000.0


def with_lengths(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add ``length_km_computed`` and, where a length is reported, ``length_ratio``.

    The reported length stays the figure shown to users; the computed one tells how far
    the drawn line (often straight between waypoints) is from it.
    """
    out = features.copy()
    computed = [geodesic_length_km(g) for g in out.geometry]
    out["length_km_computed"] = pd.to_numeric(pd.Series(computed, index=out.index, dtype=object))
    reported = pd.to_numeric(out.get("length_km", pd.Series(index=out.index, dtype=float)))
    out["length_ratio"] = out["length_km_computed"].astype(float) / reported.astype(float)
    return out

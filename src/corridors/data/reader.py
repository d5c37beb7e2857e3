"""Reading the geodata folder's files: GeoJSON layers and CSV tables.

Each reader checks what it reads against the rules of :mod:`corridors.data.validate` and
returns the valid records with the problems of the rest (``*_lenient``), or raises
:class:`DataError` listing them. :mod:`corridors.data.loader` puts the files together
into a :class:`~corridors.data.loader.Dataset`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from corridors.data import schema
from corridors.data.errors import DataError, Problem
from corridors.data.validate import (
    check_geometry,
    check_place_name_row,
    check_place_row,
    check_properties,
    check_trade_gap_keys_unique,
    check_trade_gap_row,
    check_trade_keys_unique,
    check_trade_row,
    check_trade_sums,
    feature_label,
)

WGS84_NAMES = frozenset(
    {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84"}
)


def empty_layer() -> gpd.GeoDataFrame:
    """A feature frame with no rows, so filters and maps need no special case."""
    columns = ["layer", *schema.REQUIRED_PROPERTIES]
    return gpd.GeoDataFrame({c: [] for c in columns}, geometry=[], crs="EPSG:4326")


def relative_name(path: Path, root: Path | None) -> str:
    """How problems name a file: relative to the data folder when inside it."""
    try:
        return str(path.relative_to(root)) if root else path.name
    except ValueError:
        return str(path)


def _read_json(path: Path, name: str) -> tuple[Any, list[Problem]]:
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except json.JSONDecodeError as exc:
        return None, [
            Problem(
                name, "", "", f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            )
        ]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, "", "", f"cannot be read: {exc}")]


def _check_collection(doc: Any, name: str) -> list[Problem]:
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        return [Problem(name, "", "type", "must be a GeoJSON FeatureCollection")]
    if not isinstance(doc.get("features"), list):
        return [Problem(name, "", "features", "must be a list of features")]
    crs = doc.get("crs")
    if crs is not None:
        crs_name = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) else None
        if crs_name not in WGS84_NAMES:
            return [Problem(name, "", "crs", f"must be WGS84 lon/lat (RFC 7946), got {crs_name!r}")]
    return []


def valid_features(
    path: Path, name: str, geometry_layer: str, check: Callable[..., list[Problem]]
) -> tuple[list[tuple[int, dict[str, Any], shapely.Geometry]] | None, list[Problem]]:
    """The (position in the file, properties, geometry) of every valid feature of one
    GeoJSON file, and the problems of the rest; None instead of features when the file
    itself is unusable.

    ``check(props, file, where)`` checks one feature's properties; the geometry is checked
    against what ``geometry_layer`` allows.
    """
    doc, problems = _read_json(path, name)
    problems = problems or _check_collection(doc, name)
    if problems:
        return None, problems
    valid = []
    for index, feature in enumerate(doc["features"]):
        props = feature.get("properties") if isinstance(feature, dict) else None
        where = feature_label(props, index)
        if not isinstance(props, dict):
            problems.append(Problem(name, where, "properties", "feature has no properties"))
            continue
        geom, found = _geometry(feature.get("geometry"), props, geometry_layer, name, where)
        found = check(props, name, where) + found
        if found:
            problems += found
        else:
            valid.append((index, props, geom))
    return valid, problems


def read_layer_lenient(
    path: Path, layer: str | None = None, root: Path | None = None
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Read one layer file; return the valid features and the problems of the rest."""
    name = relative_name(path, root)
    layer = layer or path.stem
    valid, problems = valid_features(
        path, name, layer, lambda props, file, where: check_properties(props, layer, file, where)
    )
    if not valid:
        return empty_layer(), problems
    rows = [{"layer": layer, **props} for _, props, _ in valid]
    return gpd.GeoDataFrame(rows, geometry=[g for _, _, g in valid], crs="EPSG:4326"), problems


def _geometry(
    geometry: Any, props: dict[str, Any], layer: str, name: str, where: str
) -> tuple[Any, list[Problem]]:
    """A feature's geometry, checked; None for an event held online, which has no place
    (``"geometry": null`` with ``geometry_precision: online``, in the layers that allow
    it) and must not be given one."""
    online = props.get("geometry_precision") == schema.ONLINE and layer in schema.ONLINE_LAYERS
    if online:
        if geometry is None:
            return None, []
        reason = "an event held online has no place: its geometry must be null"
        return None, [Problem(name, where, "geometry", reason)]
    geom, found = _shape(geometry, name, where)
    if geom is not None:
        found += check_geometry(geom, layer, name, where)
    return geom, found


def _shape(geometry: Any, name: str, where: str) -> tuple[Any, list[Problem]]:
    if geometry is None:
        return None, [Problem(name, where, "geometry", "geometry is missing")]
    try:
        return shape(geometry), []
    except Exception as exc:  # shapely raises several types for malformed GeoJSON
        return None, [Problem(name, where, "geometry", f"malformed geometry: {exc}")]


def read_layer(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read one layer file, raising :class:`DataError` if anything in it is wrong."""
    gdf, problems = read_layer_lenient(Path(path), layer)
    if problems:
        raise DataError(problems)
    return gdf


def _read_csv(
    path: Path, name: str, columns: tuple[str, ...]
) -> tuple[pd.DataFrame, list[Problem]]:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        return pd.DataFrame(columns=list(columns)), [
            Problem(name, "", "", f"not readable CSV: {exc}")
        ]
    missing = [c for c in columns if c not in df.columns]
    if missing:
        return pd.DataFrame(columns=list(columns)), [
            Problem(name, "", c, "required column is missing") for c in missing
        ]
    return df, []


def _valid_rows(df: pd.DataFrame, name: str, check) -> tuple[pd.DataFrame, list[Problem]]:
    """The rows ``check`` finds nothing wrong with, and the problems of the others.

    Rows are numbered as a spreadsheet shows them: the header is row 1.
    """
    problems: list[Problem] = []
    keep = []
    for index, row in enumerate(df.to_dict("records")):
        found = check(row, name, f"row {index + 2}")
        problems += found
        keep.append(not found)
    return df[keep].copy(), problems


def _read_table(
    path: Path,
    root: Path | None,
    columns: tuple[str, ...],
    check: Callable[[dict, str, str], list[Problem]],
    typed: Callable[[pd.DataFrame], pd.DataFrame],
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one CSV: the valid rows, typed and tagged with their file, and the problems."""
    name = relative_name(path, root)
    df, problems = _read_csv(path, name, columns)
    if problems:
        return typed(pd.DataFrame(columns=list(columns))).assign(file=[]), problems
    rows, problems = _valid_rows(df, name, check)
    return typed(rows).assign(file=name), problems


def read_numbered_table(
    path: Path,
    root: Path | None,
    columns: tuple[str, ...],
    check: Callable[[dict, str, str], list[Problem]],
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one CSV of text cells: the valid rows, blank cells as None, each tagged with its
    file and its ``row`` as a spreadsheet numbers it (for rules that name rows later)."""
    name = relative_name(path, root)
    df, problems = _read_csv(path, name, columns)
    if not problems:
        df = df.assign(row=range(2, len(df) + 2))
        df, problems = _valid_rows(df, name, check)
    out = df.reindex(columns=[*columns, "row"]).astype(object)
    out = out.where(out.map(lambda v: not isinstance(v, str) or bool(v.strip())), None)
    return out.assign(file=name), problems


def read_trade_lenient(path: Path, root: Path | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one trade CSV; return the valid rows (typed) and the problems of the rest."""
    good, problems = _read_table(path, root, schema.TRADE_COLUMNS, check_trade_row, _typed_trade)
    return good, problems + check_trade_keys_unique(good) + check_trade_sums(good)


def _typed_trade(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["year"] = pd.to_numeric(out["year"]).astype("int64")
    out["value_usd"] = pd.to_numeric(out["value_usd"]).astype("float64")
    return out


def read_trade(path: Path) -> pd.DataFrame:
    """Read one trade CSV, raising :class:`DataError` if anything in it is wrong."""
    df, problems = read_trade_lenient(Path(path))
    if problems:
        raise DataError(problems)
    return df


def read_trade_gaps_lenient(
    path: Path, root: Path | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a CSV of country-years with no sourced trade figure and where each was sought."""
    good, problems = _read_table(
        path, root, schema.TRADE_GAP_COLUMNS, check_trade_gap_row, _typed_trade_gaps
    )
    return good, problems + check_trade_gap_keys_unique(good)


def _typed_trade_gaps(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["year"] = pd.to_numeric(out["year"]).astype("int64")
    return out


def empty_trade_gaps() -> pd.DataFrame:
    """Trade gaps with no rows."""
    return _typed_trade_gaps(pd.DataFrame(columns=[*schema.TRADE_GAP_COLUMNS, "file"]))


def read_places_lenient(path: Path, root: Path | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one gazetteer CSV of named places with sourced coordinates."""
    return _read_table(path, root, schema.PLACE_COLUMNS, check_place_row, _typed_places)


def read_place_names_lenient(
    path: Path, root: Path | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read a CSV of places' Chinese and Russian names, each with its source."""
    return _read_table(
        path, root, schema.PLACE_NAME_COLUMNS, check_place_name_row, _typed_place_names
    )


def _typed_place_names(df: pd.DataFrame) -> pd.DataFrame:
    """Blank cells as None (a name the sources do not give), never as NaN or ""."""
    out = df.astype(object)
    return out.where(out.map(lambda v: isinstance(v, str) and bool(v.strip())), None)


def empty_place_names() -> pd.DataFrame:
    """Place names with no rows."""
    return pd.DataFrame(columns=[*schema.PLACE_NAME_COLUMNS, "file"], dtype=object)


def _typed_places(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype({"lon": float, "lat": float})


def data_files(root: Path) -> list[Path]:
    """Every data file in a geodata folder (what ``datapackage.json`` must list): the
    layers and tables, and the sources registry and mirror list where present."""
    patterns = (
        "layers/*.geojson",
        "trade/*.csv",
        "gaps/*.csv",
        "places/*.csv",
        "names/*.csv",
        schema.SOURCES_FILE,
        schema.MIRRORS_FILE,
    )
    return sorted(p for pattern in patterns for p in root.glob(pattern))


def empty_outlines() -> gpd.GeoDataFrame:
    """Country outlines with no rows."""
    return gpd.GeoDataFrame({"iso3": [], "name": []}, geometry=[], crs="EPSG:4326")


def read_outlines(path: Path, root: Path, key: str) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """A generated outlines file; ``key`` is the property every country must have."""
    name = relative_name(path, root)
    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises DataSourceError and friends
        return empty_outlines(), [Problem(name, "", "", f"cannot be read: {exc}")]
    if key not in gdf.columns:
        return empty_outlines(), [Problem(name, "", key, "required property is missing")]
    return gdf.set_crs("EPSG:4326", allow_override=True), []


def empty_trade() -> pd.DataFrame:
    """A typed trade frame with no rows."""
    return _typed_trade(pd.DataFrame(columns=[*schema.TRADE_COLUMNS, "file"]))


def empty_places() -> pd.DataFrame:
    """A gazetteer with no rows."""
    return _typed_places(pd.DataFrame(columns=[*schema.PLACE_COLUMNS, "file"]))


def concat_csvs(
    folder: Path, reader, root: Path, empty: pd.DataFrame
) -> tuple[pd.DataFrame, list[Problem]]:
    frames, problems = [], []
    for path in sorted(folder.glob("*.csv")):
        df, found = reader(path, root=root)
        frames.append(df)
        problems += found
    frames = [f for f in frames if len(f)]
    return (pd.concat(frames, ignore_index=True) if frames else empty), problems

"""Read the geodata folder into GeoDataFrames and DataFrames, checking as it reads.

The rules themselves live in :mod:`corridors.data.validate`; this module reads files and
decides how strict to be. Every line gets its geodesic length (``length_km_computed``) at
load, beside the reported one.

Two modes share one path. ``strict`` (the command line, the tests of the repo's data)
raises :class:`DataError` listing every problem. Lenient (the dashboard) drops only what
is broken (a feature, a row, or an unreadable file), keeps everything else, and returns
the problems so the page can name them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from corridors.config import (
    COUNTRIES,
    FEATURE_LAYERS,
    LAYERS,
    NEIGHBOURS_LAYER,
    OUTLINES_LAYER,
    OWN_LAYER,
    OWN_PREFIX,
    data_dir,
    is_own_layer,
    own_dirs,
)
from corridors.data import schema
from corridors.data.errors import DataError, Problem
from corridors.data.geodesy import with_lengths
from corridors.data.validate import (
    check_geometry,
    check_ids_unique,
    check_own_properties,
    check_place_name_row,
    check_place_names_known,
    check_place_row,
    check_places_agree,
    check_properties,
    check_trade_keys_unique,
    check_trade_row,
    check_waypoints,
    feature_label,
)
from corridors.status import status_column

MANIFEST = "manifest.json"
WGS84_NAMES = frozenset(
    {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326", "CRS84"}
)


@dataclass
class Dataset:
    """Everything the dashboard draws, plus what was wrong with the files it came from."""

    layers: dict[str, gpd.GeoDataFrame]
    outlines: gpd.GeoDataFrame
    trade: pd.DataFrame
    places: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    root: Path = Path()
    #: The neighbouring countries (context only; empty when the file is absent).
    neighbours: gpd.GeoDataFrame = field(default_factory=lambda: empty_outlines())
    #: Chinese and Russian names of gazetteer places (``names/places.csv``; may be empty).
    names: pd.DataFrame = field(default_factory=lambda: empty_place_names())
    _statuses: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _place_names: pd.DataFrame | None = field(default=None, repr=False, compare=False)

    def place_names(self) -> pd.DataFrame:
        """Each gazetteer place once, with its Chinese and Russian names where sourced;
        merged once (every view carries it, so it was paid on every new selection) and
        shared: read it, do not change it."""
        if self._place_names is None:
            places = self.places.drop_duplicates("place")[["place", "lon", "lat"]]
            names = self.names[["place", "name_zh", "name_ru"]].drop_duplicates("place")
            self._place_names = places.merge(names, on="place", how="left")
        return self._place_names

    @property
    def own_layers(self) -> tuple[str, ...]:
        """The ids of the user's own layers (``extra-<file name>``), in file order."""
        return tuple(layer for layer in self.layers if is_own_layer(layer))

    @property
    def layer_ids(self) -> tuple[str, ...]:
        """Every layer a view can show: ours (trade included), then the user's own."""
        return (*LAYERS, *self.own_layers)

    def features(self) -> gpd.GeoDataFrame:
        """All feature layers in one frame, with a ``layer`` column (a new frame each call:
        callers may change theirs)."""
        frames = [gdf for gdf in self.layers.values() if len(gdf)]
        if not frames:
            return empty_layer()
        return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")

    def statuses_in(self, year: int) -> tuple[str, ...]:
        """Every feature's status in ``year``, in :meth:`features` order; computed once per
        year (0.1 s with a 10,000-feature layer, paid again on every filter change before).
        A dataset is never changed after loading, so the statuses stay true."""
        memo = self._statuses
        if year not in memo:
            memo[year] = tuple(status_column(self.features(), year))
        return memo[year]


def empty_layer() -> gpd.GeoDataFrame:
    """A feature frame with no rows, so filters and maps need no special case."""
    columns = ["layer", *schema.REQUIRED_PROPERTIES]
    return gpd.GeoDataFrame({c: [] for c in columns}, geometry=[], crs="EPSG:4326")


def _relative_name(path: Path, root: Path | None) -> str:
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


def _valid_features(
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
        geom, found = _shape(feature.get("geometry"), name, where)
        if geom is not None:
            found += check_geometry(geom, geometry_layer, name, where)
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
    name = _relative_name(path, root)
    layer = layer or path.stem
    valid, problems = _valid_features(
        path, name, layer, lambda props, file, where: check_properties(props, layer, file, where)
    )
    if not valid:
        return empty_layer(), problems
    rows = [{"layer": layer, **props} for _, props, _ in valid]
    return gpd.GeoDataFrame(rows, geometry=[g for _, _, g in valid], crs="EPSG:4326"), problems


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
    name = _relative_name(path, root)
    layer = OWN_PREFIX + path.stem
    if not is_own_layer(layer):
        reason = f"file name {path.stem!r} names the layer: use lowercase letters, digits, - and _"
        return None, empty_layer(), [Problem(name, "", "", reason)]
    valid, problems = _valid_features(path, name, OWN_LAYER, check_own_properties)
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
    name = _relative_name(path, root)
    df, problems = _read_csv(path, name, columns)
    if problems:
        return typed(pd.DataFrame(columns=list(columns))).assign(file=[]), problems
    rows, problems = _valid_rows(df, name, check)
    return typed(rows).assign(file=name), problems


def read_trade_lenient(path: Path, root: Path | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one trade CSV; return the valid rows (typed) and the problems of the rest."""
    good, problems = _read_table(path, root, schema.TRADE_COLUMNS, check_trade_row, _typed_trade)
    return good, problems + check_trade_keys_unique(good)


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


def read_manifest(root: Path) -> tuple[dict[str, dict[str, Any]], list[Problem]]:
    """Read ``manifest.json``: every data file with its schema, source and licence."""
    doc, problems = _read_json(root / MANIFEST, MANIFEST)
    if problems:
        return {}, problems
    files = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(files, list):
        return {}, [Problem(MANIFEST, "", "files", "must be a list of file entries")]
    entries: dict[str, dict[str, Any]] = {}
    for index, entry in enumerate(files):
        path = entry.get("path") if isinstance(entry, dict) else None
        where = f"entry {path or index + 1}"
        if not isinstance(path, str):
            problems.append(Problem(MANIFEST, where, "path", "needs a path"))
            continue
        for key in ("schema", "licence", "source", "description"):
            if not str(entry.get(key) or "").strip():
                problems.append(Problem(MANIFEST, where, key, "must not be empty"))
        if not (root / path).is_file():
            problems.append(Problem(MANIFEST, where, "path", "listed file does not exist"))
        entries[path] = entry
    return entries, problems


def data_files(root: Path) -> list[Path]:
    """Every data file in a geodata folder (what the manifest must cover)."""
    patterns = ("layers/*.geojson", "trade/*.csv", "places/*.csv", "names/*.csv")
    return sorted(p for pattern in patterns for p in root.glob(pattern))


def load_dataset(root: Path | str | None = None, strict: bool = False) -> Dataset:
    """Read and check a whole geodata folder.

    In strict mode any problem raises :class:`DataError`; otherwise broken parts are
    dropped and listed in ``Dataset.problems``.
    """
    root = data_dir(root)
    problems: list[Problem] = []
    manifest, found = read_manifest(root)
    problems += found
    for path in data_files(root):
        rel = _relative_name(path, root)
        if manifest and rel not in manifest:
            problems.append(Problem(rel, "", "", "file is not listed in manifest.json"))

    layers: dict[str, gpd.GeoDataFrame] = {}
    outlines = neighbours = empty_outlines()
    for path in sorted((root / "layers").glob("*.geojson")):
        if path.stem == OUTLINES_LAYER:
            outlines, found = _read_outlines(path, root, "iso3")
        elif path.stem == NEIGHBOURS_LAYER:
            neighbours, found = _read_outlines(path, root, "name")
        elif path.stem in FEATURE_LAYERS:
            layers[path.stem], found = read_layer_lenient(path, root=root)
        else:
            found = [
                Problem(
                    _relative_name(path, root),
                    "",
                    "",
                    f"unknown layer '{path.stem}' (known: {', '.join(FEATURE_LAYERS)})",
                )
            ]
        problems += found
    for layer in FEATURE_LAYERS:
        layers.setdefault(layer, empty_layer())
    files = {layer: f"layers/{layer}.geojson" for layer in layers}
    for path in own_layer_files(root):
        layer, gdf, found = read_own_layer_lenient(path, root, outlines)
        problems += found
        rel = _relative_name(path, root)
        if layer in layers:
            problems.append(
                Problem(rel, "", "", f"a second own layer named {path.stem!r} was left out")
            )
        elif layer is not None:
            layers[layer], files[layer] = gdf, rel

    trade, found = _concat_csvs(root / "trade", read_trade_lenient, root, empty_trade())
    problems += found
    places, found = _concat_csvs(root / "places", read_places_lenient, root, empty_places())
    problems += found

    names, found = _concat_csvs(root / "names", read_place_names_lenient, root, empty_place_names())
    problems += found + check_place_names_known(names, places)

    layers, found = _drop_across_layers(layers, places, files)
    problems += found
    # Every consumer (popups, tables, exports) shows the drawn length beside the reported one.
    layers = {name: with_lengths(gdf) for name, gdf in layers.items()}
    problems += check_places_agree(places)
    if strict and problems:
        raise DataError(problems)
    return Dataset(layers, outlines, trade, places, problems, root, neighbours, names)


def empty_outlines() -> gpd.GeoDataFrame:
    """Country outlines with no rows."""
    return gpd.GeoDataFrame({"iso3": [], "name": []}, geometry=[], crs="EPSG:4326")


def _read_outlines(path: Path, root: Path, key: str) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """A generated outlines file; ``key`` is the property every country must have."""
    name = _relative_name(path, root)
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


def _concat_csvs(
    folder: Path, reader, root: Path, empty: pd.DataFrame
) -> tuple[pd.DataFrame, list[Problem]]:
    frames, problems = [], []
    for path in sorted(folder.glob("*.csv")):
        df, found = reader(path, root=root)
        frames.append(df)
        problems += found
    frames = [f for f in frames if len(f)]
    return (pd.concat(frames, ignore_index=True) if frames else empty), problems


def _drop_across_layers(
    layers: dict[str, gpd.GeoDataFrame], places: pd.DataFrame, files: dict[str, str]
) -> tuple[dict[str, gpd.GeoDataFrame], list[Problem]]:
    """Drop the features that break a rule across records (duplicate id, bad waypoint)."""
    problems: list[Problem] = []
    duplicates = check_ids_unique(layers)
    gazetteer = places.drop_duplicates("place").set_index("place") if len(places) else places
    out = {}
    for layer, gdf in layers.items():
        keep = []
        for position, row in enumerate(gdf.itertuples(index=False)):
            name, where = files[layer], f"feature {row.id}"
            duplicate = duplicates.get((layer, position))
            found = [duplicate] if duplicate else []
            found += check_waypoints(
                row.geometry, getattr(row, "waypoints", None), gazetteer, name, where
            )
            problems += found
            keep.append(not found)
        out[layer] = gdf[keep] if len(gdf) else gdf
    return out, problems

"""Read the geodata folder into GeoDataFrames and DataFrames, checking as it reads.

The rules themselves live in :mod:`corridors.data.validate`; this module reads files and
decides how strict to be. Every line gets its geodesic length (``length_km_computed``) at
load, beside the reported one.

Two modes share one path. ``strict`` (the command line, the tests of the repo's data)
raises :class:`DataError` listing every problem. Lenient (the dashboard) drops only what
is broken (a feature, a row, or an unreadable file), keeps everything else, and returns
the problems so the page can name them.

The files are read by :mod:`corridors.data.reader` (a user's own layers by
:mod:`corridors.data.own_layers`); their readers are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from corridors.config import (
    FEATURE_LAYERS,
    LAYERS,
    NEIGHBOURS_LAYER,
    OUTLINES_LAYER,
    data_dir,
    is_own_layer,
)
from corridors.data.errors import DataError, Problem
from corridors.data.geodesy import with_lengths
from corridors.data.own_layers import OWN_READ, own_layer_files, read_own_layer_lenient
from corridors.data.package import PACKAGE, read_package
from corridors.data.reader import (
    concat_csvs,
    data_files,
    empty_layer,
    empty_outlines,
    empty_place_names,
    empty_places,
    empty_trade,
    empty_trade_gaps,
    read_layer,
    read_layer_lenient,
    read_outlines,
    read_place_names_lenient,
    read_places_lenient,
    read_trade,
    read_trade_gaps_lenient,
    read_trade_lenient,
    relative_name,
)
from corridors.data.registry import (
    Source,
    empty_mirrors,
    empty_sources,
    read_mirrors_lenient,
    read_sources_lenient,
    registry_of,
)
from corridors.data.validate import (
    check_ids_unique,
    check_place_names_known,
    check_places_agree,
    check_trade_coverage,
    check_waypoints,
)
from corridors.status import status_column

__all__ = [
    "OWN_READ",
    "PACKAGE",
    "Dataset",
    "data_files",
    "empty_layer",
    "empty_outlines",
    "empty_place_names",
    "empty_places",
    "empty_trade",
    "load_dataset",
    "own_layer_files",
    "read_layer",
    "read_layer_lenient",
    "read_own_layer_lenient",
    "read_package",
    "read_place_names_lenient",
    "read_places_lenient",
    "read_trade",
    "read_trade_lenient",
]


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
    #: Country-years with no sourced trade figure, and where each was looked for
    #: (``gaps/trade.csv``; may be empty).
    trade_gaps: pd.DataFrame = field(default_factory=lambda: empty_trade_gaps())
    #: The sources registry (``sources.csv``): what each cited page is (may be empty).
    sources: pd.DataFrame = field(default_factory=lambda: empty_sources())
    #: Hosts never to cite (``mirrors.csv``; may be empty).
    mirrors: pd.DataFrame = field(default_factory=lambda: empty_mirrors())
    _statuses: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _place_names: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    _registry: dict[str, Source] | None = field(default=None, repr=False, compare=False)

    def registry(self) -> dict[str, Source]:
        """Each cited page by URL, as the registry describes it; built once and shared:
        read it, do not change it."""
        if self._registry is None:
            self._registry = registry_of(self.sources)
        return self._registry

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


def load_dataset(root: Path | str | None = None, strict: bool = False) -> Dataset:
    """Read and check a whole geodata folder.

    In strict mode any problem raises :class:`DataError`; otherwise broken parts are
    dropped and listed in ``Dataset.problems``.
    """
    root = data_dir(root)
    problems: list[Problem] = []
    _, found = read_package(root)
    problems += found
    sources, found = read_sources_lenient(root)
    problems += found
    mirrors, found = read_mirrors_lenient(root)
    problems += found

    layers: dict[str, gpd.GeoDataFrame] = {}
    outlines = neighbours = empty_outlines()
    for path in sorted((root / "layers").glob("*.geojson")):
        if path.stem == OUTLINES_LAYER:
            outlines, found = read_outlines(path, root, "iso3")
        elif path.stem == NEIGHBOURS_LAYER:
            neighbours, found = read_outlines(path, root, "name")
        elif path.stem in FEATURE_LAYERS:
            layers[path.stem], found = read_layer_lenient(path, root=root)
        else:
            found = [
                Problem(
                    relative_name(path, root),
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
        rel = relative_name(path, root)
        if layer in layers:
            problems.append(
                Problem(rel, "", "", f"a second own layer named {path.stem!r} was left out")
            )
        elif layer is not None:
            layers[layer], files[layer] = gdf, rel

    trade, found = concat_csvs(root / "trade", read_trade_lenient, root, empty_trade())
    problems += found
    gaps, found = concat_csvs(root / "gaps", read_trade_gaps_lenient, root, empty_trade_gaps())
    # A folder without gap notes (a user's, a test's) is not asked for them.
    problems += found + (check_trade_coverage(trade, gaps) if len(gaps) else [])
    places, found = concat_csvs(root / "places", read_places_lenient, root, empty_places())
    problems += found

    names, found = concat_csvs(root / "names", read_place_names_lenient, root, empty_place_names())
    problems += found + check_place_names_known(names, places)

    layers, found = _drop_across_layers(layers, places, files)
    problems += found
    # Every consumer (popups, tables, exports) shows the drawn length beside the reported one.
    layers = {name: with_lengths(gdf) for name, gdf in layers.items()}
    problems += check_places_agree(places)
    if strict and problems:
        raise DataError(problems)
    return Dataset(
        layers, outlines, trade, places, problems, root, neighbours, names, gaps, sources, mirrors
    )


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

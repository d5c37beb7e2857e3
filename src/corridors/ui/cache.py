"""Cached loads, keyed by plain values so every session shares them.

Streamlit cannot hash a GeoDataFrame argument, so the cache keys are the data folder, a
fingerprint of its files (so a hand edit is picked up on the next rerun) and the
selection (a frozen dataclass of tuples). The dataset is a shared resource (read-only
after loading: no copy per call); derived data are ``cache_data`` (copies, so a session
can never change what another sees), returned as small frozen types.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from corridors import trade
from corridors.config import data_dir
from corridors.data.loader import PACKAGE, Dataset, data_files, load_dataset, own_layer_files
from corridors.data.registry import Source
from corridors.feature_index import FeatureIndex
from corridors.feature_index import feature_index as index_of
from corridors.i18n import translator
from corridors.render.charts import flows_chart, series_chart
from corridors.selection import Selection
from corridors.view import View, view_of

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class DataKey:
    """Which data folder, in which state: the key of every cached value."""

    root: str
    fingerprint: Fingerprint


@dataclass(frozen=True)
class MapData:
    """What the page's counts need for one selection, as plain JSON-able data."""

    ids: tuple[str, ...]
    status_counts: dict[str, int]


@dataclass(frozen=True)
class TradeData:
    """The trade tab's table (both sides of each flow) and headline for one selection."""

    table: pd.DataFrame
    headline: trade.Headline
    #: What the registry says of each page the table cites, by URL (titles for the links).
    sources: dict[str, Source]


@dataclass(frozen=True)
class TradeCharts:
    """The trade-over-time tab's charts for one selection, as Vega-Lite specs: the totals,
    and each selected country's flows as both sides report them."""

    totals: dict[str, Any] | None
    flows: dict[str, dict[str, Any]]


def fingerprint(root: Path) -> Fingerprint:
    """Name, size and mtime of every data file: changes whenever someone edits one."""
    files = [
        root / PACKAGE,
        *sorted(root.glob("layers/*")),
        *data_files(root),
        *own_layer_files(root),
    ]
    out = []
    for path in dict.fromkeys(files):
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


def current_key() -> DataKey:
    """The cache key of the data folder in use now."""
    root = data_dir()
    return DataKey(str(root), fingerprint(root))


@st.cache_resource(show_spinner=False, max_entries=4)  # the page shows its own, translated
def dataset(key: DataKey) -> Dataset:
    """The dataset (lenient: broken parts dropped and listed).

    Shared by every session and never mutated.
    """
    return load_dataset(key.root)


@st.cache_resource(show_spinner=False, max_entries=256)
def view(key: DataKey, sel: Selection, lang: str) -> View:
    """The view of ``sel`` in ``lang``, built once per selection and shared, like the dataset.

    The page, the map's fragment (every playback tick), the search box and the downloads
    all ask for it in one run; nothing mutates a View (exports and tables derive new
    frames from it).
    """
    return view_of(dataset(key), sel, lang)


@st.cache_data(show_spinner=False, max_entries=256)
def map_data(key: DataKey, sel: Selection, lang: str) -> MapData:
    """The ids shown and the counts by status (the map itself: :mod:`corridors.ui.live_files`)."""
    shown = view(key, sel, lang)
    return MapData(tuple(sorted(shown.ids)), shown.status_counts)


@st.cache_resource(show_spinner=False, max_entries=8)
def _whole_index(key: DataKey, lang: str) -> FeatureIndex:
    """The search box's labels and points of every feature and every gazetteer place
    (shared, never changed)."""
    ds = dataset(key)
    return index_of(ds.features(), translator(lang), ds.place_names())


@st.cache_data(show_spinner=False, max_entries=64)
def feature_index(key: DataKey, sel: Selection, lang: str) -> FeatureIndex:
    """The search box's labels and points for a selection's features, and the places."""
    return _whole_index(key, lang).only(view(key, sel, lang).ids)


@st.cache_data(show_spinner=False, max_entries=256)
def trade_data(key: DataKey, countries: tuple[str, ...], year: int, lang: str) -> TradeData:
    """The trade tab's data for a selection (the five's figures change only with data)."""
    ds = dataset(key)
    table = trade.trade_table(ds.trade, countries, year, ds.trade_gaps)
    cited = {
        url for column in ("sources", "partner_sources") for urls in table[column] for url in urls
    }
    return TradeData(
        table=table,
        headline=trade.region_headline(ds.trade, year),
        sources={url: s for url, s in ds.registry().items() if url in cited},
    )


@st.cache_data(show_spinner=False, max_entries=64)
def trade_charts(key: DataKey, countries: tuple[str, ...], year: int, lang: str) -> TradeCharts:
    """The trade-over-time tab's charts for a selection (built only when that tab is open:
    an Altair chart costs ~0.07 s to build; its Vega-Lite spec is plain data)."""
    ds = dataset(key)
    tr = translator(lang)
    series = trade.trade_series(ds.trade, countries)
    series["country"] = [
        tr.country(c, name) for c, name in zip(series["iso3"], series["country"], strict=True)
    ]
    flows = trade.flow_series(trade.trade_history(ds.trade, countries, ds.trade_gaps))
    return TradeCharts(
        totals=series_chart(series, year, tr).to_dict() if len(series) else None,
        flows={
            iso3: flows_chart(flows, iso3, year, tr).to_dict()
            for iso3 in dict.fromkeys(flows["iso3"])
        },
    )


@st.cache_data(show_spinner=False, max_entries=256)
def feature_rows(key: DataKey, sel: Selection, lang: str) -> pd.DataFrame:
    """The features of a view with their properties (no geometry), for the table."""
    return view(key, sel, lang).features.drop(columns="geometry")

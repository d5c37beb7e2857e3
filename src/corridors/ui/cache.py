"""Cached loads, keyed by plain values so every session shares them.

Streamlit cannot hash a GeoDataFrame argument, so the cache keys are the data folder, a
fingerprint of its files (so a hand edit is picked up on the next rerun) and the
selection (a frozen dataclass of tuples). The dataset is a shared resource (read-only
after loading: no copy per call); derived views are ``cache_data`` (copies, so a session
can never change what another sees).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from corridors import trade
from corridors.charts import series_chart
from corridors.config import data_dir
from corridors.loader import Dataset, data_files, load_dataset
from corridors.maps import layer_data
from corridors.selection import Selection, select_features

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(root: Path) -> Fingerprint:
    """Name, size and mtime of every data file: changes whenever someone edits one."""
    files = [root / "manifest.json", *sorted(root.glob("layers/*")), *data_files(root)]
    out = []
    for path in dict.fromkeys(files):
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(out)


@st.cache_resource(show_spinner="Loading geodata…", max_entries=4)
def dataset(root: str, fp: Fingerprint) -> Dataset:
    """The dataset (lenient: broken parts dropped and listed).

    Shared by every session and never mutated.
    """
    return load_dataset(root)


def current_key() -> tuple[str, Fingerprint]:
    """The cache key of the data folder in use now."""
    root = data_dir()
    return str(root), fingerprint(root)


@st.cache_data(show_spinner=False, max_entries=256)
def view(root: str, fp: Fingerprint, sel: Selection) -> dict[str, Any]:
    """Everything the map and counts need for one selection, as plain JSON-able data."""
    ds = dataset(root, fp)
    selected = select_features(ds.features(), sel)
    values = trade.choropleth_values(ds.trade, sel.year)
    return {
        "layers": layer_data(selected, ds.outlines, values, sel),
        "ids": sorted(selected["id"]),
        "status_counts": selected["status_in_year"].value_counts().to_dict(),
    }


@st.cache_data(show_spinner=False, max_entries=256)
def trade_view(root: str, fp: Fingerprint, countries: tuple[str, ...], year: int) -> dict:
    """The trade section's tables for a selection (the five's figures change only with data)."""
    df = dataset(root, fp).trade
    series = trade.trade_series(df, countries)
    return {
        "table": trade.trade_table(df, countries, year),
        # Building an Altair chart costs ~0.1 s a run; its Vega-Lite spec is plain data.
        "chart_spec": series_chart(series, year).to_dict() if len(series) else None,
        "headline": trade.region_headline(df, year),
        "differences": trade.partner_differences(df, countries, year),
    }


@st.cache_data(show_spinner=False, max_entries=256)
def features_table(root: str, fp: Fingerprint, sel: Selection) -> pd.DataFrame:
    """The features of a view with the columns the table shows."""
    return select_features(dataset(root, fp).features(), sel).drop(columns="geometry")

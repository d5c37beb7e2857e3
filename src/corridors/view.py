"""The view of a selection: what one map, export or command shows, built in one place.

A :class:`~corridors.selection.Selection` goes in, a :class:`View` comes out. The dashboard,
the static map, the HTML export and the command line all take this one object, so they
can never disagree about which features are shown, in which status, with which figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from corridors import trade
from corridors.config import CONTEXT_BOX
from corridors.data.loader import Dataset
from corridors.data.registry import Source
from corridors.i18n import DEFAULT_LANG, Tr, check_lang, translator
from corridors.selection import Selection, select_features


@dataclass(frozen=True, eq=False)
class View:
    """Everything drawn for one selection.

    ``features`` are the selected features, each with ``status_in_year``; ``trade_table``
    is both sides' figures for the selected Central Asian countries in the selected year
    (:func:`corridors.trade.trade_table`), ``trade`` and ``trade_gaps`` the dataset's
    rows and notes behind it (shared, never changed), for the whole series on demand.
    """

    selection: Selection
    features: gpd.GeoDataFrame
    outlines: gpd.GeoDataFrame
    trade_table: pd.DataFrame
    #: Neighbouring countries, drawn in grey for context.
    neighbours: gpd.GeoDataFrame
    #: The reader's language: every word drawn for this view is in it.
    lang: str = DEFAULT_LANG
    #: The gazetteer's places with their names, for the map's labels (may be empty).
    places: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: What each cited page is (title, publisher, date), by URL: the sources registry.
    registry: Mapping[str, Source] = field(default_factory=dict)
    trade: pd.DataFrame = field(default_factory=pd.DataFrame)
    trade_gaps: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        check_lang(self.lang)

    @property
    def tr(self) -> Tr:
        """The translator of the view's language."""
        return translator(self.lang)

    @property
    def trade_values(self) -> dict[str, float]:
        """Total trade with China per selected country, China's figure or the partner's
        (countries without a figure absent; ``trade_table["series"]`` says which)."""
        table = self.trade_table.dropna(subset=["total"])
        return dict(zip(table["iso3"], table["total"], strict=True))

    def trade_history(self) -> pd.DataFrame:
        """Both sides' figures for the selected countries in every year the map plays."""
        if self.trade.empty:
            return pd.DataFrame(columns=list(trade.TABLE_COLUMNS))
        return trade.trade_history(self.trade, self.selection.countries, self.trade_gaps)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the features selected, in drawing order (events held online too)."""
        return tuple(self.features["id"])

    @property
    def on_map(self) -> gpd.GeoDataFrame:
        """The features drawn on a map: all but the events held online, which have no
        place (every map, label, extent and search point reads this)."""
        return on_map(self.features)

    @property
    def status_counts(self) -> dict[str, int]:
        """How many features are drawn in each status."""
        counts = self.on_map["status_in_year"].value_counts()
        return {str(k): int(v) for k, v in counts.items()}


def view_of(ds: Dataset, sel: Selection, lang: str = DEFAULT_LANG) -> View:
    """The view of ``sel`` over the dataset, in ``lang``: the one function that builds a view."""
    return View(
        selection=sel,
        features=select_features(ds.features(), sel, ds.statuses_in(sel.year)),
        outlines=ds.outlines,
        trade_table=trade.trade_table(ds.trade, sel.countries, sel.year, ds.trade_gaps),
        neighbours=ds.neighbours,
        lang=lang,
        places=ds.place_names(),
        registry=ds.registry(),
        trade=ds.trade,
        trade_gaps=ds.trade_gaps,
    )


def on_map(features: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``features`` that have a place to be drawn at (an event held online has none)."""
    if features.empty:
        return features
    placed = features.geometry.notna() & ~features.geometry.is_empty
    return features if placed.all() else features[placed]


def in_region(neighbours: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The neighbours' parts inside the region's box (``config.CONTEXT_BOX``): what paper
    draws and what the map names (Russia's name south of 62°N, not in the Arctic); the
    live map draws them whole, with the rest of the world."""
    inside = neighbours.clip_by_rect(*CONTEXT_BOX)
    return neighbours.assign(geometry=inside)[~inside.is_empty]

"""The search box's index of a view: every feature's label in the reader's language (its
other names after it, so any of the three finds it) and a point to centre the map on.

Plain data, built once per dataset and language and cut down per selection
(:meth:`FeatureIndex.only`): with a user's 10,000-feature layer, building it on every
rerun cost 0.5 s.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import geopandas as gpd

from corridors.i18n import LANGUAGES, NAME_KEYS, Tr
from corridors.view import on_map


@dataclass(frozen=True)
class FeatureIndex:
    """Labels (feature id → label) in label order, and each feature's point (lat, lon)."""

    labels: dict[str, str]
    places: dict[str, tuple[float, float]]

    def only(self, ids: Collection[str]) -> FeatureIndex:
        """The index of the features ``ids`` alone (label order kept)."""
        wanted = set(ids)
        labels = {fid: label for fid, label in self.labels.items() if fid in wanted}
        return FeatureIndex(labels, {fid: self.places[fid] for fid in labels})


def feature_index(shown: gpd.GeoDataFrame, tr: Tr) -> FeatureIndex:
    """The index of the features ``shown`` in ``tr``'s language, sorted by label (those
    on the map: the search box shows a feature where it is)."""
    shown = on_map(shown)
    if shown.empty:
        return FeatureIndex({}, {})
    columns = [c for c in ("id", *NAME_KEYS.values()) if c in shown]
    labels = {}
    for row in shown[columns].to_dict("records"):
        own = tr.name(row)[0]
        others = " · ".join(
            n
            for n in (row.get(NAME_KEYS[lang]) for lang in LANGUAGES)
            if isinstance(n, str) and n != own
        )
        labels[row["id"]] = f"{own} ({others})" if others else own
    points = shown.geometry.representative_point()
    places = {
        fid: (float(y), float(x)) for fid, x, y in zip(shown["id"], points.x, points.y, strict=True)
    }
    return FeatureIndex(dict(sorted(labels.items(), key=lambda kv: kv[1])), places)

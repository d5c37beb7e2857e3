"""The search box's index of a view: every feature's label in the reader's language (its
other names after it, so any of the three finds it) and a point to centre the map on; and
every place of the gazetteer (``geodata/places`` and its names in ``geodata/names``), so
"Kashgar", "Кашгар" or "喀什" finds the railway's terminus too.

Plain data, built once per dataset and language and cut down per selection
(:meth:`FeatureIndex.only`): with a user's 10,000-feature layer, building it on every
rerun cost 0.5 s.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from corridors.i18n import LANGUAGES, NAME_KEYS, Tr
from corridors.view import on_map

#: A place's key in the index begins so: it can never be taken for a feature's id.
PLACE = "place:"


@dataclass(frozen=True)
class FeatureIndex:
    """Labels (feature id or :data:`PLACE` key → label) in label order, each one's point
    (lat, lon), and each place's own name in the reader's language."""

    labels: dict[str, str]
    places: dict[str, tuple[float, float]]
    names: dict[str, str] = field(default_factory=dict)

    def only(self, ids: Collection[str]) -> FeatureIndex:
        """The index of the features ``ids`` alone, and every place but those named as a
        shown feature is (a capital's own entry opens its popup; label order kept)."""
        wanted = set(ids)
        shown_names = {self.labels[fid] for fid in wanted if fid in self.labels}
        labels = {
            key: label
            for key, label in self.labels.items()
            if key in wanted or (is_place(key) and _plain(label) not in shown_names)
        }
        return FeatureIndex(
            labels,
            {key: self.places[key] for key in labels},
            {key: name for key, name in self.names.items() if key in labels},
        )

    @property
    def feature_count(self) -> int:
        return sum(not is_place(key) for key in self.labels)

    @property
    def place_count(self) -> int:
        return sum(is_place(key) for key in self.labels)


def is_place(key: str) -> bool:
    """Whether an index key is a gazetteer place (else a feature id)."""
    return key.startswith(PLACE)


def _plain(label: str) -> str:
    """A place's label without the word that marks it as a place (see :func:`place_index`)."""
    return label.rsplit(" — ", 1)[0]


def _label(row: dict, tr: Tr) -> tuple[str, str]:
    """The name in the reader's language, and the label: that name, then the other names."""
    own = tr.name(row)[0]
    others = " · ".join(
        n
        for n in (row.get(NAME_KEYS[lang]) for lang in LANGUAGES)
        if isinstance(n, str) and n and n != own
    )
    return own, f"{own} ({others})" if others else own


def feature_index(
    shown: gpd.GeoDataFrame, tr: Tr, places: pd.DataFrame | None = None
) -> FeatureIndex:
    """The index of the features ``shown`` (those on the map: the search box shows a
    feature where it is) and of the gazetteer's ``places`` (columns place, lon, lat,
    name_zh, name_ru: ``Dataset.place_names``) in ``tr``'s language, sorted by label."""
    labels: dict[str, str] = {}
    points: dict[str, tuple[float, float]] = {}
    names: dict[str, str] = {}
    shown = on_map(shown)  # an event held online has no point to show
    if not shown.empty:
        columns = [c for c in ("id", *NAME_KEYS.values()) if c in shown]
        for row in shown[columns].to_dict("records"):
            labels[row["id"]] = _label(row, tr)[1]
        reps = shown.geometry.representative_point()
        points.update(
            (fid, (float(y), float(x)))
            for fid, x, y in zip(shown["id"], reps.x, reps.y, strict=True)
        )
    if places is not None and len(places):
        word = tr("place")
        for row in places.drop_duplicates("place").to_dict("records"):
            key = PLACE + str(row["place"])
            own, label = _label({**row, "name": row["place"]}, tr)
            labels[key] = f"{label} — {word}"
            points[key] = (float(row["lat"]), float(row["lon"]))
            names[key] = own
    ordered = dict(sorted(labels.items(), key=lambda kv: kv[1]))
    return FeatureIndex(ordered, points, names)

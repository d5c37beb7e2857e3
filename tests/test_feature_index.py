"""The search box's index (corridors.feature_index): labels in the reader's language with
the other names after them, a point per feature, cut down to a selection."""

from __future__ import annotations

from corridors.data.loader import load_dataset
from corridors.feature_index import feature_index
from corridors.i18n import translator
from corridors.selection import Selection
from corridors.view import view_of

DS = load_dataset()


def test_labels_lead_with_the_readers_name_and_list_the_others():
    index = feature_index(DS.features(), translator("ru"))
    label = index.labels["capital-astana"]
    assert label.startswith("Астана") and "Astana" in label and "阿斯塔纳" in label
    assert list(index.labels.values()) == sorted(index.labels.values())
    lat, lon = index.places["capital-astana"]
    assert 50 < lat < 52 and 71 < lon < 72


def test_a_selection_keeps_its_features_in_label_order():
    whole = feature_index(DS.features(), translator("en"))
    view = view_of(DS, Selection(countries=("KGZ",), year=2016))
    index = whole.only(view.ids)
    assert set(index.labels) == set(view.ids) == set(index.places)
    assert list(index.labels) == [fid for fid in whole.labels if fid in set(view.ids)]

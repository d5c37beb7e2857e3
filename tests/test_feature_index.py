"""The search box's index (corridors.feature_index): labels in the reader's language with
the other names after them, a point per feature, cut down to a selection."""

from __future__ import annotations

from corridors.data.loader import load_dataset
from corridors.feature_index import feature_index, is_place
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


def test_places_are_found_by_any_of_their_names():
    """Search found only the 36 features: "Kashgar", a labelled terminus of the railway,
    gave no result."""
    for lang, name in (("en", "Kashgar"), ("ru", "Кашгар"), ("zh", "喀什")):
        index = feature_index(DS.features(), translator(lang), DS.place_names())
        found = [key for key, label in index.labels.items() if name in label]
        assert found == ["place:Kashgar"], (lang, found)
        assert is_place(found[0]) and index.names[found[0]] == name
        lat, lon = index.places["place:Kashgar"]
        assert 39 < lat < 40 and 75 < lon < 76.5
        assert index.labels["place:Kashgar"].endswith(translator(lang)("place"))
    # "Kashgar (Кашгар · 喀什) — place": the reader's name first, then the others.
    index = feature_index(DS.features(), translator("ru"), DS.place_names())
    assert index.labels["place:Kashgar"].startswith("Кашгар (Kashgar · 喀什)")


def test_a_selection_keeps_every_place_but_those_a_shown_feature_names():
    whole = feature_index(DS.features(), translator("en"), DS.place_names())
    shown = whole.only(view_of(DS, Selection(year=2025)).ids)
    assert "place:Kashgar" in shown.labels and "capital-astana" in shown.labels
    assert "place:Astana" not in shown.labels  # the capital's own entry opens its popup
    on_map = view_of(DS, Selection(year=2025)).on_map  # an event held online has no place
    assert shown.feature_count == len(on_map) and shown.place_count > 50
    # With the capitals hidden, the place Astana can still be found.
    alone = whole.only(view_of(DS, Selection(year=2025, layers=("pipelines",))).ids)
    assert "place:Astana" in alone.labels and "capital-astana" not in alone.labels

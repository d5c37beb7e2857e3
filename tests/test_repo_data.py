"""The repo's own geodata: valid, complete in the manifest, and accurate."""

from __future__ import annotations

import json

import opencc
import pytest

from corridors.config import CENTRAL_ASIA, DEFAULT_DATA_DIR, FEATURE_LAYERS, YEAR_MAX, YEAR_MIN
from corridors.data.geodesy import with_lengths
from corridors.data.loader import data_files, load_dataset
from corridors.selection import Selection, select_features
from corridors.trade import china_reported

LENGTH_TOLERANCE = 0.15


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DEFAULT_DATA_DIR, strict=True)


def test_repo_data_validates(ds):
    assert ds.problems == []
    for layer in FEATURE_LAYERS:
        assert len(ds.layers[layer]) > 0, layer
    assert sorted(ds.outlines["iso3"]) == ["CHN", "KAZ", "KGZ", "TJK", "TKM", "UZB"]


def test_every_data_file_is_in_the_manifest_with_a_licence():
    manifest = json.loads((DEFAULT_DATA_DIR / "manifest.json").read_text())
    listed = {entry["path"]: entry for entry in manifest["files"]}
    for path in data_files(DEFAULT_DATA_DIR):
        rel = str(path.relative_to(DEFAULT_DATA_DIR))
        assert rel in listed, f"{rel} missing from manifest.json"
        assert listed[rel]["licence"].strip(), f"{rel} has an empty licence"


def test_drawn_lengths_within_15_percent_of_reported(ds):
    lines = with_lengths(ds.features())
    lines = lines[lines["length_km"].notna() & lines["length_km_computed"].notna()]
    lines = lines[lines["geometry_precision"].isin(["waypoints", "surveyed"])]
    assert len(lines) >= 3
    off = lines[(lines["length_ratio"] - 1).abs() > LENGTH_TOLERANCE]
    assert off.empty, off[["id", "length_km", "length_km_computed"]].to_string()


@pytest.mark.parametrize("year", range(YEAR_MIN, YEAR_MAX + 1))
def test_every_year_answers_which_corridors_exist(ds, year):
    shown = select_features(ds.features(), Selection(year=year))
    assert not shown.empty
    assert set(shown["status_in_year"]) <= {
        "planned", "under_construction", "suspended", "operating", "held", "existing"
    }  # fmt: skip


def test_region_totals_reconcile_with_published(ds):
    rows = china_reported(ds.trade)
    totals = rows[rows["flow"] == "total"].pivot_table(
        index="year", columns="partner", values="value_usd"
    )
    complete = totals.dropna(subset=[*CENTRAL_ASIA, "CA5"])
    assert len(complete) >= 2
    for year, row in complete.iterrows():
        summed = row[list(CENTRAL_ASIA)].sum()
        assert summed == pytest.approx(row["CA5"], rel=0.01), year


def test_china_trade_covers_2013_to_2025_where_sourced(ds):
    years = set(china_reported(ds.trade)["year"])
    assert {2013, 2023, 2024, 2025} <= years


def test_the_kyrgyz_railway_is_planned_before_construction(ds):
    """Announced means the first agreement (1997), not the 2024 one: it shows in 2012–2023."""
    for year, status in ((2012, "planned"), (2023, "planned"), (2025, "under_construction")):
        shown = select_features(ds.features(), Selection(year=year)).set_index("id")
        assert shown.loc["china-kyrgyzstan-uzbekistan-railway", "status_in_year"] == status


@pytest.mark.parametrize("layer", ["pipelines", "railways", "crossings", "projects"])
def test_every_corridor_feature_has_sourced_milestones(ds, layer):
    steps = ds.layers[layer].set_index("id")["milestones"]
    few = {fid: m for fid, m in steps.items() if not isinstance(m, list) or len(m) < 2}
    assert few == {}


def test_every_chinese_name_is_in_simplified_characters(ds):
    """The map's Chinese is simplified (mainland) throughout: a name copied from a
    traditional-script page (Hong Kong, Taiwan) reads as out of place among the others."""
    to_simplified = opencc.OpenCC("t2s").convert
    names = [(row["id"], row["name_zh"]) for row in ds.features().to_dict("records")]
    names += [
        (f"place {p}", n) for p, n in zip(ds.names["place"], ds.names["name_zh"], strict=True)
    ]
    traditional = [(where, n) for where, n in names if isinstance(n, str) and to_simplified(n) != n]
    assert traditional == []

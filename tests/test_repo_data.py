"""The repo's own geodata: valid, described by its data package, citing originals, and
accurate."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import opencc
import pytest

from corridors.config import CENTRAL_ASIA, DEFAULT_DATA_DIR, FEATURE_LAYERS, YEAR_MAX, YEAR_MIN
from corridors.data.audit import audit_citations
from corridors.data.geodesy import with_lengths
from corridors.data.loader import data_files, load_dataset
from corridors.data.package import PACKAGE, build_package, package_text, read_package
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


def test_every_data_file_is_in_the_package_with_a_licence():
    entries, problems = read_package(DEFAULT_DATA_DIR)
    assert problems == []
    for path in data_files(DEFAULT_DATA_DIR):
        assert entries[path.relative_to(DEFAULT_DATA_DIR).as_posix()]["licenses"]
    assert {"sources.csv", "mirrors.csv"} <= set(entries)


def test_the_package_is_up_to_date():
    """What follows from the files and the code (resources, table schemas) is as
    ``make datapackage`` writes it, so a new data file cannot go undescribed."""
    committed = (DEFAULT_DATA_DIR / PACKAGE).read_text("utf-8")
    rebuilt = package_text(build_package(DEFAULT_DATA_DIR, json.loads(committed)))
    assert committed == rebuilt, "geodata/datapackage.json is stale: run make datapackage"


def test_frictionless_validates_the_package():
    """The standard's own validator: every table against its schema, keys unique, every
    cited URL in sources.csv."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("frictionless")), "validate", "--json", PACKAGE],
        cwd=DEFAULT_DATA_DIR,
        capture_output=True,
        text=True,
    )
    report = json.loads(done.stdout)
    errors = [
        f"{task['name']}: {error['message']}"
        for task in report["tasks"]
        for error in task["errors"]
    ]
    assert report["valid"], f"{len(errors)} errors, the first: " + "\n".join(errors[:20])


def test_every_citation_is_an_original_with_a_title():
    """No citation on a mirror, a content farm or a bare IP address; every cited page in
    sources.csv with its title and language."""
    problems = audit_citations(DEFAULT_DATA_DIR)
    counts = Counter(p.field if p.file == "sources.csv" else "citation" for p in problems)
    shown = "\n".join(str(p) for p in problems[:40])
    assert not problems, f"{len(problems)} problems ({dict(counts)}), the first:\n{shown}"


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


@pytest.mark.parametrize("year", range(2009, 2021))
def test_every_year_of_the_database_colours_all_five_countries(ds, year):
    """Playback and the GIF: 2009–2020 have China's figures (IMF DOTS) for all five, so no
    country is grey, and the colour comes from the fixed classes."""
    from corridors.render.styles import NO_DATA_COLOUR, trade_colour
    from corridors.view import view_of

    values = view_of(ds, Selection(year=year)).trade_values
    assert set(values) == set(CENTRAL_ASIA)
    assert NO_DATA_COLOUR not in {trade_colour(v) for v in values.values()}


def test_china_side_totals_cover_at_least_79_of_85_country_years(ds):
    from corridors.data.trade_basis import CHINA_SERIES, annual_totals

    totals = annual_totals(ds.trade)
    china = totals[(totals["series"] == CHINA_SERIES) & totals["year"].between(YEAR_MIN, YEAR_MAX)]
    assert len(china) >= 79

"""What a reader takes away: the features and milestones as CSV and the view as GeoJSON,
read back as a spreadsheet and a program would, and checked by ``frictionless``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from frictionless import Resource

from corridors.config import DEFAULT_DATA_DIR
from corridors.data.loader import load_dataset
from corridors.data.registry import Source
from corridors.data.schema import SOURCE_COLUMNS
from corridors.export import export_view
from corridors.selection import Selection
from corridors.tables import (
    MILESTONE_COLUMNS,
    csv_bytes,
    features_table,
    milestones_table,
    plain_number,
    table_filename,
)
from corridors.view import view_of
from tests.builders import SOURCE, feature, make_folder, point, write_csv

SEL = Selection(countries=("KAZ", "KGZ"), year=2023)


@pytest.fixture(scope="module")
def repo_view():
    return view_of(load_dataset(DEFAULT_DATA_DIR), SEL)


@pytest.fixture
def titled_view(tmp_path):
    """A folder whose registry gives the cited page a title, publisher and date."""
    step = {"date": "2008-07", "what": "Construction launched", "source": SOURCE, "quote": "July"}
    line = feature(milestones=[step], opened=1991, construction_start=None, announced=None)
    root = make_folder(tmp_path / "geodata", layers={"pipelines": [line], "events": [point()]})
    rows = [{"url": SOURCE, "title": "Pipeline opens", "title_from": "page",
             "publisher": "Xinhua", "published": "2009-12-14", "language": "en"}]  # fmt: skip
    others = list(csv.DictReader((root / "sources.csv").open(encoding="utf-8")))
    rows += [r for r in others if r["url"] != SOURCE]
    write_csv(root / "sources.csv", rows, SOURCE_COLUMNS)
    return view_of(load_dataset(root, strict=True), Selection(year=2023))


def saved(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def frictionless_errors(path: Path) -> list[str]:
    """What ``frictionless validate`` finds wrong with a downloaded file (its structure,
    encoding, and for a CSV every row against the header)."""
    report = Resource(path=path.name, basepath=str(path.parent)).validate()
    return [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors]


def test_the_features_csv_reads_back_with_units_whole_years_and_sources(tmp_path, repo_view):
    path = saved(tmp_path, table_filename(SEL, "features"), csv_bytes(features_table(repo_view)))
    assert path.name == "corridors-features-2023-kaz-kgz.csv"
    assert frictionless_errors(path) == []
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert {"length_km_reported", "length_km_drawn", "capacity_bcm_per_year"} <= set(table)
    assert set(table["id"]) == set(repo_view.ids)
    for column in ("announced", "construction_start", "suspended_from", "opened", "year"):
        assert table[column].str.fullmatch(r"(\d{4})?").all(), column  # 1991, never 1991.0
    numbers = table[["length_km_reported", "length_km_drawn", "cost_usd_bn"]].stack()
    assert not numbers.str.endswith(".0").any()
    assert numbers[numbers != ""].map(float).gt(0).all()
    line = table.set_index("id").loc["cacgp-line-a"]
    assert line["length_km_reported"] == "1833" and line["countries"] == "TKM UZB KAZ CHN"
    assert line["source_urls"].split()[0] in line["sources"]
    assert len(line["sources"].splitlines()) == len(line["source_urls"].split())


def test_the_features_csv_cites_each_source_by_title_publisher_and_date(titled_view):
    table = features_table(titled_view).set_index("id")
    assert table.loc["line-a", "sources"] == f"Pipeline opens. Xinhua, 2009-12-14. {SOURCE}"
    assert table.loc["line-a", "opened"] == "1991" and table.loc["line-a", "announced"] == ""
    assert (table.loc["pt-a", "lon"], table.loc["pt-a", "lat"]) == ("71.4500", "51.1700")
    assert table.loc["line-a", "lon"] == ""  # a line has no single point


def test_the_milestones_csv_reads_back_with_each_source(tmp_path, titled_view):
    path = saved(tmp_path, "milestones.csv", csv_bytes(milestones_table(titled_view)))
    assert frictionless_errors(path) == []
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert rows == [
        {
            "feature_id": "line-a",
            "feature": "Test line",
            "date": "2008-07",
            "what": "Construction launched",
            "quote": "July",
            "source_title": "Pipeline opens",
            "source_publisher": "Xinhua",
            "source_published": "2009-12-14",
            "source_url": SOURCE,
        }
    ]


def test_the_repositorys_milestones_download_whole(tmp_path, repo_view):
    table = milestones_table(repo_view)
    assert list(table.columns) == list(MILESTONE_COLUMNS) and len(table) > 20
    path = saved(tmp_path, "milestones.csv", csv_bytes(table))
    assert frictionless_errors(path) == []
    assert (pd.read_csv(path, dtype=str)["source_url"].str.startswith("http")).all()


def test_the_geojson_writes_whole_years_and_says_what_it_is(tmp_path, repo_view):
    data = export_view(repo_view, "geojson").data
    text = data.decode("utf-8")
    assert '"opened": 1991,' in text and "1991.0" not in text
    doc = json.loads(text)
    meta = doc["metadata"]
    assert meta["selection"]["countries"] == ["KAZ", "KGZ"] and meta["selection"]["year"] == 2023
    assert "countries=KAZ,KGZ&year=2023" in meta["selection"]["query"]
    assert meta["created"] and meta["license"]["name"] == "CC-BY-4.0"
    cited = {u for f in doc["features"] for u in f["properties"]["sources"]}
    assert cited <= {s["url"] for s in meta["sources"]}
    path = saved(tmp_path, "view.geojson", data)
    assert frictionless_errors(path) == []
    assert set(gpd.read_file(path)["id"]) == set(repo_view.ids)


def test_the_geojson_lists_each_cited_page_once_with_its_title(titled_view):
    doc = json.loads(export_view(titled_view, "geojson").data)
    (source,) = [s for s in doc["metadata"]["sources"] if s["url"] == SOURCE]
    assert source == {
        "url": SOURCE,
        "title": "Pipeline opens",
        "title_from": "page",
        "publisher": "Xinhua",
        "published": "2009-12-14",
        "language": "en",
    }
    assert [s["url"] for s in doc["metadata"]["sources"]].count(SOURCE) == 1


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [(1833.0, None, "1833"), (40.7, None, "40.7"), (4.665, None, "4.665"),
     (1643.2449, 1, "1643.2"), (None, None, ""), (float("nan"), None, "")],
)  # fmt: skip
def test_plain_numbers(value, digits, text):
    assert plain_number(value, digits) == text


def test_a_source_the_registry_does_not_know_is_its_url():
    from corridors.citation import citation_record, citation_text

    assert citation_record(Source("https://x.org/a")) == "https://x.org/a"
    assert citation_text(Source("https://www.x.org/a")) == "x.org"
    titled = Source("https://x.org/a", "What?", "page", "Kazinform", "2024")
    assert citation_record(titled) == "What? Kazinform, 2024. https://x.org/a"
    assert citation_text(titled) == "What? — Kazinform, 2024 (x.org)"

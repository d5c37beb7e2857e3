"""A user's own layers: GeoJSON files in ``extra/`` (or ``$CORRIDORS_EXTRA_DIR``) show up as
layers, with a minimal schema and the same clear errors as ours."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corridors.cli import main as cli_main
from corridors.config import DEFAULT_DATA_DIR, OWN_DIR_ENV
from corridors.data.loader import load_dataset
from corridors.export import export_view
from corridors.render.geojson import layer_data
from corridors.selection import Selection, SelectionError
from corridors.status import UNDATED, status_in
from corridors.view import view_of
from tests.apptest import app_test, base_map_script, drawn_ids

HOSTILE = "Depot <script>alert(1)</script>"


def point(name, lon=76.9, lat=43.25, **props) -> dict:
    return {
        "type": "Feature",
        "properties": {"name": name, **props},
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
    }


def write_layer(folder: Path, stem: str, features: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the repository's geodata with one good own layer and one broken file."""
    root = tmp_path / "geodata"
    shutil.copytree(DEFAULT_DATA_DIR, root)
    write_layer(
        root / "extra",
        "my_sites",
        [
            point(HOSTILE, opened=2019, source="https://example.org/depot"),
            {
                "type": "Feature",
                "properties": {"name": "Undated line"},
                "geometry": {"type": "LineString", "coordinates": [[70, 41], [72, 42]]},
            },
            point(""),
            point("Backwards", announced=2020, opened=2010),
            point("Far away", lon=10.0, lat=50.0, countries=["XXX"]),
            {
                "type": "Feature",
                "properties": {"name": "Area"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[70, 41], [71, 41], [70, 42], [70, 41]]],
                },
            },
        ],
    )
    (root / "extra" / "broken.geojson").write_text("{not json", "utf-8")
    (root / "extra" / "Bad Name.geojson").write_text(
        '{"type": "FeatureCollection", "features": []}'
    )
    return root


def test_an_own_layer_is_read_with_defaults_filled_in(data: Path):
    ds = load_dataset(data)
    assert ds.own_layers == ("extra-my_sites",)  # the broken file gives no layer
    layer = ds.layers["extra-my_sites"].set_index("id")
    assert list(layer.index) == ["my_sites-1", "my_sites-2"]  # ids from the file and order
    assert layer.loc["my_sites-1", "countries"] == ["KAZ"]  # the country the point is in
    assert layer.loc["my_sites-2", "countries"] == ["KGZ", "UZB"]  # the line crosses two
    assert layer.loc["my_sites-1", "sources"] == ["https://example.org/depot"]
    undated = layer.loc["my_sites-2"].to_dict()
    assert all(status_in(undated, year) == UNDATED for year in (2009, 2017, 2025))
    assert status_in(layer.loc["my_sites-1"].to_dict(), 2018) == "not_announced"  # opens 2019


def test_broken_features_and_files_are_named_and_the_rest_is_kept(data: Path):
    ds = load_dataset(data)
    said = {(p.file, p.where, p.field): p.reason for p in ds.problems}
    where = "extra/my_sites.geojson"
    assert "non-empty string" in said[(where, "feature #3", "name")]
    assert "opened 2010 is before announced 2020" in said[(where, "feature #4", "opened")]
    assert "unknown country code 'XXX'" in said[(where, "feature #5", "countries")]
    assert "Polygon not allowed" in said[(where, "feature #6", "geometry")]
    assert any(f == "extra/broken.geojson" for f, _, _ in said)
    assert any("lowercase letters" in r for (f, _, _), r in said.items() if "Bad Name" in f)
    assert len(ds.layers["pipelines"]) > 5  # our layers untouched


def test_a_second_folder_from_the_environment(data: Path, tmp_path: Path, monkeypatch):
    other = tmp_path / "mine"
    write_layer(other, "tracker", [point("Tracked site", opened=2012)])
    write_layer(other, "my_sites", [point("Same name as the data folder's")])
    monkeypatch.setenv(OWN_DIR_ENV, str(other))
    ds = load_dataset(data)
    assert ds.own_layers == ("extra-my_sites", "extra-tracker")
    said = [p.reason for p in ds.problems if p.file.endswith("mine/my_sites.geojson")]
    assert said == ["a second own layer named 'my_sites' was left out"]


def test_own_layers_are_drawn_with_their_text_as_data(data: Path):
    """Names travel as values (the browser sets them as text: tests/e2e/test_popups.py);
    in the page's script they are JSON that cannot close the script."""
    ds = load_dataset(data)
    sel = Selection(layers=("extra-my_sites",), countries=("KAZ", "KGZ"), year=2020)
    view = view_of(ds, sel)
    layer = layer_data(view)["extra-my_sites"]
    assert [f["properties"]["id"] for f in layer["features"]] == ["my_sites-1", "my_sites-2"]
    assert layer["features"][0]["properties"]["_p"]["n"] == HOSTILE
    page = export_view(view, "html").data.decode()
    assert HOSTILE not in page and "<script>alert(1)" not in page


def test_a_selection_names_own_layers_by_file_and_refuses_others():
    Selection(layers=("extra-anything_1",))
    with pytest.raises(SelectionError, match="unknown layer 'nonsense'"):
        Selection(layers=("nonsense",))
    with pytest.raises(SelectionError):
        Selection(layers=("extra-Not OK",))


def test_the_command_line_exports_an_own_layer(data: Path, tmp_path: Path):
    out = tmp_path / "mine.geojson"
    code = cli_main(
        ["export", "--data", str(data), "--layers", "extra-my_sites", "--out", str(out)]
    )
    assert code == 0
    ids = [f["properties"]["id"] for f in json.loads(out.read_text())["features"]]
    assert ids == ["my_sites-1", "my_sites-2"]


def test_the_dashboard_shows_own_layers_and_says_what_is_broken(data: Path, monkeypatch):
    monkeypatch.setenv("CORRIDORS_DATA_DIR", str(data))
    at = app_test({"layers": "extra-my_sites,pipelines"})
    at.run()
    assert not at.exception, at.exception
    layers = at.button_group(key="layers")
    assert layers.value == ["pipelines", "extra-my_sites"]
    assert "my_sites (your layer)" in layers.formatted_values
    assert "undated" in at.button_group(key="status").value  # offered, and chosen
    error = at.error[0].value.replace("\\", "")
    assert "extra/my_sites.geojson" in error and "extra/broken.geojson" in error
    assert "Your own layers" in base_map_script(at)  # the legend has their row
    assert {"my_sites-1", "my_sites-2"} <= drawn_ids(at)

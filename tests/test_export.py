"""Exports from the command line: every format, the same features, and bad input."""

from __future__ import annotations

import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import matplotlib.image as mpimg
import numpy as np
import pandas as pd
import pytest
from pypdf import PdfReader

from corridors.cli import main
from corridors.config import DEFAULT_DATA_DIR
from corridors.data.loader import load_dataset
from corridors.export import export_view
from corridors.render.assets import inline_js
from corridors.selection import Selection, select_features
from corridors.view import on_map, view_of
from tests.builders import packed_ids

ARGS = ["--countries", "KAZ,KGZ", "--year", "2023"]


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DEFAULT_DATA_DIR, strict=True)


def export(tmp_path: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / f"view.{fmt}"
    assert main(["export", *ARGS, "--format", fmt, "--out", str(out), *extra]) == 0
    assert out.stat().st_size > 0
    return out


def expected_ids(ds, placed: bool = True, **kw) -> set[str]:
    """The ids of the view: by default those a map draws, its features with a place (an
    event held online has none); ``placed=False``: every one, as the GeoJSON carries."""
    sel = Selection(countries=("KAZ", "KGZ"), year=2023, **kw)
    features = select_features(ds.features(), sel)
    return set((on_map(features) if placed else features)["id"])


def test_png_has_the_asked_size_and_is_not_blank(tmp_path):
    out = export(tmp_path, "png", "--width", "1200", "--height", "800", "--dpi", "100")
    image = mpimg.imread(out)
    assert image.shape[:2] == (800, 1200)
    colours = np.unique(image.reshape(-1, image.shape[2]).round(2), axis=0)
    assert len(colours) > 50  # a map, not a blank page


def test_print_preset_png(tmp_path):
    out = export(tmp_path, "png", "--print")
    assert mpimg.imread(out).shape[:2] == (2100, 3300)


def test_svg_is_well_formed_and_holds_the_features(tmp_path, ds):
    root = ET.parse(export(tmp_path, "svg")).getroot()
    gids = {el.get("id") for el in root.iter() if (el.get("id") or "").startswith("feature-")}
    assert {g.removeprefix("feature-") for g in gids} == expected_ids(ds)


def test_pdf_is_well_formed(tmp_path):
    reader = PdfReader(export(tmp_path, "pdf"))
    assert len(reader.pages) == 1
    assert "China–Central Asia corridors, 2023" in reader.pages[0].extract_text()


def test_geojson_round_trips_through_geopandas(tmp_path, ds):
    gdf = gpd.read_file(export(tmp_path, "geojson"))
    assert set(gdf["id"]) == expected_ids(ds, placed=False)
    assert gdf.crs.to_epsg() == 4326
    doc = json.loads((tmp_path / "view.geojson").read_text())
    assert all(f["properties"]["sources"] for f in doc["features"])


def test_csv_is_the_trade_table(tmp_path):
    table = pd.read_csv(export(tmp_path, "csv"))
    assert list(table["iso3"]) == ["KAZ", "KGZ"]
    assert table.loc[0, "total_usd"] == 41.0e9


def read_back(data: bytes) -> list[dict[str, str]]:
    """A CSV read as a spreadsheet does: UTF-8 with its byte-order mark, RFC 4180."""
    import csv
    import io

    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_trade_csv_of_2017_shows_both_sides_with_units_and_no_float_noise(ds):
    """Kyrgyzstan 2017: China's exports to it beside its imports from China (issue 25:
    units in the headers, whole dollars, source and basis per row, clean in a spreadsheet)."""
    rows = read_back(export_view(view_of(ds, Selection(year=2017)), "csv").data)
    assert [r["iso3"] for r in rows] == ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
    numeric = [h for h in rows[0] if h.endswith(("_usd", "_pct"))]
    assert len(numeric) == 9 and "total_usd" in numeric
    for row in rows:
        for header in numeric:
            value = row[header]
            assert value == "" or re.fullmatch(r"-?\d+(\.\d)?", value), (header, value)
    kgz = next(r for r in rows if r["iso3"] == "KGZ")
    assert kgz["china_exports_usd"] == "5646068526"  # about 5.65 bn
    assert kgz["partner_imports_from_china_usd"] == "1493693988"  # about 1.49 bn
    assert kgz["exports_difference_usd"] == str(5646068526 - 1493693988)
    assert kgz["china_balance_usd"] == str(5646068526 - 87014977)
    assert kgz["china_basis"] == "DOTS" and kgz["partner_basis"] == "DOTS"
    assert kgz["china_source"].startswith("https://data.imf.org/")
    assert kgz["total_reported_by"] == "China" and kgz["total_is_exports_plus_imports"] == "yes"
    tkm = next(r for r in rows if r["iso3"] == "TKM")
    assert tkm["partner_imports_from_china_usd"] == "" and "IMF estimate" in tkm["partner_note"]


def test_the_trade_series_csv_has_every_year_and_both_reporters(ds, tmp_path):
    out = tmp_path / "series.csv"
    args = ["export", "--countries", "KGZ,UZB", "--format", "trade-series", "--out", str(out)]
    assert main(args) == 0
    rows = read_back(out.read_bytes())
    assert [(r["iso3"], r["year"]) for r in rows][:2] == [("KGZ", "2009"), ("KGZ", "2010")]
    assert len(rows) == 2 * 17
    reporters = {(r["iso3"], r["year"]): (r["china_basis"], r["partner_basis"]) for r in rows}
    assert reporters[("KGZ", "2017")] == ("DOTS", "DOTS")
    assert reporters[("UZB", "2012")][1] != "DOTS"  # an IMF estimate is not Uzbekistan's side
    assert reporters[("UZB", "2024")][0] in {"GACC", "CN"}
    # The year's CSV is the series' row for that year.
    year = read_back(export_view(view_of(ds, Selection(("KGZ", "UZB"), 2017)), "csv").data)
    assert year == [r for r in rows if r["year"] == "2017"]


def test_text_a_spreadsheet_would_run_is_made_inert():
    from corridors.trade_csv import _cell

    assert _cell("gap", '=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert _cell("exports_gap", -4.0e9) == "-4000000000"  # a number stays a number


def test_html_is_one_offline_file(tmp_path, ds):
    html = export(tmp_path, "html").read_text()
    assert not re.search(r"<script[^>]+src=\"https?://", html)
    assert not re.search(r"<link[^>]+href=\"https?://", html)
    assert inline_js()[:2000] in html  # Leaflet itself is inlined, not linked
    assert packed_ids(html) >= expected_ids(ds)


def test_bbox_limits_features_and_extent(tmp_path, ds):
    bbox = "66,38,76,44"
    export(tmp_path, "geojson", "--bbox", bbox)
    gdf = gpd.read_file(tmp_path / "view.geojson")
    assert set(gdf["id"]) == expected_ids(ds, bbox=(66.0, 38.0, 76.0, 44.0))
    assert set(gdf["id"]) < expected_ids(ds)


def test_every_format_holds_the_same_features_as_the_selection(ds):
    """Maps hold every selected feature that has a place; the GeoJSON every one (an event
    held online too, with a null geometry)."""
    sel = Selection(countries=("UZB", "TJK"), year=2016)
    want = tuple(select_features(ds.features(), sel)["id"])
    placed = set(on_map(select_features(ds.features(), sel))["id"])
    for fmt in ("png", "html", "geojson"):
        got = export_view(view_of(ds, sel), fmt)
        if fmt == "html":
            assert packed_ids(got.data.decode()) >= placed
        assert set(got.ids) == (set(want) if fmt == "geojson" else placed), fmt


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--countries", "KAZ,ATL"], "unknown country 'ATL'"),
        (["--year", "2031"], "year 2031 out of range"),
        (["--bbox", "80,40,70,45"], "bbox 80,40,70,45 is not"),
        (["--bbox", "a,b,c,d"], "bbox must be four numbers"),
        (["--layers", "canals"], "unknown layer 'canals'"),
        (["--width", "5"], "width 5 px out of range 400–6000"),
        (["--height", "9000"], "height 9000 px out of range 400–6000"),
        (["--width", "0"], "width 0 px out of range 400–6000"),
        (["--dpi", "0"], "dpi 0 out of range 72–600"),
        (["--dpi", "1200"], "dpi 1200 out of range 72–600"),
        (["--layers", ""], "--layers '' is empty"),
        (["--countries", " , "], "--countries ' , ' is empty"),
        (["--year", "2008"], "year 2008 out of range 2009–2025"),
        (["--format", "png", "--out", "x.svg"], "--out suffix '.svg' contradicts --format png"),
        (["--format", "svg", "--out", "x.pdf"], "--out suffix '.pdf' contradicts --format svg"),
    ],
)
def test_bad_input_exits_2_names_the_value_and_writes_nothing(
    tmp_path, capsys, monkeypatch, args, message
):
    monkeypatch.chdir(tmp_path)
    out = ["--out", "x.png"] if "--out" not in args else []
    assert main(["export", *args, *out]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("suffix", "fmt"), [("json", "geojson"), ("htm", "html"), ("", "csv")])
def test_suffixes_that_agree_with_the_format(tmp_path, suffix, fmt):
    out = tmp_path / (f"view.{suffix}" if suffix else "view")
    assert main(["export", *ARGS, "--format", fmt, "--out", str(out)]) == 0
    assert out.stat().st_size > 0


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_exported_files_follow_the_umask(tmp_path, umask):
    old = os.umask(umask)
    try:
        out = tmp_path / "view.csv"
        assert main(["export", *ARGS, "--out", str(out)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_title_and_subtitle_caption_the_map(tmp_path):
    out = tmp_path / "view.pdf"
    caption = ["--title", "Rail to Andijan", "--subtitle", "For the 2026 briefing"]
    assert main(["export", *ARGS, *caption, "--out", str(out)]) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "Rail to Andijan" in text and "For the 2026 briefing" in text
    assert "China–Central Asia corridors" not in text  # the user's title replaces ours
    assert "2023 · Kazakhstan and Kyrgyzstan" in text  # what the map shows stays said


@pytest.mark.parametrize(("preset", "size"), [("a4", (2480, 3508)), ("letter", (2550, 3300))])
def test_print_presets(tmp_path, preset, size):
    out = tmp_path / "view.png"
    assert main(["export", *ARGS, "--preset", preset, "--out", str(out)]) == 0
    assert mpimg.imread(out).shape[:2] == size


def test_unwritable_path_exits_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["export", "--out", str(blocker / "x.png")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", "--out", "/proc/corridors-test.png"]) == 2
    assert "cannot write '/proc/corridors-test.png'" in capsys.readouterr().err


def test_unknown_format(tmp_path, capsys):
    assert main(["export", "--out", str(tmp_path / "x.tiff")]) == 2
    assert "unknown format 'tiff'" in capsys.readouterr().err


def test_html_names_the_gazetteers_places_like_the_live_map():
    page = export_view(view_of(load_dataset(), Selection()), "html").data.decode()
    assert re.search(r'\["Tashkent", [\d.]+, [\d.]+, "place", false\]', page)
    assert re.search(r'\["Kazakhstan", [\d.]+, [\d.]+, "country", false\]', page)

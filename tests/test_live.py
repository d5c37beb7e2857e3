"""The live map's library and a selection's codes (corridors.render.live): the browser
shows exactly the view Python selected, in the statuses Python computed."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest

from corridors.config import COUNTRIES, LAYERS, YEAR_MAX, YEAR_MIN
from corridors.data.loader import load_dataset
from corridors.i18n import translator
from corridors.render import live
from corridors.selection import Selection
from corridors.view import on_map, view_of

DS = load_dataset()


def ids_in_order(features) -> list[str]:
    return list(features.loc[live.library_order(features), "id"])


def test_the_library_holds_every_feature_once_in_drawing_order():
    features = DS.features()
    lib = live.library(features)
    listed = [f["properties"]["id"] for _, fc in lib["layers"] for f in fc["features"]]
    assert listed == ids_in_order(features)
    assert sorted(listed) == sorted(on_map(features)["id"])  # an online event has no place
    present = set(features["layer"])
    assert [layer for layer, _ in lib["layers"]] == [name for name in LAYERS if name in present]


@pytest.mark.parametrize("year", [YEAR_MIN, 2014, 2019, YEAR_MAX])
@pytest.mark.parametrize(
    "countries", [tuple(COUNTRIES), ("KGZ",), ("TKM", "CHN"), ("UZB", "KAZ", "TJK")]
)
def test_codes_show_exactly_the_view_in_its_statuses(year, countries):
    """Decoding a selection's codes gives the view's features and statuses, no more."""
    features = DS.features()
    sel = Selection(countries=countries, year=year)
    view = view_of(DS, sel)
    codes = live.visibility_codes(live.library_order(features), view.features)
    assert len(codes) == len(on_map(features))
    shown = live.decode(ids_in_order(features), codes)
    assert shown == dict(zip(view.on_map["id"], view.on_map["status_in_year"], strict=True))


def test_statuses_filter_hides_the_others():
    features = DS.features()
    view = view_of(DS, Selection(statuses=("operating",)))
    codes = live.visibility_codes(live.library_order(features), view.features)
    assert set(live.decode(ids_in_order(features), codes).values()) == {"operating"}
    assert set(codes) == {live.HIDDEN, live.STATUS_CODES["operating"]}


def test_every_status_a_selection_can_show_has_a_style():
    """A feature shown in any status finds its style in the library (else it would draw
    with Leaflet's default blue)."""
    lib = live.library(DS.features())
    for _, fc in lib["layers"]:
        for f in fc["features"]:
            shape = "P" if f["geometry"]["type"].endswith("Point") else "L"
            for status in live.STATUS_CODES:
                assert f"{f['properties']['kind']}|{status}|{shape}" in lib["styles"]
    assert lib["codes"] == {code: status for status, code in live.STATUS_CODES.items()}


def test_the_packed_library_is_gzip_json_in_the_language_asked():
    packed = live.pack(live.library(DS.features(), translator("ru")))
    assert packed[:2] == b"\x1f\x8b"
    lib = json.loads(gzip.decompress(packed))
    popups = [f["properties"]["_p"] for _, fc in lib["layers"] for f in fc["features"]]
    assert any(any("км" in q for q in p.get("q", [])) for p in popups)
    # Same data, same bytes (mtime 0): the file's digest names its content.
    assert packed == live.pack(live.library(DS.features(), translator("ru")))


def test_show_script_carries_the_codes_as_json_data():
    script = live.show_script("abc", 2020, "ab.")
    assert script.startswith(";window.corridorsLive.show(")
    assert json.loads(script[len(";window.corridorsLive.show(") : -2]) == {
        "digest": "abc",
        "year": 2020,
        "codes": "ab.",
    }


def test_js_fixture_is_what_pack_makes():
    """tests/js/fixtures/packed.json is what the Node tests unpack: it must be this
    module's packing of its data, so the two sides are tested against each other."""
    import base64
    from pathlib import Path

    fixture = json.loads(
        (Path(__file__).parent / "js" / "fixtures" / "packed.json").read_text("utf-8")
    )
    assert base64.b64decode(fixture["b64"]) == live.pack(fixture["data"])


PACKED_DIGEST = """
from corridors.data.loader import load_dataset
from corridors.render import live
import hashlib
ds = load_dataset()
print(hashlib.sha256(live.pack(live.library(ds.features(), registry=ds.registry()))).hexdigest())
"""


def test_the_packed_library_is_the_same_bytes_in_every_process():
    """Its name is its digest: the cluster's processes and a restarted server must name it
    alike, or a reader's kept copy is fetched again and nginx's early preload misses.
    (Strings hash differently in each process: a set's order once changed the bytes.)"""

    digests = {
        subprocess.run(
            [sys.executable, "-c", PACKED_DIGEST],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1

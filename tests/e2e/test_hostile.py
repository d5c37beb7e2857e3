"""Hostile text and a broken file in a copy of the data: named, escaped, never run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser import (
    BIND_MAP_JS,
    DRAWN_JS,
    MAP_IDLE_JS,
    POINT_OF_JS,
    click_feature,
    drawn,
    open_app,
    popup_of,
    streamlit_server,
)
from playwright.sync_api import Page, expect

from corridors.cli import main
from corridors.config import DEFAULT_DATA_DIR

IMG = '<img src=x onerror="window.top.__pwned=1;alert(1)">'
SCRIPT = "</script><script>window.top.__pwned=2</script>"
BAD_URL = 'https://example.org/"><img/src=x/onerror=window.top.__pwned=3>'


def edit_layer(path: Path, fid: str, **props) -> None:
    doc = json.loads(path.read_text("utf-8"))
    for feature in doc["features"]:
        if feature["properties"]["id"] == fid:
            feature["properties"].update(props)
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "geodata"
    shutil.copytree(DEFAULT_DATA_DIR, root)
    edit_layer(root / "layers" / "events.geojson", "capital-astana", name=IMG, description=SCRIPT)
    edit_layer(root / "layers" / "events.geojson", "summit-2025-astana", outcomes=IMG)
    edit_layer(
        root / "layers" / "pipelines.geojson",
        "beineu-bozoi-shymkent",
        name=SCRIPT,
        sources=[BAD_URL],
    )
    (root / "layers" / "railways.geojson").write_text(
        '{"type": "FeatureCollection", "feat', "utf-8"
    )
    return root


@pytest.fixture(scope="module")
def hostile_url(hostile_dir) -> str:
    with streamlit_server(env={"CORRIDORS_DATA_DIR": str(hostile_dir)}) as server:
        yield server.url


def assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    for frame in page.frames:
        assert frame.evaluate("() => window.__pwned === undefined"), frame.url
    assert dialogs == []


def test_hostile_text_shows_as_text_and_never_runs(page: Page, hostile_url: str):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    frame = open_app(page, f"{hostile_url}/?year=2025")
    expect(page.get_by_text("layers/railways.geojson").first).to_be_visible()
    ids = drawn(frame)
    assert "capital-astana" in ids and "beineu-bozoi-shymkent" in ids
    assert not any(i.startswith("china-kyrgyzstan") for i in ids)  # broken file left out

    click_feature(page, frame, "capital-astana")
    popup = popup_of(frame, "capital-astana")
    expect(popup).to_contain_text('<img src=x onerror="window.top.__pwned=1;alert(1)">')
    expect(popup).to_contain_text("</script><script>")
    assert popup.locator("img, script").count() == 0

    click_feature(page, frame, "beineu-bozoi-shymkent")
    popup = popup_of(frame, "beineu-bozoi-shymkent")
    expect(popup).to_be_visible()
    link = popup.locator(".sources a")  # milestones link their own sources too
    expect(link).to_have_attribute("href", BAD_URL)  # one attribute, quotes escaped
    assert popup.locator("img").count() == 0

    page.get_by_role("tab", name="Events").click()
    expect(page.get_by_text('onerror="window.top.__pwned=1').first).to_be_visible()
    assert_nothing_ran(page, dialogs)


def test_broken_file_is_reported_by_validate(hostile_dir, capsys):
    assert main(["validate", str(hostile_dir)]) == 1
    assert "layers/railways.geojson: not valid JSON" in capsys.readouterr().err


def test_hostile_text_in_the_standalone_html(hostile_dir, tmp_path, page: Page):
    out = tmp_path / "view.html"
    assert main(["export", "--data", str(hostile_dir), "--out", str(out)]) == 0
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(out.as_uri())
    page.evaluate(BIND_MAP_JS)
    # The layers are packed in the file and unpacked by the browser: wait until drawn.
    page.wait_for_function(f"({DRAWN_JS})()['capital-astana'] !== undefined")
    page.wait_for_function(MAP_IDLE_JS)
    point = page.evaluate(POINT_OF_JS, "capital-astana")
    page.mouse.click(point["x"], point["y"])
    expect(popup_of(page, "capital-astana")).to_contain_text("<img src=x")
    assert_nothing_ran(page, dialogs)

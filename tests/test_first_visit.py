"""The file nginx puts in the page's head (corridors.ui.first_visit): written only where a
server reads the published folder, rewritten when the files change, and valid script
that asks for exactly the files it names."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from corridors.ui import first_visit, published

FILES = [
    {"href": "component/f/static/js/main.1.js", "as": "script"},
    {"href": "component/p/map-en-0123456789abcdef0123.js", "as": "script", "view": True},
    {"href": "component/p/features-en-0123456789abcdef0123.json.gz", "as": "fetch"},
]


@pytest.fixture
def shared_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Not the process's own folder (the app tests' cached maps name files in it).
    folder = tmp_path / "files"
    folder.mkdir()
    monkeypatch.setenv(published.SHARED_ENV, str(folder))
    monkeypatch.setattr(published, "folder", lambda: folder)
    first_visit._noted.clear()
    yield folder
    first_visit._noted.clear()


def test_nothing_is_written_without_a_server_reading_the_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(published.SHARED_ENV, raising=False)
    monkeypatch.setattr(published, "folder", lambda: tmp_path)
    first_visit._noted.clear()
    first_visit.note("en", FILES)
    assert list(tmp_path.iterdir()) == []


def test_the_file_names_each_language_s_files_and_is_rewritten_only_when_they_change(
    shared_folder: Path,
):
    path = shared_folder / first_visit.NAME
    first_visit.note("en", FILES)
    written = path.read_text(encoding="utf-8")
    assert json.dumps(FILES[1]["href"]) in written
    path.write_text("kept")  # the same files again: the file is left alone
    first_visit.note("en", FILES)
    assert path.read_text() == "kept"
    ru = [{"href": "component/p/features-ru-0123456789abcdef0123.json.gz", "as": "fetch"}]
    first_visit.note("ru", ru)
    both = path.read_text(encoding="utf-8")
    assert json.dumps(FILES[0]["href"]) in both and json.dumps(ru[0]["href"]) in both


#: Runs the file in node with just what it touches, then prints the links it added.
RUN = """
const links = [];
globalThis.window = globalThis;
globalThis.location = {search: process.argv[2]};
globalThis.navigator = {language: process.argv[3]};
globalThis.document = {
    baseURI: "http://example.org/",
    head: {appendChild: (el) => links.push(el)},
    createElement: () => ({}),
    querySelectorAll: () => links,
};
require(process.argv[1]);
console.log(JSON.stringify(links.map((l) => [l.href, l.as])));
"""


@pytest.mark.parametrize(
    ("search", "browser", "expected"),
    [
        ("", "en-US", [0, 1, 2]),
        ("?lang=en&year=2015", "en-US", [0, 2]),
        ("", "zh-CN", []),  # no session in Chinese yet: nothing guessed
    ],
)
def test_the_file_is_script_that_asks_for_the_files(shared_folder, search, browser, expected):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: `make setup` installs it")
    hostile = {"href": "component/p/</script><b>x.js", "as": "script"}
    first_visit.note("en", [*FILES, hostile])
    text = (shared_folder / first_visit.NAME).read_text(encoding="utf-8")
    assert "</script>" not in text  # data in the call is escaped, even in its own file
    out = subprocess.run(
        [node, "-e", RUN, str(shared_folder / first_visit.NAME), search, browser],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    asked = json.loads(out)
    want = [FILES[i] for i in expected] + ([hostile] if expected else [])
    assert [a for a, _ in asked] == [
        "http://example.org/" + f["href"].replace("<", "%3C").replace(">", "%3E") for f in want
    ]
    assert [b for _, b in asked] == [f["as"] for f in want]

"""The file nginx puts in the page's head (corridors.ui.first_visit): written only where a
server reads the published folder, rewritten when the files change, and valid script
that asks for exactly the files it names."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from corridors.ui import first_visit, published, streamlit_chunks

FILES = [
    {"href": "component/f/static/js/main.1.js", "as": "script"},
    {"href": "component/p/map-en-0123456789abcdef0123.js", "as": "script", "view": True},
    {"href": "component/p/features-en-0123456789abcdef0123.json.gz", "as": "fetch"},
]


def test_nothing_is_written_without_a_server_reading_the_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(published.SHARED_ENV, raising=False)
    monkeypatch.setattr(published, "folder", lambda: tmp_path)
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


def test_another_process_s_language_is_kept_and_a_lost_one_put_back(shared_folder: Path):
    """The cluster's processes share the folder: each adds its language to what is there.
    Two writing at once can drop one language; that one's next session puts it back."""
    ru = [{"href": "component/p/features-ru-0123456789abcdef0123.json.gz", "as": "fetch"}]
    first_visit.note("en", FILES)
    first_visit.note("ru", ru)  # as if another process
    assert first_visit.noted() == {"en": FILES, "ru": ru}
    (shared_folder / first_visit.NOTED).write_text(json.dumps({"ru": ru}))  # en lost
    first_visit.note("en", FILES)
    assert first_visit.noted() == {"en": FILES, "ru": ru}
    text = (shared_folder / first_visit.NAME).read_text(encoding="utf-8")
    assert json.dumps(FILES[1]["href"]) in text and json.dumps(ru[0]["href"]) in text


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
console.log(JSON.stringify(links.map((l) => [l.href, l.as || null])));
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
    chunks = streamlit_chunks.component_chunks()
    want = [FILES[i] for i in expected] + ([hostile, *chunks] if expected else [])
    assert [a for a, _ in asked] == [
        "http://example.org/" + f["href"].replace("<", "%3C").replace(">", "%3E") for f in want
    ]
    assert [b for _, b in asked] == [f.get("as") for f in want]


def test_the_map_component_s_own_code_is_found_in_the_installed_streamlit():
    """Streamlit's names carry hashes: they are read from its files. Found in the version
    installed (a Streamlit that writes its table otherwise fails here, not silently)."""
    front_end = streamlit_chunks.streamlit_front_end()
    chunks = streamlit_chunks.component_chunks()
    assert chunks and chunks[0]["href"].startswith("static/js/ComponentInstance.")
    assert all(c["rel"] == "modulepreload" for c in chunks)
    assert all((front_end / c["href"]).is_file() for c in chunks)
    page = (front_end / "index.html").read_text(encoding="utf-8")
    assert not any(c["href"] in page for c in chunks)  # none the page preloads already


def test_the_chunk_table_is_read_as_written(tmp_path: Path):
    """The main script's table of lazy imports (Vite's ``__vite__mapDeps``): the chunk,
    then its imports by index, less what the page preloads; a CSS entry keeps its place."""
    (tmp_path / "static" / "js").mkdir(parents=True)
    (tmp_path / "index.html").write_text(
        '<script type="module" crossorigin src="./static/js/index.A1.js"></script>\n'
        '<link rel="modulepreload" crossorigin href="./static/js/react.B2.js">'
    )
    (tmp_path / "static" / "js" / "index.A1.js").write_text(
        'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["./Table.C3.js",'
        '"./react.B2.js","../css/Grid.D4.css","./IFrameUtil.E5.js","./ComponentInstance.F6.js"'
        "]))))=>i.map(i=>d[i]);"
        "gg=lazy(()=>H(()=>import(`./ComponentInstance.F6.js`),__vite__mapDeps([4,1,2,3]),x))"
    )
    assert streamlit_chunks.lazy_chunk(tmp_path, "ComponentInstance") == [
        "static/js/ComponentInstance.F6.js",
        "static/js/IFrameUtil.E5.js",
    ]
    assert streamlit_chunks.lazy_chunk(tmp_path, "Slider") == []  # not in the table
    (tmp_path / "static" / "js" / "index.A1.js").write_text("no table here")
    assert streamlit_chunks.lazy_chunk(tmp_path, "ComponentInstance") == []

"""The map's published files (corridors.ui.published): named by their content, and,
where a server reads the folder, with brotli and gzip copies written beside each script
for it to send."""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import brotli
import pytest

from corridors.ui import published


def wait_for(path: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never written"
        time.sleep(0.05)


def test_a_script_gets_compressed_copies_with_its_time(shared_folder: Path):
    data = ("var map = " + "[1.25, 2.5], " * 5000 + "0;\n").encode()
    name = published.publish("map-en", ".js", data)
    assert name == f"map-en-{published.digest(data)}.js"
    path = shared_folder / name
    assert path.read_bytes() == data
    for suffix in (".gz", ".br"):
        wait_for(path.with_name(name + suffix))
    time.sleep(0.2)  # the time is set just after each copy is in place
    assert brotli.decompress(path.with_name(name + ".br").read_bytes()) == data
    assert gzip.decompress(path.with_name(name + ".gz").read_bytes()) == data
    for suffix in (".gz", ".br"):  # nginx sends the original's Last-Modified for either
        assert os.stat(path.with_name(name + suffix)).st_mtime_ns == path.stat().st_mtime_ns
    assert not list(shared_folder.glob("*.part"))


def test_the_library_is_not_compressed_again(shared_folder: Path):
    name = published.publish("features-en", ".json.gz", gzip.compress(b"{}", mtime=0))
    time.sleep(0.3)
    assert sorted(p.name for p in shared_folder.iterdir()) == [name]


def test_a_folder_of_its_own_has_no_copies(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(published.SHARED_ENV, raising=False)
    monkeypatch.setattr(published, "folder", lambda: tmp_path)
    name = published.publish("map-en", ".js", b"var x = 1;" * 500)
    time.sleep(0.3)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert not published.shared()

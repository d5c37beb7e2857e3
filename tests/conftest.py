"""Fixtures shared by the unit and app tests (builders are in tests/builders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import make_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A minimal valid geodata folder."""
    return make_folder(tmp_path / "geodata")


@pytest.fixture
def shared_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The map's published folder as one a server in front reads (``CORRIDORS_FILES``), in
    ``tmp_path``: not the process's own folder, where the app tests' cached maps name files."""
    from corridors.ui import published  # Streamlit: only for the tests that ask

    folder = tmp_path / "files"
    folder.mkdir()
    monkeypatch.setenv(published.SHARED_ENV, str(folder))
    monkeypatch.setattr(published, "folder", lambda: folder)
    return folder

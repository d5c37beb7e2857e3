"""Fixtures shared by the unit and app tests (builders are in tests/builders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import make_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A minimal valid geodata folder."""
    return make_folder(tmp_path / "geodata")

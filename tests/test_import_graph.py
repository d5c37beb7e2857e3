"""No import cycles among the package's modules and no import up its layers.

Runs ``scripts/import_graph.py``'s check on the source (read with ``ast``, nothing
imported), and on small planted packages to show the check can fail.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "import_graph.py"


@pytest.fixture(scope="module")
def graph():
    spec = importlib.util.spec_from_file_location("import_graph", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


def plant(root: Path, files: dict[str, str]) -> Path:
    """A package ``corridors`` under ``root`` with the given modules (path: source)."""
    package = root / "corridors"
    for name, source in {"__init__.py": "", **files}.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, "utf-8")
    return package


def test_the_package_has_no_import_cycles_and_no_upward_imports(graph):
    report = graph.check()
    assert report.module_cycles == []
    assert report.all_cycles == []
    assert [f"{e.source} imports {e.target} (line {e.line})" for e in report.upward] == []
    assert graph.main() == 0


def test_the_checker_sees_the_modules_and_their_imports(graph):
    found = {(e.source, e.target) for e in graph.edges()}
    assert ("corridors.data.loader", "corridors.data.reader") in found
    assert ("corridors.ui.page", "corridors.ui.map_view") in found  # from corridors.ui import …
    assert ("corridors.export", "corridors.render.static") in found  # a lazy import


def test_a_cycle_through_a_lazy_import_is_found(graph, tmp_path):
    package = plant(
        tmp_path,
        {
            "ui/__init__.py": "from corridors.ui.a import x\n",
            "ui/a.py": "from corridors.ui import b\nx = 1\n",
            "ui/b.py": "def f():\n    from corridors.ui import a\n",
        },
    )
    report = graph.check(package)
    assert report.module_cycles == []
    assert report.all_cycles == [["corridors.ui.a", "corridors.ui.b", "corridors.ui.a"]]
    assert not report.ok


def test_a_module_level_cycle_and_relative_imports_are_found(graph, tmp_path):
    package = plant(
        tmp_path,
        {"a.py": "from . import b\n", "b.py": "from .c import y\n", "c.py": "import corridors.a\n"},
    )
    report = graph.check(package)
    assert report.module_cycles == [["corridors.a", "corridors.b", "corridors.c", "corridors.a"]]


def test_an_upward_import_is_found_but_type_checking_imports_are_not(graph, tmp_path):
    package = plant(
        tmp_path,
        {
            "status.py": "from corridors.data.schema import YEARS\n",
            "data/__init__.py": "",
            "data/schema.py": "YEARS = ()\n",
            "render/__init__.py": "",
            "render/map.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n"
                "    from corridors.ui import page\n"
            ),
            "ui/__init__.py": "",
            "ui/page.py": "",
        },
    )
    report = graph.check(package)
    assert [(e.source, e.target) for e in report.upward] == [
        ("corridors.status", "corridors.data.schema")
    ]

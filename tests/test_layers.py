"""The package's layers: data below render below export/cli, and ui on top.

Read from the source with ``ast`` (no import needed), so a forbidden import fails here
even if nothing exercises it. Streamlit itself is banned outside ``ui/`` by ruff (TID251).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "corridors"

#: What each layer may not import (module prefixes).
FORBIDDEN = {
    "data": (
        "corridors.render",
        "corridors.ui",
        "corridors.export",
        "corridors.cli",
        "corridors.view",
    ),
    "render": ("corridors.ui", "corridors.export", "corridors.cli"),
}


def imported_modules(path: Path) -> set[str]:
    """Every absolute module a file imports, at any depth (lazy imports included)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
            out.update(f"{node.module}.{alias.name}" for alias in node.names)
    return out


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_above_it(layer):
    files = sorted((PACKAGE / layer).glob("*.py"))
    assert files, f"no modules in {layer}/"
    bad = {
        f"{path.relative_to(PACKAGE)} imports {module}"
        for path in files
        for module in imported_modules(path)
        if module.startswith(FORBIDDEN[layer])
    }
    assert bad == set()


def test_the_checker_sees_lazy_imports(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from corridors.ui import cache\n", "utf-8")
    assert "corridors.ui" in imported_modules(source)


def test_only_ui_imports_streamlit():
    outside = [
        path.relative_to(PACKAGE)
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts
        and any(
            m.split(".")[0] in ("streamlit", "streamlit_folium") for m in imported_modules(path)
        )
    ]
    assert outside == []

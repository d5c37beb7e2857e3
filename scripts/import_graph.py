"""The imports among ``corridors`` modules: cycles, and imports up the layers.

Read from the source with ``ast`` (nothing is imported). Each edge is tagged with where
its import statement sits: ``module`` (runs at import time, ``if TYPE_CHECKING:`` blocks
excluded) or ``function`` (a lazy import inside a function). Module-level cycles are the
ones that break an import; function-level ones still tie modules together, so both count.

An import of ``corridors.pkg.mod`` is an edge to that module only: the package's
``__init__`` runs too, but counting it would make every module of a package that
re-exports from its own modules (``corridors.ui``) look cyclic.

Usage: ``python scripts/import_graph.py`` prints every edge kind's cycles and every
upward import; exits 1 if there is any. ``tests/test_import_graph.py`` runs :func:`check`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "corridors"
SOURCE = Path(__file__).resolve().parents[1] / "src" / PACKAGE

#: Layers, lowest first: a module may import its own layer and those below, never above.
#: A module belongs to the layer of the longest prefix it matches.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Constants, words and single-value rules that everything reads.
    (
        "base",
        (
            "corridors.config",
            "corridors.i18n",
            "corridors.kinds",
            "corridors.status",
            "corridors.values",
        ),
    ),
    ("data", ("corridors.data",)),  # reading and checking the geodata folder
    ("domain", ("corridors",)),  # the rest: selection, view, timeline, trade, feature_index
    ("render", ("corridors.render",)),
    ("export", ("corridors.export", "corridors.cli", "corridors.__main__")),
    ("ui", ("corridors.ui",)),  # Streamlit, on top of everything
)
LAYER_RANK = {name: rank for rank, (name, _) in enumerate(LAYERS)}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    where: str  # "module" or "function"
    line: int


def module_name(path: Path, root: Path = SOURCE) -> str:
    parts = [PACKAGE, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = SOURCE) -> dict[str, Path]:
    """Every module of the package by dotted name."""
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
    """Every import statement with where it sits (``module`` or ``function``)."""

    def walk(node: ast.AST, where: str) -> Iterator[tuple[ast.Import | ast.ImportFrom, str]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, where
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                yield from walk(child, "function")
            elif isinstance(child, ast.If) and _is_type_checking(child):
                continue  # never runs: annotations only
            else:
                yield from walk(child, where)

    yield from walk(tree, "module")


def _targets(node: ast.Import | ast.ImportFrom, source: str, is_package: bool, known) -> set[str]:
    """The package's modules one import statement loads (by name as written)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
        return {_known_prefix(name, known) for name in names} - {None}
    base = node.module or ""
    if node.level:
        parent = source.split(".") if is_package else source.split(".")[:-1]
        parent = parent[: len(parent) - (node.level - 1)]
        base = ".".join([*parent, base] if base else parent)
    out = set()
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        out.add(sub if sub in known else _known_prefix(base, known))
    return out - {None}


def _known_prefix(name: str, known) -> str | None:
    parts = name.split(".")
    while parts:
        if ".".join(parts) in known:
            return ".".join(parts)
        parts.pop()
    return None


def edges(root: Path = SOURCE) -> list[Edge]:
    """Every import of one of the package's modules by another."""
    known = modules(root)
    out = []
    for source, path in known.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node, where in _imports(tree):
            for target in _targets(node, source, path.name == "__init__.py", known):
                if target != source:
                    out.append(Edge(source, target, where, node.lineno))
    return out


def _graph(graph_edges: Iterable[Edge]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for edge in graph_edges:
        graph.setdefault(edge.source, set()).add(edge.target)
        graph.setdefault(edge.target, set())
    return graph


def cycles(graph_edges: Iterable[Edge]) -> list[list[str]]:
    """One shortest cycle through each strongly connected group of modules."""
    graph = _graph(graph_edges)
    return [_shortest_cycle(graph, group) for group in tangles(graph)]


def tangles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph) + 100))
    try:
        for node in sorted(graph):
            if node not in index:
                connect(node)
    finally:
        sys.setrecursionlimit(limit)
    return groups


def _shortest_cycle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """The shortest cycle from the group's first module back to itself (breadth first)."""
    start = min(group)
    paths = {nxt: [start, nxt] for nxt in sorted(graph[start] & group)}
    frontier = list(paths)
    while frontier:
        following = []
        for node in frontier:
            if start in graph[node]:
                return [*paths[node], start]
            for nxt in sorted(graph[node] & group):
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle through {start} in a strongly connected group")


def _layer(module: str) -> str:
    """The layer a module belongs to: the most specific prefix that matches it."""
    best, length = "domain", 0
    for name, prefixes in LAYERS:
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > length:
                best, length = name, len(prefix)
    return best


def upward(graph_edges: Iterable[Edge]) -> list[Edge]:
    """Imports of a module in a higher layer."""
    out = []
    for edge in graph_edges:
        source, target = _layer(edge.source), _layer(edge.target)
        if LAYER_RANK[target] > LAYER_RANK[source]:
            out.append(edge)
    return out


@dataclass(frozen=True)
class Report:
    module_cycles: list[list[str]]
    all_cycles: list[list[str]]
    upward: list[Edge]

    @property
    def ok(self) -> bool:
        return not (self.module_cycles or self.all_cycles or self.upward)


def check(root: Path = SOURCE) -> Report:
    """Cycles among module-level imports, cycles counting lazy ones too, upward imports."""
    found = edges(root)
    return Report(
        cycles(e for e in found if e.where == "module"),
        cycles(found),
        upward(found),
    )


def main() -> int:
    report = check()
    print("module-level cycles:")
    for cycle in report.module_cycles:
        print("  " + " -> ".join(cycle))
    print("cycles counting function-level imports:")
    found = edges()
    for cycle, group in zip(report.all_cycles, tangles(_graph(found)), strict=True):
        print("  " + " -> ".join(cycle))
        print("    every import among " + ", ".join(sorted(group)) + ":")
        for edge in found:
            if edge.source in group and edge.target in group:
                print(f"      {edge.source}:{edge.line} {edge.where} {edge.target}")
    print("upward imports:")
    for edge in report.upward:
        source, target = _layer(edge.source), _layer(edge.target)
        print(f"  {edge.source} ({source}) imports {edge.target} ({target}), line {edge.line}")
    print("ok" if report.ok else "problems found")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())

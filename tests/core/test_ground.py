"""The ground floor has no import circle: ``db`` connects and runs transactions; migrations, backups and
opening a school are floors above it, and nothing below imports what stands on it."""

from __future__ import annotations

import ast
from pathlib import Path

import fivemgmt

PACKAGE = Path(fivemgmt.__file__).resolve().parent
GROUND = {
    f"fivemgmt.{name}"
    for name in ("db", "migrations", "backup", "session", "audit", "audit_verify", "records", "school")
}


def _module_name(path: Path) -> str:
    parts = ("fivemgmt", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every fivemgmt module → the fivemgmt modules it imports anywhere in its file (a function's lazy
    import too: it is a circle all the same), with the packages a dotted import runs on the way."""
    files = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        wanted: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                wanted |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                wanted.add(node.module)
                wanted |= {f"{node.module}.{alias.name}" for alias in node.names}
        found = set()
        for target in wanted:
            parts = target.split(".")
            # fivemgmt/__init__.py holds only the version: it is no floor
            found |= {".".join(parts[:n]) for n in range(2, len(parts) + 1)} & set(files)
        graph[name] = found - {name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_passes_through_the_ground_floor():
    graph = import_graph()
    assert GROUND <= set(graph)
    through_ground = [sorted(c) for c in circles(graph) if c & GROUND]
    assert through_ground == []


def test_db_only_connects_and_runs_transactions():
    upstairs = {"fivemgmt.migrations", "fivemgmt.backup", "fivemgmt.session", "fivemgmt.records"}
    assert import_graph()["fivemgmt.db"] & upstairs == set()


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]

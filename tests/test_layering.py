"""Imports point down: the floors of the package, no cycles, and only desk_app/ui imports Qt.

Every import counts, those inside functions too (a lazy import still ties the floors
together); only those under ``if TYPE_CHECKING:`` do not, as they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desk_app"

#: The floors, lowest first. A module may import its own floor and those below it. The
#: name is the first part under ``desk_app`` ("" is ``desk_app/__init__.py``).
FLOORS: list[frozenset[str]] = [
    frozenset({"models"}),
    frozenset(
        {"", "db", "hlc", "formats", "config", "log", "messages", "resources", "platform_check"}
    ),
    frozenset({"services"}),
    # The application context: services wired to a data directory and a signed-in actor.
    frozenset({"context"}),
    # Migrations are loaded by Alembic from their files, never imported by the app.
    frozenset({"sync", "hub", "reports", "migrations"}),
    # Demo data is written as the app writes, and captured for sync like any change.
    frozenset({"demo"}),
    frozenset({"cli", "ui"}),
    frozenset({"__main__"}),
]

#: Upward imports that are known and owned elsewhere, each to be removed by the change
#: named beside it. The test fails when one of them is gone, so that it is taken off
#: this list too (and cannot come back unnoticed).
KNOWN_EXCEPTIONS: frozenset[tuple[str, str]] = frozenset()


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(path: Path, name: str) -> set[str]:
    """Every module name an import in ``path`` (the module ``name``) may refer to."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for other in child.orelse:
                    visit_statement(other)
                continue
            visit_statement(child)

    def visit_statement(node: ast.AST) -> None:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                if path.name != "__init__.py":
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        visit(node)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """``{module: modules of the package it imports}`` for the package at ``root``."""
    modules = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for imported in imported_names(path, name):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def floor_of(module: str, floors: list[frozenset[str]] = FLOORS) -> int:
    parts = module.split(".")
    key = parts[1] if len(parts) > 1 else ""
    for index, floor in enumerate(floors):
        if key in floor:
            return index
    raise AssertionError(f"{module} is on no declared floor: add its package to FLOORS")


def upward_imports(
    graph: dict[str, set[str]], floors: list[frozenset[str]] = FLOORS
) -> set[tuple[str, str]]:
    return {
        (module, target)
        for module, targets in graph.items()
        for target in targets
        if floor_of(target, floors) > floor_of(module, floors)
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return sorted(found)


def qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in {"PySide6", "shiboken6"}]
    return found


def test_nothing_outside_ui_imports_pyside6() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): qt_imports(path)
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1] and qt_imports(path)
    }
    assert offenders == {}


def test_the_check_would_catch_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\n", encoding="utf-8")
    assert qt_imports(bad) == ["PySide6.QtWidgets"]


def test_imports_point_down_the_floors() -> None:
    assert upward_imports(import_graph(PACKAGE)) - KNOWN_EXCEPTIONS == set()


def test_every_known_exception_is_still_needed() -> None:
    """Fails once an exception is fixed: then take it off ``KNOWN_EXCEPTIONS``."""
    assert KNOWN_EXCEPTIONS - upward_imports(import_graph(PACKAGE)) == set()


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_the_checks_would_catch_an_upward_import_and_a_cycle(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    for folder in ("models", "services", "ui"):
        (root / folder).mkdir(parents=True)
        (root / folder / "__init__.py").write_text("", encoding="utf-8")
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "db.py").write_text(
        "def open_db():\n    from pkg.services.backup import copy\n", encoding="utf-8"
    )
    (root / "services" / "backup.py").write_text("from pkg.db import open_db\n", encoding="utf-8")
    (root / "models" / "row.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.ui import form\n",
        encoding="utf-8",
    )
    (root / "ui" / "form.py").write_text("from ..models import row\n", encoding="utf-8")
    graph = import_graph(root)
    assert graph["pkg.ui.form"] == {"pkg.models", "pkg.models.row"}  # a relative import
    assert graph["pkg.models.row"] == set()  # a type-only import does not run
    floors = [
        frozenset({"models"}),
        frozenset({"", "db"}),
        frozenset({"services"}),
        frozenset({"ui"}),
    ]
    assert upward_imports(graph, floors) == {("pkg.db", "pkg.services.backup")}  # lazy, too
    assert cycles(graph) == [["pkg.db", "pkg.services.backup"]]

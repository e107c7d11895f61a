"""Reports depend on services, never the other way round (issuing lives in reports/)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desk_app"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_no_service_imports_the_reports_package() -> None:
    offenders = {
        path.name: sorted(m for m in _imports(path) if m.startswith("desk_app.reports"))
        for path in (PACKAGE / "services").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_sees_an_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from desk_app.reports.issue import issue_sitrep\n", encoding="utf-8")
    assert "desk_app.reports.issue" in _imports(bad)

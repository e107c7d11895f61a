"""Fixtures of the CLI tests (plain helpers, also used elsewhere, are in cli_helpers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.cli import main
from tests.cli.cli_helpers import Run, setup_desk


@pytest.fixture
def run(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """``desk-app`` on a desk that has been set up, as its first administrator; each
    call returns only what that command printed."""
    monkeypatch.delenv("DESK_USER", raising=False)
    setup_desk(data_dir, monkeypatch)

    def _run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()  # what came before (setup_desk's own output, a test's print)
        code = main([*argv, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return _run

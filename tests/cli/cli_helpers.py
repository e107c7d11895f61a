"""What CLI tests share: the explicit first step of a fresh desk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from desk_app.cli import main

PASSWORD = "rahasia-desk-1"

#: The ``run`` fixture (tests/cli/conftest.py): ``run("incidents", "list")`` gives the
#: exit code, stdout and stderr of one command.
Run = Callable[..., tuple[int, str, str]]


def setup_desk(data_dir: Path, monkeypatch: pytest.MonkeyPatch, password: str = PASSWORD) -> None:
    """``desk-app setup``: the first administrator's password, then ``$DESK_PASSWORD``
    for the commands that follow (the keyring is not consulted)."""
    monkeypatch.setenv("DESK_NO_KEYRING", "1")
    monkeypatch.setenv("DESK_NEW_PASSWORD", password)
    assert main(["setup", "--data-dir", str(data_dir)]) == 0
    monkeypatch.delenv("DESK_NEW_PASSWORD")
    monkeypatch.setenv("DESK_PASSWORD", password)

"""Which version is this, on which schema, with which data: --version, doctor, Tentang."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_app import __version__
from desk_app.context import AppContext
from desk_app.db import head_revision
from tests.cli.cli_helpers import setup_desk


def test_version_option_prints_the_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "desk_app", "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.strip() == f"desk-app {__version__}"


def test_doctor_prints_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk_app.cli import main

    setup_desk(tmp_path, monkeypatch)  # doctor signs in, as the window does
    capsys.readouterr()
    assert main(["doctor", "--data-dir", str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["version"], report["schema_version"]) == (__version__, head_revision())


def test_about_shows_version_schema_revision_and_data_directory(
    qtbot: QtBot, ctx: AppContext
) -> None:
    from desk_app.ui.bus import DataBus
    from desk_app.ui.main_window import MainWindow
    from desk_app.ui.settings import Settings
    from desk_app.ui.tasks import TaskRunner

    window = MainWindow(
        ctx, DataBus(), TaskRunner(synchronous=True), settings=Settings(ctx.paths.settings_file)
    )
    qtbot.addWidget(window)
    text = window.about_text()
    assert f"Desk Pilkada {__version__}" in text
    assert f"Revisi skema basis data: {head_revision()}" in text
    assert f"Direktori data: {ctx.paths.data_dir}" in text


def test_about_before_sign_in_shows_the_version_only(qtbot: QtBot, tmp_path: Path) -> None:
    from desk_app.ui.main_window import MainWindow
    from desk_app.ui.settings import Settings
    from desk_app.ui.tasks import TaskRunner

    window = MainWindow(
        None, tasks=TaskRunner(synchronous=True), settings=Settings(tmp_path / "s.ini")
    )
    qtbot.addWidget(window)
    text = window.about_text()
    assert __version__ in text and "Direktori data" not in text

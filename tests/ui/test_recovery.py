"""At start, a database that does not open gets an offer to restore a backup."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from desk_helpers import HeldTasks
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desk_app.config import AppPaths
from desk_app.context import AppContext, open_context
from desk_app.services import backup, incidents
from desk_app.services.actor import Actor
from desk_app.ui import recovery
from desk_app.ui.app import DeskStart
from desk_app.ui.recovery import RecoveryDialog
from desk_app.ui.settings import Settings
from desk_app.ui.tasks import TaskRunner

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"


def _incident(ctx: AppContext, actor: Actor, title: str) -> str:
    with ctx.db.write() as s:
        return incidents.create_incident(
            s,
            actor,
            incidents.IncidentInput(
                title=title, region_code="33.74", category="HOAKS", severity=2, source_type="MEDSOS"
            ),
        ).ref


def _refs(ctx: AppContext) -> set[str]:
    with ctx.db.read() as s:
        return {
            row.ref for row in incidents.list_incidents(s, incidents.IncidentFilter(), limit=50)
        }


@pytest.fixture
def broken(ctx: AppContext, admin: Actor) -> tuple[AppPaths, str, bytes]:
    """A daily backup with one incident, a second incident, then the file cut short."""
    kept = _incident(ctx, admin, "Ada di cadangan")
    backup.create_backup(ctx.paths.database, ctx.paths.backups_dir, kind="daily")
    _incident(ctx, admin, "Sesudah cadangan")
    ctx.db.dispose()
    data = ctx.paths.database.read_bytes()
    ctx.paths.database.write_bytes(data[: len(data) // 3])
    return ctx.paths, kept, ctx.paths.database.read_bytes()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    for kind in ("information", "critical"):
        monkeypatch.setattr(
            recovery.QMessageBox,
            kind,
            lambda _p, title, text, *a, _k=kind, **k: shown.append((_k, text)),
        )
    return shown


def _when_dialog_opens(step: Callable[[RecoveryDialog], None]) -> None:
    """Run ``step`` on the recovery dialog once its exec() is running."""

    def find() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RecoveryDialog):
            QTimer.singleShot(0, find)
            return
        try:
            step(dialog)
        finally:
            if dialog.isVisible() and not dialog.busy:
                dialog.reject()  # a failing step ends exec() instead of hanging

    QTimer.singleShot(0, find)


def _start(qtbot: QtBot, paths: AppPaths) -> DeskStart:
    """The window's start (``desk-app``), its database opened at once."""
    start = DeskStart(
        paths, settings=Settings(paths.settings_file), tasks=TaskRunner(synchronous=True)
    )
    qtbot.addWidget(start.window)
    start.start()
    return start


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_start_restores_the_latest_backup_of_a_broken_database(
    broken: tuple[AppPaths, str, bytes], messages: list[tuple[str, str]], qtbot: QtBot
) -> None:
    paths, kept, damaged = broken
    _when_dialog_opens(lambda d: d.latest_button.click() if d.latest_button.isEnabled() else None)
    start = _start(qtbot, paths)
    try:
        assert start.ctx is not None and _refs(start.ctx) == {kept}
        assert start.window.isVisible() and start.dialog is not None  # now: the sign-in
        assert start.exit_code == 0
    finally:
        start.close()
    aside = [b for b in backup.list_backups(paths.backups_dir) if b.kind == "broken"]
    assert len(aside) == 1 and aside[0].path.read_bytes() == damaged
    assert messages and messages[0][0] == "information" and aside[0].path.name in messages[0][1]


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_bad_chosen_file_is_refused_and_another_one_restores(
    broken: tuple[AppPaths, str, bytes], qtbot: QtBot, tmp_path: Path
) -> None:
    paths, kept, damaged = broken
    dialog = RecoveryDialog(paths, "database disk image is malformed", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.latest_button.isEnabled()
    assert "daily" in dialog.latest.text()
    bad = tmp_path / "bukan.sqlite3"
    bad.write_text("bukan basis data")
    dialog.restore_file(bad)
    assert dialog.message.text() == "Berkas ini bukan basis data Desk Pilkada."
    assert dialog.isVisible() and dialog.restore_result is None
    assert paths.database.read_bytes() == damaged
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "recovery_dialog.png"))
    good = backup.restore_candidates(paths.backups_dir)[0].path
    copy = tmp_path / "flashdisk.sqlite3"
    copy.write_bytes(good.read_bytes())
    dialog.restore_file(copy)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restore_result is not None and dialog.restore_result.broken
    reopened = open_context(paths.data_dir)
    try:
        assert _refs(reopened) == {kept}
    finally:
        reopened.close()


def test_without_backups_only_a_file_can_be_chosen(
    broken: tuple[AppPaths, str, bytes], qtbot: QtBot
) -> None:
    paths, _, _ = broken
    for b in backup.list_backups(paths.backups_dir):
        b.path.unlink()
    dialog = RecoveryDialog(paths, "x", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    assert not dialog.latest_button.isEnabled()
    assert dialog.file_button.isEnabled() and dialog.file_button.isDefault()
    assert "Belum ada cadangan" in dialog.latest.text()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_restore_in_progress_cannot_be_dismissed(
    broken: tuple[AppPaths, str, bytes], qtbot: QtBot
) -> None:
    paths, _, _ = broken

    tasks = HeldTasks()
    dialog = RecoveryDialog(paths, "x", tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.restore_latest()
    assert dialog.busy and dialog.progress.isVisible()
    assert not dialog.quit_button.isEnabled() and not dialog.file_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    tasks.finish()
    assert dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_quitting_leaves_the_broken_database_and_ends_the_start(
    broken: tuple[AppPaths, str, bytes], messages: list[tuple[str, str]], qtbot: QtBot
) -> None:
    paths, _, damaged = broken
    _when_dialog_opens(lambda d: d.quit_button.click())
    start = _start(qtbot, paths)
    assert start.exit_code == 1 and start.ctx is None and not start.window.isVisible()
    assert paths.database.read_bytes() == damaged
    assert [b.kind for b in backup.list_backups(paths.backups_dir)] == ["daily"]
    assert messages == []


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_newer_database_is_explained_not_restored(
    ctx: AppContext, messages: list[tuple[str, str]], qtbot: QtBot
) -> None:
    ctx.db.dispose()
    conn = sqlite3.connect(ctx.paths.database)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    start = _start(qtbot, ctx.paths)
    assert start.exit_code == 1 and not start.window.isVisible()
    assert messages and messages[0][0] == "critical"
    assert "versi Desk Pilkada yang lebih baru" in messages[0][1]


@pytest.mark.allow_log_warnings  # the broken database is logged as moved aside
def test_another_computers_backup_at_start_asks_before_it_restores(
    broken: tuple[AppPaths, str, bytes],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paths, _kept, damaged = broken
    other = open_context(tmp_path / "other", workstation_code="GB9")
    with other.db.write() as s:  # made on another computer
        s.connection().exec_driver_sql("UPDATE local_state SET machine = 'elsewhere'")
    theirs = backup.create_backup(
        other.paths.database, other.paths.backups_dir, kind="manual", dest=tmp_path / "gb9.sqlite3"
    ).path
    other.close()
    dialog = RecoveryDialog(paths, "x", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    asked: list[str] = []
    answers = [False, True]

    def answer(_parent: object, _title: str, text: str, *_a: object) -> object:
        asked.append(text)
        yes, no = recovery.QMessageBox.StandardButton.Yes, recovery.QMessageBox.StandardButton.No
        return yes if answers.pop(0) else no

    monkeypatch.setattr(recovery.QMessageBox, "question", answer)
    dialog.restore_file(theirs)
    assert "desk lain (GB9)" in asked[0] and "workstation baru" in asked[0]
    assert dialog.restore_result is None and paths.database.read_bytes() == damaged
    dialog.restore_file(theirs)
    assert dialog.restore_result is not None and dialog.restore_result.other_desk
    reopened = open_context(paths.data_dir)
    try:
        assert reopened.incarnation is not None
        assert reopened.workstation_code != "GB9"  # not the other desk's identity
    finally:
        reopened.close()

"""At start, a database that does not open gets an offer to restore a backup."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from desk_helpers import AnsweringDialogs, HeldTasks, ModalDriver
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desk_app.config import AppPaths
from desk_app.context import AppContext, open_context
from desk_app.services import backup, incidents
from desk_app.services.actor import Actor
from desk_app.sync import settings as hub_settings
from desk_app.ui.app import DeskStart
from desk_app.ui.dialogs import title_width
from desk_app.ui.i18n import install_language, translations_dir
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
def dialogs() -> AnsweringDialogs:
    """The start's dialog service: what it says is kept, what it asks is answered."""
    return AnsweringDialogs()


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


def _start(qtbot: QtBot, paths: AppPaths, dialogs: AnsweringDialogs) -> DeskStart:
    """The window's start (``desk-app``), its database opened at once."""
    start = DeskStart(
        paths,
        settings=Settings(paths.settings_file),
        tasks=TaskRunner(synchronous=True),
        dialogs=dialogs,
    )
    qtbot.addWidget(start.window)
    start.start()
    return start


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_start_restores_the_latest_backup_of_a_broken_database(
    broken: tuple[AppPaths, str, bytes], dialogs: AnsweringDialogs, qtbot: QtBot
) -> None:
    paths, kept, damaged = broken
    _when_dialog_opens(lambda d: d.latest_button.click() if d.latest_button.isEnabled() else None)
    start = _start(qtbot, paths, dialogs)
    try:
        assert start.ctx is not None and _refs(start.ctx) == {kept}
        assert start.window.isVisible() and start.dialog is not None  # now: the sign-in
        assert start.exit_code == 0
    finally:
        start.close()
    aside = [b for b in backup.list_backups(paths.backups_dir) if b.kind == "broken"]
    assert len(aside) == 1 and aside[0].path.read_bytes() == damaged
    assert [kind for kind, _title, _text in dialogs.shown] == ["inform"]
    assert aside[0].path.name in dialogs.shown[0][2]
    assert "hub" not in dialogs.shown[0][2]  # this desk has none


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_desk_with_a_hub_is_told_at_start_to_enroll_again(
    broken: tuple[AppPaths, str, bytes], dialogs: AnsweringDialogs, qtbot: QtBot
) -> None:
    paths, _kept, _damaged = broken
    hub_settings.save(paths.data_dir, "https://hub.setda.local:8765")
    _when_dialog_opens(lambda d: d.latest_button.click() if d.latest_button.isEnabled() else None)
    start = _start(qtbot, paths, dialogs)
    try:
        assert start.ctx is not None and start.ctx.incarnation is not None
    finally:
        start.close()
    [(kind, _title, text)] = dialogs.shown
    assert kind == "inform" and "workstation baru" in text
    assert "mendaftarkan desk ini lagi di hub" in text


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
    broken: tuple[AppPaths, str, bytes], dialogs: AnsweringDialogs, qtbot: QtBot
) -> None:
    paths, _, damaged = broken
    _when_dialog_opens(lambda d: d.quit_button.click())
    start = _start(qtbot, paths, dialogs)
    assert start.exit_code == 1 and start.ctx is None and not start.window.isVisible()
    assert paths.database.read_bytes() == damaged
    assert [b.kind for b in backup.list_backups(paths.backups_dir)] == ["daily"]
    assert dialogs.shown == []


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_newer_database_is_explained_not_restored(
    ctx: AppContext, dialogs: AnsweringDialogs, qtbot: QtBot
) -> None:
    ctx.db.dispose()
    conn = sqlite3.connect(ctx.paths.database)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    start = _start(qtbot, ctx.paths, dialogs)
    assert start.exit_code == 1 and not start.window.isVisible()
    assert [kind for kind, _title, _text in dialogs.shown] == ["warn"]
    assert "versi Desk Pilkada yang lebih baru" in dialogs.warnings[0]


def _other_computers_backup(tmp_path: Path, dest: Path) -> Path:
    """A backup of desk GB9, made on another computer, written to ``dest``."""
    other = open_context(tmp_path / "other", workstation_code="GB9")
    try:
        with other.db.write() as s:
            s.connection().exec_driver_sql("UPDATE local_state SET machine = 'elsewhere'")
        return backup.create_backup(
            other.paths.database, other.paths.backups_dir, kind="manual", dest=dest
        ).path
    finally:
        other.close()


@pytest.mark.allow_log_warnings  # the broken database is logged as moved aside
def test_another_computers_backup_at_start_asks_before_it_restores(
    broken: tuple[AppPaths, str, bytes], qtbot: QtBot, tmp_path: Path
) -> None:
    paths, _kept, damaged = broken
    theirs = _other_computers_backup(tmp_path, tmp_path / "gb9.sqlite3")
    dialogs = AnsweringDialogs(answers=[False, True], files=[theirs, theirs])
    dialog = RecoveryDialog(paths, "x", TaskRunner(synchronous=True), dialogs=dialogs)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
    assert dialogs.directories == [str(paths.backups_dir)]  # the picker starts there
    assert "desk lain (GB9)" in dialogs.asked[0] and "workstation baru" in dialogs.asked[0]
    assert dialog.restore_result is None and paths.database.read_bytes() == damaged
    qtbot.mouseClick(dialog.file_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.asked) == 2
    assert dialog.restore_result is not None and dialog.restore_result.other_desk
    reopened = open_context(paths.data_dir)
    try:
        assert reopened.incarnation is not None
        assert reopened.workstation_code != "GB9"  # not the other desk's identity
    finally:
        reopened.close()


@pytest.mark.allow_log_warnings  # the broken database is logged as moved aside
def test_restore_latest_asks_before_it_restores_another_desks_backup(
    broken: tuple[AppPaths, str, bytes], qtbot: QtBot, tmp_path: Path
) -> None:
    """The newest backup in this desk's own folder may be another desk's (a copy put
    there by hand): "restore the newest" asks the same question as a chosen file."""
    paths, kept, damaged = broken
    later = datetime.now(UTC) + timedelta(hours=1)
    theirs = _other_computers_backup(
        tmp_path, paths.backups_dir / backup.backup_name("manual", later)
    )
    dialogs = AnsweringDialogs(answers=[False, True])
    dialog = RecoveryDialog(paths, "x", TaskRunner(synchronous=True), dialogs=dialogs)
    qtbot.addWidget(dialog)
    dialog.show()
    assert theirs.name in dialog.latest.text()
    qtbot.mouseClick(dialog.latest_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.asked) == 1
    assert "desk lain (GB9)" in dialogs.asked[0] and "workstation baru" in dialogs.asked[0]
    # No: nothing restored, nothing moved, the dialog still offers both ways.
    assert dialog.isVisible() and dialog.restore_result is None
    assert paths.database.read_bytes() == damaged
    assert [b.kind for b in backup.list_backups(paths.backups_dir)] == ["manual", "daily"]
    assert dialog.message.text() == "" and dialog.latest_button.isEnabled()
    # Yes: that very backup, not this desk's older one.
    qtbot.mouseClick(dialog.latest_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.asked) == 2
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.restore_result is not None
    assert dialog.restore_result.source == theirs and dialog.restore_result.other_desk
    reopened = open_context(paths.data_dir)
    try:
        assert kept not in _refs(reopened)
        assert reopened.incarnation is not None and reopened.workstation_code != "GB9"
    finally:
        reopened.close()


@pytest.mark.allow_log_warnings  # the broken database is logged as moved aside
def test_the_other_desk_question_talks_of_the_hub_only_when_there_is_one(
    broken: tuple[AppPaths, str, bytes], qtbot: QtBot, tmp_path: Path
) -> None:
    paths, _kept, _damaged = broken
    theirs = _other_computers_backup(tmp_path, tmp_path / "gb9.sqlite3")
    dialogs = AnsweringDialogs(answers=[False, False])
    dialog = RecoveryDialog(paths, "x", TaskRunner(synchronous=True), dialogs=dialogs)
    qtbot.addWidget(dialog)
    dialog.restore_file(theirs)
    assert "workstation baru" in dialogs.asked[0]
    assert "hub" not in dialogs.asked[0] and "sinkron" not in dialogs.asked[0]
    hub_settings.save(paths.data_dir, "https://hub.setda.local:8765")
    dialog.restore_file(theirs)
    assert "mendaftarkan desk ini lagi di hub" in dialogs.asked[1]


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[None]:
    """Indonesian as a start installs it (Qt's own buttons from our qtbase_id.qm)."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for ts in sorted(translations_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    install_language(qapp, "id")
    yield
    install_language(qapp, "id")


@pytest.mark.allow_log_warnings  # the broken database is logged as moved aside
def test_the_recovery_question_is_asked_in_indonesian_with_no_by_default(
    broken: tuple[AppPaths, str, bytes], qtbot: QtBot, tmp_path: Path, indonesian: None
) -> None:
    """Without a service handed in, the dialog asks through the real one: a message box
    with the app's own buttons, its title not cut, and No (Enter) the default."""
    paths, _kept, damaged = broken
    theirs = _other_computers_backup(tmp_path, tmp_path / "gb9.sqlite3")
    dialog = RecoveryDialog(paths, "x", TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[tuple[set[str], str, int, int]] = []

    def look_then_enter(box: QMessageBox) -> None:
        assert isinstance(box, QMessageBox)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        seen.append((texts, box.windowTitle(), box.width(), title_width(box.windowTitle())))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    driver = ModalDriver(look_then_enter)
    dialog.restore_file(theirs)
    driver.check()
    texts, title, width, needed = seen[0]
    assert texts == {"Ya", "Tidak"} and title == "Cadangan desk lain" and width >= needed
    assert dialog.restore_result is None and paths.database.read_bytes() == damaged
    assert dialog.isVisible()

"""Sign-in, first start, idle lock, users dialog, audit viewer, backup/restore in the window."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from argon2 import PasswordHasher
from desk_helpers import AnsweringDialogs, HeldTasks, make_incident
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext, authenticate
from desk_app.formats import wib_today
from desk_app.models.enums import Role
from desk_app.services import auth, backup, incidents
from desk_app.services.actor import Actor
from desk_app.ui.admin_ui import AdminFeature
from desk_app.ui.audit_viewer import AuditViewer
from desk_app.ui.main_window import MainWindow
from desk_app.ui.settings import Settings
from desk_app.ui.signin_dialog import FirstRunDialog, IdleLock, SignInDialog
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.users_dialog import AddUserDialog, UsersDialog

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"


@pytest.fixture(autouse=True)
def cheap_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


def _shot(widget: object, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))  # type: ignore[attr-defined]


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    w = MainWindow(
        ctx,
        tasks=TaskRunner(synchronous=True),
        settings=Settings(ctx.paths.settings_file),
        dialogs=AnsweringDialogs(),
    )
    qtbot.addWidget(w)
    return w


def _feature(window: MainWindow) -> AdminFeature:
    return window.features.get(AdminFeature)


def test_first_run_sets_the_admin_password(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.actor = None
    dialog = FirstRunDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.passwords.first.setText("rahasia-admin")
    dialog.passwords.second.setText("rahasia-lain")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.text()
    _shot(dialog, "first_run_error")
    dialog.passwords.second.setText("rahasia-admin")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.actor is not None and ctx.actor.role is Role.ADMIN
    assert authenticate(ctx, "admin", "rahasia-admin").username == "admin"


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_sign_in_dialog(ctx: AppContext, admin: Actor, qtbot: QtBot) -> None:
    with ctx.db.write() as s:
        auth.add_user(s, admin, "budi", "operator", password="rahasia-budi")
    ctx.actor = None
    dialog = SignInDialog(ctx, username="budi")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.password.setText("salah-sekali")
    dialog.accept()
    assert ctx.actor is None and dialog.message.text()
    assert dialog.password.text() == ""
    _shot(dialog, "sign_in_wrong")
    qtbot.keyClicks(dialog.password, "rahasia-budi")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert ctx.actor is not None and ctx.actor.username == "budi"


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_idle_lock_covers_and_keeps_the_work(
    ctx: AppContext, admin: Actor, window: MainWindow, qtbot: QtBot
) -> None:
    with ctx.db.write() as s:
        auth.set_password(s, admin, "admin", "rahasia-admin")
    window.show()
    lock: IdleLock = _feature(window).idle_lock
    lock.set_minutes(5)
    assert lock.timer.isActive()
    # Any input restarts the countdown.
    lock.timer.start(10)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPoint(5, 5),
        QPoint(5, 5),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    assert lock.timer.remainingTime() > 60_000
    window.tabs.setCurrentIndex(2)
    lock.timer.timeout.emit()
    assert lock.locked and lock.dialog is not None
    assert window.findChild(object, "lockCover") is not None
    _shot(window, "locked_window")
    _shot(lock.dialog, "locked_dialog")
    # Escape does not get past the lock; a wrong password does not either.
    qtbot.keyClick(lock.dialog, Qt.Key.Key_Escape)
    assert lock.locked
    lock.dialog.password.setText("salah-sekali")
    lock.dialog.accept()
    assert lock.locked
    lock.dialog.password.setText("rahasia-admin")
    lock.dialog.accept()
    assert not lock.locked
    assert window.isVisible() and window.tabs.currentIndex() == 2
    assert lock.timer.isActive()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_users_dialog_adds_changes_and_disables(
    ctx: AppContext, admin: Actor, window: MainWindow, qtbot: QtBot
) -> None:
    dialog = UsersDialog(ctx, window.bus)
    qtbot.addWidget(dialog)
    add = AddUserDialog(dialog)
    add.username.setText("Siti")
    add.full_name.setText("Siti Rahayu")
    add.role.setCurrentIndex(add.role.findData("coordinator"))
    add.passwords.first.setText("rahasia-siti")
    add.passwords.second.setText("rahasia-siti")
    with qtbot.waitSignal(window.bus.data_changed):
        assert dialog.submit_new_user(add)
    assert [a.username for a in dialog.accounts] == ["admin", "siti"]
    assert dialog.set_role("siti", Role.OPERATOR)
    assert dialog.set_active("siti", False)
    assert not dialog.set_active("admin", False)  # the last administrator
    assert dialog.message.text()
    dialog.pd_checks[Role.OPERATOR].setChecked(False)
    assert dialog.save_personal_data_roles()
    dialog.select("siti")
    _shot(dialog, "users_dialog")
    with ctx.db.read() as s:
        assert Role.OPERATOR not in auth.personal_data_roles(s)
    with pytest.raises(auth.UserDisabledError):
        authenticate(ctx, "siti", "rahasia-siti")


def test_admin_menu_hidden_from_operators(ctx: AppContext, operator: Actor, qtbot: QtBot) -> None:
    ctx.actor = operator
    w = MainWindow(ctx, tasks=TaskRunner(synchronous=True))
    qtbot.addWidget(w)
    feature = _feature(w)
    assert not feature.users_action.isVisible()
    assert not feature.restore_action.isVisible()
    assert feature.lock_action.isEnabled()


def test_audit_viewer_filters_and_exports(
    ctx: AppContext, admin: Actor, operator: Actor, qtbot: QtBot, tmp_path: Path
) -> None:
    with ctx.db.write() as s:
        detail = incidents.create_incident(
            s,
            operator,
            incidents.IncidentInput(
                title='=HYPERLINK("http://x")',
                region_code="33.74",
                category="HOAKS",
                severity=2,
                source_type="MEDSOS",
            ),
        )
        incidents.edit_fields(s, admin, detail.id, severity=4)
    viewer = AuditViewer(ctx)
    qtbot.addWidget(viewer)
    viewer.resize(1100, 500)
    total = viewer.total
    assert viewer.table.rowCount() == min(total, 200) and total >= 2
    viewer.user.setCurrentIndex(viewer.user.findData(operator.user_id))
    viewer.reload()
    assert viewer.total == 1 and viewer.table.item(0, 1).text() == "operator"
    # Days typed key by key; one that cannot be read filters nothing until corrected.
    viewer.use_dates.setChecked(True)
    today = wib_today()
    viewer.since.edit.selectAll()
    qtbot.keyClicks(viewer.since.edit, today.strftime("%d/%m/%Y"))
    viewer.reload()
    assert viewer.total == 1
    viewer.since.edit.selectAll()
    qtbot.keyClicks(viewer.since.edit, "32/12/2026")
    viewer.user.setCurrentIndex(0)
    viewer.reload()
    assert viewer.total == 1  # not reloaded with the day read before
    qtbot.keyClick(viewer.since.edit, Qt.Key.Key_Return)
    assert "#b00020" in viewer.since.edit.styleSheet()  # marked, left as typed
    assert viewer.since.text() == "32/12/2026"
    viewer.use_dates.setChecked(False)
    _shot(viewer, "audit_viewer")
    count = viewer.export_to(tmp_path / "audit.xlsx")
    assert count > 0
    cells = [
        c for row in openpyxl.load_workbook(tmp_path / "audit.xlsx").active.iter_rows() for c in row
    ]
    assert all(c.data_type != "f" for c in cells)
    # For one record, from its detail view.
    one = AuditViewer(ctx, table_name="incident", record_id=detail.id)
    qtbot.addWidget(one)
    assert one.total == 2
    # Names, never codes or ids: the table, the field, the values.
    texts = [[one.table.item(r, c).text() for c in range(6)] for r in range(2)]
    assert {t[3] for t in texts} == {"Insiden"}
    assert any(t[5] == "Keparahan: Sedang → Kritis" for t in texts), texts
    created = next(t[5] for t in texts if t[5].startswith(("Judul", "Wilayah")) or "=" in t[5])
    assert "Kota Semarang" in created and "region_id" not in created
    assert one.table_filter.currentText() == "Insiden"
    # Read-only.
    assert one.table.editTriggers() == one.table.EditTrigger.NoEditTriggers


def test_backup_and_restore_from_the_window(
    ctx: AppContext,
    admin: Actor,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feature = _feature(window)
    feature.daily_backup()
    assert [b.kind for b in backup.list_backups(ctx.paths.backups_dir)] == ["daily"]
    feature.daily_backup()  # not due again today
    assert len(backup.list_backups(ctx.paths.backups_dir)) == 1
    assert feature.backup_to(tmp_path / "copy.sqlite3")
    with ctx.db.write() as s:
        incidents.create_incident(
            s,
            admin,
            incidents.IncidentInput(
                title="Sesudah",
                region_code="33.74",
                category="HOAKS",
                severity=1,
                source_type="MEDSOS",
            ),
        )
    assert feature.restore_from(tmp_path / "copy.sqlite3")
    with ctx.db.read() as s:
        assert incidents.count_incidents(s, incidents.IncidentFilter()) == 0
    assert ctx.actor is not None and ctx.actor.username == "admin"
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("bukan basis data")
    dialogs = feature.dialogs
    assert isinstance(dialogs, AnsweringDialogs)
    assert not feature.restore_from(bad)
    warned = dialogs.warnings
    assert warned and "Desk Pilkada" in warned[0]


def test_restoring_another_desks_backup_in_the_window_asks_first(
    ctx: AppContext, window: MainWindow, tmp_path: Path
) -> None:
    from desk_app.context import open_context

    other = open_context(tmp_path / "other", workstation_code="GB9")
    theirs = backup.create_backup(
        other.paths.database, other.paths.backups_dir, kind="manual", dest=tmp_path / "gb9.sqlite3"
    ).path
    other_site = other.site_id
    other.close()
    feature = _feature(window)
    dialogs = feature.dialogs
    assert isinstance(dialogs, AnsweringDialogs)
    site = ctx.site_id

    # Menu "Administrasi → Pulihkan": the file, then a question that says what happens; No.
    dialogs.files, dialogs.answers = [theirs], [False]
    feature.restore_action.trigger()
    question = dialogs.asked[-1]
    assert "desk lain (GB9)" in question and "workstation baru" in question
    assert "GB1" in question and "sebelumnya" in question
    assert ctx.site_id == site
    with ctx.db.read() as s:
        assert s.connection().exec_driver_sql("SELECT site_id FROM local_state").scalar() == site

    # Yes: this desk takes GB9's data as a new workstation, still GB1, the old id formerly.
    dialogs.files, dialogs.answers = [theirs], [True]
    feature.restore_action.trigger()
    assert ctx.site_id not in (site, other_site)
    assert ctx.workstation_code == "GB1"
    with ctx.db.read() as s:
        formerly = s.connection().exec_driver_sql("SELECT formerly FROM local_state").scalar()
    assert formerly == site
    told = [text for kind, _t, text in dialogs.shown if kind == "inform"]
    assert any("workstation baru GB1" in text for text in told)


def test_restoring_its_own_backup_in_the_window_makes_a_new_incarnation(
    ctx: AppContext, window: MainWindow, tmp_path: Path
) -> None:
    feature = _feature(window)
    dialogs = feature.dialogs
    assert isinstance(dialogs, AnsweringDialogs)
    assert feature.backup_to(tmp_path / "mine.sqlite3")
    site = ctx.site_id
    dialogs.files, dialogs.answers = [tmp_path / "mine.sqlite3"], [True]
    feature.restore_action.trigger()
    assert len(dialogs.asked) == 1 and "desk lain" not in dialogs.asked[0]  # the usual question
    assert ctx.site_id != site and ctx.workstation_code == "GB1"
    with ctx.db.read() as s:
        row = (
            s.connection()
            .exec_driver_sql(
                "SELECT formerly, enroll_formerly, (SELECT cursor FROM sync_state) FROM local_state"
            )
            .one()
        )
    assert tuple(row) == (site, site, 0)


def test_after_a_restore_the_hub_is_mentioned_only_when_this_desk_has_one(
    ctx: AppContext, window: MainWindow, tmp_path: Path
) -> None:
    from desk_app.sync import settings as hub_settings

    feature = _feature(window)
    dialogs = feature.dialogs
    assert isinstance(dialogs, AnsweringDialogs)
    assert feature.backup_to(tmp_path / "mine.sqlite3")

    def told_after_restore() -> str:
        dialogs.shown.clear()
        dialogs.files, dialogs.answers = [tmp_path / "mine.sqlite3"], [True]
        feature.restore_action.trigger()
        told = [text for kind, title, text in dialogs.shown if title == "Workstation baru"]
        assert len(told) == 1
        return told[0]

    # No hub: what happened, without a step that cannot be taken.
    alone = told_after_restore()
    assert "workstation baru GB1" in alone
    assert "hub" not in alone and "mendaftarkan" not in alone and "sinkron" not in alone.lower()
    # Connected to a hub: the administrator enrolls this desk again.
    hub_settings.save(ctx.paths.data_dir, "https://hub.setda.local:8765")
    connected = told_after_restore()
    assert "workstation baru GB1" in connected
    assert "mendaftarkan desk ini lagi di hub" in connected


def _async_window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    w = MainWindow(
        ctx,
        tasks=TaskRunner(),
        settings=Settings(ctx.paths.settings_file),
        dialogs=AnsweringDialogs(),
    )
    qtbot.addWidget(w)
    return w


def test_a_restore_waits_for_work_running_on_the_database(
    ctx: AppContext, admin: Actor, qtbot: QtBot, tmp_path: Path
) -> None:
    """A sync or a save on a worker must not have the database replaced under it: the
    restore waits (the window stays responsive) until the workers are done."""
    import threading

    from PySide6.QtCore import QTimer

    window = _async_window(ctx, qtbot)
    feature = _feature(window)
    assert feature.backup_to(tmp_path / "copy.sqlite3")
    window.tasks.wait()
    original = ctx.db
    release = threading.Event()
    seen: list[bool] = []

    def work() -> int:
        assert release.wait(10)
        with original.read() as s:
            return incidents.count_incidents(s, incidents.IncidentFilter())

    window.tasks.run(work, lambda _n: seen.append(ctx.db is original))
    waited: list[bool] = []

    def while_waiting() -> None:
        waited.append(ctx.db is original)  # not replaced yet
        release.set()

    QTimer.singleShot(200, while_waiting)
    assert feature.restore_from(tmp_path / "copy.sqlite3")
    assert waited == [True]
    assert seen == [True], "the work ended before the database was replaced"
    assert ctx.db is not original
    window.tasks.wait()


def test_a_restore_that_waits_can_be_cancelled(
    ctx: AppContext, admin: Actor, qtbot: QtBot, tmp_path: Path
) -> None:
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    window = _async_window(ctx, qtbot)
    feature = _feature(window)
    assert feature.backup_to(tmp_path / "copy.sqlite3")
    window.tasks.wait()
    original = ctx.db
    release = threading.Event()
    window.tasks.run(lambda: release.wait(10))
    texts: list[str] = []

    def cancel() -> None:
        [dialog] = [w for w in window.findChildren(QProgressDialog) if w.isVisible()]
        texts.append(dialog.labelText())
        [button] = dialog.findChildren(QPushButton)
        assert button.text() == "Batal"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(200, cancel)
    assert not feature.restore_from(tmp_path / "copy.sqlite3")
    assert texts and "Menunggu sinkronisasi" in texts[0]
    assert ctx.db is original
    release.set()
    window.tasks.wait()


def test_the_audit_log_is_counted_and_read_on_the_worker(
    ctx: AppContext, admin: Actor, qtbot: QtBot
) -> None:
    make_incident(ctx, admin, title="Baliho dirusak")
    runner = HeldTasks()
    window = MainWindow(
        ctx, tasks=runner, settings=Settings(ctx.paths.settings_file), dialogs=AnsweringDialogs()
    )
    qtbot.addWidget(window)
    runner.finish()
    viewer = AuditViewer(ctx, window)
    qtbot.addWidget(viewer)
    assert viewer.table.rowCount() == 0 and runner.held  # nothing read on the GUI thread
    stale = runner.held.pop()
    viewer.search.setText("Baliho")
    viewer.reload()  # a newer read is asked before the older one answers
    runner.finish()
    assert viewer.total == 1 and viewer.table.rowCount() == 1
    work, done, _failed = stale
    done(work())  # type: ignore[operator]  # the older answer (every entry): dropped
    assert viewer.total == 1 and viewer.table.rowCount() == 1

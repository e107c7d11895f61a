"""The idle lock hides every window of the application and keeps all open work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.services import auth
from desk_app.services.actor import Actor
from desk_app.ui.admin_ui import AdminFeature
from desk_app.ui.audit_viewer import AuditViewer
from desk_app.ui.incident_form import IncidentForm, pending_drafts
from desk_app.ui.main_window import MainWindow
from desk_app.ui.settings import Settings
from desk_app.ui.signin_dialog import IdleLock, LockCover
from desk_app.ui.tasks import TaskRunner
from desk_app.ui.users_dialog import AddUserDialog

PASSWORD = "rahasia-admin"
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screens"
COVER_COLOUR = QColor("#1f2a36")


@pytest.fixture(autouse=True)
def cheap_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def window(ctx: AppContext, admin: Actor, qtbot: QtBot) -> MainWindow:
    with ctx.db.write() as s:
        auth.set_password(s, admin, "admin", PASSWORD)
    w = MainWindow(
        ctx, tasks=TaskRunner(synchronous=True), settings=Settings(ctx.paths.settings_file)
    )
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _lock(window: MainWindow) -> IdleLock:
    lock: IdleLock = window.features.get(AdminFeature).idle_lock
    lock.set_minutes(5)
    return lock


def _new_form(window: MainWindow, qtbot: QtBot) -> IncidentForm:
    form: IncidentForm = window.incidents_tab.new_incident()  # type: ignore[attr-defined]
    qtbot.waitExposed(form)
    qtbot.keyClicks(form.title, "Hoaks kotak suara")
    qtbot.keyClicks(form.description, "Beredar di grup WhatsApp")
    return form


def _assert_covered(lock: IdleLock, window: QWidget) -> None:
    """The window's whole area shows the cover and nothing of the window's content."""
    cover = lock.cover_of(window)
    assert cover is not None, window.objectName()
    assert cover.isVisible()
    assert cover.geometry() == window.rect()
    r = window.rect()
    for point in (
        QPoint(2, 2),
        QPoint(r.width() - 3, 2),
        QPoint(2, r.height() - 3),
        QPoint(r.width() - 3, r.height() - 3),
        r.center(),
    ):
        hit = window.childAt(point)
        assert hit is cover or cover.isAncestorOf(hit), (window.objectName(), point, hit)
    image = window.grab().toImage()
    for x, y in ((3, 3), (r.width() - 4, r.height() - 4), (r.width() // 2, 4)):
        assert image.pixelColor(x, y) == COVER_COLOUR, (window.objectName(), x, y)


def _unlock(lock: IdleLock, password: str = PASSWORD) -> None:
    assert lock.dialog is not None
    lock.dialog.password.setText(password)
    lock.dialog.accept()


def _flush_deletes() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_lock_covers_every_window_and_keeps_what_was_typed(
    window: MainWindow, qtbot: QtBot
) -> None:
    lock = _lock(window)
    form = _new_form(window, qtbot)
    viewer = AuditViewer(window.ctx, window)  # a second non-modal window
    viewer.setObjectName("auditViewer")
    viewer.show()
    qtbot.waitExposed(viewer)
    with qtbot.waitSignal(lock.lock_changed) as blocker:
        lock.timer.timeout.emit()
    assert blocker.args == [True]
    assert lock.locked and lock.dialog is not None and lock.dialog.isVisible()
    for w in (window, form, viewer):
        _assert_covered(lock, w)
    assert lock.cover_of(lock.dialog) is None  # the password dialog itself stays readable

    # The fields underneath take no key, click or shortcut while locked.
    qtbot.keyClicks(form.title, "XYZ")
    qtbot.keyClicks(form.description, "abc")
    qtbot.keyClick(form.description, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(form.description, Qt.Key.Key_Delete)
    qtbot.mouseClick(viewer.user, Qt.MouseButton.LeftButton)
    assert QApplication.activePopupWidget() is None  # the user list did not open
    assert form.title.text() == "Hoaks kotak suara"
    assert form.description.toPlainText() == "Beredar di grup WhatsApp"
    focused = form.focusWidget()
    qtbot.mouseClick(form.title, Qt.MouseButton.LeftButton)
    qtbot.keyClick(form, Qt.Key.Key_Tab)
    assert form.focusWidget() is focused
    # The password dialog still takes input.
    qtbot.keyClicks(lock.dialog.password, "ab")
    assert lock.dialog.password.text() == "ab"

    # The cover follows the window's size.
    form.resize(form.width() + 120, form.height() + 60)
    _assert_covered(lock, form)

    # A wrong password keeps everything covered.
    _unlock(lock, "salah-sekali")
    assert lock.locked and lock.dialog.message.text()
    for w in (window, form, viewer):
        _assert_covered(lock, w)

    with qtbot.waitSignal(lock.lock_changed) as blocker:
        _unlock(lock)
    assert blocker.args == [False]
    _flush_deletes()
    assert not lock.locked and lock.covers == []
    for w in (window, form, viewer):
        assert w.findChildren(LockCover) == []
        assert w.isVisible()
    assert form.title.text() == "Hoaks kotak suara"
    assert form.description.toPlainText() == "Beredar di grup WhatsApp"
    qtbot.keyClicks(form.title, "!")  # input reaches the form again
    assert form.title.text() == "Hoaks kotak suara!"
    assert lock.timer.isActive()


def test_a_window_opened_while_locked_is_covered(window: MainWindow, qtbot: QtBot) -> None:
    lock = _lock(window)
    form = _new_form(window, qtbot)
    lock.lock()
    # A window a timer or a background task opens meanwhile is covered before it paints.
    viewer = AuditViewer(window.ctx, window)
    viewer.show()
    _assert_covered(lock, viewer)
    late = window.incidents_tab.new_incident()  # type: ignore[attr-defined]
    _assert_covered(lock, late)
    qtbot.keyClicks(late.title, "tidak boleh")
    assert late.title.text() == ""
    # A child a window adds or raises later stays under the cover.
    notice = QLabel("rahasia", form)
    notice.setGeometry(form.rect())
    notice.show()
    _assert_covered(lock, form)
    notice.raise_()
    _assert_covered(lock, form)
    _unlock(lock)
    _flush_deletes()
    assert all(not w.findChildren(LockCover) for w in (window, form, viewer, late))
    assert form.title.text() == "Hoaks kotak suara"


def _exec_with_guard(dialog: QDialog) -> int:
    """``dialog.exec()``, ended by a guard if the test's own steps never end it (a failing
    step then fails the test instead of hanging it); the asserts decide, not the guard."""
    guard = QTimer(dialog)
    guard.setSingleShot(True)
    guard.timeout.connect(dialog.reject)
    guard.start(60_000)
    try:
        return dialog.exec()
    finally:
        guard.stop()


def _run_in_exec(
    dialog: QDialog, lock: IdleLock, on_locked: Callable[[], None], on_unlocked: Callable[[], None]
) -> int:
    """``dialog.exec()`` while the idle timer itself fires inside the dialog's loop."""
    failures: list[BaseException] = []

    def changed(locked: bool) -> None:
        try:
            (on_locked if locked else on_unlocked)()
        except Exception as exc:  # end exec() at once; reported below
            failures.append(exc)
            QTimer.singleShot(0, dialog.reject)
            return
        if not locked:
            QTimer.singleShot(0, lambda: dialog.done(QDialog.DialogCode.Accepted))

    lock.lock_changed.connect(changed)
    QTimer.singleShot(0, lambda: lock.timer.start(0))
    try:
        result = _exec_with_guard(dialog)
    finally:
        lock.lock_changed.disconnect(changed)
    if failures:
        raise failures[0]
    return result


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_lock_while_a_modal_dialog_is_in_exec(window: MainWindow, qtbot: QtBot) -> None:
    lock = _lock(window)
    form = _new_form(window, qtbot)
    add = AddUserDialog(window)
    qtbot.addWidget(add)
    add.username.setText("siti")
    seen: dict[str, object] = {}

    def on_locked() -> None:
        seen["exec running"] = QApplication.activeModalWidget() is lock.dialog
        for w in (window, form, add):
            _assert_covered(lock, w)
        qtbot.keyClicks(add.username, "zz")
        seen["typed while locked"] = add.username.text()
        _unlock(lock, "salah-sekali")
        seen["still locked"] = lock.locked
        _unlock(lock)

    def on_unlocked() -> None:
        seen["covers"] = len(lock.covers)
        seen["dialog visible"] = add.isVisible()

    result = _run_in_exec(add, lock, on_locked, on_unlocked)
    assert seen == {
        "exec running": True,
        "typed while locked": "siti",
        "still locked": True,
        "covers": 0,
        "dialog visible": True,
    }
    # exec() ran on to its own end, with its result and fields intact.
    assert result == QDialog.DialogCode.Accepted
    assert add.username.text() == "siti"
    assert form.title.text() == "Hoaks kotak suara"


def test_quitting_from_the_lock_closes_the_app_and_keeps_drafts(
    window: MainWindow, qtbot: QtBot
) -> None:
    lock = _lock(window)
    form = _new_form(window, qtbot)
    add = AddUserDialog(window)
    qtbot.addWidget(add)

    def on_locked() -> None:
        assert lock.dialog is not None
        qtbot.mouseClick(lock.dialog.quit_button, Qt.MouseButton.LeftButton)

    lock.lock_changed.connect(lambda locked: on_locked() if locked else None)
    QTimer.singleShot(0, lambda: lock.timer.start(0))
    # The dialog in exec() is ended (rejected) by the quit, not left blocking the exit.
    assert _exec_with_guard(add) == QDialog.DialogCode.Rejected
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not form.isVisible() and not lock.locked
    drafts = pending_drafts(window.ctx.paths.drafts_dir)
    assert [d.title for d in drafts] == ["Hoaks kotak suara"]
    assert drafts[0].fields["description"] == "Beredar di grup WhatsApp"


def test_screenshot_of_the_locked_desk(window: MainWindow, qtbot: QtBot) -> None:
    lock = _lock(window)
    form = _new_form(window, qtbot)
    lock.lock()
    assert lock.dialog is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "locked_main_window.png"))
    form.grab().save(str(SHOTS / "locked_incident_form.png"))
    lock.dialog.grab().save(str(SHOTS / "locked_password_dialog.png"))
    _unlock(lock)
    assert not lock.locked

"""Starting the desk: the window and the sign-in first, the database opening behind them."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from desk_helpers import HeldTasks
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk_app.config import AppPaths
from desk_app.context import open_context
from desk_app.log import shutdown_logging
from desk_app.services import auth
from desk_app.ui import app as app_module
from desk_app.ui.app import DeskStart
from desk_app.ui.main_window import MainWindow
from desk_app.ui.settings import Settings
from desk_app.ui.signin_dialog import FirstRunDialog, SignInDialog

PASSWORD = "rahasia-desk-1"


def _with_password(data_dir: Path) -> None:
    ctx = open_context(data_dir)
    with ctx.db.write() as session:
        auth.set_first_password(session, PASSWORD)
    ctx.close()


@pytest.fixture
def starts(qtbot: QtBot, data_dir: Path) -> Iterator[Callable[[], tuple[DeskStart, HeldTasks]]]:
    made: list[DeskStart] = []

    def make() -> tuple[DeskStart, HeldTasks]:
        paths = AppPaths(data_dir)
        tasks = HeldTasks()
        start = DeskStart(paths, settings=Settings(paths.settings_file), tasks=tasks)
        qtbot.addWidget(start.window)
        made.append(start)
        start.start()
        return start, tasks

    yield make
    for start in made:
        start.close()


def _sign_in(qtbot: QtBot, dialog: SignInDialog, password: str) -> None:
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def test_the_window_and_sign_in_show_while_the_database_opens(
    qtbot: QtBot, data_dir: Path, starts: Callable[[], tuple[DeskStart, HeldTasks]]
) -> None:
    _with_password(data_dir)
    start, tasks = starts()
    window, dialog = start.window, start.dialog
    assert window.isVisible() and isinstance(dialog, SignInDialog) and dialog.isVisible()
    assert not window.is_attached() and not window.tabs.isEnabled()
    assert window.statusBar().currentMessage() == "Membuka basis data…"
    assert not window.commands["new_incident"].isEnabled()
    assert window.commands["quit"].isEnabled()

    # "Masuk" before the database is open: the press waits and says why.
    _sign_in(qtbot, dialog, PASSWORD)
    assert dialog.waiting and not dialog.ok_button.isEnabled()  # type: ignore[union-attr]
    assert dialog.message.text() == "Membuka basis data…"
    assert not window.is_attached()

    tasks.finish()  # the database is open: the kept press is answered (on the worker)
    assert window.is_attached() and start.dialog is None
    assert window.statusBar().currentMessage() == ""
    assert window.ctx.actor is not None and window.ctx.actor.username == "admin"
    assert window.tabs.isEnabled() and window.commands["new_incident"].isEnabled()
    assert window.user_label.text().startswith("admin")
    assert window.workstation_label.text().startswith("Workstation ")
    assert window.is_tab_built(window.tab_key())


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_wrong_password_is_refused_and_the_window_stays_empty(
    qtbot: QtBot, data_dir: Path, starts: Callable[[], tuple[DeskStart, HeldTasks]]
) -> None:
    _with_password(data_dir)
    start, tasks = starts()
    tasks.finish()
    dialog = start.dialog
    assert isinstance(dialog, SignInDialog) and not dialog.waiting
    _sign_in(qtbot, dialog, "salah-sekali")
    # The check runs on the worker: the window stays responsive, the button waits.
    assert dialog.checking and not dialog.ok_button.isEnabled()  # type: ignore[union-attr]
    assert dialog.message.text() == "Memeriksa kata sandi…"
    _sign_in(qtbot, dialog, "dua-kali-tekan")  # a second press meanwhile is ignored
    assert len(tasks.held) == 1
    tasks.finish()
    assert dialog.message.text() == "Nama pengguna atau kata sandi salah."
    assert dialog.password.text() == "" and not start.window.is_attached()
    assert dialog.ok_button.isEnabled() and not dialog.checking  # type: ignore[union-attr]
    _sign_in(qtbot, dialog, PASSWORD)
    tasks.finish()
    assert start.window.is_attached()


def test_cancelling_the_sign_in_closes_the_window(
    qtbot: QtBot, data_dir: Path, starts: Callable[[], tuple[DeskStart, HeldTasks]]
) -> None:
    _with_password(data_dir)
    start, tasks = starts()
    assert isinstance(start.dialog, SignInDialog)
    qtbot.mouseClick(start.dialog.quit_button, Qt.MouseButton.LeftButton)
    assert not start.window.isVisible() and not start.window.is_attached()
    start.close()  # waits for the opening still under way, then closes what it opened
    assert not tasks.held and start.exit_code == 0
    assert start.dialog is None  # the late opening asks nobody to sign in


def test_cancelling_while_the_password_is_checked_signs_nobody_in(
    qtbot: QtBot, data_dir: Path, starts: Callable[[], tuple[DeskStart, HeldTasks]]
) -> None:
    _with_password(data_dir)
    start, tasks = starts()
    tasks.finish()
    dialog = start.dialog
    assert isinstance(dialog, SignInDialog)
    _sign_in(qtbot, dialog, PASSWORD)
    assert dialog.checking
    qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
    tasks.finish()  # the check comes back after the cancel
    assert start.ctx is not None and start.ctx.actor is None
    assert not start.window.is_attached() and not start.window.isVisible()


def test_a_new_desk_asks_for_the_administrator_password(
    qtbot: QtBot, data_dir: Path, starts: Callable[[], tuple[DeskStart, HeldTasks]]
) -> None:
    start, tasks = starts()  # no database file yet
    dialog = start.dialog
    assert isinstance(dialog, FirstRunDialog)
    qtbot.keyClicks(dialog.passwords.first, PASSWORD)
    qtbot.keyClicks(dialog.passwords.second, PASSWORD)
    qtbot.keyClick(dialog.passwords.second, Qt.Key.Key_Return)
    assert dialog.waiting  # the database is being created
    tasks.finish()
    # A new workstation: its code and demo data are offered first (skipped here).
    assert start.first_start is not None and start.first_start.isVisible()
    assert not start.window.is_attached()
    qtbot.mouseClick(start.first_start.skip_button, Qt.MouseButton.LeftButton)
    assert start.window.is_attached() and start.window.ctx.actor is not None
    with start.window.ctx.db.read() as session:
        assert not auth.needs_first_password(session)
        assert auth.verify_password(session, "admin", PASSWORD).username == "admin"


def test_a_database_whose_administrator_has_no_password_gets_the_first_run_question(
    data_dir: Path, starts: Callable[[], tuple[DeskStart, HeldTasks]]
) -> None:
    open_context(data_dir).close()  # the file exists, the administrator has no password
    start, tasks = starts()
    assert isinstance(start.dialog, SignInDialog)
    tasks.finish()
    assert isinstance(start.dialog, FirstRunDialog) and start.dialog.isVisible()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_database_that_does_not_open_gets_the_recovery_and_is_opened_again(
    qtbot: QtBot,
    data_dir: Path,
    starts: Callable[[], tuple[DeskStart, HeldTasks]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_password(data_dir)
    database = AppPaths(data_dir).database
    good = database.read_bytes()
    database.write_bytes(good[: len(good) // 3])
    offered: list[BaseException] = []

    def recover(paths: AppPaths, exc: BaseException, **_: object) -> bool:
        offered.append(exc)
        paths.database.write_bytes(good)  # as a restore of a backup would
        return True

    monkeypatch.setattr("desk_app.ui.recovery.recover_at_start", recover)
    start, tasks = starts()
    tasks.finish()
    assert len(offered) == 1
    assert isinstance(start.dialog, SignInDialog) and start.window.isVisible()
    _sign_in(qtbot, start.dialog, PASSWORD)
    tasks.finish()
    assert start.window.is_attached()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_database_not_restored_ends_the_start(
    data_dir: Path,
    starts: Callable[[], tuple[DeskStart, HeldTasks]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    AppPaths(data_dir).database.write_bytes(b"not a database at all" * 100)
    monkeypatch.setattr("desk_app.ui.recovery.recover_at_start", lambda *a, **k: False)
    start, tasks = starts()
    tasks.finish()
    assert start.exit_code == 1 and not start.window.isVisible() and start.dialog is None


def test_the_window_appears_before_the_database_layer_is_loaded(tmp_path: Path) -> None:
    """What the start shows first (window shell, sign-in) imports neither SQLAlchemy nor
    the models: that is what lets it appear in a fraction of the database's opening."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import desk_app.cli\n"
        "from desk_app.ui.app import DeskStart\n"
        "from desk_app.ui.main_window import MainWindow\n"
        "from desk_app.ui.settings import Settings\n"
        "from desk_app.ui.signin_dialog import SignInDialog\n"
        "app = QApplication([])\n"
        f"window = MainWindow(None, settings=Settings({str(tmp_path / 's.ini')!r}))\n"
        "window.show(); SignInDialog(None, window).open(); app.processEvents()\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}),"
        " [m for m in sys.modules if m.startswith('desk_app.models.') and m != "
        "'desk_app.models.enums'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[] []"


def test_a_shell_window_needs_its_settings() -> None:
    with pytest.raises(ValueError):
        MainWindow(None)


def test_launch_puts_the_window_on_screen_and_start_desk_returns_its_exit_code(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_password(data_dir)
    seen: list[DeskStart] = []

    def exec_() -> int:
        start = seen[0]
        qtbot.waitUntil(lambda: start.ctx is not None, timeout=20_000)
        assert isinstance(start.dialog, SignInDialog)
        ready: list[bool] = []
        start.ready.connect(lambda: ready.append(True))
        _sign_in(qtbot, start.dialog, PASSWORD)
        qtbot.waitUntil(lambda: bool(ready), timeout=20_000)
        assert start.window.is_attached()
        start.window.close()
        return 0

    real_start = DeskStart.start

    def recording_start(self: DeskStart) -> None:
        seen.append(self)
        real_start(self)

    monkeypatch.setattr(DeskStart, "start", recording_start)
    monkeypatch.setattr(app_module.QApplication, "exec", staticmethod(exec_))
    try:
        assert app_module.start_desk(data_dir, lang="id") == 0
    finally:
        shutdown_logging()  # the start logs to its data directory; later tests do not
    assert seen[0].window.settings.get(Settings.LAST_TAB) == seen[0].window.tab_key()


def test_a_long_migration_shows_its_progress_while_the_database_opens(
    qtbot: QtBot, data_dir: Path, starts: Callable[[], tuple[DeskStart, HeldTasks]]
) -> None:
    import logging

    from desk_app.db import MIGRATION_PROGRESS

    assert app_module.MIGRATION_PROGRESS == MIGRATION_PROGRESS
    _with_password(data_dir)
    start, tasks = starts()
    bar = start.window.statusBar()
    assert bar.currentMessage() == "Membuka basis data…"
    # As the migration logs it on the worker: shown once the GUI thread gets to it.
    progress = logging.getLogger(MIGRATION_PROGRESS)
    progress.info("search index", extra={"progress": (300_000, 1_000_000)})
    qtbot.waitUntil(
        lambda: (
            bar.currentMessage()
            == "Membuka basis data: indeks pencarian, 300.000 dari 1.000.000 insiden…"
        )
    )
    tasks.finish()  # the database is open: the progress is over and no longer shown
    assert bar.currentMessage() == ""
    progress.info("search index", extra={"progress": (400_000, 1_000_000)})
    qtbot.wait(10)
    assert bar.currentMessage() == ""

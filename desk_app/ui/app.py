"""Start the GUI: the window and the sign-in first, the database behind them.

Importing SQLAlchemy and the models and opening the database (migrating it, after a
backup, when a new version brings a migration) take most of a second, longer on a slow
disk or a big migration. So the start shows the main window's shell and the sign-in
dialog before the database layer is even imported, and opens the database on a worker
while the person types: a press of "Masuk" that comes first waits for it
(``SignInDialog``). Once someone has signed in, the window is attached to the database
and builds the tab on show.

A database that does not open gets the explanation, or for a damaged file the offer to
restore a backup (``desk_app.ui.recovery``), over the window; after a restore it is
opened again.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog

from desk_app.config import AppPaths, resolve_data_dir
from desk_app.log import setup_logging
from desk_app.ui.dialogs import Dialogs
from desk_app.ui.i18n import install_language
from desk_app.ui.main_window import MainWindow, modules_for_attach
from desk_app.ui.settings import Settings, ui_language
from desk_app.ui.signin_dialog import FirstRunDialog, SignInDialog, needs_first_password
from desk_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desk_app.context import AppContext
    from desk_app.ui.first_start_dialog import FirstStartDialog

log = logging.getLogger("desk_app.ui.app")


def apply_language(app: QCoreApplication, settings: Settings, lang: str | None = None) -> str:
    """The language of this start: ``--lang`` if given, else the one in the preferences."""
    chosen = lang or settings.language
    install_language(app, chosen)
    return chosen


#: ``desk_app.db.MIGRATION_PROGRESS``, named here so that the window's start does not
#: import the database layer before it is on screen.
MIGRATION_PROGRESS = "desk_app.migrations.progress"


class _ProgressHandler(logging.Handler):
    """Hands a migration's progress, logged on the worker, to the start's signal (queued
    to the GUI thread)."""

    def __init__(self, signal: Any) -> None:
        super().__init__(logging.INFO)
        self._signal = signal

    def emit(self, record: logging.LogRecord) -> None:
        progress = getattr(record, "progress", None)
        if progress is not None:
            done, total = progress
            self._signal.emit(int(done), int(total))


def _open_context(data_dir: Path) -> AppContext:
    from desk_app.sync.connection import open_workstation

    return open_workstation(data_dir)


class DeskStart(QObject):
    """One start of the desk: the window shell, the sign-in, the database on a worker.

    ``exit_code`` is 0 unless the database could not be opened (1).
    """

    #: The database is open (the sign-in can be answered at once from now on).
    database_opened = Signal()
    #: The window is attached to the database: someone signed in, the tab on show is built.
    ready = Signal()
    #: A migration's progress while the database opens: done, total.
    migration_progress = Signal(int, int)

    def __init__(
        self,
        paths: AppPaths,
        *,
        settings: Settings,
        lang: str | None = None,
        username: str = "admin",
        tasks: TaskRunner | None = None,
        dialogs: Dialogs | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.lang = lang
        self.username = username
        self.tasks = tasks or TaskRunner()
        self.window = MainWindow(None, tasks=self.tasks, settings=settings, dialogs=dialogs)
        self.ctx: AppContext | None = None
        #: The context the worker opened, even if its result never reached the window
        #: (the window closed first): ``close()`` still closes it.
        self._opened: AppContext | None = None
        self._progress_handler: _ProgressHandler | None = None
        self.migration_progress.connect(self._show_migration_progress)
        self.dialog: SignInDialog | FirstRunDialog | None = None
        #: The first start's dialog on a new workstation, while it is open.
        self.first_start: FirstStartDialog | None = None
        self.exit_code = 0

    def start(self) -> None:
        """Show the window and the sign-in, and open the database behind them."""
        self.window.show_first()
        # A desk without a database file is new: its administrator sets the password.
        self._ask(first=not self.paths.database.exists())
        self._open()

    def _open(self) -> None:
        # Said in the status bar too: a migration after an update can take a while.
        self.window.statusBar().showMessage(
            QCoreApplication.translate("AdminTexts", "Membuka basis data…")
        )
        self._watch_migration(True)
        self.tasks.run(self._open_on_worker, self._database_open, self._database_failed)

    def _watch_migration(self, on: bool) -> None:
        """While the database opens, a long migration's progress shows in the status bar."""
        logger = logging.getLogger(MIGRATION_PROGRESS)
        if on and self._progress_handler is None:
            self._progress_handler = _ProgressHandler(self.migration_progress)
            logger.addHandler(self._progress_handler)
            if logger.getEffectiveLevel() > logging.INFO:
                logger.setLevel(logging.INFO)
        elif not on and self._progress_handler is not None:
            logger.removeHandler(self._progress_handler)
            self._progress_handler = None

    def _show_migration_progress(self, done: int, total: int) -> None:
        if self._progress_handler is None:  # arrived after the database opened
            return
        from desk_app.formats import format_number

        lang = ui_language()
        self.window.statusBar().showMessage(
            QCoreApplication.translate(
                "AdminTexts", "Membuka basis data: indeks pencarian, {0} dari {1} insiden…"
            ).format(format_number(done, lang), format_number(total, lang))
        )

    def _open_on_worker(self) -> tuple[AppContext, bool]:
        ctx = _open_context(self.paths.data_dir)
        try:
            # The first query also sets up SQLAlchemy's mappers: here, not on the GUI thread.
            first = needs_first_password(ctx)
        except BaseException:
            ctx.close()  # a restore may replace the file next: nothing may hold it open
            raise
        self._opened = ctx
        return ctx, first

    def _load_window_modules(self) -> None:
        """What the window loads once someone has signed in, loaded while they type (on
        the other worker thread, beside the password check, which leaves the interpreter
        free while it hashes)."""
        for module in modules_for_attach(self.window.settings):
            importlib.import_module(module)

    # -- the sign-in ---------------------------------------------------------------------

    def _ask(self, *, first: bool) -> None:
        dialog: SignInDialog | FirstRunDialog = (
            FirstRunDialog(self.ctx, self.window, tasks=self.tasks)
            if first
            else SignInDialog(self.ctx, self.window, username=self.username, tasks=self.tasks)
        )
        dialog.finished.connect(self._signed_in)
        self.dialog = dialog
        dialog.open()

    def _drop_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.finished.disconnect(self._signed_in)
            dialog.close()
            dialog.deleteLater()

    def _database_open(self, opened: tuple[AppContext, bool]) -> None:
        ctx, first = opened
        self.ctx = ctx
        self._watch_migration(False)
        self.window.statusBar().clearMessage()
        log.info("database open: %s", self.paths.database)
        if not self.window.isVisible():  # closed meanwhile: the start is over
            return
        self.tasks.run(self._load_window_modules)
        if self.dialog is None or first != isinstance(self.dialog, FirstRunDialog):
            # The file existed, but its administrator has no password yet (or the other
            # way round): ask the right question.
            self._drop_dialog()
            self._ask(first=first)
        else:
            self.dialog.set_context(ctx)
        self.database_opened.emit()

    def _signed_in(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if result != QDialog.DialogCode.Accepted or self.ctx is None or self.ctx.actor is None:
            log.info("sign-in cancelled")
            self.window.close()
            return
        log.info("signed in: %s", self.ctx.actor.username)
        if isinstance(dialog, FirstRunDialog):
            # A new workstation: its code and, for a trial, demo data, before the tabs
            # are built (desk_app/ui/first_start_dialog.py).
            from desk_app.ui.first_start_dialog import FirstStartDialog

            first = FirstStartDialog(self.ctx, self.window.bus, self.tasks, self.window)
            first.finished.connect(lambda _result: self._attach())
            first.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.first_start = first
            first.open()
            return
        self._attach()

    def _attach(self) -> None:
        assert self.ctx is not None
        self.first_start = None
        self.window.attach(self.ctx)
        # Everything built so far lives as long as the window: keep it out of the garbage
        # collector's full passes, which pause every thread (a sync in the background too).
        gc.freeze()
        self.ready.emit()

    # -- a database that does not open ---------------------------------------------------

    def _database_failed(self, exc: Exception) -> None:
        from desk_app.ui.recovery import recover_at_start

        log.error("the database does not open: %s", exc)
        self._watch_migration(False)
        self.window.statusBar().clearMessage()
        self._drop_dialog()
        if not self.window.isVisible():  # closed meanwhile: the start is over
            return
        if recover_at_start(
            self.paths, exc, lang=self.lang, tasks=self.tasks, dialogs=self.window.dialogs
        ):
            self._ask(first=False)
            self._open()
            return
        self.exit_code = 1
        self.window.close()

    def close(self) -> None:
        """After the event loop: wait for an opening still running, then close it."""
        self.tasks.wait(-1)
        self._watch_migration(False)
        if self._opened is not None:
            self._opened.close()


def launch(
    data_dir: str | Path | None, *, lang: str | None = None, username: str = "admin"
) -> DeskStart:
    """Everything a start does before its event loop runs: the window and the sign-in on
    screen, the database opening behind them."""
    paths = AppPaths(resolve_data_dir(data_dir))
    paths.ensure()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Desk Pilkada")
    settings = Settings(paths.settings_file)
    apply_language(app, settings, lang)
    setup_logging(paths.log_file).info("window starting")
    start = DeskStart(paths, settings=settings, lang=lang, username=username)
    start.start()
    return start


def start_desk(
    data_dir: str | Path | None, *, lang: str | None = None, username: str = "admin"
) -> int:
    """Run the desk's window until it closes; the process's exit status."""
    start = launch(data_dir, lang=lang, username=username)
    try:
        QApplication.exec()
    finally:
        start.close()
    return start.exit_code

"""Helpers for the main-window tests: a window with a synchronous worker, demo incidents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.services import incidents
from desk_app.services.actor import Actor
from desk_app.ui.bus import DataBus
from desk_app.ui.dialogs import Dialogs
from desk_app.ui.main_window import MainWindow
from desk_app.ui.settings import Settings
from desk_app.ui.tasks import TaskRunner


def make_window(
    qtbot: QtBot,
    ctx: AppContext,
    settings_file: Path | None = None,
    dialogs: Dialogs | None = None,
) -> MainWindow:
    settings = Settings(settings_file or ctx.paths.settings_file)
    window = MainWindow(
        ctx, DataBus(), TaskRunner(synchronous=True), settings=settings, dialogs=dialogs
    )
    qtbot.addWidget(window)
    return window


def make_incident(
    ctx: AppContext,
    actor: Actor,
    *,
    region: str = "33.74",
    severity: int = 2,
    category: str = "HOAKS",
    hours_ago: float = 1,
    title: str = "Hoaks surat suara tercoblos",
) -> str:
    now = datetime.now(UTC)
    with ctx.db.write() as session:
        return incidents.create_incident(
            session,
            actor,
            incidents.IncidentInput(
                title=title,
                region_code=region,
                category=category,
                severity=severity,
                source_type="MEDSOS",
                occurred_at=now - timedelta(hours=hours_ago),
                reported_at=now - timedelta(hours=hours_ago / 2),
            ),
        ).id


class HeldTasks(TaskRunner):
    """A task runner that holds every task until the test runs it, in the order the test
    chooses: the order in which a busy worker pool might finish them (a database "is
    opening", a password "is being checked", until then)."""

    def __init__(self) -> None:
        super().__init__(synchronous=True)
        self.held: list[tuple[Callable[[], Any], Any, Any]] = []

    def run(  # type: ignore[override]
        self,
        fn: Callable[[], Any],
        on_done: Any = None,
        on_error: Any = None,
        on_progress: Any = None,
    ) -> None:
        self.held.append((fn, on_done, on_error))

    def finish(self, index: int | None = None) -> object:
        """Run the task at ``index`` (every held task, in order, without one) and hand its
        result or its exception to the callbacks; the task's result."""
        if index is None:
            while self.held:
                self.finish(0)
            return None
        fn, on_done, on_error = self.held.pop(index)
        try:
            result = fn()
        except Exception as exc:
            if on_error is not None:
                on_error(exc)
            return None
        if on_done is not None:
            on_done(result)
        return result

    def fail(self, index: int) -> None:
        _, _, on_error = self.held.pop(index)
        on_error(RuntimeError("disk gone"))

    def wait(self, msecs: int = 30_000) -> bool:
        self.finish()
        return True


class AnsweringDialogs(Dialogs):
    """The dialog service a test answers: each question takes the next of ``answers``
    (a question nobody answered fails the test), each file picker the next of ``files``,
    and every message shown is kept in ``shown`` as (kind, title, text); each file picker's
    starting folder is kept in ``directories``."""

    def __init__(self, answers: list[bool] | None = None, files: list[Any] | None = None) -> None:
        self.answers = list(answers or [])
        self.files = list(files or [])
        self.shown: list[tuple[str, str, str]] = []
        self.directories: list[str] = []

    @property
    def warnings(self) -> list[str]:
        """The texts of the warnings shown, in order."""
        return [text for kind, _title, text in self.shown if kind == "warn"]

    @property
    def asked(self) -> list[str]:
        """The texts of the questions asked, in order."""
        return [text for kind, _title, text in self.shown if kind == "ask"]

    def ask(self, parent: Any, title: str, text: str) -> bool:
        self.shown.append(("ask", title, text))
        if not self.answers:
            raise AssertionError(f"unexpected question: {text}")
        return self.answers.pop(0)

    def warn(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("warn", title, text))

    def inform(self, parent: Any, title: str, text: str) -> None:
        self.shown.append(("inform", title, text))

    def open_files(self, parent: Any, title: str, directory: str, filters: str) -> list[str]:
        self.directories.append(directory)
        return [str(p) for p in self.files.pop(0)] if self.files else []

    def open_file(self, parent: Any, title: str, directory: str, filters: str) -> str:
        self.directories.append(directory)
        return str(self.files.pop(0)) if self.files else ""

    def save_file(self, parent: Any, title: str, suggested: str, filters: str) -> str:
        return str(self.files.pop(0)) if self.files else ""


class ModalDriver:
    """Answers the modal dialogs that code under test opens with ``exec()``: each step
    gets the next modal dialog while it is shown (keys typed into it with ``qtbot``), a
    dialog shown again after a refusal counting as the next. A step that fails closes
    its dialog, so a broken test fails instead of hanging; ``check()`` then raises what
    went wrong, or fails when a step never ran."""

    def __init__(self, *steps: Callable[[Any], None]) -> None:
        from PySide6.QtCore import QTimer

        self._timer = QTimer
        self.steps = list(steps)
        self.errors: list[BaseException] = []
        self._last: Any = None
        self._closed_since = True
        self._watched: set[int] = set()
        QTimer.singleShot(0, self._run)

    def _closed(self, *_args: object) -> None:
        self._closed_since = True

    def _run(self) -> None:
        from PySide6.QtCore import QDeadlineTimer, QEventLoop
        from PySide6.QtWidgets import QApplication

        if not self.steps:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None or (dialog is self._last and not self._closed_since):
            self._timer.singleShot(5, self._run)
            return
        step = self.steps.pop(0)
        self._last, self._closed_since = dialog, False
        if id(dialog) not in self._watched:
            self._watched.add(id(dialog))
            dialog.finished.connect(self._closed)
        try:
            # Keys such as Ctrl+Enter are shortcuts: they reach the active window only.
            dialog.activateWindow()
            deadline = QDeadlineTimer(3000)
            while QApplication.activeWindow() is not dialog and not deadline.hasExpired():
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            step(dialog)
        except BaseException as exc:  # the test's assertion, raised in check()
            self.errors.append(exc)
            self.steps.clear()
            dialog.reject()
        if self.steps:
            self._timer.singleShot(5, self._run)

    def check(self) -> None:
        if self.errors:
            raise self.errors[0]
        assert not self.steps, f"{len(self.steps)} dialog step(s) never ran"

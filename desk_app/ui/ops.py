"""One way to run a change from the window.

``run_op(parent, fn, success=..., failure=...)`` runs ``fn(session)`` inside one write
transaction on the writer lane — a single worker, so two writes from the window run one
after the other and never race for SQLite's write lock, and the GUI thread never waits for
the disk. When it is done, on the GUI thread:

* ``success(result)`` runs, with the ``OpResult`` (``fn``'s value and the changes), so
  the widget that asked updates itself first (closes, selects what it saved);
* then the ``Changes`` the unit of work collected (``services.records.changes_of``) go out
  on the bus, so every view refreshes what it shows — even when the widget that asked
  was closed meanwhile;
* a refusal (a ``ServiceError``) goes to ``failure(exc)`` — typically the standard message
  next to the field — or, without one, into a message box; nothing was written;
* a fault (any other exception) was logged once by the worker and is shown in a box.

A write that takes longer than ``PROGRESS_AFTER_MS`` shows a busy indicator meanwhile. A
long write that counts its work (an import) passes ``progress=``: ``fn(session, report)``
is then given ``report(done, total)``, which reaches ``progress`` on the GUI thread, and
the caller shows its own progress instead of the busy indicator. ``finished()`` runs first
on either outcome (a fault too), for a widget that must leave its busy state.
Reads keep their own query operations with cancellation (``desk_app.ui.record_model``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from desk_app.services.errors import ServiceError
from desk_app.services.records import Changes, changes_of
from desk_app.ui.context import UiContext, ui_context_of

R = TypeVar("R")

#: A write still running after this long shows a busy indicator.
PROGRESS_AFTER_MS = 400


@dataclass(frozen=True)
class OpResult(Generic[R]):
    value: R
    changes: Changes


class Op(Generic[R]):
    """A write that was asked for: pending until the lane ran it."""

    def __init__(self) -> None:
        self.done = False
        self.value: R | None = None
        self.changes = Changes()
        self.error: Exception | None = None

    @property
    def succeeded(self) -> bool | None:
        """True once written, False once refused or failed, None while pending."""
        return None if not self.done else self.error is None


def run_op(
    parent: QWidget,
    fn: Callable[..., R],
    *,
    success: Callable[[OpResult[R]], None] | None = None,
    failure: Callable[[ServiceError], None] | None = None,
    ui: UiContext | None = None,
    title: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    finished: Callable[[], None] | None = None,
) -> Op[R]:
    """Run ``fn(session)`` as one write on the writer lane; see the module's text."""
    found = ui or ui_context_of(parent)
    if found is None:
        raise RuntimeError(f"{type(parent).__name__} has no UiContext to run a write with")
    context = found
    db = context.app.db
    op: Op[R] = Op()
    busy: list[QProgressDialog] = []
    timer: QTimer | None = None

    def work(*report: Callable[[int, int], None]) -> OpResult[R]:
        with db.write() as session:
            value = fn(session, *report)
            changes = changes_of(session)
        return OpResult(value, changes)

    def finish() -> bool:
        op.done = True
        if timer is not None and shiboken6.isValid(timer):  # gone with a closed parent
            timer.stop()
            timer.deleteLater()
        for dialog in busy:
            if shiboken6.isValid(dialog):
                dialog.close()
                dialog.deleteLater()
        return shiboken6.isValid(parent)

    def done(result: OpResult[R]) -> None:
        alive = finish()
        op.value, op.changes = result.value, result.changes
        try:
            if alive and finished is not None:
                finished()
            if alive and success is not None:
                success(result)
        finally:
            if result.changes:
                context.bus.publish(result.changes)

    def failed(exc: Exception) -> None:
        alive = finish()
        op.error = exc
        if not alive:
            return
        if finished is not None:
            finished()
        if isinstance(exc, ServiceError) and failure is not None:
            failure(exc)
            return
        from desk_app.ui.form_errors import error_text

        context.dialogs.warn(
            parent,
            title or QCoreApplication.translate("Ops", "Tidak dapat disimpan"),
            error_text(exc),
        )

    context.tasks.run_write(work, done, failed, progress)
    if not op.done and progress is None:
        timer = QTimer(parent)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: busy.append(_busy(parent)) if not op.done else None)
        timer.start(PROGRESS_AFTER_MS)
    return op


def _busy(parent: QWidget) -> QProgressDialog:
    dialog = QProgressDialog(QCoreApplication.translate("Ops", "Menyimpan…"), "", 0, 0, parent)
    dialog.setCancelButton(None)  # a write runs to its end or rolls back: nothing to stop
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setObjectName("opProgress")
    dialog.show()
    return dialog

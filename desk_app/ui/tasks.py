"""Work off the GUI thread: database queries, imports, sync, report rendering.

Workers never touch widgets; they report back by signal, on the GUI thread. The runner is
injected, so tests may run tasks synchronously.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desk_app.services.errors import ServiceError

log = logging.getLogger(__name__)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals, with_progress: bool) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.with_progress = with_progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(self.signals.progress.emit)
            else:
                result = self.fn()
        except ServiceError as exc:  # a refusal (wrong password, invalid input): no fault
            log.info("background task refused: %s", exc)
            self._report(self.signals.failed, exc)
        except Exception as exc:  # reported to the GUI, which shows a message
            log.exception("background task failed")
            self._report(self.signals.failed, exc)
        else:
            self._report(self.signals.finished, result)

    @staticmethod
    def _report(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The window that asked was closed while the task ran: nobody to tell.
            log.debug("result of a background task dropped: its receiver is gone")


class TaskRunner(QObject):
    """Runs callables on a thread pool and delivers their results by callback."""

    def __init__(self, pool: QThreadPool | None = None, *, synchronous: bool = False) -> None:
        super().__init__()
        self.pool = pool or QThreadPool.globalInstance()
        self.synchronous = synchronous
        self._live: set[_Signals] = set()
        # The writer lane: one worker, so two writes from the window run one after the
        # other in the order asked, and never race each other for SQLite's write lock.
        self.write_pool = QThreadPool(self)
        self.write_pool.setMaxThreadCount(1)

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self._start(fn, on_done, on_error, on_progress, self.pool)

    def _start(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
        on_progress: Callable[[int, int], None] | None,
        pool: QThreadPool,
    ) -> None:
        signals = _Signals()
        self._live.add(signals)

        def done(result: Any) -> None:
            self._live.discard(signals)
            if on_done:
                on_done(result)

        def failed(exc: Exception) -> None:
            self._live.discard(signals)
            if on_error:
                on_error(exc)

        signals.finished.connect(done)
        signals.failed.connect(failed)
        if on_progress:
            signals.progress.connect(on_progress)
        task = _Task(fn, signals, with_progress=on_progress is not None)
        if self.synchronous:
            task.run()
        else:
            pool.start(task)

    def run_write(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Run ``fn`` on the writer lane (see ``desk_app.ui.ops``); with ``on_progress``,
        ``fn`` is given the function that reports its progress, as with ``run``."""
        self._start(fn, on_done, on_error, on_progress, self.write_pool)

    @property
    def pending(self) -> int:
        """Tasks started whose result (or failure) has not been delivered yet."""
        return len(self._live)

    def wait(self, msecs: int = 30_000) -> bool:
        return bool(self.write_pool.waitForDone(msecs) and self.pool.waitForDone(msecs))

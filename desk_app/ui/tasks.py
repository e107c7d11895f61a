"""Work off the GUI thread: database queries, imports, sync, report rendering.

Workers never touch widgets; they report back by signal, on the GUI thread. The runner is
injected, so tests may run tasks synchronously.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

from desk_app.services.errors import ServiceError

log = logging.getLogger(__name__)

#: How much lower than the window a worker runs (Linux "nice" steps). The machine may
#: have two cores: a count over a million incidents or a big query on both of them would
#: otherwise take turns with the window for the processor, and the window would stall for
#: tens of milliseconds at a time. Most of a query's time is spent in SQLite, without
#: the interpreter's lock, so a worker at this level never holds up the window for long.
BACKGROUND_NICE = 10

_thread_state = threading.local()


def yield_to_the_window() -> None:
    """Run the calling worker thread below the window's priority (once per thread)."""
    if getattr(_thread_state, "lowered", False):
        return
    _thread_state.lowered = True
    try:
        if sys.platform.startswith("linux"):
            # Per thread on Linux; elsewhere setpriority would lower the whole process.
            thread_id = threading.get_native_id()
            nice = os.getpriority(os.PRIO_PROCESS, thread_id)
            os.setpriority(os.PRIO_PROCESS, thread_id, min(19, nice + BACKGROUND_NICE))
        else:
            thread = QThread.currentThread()
            if thread is not None:
                thread.setPriority(QThread.Priority.LowPriority)
    except (OSError, AttributeError) as exc:  # not allowed here: run as before
        log.debug("worker priority unchanged: %s", exc)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class _Task(QRunnable):
    def __init__(
        self,
        fn: Callable[..., Any],
        signals: _Signals,
        with_progress: bool,
        background: bool = True,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.with_progress = with_progress
        #: Run on a worker thread (not in place, on the GUI thread, as tests may ask).
        self.background = background
        self.setAutoDelete(True)

    def run(self) -> None:
        if self.background:
            yield_to_the_window()
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
        task = _Task(
            fn, signals, with_progress=on_progress is not None, background=not self.synchronous
        )
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


class LatestReads:
    """Runs reads of which only the newest answer counts: a list or page asked again
    before the last answer came drops that answer, and so does a widget that is gone."""

    def __init__(self, owner: QObject, tasks: TaskRunner) -> None:
        self.owner = owner
        self.tasks = tasks
        self._asked = 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._asked += 1
        asked = self._asked

        def latest(deliver: Callable[[Any], None]) -> Callable[[Any], None]:
            def receive(result: Any) -> None:
                if asked == self._asked and shiboken6.isValid(self.owner):
                    deliver(result)

            return receive

        self.tasks.run(fn, latest(on_done), latest(on_error) if on_error else None)

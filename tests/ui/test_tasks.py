"""The task runner: results and refusals back on the GUI thread, faults in the log."""

from __future__ import annotations

import logging
import os
import sys
import threading

import pytest
from PySide6.QtCore import QThreadPool
from pytestqt.qtbot import QtBot

from desk_app.services.errors import ServiceError
from desk_app.ui.tasks import BACKGROUND_NICE, TaskRunner


def test_a_refusal_is_logged_without_a_traceback_a_fault_with_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    runner = TaskRunner(synchronous=True)
    results: list[object] = []
    errors: list[Exception] = []

    def refuse() -> None:
        raise ServiceError("bad credentials", code="bad_credentials")

    with caplog.at_level(logging.INFO, logger="desk_app.ui.tasks"):
        runner.run(lambda: 42, results.append, errors.append)
        runner.run(refuse, results.append, errors.append)
        runner.run(lambda: 1 / 0, results.append, errors.append)
    assert results == [42]
    assert [type(e).__name__ for e in errors] == ["ServiceError", "ZeroDivisionError"]
    # (The log's redacting filter, once installed, turns exc_info into redacted exc_text.)
    logged = [(r.levelname, bool(r.exc_info or r.exc_text)) for r in caplog.records]
    assert logged == [("INFO", False), ("ERROR", True)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_workers_run_below_the_window_and_the_window_keeps_its_priority(qtbot: QtBot) -> None:
    """A query busy on both cores of a small machine must not take turns with the
    window for the processor: workers run at a lower priority, the GUI thread as before."""

    def nice() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    window = nice()
    runner = TaskRunner(QThreadPool())
    seen: list[int] = []
    runner.run(nice, seen.append)
    runner.run_write(nice, seen.append)
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == [min(19, window + BACKGROUND_NICE)] * 2
    # Run in place (as tests do), a task leaves the calling thread's priority alone.
    TaskRunner(synchronous=True).run(nice, seen.append)
    assert seen[-1] == window == nice()
    runner.wait()

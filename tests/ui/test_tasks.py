"""The task runner: results and refusals back on the GUI thread, faults in the log."""

from __future__ import annotations

import logging

import pytest

from desk_app.services.errors import ServiceError
from desk_app.ui.tasks import TaskRunner


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

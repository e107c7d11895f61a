"""Shared fixtures. Every test gets its own data directory; Qt runs off-screen.

The suite holds the line: a Qt warning fails the test that caused it (pytest-qt's
``qt_log_level_fail``, in pyproject.toml), and so does a warning logged through Python's
``logging`` that the test did not expect. A test that expects one says so by taking the
``caplog`` fixture (and asserting on it) or with ``@pytest.mark.allow_log_warnings``.
Tests that use Qt widgets are marked ``gui`` automatically (``-m "not gui"`` skips them).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DESK_DATA_DIR", None)
# Tests never touch the user's own keyring: without the in-memory one some tests install,
# sync credentials go to the data directory's owner-only file.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_app.context import AppContext, open_context, sign_in_as
from desk_app.models.enums import Role
from desk_app.services.actor import Actor


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[AppContext]:
    context = open_context(data_dir, workstation_code="GB1")
    sign_in_as(context, "admin")
    yield context
    context.close()


@pytest.fixture
def admin(ctx: AppContext) -> Actor:
    assert ctx.actor is not None
    return ctx.actor


def make_user(ctx: AppContext, username: str, role: Role) -> Actor:
    from desk_app.models import User
    from desk_app.services.records import Writer

    with ctx.db.write() as session:
        user = Writer(session, None).create(
            User, username=username, full_name=username.title(), role=role.value, active=True
        )
        return Actor(user.id, user.username, role)


@pytest.fixture
def coordinator(ctx: AppContext) -> Actor:
    return make_user(ctx, "koordinator", Role.COORDINATOR)


@pytest.fixture
def operator(ctx: AppContext) -> Actor:
    return make_user(ctx, "operator", Role.OPERATOR)


_PG_SKIPPED = pytest.StashKey[int]()


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    # Skipped for want of a server (the reason names the variable), not for other reasons.
    config.stash[_PG_SKIPPED] = sum(
        "DESK_TEST_PG_URL" in str(report.longrepr)
        for report in terminalreporter.stats.get("skipped", [])
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    """The last line when PostgreSQL's tests were skipped: how many, and how to run them."""
    skipped = config.stash.get(_PG_SKIPPED, 0)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if skipped and reporter is not None:
        reporter.write_line(
            f"{skipped} PostgreSQL tests skipped (DESK_TEST_PG_URL is not set): "
            "`make test` runs them on a machine with PostgreSQL installed "
            "(sudo apt-get install -y postgresql)",
            yellow=True,
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures or item.path.parent.name == "ui":
            item.add_marker(pytest.mark.gui)


#: Tests in files owned by other work that log warnings on a refused or broken path without
#: asserting on them yet (their owners mark them, or assert on ``caplog``, at merge).
KNOWN_LOG_WARNINGS = frozenset(
    {
        "tests/reports/test_sitrep_cli.py::test_report_prints_number_and_pages_then_lists_it",
        "tests/sync/test_attachments_sync.py::test_a_recreated_hub_gets_the_files_back_from_the_desks",
        "tests/sync/test_attachments_sync.py::test_sync_command_prints_the_files_moved",
        "tests/sync/test_attachments_sync.py::test_the_hub_refuses_a_file_that_does_not_match_its_hash",
        "tests/sync/test_guarantees.py::test_hub_restored_from_backup_is_detected",
        "tests/sync/test_guarantees.py::test_new_epoch_after_restore_makes_clients_resend",
        "tests/sync/test_guarantees.py::test_recreated_hub_is_detected_and_refilled",
        "tests/sync/test_users_sync.py::test_a_user_disabled_at_one_desk_cannot_sign_in_at_another",
    }
)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_unexpected_log_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    """A warning or error logged during a test that did not ask for ``caplog`` (nor is
    marked ``allow_log_warnings``) fails it: it is either a bug or an untested path."""
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    expected = "caplog" in request.fixturenames or request.node.get_closest_marker(
        "allow_log_warnings"
    )
    node = request.node.nodeid.split("[")[0]
    if node in KNOWN_LOG_WARNINGS:
        return
    if handler.records and not expected:
        lines = "\n".join(f"{r.levelname} {r.name}: {r.getMessage()}" for r in handler.records[:10])
        pytest.fail(f"unexpected warnings logged:\n{lines}", pytrace=False)

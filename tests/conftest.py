"""Shared fixtures. Every test gets its own data directory; Qt runs off-screen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DESK_DATA_DIR", None)
# Tests never touch the user's own keyring: without the in-memory one some tests install,
# sync credentials go to the data directory's owner-only file.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

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

"""Stopping a query nobody wants any more (a superseded filter or search)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from desk_app.context import AppContext
from desk_app.services import cancel
from desk_app.services.cancel import Cancellation, QueryCancelled

# A million steps of a recursive count: far longer than one look at the flag.
LONG = (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000000) "
    "SELECT count(*) FROM n WHERE {condition}"
)


def test_cancel_stops_a_running_statement_and_leaves_the_connection_clean(
    ctx: AppContext,
) -> None:
    cancellation = Cancellation()
    seen: list[int] = []

    def cancel_now() -> int:
        # Called for each row: the first call cancels, as another thread would.
        seen.append(1)
        cancellation.cancel()
        return 1

    with ctx.db.read() as s:
        raw = s.connection().connection.driver_connection
        assert raw is not None
        raw.create_function("cancel_now", 0, cancel_now)
        with pytest.raises(QueryCancelled), cancellation.guard(s):
            s.execute(text(LONG.format(condition="cancel_now() = 1"))).scalar()
        assert 0 < len(seen) < 1_000_000
        # The same connection runs the next query to its end: no handler is left on it.
        assert s.scalar(text(LONG.format(condition="1"))) == 1_000_000


def test_cancel_interrupts_at_once_without_waiting_for_the_handler(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cancel, "CHECK_EVERY_STEPS", 10**9)  # the handler never looks
    cancellation = Cancellation()
    seen: list[int] = []

    def cancel_now() -> int:
        seen.append(1)
        cancellation.cancel()
        return 1

    with ctx.db.read() as s:
        raw = s.connection().connection.driver_connection
        assert raw is not None
        raw.create_function("cancel_now", 0, cancel_now)
        with pytest.raises(QueryCancelled), cancellation.guard(s):
            s.execute(text(LONG.format(condition="cancel_now() = 1"))).scalar()
    assert 0 < len(seen) < 1000


def test_a_cancel_between_statements_stops_the_next_one(ctx: AppContext) -> None:
    """An interrupt with no statement running stops nothing: the handler does."""
    cancellation = Cancellation()
    rows: list[int] = []
    with ctx.db.read() as s:
        raw = s.connection().connection.driver_connection
        assert raw is not None
        raw.create_function("seen", 0, lambda: rows.append(1) or 1)
        with pytest.raises(QueryCancelled), cancellation.guard(s):
            s.scalar(text("SELECT 1"))
            cancellation.cancel()
            s.execute(text(LONG.format(condition="seen() = 1"))).scalar()
    assert len(rows) < 1_000_000


def test_a_query_cancelled_before_it_starts_does_not_run(ctx: AppContext) -> None:
    cancellation = Cancellation()
    cancellation.cancel()
    ran: list[int] = []
    with ctx.db.read() as s, pytest.raises(QueryCancelled), cancellation.guard(s):
        ran.append(1)
    assert ran == []


def test_a_result_cancelled_between_statements_is_not_returned(ctx: AppContext) -> None:
    cancellation = Cancellation()
    with ctx.db.read() as s, pytest.raises(QueryCancelled), cancellation.guard(s):
        s.scalar(text("SELECT 1"))
        cancellation.cancel()  # too late to stop that statement, not to drop its result


def test_a_query_not_cancelled_runs_to_its_end(ctx: AppContext) -> None:
    cancellation = Cancellation()
    with ctx.db.read() as s, cancellation.guard(s):
        assert s.scalar(text(LONG.format(condition="1"))) == 1_000_000
    assert not cancellation.cancelled


def test_an_error_after_a_cancel_is_the_cancel_and_others_are_errors(ctx: AppContext) -> None:
    # An interrupt during the full-text table's set-up fails with another message.
    cancellation = Cancellation()
    with ctx.db.read() as s, pytest.raises(QueryCancelled), cancellation.guard(s):
        cancellation.cancel()
        s.execute(text("SELECT * FROM no_such_table"))
    with ctx.db.read() as s, pytest.raises(OperationalError), Cancellation().guard(s):
        s.execute(text("SELECT * FROM no_such_table"))

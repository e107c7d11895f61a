"""Stopping a read query whose result nobody wants any more.

When a person changes a filter or types the next letter, the query for the previous
one is still running on a worker (a count over a large region, a search for a common
word). Left alone it would hold a worker thread and the disk, and the query that is
wanted would wait behind it.

``cancel()`` interrupts the statement at once (``sqlite3_interrupt``). An interrupt
that lands between two statements stops nothing, so SQLite also calls a progress handler
every so many steps of a statement, which stops it when the flag is set. The interrupt
is sent only while a guarded query holds the connection: a pooled connection may serve
somebody else's query a moment later.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

#: Statement steps between two looks at the flag (the interrupt's backstop): a few
#: milliseconds of work (a count over a million incidents takes some 7 million steps,
#: 300 ms). Each look takes the GIL, which a busy GUI thread may hold for up to 5 ms:
#: looking much more often would slow the wanted queries too, not only cancelled ones.
CHECK_EVERY_STEPS = 100_000


class QueryCancelled(Exception):
    """The query was stopped because its result is no longer wanted."""


class Cancellation:
    """Handed to queries run on a worker; ``cancel()``, from any thread, stops them."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._connection: Any = None

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        with self._lock:
            self._event.set()
            if self._connection is not None:
                self._connection.interrupt()

    def check(self) -> None:
        """Raise ``QueryCancelled`` when cancelled (between two statements)."""
        if self._event.is_set():
            raise QueryCancelled

    @contextmanager
    def guard(self, session: Session) -> Iterator[None]:
        """Let ``cancel()`` stop the statements run on ``session`` in this block.

        Raises ``QueryCancelled`` when one was stopped, or when the cancellation came
        before the block began or before it ended (its result is not wanted either).
        """
        connection = session.connection().connection.driver_connection
        assert connection is not None
        with self._lock:
            self.check()
            self._connection = connection
        connection.set_progress_handler(self._event.is_set, CHECK_EVERY_STEPS)
        try:
            yield
        except OperationalError as exc:
            # Mostly "interrupted", but an interrupt that lands while SQLite sets up the
            # full-text table fails as "vtable constructor failed": after a cancel, any
            # error is the cancel's, and nobody wants to hear of it.
            if self.cancelled:
                raise QueryCancelled from exc
            raise
        finally:
            with self._lock:
                self._connection = None
            # The connection goes back to the pool: the next query must not inherit it.
            connection.set_progress_handler(None, 0)
        self.check()

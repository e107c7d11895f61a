"""A table of database rows fetched a page at a time on the worker, with cancellation:
what the incidents and the contacts tables share.

SQLite does the filtering, searching and sorting; the model holds only the rows fetched so
far (``canFetchMore``/``fetchMore``, pages of ``PAGE``). Every query runs on the task
runner, never on the GUI thread: a page takes milliseconds, but a sort without an index
or a count over a million rows takes longer. The total count runs after the first page is
shown and arrives by ``count_changed``. A new filter cancels the queries of the previous
one still running (``services.cancel``), and a superseded result is dropped.

A subclass says how to read: ``read_first`` (the first page, with what it needs to show
it, e.g. taxonomy labels), ``read_page`` and ``read_count``, each given a read session.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QTimer,
    Signal,
)
from sqlalchemy.orm import Session

from desk_app.db import Database
from desk_app.services.cancel import Cancellation, QueryCancelled
from desk_app.ui.settings import ui_language
from desk_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

#: After an edit, the rows are counted again once no edit has come for this long.
COUNT_AFTER_EDITS_MS = 1500

Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
F = TypeVar("F")


class PagingTableModel(QAbstractTableModel, Generic[R, F]):
    PAGE = 200
    #: Rows matching the filter, once the worker has counted them.
    count_changed = Signal(int)
    #: The first page of a new filter or sort is shown.
    reloaded = Signal()
    #: What the log calls a failed query of this table.
    WHAT = "query"

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        flt: F,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._filter = flt
        self._rows: list[R] = []
        self._exhausted = True
        self._total: int | None = None
        self._generation = 0
        #: Stops the queries of the current generation when a new one starts.
        self._cancellation = Cancellation()
        self._fetching = False
        #: True from a reload until its first page arrives.
        self.loading = False
        self._lang = ui_language()
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_AFTER_EDITS_MS)
        self._count_timer.timeout.connect(lambda: self._count(self._generation, self._cancellation))

    @property
    def counting_later(self) -> bool:
        """The total shown is from before the last edits; they are counted once they pause."""
        return self._count_timer.isActive()

    # -- what a subclass reads -----------------------------------------------------------

    def read_first(self, session: Session, flt: F, limit: int, lang: str) -> tuple[Any, list[R]]:
        """The first page and what showing it needs (handed to ``take_context``)."""
        return None, self.read_page(session, flt, 0, limit)

    def read_page(self, session: Session, flt: F, offset: int, limit: int) -> list[R]:
        raise NotImplementedError

    def read_count(self, session: Session, flt: F) -> int:
        raise NotImplementedError

    def take_context(self, context: Any) -> None:
        """Keep what ``read_first`` read beside the rows (on the GUI thread)."""

    def row_id(self, row: R) -> str:
        return str(row.id)  # type: ignore[attr-defined]

    # -- queries -------------------------------------------------------------------------

    @property
    def filter(self) -> F:
        return self._filter

    @property
    def total(self) -> int | None:
        return self._total

    def set_filter(self, flt: F, *, force: bool = False) -> None:
        if flt == self._filter and not force:
            return
        self._filter = flt
        self.reload()

    def reload(self, keep_loaded: bool = False) -> None:
        """Query the first page again (or as many rows as were loaded, for a refresh after
        an edit, so the view keeps its place), on the worker.

        After an edit the total shown so far stays until the rows are counted again, and
        that count waits until the edits pause (``COUNT_AFTER_EDITS_MS``): a desk saving
        reports one after another has a million rows counted once, not after each save
        while the window draws the saved one."""
        limit = self.PAGE
        self._count_timer.stop()
        previous_total = self._total
        if keep_loaded:
            limit = min(max(self.PAGE, len(self._rows)), 10 * self.PAGE)
        self._cancellation.cancel()
        self._cancellation = cancellation = Cancellation()
        self._generation += 1
        generation = self._generation
        self._fetching = False
        self._lang = lang = ui_language()
        flt, db = self._filter, self._db

        def work() -> tuple[Any, list[R]] | None:
            try:
                with db.read() as session, cancellation.guard(session):
                    return self.read_first(session, flt, limit, lang)
            except QueryCancelled:
                return None

        def done(result: tuple[Any, list[R]] | None) -> None:
            if generation != self._generation or result is None:
                return
            context, rows = result
            self.beginResetModel()
            self.take_context(context)
            self._rows = rows
            self._exhausted = len(rows) < limit
            self._total = len(rows) if self._exhausted else None
            counted_later = keep_loaded and previous_total is not None and not self._exhausted
            if counted_later:
                self._total = previous_total
            self.loading = False
            self.endResetModel()
            self.reloaded.emit()
            if self._exhausted:
                self.count_changed.emit(len(rows))
            elif counted_later:
                self._count_timer.start()
            else:
                self._count(generation, cancellation)

        self.loading = True
        self._tasks.run(work, done, self._failed(generation))

    def _failed(self, generation: int) -> Callable[[Exception], None]:
        def failed(exc: Exception) -> None:
            log.error("%s failed: %s", self.WHAT, exc)
            if generation == self._generation:  # a superseded query leaves the new alone
                self._fetching = False
                self.loading = False

        return failed

    def _count(self, generation: int, cancellation: Cancellation) -> None:
        flt, db = self._filter, self._db

        def work() -> int | None:
            try:
                with db.read() as session, cancellation.guard(session):
                    return self.read_count(session, flt)
            except QueryCancelled:
                return None

        def done(total: int | None) -> None:
            if generation == self._generation and total is not None:
                self._total = int(total)
                self.count_changed.emit(self._total)

        self._tasks.run(work, done, self._failed(generation))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        """The next page, fetched on the worker; rows are appended when it arrives."""
        if parent.isValid() or self._exhausted or self._fetching:
            return
        self._fetching = True
        generation, cancellation = self._generation, self._cancellation
        flt, db, offset, limit = self._filter, self._db, len(self._rows), self.PAGE

        def work() -> list[R] | None:
            try:
                with db.read() as session, cancellation.guard(session):
                    return self.read_page(session, flt, offset, limit)
            except QueryCancelled:
                return None

        def done(page: list[R] | None) -> None:
            if generation != self._generation or page is None:
                return
            self._fetching = False
            if len(page) < self.PAGE:
                self._exhausted = True
            if page:
                first = len(self._rows)
                self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
                self._rows.extend(page)
                self.endInsertRows()

        self._tasks.run(work, done, self._failed(generation))

    # -- rows ----------------------------------------------------------------------------

    def row_at(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, row_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if self.row_id(r) == row_id), -1)

    def loaded_rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

"""The incidents table: SQL-backed, a page at a time.

SQLite does the filtering, searching (FTS5) and sorting; the model holds only the rows
fetched so far (``canFetchMore``/``fetchMore``, pages of 200). A page takes a few
milliseconds even on a million incidents; the total count may take longer, so it runs on
the worker after the page is shown and arrives by ``count_changed``. A new filter cancels
the queries of the previous one still running (services.cancel), so that the wanted
page does not wait behind a count nobody will see.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from desk_app.db import Database
from desk_app.formats import format_datetime
from desk_app.models.enums import IncidentStatus, TaxonomyKind
from desk_app.services import incident_search
from desk_app.services.cancel import Cancellation, QueryCancelled
from desk_app.services.incident_fields import TABLE_COLUMNS
from desk_app.services.incident_search import IncidentFilter, IncidentRow
from desk_app.services.taxonomy import labels
from desk_app.ui.labels import SEVERITY_COLOURS, severity_name, status_name
from desk_app.ui.settings import ui_language
from desk_app.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex

log = logging.getLogger(__name__)

#: The whole ``IncidentRow`` of a row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

STATUS_COLOURS: dict[str, QColor] = {
    IncidentStatus.BARU.value: QColor("#9ec5fe"),
    IncidentStatus.TERVERIFIKASI.value: QColor("#f5d547"),
    IncidentStatus.TIDAK_VALID.value: QColor("#d3d3d3"),
    IncidentStatus.DITINDAKLANJUTI.value: QColor("#f0932b"),
    IncidentStatus.SELESAI.value: QColor("#8fbf8f"),
    IncidentStatus.DIBUKA_KEMBALI.value: QColor("#e39bd2"),
}

#: Each column's key (in ``IncidentFilter.sort``), in order: from the field table.
COLUMNS: tuple[str, ...] = TABLE_COLUMNS


def status_colour(status: str) -> QColor:
    return STATUS_COLOURS.get(status, QColor("#bbbbbb"))


class IncidentsModel(QAbstractTableModel):
    PAGE = 200
    #: Rows matching the filter, once the worker has counted them.
    count_changed = Signal(int)
    #: The first page of a new filter or sort is shown.
    reloaded = Signal()

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        flt: IncidentFilter | None = None,
        parent: QObject | None = None,
        *,
        load: bool = True,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._filter = flt or IncidentFilter()
        self._rows: list[IncidentRow] = []
        self._exhausted = True
        self._total: int | None = None
        self._generation = 0
        #: Stops the queries of the current generation when a new one starts.
        self._cancellation = Cancellation()
        self._fetching = False
        #: True from a reload until its first page arrives.
        self.loading = False
        self._lang = ui_language()
        self._category_names: dict[str, str] = {}
        if load:
            self.reload()

    # -- queries -------------------------------------------------------------------------

    @property
    def filter(self) -> IncidentFilter:
        return self._filter

    @property
    def total(self) -> int | None:
        return self._total

    def set_filter(self, flt: IncidentFilter, *, force: bool = False) -> None:
        if flt == self._filter and not force:
            return
        self._filter = flt
        self.reload()

    def reload(self, keep_loaded: bool = False) -> None:
        """Query the first page again (or as many rows as were loaded, for a refresh
        after an edit, so the view keeps its place).

        The query runs on the worker: an indexed page takes milliseconds, but sorting a
        million rows by a column without an index takes seconds, and the window must
        stay responsive meanwhile. Results of a superseded query are dropped.
        """
        limit = self.PAGE
        if keep_loaded:
            limit = min(max(self.PAGE, len(self._rows)), 10 * self.PAGE)
        self._cancellation.cancel()
        self._cancellation = cancellation = Cancellation()
        self._generation += 1
        generation = self._generation
        self._fetching = False
        self._lang = lang = ui_language()
        flt, db = self._filter, self._db

        def work() -> tuple[dict[str, str], list[IncidentRow]] | None:
            try:
                with db.read() as session, cancellation.guard(session):
                    names = labels(session, TaxonomyKind.INCIDENT_CATEGORY, lang)
                    cancellation.check()
                    return names, incident_search.list_incidents(session, flt, limit=limit)
            except QueryCancelled:
                return None

        def done(result: tuple[dict[str, str], list[IncidentRow]] | None) -> None:
            if generation != self._generation or result is None:
                return
            names, rows = result
            self.beginResetModel()
            self._category_names = names
            self._rows = rows
            self._exhausted = len(rows) < limit
            self._total = len(rows) if self._exhausted else None
            self.loading = False
            self.endResetModel()
            self.reloaded.emit()
            if self._exhausted:
                self.count_changed.emit(len(rows))
            else:
                self._count(generation, cancellation)

        self.loading = True
        self._tasks.run(work, done, self._failed(generation))

    def _failed(self, generation: int) -> Callable[[Exception], None]:
        def failed(exc: Exception) -> None:
            log.error("incident query failed: %s", exc)
            if generation == self._generation:  # a superseded query leaves the new alone
                self._fetching = False
                self.loading = False

        return failed

    def _count(self, generation: int, cancellation: Cancellation) -> None:
        flt = self._filter
        db = self._db

        def work() -> int | None:
            try:
                with db.read() as session, cancellation.guard(session):
                    return incident_search.count_incidents(session, flt)
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

        def work() -> list[IncidentRow] | None:
            try:
                with db.read() as session, cancellation.guard(session):
                    return incident_search.list_incidents(session, flt, offset=offset, limit=limit)
            except QueryCancelled:
                return None

        def done(page: list[IncidentRow] | None) -> None:
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.set_filter(
            self._filter.with_(
                sort=COLUMNS[column], descending=order == Qt.SortOrder.DescendingOrder
            )
        )

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        key = self._filter.sort
        column = COLUMNS.index(key) if key in COLUMNS else 1
        order = (
            Qt.SortOrder.DescendingOrder if self._filter.descending else Qt.SortOrder.AscendingOrder
        )
        return column, order

    # -- rows ----------------------------------------------------------------------------

    def row_at(self, row: int) -> IncidentRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, incident_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.id == incident_id:
                return i
        return -1

    def loaded_rows(self) -> list[IncidentRow]:
        return list(self._rows)

    # -- the Qt contract -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(COLUMNS[section])
        return None

    def _header(self, key: str) -> str:
        headers = {
            "ref": self.tr("No."),
            "occurred_at": self.tr("Waktu kejadian"),
            "region": self.tr("Kabupaten/kota"),
            "kecamatan": self.tr("Kecamatan"),
            "category": self.tr("Kategori"),
            "severity": self.tr("Keparahan"),
            "status": self.tr("Status"),
            "title": self.tr("Judul"),
            "assignee": self.tr("Petugas"),
        }
        return headers[key]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_at(index.row())
        if row is None or not 0 <= index.column() < len(COLUMNS):
            return None
        key = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.UserRole:
            return self._raw(row, key)
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.DecorationRole):
            colour = self._colour(row, key)
            if colour is None:
                return None
            return QBrush(colour) if role == Qt.ItemDataRole.BackgroundRole else colour
        if role == Qt.ItemDataRole.ForegroundRole and key in ("severity", "status"):
            white = key == "severity" and row.severity == 4
            return QBrush(QColor("#ffffff" if white else "#111111"))
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return row.title
        return None

    def _display(self, row: IncidentRow, key: str) -> str:
        if key == "occurred_at":
            return format_datetime(row.occurred_at, self._lang)
        if key == "region":
            return row.region_name
        if key == "category":
            return self._category_names.get(row.category, row.category)
        if key == "severity":
            return severity_name(row.severity)
        if key == "status":
            return status_name(row.status)
        if key == "assignee":
            return row.assignee or ""
        return str(getattr(row, key) or "")

    @staticmethod
    def _raw(row: IncidentRow, key: str) -> Any:
        if key == "region":
            return row.region_code
        if key == "assignee":
            return row.assignee
        return getattr(row, key)

    @staticmethod
    def _colour(row: IncidentRow, key: str) -> QColor | None:
        if key == "severity":
            return SEVERITY_COLOURS.get(row.severity)
        if key == "status":
            return status_colour(row.status)
        return None

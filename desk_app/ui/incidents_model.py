"""The incidents table: SQL-backed, a page at a time on the worker, with cancellation
(``desk_app.ui.paging_model``, shared with the contacts table).

A page takes a few milliseconds even on a million incidents; the total count may take
longer, so it runs after the page is shown. A new filter cancels the queries of the
previous one still running, so that the wanted page does not wait behind a count nobody
will see.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from sqlalchemy.orm import Session

from desk_app.db import Database
from desk_app.formats import format_datetime
from desk_app.models.enums import IncidentStatus, TaxonomyKind
from desk_app.services import incident_search
from desk_app.services.incident_fields import TABLE_COLUMNS
from desk_app.services.incident_search import IncidentFilter, IncidentRow
from desk_app.services.taxonomy import labels
from desk_app.ui.labels import SEVERITY_COLOURS, severity_name, short_region_name, status_name
from desk_app.ui.paging_model import PagingTableModel
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


class IncidentsModel(PagingTableModel[IncidentRow, IncidentFilter]):
    WHAT = "incident query"

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        flt: IncidentFilter | None = None,
        parent: QObject | None = None,
        *,
        load: bool = True,
    ) -> None:
        super().__init__(db, tasks, flt or IncidentFilter(), parent)
        self._category_names: dict[str, str] = {}
        if load:
            self.reload()

    # -- queries (on the worker) ---------------------------------------------------------

    def read_first(
        self, session: Session, flt: IncidentFilter, limit: int, lang: str
    ) -> tuple[dict[str, str], list[IncidentRow]]:
        names = labels(session, TaxonomyKind.INCIDENT_CATEGORY, lang)
        return names, incident_search.list_incidents(session, flt, limit=limit)

    def read_page(
        self, session: Session, flt: IncidentFilter, offset: int, limit: int
    ) -> list[IncidentRow]:
        return incident_search.list_incidents(session, flt, offset=offset, limit=limit)

    def read_count(self, session: Session, flt: IncidentFilter) -> int:
        return incident_search.count_incidents(session, flt)

    def take_context(self, context: dict[str, str]) -> None:
        self._category_names = context

    # -- queries -------------------------------------------------------------------------

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
        column = COLUMNS.index(key if key in COLUMNS else "occurred_at")
        order = (
            Qt.SortOrder.DescendingOrder if self._filter.descending else Qt.SortOrder.AscendingOrder
        )
        return column, order

    # -- rows ----------------------------------------------------------------------------

    # -- the Qt contract -----------------------------------------------------------------

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
        if role == Qt.ItemDataRole.ToolTipRole and key == "region":
            return row.region_name
        return None

    def _display(self, row: IncidentRow, key: str) -> str:
        if key == "occurred_at":
            return format_datetime(row.occurred_at, self._lang)
        if key == "region":
            # "Kab. Temanggung", as on the regions board: "Kabupaten Temanggung" was cut.
            return short_region_name(row.region_name)
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

"""A table model over a short list of frozen records (35 regions, a region's history, ...).

For short lists only: the whole list is in memory and sorting happens here. Big tables
(incidents, contacts) are SQL-backed and fetch a page at a time instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

R = TypeVar("R")

Index = QModelIndex | QPersistentModelIndex

#: The record a row shows (any role-aware view or test can read it).
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
#: The raw value a column sorts by.
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    display: Callable[[R], str]
    header_tooltip: str = ""
    sort_key: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str] | None = None
    background: Callable[[R], QColor | None] | None = None
    foreground: Callable[[R], QColor | None] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel, Generic[R]):
    def __init__(
        self,
        columns: Sequence[Column[R]],
        key: Callable[[R], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._records: list[R] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- the records ---------------------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        """Replace the rows, keeping the current sort; unchanged rows keep their selection."""
        new = self._sorted(list(records))
        if [self._key(r) for r in new] == [self._key(r) for r in self._records]:
            self._records = new
            if new:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(new) - 1, len(self._columns) - 1)
                )
            return
        self.beginResetModel()
        self._records = new
        self.endResetModel()

    def replace_record(self, record: R) -> None:
        """Update one row in place (e.g. right after the user changed it)."""
        row = self.row_of(self._key(record))
        if row < 0:
            return
        self._records[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def records(self) -> list[R]:
        return list(self._records)

    def record(self, row: int) -> R:
        return self._records[row]

    def row_of(self, key: str) -> int:
        for row, record in enumerate(self._records):
            if self._key(record) == key:
                return row
        return -1

    # -- the Qt contract -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._records)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        record = self._records[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(record) or None
        if role == Qt.ItemDataRole.BackgroundRole and column.background:
            colour = column.background(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
            colour = column.foreground(record)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RECORD_ROLE:
            return record
        if role == SORT_ROLE:
            return self._sort_value(column, record)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.header_tooltip or column.header
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._columns)):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_keys = [self._key(r) for r in self._records]
        self._records = self._sorted(self._records)
        new_rows = {self._key(r): row for row, r in enumerate(self._records)}
        old_indexes = self.persistentIndexList()
        new_indexes = [
            self.index(new_rows[old_keys[i.row()]], i.column())
            if 0 <= i.row() < len(old_keys)
            else QModelIndex()
            for i in old_indexes
        ]
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    # -- helpers -------------------------------------------------------------------------

    @staticmethod
    def _sort_value(column: Column[R], record: R) -> Any:
        return column.sort_key(record) if column.sort_key else column.display(record)

    def _sorted(self, records: list[R]) -> list[R]:
        if self._sort is None:
            return records
        column = self._columns[self._sort[0]]
        reverse = self._sort[1] == Qt.SortOrder.DescendingOrder
        # Stable, and None sorts first ascending: (is-not-None, value).
        return sorted(
            records,
            key=lambda r: _none_first(self._sort_value(column, r)),
            reverse=reverse,
        )


def _none_first(value: Any) -> tuple[bool, Any]:
    return (value is not None, value if value is not None else 0)


class SortArrowHeader(QHeaderView):
    """A horizontal header that makes room for the sort arrow only in the column showing it.

    Qt sizes every section of a header with sort indicators as if each drew the arrow (20
    pixels more each): on the twelve-column regions board that is the width of two columns,
    and pushed the last ones off a 1366-pixel screen. The column the table is sorted by
    gets the room, and is widened if it lacks it once the user sorts by it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.sortIndicatorChanged.connect(self._room_for_arrow)

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        if self.isSortIndicatorShown() and logicalIndex != self.sortIndicatorSection():
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
            size.setWidth(max(size.width() - size.height() - margin, 0))
        return size

    def _room_for_arrow(self, logical: int, _order: Qt.SortOrder) -> None:
        if self.count() == 0 or logical < 0 or self.isSectionHidden(logical):
            return
        if logical == self.count() - 1 and self.stretchLastSection():
            return
        wanted = self.sectionSizeHint(logical)
        if self.sectionSize(logical) < wanted:
            self.resizeSection(logical, wanted)


def record_table_view(
    model: RecordTableModel[Any], name: str, *, sortable: bool = True
) -> QTableView:
    """A read-only, row-selecting, sortable table view over ``model``."""
    view = QTableView()
    view.setObjectName(name)
    view.setHorizontalHeader(SortArrowHeader(view))
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if sortable:
        # Qt's default indicator is descending on the first column; start ascending instead.
        view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSortIndicatorShown(sortable)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view

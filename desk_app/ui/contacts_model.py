"""The contacts table: SQL-backed, a page at a time, like the incidents table."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desk_app.db import Database
from desk_app.models.enums import TaxonomyKind
from desk_app.services import contacts as service
from desk_app.services.actor import Actor
from desk_app.services.contact_fields import TABLE_COLUMNS
from desk_app.services.contacts import ContactFilter, ContactRow
from desk_app.services.phones import display_phone
from desk_app.services.regions import region_names
from desk_app.services.taxonomy import labels
from desk_app.ui.settings import ui_language
from desk_app.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

#: Each column's key, in order: from the field table.
COLUMNS: tuple[str, ...] = TABLE_COLUMNS


def phone_text(number: str, masked: bool) -> str:
    return number if masked or not number else display_phone(number)


class ContactsModel(QAbstractTableModel):
    PAGE = 200
    count_changed = Signal(int)

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        actor: Actor,
        flt: ContactFilter | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._actor = actor
        self._filter = flt or ContactFilter()
        self._rows: list[ContactRow] = []
        self._exhausted = True
        self._generation = 0
        self._names: dict[str, str] = {}
        self._forums: dict[str, str] = {}
        self._regions: dict[str, str] = {}
        self.reload()

    @property
    def filter(self) -> ContactFilter:
        return self._filter

    def set_actor(self, actor: Actor) -> None:
        self._actor = actor
        self.reload()

    def set_filter(self, flt: ContactFilter, *, force: bool = False) -> None:
        if flt == self._filter and not force:
            return
        self._filter = flt
        self.reload()

    def reload(self, keep_loaded: bool = False) -> None:
        limit = self.PAGE
        if keep_loaded:
            limit = min(max(self.PAGE, len(self._rows)), 10 * self.PAGE)
        self._generation += 1
        lang = ui_language()
        with self._db.read() as s:
            self._names = labels(s, TaxonomyKind.CONTACT_CATEGORY, lang)
            self._forums = labels(s, TaxonomyKind.FORUM, lang)
            if not self._regions:
                self._regions = {
                    code: name.removeprefix("Kabupaten ")
                    for code, name in region_names(s, include_deleted=True)
                }
            rows = service.list_contacts(s, self._actor, self._filter, limit=limit)
        self.beginResetModel()
        self._rows = rows
        self._exhausted = len(rows) < limit
        self.endResetModel()
        if self._exhausted:
            self.count_changed.emit(len(rows))
            return
        generation, flt, db = self._generation, self._filter, self._db

        def work() -> int:
            with db.read() as s:
                return service.count_contacts(s, flt)

        def done(total: int) -> None:
            if generation == self._generation:
                self.count_changed.emit(int(total))

        self._tasks.run(work, done)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column the directory can sort by (name, position, organisation,
        category); the others keep the current order."""
        key = COLUMNS[column] if 0 <= column < len(COLUMNS) else ""
        if key not in service.SORTABLE:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_filter(replace(self._filter, sort=key, descending=descending))

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        key = self._filter.sort
        column = COLUMNS.index(key) if key in COLUMNS else 0
        descending = self._filter.descending
        return column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        with self._db.read() as s:
            page = service.list_contacts(
                s, self._actor, self._filter, offset=len(self._rows), limit=self.PAGE
            )
        if len(page) < self.PAGE:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def row_at(self, row: int) -> ContactRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, contact_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == contact_id), -1)

    def loaded_rows(self) -> list[ContactRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation != Qt.Orientation.Horizontal
            or role != Qt.ItemDataRole.DisplayRole
            or not 0 <= section < len(COLUMNS)
        ):
            return None
        headers = {
            "name": self.tr("Nama"),
            "position": self.tr("Jabatan"),
            "organisation": self.tr("Organisasi"),
            "category": self.tr("Kategori"),
            "forums": self.tr("Forum"),
            "regions": self.tr("Wilayah"),
            "phone": self.tr("Telepon"),
            "whatsapp": self.tr("WhatsApp"),
            "email": self.tr("E-mail"),
        }
        return headers[COLUMNS[section]]

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
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.UserRole:
            raw = {
                "name": row.name,
                "forums": list(row.forums),
                "regions": list(row.region_codes),
                "phone": list(row.phones),
            }
            return raw.get(key, getattr(row, key, None))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "forums":
            return ", ".join(self._forums.get(f, f) for f in row.forums)
        return None

    def _display(self, row: ContactRow, key: str) -> str:
        masked = row.personal_data_masked
        if key == "name":
            return row.display_name
        if key == "category":
            return self._names.get(row.category, row.category)
        if key == "forums":
            return ", ".join(row.forums)  # the short codes (FKUB, FKDM, …) fit the column
        if key == "regions":
            if row.province_wide:
                return self.tr("Seluruh provinsi")
            return ", ".join(self._regions.get(c, c) for c in row.region_codes)
        if key == "phone":
            return phone_text(row.phones[0], masked) if row.phones else ""
        if key == "whatsapp":
            return phone_text(row.whatsapp, masked)
        return str(getattr(row, key) or "")

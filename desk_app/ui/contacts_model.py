"""The contacts table: SQL-backed, a page at a time on the worker, with cancellation, like
the incidents table (``desk_app.ui.paging_model``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from sqlalchemy.orm import Session

from desk_app.db import Database
from desk_app.models.enums import TaxonomyKind
from desk_app.services import contacts as service
from desk_app.services.actor import Actor
from desk_app.services.contact_fields import TABLE_COLUMNS
from desk_app.services.contacts import ContactFilter, ContactRow
from desk_app.services.phones import display_phone
from desk_app.services.regions import region_names
from desk_app.services.taxonomy import labels
from desk_app.ui.labels import short_region_name
from desk_app.ui.paging_model import PagingTableModel
from desk_app.ui.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

#: Each column's key, in order: from the field table.
COLUMNS: tuple[str, ...] = TABLE_COLUMNS


def phone_text(number: str, masked: bool) -> str:
    return number if masked or not number else display_phone(number)


class ContactsModel(PagingTableModel[ContactRow, ContactFilter]):
    WHAT = "contact query"

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        actor: Actor,
        flt: ContactFilter | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(db, tasks, flt or ContactFilter(), parent)
        self._actor = actor
        self._names: dict[str, str] = {}
        self._forums: dict[str, str] = {}
        self._regions: dict[str, str] = {}
        self.reload()

    # -- queries (on the worker) ---------------------------------------------------------

    def read_first(
        self, session: Session, flt: ContactFilter, limit: int, lang: str
    ) -> tuple[tuple[dict[str, str], ...], list[ContactRow]]:
        names = labels(session, TaxonomyKind.CONTACT_CATEGORY, lang)
        forums = labels(session, TaxonomyKind.FORUM, lang)
        regions = self._regions or dict(region_names(session, include_deleted=True))
        return (names, forums, regions), self.read_page(session, flt, 0, limit)

    def read_page(
        self, session: Session, flt: ContactFilter, offset: int, limit: int
    ) -> list[ContactRow]:
        return service.list_contacts(session, self._actor, flt, offset=offset, limit=limit)

    def read_count(self, session: Session, flt: ContactFilter) -> int:
        return service.count_contacts(session, flt, self._actor)

    def take_context(self, context: tuple[dict[str, str], ...]) -> None:
        self._names, self._forums, self._regions = context

    def set_actor(self, actor: Actor) -> None:
        self._actor = actor
        self.reload()

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
        if role == Qt.ItemDataRole.ToolTipRole and key == "regions" and not row.province_wide:
            return ", ".join(self._regions.get(c, c) for c in row.region_codes)
        return None

    def _short_forum(self, code: str) -> str:
        name = self._forums.get(code)
        return name.split(" (", 1)[0].strip() or code if name else code

    def _display(self, row: ContactRow, key: str) -> str:
        masked = row.personal_data_masked
        if key == "name":
            return row.display_name
        if key == "category":
            return self._names.get(row.category, row.category)
        if key == "forums":
            # The forums' short names fit the column: "FKUB", "Forkopimda", not the code
            # FORKOPIMDA nor "FKUB (Forum Kerukunan Umat Beragama)"; the tooltip has those.
            return ", ".join(self._short_forum(f) for f in row.forums)
        if key == "regions":
            if row.province_wide:
                return self.tr("Seluruh provinsi")
            # "Kab. Semarang", as the incidents table and the regions board write it: bare
            # "Semarang" could be the kabupaten or the kota. The tooltip has the full names.
            return ", ".join(short_region_name(self._regions.get(c, c)) for c in row.region_codes)
        if key == "phone":
            return phone_text(row.phones[0], masked) if row.phones else ""
        if key == "whatsapp":
            return phone_text(row.whatsapp, masked)
        return str(getattr(row, key) or "")

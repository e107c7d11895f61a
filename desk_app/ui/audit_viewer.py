"""The audit log, read-only: who changed which record, when, each field from what to what.

Filters by user, table, dates (WIB) and free text; pages of 200 rows fetched on demand;
export of what the filters select to CSV or XLSX. Opened for everything from the
Administrasi menu, or for one record (``show_record_history``) from its detail view.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.formats import format_datetime, wib_day_bounds, wib_today
from desk_app.models.base import Synced
from desk_app.services import audit
from desk_app.services.users import list_users
from desk_app.ui.context import dialogs_for, resolve_ui
from desk_app.ui.datetime_edit import DateEdit
from desk_app.ui.form_errors import error_text
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.settings import ui_language
from desk_app.ui.tasks import LatestReads
from desk_app.ui.value_names import (
    ValueNames,
    field_text,
    read_value_names,
    table_text,
    value_text,
)

PAGE = 200


#: Columns that say which record and when, not what: left out of a new record's line.
_BOOKKEEPING = Synced.__bookkeeping__ | {"deleted"}


def _shown(names: ValueNames, table: str, field: str, value: Any) -> str:
    """A logged value in words (names, never codes or ids), cut at 120 characters."""
    if value is None:
        return "∅"
    text = value_text(names, table, field, value)
    return text if len(text) <= 120 else text[:117] + "…"


class AuditViewer(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        table_name: str | None = None,
        record_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        #: The window's workers (or, shown on its own, one that reads in place).
        self.ui = resolve_ui(parent, ctx)
        self.record_id = record_id
        #: Names of the codes and ids the log holds (regions, terms, users): read with
        #: the first page.
        self.names: ValueNames | None = None
        self.total = 0
        self._reads = LatestReads(self, self.ui.tasks)
        self._loading = False
        self.setObjectName("auditViewer")
        self.setWindowTitle(
            self.tr("Riwayat perubahan rekaman") if record_id else self.tr("Log audit")
        )
        self.loaded = 0
        self.total = 0
        layout = QVBoxLayout(self)

        filters = QGridLayout()
        self.user = QComboBox()
        self.user.setObjectName("userFilter")
        self.user.addItem(self.tr("Semua pengguna"), None)
        self.table_filter = QComboBox()
        self.table_filter.setObjectName("tableFilter")
        self.table_filter.addItem(self.tr("Semua tabel"), None)
        with ctx.db.read() as session:
            for u in list_users(session, include_inactive=True):
                self.user.addItem(f"{u.username} — {u.full_name}", u.id)
            for name in audit.tables(session):
                self.table_filter.addItem(table_text(name), name)
        if table_name:
            index = self.table_filter.findData(table_name)
            if index < 0:
                self.table_filter.addItem(table_text(table_name), table_name)
                index = self.table_filter.count() - 1
            self.table_filter.setCurrentIndex(index)
            self.table_filter.setEnabled(record_id is None)
        self.use_dates = QCheckBox(self.tr("&Tanggal (WIB):"))
        self.use_dates.setObjectName("useDates")
        today = wib_today()
        week_ago = today - timedelta(days=7)
        # Days typed whole (05/12/2026); "/" never jumps to the next field.
        self.since = DateEdit(with_buttons=False, with_reading=False)
        self.since.setObjectName("since")
        self.since.setDate(QDate(week_ago.year, week_ago.month, week_ago.day))
        self.until = DateEdit(with_buttons=False, with_reading=False)
        self.until.setObjectName("until")
        self.until.setDate(QDate(today.year, today.month, today.day))
        for edit in (self.since, self.until):
            edit.setEnabled(False)
        self.use_dates.toggled.connect(self.since.setEnabled)
        self.use_dates.toggled.connect(self.until.setEnabled)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Cari id rekaman, kolom atau nilai…"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.reload)
        apply = QPushButton(self.tr("&Terapkan"))
        apply.setObjectName("apply")
        apply.clicked.connect(self.reload)
        user_label = QLabel(self.tr("&Pengguna:"))
        user_label.setBuddy(self.user)
        table_label = QLabel(self.tr("Ta&bel:"))
        table_label.setBuddy(self.table_filter)
        filters.addWidget(user_label, 0, 0)
        filters.addWidget(self.user, 0, 1)
        filters.addWidget(table_label, 0, 2)
        filters.addWidget(self.table_filter, 0, 3)
        filters.addWidget(self.use_dates, 1, 0)
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.until)
        dates.addStretch(1)
        filters.addLayout(dates, 1, 1)
        filters.addWidget(self.search, 1, 2, 1, 2)
        filters.addWidget(apply, 1, 4)
        filters.setColumnStretch(1, 1)
        filters.setColumnStretch(3, 1)
        layout.addLayout(filters)

        self.table = QTableWidget(0, 6)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Waktu"),
                self.tr("Pengguna"),
                self.tr("Aksi"),
                self.tr("Tabel"),
                self.tr("Rekaman"),
                self.tr("Perubahan (kolom: dari → menjadi)"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalScrollBar().valueChanged.connect(self._maybe_fetch_more)
        # Rows take the height of their text at the width the changes column has now:
        # measured again when it widens or narrows (once per burst of resizing).
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        self.table.horizontalHeader().sectionResized.connect(
            lambda index, _old, _new: self._fit_rows.start() if index == 5 else None
        )
        layout.addWidget(self.table, 1)

        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("status")
        bottom.addWidget(self.status, 1)
        self.more = QPushButton(self.tr("Muat &lebih banyak"))
        self.more.setObjectName("more")
        self.more.clicked.connect(self.fetch_more)
        bottom.addWidget(self.more)
        export = QPushButton(self.tr("&Ekspor…"))
        export.setObjectName("export")
        export.clicked.connect(self.choose_export)
        bottom.addWidget(export)
        close = QPushButton(self.tr("Tutup"))
        close.clicked.connect(self.reject)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        fit_window(self, 1100, 640)
        self.reload()

    # -- data ----------------------------------------------------------------------------

    def current_filter(self) -> audit.AuditFilter:
        since = until = None
        if self.use_dates.isChecked():
            first, last = self.since.value().date(), self.until.value().date()
            since = wib_day_bounds(min(first, last))[0]
            until = wib_day_bounds(max(first, last))[1]
        return audit.AuditFilter(
            user_id=self.user.currentData(),
            table_name=self.table_filter.currentData(),
            record_id=self.record_id,
            since=since,
            until=until,
            search=self.search.text(),
        )

    def reload(self) -> None:
        if self.use_dates.isChecked():
            unread = [e for e in (self.since, self.until) if not e.has_acceptable_input()]
            if unread:  # never another day than the one typed: the field says why
                unread[0].setFocus()
                return
        self.table.setRowCount(0)
        self.loaded = 0
        self.total = 0
        self._loading = False
        self._fetch(count=True)

    def fetch_more(self) -> None:
        if self._loading or (self.loaded >= self.total and self.loaded):
            return
        self._fetch(count=False)

    def _fetch(self, *, count: bool) -> None:
        """Read the next page (and, with ``count``, how many entries match) on the
        window's worker: a log of millions of entries is counted without freezing it."""
        flt, offset, db, lang = self.current_filter(), self.loaded, self.ctx.db, ui_language()
        need_names = self.names is None
        self._loading = True
        self.more.setEnabled(False)

        def work() -> tuple[int | None, list[audit.AuditRow], ValueNames | None]:
            with db.read() as session:
                total = audit.count_entries(session, flt) if count else None
                rows = audit.list_entries(session, flt, offset=offset, limit=PAGE)
                names = read_value_names(session, lang) if need_names else None
            return total, rows, names

        def done(result: tuple[int | None, list[audit.AuditRow], ValueNames | None]) -> None:
            self._loading = False
            total, rows, names = result
            if names is not None:
                self.names = names
            if total is not None:
                self.total = total
            self._append(rows, lang)

        def failed(exc: Exception) -> None:
            self._loading = False
            self.status.setText(
                self.tr("Log audit tidak dapat dibaca: %1").replace("%1", error_text(exc))
            )

        self._reads.run(work, done, failed)

    def _append(self, rows: list[audit.AuditRow], lang: str) -> None:
        names = self.names
        assert names is not None
        start = self.table.rowCount()
        self.table.setRowCount(start + len(rows))
        for i, row in enumerate(rows, start):

            def shown(field: str, value: Any, table: str = row.table_name) -> str:
                return _shown(names, table, field, value)

            if row.action == "create":
                # A new record: its filled-in values on one line (the tooltip has them all).
                changes = "; ".join(
                    f"{field_text(c.field, lang)} = {shown(c.field, c.new)}"
                    for c in row.changes
                    if c.new not in (None, "", [], {}, False) and c.field not in _BOOKKEEPING
                )
            else:
                changes = "\n".join(
                    f"{field_text(c.field, lang)}: {shown(c.field, c.old)} → "
                    f"{shown(c.field, c.new)}"
                    for c in row.changes
                )
            values = [
                format_datetime(row.created_at, lang),
                row.user_name if row.user_id is not None else self.tr("sistem"),
                self._action_name(row.action),
                table_text(row.table_name),
                row.record_id,
                changes,
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j == 5:
                    item.setToolTip(changes)
                self.table.setItem(i, j, item)
        self.loaded += len(rows)
        self.table.resizeRowsToContents()
        if start == 0:
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.more.setEnabled(self.loaded < self.total)
        self.status.setText(
            self.tr("%1 dari %2 entri ditampilkan.")
            .replace("%1", str(self.loaded))
            .replace("%2", str(self.total))
        )

    def _maybe_fetch_more(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        if value >= bar.maximum() - 2 and self.loaded < self.total:
            self.fetch_more()

    def _action_name(self, action: str) -> str:
        return {
            "create": self.tr("dibuat"),
            "update": self.tr("diubah"),
            "delete": self.tr("dihapus"),
            "export": self.tr("diekspor"),
        }.get(action, action)

    # -- export --------------------------------------------------------------------------

    def choose_export(self) -> None:
        path = dialogs_for(self).save_file(
            self,
            self.tr("Ekspor log audit"),
            str(Path.home() / "log-audit.xlsx"),
            self.tr("Buku kerja Excel (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int:
        try:
            with self.ctx.db.read() as session:
                count = audit.export(session, self.current_filter(), path)
        except OSError as exc:
            dialogs_for(self).warn(
                self,
                self.tr("Ekspor gagal"),
                self.tr("Berkas tidak dapat ditulis: %1").replace("%1", exc.strerror or str(exc)),
            )
            return 0
        self.status.setText(
            self.tr("%1 baris diekspor ke %2.").replace("%1", str(count)).replace("%2", path.name)
        )
        return count


def show_record_history(
    ctx: AppContext, table_name: str, record_id: str, parent: QWidget | None = None
) -> AuditViewer:
    """The audit history of one record (for the incident and contact detail views)."""
    viewer = AuditViewer(ctx, parent, table_name=table_name, record_id=record_id)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.show()
    return viewer

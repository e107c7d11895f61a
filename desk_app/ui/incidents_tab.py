"""The Insiden tab: filters, search as you type, the SQL-backed table, the detail pane,
bulk actions, import and export."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.formats import WIB, format_number
from desk_app.models.enums import IncidentStatus, TaxonomyKind
from desk_app.services import incidents as service
from desk_app.services.errors import ServiceError, ValidationError
from desk_app.services.incident_search import IncidentFilter, search_query
from desk_app.services.incidents import COORDINATOR_STATUSES
from desk_app.services.permissions import Action, allowed
from desk_app.services.regions import region_names
from desk_app.services.taxonomy import terms
from desk_app.services.users import list_users
from desk_app.ui.bus import DataBus
from desk_app.ui.code_combo import CodeCombo
from desk_app.ui.context import UiContext
from desk_app.ui.datetime_edit import DateEdit
from desk_app.ui.export_ui import ask_personal_data, record_export
from desk_app.ui.form_errors import error_text, field_error_text, file_error_text
from desk_app.ui.incident_detail import IncidentDetailPane
from desk_app.ui.incident_form import IncidentForm, discard_draft, pending_drafts
from desk_app.ui.incidents_model import COLUMNS, IncidentsModel
from desk_app.ui.labels import severity_name, status_name
from desk_app.ui.ops import run_op
from desk_app.ui.place_names import PlaceNames
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.settings import Settings, ui_language
from desk_app.ui.table_keys import open_on_enter
from desk_app.ui.tasks import TaskRunner

SEARCH_DELAY_MS = 250
INCIDENT_TABLES = frozenset({"incident", "incident_status_change", "follow_up", "region"})


#: Each column's first width: all of them fit a 1366-pixel-wide window, the assignee too
#: (a column cut at the edge, header and all, looked broken).
COLUMN_WIDTHS = {
    "ref": 125,
    "title": 300,
    "occurred_at": 150,
    "region": 150,
    "kecamatan": 115,
    "category": 180,
    "severity": 80,
    "status": 130,
    "assignee": 100,
}
#: Where the table's column layout is kept ("incidents" held the order before the title
#: moved to the front; its widths would land on the wrong columns).
HEADER_STATE = "incidents-v2"


class _DateFilter(DateEdit):
    """A day typed whole (05/12/2026), or empty for no bound."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, optional=True, with_buttons=False, with_reading=False)
        self.clear_date()

    def bound(self) -> QDate | None:
        day = self.date()
        return None if day.isNull() else day


class BulkStatusDialog(QDialog):
    def __init__(self, statuses: list[tuple[str, str]], count: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ubah status {0} insiden").format(count))
        self.status = CodeCombo()
        self.status.set_items(statuses, placeholder=self.tr("— pilih —"))
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("Status baru *"), self.status)
        form.addRow(self.tr("Catatan *"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Ubah status"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        fit_window(self, 440, 240)


class IncidentsTab(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        bus: DataBus,
        tasks: TaskRunner,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        ui: UiContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bus = bus
        self.tasks = tasks
        self.settings = settings
        self.ui = ui or UiContext(ctx, bus, tasks, settings)
        self.setObjectName("incidentsTab")
        self._drafts_offered = False
        self._first_load = True
        self._pending_selection: list[str] = []
        #: The incident whose detail was read after the write now being announced.
        self._detail_fresh: str | None = None
        self._forms: list[IncidentForm] = []
        self._lang = ui_language()
        #: The place names the forms complete from, kept between forms.
        self.places = PlaceNames(ctx.db, tasks, bus, parent=self)
        self._build()
        self._fill_filters()
        self.bus.data_changed.connect(self._on_data_changed)

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Cari judul, uraian, tempat… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.region = CodeCombo()
        self.region.setObjectName("filterRegion")
        self.category = CodeCombo()
        self.category.setObjectName("filterCategory")
        self.severity = CodeCombo()
        self.severity.setObjectName("filterSeverity")
        self.status = CodeCombo()
        self.status.setObjectName("filterStatus")
        self.assignee = CodeCombo()
        self.assignee.setObjectName("filterAssignee")
        self.date_from = _DateFilter()
        self.date_from.setObjectName("filterFrom")
        self.date_to = _DateFilter()
        self.date_to.setObjectName("filterTo")
        for combo in (self.region, self.category, self.severity, self.status, self.assignee):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.reset_button = QPushButton(self.tr("Atur ulang"))
        self.reset_button.setToolTip(self.tr("Hapus semua saringan"))
        self.reset_button.clicked.connect(self.reset_filters)

        self.new_button = QPushButton(self.tr("Insiden &baru"))
        self.new_button.setObjectName("newIncident")
        self.new_button.setToolTip(self.tr("Insiden baru (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_incident)
        self.assign_button = QPushButton(self.tr("&Tugaskan…"))
        self.assign_button.setObjectName("assignSelected")
        self.assign_button.clicked.connect(self._ask_assign)
        self.bulk_status_button = QPushButton(self.tr("Ubah &status…"))
        self.bulk_status_button.setObjectName("statusSelected")
        self.bulk_status_button.clicked.connect(self._ask_status)
        self.import_button = QPushButton(self.tr("&Impor…"))
        self.import_button.setObjectName("importIncidents")
        self.import_button.clicked.connect(self.import_file)
        self.export_button = QPushButton(self.tr("&Ekspor…"))
        self.export_button.setObjectName("exportIncidents")
        self.export_button.setToolTip(
            self.tr("Ekspor yang tampil sesuai saringan ke CSV atau XLSX")
        )
        self.export_button.clicked.connect(self._ask_export)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")

        self.model = IncidentsModel(self.ctx.db, self.tasks, parent=self, load=False)
        self.model.count_changed.connect(self._show_count)
        self.model.reloaded.connect(self._after_reload)
        self.table = QTableView()
        self.table.setObjectName("incidentsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, key in enumerate(COLUMNS):
            self.table.setColumnWidth(column, COLUMN_WIDTHS.get(key, 120))
        column, order = self.model.sort_column()
        header.setSortIndicator(column, order)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda index: self.edit_incident(self._id_at(index.row())))
        open_on_enter(self.table, lambda index: self.edit_incident(self._id_at(index.row())))

        self.detail = IncidentDetailPane(self.ctx, ui=self.ui)
        self.detail.edit_requested.connect(self.edit_incident)

        # Three short rows rather than one long one, so the tab fits a small screen.
        actions = QHBoxLayout()
        actions.addWidget(self.search, 1)
        for button in (
            self.new_button,
            self.assign_button,
            self.bulk_status_button,
            self.import_button,
            self.export_button,
        ):
            actions.addWidget(button)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("Wilayah"), self.region),
            (self.tr("Kategori"), self.category),
            (self.tr("Keparahan"), self.severity),
            (self.tr("Status"), self.status),
            (self.tr("Petugas"), self.assignee),
        ):
            lab = QLabel(label)
            lab.setBuddy(widget)
            filters.addWidget(lab)
            filters.addWidget(widget, 1)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("Tanggal kejadian dari")))
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("s.d.")))
        dates.addWidget(self.date_to)
        dates.addWidget(self.reset_button)
        dates.addStretch(1)
        dates.addWidget(self.count_label)

        # The table takes the full width (every column fits); the detail sits below it.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # The heights are chosen from the room the window has (``_split``) until the
        # person moves the handle or a saved split is restored.
        self._split_chosen = False
        self.splitter.splitterMoved.connect(self._split_moved)
        self.drafts_bar = QWidget()
        self.drafts_bar.setObjectName("draftsBar")
        self.drafts_bar.setStyleSheet("#draftsBar { background: #fff4ce; }")
        self.drafts_label = QLabel()
        self.drafts_label.setWordWrap(True)
        restore = QPushButton(self.tr("&Buka kembali"))
        restore.setObjectName("restoreDrafts")
        restore.clicked.connect(self.restore_drafts)
        discard = QPushButton(self.tr("B&uang"))
        discard.clicked.connect(self.discard_drafts)
        bar = QHBoxLayout(self.drafts_bar)
        bar.addWidget(self.drafts_label, 1)
        bar.addWidget(restore)
        bar.addWidget(discard)
        self.drafts_bar.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.drafts_bar)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addLayout(dates)
        layout.addWidget(self.splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.region, self.category, self.severity, self.status, self.assignee):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for date_edit in (self.date_from, self.date_to):
            date_edit.dateChanged.connect(lambda _d: self.apply_filters())
        self._selection_changed()
        self.model.reload()

    def _fill_filters(self) -> None:
        lang = self._lang
        with self.ctx.db.read() as s:
            regions = region_names(s)
            cats = [(t.code, t.label(lang)) for t in terms(s, TaxonomyKind.INCIDENT_CATEGORY)]
            users = [(u.id, u.username) for u in list_users(s)]
        everything = self.tr("Semua")
        self.region.set_items(regions, placeholder=everything)
        self.category.set_items(cats, placeholder=everything)
        self.severity.set_items(
            [(str(n), severity_name(n)) for n in (1, 2, 3, 4)], placeholder=everything
        )
        self.status.set_items(
            [(s.value, status_name(s.value)) for s in IncidentStatus], placeholder=everything
        )
        self.assignee.set_items(users, placeholder=everything)

    # -- the interface the main window calls -------------------------------------------

    def new_incident(self) -> IncidentForm:
        return self._open_form(
            IncidentForm(self.ctx, self.settings, parent=self, places=self.places)
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def open_incident(self, incident_id: str) -> None:
        asked = self.detail.requests
        row = self.model.row_of(incident_id)
        if row >= 0:
            self.table.selectRow(row)  # which asks the detail for it, unless selected already
            self.table.scrollTo(self.model.index(row, 0))
        if self.detail.requests == asked:
            # Not on a loaded page of the table, or selected already: read it afresh here,
            # once; reading it twice doubled the work.
            self.detail.show_incident(incident_id)

    def save_state(self, settings: Settings | None) -> None:
        if settings is None:
            return
        settings.save_header(HEADER_STATE, self.table.horizontalHeader())
        settings.save_splitter("incidents", self.splitter)

    def restore_state(self, settings: Settings | None) -> None:
        if settings is None:
            return
        header = self.table.horizontalHeader()
        if settings.restore_header(HEADER_STATE, header):
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        if settings.restore_splitter("incidents", self.splitter):
            self._split_chosen = True

    def _split_moved(self, _pos: int, _index: int) -> None:
        self._split_chosen = True

    def _split(self) -> None:
        """Share the height between the table and the detail: the detail gets what a
        typical incident needs, at most half, and at least two fifths (a fixed 480:320
        left a 1366×768 screen's detail a scroll bar, and a big screen's too little)."""
        total = sum(self.splitter.sizes())
        if self._split_chosen or total <= 0:
            return
        detail = max(total * 2 // 5, min(total // 2, self.detail.wanted_height()))
        self.splitter.setSizes([total - detail, detail])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._split()

    # -- filters -------------------------------------------------------------------------

    def current_filter(self) -> IncidentFilter:
        base = self.model.filter
        severity = self.severity.code()
        start = self.date_from.bound()
        end = self.date_to.bound()
        search = self.search.text().strip()
        if search_query(search) == search_query(base.search):
            # A letter that searches nothing yet (the first of a word) or punctuation:
            # the filter stays as it was, so the same rows are not queried again.
            search = base.search
        return base.with_(
            region_codes=(self.region.code(),) if self.region.code() else (),
            categories=(self.category.code(),) if self.category.code() else (),
            severities=(int(severity),) if severity else (),
            statuses=(self.status.code(),) if self.status.code() else (),
            assigned_to=self.assignee.code() or None,
            date_from=_wib_midnight(start) if start else None,
            date_to=_wib_midnight(end) + timedelta(days=1) if end else None,
            search=search,
        )

    def apply_filters(self, *, force: bool = False) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter(), force=force)

    def reset_filters(self) -> None:
        for combo in (self.region, self.category, self.severity, self.status, self.assignee):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for date_edit in (self.date_from, self.date_to):
            date_edit.blockSignals(True)
            date_edit.clear_date()
            date_edit.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters(force=True)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(
            self.tr("{0} insiden sesuai saringan").format(format_number(total, self._lang))
        )

    def _after_reload(self) -> None:
        if self.model.total is None:
            self.count_label.setText(self.tr("Menghitung…"))
        wanted = self._pending_selection or (
            [self.detail.detail.id] if self.detail.detail is not None else []
        )
        self._pending_selection = []
        rows = [r for r in (self.model.row_of(i) for i in wanted) if r >= 0]
        if not rows and self._first_load and self.model.rowCount():
            rows = [0]  # the detail pane shows something useful at once
        self._first_load = False
        selection = self.table.selectionModel()
        for n, row in enumerate(rows):
            flag = QItemSelectionModel.SelectionFlag.Select
            if n == 0:
                flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
            selection.select(
                self.model.index(row, 0), flag | QItemSelectionModel.SelectionFlag.Rows
            )

    # -- selection -----------------------------------------------------------------------

    def _id_at(self, row: int) -> str:
        record = self.model.row_at(row)
        return record.id if record else ""

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self._id_at(r) for r in rows if self._id_at(r)]

    def _selection_changed(self, *_args: object) -> None:
        ids = self.selected_ids()
        actor = self.ctx.actor
        may_edit = actor is not None and allowed(actor, Action.EDIT_INCIDENT)
        self.assign_button.setEnabled(bool(ids) and may_edit)
        self.bulk_status_button.setEnabled(bool(ids) and may_edit)
        self.new_button.setEnabled(may_edit)
        self.import_button.setEnabled(may_edit)
        if len(ids) == 1 and self.detail.requested_id != ids[0]:
            self.detail.show_incident(ids[0])

    # -- forms and drafts ----------------------------------------------------------------

    def _open_form(self, form: IncidentForm) -> IncidentForm:
        form.setWindowModality(Qt.WindowModality.NonModal)
        # Gone once closed (saved, cancelled, kept as a draft): a desk entering reports
        # all day would otherwise keep every form it ever opened, each still listening
        # to the bus.
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._form_saved)
        form.open_requested.connect(self.open_incident)
        form.finished.connect(
            lambda _r, f=form: self._forms.remove(f) if f in self._forms else None
        )
        self._forms.append(form)
        form.show()
        form.raise_()
        form.activateWindow()
        return form

    def edit_incident(self, incident_id: str) -> IncidentForm | None:
        if not incident_id:
            return None
        return self._open_form(
            IncidentForm(
                self.ctx,
                self.settings,
                incident_id=incident_id,
                parent=self,
                places=self.places,
            )
        )

    def _form_saved(self, incident_id: str) -> None:
        # The write's changes go out on the bus right after this (``run_op``).
        self._pending_selection = [incident_id]  # once the refreshed page arrives
        self.open_incident(incident_id)
        # ...and the detail just asked for is read after the write: the refresh those
        # changes bring need not read it again.
        self._detail_fresh = incident_id
        QTimer.singleShot(0, self._forget_fresh_detail)

    def _forget_fresh_detail(self) -> None:
        self._detail_fresh = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._drafts_offered:
            self._drafts_offered = True
            QTimer.singleShot(0, self.offer_drafts)

    def offer_drafts(self) -> list[str]:
        """Point out the forms left unsaved when the app last closed (or crashed), in a
        bar above the table — not a modal question, which would block the start."""
        drafts = [
            d
            for d in pending_drafts(self.ctx.paths.drafts_dir)
            if all(f.draft_id != d.draft_id for f in self._forms)
        ]
        if not drafts:
            self.drafts_bar.hide()
            return []
        untitled = self.tr("(tanpa judul)")
        titles = ", ".join(f"“{d.title or untitled}”" for d in drafts[:3])
        if len(drafts) > 3:
            titles += ", …"
        self.drafts_label.setText(
            self.tr("Ada {0} formulir insiden yang belum disimpan: {1}").format(len(drafts), titles)
        )
        self.drafts_bar.show()
        return [d.draft_id for d in drafts]

    def restore_drafts(self) -> list[IncidentForm]:
        """Open every pending draft in its form, filled in as it was left."""
        self.drafts_bar.hide()
        return [
            self._open_form(
                IncidentForm(
                    self.ctx,
                    self.settings,
                    incident_id=d.incident_id,
                    draft=d,
                    parent=self,
                    places=self.places,
                )
            )
            for d in pending_drafts(self.ctx.paths.drafts_dir)
            if all(f.draft_id != d.draft_id for f in self._forms)
        ]

    def discard_drafts(self) -> None:
        if not self.ui.dialogs.ask(
            self,
            self.tr("Buang isian"),
            self.tr("Buang semua formulir insiden yang belum disimpan?"),
        ):
            return
        for d in pending_drafts(self.ctx.paths.drafts_dir):
            if all(f.draft_id != d.draft_id for f in self._forms):
                discard_draft(self.ctx.paths.drafts_dir, d.draft_id)
        self.drafts_bar.hide()

    # -- bulk actions --------------------------------------------------------------------

    def assign_selected(self, user_id: str | None) -> bool:
        """Assign the selected incidents; True once written (at once with a synchronous
        task runner; the window's buttons do not wait for it)."""
        ids = self.selected_ids()
        if not ids:
            return False
        actor = self._actor()
        op = run_op(
            self,
            lambda s: service.assign_many(s, actor, ids, user_id),
            failure=lambda exc: self._warn(
                error_text(exc), self.tr("Insiden tidak dapat ditugaskan")
            ),
        )
        return bool(op.succeeded)

    def change_status_selected(self, status: str, note: str) -> bool:
        ids = self.selected_ids()
        if not ids:
            return False
        actor = self._actor()

        def refused(exc: ServiceError) -> None:
            if isinstance(exc, ValidationError):
                self._warn(field_error_text(next(iter(exc.errors.values()))), title)
            else:
                self._warn(self.tr("Tidak ada yang diubah: {0}").format(error_text(exc)), title)

        title = self.tr("Status tidak dapat diubah")

        op = run_op(
            self,
            lambda s: service.change_status_many(s, actor, ids, status, note),
            failure=refused,
        )
        return bool(op.succeeded)

    def _ask_assign(self) -> None:
        with self.ctx.db.read() as s:
            users = list_users(s)
        names = [self.tr("(lepaskan penugasan)")] + [
            f"{u.full_name or u.username} ({u.username})" for u in users
        ]
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Tugaskan {0} insiden").format(len(self.selected_ids())),
            self.tr("Petugas:"),
            names,
            1 if users else 0,
            False,
        )
        if ok:
            index = names.index(choice)
            self.assign_selected(users[index - 1].id if index > 0 else None)

    def _ask_status(self) -> None:
        actor = self._actor()
        options = [
            (s.value, status_name(s.value))
            for s in IncidentStatus
            if s is not IncidentStatus.BARU
            and (s not in COORDINATOR_STATUSES or allowed(actor, Action.VERIFY_INCIDENT))
        ]
        dialog = BulkStatusDialog(options, len(self.selected_ids()), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.change_status_selected(dialog.status.code(), dialog.note.toPlainText())

    # -- import and export ---------------------------------------------------------------

    def export_to(
        self, path: str | Path, on_done: Any = None, *, personal_data: bool = False
    ) -> None:
        """Export what the current filter shows (on the worker), reporters' names and
        numbers masked unless ``personal_data``; the audit log keeps that it was done."""
        flt = self.model.filter
        actor = self._actor()
        db = self.ctx.db
        lang = self._lang

        def work() -> int:
            # Imported here: the CSV/XLSX machinery is not needed to open the tab.
            from desk_app.services import exporting

            with db.read() as s:
                return exporting.export_incidents(
                    s, actor, flt, path, lang, personal_data=personal_data
                )

        def done(count: int) -> None:
            self.count_label.setText(
                self.tr("{0} insiden diekspor ke {1}").format(
                    format_number(count, lang), Path(path).name
                )
            )
            record_export(self, "incident", path, count, personal_data, self.ui)
            if on_done:
                on_done(count)

        def failed(exc: Exception) -> None:
            self._warn(file_error_text(exc, writing=True), self.tr("Ekspor gagal"))

        self.tasks.run(work, done, failed)

    def _ask_export(self) -> None:
        path = self.ui.dialogs.save_file(
            self,
            self.tr("Ekspor insiden"),
            str(Path.home() / "insiden.xlsx"),
            self.tr("Buku kerja Excel (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            if Path(path).suffix.lower() not in (".csv", ".xlsx"):
                path += ".xlsx"
            self.export_to(path, personal_data=ask_personal_data(self, self._actor(), self.ui))

    def import_file(self) -> None:
        from desk_app.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.ctx, self.tasks, "incidents", self.settings, parent=self)
        if dialog.choose_file():  # what it imports goes out on the bus
            dialog.exec()

    # -- refresh -------------------------------------------------------------------------

    def _on_data_changed(self, tables: frozenset[str], _origin: str) -> None:
        if not tables & INCIDENT_TABLES:
            return
        # What a form just saved stays the row to select (``_form_saved``).
        self._pending_selection = self._pending_selection or self.selected_ids()
        shown = self.detail.requested_id
        if shown is not None and shown != self._detail_fresh:
            self.detail.show_incident(shown)
        self._detail_fresh = None
        self.model.reload(keep_loaded=True)

    def _actor(self) -> Any:
        assert self.ctx.actor is not None
        return self.ctx.actor

    def _warn(self, text: str, title: str) -> None:
        """A box whose title says what failed ("Ekspor gagal"), the text why."""
        self.ui.dialogs.warn(self, title, text)


def _wib_midnight(day: QDate) -> datetime:
    return datetime.combine(
        datetime(day.year(), day.month(), day.day()).date(), time(), tzinfo=WIB
    ).astimezone(UTC)

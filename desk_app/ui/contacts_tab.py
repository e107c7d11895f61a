"""The Kontak tab: partner-forum contacts, their engagement log and quick actions
(WhatsApp, copy a number, e-mail). Personal data shows only to roles allowed to see it."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.formats import format_date, format_number, to_wib
from desk_app.models.enums import TaxonomyKind
from desk_app.services import contacts as service
from desk_app.services.contacts import ContactDetail, ContactFilter
from desk_app.services.errors import ServiceError
from desk_app.services.permissions import Action, allowed
from desk_app.services.phones import display_phone, whatsapp_link
from desk_app.services.regions import region_names
from desk_app.services.taxonomy import labels, terms
from desk_app.ui.bus import DataBus
from desk_app.ui.code_combo import CodeCombo
from desk_app.ui.contact_form import ContactForm
from desk_app.ui.contacts_model import COLUMNS, ContactsModel
from desk_app.ui.context import UiContext
from desk_app.ui.datetime_edit import DateEdit
from desk_app.ui.export_ui import ask_personal_data, record_export
from desk_app.ui.form_errors import error_text, file_error_text
from desk_app.ui.note_dialog import NoteDialog
from desk_app.ui.ops import OpResult, run_op
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.settings import Settings, ui_language
from desk_app.ui.table_keys import open_on_enter
from desk_app.ui.tasks import TaskRunner

SEARCH_DELAY_MS = 250
CONTACT_TABLES = frozenset({"contact", "engagement"})
#: Each column's first width: all of them show beside the detail at 1366×768 (the region
#: was off the right edge); the name and the phone whole, the rest elided if long.
COLUMN_WIDTHS = {
    "name": 175,
    "phone": 135,
    "position": 125,
    "organisation": 135,
    "category": 125,
    "forums": 95,
    "regions": 120,  # "Kab. Banjarnegara", as the incidents table writes it
}
#: Where the table's column layout is kept ("contacts" held it before the phone moved
#: next to the name; its widths would land on the wrong columns).
HEADER_STATE = "contacts-v2"


class EngagementDialog(NoteDialog):
    def __init__(self, types: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(types, "engagementType", parent)
        self.setWindowTitle(self.tr("Catat kegiatan"))
        today = to_wib(datetime.now(UTC)).date()  # the desk's day, whatever the PC's zone
        # Typed whole (05/12/2026); Tab leaves it at once, never walking its parts.
        self.day = DateEdit(with_buttons=True)
        self.day.setObjectName("engagementDay")
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.form.addRow(self.tr("Tanggal"), self.day)
        self.form.addRow(self.tr("Ringkasan *"), self.summary)
        fit_window(self, 460, 280)

    def occurred_on(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())


class ContactsTab(QWidget):
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
        self.detail: ContactDetail | None = None
        self.setObjectName("contactsTab")
        self._lang = ui_language()
        self._build()
        self.bus.data_changed.connect(self._on_data_changed)

    def _build(self) -> None:
        lang = self._lang
        with self.ctx.db.read() as s:
            cats = [(t.code, t.label(lang)) for t in terms(s, TaxonomyKind.CONTACT_CATEGORY)]
            forums = [(t.code, t.label(lang)) for t in terms(s, TaxonomyKind.FORUM)]
            regions = region_names(s)
            self._cat_names = labels(s, TaxonomyKind.CONTACT_CATEGORY, lang)
            self._forum_names = labels(s, TaxonomyKind.FORUM, lang)
            self._engagement_names = labels(s, TaxonomyKind.ENGAGEMENT_TYPE, lang)
            self._region_names = dict(regions)
        everything = self.tr("Semua")
        self.search = QLineEdit()
        self.search.setObjectName("search")
        if self._actor().sees_personal_data:
            hint = self.tr("Cari nama, jabatan, organisasi, nomor telepon… (Ctrl+F)")
        else:  # a role that may not see numbers cannot search by them either
            hint = self.tr("Cari nama, jabatan, organisasi… (Ctrl+F)")
        self.search.setPlaceholderText(hint)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        self.category = CodeCombo()
        self.category.setObjectName("filterCategory")
        self.category.set_items(cats, placeholder=everything)
        self.forum = CodeCombo()
        self.forum.setObjectName("filterForum")
        self.forum.set_items(forums, placeholder=everything)
        self.region = CodeCombo()
        self.region.setObjectName("filterRegion")
        self.region.set_items(regions, placeholder=everything)
        for combo in (self.category, self.forum, self.region):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)

        self.new_button = QPushButton(self.tr("Kontak &baru"))
        self.new_button.setToolTip(self.tr("Kontak baru (Ctrl+Shift+N)"))
        self.new_button.clicked.connect(self.new_contact)
        self.import_button = QPushButton(self.tr("&Impor…"))
        self.import_button.clicked.connect(self.import_file)
        self.export_button = QPushButton(self.tr("&Ekspor…"))
        self.export_button.setToolTip(self.tr("Ekspor yang tampil ke CSV, XLSX atau vCard"))
        self.export_button.clicked.connect(self._ask_export)
        self.count_label = QLabel()

        actor = self._actor()
        self.model = ContactsModel(self.ctx.db, self.tasks, actor, parent=self)
        self.model.count_changed.connect(self._show_count)
        #: The contact to select once the page being read arrives ("" for the first row).
        self._select_when_loaded: str | None = None
        self.model.reloaded.connect(self._page_arrived)
        self.table = QTableView()
        self.table.setObjectName("contactsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSortIndicator(*self.model.sort_column())
        self.table.setSortingEnabled(True)
        # A column the directory cannot sort by (forums, regions, phone): the indicator
        # goes back to the order shown.
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        for column, key in enumerate(COLUMNS):
            self.table.setColumnWidth(column, COLUMN_WIDTHS.get(key, 120))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_contact())
        open_on_enter(self.table, lambda index: self.edit_contact_at(index.row()))

        # The detail panel.
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.info = QTextBrowser()
        self.info.setObjectName("contactInfo")
        self.info.setOpenExternalLinks(False)
        self.whatsapp_button = QPushButton(self.tr("Chat &WhatsApp"))
        self.whatsapp_button.setObjectName("whatsapp")
        self.whatsapp_button.clicked.connect(self.open_whatsapp)
        self.copy_button = QPushButton(self.tr("Salin &nomor"))
        self.copy_button.setObjectName("copyNumber")
        self.copy_button.clicked.connect(self.copy_number)
        self.email_button = QPushButton(self.tr("Kirim e-&mail"))
        self.email_button.setObjectName("email")
        self.email_button.clicked.connect(self.send_email)
        self.edit_button = QPushButton(self.tr("&Ubah…"))
        self.edit_button.clicked.connect(self.edit_contact)
        self.engage_button = QPushButton(self.tr("Catat &kegiatan…"))
        self.engage_button.setObjectName("logEngagement")
        self.engage_button.clicked.connect(self.log_engagement)
        self.delete_button = QPushButton(self.tr("&Hapus (UU PDP)…"))
        self.delete_button.setToolTip(self.tr("Hapus kontak dan data pribadinya"))
        self.delete_button.clicked.connect(self.delete_contact)
        self.engagements = QTextBrowser()
        self.engagements.setObjectName("engagements")

        actions = QHBoxLayout()
        for button in (self.whatsapp_button, self.copy_button, self.email_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions2 = QHBoxLayout()
        for button in (self.edit_button, self.engage_button, self.delete_button):
            actions2.addWidget(button)
        actions2.addStretch(1)
        self.panel = QWidget()
        panel = QVBoxLayout(self.panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.heading)
        panel.addLayout(actions)
        panel.addWidget(self.info, 2)
        panel.addLayout(actions2)
        panel.addWidget(QLabel(self.tr("Riwayat kegiatan:")))
        panel.addWidget(self.engagements, 2)
        self.placeholder = QLabel(self.tr("Pilih kontak di tabel untuk melihat rinciannya."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.placeholder)
        right_layout.addWidget(self.panel)
        self.panel.hide()

        actions = QHBoxLayout()
        actions.addWidget(self.search, 1)
        actions.addWidget(self.new_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("Kategori"), self.category),
            (self.tr("Forum"), self.forum),
            (self.tr("Wilayah"), self.region),
        ):
            lab = QLabel(label)
            lab.setBuddy(widget)
            filters.addWidget(lab)
            filters.addWidget(widget, 1)
        filters.addStretch(0)
        filters.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([960, 420])
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        for combo in (self.category, self.forum, self.region):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        may_edit = allowed(actor, Action.EDIT_CONTACT)
        self.new_button.setEnabled(may_edit)
        self.import_button.setEnabled(may_edit)
        if self.model.rowCount():
            self.table.selectRow(0)
        else:  # the first page is still on its way
            self._select_when_loaded = ""

    # -- the interface the main window calls -------------------------------------------

    def new_contact(self) -> ContactForm:
        form = ContactForm(self.ctx, parent=self)
        form.saved.connect(self._saved)
        form.show()
        return form

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def save_state(self, settings: Settings | None) -> None:
        if settings is not None:
            settings.save_header(HEADER_STATE, self.table.horizontalHeader())
            settings.save_splitter("contacts", self.splitter)

    def restore_state(self, settings: Settings | None) -> None:
        if settings is not None:
            header = self.table.horizontalHeader()
            if settings.restore_header(HEADER_STATE, header):
                self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
                self._sort_indicator_changed()
            settings.restore_splitter("contacts", self.splitter)

    def _sort_indicator_changed(self, *_args: object) -> None:
        header = self.table.horizontalHeader()
        shown = self.model.sort_column()
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != shown:
            blocked = header.blockSignals(True)
            header.setSortIndicator(*shown)
            header.blockSignals(blocked)

    # -- filters -------------------------------------------------------------------------

    def current_filter(self) -> ContactFilter:
        return replace(
            self.model.filter,
            category=self.category.code() or None,
            forum=self.forum.code() or None,
            region_code=self.region.code() or None,
            search=self.search.text().strip(),
        )

    def apply_filters(self, *, force: bool = False) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter(), force=force)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(
            self.tr("{0} kontak sesuai saringan").format(format_number(total, self._lang))
        )

    # -- the selected contact ------------------------------------------------------------

    def _selection_changed(self, *_args: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        record = self.model.row_at(rows[0].row()) if rows else None
        if record is None:
            self.detail = None
            self.panel.hide()
            self.placeholder.show()
            return
        self.show_contact(record.id)

    def show_contact(self, contact_id: str) -> None:
        try:
            with self.ctx.db.read() as s:
                self.detail = service.get_contact(s, self._actor(), contact_id)
        except ServiceError:
            self._clear_detail()
            return
        self._render(self.detail)
        self.placeholder.hide()
        self.panel.show()

    def _texts(self) -> dict[str, str]:
        return {
            "Data pribadi disembunyikan untuk peran Anda.": self.tr(
                "Data pribadi disembunyikan untuk peran Anda."
            ),
            "Belum ada kegiatan.": self.tr("Belum ada kegiatan."),
        }

    def _render(self, d: ContactDetail) -> None:
        esc = html.escape
        t = self._texts()
        row = d.row
        masked = row.personal_data_masked
        self.heading.setText(
            f"<b style='font-size:14pt'>{esc(row.display_name)}</b><br>"
            f"{esc(', '.join(p for p in (row.position, row.organisation) if p))}"
        )

        def phone(p: str) -> str:
            return p if masked else display_phone(p)

        regions = (
            self.tr("Seluruh provinsi")
            if row.province_wide
            else ", ".join(self._region_names.get(c, c) for c in row.region_codes)
        )
        items = [
            (self.tr("Kategori"), self._cat_names.get(row.category, row.category)),
            (self.tr("Forum"), ", ".join(self._forum_names.get(f, f) for f in row.forums)),
            (self.tr("Wilayah"), regions),
            (self.tr("Telepon"), ", ".join(phone(p) for p in row.phones)),
            (self.tr("WhatsApp"), phone(row.whatsapp) if row.whatsapp else ""),
            (self.tr("E-mail"), row.email),
            (self.tr("Media sosial"), service.social_text(d.social)),
            (self.tr("Alamat"), d.address),
            (self.tr("Dasar/persetujuan"), d.basis),
            (self.tr("Catatan"), d.notes),
        ]
        body = "".join(
            f"<tr><td style='color:#555; padding-right:8px'>{esc(k)}</td>"
            f"<td>{esc(v).replace(chr(10), '<br>')}</td></tr>"
            for k, v in items
            if v
        )
        if masked:
            body += (
                f"<tr><td colspan=2 style='color:#8a5300'>"
                f"{esc(t['Data pribadi disembunyikan untuk peran Anda.'])}</td></tr>"
            )
        self.info.setHtml(f"<table>{body}</table>")
        if d.engagements:
            self.engagements.setHtml(
                "".join(
                    f"<p><b>{esc(format_date(e.occurred_on, self._lang))}</b> · "
                    f"{esc(self._engagement_names.get(e.type, e.type))} · {esc(e.by or '-')}<br>"
                    f"{esc(e.summary)}</p>"
                    for e in d.engagements
                )
            )
        else:
            self.engagements.setHtml(f"<p style='color:#555'>{esc(t['Belum ada kegiatan.'])}</p>")
        actor = self._actor()
        number = row.whatsapp or (row.phones[0] if row.phones else "")
        self.whatsapp_button.setEnabled(bool(number) and not masked)
        self.copy_button.setEnabled(bool(row.phones or row.whatsapp) and not masked)
        self.email_button.setEnabled(bool(row.email) and not masked)
        self.edit_button.setEnabled(allowed(actor, Action.EDIT_CONTACT))
        self.engage_button.setEnabled(allowed(actor, Action.LOG_ENGAGEMENT))
        self.delete_button.setEnabled(allowed(actor, Action.DELETE_CONTACT))

    # -- actions -------------------------------------------------------------------------

    def _number(self) -> str:
        if self.detail is None or self.detail.row.personal_data_masked:
            return ""
        row = self.detail.row
        return row.whatsapp or (row.phones[0] if row.phones else "")

    def open_whatsapp(self) -> None:
        number = self._number()
        if number:
            QDesktopServices.openUrl(QUrl(whatsapp_link(number)))

    def copy_number(self) -> None:
        if self.detail is None or self.detail.row.personal_data_masked:
            return
        row = self.detail.row
        number = row.phones[0] if row.phones else row.whatsapp
        if number:
            QGuiApplication.clipboard().setText(display_phone(number))
            self.count_label.setText(self.tr("Nomor {0} disalin.").format(display_phone(number)))

    def send_email(self) -> None:
        if (
            self.detail is not None
            and self.detail.row.email
            and not self.detail.row.personal_data_masked
        ):
            QDesktopServices.openUrl(QUrl("mailto:" + self.detail.row.email))

    def edit_contact(self) -> ContactForm | None:
        if self.detail is None:
            return None
        return self._open_contact_form(self.detail.row.id)

    def edit_contact_at(self, row: int) -> ContactForm | None:
        """The contact on ``row`` (Enter on the table), even while its detail is read."""
        record = self.model.row_at(row)
        return self._open_contact_form(record.id) if record is not None else None

    def _open_contact_form(self, contact_id: str) -> ContactForm:
        form = ContactForm(self.ctx, contact_id, parent=self)
        form.saved.connect(self._saved)
        form.show()
        return form

    def log_engagement(self) -> None:
        if self.detail is None:
            return
        with self.ctx.db.read() as s:
            types = [(t.code, t.label(self._lang)) for t in terms(s, TaxonomyKind.ENGAGEMENT_TYPE)]
        dialog = EngagementDialog(types, self)
        actor, contact_id = self._actor(), self.detail.row.id

        def unit() -> Callable[[Any], object]:
            type_code, summary, day = (
                dialog.type.code(),
                dialog.summary.toPlainText(),
                dialog.occurred_on(),
            )
            return lambda s: service.log_engagement(s, actor, contact_id, type_code, summary, day)

        # The changes go out on the bus (``run_op``): the detail refreshes from there.
        dialog.record_op(
            self,
            unit,
            lambda _result: None,
            lambda exc: self._warn(exc, self.tr("Kegiatan tidak dapat disimpan")),
        )

    def delete_contact(self) -> None:
        if self.detail is None:
            return
        if not self.ui.dialogs.ask(
            self,
            self.tr("Hapus kontak"),
            self.tr(
                "Hapus {0} beserta data pribadinya? Tindakan ini tidak dapat dibatalkan."
            ).format(self.detail.row.display_name),
        ):
            return
        actor, contact_id = self._actor(), self.detail.row.id

        def deleted(_result: OpResult[None]) -> None:
            if self.detail is not None and self.detail.row.id == contact_id:
                self.detail = None  # before the refresh the bus brings next

        run_op(
            self,
            lambda s: service.delete_contact(s, actor, contact_id),
            success=deleted,
            failure=lambda exc: self._warn(exc, self.tr("Kontak tidak dapat dihapus")),
        )

    def _warn(self, exc: ServiceError, title: str) -> None:
        """A box whose title says what failed, the text why."""
        self.ui.dialogs.warn(self, title, error_text(exc))

    def _saved(self, contact_id: str) -> None:
        # The write's changes go out on the bus next (``run_op``): the table reloads then.
        row = self.model.row_of(contact_id)
        if row >= 0:
            self.table.selectRow(row)
        self.show_contact(contact_id)

    def _page_arrived(self) -> None:
        """The pane shows a contact among the results, never one they left out: the one
        asked for or shown before if it is still there, else the first, else none."""
        wanted, self._select_when_loaded = self._select_when_loaded, None
        if wanted is None:
            wanted = self.detail.row.id if self.detail is not None else ""
        if not self.model.rowCount():
            self._clear_detail()
            return
        row = 0 if wanted == "" else self.model.row_of(wanted)
        self.table.selectRow(max(row, 0))

    def _clear_detail(self) -> None:
        self.table.clearSelection()
        self.detail = None
        self.panel.hide()
        self.placeholder.show()

    # -- import and export ---------------------------------------------------------------

    def export_to(
        self, path: str | Path, on_done: Any = None, *, personal_data: bool = False
    ) -> None:
        """Export what the current filter shows (on the worker), phones, e-mail and
        address masked unless ``personal_data``; the audit log keeps that it was done."""
        flt, actor, db, lang = self.model.filter, self._actor(), self.ctx.db, self._lang

        def work() -> int:
            # Imported here: the CSV/XLSX machinery is not needed to open the tab.
            from desk_app.services import exporting

            with db.read() as s:
                return exporting.export_contacts(
                    s, actor, flt, path, lang, personal_data=personal_data
                )

        def done(count: int) -> None:
            self.count_label.setText(
                self.tr("{0} kontak diekspor ke {1}").format(count, Path(path).name)
            )
            record_export(self, "contact", path, count, personal_data, self.ui)
            if on_done:
                on_done(count)

        def failed(exc: Exception) -> None:
            self.ui.dialogs.warn(self, self.tr("Ekspor gagal"), file_error_text(exc, writing=True))

        self.tasks.run(work, done, failed)

    def _ask_export(self) -> None:
        path = self.ui.dialogs.save_file(
            self,
            self.tr("Ekspor kontak"),
            str(Path.home() / "kontak.xlsx"),
            self.tr("Buku kerja Excel (*.xlsx);;CSV (*.csv);;vCard (*.vcf)"),
        )
        if path:
            if Path(path).suffix.lower() not in (".csv", ".xlsx", ".vcf"):
                path += ".xlsx"
            self.export_to(path, personal_data=ask_personal_data(self, self._actor(), self.ui))

    def import_file(self) -> None:
        from desk_app.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.ctx, self.tasks, "contacts", self.settings, parent=self)
        if dialog.choose_file():  # what it imports goes out on the bus
            dialog.exec()

    # -- refresh -------------------------------------------------------------------------

    def _on_data_changed(self, tables: frozenset[str], _origin: str) -> None:
        if not tables & CONTACT_TABLES:
            return
        shown = self.detail.row.id if self.detail else None
        if shown:
            self._select_when_loaded = shown  # when the reloaded page is read on the worker
        self.model.reload(keep_loaded=True)
        if shown:
            row = self.model.row_of(shown)
            if row >= 0:
                self.table.selectRow(row)
                self.show_contact(shown)
        else:
            self.panel.hide()
            self.placeholder.show()

    def _actor(self) -> Any:
        assert self.ctx.actor is not None
        return self.ctx.actor

"""Import incidents or contacts from CSV, XLSX or vCard: preview, column mapping, a
per-row validation report, then all good rows in one transaction — or nothing."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.services import importing
from desk_app.services.errors import ServiceError
from desk_app.services.importing import ImportCancelledError, ImportReport, Kind, TableFile
from desk_app.ui.context import resolve_ui
from desk_app.ui.form_errors import describe_errors, error_text, field_name
from desk_app.ui.ops import OpResult, run_op
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.tasks import TaskRunner

#: Bad rows listed in the dialog; all of them go to the "save bad rows" file, which the
#: service writes while it reads (so a file of a million bad rows never sits in memory).
SHOWN_BAD_ROWS = importing.BAD_ROWS_SHOWN


class ImportDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        kind: Kind,
        settings: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        #: Its window's (the import runs on the window's writer lane), or its own.
        self.ui = resolve_ui(parent, ctx)
        self.kind: Kind = kind
        self.settings = settings
        self.table: TableFile | None = None
        self.report: ImportReport | None = None
        self.imported = 0
        self._cancel = threading.Event()
        self._running = False
        self.setObjectName("importDialog")
        self.setWindowTitle(
            self.tr("Impor insiden") if kind == "incidents" else self.tr("Impor kontak")
        )
        fit_window(self, 1100, 720)
        self._build()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.file_label = QLabel(self.tr("Belum ada berkas."))
        self.file_label.setObjectName("fileLabel")
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("&Pilih berkas…"))
        choose.clicked.connect(self.choose_file)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5300;")
        self.warning.hide()

        self.preview = QTableWidget()
        self.preview.setObjectName("preview")
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setDefaultSectionSize(22)

        self.mapping_box = QGroupBox(self.tr("Kolom berkas untuk setiap isian (* wajib)"))
        self.mapping_form = QFormLayout(self.mapping_box)
        self.mapping: dict[str, QComboBox] = {}
        for name in importing.fields_for(self.kind):
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            required = name in importing.required_for(self.kind)
            label = field_name(name) + (" *" if required else "")
            self.mapping_form.addRow(label, combo)
            self.mapping[name] = combo
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.mapping_box)
        scroll.setMinimumWidth(340)

        self.report_label = QLabel()
        self.report_label.setObjectName("reportLabel")
        self.report_label.setWordWrap(True)
        self.bad_rows = QTableWidget(0, 2)
        self.bad_rows.setObjectName("badRows")
        self.bad_rows.setHorizontalHeaderLabels([self.tr("Baris"), self.tr("Masalah")])
        self.bad_rows.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.bad_rows.verticalHeader().hide()
        self.bad_rows.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.hide()

        self.check_button = QPushButton(self.tr("P&eriksa baris"))
        self.check_button.setObjectName("check")
        self.check_button.clicked.connect(self.validate)
        self.save_bad_button = QPushButton(self.tr("Simpan baris &bermasalah…"))
        self.save_bad_button.setObjectName("saveBad")
        self.save_bad_button.clicked.connect(self._ask_save_bad)
        self.import_button = QPushButton(self.tr("&Impor"))
        self.import_button.setObjectName("import")
        self.import_button.clicked.connect(self.run_import)
        self.cancel_button = QPushButton(self.tr("Batal"))
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.clicked.connect(self.cancel)

        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Pratinjau (baris pertama):")))
        left_layout.addWidget(self.preview, 2)
        left_layout.addWidget(self.report_label)
        left_layout.addWidget(self.bad_rows, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.progress, 3)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.save_bad_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- the file ------------------------------------------------------------------------

    def choose_file(self) -> bool:
        filters = (
            self.tr("Tabel (*.csv *.xlsx)")
            if self.kind == "incidents"
            else self.tr("Tabel atau vCard (*.csv *.xlsx *.vcf)")
        )
        path, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), str(Path.home()), filters)
        if not path:
            return False
        self.load(path)
        return True

    def load(self, path: str | Path) -> None:
        self.file_label.setText(str(path))
        self._discard_report()
        self.table = None
        self.report = None
        # Nothing of the previous file stays on show, should this one not open.
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.bad_rows.setRowCount(0)
        self.report_label.setText("")
        self.report_label.setStyleSheet("")
        self._busy(True)

        def done(table: TableFile) -> None:
            self._busy(False)
            self._show_table(table)

        def failed(exc: Exception) -> None:
            self._busy(False)
            self._error(exc)

        self.tasks.run(lambda: importing.read_table(path), done, failed)

    def _show_table(self, table: TableFile) -> None:
        self.table = table
        if table.encoding:
            self.file_label.setText(
                self.tr("{0} — {1} kolom, pengodean {2}").format(
                    table.path.name, len(table.headers), table.encoding_label
                )
            )
        else:
            self.file_label.setText(
                self.tr("{0} — {1} kolom").format(table.path.name, len(table.headers))
            )
        if table.encoding_fallback:
            self.warning.setText(
                self.tr(
                    "Berkas ini bukan UTF-8; dibaca sebagai {0}. Periksa huruf beraksen di "
                    "pratinjau. Jika salah, simpan ulang berkas sebagai “CSV UTF-8”."
                ).format(table.encoding_label)
            )
            self.warning.show()
        else:
            self.warning.hide()
        self.preview.clear()
        self.preview.setColumnCount(len(table.headers))
        self.preview.setRowCount(len(table.preview))
        self.preview.setHorizontalHeaderLabels(list(table.headers))
        for r, row in enumerate(table.preview):
            for c, value in enumerate(row[: len(table.headers)]):
                self.preview.setItem(r, c, QTableWidgetItem(value))
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), 240))
        remembered = self._remembered_mapping()
        guessed = importing.guess_mapping(self.kind, table.headers)
        for name, combo in self.mapping.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(tidak diimpor)"), "")
            for header in table.headers:
                combo.addItem(header, header)
            wanted = remembered.get(name) if remembered.get(name) in table.headers else None
            wanted = wanted or guessed.get(name, "")
            combo.setCurrentIndex(max(0, combo.findData(wanted)))
            combo.blockSignals(False)
            combo.currentIndexChanged.connect(self._mapping_changed)
        self.report_label.setText("")
        self.bad_rows.setRowCount(0)
        self._update_buttons()

    # -- mapping -------------------------------------------------------------------------

    def current_mapping(self) -> dict[str, str]:
        return {
            name: combo.currentData() for name, combo in self.mapping.items() if combo.currentData()
        }

    def _settings_key(self) -> str:
        return f"import/{self.kind}/mapping"

    def _remembered_mapping(self) -> dict[str, str]:
        if self.settings is None or not hasattr(self.settings, "value"):
            return {}
        raw = self.settings.value(self._settings_key(), "")
        try:
            data = json.loads(raw) if raw else {}
        except (TypeError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _remember_mapping(self) -> None:
        if self.settings is not None and hasattr(self.settings, "set_value"):
            self.settings.set_value(self._settings_key(), json.dumps(self.current_mapping()))

    def _mapping_changed(self, *_args: object) -> None:
        self._discard_report()
        self.report = None
        self.report_label.setText("")
        self.bad_rows.setRowCount(0)
        self._update_buttons()

    def missing_fields(self) -> list[str]:
        if self.table is None:
            return []
        return importing.check_mapping(self.kind, self.current_mapping(), self.table.headers)

    # -- validate and import -------------------------------------------------------------

    def validate(self) -> None:
        if self.table is None:
            return
        missing = self.missing_fields()
        if missing:
            self.report_label.setText(
                self.tr("Pilih kolom untuk: {0}").format(", ".join(field_name(m) for m in missing))
            )
            return
        self._remember_mapping()
        path, kind, mapping = self.table.path, self.kind, self.current_mapping()
        encoding = self.table.encoding
        db = self.ctx.db
        cancel = self._cancel

        def work(progress: Any) -> ImportReport:
            with db.read() as s:
                return importing.validate_rows(
                    s,
                    kind,
                    path,
                    mapping,
                    encoding=encoding,
                    progress=progress,
                    cancelled=cancel.is_set,
                    describe=describe_errors,
                )

        self._start(work, self._show_report)

    def _show_report(self, report: ImportReport) -> None:
        self._discard_report()
        self.report = report
        self.report_label.setText(
            self.tr("{0} baris: {1} baik, {2} bermasalah.").format(
                report.total, report.good, report.bad_count
            )
        )
        shown = report.bad[:SHOWN_BAD_ROWS]
        self.bad_rows.setRowCount(len(shown))
        for i, bad in enumerate(shown):
            self.bad_rows.setItem(i, 0, QTableWidgetItem(str(bad.line)))
            self.bad_rows.setItem(i, 1, QTableWidgetItem(describe_errors(bad.errors)))
        self._update_buttons()

    def run_import(self) -> None:
        """On the writer lane, in one transaction: every good row, or (on error or
        cancel) none. What it wrote goes out on the bus, so the tabs refresh."""
        if self.table is None or self.report is None or not self.report.good:
            return
        path, kind, mapping = self.table.path, self.kind, self.current_mapping()
        encoding = self.table.encoding
        actor = self.ctx.actor
        assert actor is not None
        cancel = self._cancel

        def work(session: Any, progress: Any) -> ImportReport:
            return importing.import_rows(
                session,
                actor,
                kind,
                path,
                mapping,
                encoding=encoding,
                progress=progress,
                cancelled=cancel.is_set,
                describe=describe_errors,
            )

        def done(result: OpResult[ImportReport]) -> None:
            result.value.discard()
            self.imported = result.value.imported
            self.accept()

        self._cancel.clear()
        self._busy(True)
        run_op(
            self,
            work,
            success=done,
            failure=self._error,  # refused or cancelled: nothing was written
            progress=self._progress,
            finished=lambda: self._busy(False),
            title=self.tr("Impor gagal"),
        )

    def _start(self, work: Any, on_done: Any) -> None:
        self._cancel.clear()
        self._busy(True)

        def done(result: Any) -> None:
            self._busy(False)
            on_done(result)

        def failed(exc: Exception) -> None:
            self._busy(False)
            self._error(exc)

        self.tasks.run(work, done, failed, self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def cancel(self) -> None:
        """While working: stop, and nothing is written. Otherwise: close."""
        if self._running:
            self._cancel.set()
            return
        self.reject()

    def save_bad_rows(self, path: str | Path) -> int:
        assert self.table is not None and self.report is not None
        return importing.save_bad_rows(self.report, path)

    def _discard_report(self) -> None:
        if self.report is not None:
            self.report.discard()

    def done(self, result: int) -> None:
        self._discard_report()
        super().done(result)

    def _ask_save_bad(self) -> None:
        if self.table is None or self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan baris bermasalah"),
            str(self.table.path.with_name(self.table.path.stem + "-bermasalah.csv")),
            "CSV (*.csv)",
        )
        if path:
            self.save_bad_rows(path)

    # -- state ---------------------------------------------------------------------------

    def _busy(self, running: bool) -> None:
        self._running = running
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.table is not None and not self._running
        good = self.report.good if self.report else 0
        self.check_button.setEnabled(ready)
        self.import_button.setEnabled(ready and good > 0)
        self.import_button.setText(
            self.tr("&Impor {0} baris baik").format(good) if self.report else self.tr("&Impor")
        )
        self.save_bad_button.setEnabled(ready and bool(self.report and self.report.bad_count))
        for combo in self.mapping.values():
            combo.setEnabled(not self._running)

    def _error(self, exc: Exception) -> None:
        if isinstance(exc, ImportCancelledError):
            self.report_label.setText(error_text(exc))
            return
        if isinstance(exc, importing.ImportFileError):
            from PySide6.QtCore import QLocale

            from desk_app.messages import error_message

            english = QLocale().language() == QLocale.Language.English
            lang = "en" if english else "id"
            self.report_label.setText(error_message(exc.code, exc.values, str(exc), lang))
        elif isinstance(exc, ServiceError):
            self.report_label.setText(error_text(exc))
        else:
            self.report_label.setText(self.tr("Terjadi kesalahan: {0}").format(exc))
        self.report_label.setStyleSheet("color: #b00020;")

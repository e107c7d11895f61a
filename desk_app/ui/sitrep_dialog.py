"""The "Laporan Situasi" dialog: choose the period and sections, write the highlights and
recommendations, preview a draft (no number taken), issue the sitrep on a worker thread,
preview it, print or save it, open earlier ones again, and void a number issued by
mistake (with the reason, kept in the register)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.formats import WIB, format_datetime
from desk_app.reports import SECTIONS, SitrepOptions
from desk_app.reports import issue as issuing
from desk_app.services import report_logo, sitreps
from desk_app.services.errors import PermissionDeniedError, ServiceError, ValidationError
from desk_app.services.permissions import Action, allowed
from desk_app.ui.bus import DataBus
from desk_app.ui.datetime_edit import DateTimeEdit
from desk_app.ui.dialogs import message_box
from desk_app.ui.note_dialog import NoteTextDialog
from desk_app.ui.screen_fit import fit_window, scrolling
from desk_app.ui.sitrep_preview import PREVIEW_PAGES, PagesView, print_pdf, render_pages
from desk_app.ui.tasks import TaskRunner

CLASSIFICATIONS = ("TERBATAS", "RAHASIA", "BIASA")
SIGNATORY_NAME_KEY = "sitrep/signatory_name"
SIGNATORY_TITLE_KEY = "sitrep/signatory_title"
SIGNATORY_NIP_KEY = "sitrep/signatory_nip"
DISTRIBUTION_KEY = "sitrep/distribution"


@dataclass(frozen=True)
class Generated:
    """What the worker hands back: the record, the file's bytes and the preview pages."""

    sitrep: sitreps.IssuedSitrep | None
    pdf: bytes
    images: list[QImage]
    total_pages: int

    @property
    def is_draft(self) -> bool:
        return self.sitrep is None


def _to_qdatetime(moment: datetime) -> QDateTime:
    local = moment.astimezone(WIB)
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


def _from_qdatetime(value: QDateTime) -> datetime:
    naive = value.toPython()
    assert isinstance(naive, datetime)
    return naive.replace(tzinfo=WIB).astimezone(UTC)


class SitrepDialog(QDialog):
    issued = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        tasks: TaskRunner,
        bus: DataBus | None = None,
        settings: Any | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = tasks
        self.bus = bus
        self.settings = settings
        self.current: Generated | None = None
        self.setObjectName("sitrepDialog")
        self.setWindowTitle(self.tr("Laporan Situasi"))
        fit_window(self, 1180, 780)
        actor = ctx.actor
        self.may_issue = actor is not None and allowed(actor, Action.ISSUE_SITREP)
        self.may_print_personal = actor is not None and sitreps.may_include_personal_data(actor)
        self.may_set_logo = actor is not None and allowed(actor, Action.SET_REPORT_LOGO)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_form())
        splitter.addWidget(self._build_right())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 750])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._load_defaults()
        self.refresh_list()

    # --- building --------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        form_box = QWidget()
        outer = QVBoxLayout(form_box)
        outer.setContentsMargins(0, 0, 6, 0)

        period = QGroupBox(self.tr("Periode (WIB)"))
        pform = QFormLayout(period)
        # Typed or pasted whole; Ctrl+Home sets now (datetime_edit).
        self.from_edit = DateTimeEdit(with_buttons=False)
        self.from_edit.setObjectName("sitrepFrom")
        self.to_edit = DateTimeEdit(with_buttons=False)
        self.to_edit.setObjectName("sitrepTo")
        pform.addRow(self.tr("&Dari"), self.from_edit)
        pform.addRow(self.tr("&Sampai"), self.to_edit)
        self.lang_combo = QComboBox()
        self.lang_combo.setObjectName("sitrepLanguage")
        self.lang_combo.addItem(self.tr("Bahasa Indonesia"), "id")
        self.lang_combo.addItem(self.tr("Inggris (English)"), "en")
        pform.addRow(self.tr("&Bahasa laporan"), self.lang_combo)
        outer.addWidget(period)

        sections = QGroupBox(self.tr("Bagian laporan"))
        grid = QGridLayout(sections)
        names = {
            "summary": self.tr("Ringkasan"),
            "map": self.tr("Peta status"),
            "regions": self.tr("Status per kabupaten/kota"),
            "developments": self.tr("Perkembangan menonjol"),
            "social": self.tr("Pemantauan media sosial"),
            "neutrality": self.tr("Netralitas"),
            "trend": self.tr("Tren 14 hari"),
            "forum": self.tr("Kegiatan forum kemitraan"),
            "recommendations": self.tr("Rekomendasi"),
        }
        self.section_boxes: dict[str, QCheckBox] = {}
        for i, key in enumerate(SECTIONS):
            box = QCheckBox(names[key])
            box.setObjectName(f"sitrepSection_{key}")
            box.setChecked(True)
            grid.addWidget(box, i // 2, i % 2)
            self.section_boxes[key] = box
        outer.addWidget(sections)

        texts = QGroupBox(self.tr("Isi dari koordinator"))
        tform = QFormLayout(texts)
        hint = self.tr('Baris yang diawali "- " menjadi butir.')
        self.highlights_edit = QPlainTextEdit()
        self.highlights_edit.setObjectName("sitrepHighlights")
        self.highlights_edit.setPlaceholderText(self.tr("Catatan penting periode ini. ") + hint)
        self.highlights_edit.setTabChangesFocus(True)
        self.recommendations_edit = QPlainTextEdit()
        self.recommendations_edit.setObjectName("sitrepRecommendations")
        self.recommendations_edit.setPlaceholderText(
            self.tr("Rekomendasi / tindak lanjut. ") + hint
        )
        self.recommendations_edit.setTabChangesFocus(True)
        for text_edit in (self.highlights_edit, self.recommendations_edit):
            text_edit.setMinimumHeight(80)
        tform.addRow(self.tr("&Catatan"), self.highlights_edit)
        tform.addRow(self.tr("&Rekomendasi"), self.recommendations_edit)
        # As the PDF prints them under "Mengetahui,": the jabatan above the name, the NIP
        # below it.
        self.signatory_title_edit = QLineEdit()
        self.signatory_title_edit.setObjectName("sitrepSignatoryTitle")
        self.signatory_title_edit.setPlaceholderText(
            self.tr("mis. Kepala Badan Kesbangpol Provinsi Jawa Tengah")
        )
        self.signatory_edit = QLineEdit()
        self.signatory_edit.setObjectName("sitrepSignatory")
        self.signatory_nip_edit = QLineEdit()
        self.signatory_nip_edit.setObjectName("sitrepSignatoryNip")
        tform.addRow(self.tr("Mengetahui: &jabatan"), self.signatory_title_edit)
        tform.addRow(self.tr("Mengetahui: &nama"), self.signatory_edit)
        tform.addRow(self.tr("Mengetahui: NI&P"), self.signatory_nip_edit)
        self.distribution_edit = QPlainTextEdit()
        self.distribution_edit.setObjectName("sitrepDistribution")
        self.distribution_edit.setPlaceholderText(self.tr("Satu penerima per baris"))
        self.distribution_edit.setTabChangesFocus(True)
        self.distribution_edit.setMaximumHeight(60)
        tform.addRow(self.tr("&Tembusan"), self.distribution_edit)
        next_row = QHBoxLayout()
        self.next_box = QCheckBox(self.tr("Laporan &berikutnya"))
        self.next_box.setObjectName("sitrepNextReportOn")
        self.next_edit = DateTimeEdit(with_buttons=False)
        self.next_edit.setObjectName("sitrepNextReport")
        self.next_edit.setEnabled(False)
        self.next_box.toggled.connect(self.next_edit.setEnabled)
        next_row.addWidget(self.next_box)
        next_row.addWidget(self.next_edit, 1)
        tform.addRow(next_row)
        self.classification_combo = QComboBox()
        self.classification_combo.setObjectName("sitrepClassification")
        self.classification_combo.setEditable(True)
        self.classification_combo.addItems(CLASSIFICATIONS)
        tform.addRow(self.tr("&Klasifikasi"), self.classification_combo)
        outer.addWidget(texts)
        outer.addWidget(self._build_logo())

        self.personal_box = QCheckBox(
            self.tr("Cetak data pribadi: nama dan kontak pelapor, nomor telepon dan alamat mitra")
        )
        self.personal_box.setObjectName("sitrepPersonalData")
        if self.may_print_personal:
            self.personal_box.setToolTip(
                self.tr(
                    "Tanpa centang, laporan tidak memuat nomor telepon, alamat atau identitas "
                    "pelapor (UU PDP)."
                )
            )
        else:
            self.personal_box.setEnabled(False)
            self.personal_box.setToolTip(
                self.tr("Peran Anda tidak berwenang mencetak data pribadi.")
            )
        outer.addWidget(self.personal_box)
        self.annex_box = QCheckBox(
            self.tr("Sertakan &lampiran: daftar lengkap perkembangan menonjol dan angka tren")
        )
        self.annex_box.setObjectName("sitrepAnnex")
        self.annex_box.setChecked(True)
        outer.addWidget(self.annex_box)
        outer.addStretch(1)

        # The fields scroll on a small screen (1366×768); the buttons below them stay put.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        fields = scrolling(form_box)
        fields.setMinimumWidth(
            form_box.sizeHint().width() + fields.verticalScrollBar().sizeHint().width()
        )
        left_layout.addWidget(fields, 1)
        buttons = QHBoxLayout()
        self.draft_button = QPushButton(self.tr("Pratinjau &draf"))
        self.draft_button.setObjectName("sitrepDraft")
        self.draft_button.setToolTip(self.tr("Tampilkan halaman laporan tanpa mengambil nomor"))
        self.draft_button.clicked.connect(self.preview_draft)
        self.draft_button.setEnabled(self.may_issue)
        buttons.addWidget(self.draft_button)
        self.issue_button = QPushButton(self.tr("&Terbitkan laporan"))
        self.issue_button.setObjectName("sitrepIssue")
        self.issue_button.setDefault(True)
        self.issue_button.clicked.connect(self.generate)
        if not self.may_issue:
            self.issue_button.setEnabled(False)
            self.issue_button.setToolTip(
                self.tr(
                    "Hanya koordinator dan administrator yang dapat menerbitkan laporan situasi."
                )
            )
        buttons.addWidget(self.issue_button)
        close = QPushButton(self.tr("T&utup"))
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        left_layout.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setObjectName("sitrepProgress")
        self.progress.setVisible(False)
        left_layout.addWidget(self.progress)
        self.status_label = QLabel()
        self.status_label.setObjectName("sitrepStatus")
        self.status_label.setWordWrap(True)
        left_layout.addWidget(self.status_label)
        return left

    def _build_logo(self) -> QWidget:
        """The province's emblem in the kop: shown to all, set or removed by an
        administrator, kept for this workstation (the command line prints it too)."""
        box = QGroupBox(self.tr("Logo kop"))
        row = QHBoxLayout(box)
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("sitrepLogoPreview")
        self.logo_preview.setFixedSize(44, 48)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.logo_preview)
        self.logo_label = QLabel()
        self.logo_label.setObjectName("sitrepLogoLabel")
        self.logo_label.setWordWrap(True)
        row.addWidget(self.logo_label, 1)
        self.logo_button = QPushButton(self.tr("Pilih lo&go…"))
        self.logo_button.setObjectName("sitrepLogoChoose")
        self.logo_button.setToolTip(
            self.tr("Lambang provinsi (PNG atau JPEG) di kop setiap laporan dari komputer ini")
        )
        self.logo_button.clicked.connect(self.choose_logo)
        self.logo_clear_button = QPushButton(self.tr("Hapus logo"))
        self.logo_clear_button.setObjectName("sitrepLogoClear")
        self.logo_clear_button.clicked.connect(self.clear_logo)
        for button in (self.logo_button, self.logo_clear_button):
            row.addWidget(button)
            if not self.may_set_logo:
                button.setEnabled(False)
                button.setToolTip(self.tr("Hanya administrator yang dapat mengganti logo kop."))
        self.show_logo()
        return box

    def logo_path(self) -> Path | None:
        return report_logo.current_logo(self.ctx.paths.data_dir)

    def show_logo(self) -> None:
        path = self.logo_path()
        if path is None:
            self.logo_preview.clear()
            self.logo_label.setText(self.tr("Tanpa logo (belum diatur administrator)"))
            self.logo_clear_button.setEnabled(False)
            return
        pixmap = QPixmap(str(path))
        self.logo_preview.setPixmap(
            pixmap.scaled(
                self.logo_preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.logo_label.setText(self.tr("Logo dicetak di kop setiap laporan."))
        self.logo_clear_button.setEnabled(self.may_set_logo)

    def choose_logo(self) -> None:
        if not self.may_set_logo:
            return
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Pilih logo kop"),
            str(Path.home()),
            self.tr("Gambar PNG atau JPEG (*.png *.jpg *.jpeg)"),
        )
        if path:
            self.set_logo_from(Path(path))

    def set_logo_from(self, source: Path) -> None:
        """Check the image and keep it as this workstation's logo (on a worker)."""
        if self.ctx.actor is None or not self.may_set_logo:
            return
        actor, data_dir = self.ctx.actor, self.ctx.paths.data_dir

        def work() -> Path:
            return report_logo.set_logo(data_dir, actor, source)

        def done(_path: Path) -> None:
            self.show_logo()
            self.status_label.setText(
                self.tr("Logo kop disimpan; dicetak mulai laporan berikutnya.")
            )

        self.tasks.run(work, done, self._logo_failed)

    def _logo_failed(self, exc: Exception) -> None:
        text = self.logo_error_text(exc)
        self.status_label.setText(text)
        message_box(
            self, QMessageBox.Icon.Warning, self.tr("Logo tidak dapat dipakai"), text
        ).exec()

    def logo_error_text(self, exc: Exception) -> str:
        code = exc.errors.get("logo", "") if isinstance(exc, ValidationError) else ""
        if code == "logo_not_an_image":
            return self.tr(
                "Berkas itu bukan gambar PNG atau JPEG. Pilih lambang dalam format PNG atau JPEG."
            )
        if code == "logo_unreadable":
            return self.tr("Gambar itu tidak dapat dibaca: berkasnya rusak atau terpotong.")
        if code == "logo_too_large":
            return self.tr("Gambar itu terlalu besar: paling besar 5 MB dan 5000 piksel per sisi.")
        if code == "logo_too_small":
            return self.tr("Gambar itu terlalu kecil: paling kecil 16 piksel per sisi.")
        return self.error_text(exc)

    def clear_logo(self) -> None:
        if self.ctx.actor is None or not self.may_set_logo:
            return
        actor, data_dir = self.ctx.actor, self.ctx.paths.data_dir

        def work() -> bool:
            return report_logo.clear_logo(data_dir, actor)

        def done(_removed: bool) -> None:
            self.show_logo()
            self.status_label.setText(self.tr("Logo kop dihapus."))

        self.tasks.run(work, done, self._logo_failed)

    def _build_right(self) -> QWidget:
        self.right_tabs = QTabWidget()
        preview = QWidget()
        pl = QVBoxLayout(preview)
        bar = QHBoxLayout()
        self.preview_title = QLabel(self.tr("Belum ada laporan yang dibuat."))
        self.preview_title.setObjectName("sitrepPreviewTitle")
        bar.addWidget(self.preview_title, 1)
        self.print_button = QPushButton(self.tr("&Cetak…"))
        self.print_button.setObjectName("sitrepPrint")
        self.print_button.clicked.connect(self.print_current)
        self.save_button = QPushButton(self.tr("Sim&pan sebagai…"))
        self.save_button.setObjectName("sitrepSave")
        self.save_button.clicked.connect(self.save_current)
        for button in (self.print_button, self.save_button):
            button.setEnabled(False)
            bar.addWidget(button)
        pl.addLayout(bar)
        self.pages = PagesView()
        pl.addWidget(self.pages, 1)
        self.right_tabs.addTab(preview, self.tr("Pratinjau"))

        issued = QWidget()
        il = QVBoxLayout(issued)
        self.list_table = QTableWidget(0, 7)
        self.list_table.setObjectName("sitrepList")
        self.list_table.setHorizontalHeaderLabels(
            [
                self.tr("Nomor"),
                self.tr("Diterbitkan"),
                self.tr("Periode"),
                self.tr("Oleh"),
                self.tr("Halaman"),
                self.tr("Data pribadi"),
                self.tr("Dibatalkan"),
            ]
        )
        self.list_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_table.verticalHeader().setVisible(False)
        self.list_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list_table.doubleClicked.connect(lambda _index: self.open_selected())
        il.addWidget(self.list_table)
        open_button = QPushButton(self.tr("&Buka laporan terpilih"))
        open_button.setObjectName("sitrepOpen")
        open_button.clicked.connect(self.open_selected)
        list_buttons = QHBoxLayout()
        list_buttons.addStretch(1)
        self.void_button = QPushButton(self.tr("Batal&kan nomor…"))
        self.void_button.setObjectName("sitrepVoid")
        self.void_button.setToolTip(
            self.tr("Nyatakan nomor terpilih batal, dengan alasannya (tercatat di register)")
        )
        self.void_button.clicked.connect(self.void_selected)
        self.void_button.setEnabled(self.may_issue)
        list_buttons.addWidget(self.void_button)
        list_buttons.addWidget(open_button)
        il.addLayout(list_buttons)
        self.right_tabs.addTab(issued, self.tr("Laporan terbit"))
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_current)
        return self.right_tabs

    def _load_defaults(self) -> None:
        with self.ctx.db.read() as session:
            start, end = sitreps.default_period(session)
        self.from_edit.setDateTime(_to_qdatetime(start))
        self.to_edit.setDateTime(_to_qdatetime(end))
        self.next_edit.setDateTime(_to_qdatetime(end).addDays(1))
        if self.settings is not None:
            self.signatory_edit.setText(str(self.settings.value(SIGNATORY_NAME_KEY, "") or ""))
            self.signatory_title_edit.setText(
                str(self.settings.value(SIGNATORY_TITLE_KEY, "") or "")
            )
            self.signatory_nip_edit.setText(str(self.settings.value(SIGNATORY_NIP_KEY, "") or ""))
            self.distribution_edit.setPlainText(
                str(self.settings.value(DISTRIBUTION_KEY, "") or "")
            )

    # --- issuing ---------------------------------------------------------------------

    def options(self) -> SitrepOptions:
        return SitrepOptions(
            period_start=_from_qdatetime(self.from_edit.dateTime()),
            period_end=_from_qdatetime(self.to_edit.dateTime()),
            lang=str(self.lang_combo.currentData()),
            sections=tuple(k for k, box in self.section_boxes.items() if box.isChecked()),
            highlights=self.highlights_edit.toPlainText(),
            recommendations=self.recommendations_edit.toPlainText(),
            signatory_name=self.signatory_edit.text(),
            signatory_title=self.signatory_title_edit.text(),
            signatory_nip=self.signatory_nip_edit.text(),
            classification=self.classification_combo.currentText(),
            include_personal_data=self.personal_box.isChecked() and self.may_print_personal,
            annex=self.annex_box.isChecked(),
            distribution=self.distribution_edit.toPlainText(),
            next_report=(
                _from_qdatetime(self.next_edit.dateTime()) if self.next_box.isChecked() else None
            ),
            logo_path=str(logo) if (logo := self.logo_path()) is not None else "",
        )

    def _refused(self, options: SitrepOptions) -> str:
        """Why these options cannot be used, before any work (empty: they can)."""
        edits = [self.from_edit, self.to_edit] + (
            [self.next_edit] if self.next_box.isChecked() else []
        )
        for edit in edits:
            if not edit.has_acceptable_input():
                edit.setFocus()
                return self.tr(
                    'Tanggal/waktu "{0}" tidak terbaca. Tulis mis. 05/12/2026 13:30.'
                ).format(edit.text())
        if options.recommendations.strip() and "recommendations" not in options.sections:
            return self.tr(
                "Rekomendasi sudah ditulis, tetapi bagian Rekomendasi tidak dipilih. Pilih "
                "bagian itu atau kosongkan rekomendasinya."
            )
        return ""

    def preview_draft(self) -> None:
        """The pages as they would be issued, without taking a number ("DRAF")."""
        if self.ctx.actor is None or not self.may_issue:
            return
        options = self.options()
        refused = self._refused(options)
        if refused:
            self.status_label.setText(refused)
            return
        actor, db = self.ctx.actor, self.ctx.db

        def work(progress: Any) -> Generated:
            rendered = issuing.draft_sitrep(db, actor, options, progress=progress)
            images, total = render_pages(rendered.pdf)
            return Generated(None, rendered.pdf, images, total)

        self._busy(self.tr("Menyusun draf…"))
        self.tasks.run(work, self._drafted, self._failed, self._progress)

    def _busy(self, message: str) -> None:
        self.issue_button.setEnabled(False)
        self.draft_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.status_label.setText(message)

    def _idle(self) -> None:
        self.progress.setVisible(False)
        self.issue_button.setEnabled(self.may_issue)
        self.draft_button.setEnabled(self.may_issue)

    def _drafted(self, result: Generated) -> None:
        self._idle()
        self.status_label.setText(
            self.tr("Draf siap (%1 halaman). Belum ada nomor yang diambil.").replace(
                "%1", str(result.total_pages)
            )
        )
        self.show_result(result)

    def generate(self) -> None:
        if self.ctx.actor is None or not self.may_issue:
            return
        options = self.options()
        refused = self._refused(options)
        if refused:
            self.status_label.setText(refused)
            return
        actor = self.ctx.actor
        db, reports_dir = self.ctx.db, self.ctx.paths.reports_dir
        if self.settings is not None:
            self.settings.set_value(SIGNATORY_NAME_KEY, options.signatory_name)
            self.settings.set_value(SIGNATORY_TITLE_KEY, options.signatory_title)
            self.settings.set_value(SIGNATORY_NIP_KEY, options.signatory_nip)
            self.settings.set_value(DISTRIBUTION_KEY, options.distribution)

        def work(progress: Any) -> Generated:
            issued = issuing.issue_sitrep(
                db, actor, options, reports_dir=reports_dir, progress=progress
            )
            pdf = Path(issued.file_path).read_bytes()
            images, total = render_pages(pdf)
            return Generated(issued, pdf, images, total)

        self._busy(self.tr("Menyusun laporan…"))
        self.tasks.run(work, self._generated, self._failed, self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _generated(self, result: Generated) -> None:
        self._idle()
        assert result.sitrep is not None
        self.status_label.setText(
            self.tr("Laporan nomor %1 diterbitkan (%2 halaman).")
            .replace("%1", result.sitrep.number)
            .replace("%2", str(result.sitrep.pages))
        )
        self.show_result(result)
        self.refresh_list()
        if self.bus is not None:
            self.bus.notify({"sitrep"})
        self.issued.emit(result.sitrep)

    def _failed(self, exc: Exception) -> None:
        self._idle()
        self.status_label.setText(self.error_text(exc))

    def error_text(self, exc: Exception) -> str:
        if isinstance(exc, ValidationError):
            if exc.errors.get("period") == "in_future":
                return self.tr(
                    "Akhir periode tidak boleh di masa depan: angka periode yang belum selesai "
                    "masih akan berubah."
                )
            if exc.errors.get("reason") == "required":
                return self.tr("Alasan pembatalan wajib diisi.")
            if exc.field == "period":
                return self.tr("Akhir periode harus setelah awalnya.")
            if exc.field == "classification":
                return self.tr("Klasifikasi wajib diisi.")
            return self.tr("Isian tidak sah: %1").replace("%1", ", ".join(exc.errors))
        if isinstance(exc, PermissionDeniedError):
            return self.tr("Peran Anda tidak berwenang untuk tindakan ini. Tidak ada yang diubah.")
        if isinstance(exc, ServiceError) and exc.code == "sitrep_already_void":
            return self.tr("Nomor ini sudah dibatalkan sebelumnya.")
        if isinstance(exc, ServiceError) and exc.code == "sitrep_file_missing":
            return self.tr("Berkas laporan ini tidak ada di komputer ini.")
        if isinstance(exc, ServiceError) and exc.code == "sitrep_file_changed":
            return self.tr("Berkas laporan ini telah berubah sejak diterbitkan; tidak dibuka.")
        if isinstance(exc, OSError):
            return self.tr("Berkas tidak dapat ditulis: %1").replace("%1", str(exc))
        return self.tr("Laporan gagal dibuat: %1").replace("%1", str(exc))

    def show_result(self, result: Generated) -> None:
        self.current = result
        note = ""
        if result.total_pages > len(result.images):
            note = (
                self.tr("Pratinjau menampilkan %1 dari %2 halaman; cetak atau simpan untuk semua.")
                .replace("%1", str(len(result.images)))
                .replace("%2", str(result.total_pages))
            )
        self.pages.show_pages(result.images, result.total_pages, note)
        if result.sitrep is None:
            self.preview_title.setText(
                self.tr("DRAF · belum bernomor · %1 halaman").replace("%1", str(result.total_pages))
            )
        else:
            self.preview_title.setText(
                self.tr("Laporan Situasi nomor %1 · %2 halaman")
                .replace("%1", result.sitrep.number)
                .replace("%2", str(result.sitrep.pages))
            )
        # A draft is for reading: what is printed or saved carries a number.
        self.print_button.setEnabled(not result.is_draft)
        self.save_button.setEnabled(not result.is_draft)
        self.right_tabs.setCurrentIndex(0)

    # --- issued list -----------------------------------------------------------------

    def refresh_list(self) -> None:
        with self.ctx.db.read() as session:
            rows = sitreps.list_sitreps(session, limit=500)
        lang = "en" if QLocale().language() == QLocale.Language.English else "id"
        self.list_table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = [
                r.number,
                format_datetime(r.issued_at, lang),
                f"{format_datetime(r.period_start, lang)} – {format_datetime(r.period_end, lang)}",
                r.issued_by,
                str(r.pages),
                self.tr("ya") if r.personal_data else self.tr("tidak"),
                r.void_reason or "",
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, r.number)
                self.list_table.setItem(i, j, item)
        self.list_table.resizeColumnsToContents()

    def open_selected(self) -> None:
        row = self.list_table.currentRow()
        if row < 0:
            return
        item = self.list_table.item(row, 0)
        if item is None:
            return
        number = str(item.data(Qt.ItemDataRole.UserRole))
        self.open_number(number)

    def selected_number(self) -> str | None:
        row = self.list_table.currentRow()
        item = self.list_table.item(row, 0) if row >= 0 else None
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def void_selected(self) -> None:
        number = self.selected_number()
        if number is None or not self.may_issue:
            return
        dialog = NoteTextDialog(
            self.tr("Batalkan nomor"),
            self.tr("Alasan pembatalan nomor %1 (tercatat di register):").replace("%1", number),
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.void_number(number, dialog.text())

    def void_number(self, number: str, reason: str) -> None:
        if self.ctx.actor is None:
            return
        actor, db = self.ctx.actor, self.ctx.db

        def work() -> sitreps.IssuedSitrep:
            with db.write() as session:
                return sitreps.void_sitrep(session, actor, number, reason)

        def done(record: sitreps.IssuedSitrep) -> None:
            self.status_label.setText(self.tr("Nomor %1 dibatalkan.").replace("%1", record.number))
            self.refresh_list()
            if self.bus is not None:
                self.bus.notify({"sitrep"})

        self.tasks.run(work, done, self._failed)

    def open_number(self, number: str) -> None:
        db = self.ctx.db

        def work() -> Generated:
            with db.read() as session:
                record, pdf = sitreps.open_sitrep(session, number)
            images, total = render_pages(pdf)
            return Generated(record, pdf, images, total)

        self.tasks.run(work, self.show_result, self._failed)

    # --- print and save --------------------------------------------------------------

    def print_current(self) -> None:
        if self.current is None or self.current.sitrep is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"Laporan Situasi {self.current.sitrep.number}")
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        assert self.current is not None
        try:
            return print_pdf(self.current.pdf, printer)
        except OSError as exc:
            message_box(
                self,
                QMessageBox.Icon.Warning,
                self.tr("Laporan tidak dapat dicetak"),
                self.error_text(exc),
            ).exec()
            return 0

    def save_current(self) -> None:
        if self.current is None or self.current.sitrep is None:
            return
        suggested = str(Path.home() / sitreps.file_name(self.current.sitrep.number))
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan laporan situasi"), suggested, self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        assert self.current is not None
        try:
            path.write_bytes(self.current.pdf)
        except OSError as exc:
            message_box(
                self,
                QMessageBox.Icon.Warning,
                self.tr("PDF tidak dapat disimpan"),
                self.error_text(exc),
            ).exec()
            return False
        self.status_label.setText(self.tr("Disimpan ke %1").replace("%1", str(path)))
        return True


__all__ = ["PREVIEW_PAGES", "Generated", "SitrepDialog"]

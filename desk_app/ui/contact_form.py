"""The new/edit contact form (personal data under UU PDP)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.models.enums import TaxonomyKind
from desk_app.services import contacts as service
from desk_app.services.contacts import ContactInput
from desk_app.services.errors import ServiceError, ValidationError
from desk_app.services.phones import display_phone
from desk_app.services.regions import region_names
from desk_app.services.taxonomy import terms
from desk_app.ui.code_combo import CheckList, CodeCombo
from desk_app.ui.context import UiContext, ui_context_of
from desk_app.ui.form_errors import ErrorLabel, confirm_discard, error_text, field_error_text
from desk_app.ui.ops import OpResult, run_op
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.settings import ui_language
from desk_app.ui.signin_dialog import quitting


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ContactForm(QDialog):
    saved = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        contact_id: str | None = None,
        parent: QWidget | None = None,
        *,
        ui: UiContext | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = ui or ui_context_of(parent) or UiContext.detached(ctx)
        self.contact_id = contact_id
        self.setObjectName("contactForm")
        self.setWindowTitle(
            self.tr("Kontak baru") if contact_id is None else self.tr("Ubah kontak")
        )
        self._lang = ui_language()
        self._build()
        if contact_id is not None:
            self._load(contact_id)
        #: What the form held when it opened: closing asks before dropping changes to it.
        self._opened_with = self.to_input()
        self._saved = False

    def _build(self) -> None:
        self.honorific = QLineEdit()
        self.honorific.setPlaceholderText(self.tr("mis. KH, Dr., Ir."))
        self.name = QLineEdit()
        self.position = QLineEdit()
        self.organisation = QLineEdit()
        self.category = CodeCombo()
        self.forums = CheckList()
        self.forums.setMaximumHeight(110)
        self.province_wide = QCheckBox(self.tr("Seluruh provinsi"))
        self.regions = CheckList()
        self.regions.setMinimumHeight(110)
        self.province_wide.toggled.connect(lambda on: self.regions.setEnabled(not on))
        self.phones = QPlainTextEdit()
        self.phones.setTabChangesFocus(True)
        self.phones.setPlaceholderText(self.tr("Satu nomor per baris, mis. 0812-3456-7890"))
        self.phones.setMaximumHeight(70)
        self.whatsapp = QLineEdit()
        self.email = QLineEdit()
        self.social = QPlainTextEdit()
        self.social.setTabChangesFocus(True)
        self.social.setPlaceholderText(self.tr("Satu akun per baris, mis. instagram: @nama"))
        self.social.setMaximumHeight(60)
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setMaximumHeight(50)
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(self.tr("mis. persetujuan tertulis, jabatan publik"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(60)
        for name in (
            "honorific", "name", "position", "organisation", "category", "forums",
            "province_wide", "regions", "phones", "whatsapp", "email", "social", "address",
            "basis", "notes",
        ):  # fmt: skip
            getattr(self, name).setObjectName(name)

        with self.ctx.db.read() as s:
            cats = [(t.code, t.label(self._lang)) for t in terms(s, TaxonomyKind.CONTACT_CATEGORY)]
            forums = [(t.code, t.label(self._lang)) for t in terms(s, TaxonomyKind.FORUM)]
            regions = region_names(s)
        self.category.set_items(cats, placeholder=self.tr("— pilih —"))
        self.forums.set_items(forums)
        self.regions.set_items(regions)

        self.errors: dict[str, ErrorLabel] = {}
        left = QFormLayout()
        right = QFormLayout()

        def add(form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(2)
            lay.addWidget(widget)
            err = ErrorLabel()
            err.setObjectName(f"error_{name}")
            lay.addWidget(err)
            self.errors[name] = err
            lab = QLabel(label)
            lab.setBuddy(widget)
            form.addRow(lab, box)

        add(left, "honorific", self.tr("&Gelar"), self.honorific)
        add(left, "name", self.tr("&Nama *"), self.name)
        add(left, "position", self.tr("&Jabatan"), self.position)
        add(left, "organisation", self.tr("&Organisasi"), self.organisation)
        add(left, "category", self.tr("&Kategori *"), self.category)
        add(left, "forums", self.tr("&Forum"), self.forums)
        add(left, "province_wide", self.tr("Cakupan"), self.province_wide)
        add(left, "region_codes", self.tr("&Wilayah"), self.regions)
        add(right, "phones", self.tr("Nomor &telepon"), self.phones)
        add(right, "whatsapp", self.tr("WhatsApp"), self.whatsapp)
        add(right, "email", self.tr("&E-mail"), self.email)
        add(right, "social", self.tr("Akun media &sosial"), self.social)
        add(right, "address", self.tr("&Alamat"), self.address)
        add(right, "basis", self.tr("&Dasar/persetujuan"), self.basis)
        add(right, "notes", self.tr("&Catatan"), self.notes)

        actor = self.ctx.actor
        if actor is not None and not actor.sees_personal_data:
            for name in service.MASKED_FIELDS:
                widget = getattr(self, name)
                widget.setReadOnly(True)
                widget.setToolTip(self.tr("Data pribadi disembunyikan untuk peran Anda."))

        self.general_error = ErrorLabel()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save")
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+Enter)"))
        cancel = buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setAutoDefault(False)
        cancel.setAutoDefault(False)
        self.save_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.submit)
        columns = QHBoxLayout()
        for i, form in enumerate((left, right)):
            column = QVBoxLayout()
            column.addLayout(form)
            column.addStretch(1)  # rows keep their height; spare room goes below
            if i:
                columns.addSpacing(12)
            columns.addLayout(column, 1)
        note = QLabel(
            self.tr("* wajib diisi · Data pribadi dilindungi UU PDP: catat dasar/persetujuannya.")
        )
        note.setStyleSheet("color: #555;")
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.general_error)
        bottom = QHBoxLayout()
        bottom.addWidget(note, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        fit_window(self, 900, 620)
        self.honorific.setFocus()

    def _load(self, contact_id: str) -> None:
        actor = self.ctx.actor
        assert actor is not None
        with self.ctx.db.read() as s:
            data = service.input_of(s, contact_id)
            shown = service.get_contact(s, actor, contact_id)
        masked = shown.row.personal_data_masked
        self.honorific.setText(data.honorific)
        self.name.setText(data.name)
        self.position.setText(data.position)
        self.organisation.setText(data.organisation)
        self.category.set_code(data.category)
        self.forums.set_codes(data.forums)
        self.province_wide.setChecked(data.province_wide)
        self.regions.set_codes(data.region_codes)
        phones = shown.row.phones if masked else tuple(display_phone(p) for p in data.phones)
        self.phones.setPlainText("\n".join(phones))
        self.whatsapp.setText(
            shown.row.whatsapp if masked else display_phone(data.whatsapp) if data.whatsapp else ""
        )
        self.email.setText(shown.row.email)
        self.social.setPlainText(service.social_text(shown.social, "\n"))
        self.address.setPlainText(shown.address)
        self.basis.setText(data.basis)
        self.notes.setPlainText(data.notes)

    def to_input(self) -> ContactInput:
        social: dict[str, str] = {}
        for line in _lines(self.social.toPlainText()):
            key, _, handle = line.partition(":")
            if handle.strip():
                social[key.strip()] = handle.strip()
            else:
                social[self.tr("akun")] = key.strip()
        return ContactInput(
            name=self.name.text(),
            category=self.category.code(),
            honorific=self.honorific.text(),
            position=self.position.text(),
            organisation=self.organisation.text(),
            forums=self.forums.codes(),
            region_codes=self.regions.codes(),
            province_wide=self.province_wide.isChecked(),
            phones=_lines(self.phones.toPlainText()),
            whatsapp=self.whatsapp.text(),
            email=self.email.text(),
            social=social,
            address=self.address.toPlainText(),
            basis=self.basis.text(),
            notes=self.notes.toPlainText(),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, label in self.errors.items():
            label.show_error(field_error_text(errors[name]) if name in errors else "")

    def submit(self) -> None:
        actor: Any = self.ctx.actor
        data = self.to_input()
        contact_id = self.contact_id

        def write(s: Any) -> str:
            if contact_id is None:
                return service.add_contact(s, actor, data)
            return service.write_contact(s, actor, contact_id, data)

        run_op(self, write, success=self._written, failure=self._refused, ui=self.ui)

    def _written(self, result: OpResult[str]) -> None:
        self.show_errors({})
        self._saved = True
        self.saved.emit(result.value)
        self.accept()

    def _refused(self, exc: ServiceError) -> None:
        if isinstance(exc, ValidationError):
            self.show_errors(exc.errors)
            self.general_error.show_error("")
        else:
            self.show_errors({})
            self.general_error.show_error(error_text(exc))

    # -- closing ---------------------------------------------------------------------------

    def has_changes(self) -> bool:
        return not self._saved and self.to_input() != self._opened_with

    def _may_close(self) -> bool:
        """True when nothing typed would be lost, or the person agrees to drop it."""
        return not self.has_changes() or quitting() or confirm_discard(self)

    def reject(self) -> None:
        # Batal, Esc and the window's close button all come here (QDialog's closeEvent
        # calls reject() and keeps the window open if it is still shown).
        if self._may_close():
            super().reject()

"""A small dialog that records a typed note: a kind chosen from a list, its fields, and
Simpan/Batal. An incident's follow-up and a contact's engagement are such notes.

A refused note (a field missing, too long) keeps the dialog open with the reason under
the fields, so nothing typed is lost; only a successful write closes it.

Keyboard first: Tab walks the kind, the fields in their order, then Simpan and Batal
(never Simpan before the note, where a stray Space would press it); Ctrl+Enter saves
from anywhere, Esc cancels. A status change's note, or any other required text alone,
is a ``NoteTextDialog``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.errors import ServiceError, ValidationError
from desk_app.ui.code_combo import CodeCombo
from desk_app.ui.datetime_edit import DateTimeEdit
from desk_app.ui.form_errors import ErrorLabel, field_error_text, field_name
from desk_app.ui.ops import OpResult, run_op


class NoteDialog(QDialog):
    """The shared part: "Jenis *" from ``types`` (code, label), the rows a subclass adds
    to ``form``, a message line and the buttons."""

    def __init__(
        self, types: list[tuple[str, str]], type_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.type = CodeCombo()
        self.type.setObjectName(type_name)
        # tr() takes the subclass's name as its context: each dialog keeps its own texts.
        self.type.set_items(types, placeholder=self.tr("— pilih —"))
        self.error = ErrorLabel("noteError")
        self.form = QFormLayout()
        self.form.addRow(self.tr("Jenis *"), self.type)
        buttons, self.save_button, self.cancel_button = _save_cancel(self)
        hint = _keys_hint()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        # The rows a subclass added after the buttons come before them in the Tab order.
        fields: list[QWidget] = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                fields.append(widget)
        for a, b in itertools.pairwise([*fields, self.save_button, self.cancel_button]):
            QWidget.setTabOrder(a, b)
        super().showEvent(event)
        if not self.error.isVisible():
            self.type.setFocus()

    def accept(self) -> None:
        for edit in self.findChildren(DateTimeEdit):
            if not edit.has_acceptable_input():
                # A date that cannot be read is never saved as some other date.
                self.error.show_error(field_error_text("unreadable_date"))
                edit.setFocus()
                return
        super().accept()

    def record(self, write: Callable[[], object]) -> bool | ServiceError:
        """Show the dialog until ``write`` (which reads the fields) succeeds: True; False
        when the person cancels; any refusal other than a field's is returned."""
        while self.exec() == QDialog.DialogCode.Accepted:
            try:
                write()
            except ValidationError as exc:
                self.show_field_errors(exc)
                continue
            except ServiceError as exc:
                return exc
            return True
        return False

    def show_field_errors(self, exc: ValidationError) -> None:
        self.error.show_error(
            "; ".join(f"{field_name(k)}: {field_error_text(v)}" for k, v in exc.errors.items())
        )

    def record_op(
        self,
        owner: QWidget,
        unit: Callable[[], Callable[[Any], object]],
        done: Callable[[OpResult[object]], None],
        refused: Callable[[ServiceError], None],
    ) -> None:
        """Show the dialog; on *Simpan*, ``unit()`` reads the fields (here, on the GUI
        thread) and returns the write, which runs on the writer lane (``run_op``). A
        refused field shows the dialog again with the reason, nothing typed lost; another
        refusal goes to ``refused``; a written note to ``done``."""
        if self.exec() != QDialog.DialogCode.Accepted:
            return
        write = unit()

        def failed(exc: ServiceError) -> None:
            if isinstance(exc, ValidationError):
                self.show_field_errors(exc)
                self.record_op(owner, unit, done, refused)
            else:
                refused(exc)

        run_op(owner, write, success=done, failure=failed)


def _keys_hint() -> QLabel:
    hint = QLabel(
        QCoreApplication.translate("NoteDialog", "Ctrl+Enter menyimpan · Esc membatalkan")
    )
    hint.setStyleSheet("color: #555;")
    return hint


def _save_cancel(dialog: QDialog) -> tuple[QDialogButtonBox, QPushButton, QPushButton]:
    """Simpan and Batal (Indonesian, whatever Qt's own catalogue), Ctrl+Enter to save.
    Neither is pressed by Enter in a field: Enter there is a new line or nothing."""
    buttons = QDialogButtonBox()
    save = buttons.addButton(
        QCoreApplication.translate("NoteDialog", "Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
    )
    cancel = buttons.addButton(
        QCoreApplication.translate("NoteDialog", "Batal"), QDialogButtonBox.ButtonRole.RejectRole
    )
    save.setObjectName("saveNote")
    save.setToolTip(QCoreApplication.translate("NoteDialog", "Simpan (Ctrl+Enter)"))
    for button in (save, cancel):
        button.setAutoDefault(False)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, dialog.accept)
    return buttons, save, cancel


class NoteTextDialog(QDialog):
    """A required written note (a status change's, a voided number's reason): the
    question, a wrapping text box, Simpan/Batal, Ctrl+Enter to save.

    ``record_op`` writes through the writer lane; a refused note (empty, too long) opens
    the dialog again with the reason and the text as typed."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusNoteDialog")
        self.setWindowTitle(title)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setObjectName("statusNote")
        self.note.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.note.setTabChangesFocus(True)
        self.prompt.setBuddy(self.note)
        self.error = ErrorLabel("statusNoteError")
        buttons, self.save_button, self.cancel_button = _save_cancel(self)
        hint = _keys_hint()
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.note, 1)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        QWidget.setTabOrder(self.note, self.save_button)
        QWidget.setTabOrder(self.save_button, self.cancel_button)
        self.resize(480, 260)
        self.note.setFocus()

    def text(self) -> str:
        return self.note.toPlainText()

    def accept(self) -> None:
        if not self.text().strip():
            # Refused here, before any write: the reason under the box, the dialog open.
            self.error.show_error(field_error_text("required"))
            self.note.setFocus()
            return
        super().accept()

    def record_op(
        self,
        owner: QWidget,
        unit: Callable[[str], Callable[[Any], object]],
        done: Callable[[OpResult[object]], None],
        refused: Callable[[ServiceError], None],
    ) -> None:
        """Show the dialog; on *Simpan*, ``unit(note)`` gives the write for the writer
        lane. A refused note shows the dialog again, the text kept; another refusal goes
        to ``refused``; a written change to ``done``."""
        self.note.setFocus()
        if self.exec() != QDialog.DialogCode.Accepted:
            return

        def failed(exc: ServiceError) -> None:
            if isinstance(exc, ValidationError):
                self.error.show_error(field_error_text(next(iter(exc.errors.values()))))
                self.record_op(owner, unit, done, refused)
            else:
                refused(exc)

        run_op(owner, unit(self.text()), success=done, failure=failed)

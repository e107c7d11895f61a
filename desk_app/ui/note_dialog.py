"""A small dialog that records a typed note: a kind chosen from a list, its fields, and
Simpan/Batal. An incident's follow-up and a contact's engagement are such notes.

A refused note (a field missing, too long) keeps the dialog open with the reason under
the fields, so nothing typed is lost; only a successful write closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.errors import ServiceError, ValidationError
from desk_app.ui.code_combo import CodeCombo
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
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Simpan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

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

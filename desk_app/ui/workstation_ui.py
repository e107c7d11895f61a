"""This workstation's code, changed after the first start: Administrasi → Kode
workstation…, for administrators.

The code numbers the incidents (``GB1-2024-00042``) and names the workstation at the
hub, so it can change only until the first incident is numbered here, the first sync, or
the enrollment with a hub (``services.setup.change_workstation_code`` and
``workstation_code_fixed``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.errors import ServiceError
from desk_app.services.permissions import Action, allowed
from desk_app.ui.ops import OpResult, run_op

if TYPE_CHECKING:
    from desk_app.context import AppContext
    from desk_app.ui.main_window import MainWindow


def change_code(ctx: AppContext, session: Any, code: str) -> str:
    """On the writer lane: refuse once the workstation is enrolled with a hub, else set it."""
    from desk_app.services import setup
    from desk_app.sync import settings as hub_settings

    assert ctx.actor is not None
    if hub_settings.load(ctx.paths.data_dir).url:
        raise ServiceError(
            "the workstation code is fixed once it is enrolled with a hub",
            code="workstation_code_fixed",
            current=ctx.workstation_code,
        )
    return setup.change_workstation_code(session, ctx.actor, code)


class WorkstationCodeDialog(QDialog):
    """One field, its rule, and the reason when the code cannot change any more."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("workstationCodeDialog")
        self.setWindowTitle(self.tr("Kode workstation"))
        self.code = QLineEdit(ctx.workstation_code)
        self.code.setObjectName("workstationCodeEdit")
        self.code.setMaxLength(6)
        hint = QLabel(
            self.tr(
                "2–6 huruf besar atau angka, berbeda di tiap workstation. Nomor insiden "
                "diawali kode ini. Kode dapat diubah hanya sebelum insiden pertama diberi "
                "nomor, sebelum sinkronisasi pertama, dan sebelum terdaftar di hub."
            )
        )
        hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("workstationCodeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        form = QFormLayout()
        label = QLabel(self.tr("&Kode workstation:"))
        label.setBuddy(self.code)
        form.addRow(label, self.code)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            self.tr("&Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def save(self) -> None:
        from desk_app.services.errors import ValidationError
        from desk_app.services.setup import validate_workstation_code

        try:
            code = validate_workstation_code(self.code.text())
        except ValidationError:
            self._say(self.tr("Kode workstation harus 2–6 huruf besar atau angka."))
            return
        self.save_button.setEnabled(False)
        run_op(
            self,
            lambda session: change_code(self.ctx, session, code),
            success=self._saved,
            failure=self._refused,
        )

    def _saved(self, result: OpResult[str]) -> None:
        self.ctx.workstation_code = result.value
        self.accept()

    def _refused(self, exc: ServiceError) -> None:
        from desk_app.messages import error_message
        from desk_app.ui.settings import ui_language

        self.save_button.setEnabled(True)
        if exc.code == "workstation_code_fixed":
            self._say(
                self.tr(
                    "Kode workstation %1 tidak dapat diubah lagi: sudah ada insiden "
                    "bernomor, workstation ini sudah tersinkron, atau sudah terdaftar di hub."
                ).replace("%1", self.ctx.workstation_code)
            )
        else:
            self._say(error_message(exc.code, exc.values, str(exc), ui_language()))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)


class WorkstationFeature(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.code_action = window.command(
            "workstation_code", self.tr("Kode &workstation…"), self.open_code
        )
        actor = window.ctx.actor
        self.code_action.setVisible(actor is not None and allowed(actor, Action.MANAGE_HUB))
        admin = window.menus.get("admin")
        if admin is not None:
            admin.addAction(self.code_action)
        self.dialog: WorkstationCodeDialog | None = None

    def open_code(self) -> WorkstationCodeDialog:
        self.dialog = WorkstationCodeDialog(self.window.ctx, self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
        return self.dialog


def install(window: MainWindow) -> None:
    window.features.add(WorkstationFeature(window))

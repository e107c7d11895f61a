"""The first start of a new workstation, after the administrator's password: this
workstation's code, and demo data for someone who is only trying the app.

Both can be skipped: the code stays as generated (it can be changed until the first
incident is numbered or the first sync), and demo data can be added later with
``desk-app seed-demo``. The hub step belongs here too (TODO: it comes with the hub
connection work; today ``desk-app hub connect URL`` does it).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.ui.bus import DataBus
from desk_app.ui.tasks import TaskRunner

#: How many incidents "fill with demo data" makes: enough to see every tab at work, made
#: in a few seconds.
DEMO_INCIDENTS = 1000


@dataclass(frozen=True)
class FirstStartResult:
    code: str
    demo_users: tuple[str, ...] = ()
    demo_password: str = ""
    demo_incidents: int = 0


def apply_first_start(ctx: AppContext, code: str, demo: bool) -> FirstStartResult:
    """On a worker: the code, then (if asked) the demo data and its users' password."""
    from desk_app.services import demo as demo_service
    from desk_app.services import setup

    assert ctx.actor is not None
    with ctx.db.write() as session:
        code = setup.change_workstation_code(session, ctx.actor, code)
    ctx.workstation_code = code
    if not demo:
        return FirstStartResult(code)
    result = demo_service.seed_demo(ctx.db, incidents=DEMO_INCIDENTS)
    with ctx.db.write() as session:
        names, password = demo_service.give_demo_passwords(session, ctx.actor)
    return FirstStartResult(code, tuple(names), password, result.incidents)


class FirstStartDialog(QDialog):
    """Welcome, workstation code, demo data. ``applied`` carries a FirstStartResult."""

    applied = Signal(object)

    def __init__(
        self, ctx: AppContext, bus: DataBus, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bus = bus
        self.tasks = tasks
        self.setObjectName("firstStartDialog")
        self.setWindowTitle(self.tr("Selamat datang di Desk Pilkada"))
        self.setModal(True)

        intro = QLabel(
            self.tr(
                "Dua hal sebelum mulai. Keduanya boleh dilewati dan diatur nanti; "
                "sambungan ke hub diatur dengan perintah desk-app hub connect."
            )
        )
        intro.setWordWrap(True)

        self.code = QLineEdit(ctx.workstation_code)
        self.code.setObjectName("workstationCode")
        self.code.setMaxLength(6)
        code_hint = QLabel(
            self.tr(
                "2–6 huruf besar atau angka, berbeda di tiap workstation. Nomor insiden "
                "diawali kode ini, mis. %1-2024-00001."
            ).replace("%1", ctx.workstation_code)
        )
        code_hint.setWordWrap(True)

        self.demo = QCheckBox(self.tr("Isi dengan &data contoh (saya hanya mencoba)"))
        self.demo.setObjectName("fillWithDemo")
        demo_hint = QLabel(
            self.tr(
                "%1 insiden dan kontak rekaan selama masa kampanye, serta pengguna contoh "
                "dengan satu kata sandi yang ditampilkan sekali. Jangan dipakai pada "
                "workstation yang dipakai bertugas."
            ).replace("%1", QLocale().toString(DEMO_INCIDENTS))
        )
        demo_hint.setWordWrap(True)

        self.error = QLabel()
        self.error.setObjectName("firstStartError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()

        form = QFormLayout()
        label = QLabel(self.tr("&Kode workstation:"))
        label.setBuddy(self.code)
        form.addRow(label, self.code)
        form.addRow("", code_hint)

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("&Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveFirstStart")
        self.skip_button = self.buttons.addButton(
            self.tr("&Lewati"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.skip_button.setObjectName("skipFirstStart")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.demo)
        layout.addWidget(demo_hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def accept(self) -> None:
        from desk_app.services.errors import ValidationError
        from desk_app.services.setup import validate_workstation_code

        try:
            code = validate_workstation_code(self.code.text())
        except ValidationError:
            self._show_error(self.tr("Kode workstation harus 2–6 huruf besar atau angka."))
            self.code.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.error.hide()
        self.save_button.setEnabled(False)
        self.skip_button.setEnabled(False)
        demo = self.demo.isChecked()
        if demo:
            self.error.setStyleSheet("")
            self.error.setText(self.tr("Mengisi data contoh…"))
            self.error.show()
        self.tasks.run(lambda: apply_first_start(self.ctx, code, demo), self._applied, self._failed)

    def _applied(self, result: FirstStartResult) -> None:
        if result.demo_incidents:
            self.bus.notify(
                {"incident", "contact", "region", "alert_level_change", "user", "engagement"}
            )
        if result.demo_password:
            QMessageBox.information(
                self,
                self.tr("Pengguna contoh"),
                self.tr(
                    "Pengguna contoh %1 dapat masuk dengan kata sandi <b>%2</b>.<br>"
                    "Kata sandi ini hanya ditampilkan sekali ini."
                )
                .replace("%1", ", ".join(result.demo_users))
                .replace("%2", result.demo_password),
            )
        self.applied.emit(result)
        super().accept()

    def _failed(self, exc: Exception) -> None:
        from desk_app.services.errors import ServiceError

        self.save_button.setEnabled(True)
        self.skip_button.setEnabled(True)
        if isinstance(exc, ServiceError) and exc.code == "workstation_code_fixed":
            text = self.tr(
                "Kode workstation tidak dapat diubah lagi: sudah ada insiden bernomor "
                "atau workstation ini sudah tersinkron."
            )
        else:
            text = self.tr("Gagal menyimpan: %1").replace("%1", str(exc))
        self._show_error(text)

    def _show_error(self, text: str) -> None:
        self.error.setStyleSheet("color: #b00020")
        self.error.setText(text)
        self.error.show()

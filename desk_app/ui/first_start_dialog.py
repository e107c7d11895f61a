"""The first start of a new workstation, after the administrator's password: this
workstation's code, the hub it syncs with, and demo data for someone who is only trying
the app.

Each step can be skipped and done later from the menus: the code from Administrasi →
Kode workstation… (until the first incident is numbered, the first sync, or the
enrollment), the hub from Administrasi → Pengaturan hub…, and demo data with
``desk-app seed-demo``. Demo data and a hub exclude each other: a demo database never
syncs.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.ui.bus import DataBus
from desk_app.ui.settings import ui_language
from desk_app.ui.tasks import TaskRunner

#: How many incidents "fill with demo data" makes: enough to see every tab at work, made
#: in a few seconds.
DEMO_INCIDENTS = 1000

_ERROR_STYLE = "color: #b00020"


@dataclass(frozen=True)
class HubStep:
    """The hub to enroll with, and the hub administrator who vouches for this desk."""

    url: str
    username: str
    password: str


@dataclass(frozen=True)
class FirstStartResult:
    code: str
    #: The demo accounts made, with their role and password (shown once, never stored).
    demo_accounts: tuple[tuple[str, str, str], ...] = ()
    demo_incidents: int = 0
    hub_url: str = ""


def apply_first_start(
    ctx: AppContext, code: str, demo: bool, hub: HubStep | None = None
) -> FirstStartResult:
    """On a worker: the code, then the hub's enrollment or (if asked) the demo data."""
    from desk_app import demo as demo_service
    from desk_app.services import setup

    assert ctx.actor is not None
    with ctx.db.write() as session:
        code = setup.change_workstation_code(session, ctx.actor, code)
    ctx.workstation_code = code
    if hub is not None:
        from desk_app.sync import connection

        workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
        remote = connection.enroll(ctx.db, workstation, hub.url, hub.username, hub.password)
        url = remote.url
        remote.dispose()
        return FirstStartResult(code, hub_url=url)
    if not demo:
        return FirstStartResult(code)
    result = demo_service.seed_demo(ctx.db, incidents=DEMO_INCIDENTS, actor=ctx.actor)
    return FirstStartResult(code, result.passwords, result.incidents)


def probe_hub(url: str) -> tuple[str, str]:
    """On a worker: the hub's schema revision and app version, or the error why not."""
    from desk_app.sync.remote import RemoteHub, check_service_url

    hub = RemoteHub(check_service_url(url))
    try:
        hello = hub.hello()
    finally:
        hub.dispose()
    return str(hello["schema_revision"]), str(hello["app_version"])


def demo_accounts_table(accounts: tuple[tuple[str, str, str], ...]) -> str:
    """The demo accounts' names, roles and passwords as a small rich-text table."""
    from html import escape

    from desk_app.ui.labels import role_name

    rows = "".join(
        f"<tr><td>{escape(name)}</td><td>{escape(role_name(role))}</td>"
        f"<td><b><tt>{escape(password)}</tt></b></td></tr>"
        for name, role, password in accounts
    )
    return f"<table cellspacing='6'>{rows}</table>"


class FirstStartDialog(QDialog):
    """Welcome, workstation code, hub, demo data. ``applied`` carries a FirstStartResult."""

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
                "Tiga hal sebelum mulai. Semuanya boleh dilewati dan diatur nanti dari "
                "menu Administrasi."
            )
        )
        intro.setWordWrap(True)

        # -- this workstation's code ---------------------------------------------------
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
        self.code_error = QLabel()
        self.code_error.setObjectName("workstationCodeError")
        self.code_error.setWordWrap(True)
        self.code_error.setStyleSheet(_ERROR_STYLE)
        self.code_error.hide()
        code_box = QGroupBox(self.tr("1. Workstation ini"))
        code_layout = QVBoxLayout(code_box)
        code_form = QFormLayout()
        label = QLabel(self.tr("&Kode workstation:"))
        label.setBuddy(self.code)
        code_form.addRow(label, self.code)
        code_layout.addLayout(code_form)
        code_layout.addWidget(code_hint)
        code_layout.addWidget(self.code_error)

        # -- the hub -------------------------------------------------------------------
        self.hub_url = QLineEdit()
        self.hub_url.setObjectName("firstStartHubUrl")
        self.hub_url.setPlaceholderText("https://hub.setda.local:8765")
        self.hub_user = QLineEdit(ctx.actor.username if ctx.actor is not None else "admin")
        self.hub_user.setObjectName("firstStartHubUser")
        self.hub_password = QLineEdit()
        self.hub_password.setObjectName("firstStartHubPassword")
        self.hub_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton(self.tr("&Uji sambungan"))
        self.test_button.setObjectName("firstStartTestHub")
        self.test_button.clicked.connect(self.test_hub)
        self.hub_outcome = QLabel()
        self.hub_outcome.setObjectName("firstStartHubOutcome")
        self.hub_outcome.setWordWrap(True)
        self.hub_outcome.hide()
        hub_hint = QLabel(
            self.tr(
                "Alamat layanan sinkronisasi dan akun administrator hub, dari administrator "
                "Posko. Kosongkan bila workstation ini bekerja sendiri."
            )
        )
        hub_hint.setWordWrap(True)
        hub_box = QGroupBox(self.tr("2. Hub sinkronisasi"))
        hub_layout = QVBoxLayout(hub_box)
        hub_layout.addWidget(hub_hint)
        hub_form = QFormLayout()
        for text, field in (
            (self.tr("&Alamat hub:"), self.hub_url),
            (self.tr("&Administrator hub:"), self.hub_user),
            (self.tr("Kata &sandi administrator hub:"), self.hub_password),
        ):
            row_label = QLabel(text)
            row_label.setBuddy(field)
            hub_form.addRow(row_label, field)
        hub_form.addRow("", self.test_button)
        hub_layout.addLayout(hub_form)
        hub_layout.addWidget(self.hub_outcome)

        # -- demo data -----------------------------------------------------------------
        self.demo = QCheckBox(self.tr("Isi dengan &data contoh (saya hanya mencoba)"))
        self.demo.setObjectName("fillWithDemo")
        demo_hint = QLabel(
            self.tr(
                "%1 insiden dan kontak rekaan selama masa kampanye, serta pengguna contoh "
                "dengan kata sandi yang ditampilkan sekali. Data contoh tidak pernah "
                "dikirim ke hub; jangan dipakai pada workstation yang dipakai bertugas."
            ).replace("%1", QLocale().toString(DEMO_INCIDENTS))
        )
        demo_hint.setWordWrap(True)
        demo_box = QGroupBox(self.tr("3. Hanya mencoba"))
        demo_layout = QVBoxLayout(demo_box)
        demo_layout.addWidget(self.demo)
        demo_layout.addWidget(demo_hint)

        self.error = QLabel()
        self.error.setObjectName("firstStartError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.hide()

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
        layout.addWidget(code_box)
        layout.addWidget(hub_box)
        layout.addWidget(demo_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    # -- the hub step ----------------------------------------------------------------------

    def hub_step(self) -> HubStep | None:
        url = self.hub_url.text().strip()
        if not url:
            return None
        return HubStep(url, self.hub_user.text().strip(), self.hub_password.text())

    def test_hub(self) -> None:
        """Reach the hub now and say plainly whether it answers."""
        url = self.hub_url.text().strip()
        if not url:
            self._hub_says(self.tr("Isi alamat hub dahulu."), error=True)
            self.hub_url.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._hub_says(self.tr("Menghubungi hub…"), error=False)
        self.test_button.setEnabled(False)
        self.tasks.run(lambda: probe_hub(url), self._probed, self._probe_failed)

    def _probed(self, answer: tuple[str, str]) -> None:
        from desk_app.db import head_revision

        self.test_button.setEnabled(True)
        revision, version = answer
        if revision == head_revision():
            self._hub_says(
                self.tr("Terhubung. Hub siap (versi %1).").replace("%1", version), error=False
            )
        else:
            self._hub_says(
                self.tr(
                    "Hub menjawab, tetapi memakai skema %1 yang berbeda dengan aplikasi ini: "
                    "samakan versi Desk Pilkada dahulu."
                ).replace("%1", revision),
                error=True,
            )

    def _probe_failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        self._hub_says(self._hub_message(exc), error=True)

    def _hub_message(self, exc: Exception) -> str:
        from desk_app.messages import error_message
        from desk_app.services.errors import ServiceError
        from desk_app.sync.errors import HubUnavailableError

        if isinstance(exc, HubUnavailableError):
            return self.tr(
                "Hub tidak dapat dihubungi (%1). Periksa alamat dan jaringannya, atau "
                "lewati langkah ini dan atur nanti."
            ).replace("%1", str(exc.values.get("reason", "")))
        if isinstance(exc, ServiceError):
            return error_message(exc.code, exc.values, str(exc), ui_language())
        return self.tr("Hub tidak dapat dihubungi: %1").replace("%1", str(exc))

    def _hub_says(self, text: str, *, error: bool) -> None:
        self.hub_outcome.setStyleSheet(_ERROR_STYLE if error else "")
        self.hub_outcome.setText(text)
        self.hub_outcome.show()
        self.adjustSize()

    # -- saving ----------------------------------------------------------------------------

    def accept(self) -> None:
        from desk_app.services.errors import ValidationError
        from desk_app.services.setup import validate_workstation_code

        self.error.hide()
        self.code_error.hide()
        try:
            code = validate_workstation_code(self.code.text())
        except ValidationError:
            self._code_says(self.tr("Kode workstation harus 2–6 huruf besar atau angka."))
            return
        hub = self.hub_step()
        demo = self.demo.isChecked()
        if hub is not None and demo:
            self._show_error(
                self.tr(
                    "Data contoh tidak dapat dipakai bersama hub: kosongkan alamat hub atau "
                    "hapus centang data contoh."
                )
            )
            return
        if hub is not None and not (hub.username and hub.password):
            self._hub_says(
                self.tr("Isi nama dan kata sandi administrator hub untuk mendaftar."),
                error=True,
            )
            (self.hub_password if hub.username else self.hub_user).setFocus(
                Qt.FocusReason.OtherFocusReason
            )
            return
        self.save_button.setEnabled(False)
        self.skip_button.setEnabled(False)
        if demo:
            self._show_progress(self.tr("Mengisi data contoh…"))
        elif hub is not None:
            self._hub_says(self.tr("Mendaftarkan workstation ini di hub…"), error=False)
        self.tasks.run(
            lambda: apply_first_start(self.ctx, code, demo, hub), self._applied, self._failed
        )

    def _applied(self, result: FirstStartResult) -> None:
        if result.demo_incidents:
            self.bus.notify(
                {"incident", "contact", "region", "alert_level_change", "user", "engagement"}
            )
        if result.hub_url:
            self.bus.notify({"user"})
        if result.demo_accounts:
            QMessageBox.information(
                self,
                self.tr("Pengguna contoh"),
                self.tr(
                    "Pengguna contoh dapat masuk dengan kata sandi berikut. Kata sandi ini "
                    "hanya ditampilkan sekali ini: catat sekarang."
                )
                + demo_accounts_table(result.demo_accounts),
            )
        self.applied.emit(result)
        super().accept()

    def _failed(self, exc: Exception) -> None:
        from desk_app.services.errors import ServiceError

        self.save_button.setEnabled(True)
        self.skip_button.setEnabled(True)
        self.error.hide()
        if isinstance(exc, ServiceError) and exc.code == "workstation_code_fixed":
            self._code_says(
                self.tr(
                    "Kode workstation tidak dapat diubah lagi: sudah ada insiden bernomor "
                    "atau workstation ini sudah tersinkron."
                )
            )
        elif isinstance(exc, ServiceError) and exc.values.get("rule") == "code_in_use":
            self._code_says(self._hub_message(exc))
        elif self.hub_step() is not None and isinstance(exc, ServiceError):
            self._hub_says(self._hub_message(exc), error=True)
        elif isinstance(exc, ServiceError):
            from desk_app.messages import error_message

            self._show_error(error_message(exc.code, exc.values, str(exc), ui_language()))
        else:
            self._show_error(self.tr("Gagal menyimpan: %1").replace("%1", str(exc)))

    def _code_says(self, text: str) -> None:
        self.code_error.setText(text)
        self.code_error.show()
        self.adjustSize()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_progress(self, text: str) -> None:
        self.error.setStyleSheet("")
        self.error.setText(text)
        self.error.show()

    def _show_error(self, text: str) -> None:
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setText(text)
        self.error.show()
        self.adjustSize()

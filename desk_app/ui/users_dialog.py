"""Administrators manage accounts: add, role, disable/enable, reset a password, and which
roles see personal data. Every change goes through ``services.auth`` (which checks the
permission again) and is announced on the data bus."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.models.enums import Role
from desk_app.services import auth
from desk_app.services.errors import ServiceError
from desk_app.ui.bus import DataBus
from desk_app.ui.context import resolve_ui
from desk_app.ui.labels import role_name
from desk_app.ui.ops import OpResult, run_op
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.signin_dialog import _PasswordPair, account_error_text


class AddUserDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addUserDialog")
        self.setWindowTitle(self.tr("Tambah pengguna"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("mis. budi.santoso"))
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("title")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in Role:
            self.role.addItem(role_name(role.value), role.value)
        form.addRow(self.tr("&Nama pengguna:"), self.username)
        form.addRow(self.tr("Nama &lengkap:"), self.full_name)
        form.addRow(self.tr("&Jabatan:"), self.title_edit)
        form.addRow(self.tr("&Peran:"), self.role)
        layout.addLayout(form)
        self.passwords = _PasswordPair()
        layout.addWidget(self.passwords)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Tambah"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


class UsersDialog(QDialog):
    COLUMNS = 5

    def __init__(self, ctx: AppContext, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bus = bus
        self.ui = resolve_ui(parent, ctx, bus=bus)
        #: The add-user dialog whose write is on its way (reopened if it is refused).
        self._asking_again: AddUserDialog | None = None
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Pengguna dan peran"))
        layout = QVBoxLayout(self)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Nama pengguna"),
                self.tr("Nama lengkap"),
                self.tr("Peran"),
                self.tr("Status"),
                self.tr("Kata sandi"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table)

        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Tambah…"))
        self.role_button = QPushButton(self.tr("Ubah &peran…"))
        self.toggle_button = QPushButton(self.tr("&Nonaktifkan"))
        self.password_button = QPushButton(self.tr("Atur ulang &kata sandi…"))
        for button, slot in (
            (self.add_button, self.add_user),
            (self.role_button, self.change_role),
            (self.toggle_button, self.toggle_active),
            (self.password_button, self.reset_password),
        ):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

        group = QGroupBox(self.tr("Data pribadi kontak dan pelapor terlihat oleh"))
        group_layout = QHBoxLayout(group)
        self.pd_checks: dict[Role, QCheckBox] = {}
        for role in Role:
            check = QCheckBox(role_name(role.value))
            check.setObjectName(f"personalData_{role.value}")
            if role is Role.ADMIN:
                check.setChecked(True)
                check.setEnabled(False)
                check.setToolTip(self.tr("Administrator selalu dapat melihat data pribadi."))
            self.pd_checks[role] = check
            group_layout.addWidget(check)
        group_layout.addStretch(1)
        self.pd_save = QPushButton(self.tr("&Simpan"))
        self.pd_save.setObjectName("savePersonalData")
        self.pd_save.clicked.connect(self.save_personal_data_roles)
        group_layout.addWidget(self.pd_save)
        layout.addWidget(group)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_window(self, 820, 520)
        self.refresh()

    # -- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        with self.ctx.db.read() as session:
            self.accounts = auth.list_accounts(session)
            pd_roles = auth.personal_data_roles(session)
        self.table.setRowCount(len(self.accounts))
        for i, a in enumerate(self.accounts):
            values = [
                a.username,
                a.full_name,
                role_name(a.role),
                self.tr("Aktif") if a.active else self.tr("Nonaktif"),
                self.tr("Sudah diatur") if a.has_password else self.tr("Belum diatur"),
            ]
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, a.username)
                if not a.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for role, check in self.pd_checks.items():
            check.setChecked(role in pd_roles)
        self._selection_changed()

    def selected(self) -> auth.UserAccount | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.accounts[rows[0].row()]

    def select(self, username: str) -> None:
        for i, a in enumerate(self.accounts):
            if a.username == username:
                self.table.selectRow(i)
                return

    def _selection_changed(self) -> None:
        account = self.selected()
        for button in (self.role_button, self.toggle_button, self.password_button):
            button.setEnabled(account is not None)
        if account is not None:
            self.toggle_button.setText(
                self.tr("&Nonaktifkan") if account.active else self.tr("&Aktifkan")
            )

    def _run(
        self,
        change: Callable[[Any], object],
        done_text: str,
        *,
        then: Callable[[], None] | None = None,
        refused: Callable[[], None] | None = None,
    ) -> bool:
        """Run ``change(session)`` on the writer lane; True once written (at once with
        a synchronous runner; the buttons do not wait for it)."""

        def failed(exc: ServiceError) -> None:
            self.message.setStyleSheet("color: #b00020")
            self.message.setText(account_error_text(exc))
            if refused is not None:
                refused()

        def written(_result: OpResult[object]) -> None:
            self.message.setStyleSheet("")
            self.message.setText(done_text)
            self.refresh()
            if then is not None:
                then()

        op = run_op(self, change, success=written, failure=failed, ui=self.ui)
        return bool(op.succeeded)

    # -- actions -------------------------------------------------------------------------

    def add_user(self, dialog: AddUserDialog | None = None) -> bool:
        dialog = dialog or AddUserDialog(self)
        while True:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            refused: list[bool] = []
            self.submit_new_user(dialog, on_refused=partial(refused.append, True))
            if not refused:  # written, or on its way (a refusal reopens the dialog then)
                self._asking_again = dialog
                return True

    def submit_new_user(
        self, dialog: AddUserDialog, on_refused: Callable[[], None] | None = None
    ) -> bool:
        """Add the user ``dialog`` describes; True once written. A refusal shows its
        message and calls ``on_refused`` (at once, or when the write comes back)."""
        actor = self.ctx.actor
        assert actor is not None
        try:
            password = dialog.passwords.password()
        except ServiceError as exc:
            self.message.setText(account_error_text(exc))
            if on_refused is not None:
                on_refused()
            return False
        name = dialog.username.text()
        role = str(dialog.role.currentData())
        full_name, title = dialog.full_name.text(), dialog.title_edit.text()
        username = name.strip().lower()

        def refused() -> None:
            if self._asking_again is dialog and shiboken6.isValid(dialog):
                # The refusal came back after ``add_user`` returned: ask again.
                self._asking_again = None
                self.add_user(dialog)
            elif on_refused is not None:
                on_refused()

        return self._run(
            lambda s: auth.add_user(
                s, actor, name, role, full_name=full_name, title=title, password=password
            ),
            self.tr("Pengguna %1 ditambahkan.").replace("%1", username),
            then=lambda: self.select(username),
            refused=refused,
        )

    def change_role(self) -> None:
        account = self.selected()
        if account is None:
            return
        labels = [role_name(r.value) for r in Role]
        current = [r.value for r in Role].index(account.role)
        label, ok = QInputDialog.getItem(
            self,
            self.tr("Ubah peran"),
            self.tr("Peran %1:").replace("%1", account.username),
            labels,
            current,
            False,
        )
        if ok:
            self.set_role(account.username, list(Role)[labels.index(label)])

    def set_role(self, username: str, role: Role) -> bool:
        actor = self.ctx.actor
        assert actor is not None
        return self._run(
            lambda s: auth.set_role(s, actor, username, role),
            self.tr("Peran %1 diubah.").replace("%1", username),
        )

    def toggle_active(self) -> None:
        account = self.selected()
        if account is None:
            return
        actor = self.ctx.actor
        assert actor is not None
        if account.active:
            if not self.ui.dialogs.ask(
                self,
                self.tr("Nonaktifkan pengguna"),
                self.tr("%1 tidak akan dapat masuk di workstation mana pun. Lanjutkan?").replace(
                    "%1", account.username
                ),
            ):
                return
            self.set_active(account.username, False)
        else:
            self.set_active(account.username, True)

    def set_active(self, username: str, active: bool) -> bool:
        actor = self.ctx.actor
        assert actor is not None
        if active:
            return self._run(
                lambda s: auth.enable_user(s, actor, username),
                self.tr("%1 diaktifkan.").replace("%1", username),
            )
        return self._run(
            lambda s: auth.disable_user(s, actor, username),
            self.tr("%1 dinonaktifkan.").replace("%1", username),
        )

    def reset_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Atur ulang kata sandi %1").replace("%1", account.username))
        layout = QVBoxLayout(dialog)
        pair = _PasswordPair(dialog)
        layout.addWidget(pair)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            password = pair.password()
        except ServiceError as exc:
            self.message.setText(account_error_text(exc))
            return
        self.set_password(account.username, password)

    def set_password(self, username: str, password: str) -> bool:
        actor = self.ctx.actor
        assert actor is not None
        return self._run(
            lambda s: auth.set_password(s, actor, username, password),
            self.tr("Kata sandi %1 diatur ulang.").replace("%1", username),
        )

    def save_personal_data_roles(self) -> bool:
        actor = self.ctx.actor
        assert actor is not None
        roles = [role for role, check in self.pd_checks.items() if check.isChecked()]
        return self._run(
            lambda s: auth.set_personal_data_roles(s, actor, roles),
            self.tr("Pengaturan data pribadi disimpan. Berlaku saat pengguna masuk berikutnya."),
        )

"""Election settings: the election's name, voting day, campaign and quiet-period dates.

Administrators edit them; everyone else sees them read-only (and the service refuses
them too). Validation messages appear under the field they concern.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.context import AppContext
from desk_app.services import election
from desk_app.services.errors import PermissionDeniedError, ServiceError, ValidationError
from desk_app.services.permissions import Action, allowed
from desk_app.ui.bus import DataBus
from desk_app.ui.context import resolve_ui
from desk_app.ui.datetime_edit import DateEdit
from desk_app.ui.form_errors import field_error_text
from desk_app.ui.ops import run_op
from desk_app.ui.screen_fit import fit_window


def _date_edit(name: str, optional: bool) -> DateEdit:
    """A day typed whole (27/11/2024); an optional one may be left empty."""
    edit = DateEdit(optional=optional, with_buttons=False)
    edit.setObjectName(name)
    return edit


def _to_qdate(day: date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else QDate()


def _from_qdate(value: QDate) -> date | None:
    if value.isNull():
        return None
    return date(value.year(), value.month(), value.day())


class ElectionDialog(QDialog):
    FIELDS = ("name", "voting_day", "campaign_start", "campaign_end", "quiet_start", "quiet_end")

    def __init__(self, ctx: AppContext, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("electionDialog")
        self.setWindowTitle(self.tr("Pengaturan pemilihan"))
        self.ctx = ctx
        self.bus = bus
        self.ui = resolve_ui(parent, ctx, bus=bus)
        with ctx.db.read() as session:
            current = election.get_election(session)

        self.name_edit = QLineEdit(current.name)
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setMaxLength(200)
        self.voting_day_edit = _date_edit("votingDayEdit", optional=False)
        self.voting_day_edit.setDate(_to_qdate(current.voting_day))
        self.campaign_start_edit = _date_edit("campaignStartEdit", optional=True)
        self.campaign_end_edit = _date_edit("campaignEndEdit", optional=True)
        self.quiet_start_edit = _date_edit("quietStartEdit", optional=True)
        self.quiet_end_edit = _date_edit("quietEndEdit", optional=True)
        for edit, value in (
            (self.campaign_start_edit, current.campaign_start),
            (self.campaign_end_edit, current.campaign_end),
            (self.quiet_start_edit, current.quiet_start),
            (self.quiet_end_edit, current.quiet_end),
        ):
            edit.setDate(_to_qdate(value))
            edit.setToolTip(self.tr("Kosongkan bila belum ditetapkan"))

        self.errors: dict[str, QLabel] = {}
        widgets: dict[str, QWidget] = {
            "name": self.name_edit,
            "voting_day": self.voting_day_edit,
            "campaign_start": self.campaign_start_edit,
            "campaign_end": self.campaign_end_edit,
            "quiet_start": self.quiet_start_edit,
            "quiet_end": self.quiet_end_edit,
        }
        labels = {
            "name": self.tr("&Nama pemilihan (wajib):"),
            "voting_day": self.tr("&Hari pemungutan suara (wajib):"),
            "campaign_start": self.tr("&Awal kampanye:"),
            "campaign_end": self.tr("A&khir kampanye:"),
            "quiet_start": self.tr("Awal &masa tenang:"),
            "quiet_end": self.tr("Akhir masa &tenang:"),
        }
        form = QFormLayout()
        for name in self.FIELDS:
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widgets[name])
            error = QLabel()
            error.setObjectName(f"{name}Error")
            error.setStyleSheet("color: #b00020;")
            error.setWordWrap(True)
            error.hide()
            box.addWidget(error)
            self.errors[name] = error
            label = QLabel(labels[name])
            label.setBuddy(widgets[name])
            form.addRow(label, box)

        self.general_error = QLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setStyleSheet("color: #b00020;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.read_only_note = QLabel(
            self.tr("Hanya administrator yang dapat mengubah pengaturan pemilihan.")
        )
        self.read_only_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Simpan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        editable = ctx.actor is not None and allowed(ctx.actor, Action.EDIT_ELECTION)
        for widget in widgets.values():
            widget.setEnabled(editable)
        self.save_button.setEnabled(editable)
        self.read_only_note.setVisible(not editable)

        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only_note)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        fit_window(self, 580, 380)

    def _date_edits(self) -> dict[str, DateEdit]:
        return {
            "voting_day": self.voting_day_edit,
            "campaign_start": self.campaign_start_edit,
            "campaign_end": self.campaign_end_edit,
            "quiet_start": self.quiet_start_edit,
            "quiet_end": self.quiet_end_edit,
        }

    def values(self) -> election.ElectionSettings:
        voting_day = _from_qdate(self.voting_day_edit.date())
        assert voting_day is not None
        return election.ElectionSettings(
            name=self.name_edit.text(),
            voting_day=voting_day,
            campaign_start=_from_qdate(self.campaign_start_edit.date()),
            campaign_end=_from_qdate(self.campaign_end_edit.date()),
            quiet_start=_from_qdate(self.quiet_start_edit.date()),
            quiet_end=_from_qdate(self.quiet_end_edit.date()),
        )

    def accept(self) -> None:
        for label in [*self.errors.values(), self.general_error]:
            label.clear()
            label.hide()
        actor = self.ctx.actor
        if actor is None:
            self._show(self.general_error, self.tr("Tidak ada pengguna yang masuk."))
            return
        unread = [
            name for name, edit in self._date_edits().items() if not edit.has_acceptable_input()
        ]
        if unread:  # never saved as another day than the one typed
            for name in unread:
                self._show(self.errors[name], field_error_text("unreadable_date"))
            self._date_edits()[unread[0]].setFocus()
            return
        values = self.values()
        run_op(
            self,
            lambda session: election.update_election(session, actor, values),
            success=lambda _result: super(ElectionDialog, self).accept(),
            failure=self._refused,
            ui=self.ui,
        )

    def _refused(self, exc: ServiceError) -> None:
        if isinstance(exc, ValidationError):
            for fieldname, code in exc.errors.items():
                self._show(self.errors.get(fieldname, self.general_error), self._message(code))
        elif isinstance(exc, PermissionDeniedError):
            self._show(
                self.general_error,
                self.tr("Hanya administrator yang dapat mengubah pengaturan pemilihan."),
            )
        else:
            self._show(self.general_error, str(exc))

    def _message(self, code: str) -> str:
        messages = {
            "required": self.tr("Wajib diisi."),
            "too_long": self.tr("Terlalu panjang."),
            "invalid_characters": self.tr("Berisi karakter yang tidak sah."),
            "end_before_start": self.tr("Tanggal akhir tidak boleh sebelum tanggal awal."),
            "after_voting_day": self.tr("Harus sebelum hari pemungutan suara."),
        }
        return messages.get(code, code)

    @staticmethod
    def _show(label: QLabel, text: str) -> None:
        label.setText(text)
        label.show()

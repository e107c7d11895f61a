"""Keys for the incident on show: verify it (Ctrl+Shift+V), add a follow-up
(Ctrl+Shift+T), attach files (Ctrl+Shift+L); in the *Sunting* menu and the F1 list.

They act on the incident the *Insiden* tab shows, and only while that tab is on show.
A key the signed-in role may not use is in neither the menu nor F1 (verifying is the
coordinators' and administrators'): a listed key always does something.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from desk_app.models.enums import IncidentStatus
from desk_app.services.permissions import Action, allowed

if TYPE_CHECKING:
    from desk_app.ui.incident_detail import IncidentDetailPane
    from desk_app.ui.main_window import MainWindow

VERIFY_KEYS = "Ctrl+Shift+V"
FOLLOW_UP_KEYS = "Ctrl+Shift+T"
ATTACH_KEYS = "Ctrl+Shift+L"
VERIFIED = IncidentStatus.TERVERIFIKASI.value


class IncidentActionsFeature(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        actor = window.ctx.actor
        self.verify_action = window.command(
            "verify_incident",
            self.tr("&Verifikasi insiden…"),
            self.verify,
            VERIFY_KEYS,
            tip=self.tr("Verifikasi insiden yang ditampilkan, dengan catatan"),
        )
        self.follow_up_action = window.command(
            "add_follow_up",
            self.tr("Tambah &tindak lanjut…"),
            self.add_follow_up,
            FOLLOW_UP_KEYS,
            tip=self.tr("Tambah tindak lanjut pada insiden yang ditampilkan"),
        )
        self.attach_action = window.command(
            "attach_files",
            self.tr("&Lampirkan berkas…"),
            self.attach,
            ATTACH_KEYS,
            tip=self.tr("Lampirkan gambar atau PDF pada insiden yang ditampilkan"),
        )
        self.permitted: dict[QAction, bool] = {
            self.verify_action: actor is not None and allowed(actor, Action.VERIFY_INCIDENT),
            self.follow_up_action: actor is not None and allowed(actor, Action.ADD_FOLLOW_UP),
            self.attach_action: actor is not None and allowed(actor, Action.EDIT_INCIDENT),
        }
        menu = window.menus["edit"]
        menu.addSeparator()
        for action, permitted in self.permitted.items():
            # Hidden, the action's key is not taken either.
            action.setVisible(permitted)
            menu.addAction(action)
        self._watched: Any = None
        window.tabs.currentChanged.connect(self.update)
        self.update()

    def pane(self) -> IncidentDetailPane | None:
        """The incident detail of the Insiden tab, while that tab is on show."""
        if self.window.tab_key() != "insiden":
            return None
        tab = self.window.incidents_tab
        pane: IncidentDetailPane | None = getattr(tab, "detail", None)
        if pane is not None and self._watched is not tab:
            self._watched = tab
            pane.loaded.connect(self.update)
            pane.changed.connect(self.update)
            tab.table.selectionModel().selectionChanged.connect(self.update)  # type: ignore[attr-defined]
            pane.attachments_panel.changed.connect(self.update)
        return pane

    def update(self, *_args: object) -> None:
        pane = self.pane()
        detail = pane.detail if pane is not None else None
        shown = detail is not None
        self.verify_action.setEnabled(
            self.permitted[self.verify_action]
            and detail is not None
            and VERIFIED in detail.allowed_transitions
        )
        self.follow_up_action.setEnabled(self.permitted[self.follow_up_action] and shown)
        self.attach_action.setEnabled(self.permitted[self.attach_action] and shown)

    def verify(self) -> None:
        pane = self.pane()
        if pane is not None and pane.detail is not None and self.verify_action.isEnabled():
            pane.change_status(VERIFIED)

    def add_follow_up(self) -> None:
        pane = self.pane()
        if pane is not None and pane.detail is not None and self.follow_up_action.isEnabled():
            pane.add_follow_up()

    def attach(self) -> None:
        pane = self.pane()
        if pane is not None and pane.detail is not None and self.attach_action.isEnabled():
            pane.tabs.setCurrentWidget(pane.attachments_panel)
            pane.attachments_panel.add_attachments()


def install(window: MainWindow) -> None:
    window.features.add(IncidentActionsFeature(window))

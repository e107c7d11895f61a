"""Keyboard first (issue 17, section 4): the note dialogs' Tab order and keys, the
status-change note, Enter on table rows, and the shortcuts in the menus and F1."""

from __future__ import annotations

from datetime import date

import pytest
from desk_helpers import AnsweringDialogs, ModalDriver, make_incident
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.services import incidents
from desk_app.services.actor import Actor
from desk_app.ui.contacts_tab import EngagementDialog
from desk_app.ui.incident_detail import FollowUpDialog, IncidentDetailPane
from desk_app.ui.note_dialog import StatusNoteDialog
from desk_app.ui.tasks import TaskRunner


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _tab(qtbot: QtBot) -> None:
    qtbot.keyClick(_focused(), Qt.Key.Key_Tab)


def _shown(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def test_follow_up_dialog_tabs_from_type_to_note_to_save(qtbot: QtBot) -> None:
    dialog = FollowUpDialog([("VERIFIKASI", "Verifikasi lapangan"), ("TAKEDOWN", "Take-down")])
    _shown(qtbot, dialog)
    assert _focused() is dialog.type
    qtbot.keyClicks(_focused(), "Take")
    assert dialog.type.code() == "TAKEDOWN"
    _tab(qtbot)
    assert _focused() is dialog.note
    qtbot.keyClicks(_focused(), "Diajukan ke Komdigi")
    _tab(qtbot)
    assert _focused() is dialog.save_button
    _tab(qtbot)
    assert _focused() is dialog.cancel_button
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.note.toPlainText() == "Diajukan ke Komdigi"


def test_engagement_dialog_tabs_from_type_to_day_to_summary_to_save(qtbot: QtBot) -> None:
    dialog = EngagementDialog([("RAPAT", "Rapat"), ("TELEPON", "Telepon")])
    _shown(qtbot, dialog)
    assert _focused() is dialog.type
    qtbot.keyClicks(_focused(), "Tel")
    _tab(qtbot)
    assert dialog.day.isAncestorOf(_focused())
    field = _focused()
    for key in "03/12/2026":  # "/" stays in the field
        qtbot.keyClicks(field, key)
        assert _focused() is field
    _tab(qtbot)
    assert _focused() is dialog.summary
    qtbot.keyClicks(_focused(), "Koordinasi FKUB")
    _tab(qtbot)
    assert _focused() is dialog.save_button
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.occurred_on() == date(2026, 12, 3)
    assert dialog.type.code() == "TELEPON"


def test_engagement_dialog_refuses_a_day_it_cannot_read(qtbot: QtBot) -> None:
    dialog = EngagementDialog([("RAPAT", "Rapat")])
    _shown(qtbot, dialog)
    dialog.type.set_code("RAPAT")
    dialog.day.edit.selectAll()
    qtbot.keyClicks(dialog.day.edit, "31/02/2026")
    dialog.summary.setPlainText("Rapat")
    qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert "tidak terbaca" in dialog.error.text()


@pytest.fixture
def pane(qtbot: QtBot, ctx: AppContext, admin: Actor) -> IncidentDetailPane:
    incident_id = make_incident(ctx, admin, title="Bentrok pendukung")
    widget = IncidentDetailPane(ctx, tasks=TaskRunner(synchronous=True), dialogs=AnsweringDialogs())
    qtbot.addWidget(widget)
    widget.show_incident(incident_id)
    return widget


def test_the_status_note_is_a_proper_dialog_that_keeps_refused_text(
    qtbot: QtBot, ctx: AppContext, admin: Actor, pane: IncidentDetailPane
) -> None:
    too_long = "Dikonfirmasi Polres. " * 250  # over the 5,000 characters a note may have

    def first(dialog: StatusNoteDialog) -> None:
        assert isinstance(dialog, StatusNoteDialog)
        assert dialog.windowTitle() == "Verifikasi"
        assert [dialog.save_button.text(), dialog.cancel_button.text()] == ["Simpan", "Batal"]
        assert dialog.prompt.wordWrap()
        assert dialog.note.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
        assert _focused() is dialog.note
        dialog.note.setPlainText(too_long)
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    def again(dialog: StatusNoteDialog) -> None:
        # Refused by the service: shown again with the reason, the text as typed.
        assert dialog.note.toPlainText() == too_long
        assert dialog.error.text() == "Terlalu panjang."
        dialog.note.selectAll()
        qtbot.keyClicks(dialog.note, "Dikonfirmasi Polres")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    driver = ModalDriver(first, again)
    qtbot.mouseClick(pane.status_buttons["terverifikasi"], Qt.MouseButton.LeftButton)
    driver.check()
    assert pane.detail is not None
    with ctx.db.read() as s:
        detail = incidents.get_incident(s, admin, pane.detail.id)
    assert detail.status == "terverifikasi"
    assert detail.status_history[-1].note == "Dikonfirmasi Polres"

"""Keyboard first (issue 17, section 4): the note dialogs' Tab order and keys, the
status-change note, Enter on table rows, and the shortcuts in the menus and F1."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from desk_helpers import AnsweringDialogs, ModalDriver, make_incident, make_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.services import contacts, incidents
from desk_app.services.actor import Actor
from desk_app.services.contacts import ContactInput
from desk_app.ui.contact_form import ContactForm
from desk_app.ui.contacts_tab import EngagementDialog
from desk_app.ui.incident_detail import FollowUpDialog, IncidentDetailPane
from desk_app.ui.incident_form import IncidentForm
from desk_app.ui.main_window import MainWindow
from desk_app.ui.note_dialog import NoteTextDialog
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

    def first(dialog: NoteTextDialog) -> None:
        assert isinstance(dialog, NoteTextDialog)
        assert dialog.windowTitle() == "Verifikasi"
        assert [dialog.save_button.text(), dialog.cancel_button.text()] == ["Simpan", "Batal"]
        assert dialog.prompt.wordWrap()
        assert dialog.note.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
        assert _focused() is dialog.note
        dialog.note.setPlainText(too_long)
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    def again(dialog: NoteTextDialog) -> None:
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


# --- Enter on a table row ---------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    widget = make_window(qtbot, ctx, dialogs=AnsweringDialogs())
    widget.resize(1366, 768)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def _visible(kind: type[QWidget], parent: QWidget) -> list[QWidget]:
    return [w for w in parent.findChildren(kind) if w.isVisible()]


def test_enter_on_an_incident_row_opens_it(
    qtbot: QtBot, ctx: AppContext, admin: Actor, window: MainWindow
) -> None:
    make_incident(ctx, admin, title="Hoaks lama", hours_ago=5)
    wanted = make_incident(ctx, admin, title="Baliho dirusak", hours_ago=1)
    window.show_tab("insiden")
    tab = window.incidents_tab
    table = tab.table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    table.setFocus()
    table.selectRow(0)
    assert _visible(IncidentForm, tab) == []
    qtbot.keyClick(table, Qt.Key.Key_Return)
    (form,) = _visible(IncidentForm, tab)
    assert isinstance(form, IncidentForm) and form.incident_id == wanted
    assert form.title.text() == "Baliho dirusak"


def test_enter_on_a_contact_row_opens_it(
    qtbot: QtBot, ctx: AppContext, admin: Actor, window: MainWindow
) -> None:
    with ctx.db.write() as s:
        contact_id = contacts.create_contact(
            s, admin, ContactInput(name="KH Ahmad Fauzi", category="TOKOH_AGAMA")
        ).row.id
    window.show_tab("kontak")
    tab = window.contacts_tab
    table = tab.table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    (form,) = _visible(ContactForm, tab)
    assert isinstance(form, ContactForm) and form.contact_id == contact_id


def test_enter_on_a_region_goes_to_its_incidents_and_enter_opens_one(
    qtbot: QtBot, ctx: AppContext, admin: Actor, window: MainWindow
) -> None:
    wanted = make_incident(ctx, admin, region="33.74", title="Bentrok di Tembalang")
    window.show_tab("wilayah")
    tab = window.regions_tab
    table = tab.table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: table.model().rowCount() == 35)
    row = next(r for r in range(35) if table.model().record(r).code == "33.74")
    table.setFocus()
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    view = tab.detail.incident_view  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.model().rowCount() == 1)
    assert view.hasFocus()
    opened: list[str] = []
    window.incidents_tab.open_incident = opened.append  # type: ignore[attr-defined]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [wanted]
    assert window.tab_key() == "insiden"


# --- shortcuts in the menus and F1 --------------------------------------------------------


def _shortcut(qtbot: QtBot, window: MainWindow, keys: str) -> None:
    combo = QKeySequence(keys)[0]
    # A shortcut reaches the active window only (a dialog just closed may still be).
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())


def _show_incident(qtbot: QtBot, window: MainWindow) -> IncidentDetailPane:
    window.show_tab("insiden")
    tab = window.incidents_tab
    table = tab.table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: table.model().rowCount() == 1)
    table.setFocus()
    table.selectRow(0)
    pane: IncidentDetailPane = tab.detail  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: pane.detail is not None)
    return pane


def _menu_keys(window: MainWindow) -> set[str]:
    return {
        action.shortcut().toString()
        for menu in window.menus.values()
        for action in menu.actions()
        if action.isVisible() and not action.shortcut().isEmpty()
    }


def test_verify_follow_up_and_attach_by_key_on_the_incident_shown(
    qtbot: QtBot, ctx: AppContext, admin: Actor, window: MainWindow, tmp_path: Path
) -> None:
    incident_id = make_incident(ctx, admin, title="Hoaks DPT")
    assert {"Ctrl+Shift+V", "Ctrl+Shift+T", "Ctrl+Shift+L"} <= _menu_keys(window)
    window.show_tab("wilayah")
    assert not window.commands["verify_incident"].isEnabled()  # no incident on show
    pane = _show_incident(qtbot, window)
    assert window.commands["verify_incident"].isEnabled()

    def verify(dialog: NoteTextDialog) -> None:
        assert isinstance(dialog, NoteTextDialog)
        qtbot.keyClicks(dialog.note, "Dicek Polres")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    driver = ModalDriver(verify)
    _shortcut(qtbot, window, "Ctrl+Shift+V")
    driver.check()

    def follow_up(dialog: FollowUpDialog) -> None:
        assert isinstance(dialog, FollowUpDialog)
        qtbot.keyClicks(dialog.type, "Verifikasi")
        qtbot.keyClick(dialog.type, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.note, "Tim turun ke lokasi")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    driver = ModalDriver(follow_up)
    _shortcut(qtbot, window, "Ctrl+Shift+T")
    driver.check()

    picture = tmp_path / "tangkapan.png"
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    assert image.save(str(picture))
    window.dialogs.files = [[picture]]  # type: ignore[attr-defined]
    _shortcut(qtbot, window, "Ctrl+Shift+L")
    qtbot.waitUntil(lambda: len(pane.attachments_panel.attachments) == 1)
    assert pane.tabs.currentWidget() is pane.attachments_panel

    with ctx.db.read() as s:
        detail = incidents.get_incident(s, admin, incident_id)
    assert detail.status == "terverifikasi"
    assert [f.note for f in detail.follow_ups] == ["Tim turun ke lokasi"]
    assert not window.commands["verify_incident"].isEnabled()  # verified already


def _f1(window: MainWindow) -> list[tuple[str, str]]:
    window.dialogs.shown.clear()  # type: ignore[attr-defined]
    window.commands["shortcuts"].trigger()
    ((kind, _title, text),) = window.dialogs.shown  # type: ignore[attr-defined]
    assert kind == "inform"
    return re.findall(r"<tr><td><b>(.*?)</b></td><td>(.*?)</td></tr>", text)


def test_f1_lists_each_key_once(window: MainWindow) -> None:
    rows = _f1(window)
    keys = [k for k, _text in rows]
    assert len(keys) == len(set(keys))
    for key, text in rows:
        assert key not in text  # the key in its column, not again in the text
    assert ("Ctrl+N", "Catat insiden baru") in rows
    assert {"Ctrl+Shift+V", "Ctrl+Shift+T", "Ctrl+Shift+L", "Ctrl+T", "F1", "Enter"} <= set(keys)


def test_no_listed_key_that_does_nothing_for_an_operator(
    qtbot: QtBot, ctx: AppContext, admin: Actor, operator: Actor
) -> None:
    make_incident(ctx, admin)
    ctx.actor = operator
    window = make_window(qtbot, ctx, dialogs=AnsweringDialogs())
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    keys = [k for k, _text in _f1(window)]
    for refused in ("Ctrl+Shift+V", "Ctrl+T", "Ctrl+Shift+A"):
        assert refused not in keys
        assert refused not in _menu_keys(window)
    assert {"Ctrl+Shift+T", "Ctrl+Shift+L"} <= set(keys)
    pane = _show_incident(qtbot, window)
    _shortcut(qtbot, window, "Ctrl+Shift+V")  # not the operator's: nothing opens
    assert QApplication.activeModalWidget() is None
    assert pane.detail is not None and pane.detail.status == "baru"

"""Administrasi → Kode workstation…: the code changed after the first start, until an
incident is numbered, the first sync or the enrollment with a hub."""

from __future__ import annotations

from desk_helpers import make_incident, make_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.context import AppContext
from desk_app.models import Incident, LocalState
from desk_app.services.actor import Actor
from desk_app.sync import settings as hub_settings
from desk_app.ui.workstation_ui import WorkstationFeature


def stored_code(ctx: AppContext) -> str:
    with ctx.db.read() as session:
        state = session.get(LocalState, 1)
        assert state is not None
        return state.workstation_code


def open_dialog(qtbot: QtBot, ctx: AppContext):  # type: ignore[no-untyped-def]
    window = make_window(qtbot, ctx)
    feature = window.features.get(WorkstationFeature)
    assert feature.code_action.isVisible()
    assert feature.code_action in window.menus["admin"].actions()
    feature.code_action.trigger()
    assert feature.dialog is not None and feature.dialog.isVisible()
    return window, feature.dialog


def test_the_code_changes_from_the_menu_and_numbers_the_next_incident(
    qtbot: QtBot, ctx: AppContext
) -> None:
    _window, dialog = open_dialog(qtbot, ctx)
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "kds2")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: stored_code(ctx) == "KDS2")
    assert ctx.workstation_code == "KDS2"
    assert ctx.actor is not None
    incident_id = make_incident(ctx, ctx.actor)
    with ctx.db.read() as session:
        ref = session.scalar(select(Incident.ref).where(Incident.id == incident_id))
    assert ref is not None and ref.startswith("KDS2-")


def test_a_bad_code_is_refused_next_to_the_field(qtbot: QtBot, ctx: AppContext) -> None:
    _window, dialog = open_dialog(qtbot, ctx)
    dialog.code.setText("K-1")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "2–6 huruf besar atau angka" in dialog.error.text()
    assert stored_code(ctx) == "GB1"


def test_the_code_is_fixed_once_an_incident_was_numbered(qtbot: QtBot, ctx: AppContext) -> None:
    assert ctx.actor is not None
    make_incident(ctx, ctx.actor)
    _window, dialog = open_dialog(qtbot, ctx)
    dialog.code.setText("GB9")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "GB1 tidak dapat diubah lagi" in dialog.error.text()
    assert stored_code(ctx) == "GB1" and dialog.save_button.isEnabled()


def test_the_code_is_fixed_once_enrolled_with_a_hub(qtbot: QtBot, ctx: AppContext) -> None:
    hub_settings.save(ctx.paths.data_dir, "https://hub.setda.local:8765", 60)
    _window, dialog = open_dialog(qtbot, ctx)
    dialog.code.setText("GB9")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "terdaftar di hub" in dialog.error.text()
    assert stored_code(ctx) == "GB1"


def test_only_administrators_see_the_entry(qtbot: QtBot, ctx: AppContext, operator: Actor) -> None:
    ctx.actor = operator
    window = make_window(qtbot, ctx)
    assert not window.features.get(WorkstationFeature).code_action.isVisible()

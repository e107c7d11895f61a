"""The first start of a new workstation: its code, and demo data for a trial."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.context import AppContext
from desk_app.models import Incident, LocalState
from desk_app.models.enums import Role
from desk_app.services import setup
from desk_app.services.actor import Actor
from desk_app.services.errors import PermissionDeniedError, ServiceError, ValidationError
from desk_app.ui.bus import DataBus
from desk_app.ui.first_start_dialog import FirstStartDialog
from desk_app.ui.tasks import TaskRunner


def dialog_for(qtbot: QtBot, ctx: AppContext) -> FirstStartDialog:
    dialog = FirstStartDialog(ctx, DataBus(), TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def stored_code(ctx: AppContext) -> str:
    with ctx.db.read() as session:
        state = session.get(LocalState, 1)
        assert state is not None
        return state.workstation_code


def test_the_code_chosen_numbers_the_incidents(qtbot: QtBot, ctx: AppContext) -> None:
    from desk_helpers import make_incident

    dialog = dialog_for(qtbot, ctx)
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "gb2")
    with qtbot.wait_signal(dialog.applied) as applied:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert applied.args[0].code == "GB2" and applied.args[0].demo_incidents == 0
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted
    assert ctx.workstation_code == stored_code(ctx) == "GB2"
    assert ctx.actor is not None
    incident_id = make_incident(ctx, ctx.actor)
    with ctx.db.read() as session:
        number = session.scalar(select(Incident.ref).where(Incident.id == incident_id))
    assert number is not None and number.startswith("GB2-")


@pytest.mark.parametrize("typed", ["G", "GB-1", "ÄB1", ""])
def test_a_bad_code_is_refused_in_the_dialog_and_nothing_is_saved(
    qtbot: QtBot, ctx: AppContext, typed: str
) -> None:
    before = stored_code(ctx)
    dialog = dialog_for(qtbot, ctx)
    dialog.code.setText(typed)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.code_error.isVisible()
    assert "2–6 huruf besar atau angka" in dialog.code_error.text()
    assert stored_code(ctx) == before == ctx.workstation_code


def test_the_code_is_fixed_once_an_incident_was_numbered(qtbot: QtBot, ctx: AppContext) -> None:
    from desk_helpers import make_incident

    assert ctx.actor is not None
    make_incident(ctx, ctx.actor)
    dialog = dialog_for(qtbot, ctx)
    dialog.code.setText("GB9")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "tidak dapat diubah lagi" in dialog.code_error.text()
    assert stored_code(ctx) == "GB1" and dialog.save_button.isEnabled()


def test_the_code_is_fixed_once_the_workstation_has_synced(ctx: AppContext) -> None:
    with ctx.db.write() as session:
        session.connection().exec_driver_sql("UPDATE sync_state SET epoch = 'e1' WHERE id = 1")
    assert ctx.actor is not None
    with pytest.raises(ServiceError) as refused, ctx.db.write() as session:
        setup.change_workstation_code(session, ctx.actor, "GB7")
    assert refused.value.code == "workstation_code_fixed"
    assert stored_code(ctx) == "GB1"


def test_only_an_administrator_changes_the_code(ctx: AppContext, operator: Actor) -> None:
    assert operator.role is Role.OPERATOR
    with pytest.raises(PermissionDeniedError), ctx.db.write() as session:
        setup.change_workstation_code(session, operator, "GB7")
    assert ctx.actor is not None
    with pytest.raises(ValidationError), ctx.db.write() as session:
        setup.change_workstation_code(session, ctx.actor, "gb 7")
    assert stored_code(ctx) == "GB1"


def test_skipping_changes_nothing(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = dialog_for(qtbot, ctx)
    dialog.code.setText("ZZ9")
    dialog.demo.setChecked(True)
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected
    assert stored_code(ctx) == "GB1"
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 0


@pytest.mark.allow_log_warnings  # the wrong password tried at the end is logged
def test_demo_data_fills_the_desk_and_shows_its_users_password_once(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text, *a, **k: shown.append(text)
    )
    dialog = dialog_for(qtbot, ctx)
    changed: list[Any] = []
    dialog.bus.data_changed.connect(lambda tables, _origin: changed.append(tables))
    qtbot.keyClick(dialog.demo, Qt.Key.Key_Space)
    assert dialog.demo.isChecked()
    with qtbot.wait_signal(dialog.applied) as applied:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    result = applied.args[0]
    assert result.demo_incidents == 1000
    names = [name for name, _role, _password in result.demo_accounts]
    assert names == ["operator1", "operator2", "operator3", "koordinator"]
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 1000
    assert len(shown) == 1
    for name, _role, password in result.demo_accounts:
        assert f"<tt>{password}</tt>" in shown[0] and name in shown[0]
    assert "Koordinator" in shown[0]  # the role's name, not its code
    assert changed and "incident" in changed[0]

    from desk_app.services import auth

    passwords = {name: password for name, _role, password in result.demo_accounts}
    assert len(set(passwords.values())) == 4  # each account its own password
    with ctx.db.read() as session:
        assert auth.verify_password(session, "koordinator", passwords["koordinator"])
        with pytest.raises(auth.AuthenticationError):
            auth.verify_password(session, "koordinator", passwords["operator1"])


def test_demo_data_and_a_hub_exclude_each_other(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = dialog_for(qtbot, ctx)
    dialog.hub_url.setText("https://hub.setda.local:8765")
    dialog.hub_password.setText("rahasia")
    dialog.demo.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "tidak dapat dipakai bersama hub" in dialog.error.text()
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 0


def test_the_hub_step_asks_for_the_hub_administrator(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = dialog_for(qtbot, ctx)
    dialog.code.setText("GB5")
    dialog.hub_url.setText("https://hub.setda.local:8765")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.hub_outcome.isVisible()
    assert "kata sandi administrator hub" in dialog.hub_outcome.text()
    assert stored_code(ctx) == "GB1"  # nothing was saved


def test_testing_an_empty_hub_address_says_what_to_do(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = dialog_for(qtbot, ctx)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.hub_outcome.text() == "Isi alamat hub dahulu."


def test_the_dialog_speaks_english_too(qtbot: QtBot, ctx: AppContext, qapp: Any) -> None:
    import subprocess
    import sys
    from pathlib import Path

    from desk_app.ui.i18n import install_language, translations_dir

    ts = translations_dir() / "desk_en.ts"
    qm = ts.with_suffix(".qm")
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    install_language(qapp, "en")
    try:
        dialog = dialog_for(qtbot, ctx)
        assert dialog.windowTitle() == "Welcome to Desk Pilkada"
        assert dialog.demo.text() == "Fill with &demo data (I am only trying it)"
        assert dialog.skip_button.text() == "S&kip"
        dialog.code.setText("?")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.code_error.text().startswith("The workstation code must be")
    finally:
        install_language(qapp, "id")

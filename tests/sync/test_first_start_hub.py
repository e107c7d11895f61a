"""The first start's hub step against a real sync service: tested on the spot, enrolled
on save, the code checked against the codes the hub already knows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desk_app.context import AppContext, open_context
from desk_app.hub.server import BackgroundServer, free_port
from desk_app.hub.store import Hub
from desk_app.services import auth
from desk_app.sync import settings as hub_settings
from desk_app.ui.bus import DataBus
from desk_app.ui.first_start_dialog import FirstStartDialog
from desk_app.ui.tasks import TaskRunner
from tests.sync.conftest import ADMIN_PASSWORD, Site


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[AppContext]:
    """A new workstation whose first administrator just chose a password."""
    ctx = open_context(tmp_path / "fresh", workstation_code="WS1")
    with ctx.db.write() as session:
        ctx.actor = auth.set_first_password(session, "Sandi-Lokal-2024")
    yield ctx
    ctx.close()


def dialog_for(qtbot: QtBot, ctx: AppContext) -> FirstStartDialog:
    dialog = FirstStartDialog(ctx, DataBus(), TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def save(qtbot: QtBot, dialog: FirstStartDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_testing_the_hub_says_it_answers(
    hub: Hub, service: BackgroundServer, fresh: AppContext, qtbot: QtBot
) -> None:
    dialog = dialog_for(qtbot, fresh)
    dialog.hub_url.setText(service.url)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.hub_outcome.text().startswith("Terhubung. Hub siap")
    assert dialog.test_button.isEnabled()


def test_a_hub_that_does_not_answer_gets_a_plain_message(fresh: AppContext, qtbot: QtBot) -> None:
    dialog = dialog_for(qtbot, fresh)
    dialog.hub_url.setText(f"http://127.0.0.1:{free_port()}")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.hub_outcome.text().startswith("Hub tidak dapat dihubungi (")
    dialog.hub_url.setText("postgresql+psycopg://desk@hub/desk")  # the old kind of address
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert "tidak lagi terhubung langsung" in dialog.hub_outcome.text()


@pytest.mark.allow_log_warnings  # the service logs the wrong password
def test_saving_enrolls_this_workstation_with_the_hub_administrator(
    hub: Hub, service: BackgroundServer, fresh: AppContext, qtbot: QtBot
) -> None:
    dialog = dialog_for(qtbot, fresh)
    dialog.code.setText("GB7")
    dialog.hub_url.setText(service.url)
    dialog.hub_user.setText("admin")
    dialog.hub_password.setText("salah-sekali")
    save(qtbot, dialog)
    assert dialog.isVisible() and "kata sandi salah" in dialog.hub_outcome.text()
    assert hub_settings.load(fresh.paths.data_dir).url == ""
    assert dialog.save_button.isEnabled()

    dialog.hub_password.setText(ADMIN_PASSWORD)
    with qtbot.wait_signal(dialog.applied) as applied:
        save(qtbot, dialog)
    result = applied.args[0]
    assert result.code == "GB7" and result.hub_url == service.url
    assert not dialog.isVisible()
    assert hub_settings.load(fresh.paths.data_dir).url == service.url
    with hub.engine.connect() as conn:
        codes = conn.execute(text("SELECT workstation_code FROM hub_workstation")).scalars()
        assert "GB7" in set(codes)


def test_a_code_the_hub_already_knows_is_refused_next_to_the_code(
    hub: Hub,
    service: BackgroundServer,
    make_site: Callable[..., Site],
    fresh: AppContext,
    qtbot: QtBot,
) -> None:
    make_site("GB5")  # another desk enrolled as GB5
    dialog = dialog_for(qtbot, fresh)
    dialog.code.setText("GB5")
    dialog.hub_url.setText(service.url)
    dialog.hub_password.setText(ADMIN_PASSWORD)
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.code_error.isVisible()
    assert "GB5 sudah dipakai workstation lain" in dialog.code_error.text()
    assert hub_settings.load(fresh.paths.data_dir).url == ""

    dialog.code.setText("GB6")  # another code, and the same dialog enrolls
    with qtbot.wait_signal(dialog.applied):
        save(qtbot, dialog)
    assert fresh.workstation_code == "GB6"
    assert hub_settings.load(fresh.paths.data_dir).url == service.url

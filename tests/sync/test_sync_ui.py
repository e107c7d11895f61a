"""The sync worker, status bar and conflicts panel in the real main window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_app.hub.server import BackgroundServer
from desk_app.hub.store import Hub
from desk_app.sync import settings as hub_settings
from desk_app.ui.bus import DataBus
from desk_app.ui.main_window import MainWindow
from desk_app.ui.settings import Settings
from desk_app.ui.sync_ui import BACKOFF_START_S, SyncFeature
from desk_app.ui.tasks import TaskRunner
from tests.sync.conftest import Site
from tests.ui.desk_helpers import HeldTasks


def open_window(site: Site, qtbot: QtBot) -> tuple[MainWindow, SyncFeature]:
    ctx = site.ctx
    window = MainWindow(
        ctx, DataBus(), TaskRunner(synchronous=True), settings=Settings(ctx.paths.settings_file)
    )
    qtbot.addWidget(window)
    feature = window.features.get(SyncFeature)
    return window, feature


def test_status_bar_shows_offline_then_recovers(
    hub: Hub, service: BackgroundServer, make_site: Callable[..., Site], qtbot: QtBot
) -> None:
    site = make_site("A1")
    service.stop()  # the service is down
    window, feature = open_window(site, qtbot)
    controller = feature.controller
    site.create("dibuat saat offline")
    window.bus.notify({"incident"}, "local")
    controller.sync_now()
    assert controller.state == "offline"
    text = feature.status.label.text()
    assert text.startswith("Offline — ") and "perubahan menunggu" in text
    assert controller.pending > 0
    assert controller.timer.isActive()
    assert controller.timer.interval() == BACKOFF_START_S * 1000  # backs off, no dialog
    controller.sync_now()
    assert controller.timer.interval() == 2 * BACKOFF_START_S * 1000
    again = BackgroundServer(hub, port=service.port).start()  # the service comes back
    try:
        with qtbot.wait_signal(window.bus.data_changed, timeout=2000, raising=False):
            controller.sync_now()
    finally:
        again.stop()
    assert controller.state == "ok"
    assert feature.status.label.text().startswith("Tersinkron ")
    assert feature.status.label.text().endswith("WIB")
    assert controller.pending == 0
    assert controller.timer.interval() == 60 * 1000


def test_conflict_appears_in_panel_and_can_be_resolved(
    hub: Hub, make_site: Callable[..., Site], qtbot: QtBot
) -> None:
    _conflict_panel(hub, make_site, qtbot)


def _conflict_panel(hub: Hub, make_site: Callable[..., Site], qtbot: QtBot) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    for s in (a, b, a, b):
        s.sync()
    a.edit(incident, title="versi A")
    b.edit(incident, title="versi B")
    a.sync()
    window, feature = open_window(b, qtbot)
    with qtbot.wait_signal(window.bus.data_changed, timeout=2000):
        feature.controller.sync_now()
    assert feature.status.conflicts_button.isVisibleTo(window)
    assert "konflik perlu ditinjau" in feature.status.conflicts_button.text()
    dialog = feature.open_conflicts()
    qtbot.addWidget(dialog)
    table = dialog.table
    rows = [table.item(r, 1).text() for r in range(table.rowCount())]
    row = rows.index("Judul")
    assert table.item(row, 2).text() == "versi B"
    assert table.item(row, 4).text() == "versi A"
    table.selectRow(row)
    qtbot.mouseClick(dialog.restore_button, qtbot_left())
    assert b.get(incident)["title"] == "versi A"
    assert "Judul" not in [table.item(r, 1).text() for r in range(table.rowCount())]
    feature.controller.sync_now()
    a.sync()
    assert a.get(incident)["title"] == "versi A"


def qtbot_left():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_local_change_is_counted_on_the_worker_not_while_saving(
    make_site: Callable[..., Site], qtbot: QtBot
) -> None:
    site = make_site("A1")
    runner = HeldTasks()
    window = MainWindow(
        site.ctx, DataBus(), runner, settings=Settings(site.ctx.paths.settings_file)
    )
    qtbot.addWidget(window)
    controller = window.features.get(SyncFeature).controller
    runner.finish()
    before = controller.pending
    site.create("baru")
    window.bus.notify({"incident"}, "local")
    assert controller.pending == before  # nothing counted on the GUI thread
    assert runner.held
    runner.finish()
    assert controller.pending > before


def test_the_conflicts_dialog_reads_on_the_worker_and_keeps_the_newest_read(
    hub: Hub, make_site: Callable[..., Site], qtbot: QtBot
) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    for s in (a, b, a, b):
        s.sync()
    a.edit(incident, title="versi A")
    b.edit(incident, title="versi B")
    a.sync()
    b.sync()
    runner = HeldTasks()
    window = MainWindow(b.ctx, DataBus(), runner, settings=Settings(b.ctx.paths.settings_file))
    qtbot.addWidget(window)
    runner.finish()
    dialog = window.features.get(SyncFeature).open_conflicts()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0  # nothing read on the GUI thread
    older = runner.held.pop()
    dialog.refresh()  # a newer read is asked before the older one answers
    runner.finish()
    assert [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())] == ["Judul"]
    work, done, _failed = older
    _rows, names = work()  # type: ignore[operator]
    done(([], names))  # type: ignore[operator]  # an older answer (as if empty): dropped
    assert dialog.table.rowCount() == 1


@pytest.mark.allow_log_warnings
def test_refused_changes_and_waiting_sign_ins_show_in_the_window(
    hub: Hub, make_site: Callable[..., Site], qtbot: QtBot
) -> None:
    from desk_app.context import sign_in_as
    from desk_app.services import auth
    from desk_app.sync import connection

    a, b = make_site("A1"), make_site("B1")
    with a.ctx.db.write() as s:
        budi = auth.add_user(s, a.ctx.actor, "budi", "operator", password="Budi-Sandi-2024")  # type: ignore[arg-type]
    for site in (a, b):
        site.sync()
    # budi signs in to the service on B; the administrator's session there ends.
    b.hub.sessions.clear()
    workstation = connection.workstation_of(b.ctx.db, b.ctx.paths.data_dir)
    from desk_app.sync import settings as creds

    creds.save_sessions(b.ctx.paths.data_dir, b.ctx.site_id, b.hub.url, {})
    remote = connection.remote(workstation)
    connection.open_session(workstation, remote, "budi", "Budi-Sandi-2024")
    remote.dispose()
    sign_in_as(b.ctx, "budi")
    with b.ctx.db.write() as s:  # a role budi may not give himself, edited outside the app
        s.connection().exec_driver_sql(
            "UPDATE user_account SET role = 'admin', updated_by = ? WHERE id = ?",
            (budi.id, budi.id),
        )
    with b.ctx.db.write() as s:  # and a change by someone not signed in to the hub here
        s.connection().exec_driver_sql(
            "UPDATE region SET status_note = 'catatan', updated_by = ? WHERE code = '33.74'",
            (a.ctx.actor.user_id,),  # type: ignore[union-attr]
        )
    window, feature = open_window(b, qtbot)
    with qtbot.wait_signal(feature.controller.synced, timeout=5000):
        feature.controller.sync_now()
    status = feature.status
    assert status.refusals_button.isVisibleTo(window)
    assert status.refusals_button.text() == "1 perubahan ditolak hub"
    assert "menunggu masuk ke hub: admin" in status.label.text()
    dialog = feature.open_refusals()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "budi"
    assert dialog.table.item(0, 3).text().startswith("versi perubahan tidak sah")
    window.grab().save(str(b.ctx.paths.data_dir / "refusals.png"))
    dialog.grab().save(str(b.ctx.paths.data_dir / "refusals-dialog.png"))


@pytest.mark.allow_log_warnings  # the wrong password is logged by the service
def test_the_hub_settings_enroll_this_workstation(
    hub: Hub, service: BackgroundServer, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from desk_app.context import open_context
    from desk_app.services import auth
    from tests.sync.conftest import ADMIN_PASSWORD

    ctx = open_context(tmp_path / "fresh", workstation_code="NEW1")
    try:
        with ctx.db.write() as s:
            ctx.actor = auth.set_first_password(s, ADMIN_PASSWORD)
        window = MainWindow(
            ctx, DataBus(), TaskRunner(synchronous=True), settings=Settings(ctx.paths.settings_file)
        )
        qtbot.addWidget(window)
        feature = window.features.get(SyncFeature)
        dialog = feature.open_settings()
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        dialog.url.setText("postgresql+psycopg://desk@hub/desk")  # the old kind of address
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert "tidak lagi terhubung langsung" in dialog.outcome.text()
        assert feature.controller.settings.url == ""
        dialog.url.setText(service.url)
        dialog.password.setText("salah-sekali")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert "kata sandi salah" in dialog.outcome.text()
        dialog.password.setText(ADMIN_PASSWORD)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert feature.controller.settings.url == service.url
        assert hub_settings.load(ctx.paths.data_dir).url == service.url
        window.close()
    finally:
        ctx.close()

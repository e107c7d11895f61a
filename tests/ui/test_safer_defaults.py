"""Safer defaults and clearer feedback (issue 17, section 6): nothing is chosen for the
user that they did not ask for, and what the window does (or cannot do) is said."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from desk_helpers import AnsweringDialogs, make_incident, make_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.services import audit, contacts, incidents, regions
from desk_app.services.actor import Actor
from desk_app.services.audit import AuditFilter
from desk_app.sync import settings as hub_settings
from desk_app.sync.errors import HubUnavailableError
from desk_app.ui.bus import DataBus
from desk_app.ui.contacts_tab import ContactsTab
from desk_app.ui.context import UiContext
from desk_app.ui.incident_detail import IncidentDetailPane
from desk_app.ui.incident_form import IncidentForm
from desk_app.ui.incidents_tab import IncidentsTab
from desk_app.ui.regions_tab import AlertLevelDialog, RegionsTab
from desk_app.ui.settings import Settings
from desk_app.ui.sync_ui import SyncFeature
from desk_app.ui.tasks import TaskRunner

# -- the alert level -------------------------------------------------------------------------


def _regions_tab(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> RegionsTab:
    tab = RegionsTab(ctx, DataBus(), TaskRunner(synchronous=True), Settings(tmp_path / "s.ini"))
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _level_dialog(qtbot: QtBot, tab: RegionsTab, code: str) -> AlertLevelDialog:
    tab.select_region(code)
    tab.change_level_action.trigger()
    dialog = tab.findChild(AlertLevelDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


@pytest.mark.parametrize("level", ["kondusif", "waspada", "siaga", "awas"])
def test_alert_level_dialog_starts_at_the_current_level(
    qtbot: QtBot, ctx: AppContext, coordinator: Actor, tmp_path: Path, level: str
) -> None:
    if level != "kondusif":
        with ctx.db.write() as session:
            regions.set_alert_level(session, coordinator, "33.74", level, "awal")
    ctx.actor = coordinator
    tab = _regions_tab(qtbot, ctx, tmp_path)
    dialog = _level_dialog(qtbot, tab, "33.74")
    assert dialog.level_combo.currentData() == level


def test_a_hasty_save_of_the_level_dialog_raises_nothing(
    qtbot: QtBot, ctx: AppContext, coordinator: Actor, tmp_path: Path
) -> None:
    ctx.actor = coordinator
    tab = _regions_tab(qtbot, ctx, tmp_path)
    dialog = _level_dialog(qtbot, tab, "33.01")
    qtbot.keyClicks(dialog.reason_edit, "cek")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert dialog.isVisible()  # refused: the level was not chosen
    assert dialog.level_error.text() == "Wilayah sudah berada pada tingkat siaga ini."
    with ctx.db.read() as session:
        assert regions.get_region(session, "33.01").alert_level == "kondusif"


# -- the region of a new incident ------------------------------------------------------------


class _LastRegion:
    def __init__(self, code: str) -> None:
        self.last_region = code


def _new_form(qtbot: QtBot, ctx: AppContext, last: str) -> IncidentForm:
    ui = UiContext(ctx, DataBus(), TaskRunner(synchronous=True), dialogs=AnsweringDialogs())
    form = IncidentForm(ctx, _LastRegion(last), ui=ui)  # type: ignore[arg-type]
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_new_incident_does_not_preselect_the_last_region(qtbot: QtBot, ctx: AppContext) -> None:
    form = _new_form(qtbot, ctx, "33.72")
    assert form.region.code() == ""
    assert form.same_region_button.isVisible()
    assert "Kota Surakarta" in form.same_region_button.toolTip()


def test_same_as_last_fills_the_region_when_asked(qtbot: QtBot, ctx: AppContext) -> None:
    form = _new_form(qtbot, ctx, "33.72")
    qtbot.mouseClick(form.same_region_button, Qt.MouseButton.LeftButton)
    assert form.region.code() == "33.72"


def test_same_as_last_answers_its_key(qtbot: QtBot, ctx: AppContext) -> None:
    form = _new_form(qtbot, ctx, "33.72")
    form.activateWindow()
    qtbot.waitUntil(lambda: form.isActiveWindow())
    qtbot.keyClick(form.title, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: form.region.code() == "33.72")  # a mnemonic clicks animated


def test_no_same_as_last_before_a_first_incident(qtbot: QtBot, ctx: AppContext) -> None:
    form = _new_form(qtbot, ctx, "")
    assert form.region.code() == ""
    assert not form.same_region_button.isVisible()


# -- sync with no hub, and a hub connected elsewhere -----------------------------------------


def test_f5_without_a_hub_says_so(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    ctx.actor = admin
    window = make_window(qtbot, ctx)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    feature = window.features.get(SyncFeature)
    assert feature.status.label.text() == "Tanpa hub"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    message = window.statusBar().currentMessage()
    assert "belum terhubung ke hub" in message
    assert "Pengaturan hub" in message


def _unreachable(url: str) -> object:
    raise HubUnavailableError("connection refused")


@pytest.mark.parametrize("how", ["cli", "other window"])
def test_hub_connected_elsewhere_shows_without_a_restart(
    qtbot: QtBot, ctx: AppContext, admin: Actor, how: str
) -> None:
    ctx.actor = admin
    window = make_window(qtbot, ctx)
    feature = window.features.get(SyncFeature)
    feature.controller.hub_factory = _unreachable
    assert feature.status.label.text() == "Tanpa hub"
    if how == "cli":  # `desk-app hub connect` writes the settings file
        hub_settings.save(ctx.paths.data_dir, "https://hub.setda.local:8765")
    else:  # the file exists already and another window saves a new address in it
        hub_settings.save(ctx.paths.data_dir, "")
        feature.controller.reload_settings()
        hub_settings.save(ctx.paths.data_dir, "https://hub.setda.local:8765")
    qtbot.waitUntil(lambda: feature.controller.settings.url == "https://hub.setda.local:8765")
    assert feature.status.label.text().startswith("Offline")
    assert "https://hub.setda.local:8765" in feature.status.label.toolTip()
    hub_settings.save(ctx.paths.data_dir, "")  # and disconnected again
    qtbot.waitUntil(lambda: feature.status.label.text() == "Tanpa hub")


# -- the attachment picker -------------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, with no XDG folder settings: Qt then finds the
    Pictures and Downloads folders under it."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


def _attach_pane(
    qtbot: QtBot, ctx: AppContext, admin: Actor, dialogs: AnsweringDialogs, settings: Settings
) -> IncidentDetailPane:
    ui = UiContext(ctx, DataBus(), TaskRunner(synchronous=True), settings, dialogs=dialogs)
    pane = IncidentDetailPane(ctx, ui=ui)
    qtbot.addWidget(pane)
    pane.resize(1200, 420)
    pane.show_incident(make_incident(ctx, admin))
    return pane


def test_attachment_picker_starts_in_pictures_then_downloads(
    qtbot: QtBot, ctx: AppContext, admin: Actor, home: Path, tmp_path: Path
) -> None:
    (home / "Downloads").mkdir()
    dialogs = AnsweringDialogs()
    pane = _attach_pane(qtbot, ctx, admin, dialogs, Settings(tmp_path / "s.ini"))
    button = pane.attachments_panel.attach_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    (home / "Pictures").mkdir()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialogs.directories == [str(home / "Downloads"), str(home / "Pictures")]


def test_attachment_picker_starts_where_the_last_file_came_from(
    qtbot: QtBot, ctx: AppContext, admin: Actor, home: Path, tmp_path: Path
) -> None:
    (home / "Pictures").mkdir()
    shots = home / "Desktop" / "tangkapan"
    shots.mkdir(parents=True)
    photo = shots / "hoaks.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    dialogs = AnsweringDialogs(files=[[photo]])
    settings = Settings(tmp_path / "s.ini")
    pane = _attach_pane(qtbot, ctx, admin, dialogs, settings)
    button = pane.attachments_panel.attach_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialogs.directories == [str(home / "Pictures"), str(shots)]
    # Kept for the next start too; a folder since removed falls back to Pictures.
    assert Settings(tmp_path / "s.ini").get(Settings.ATTACHMENT_FOLDER) == str(shots)
    photo.unlink()
    shots.rmdir()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialogs.directories[-1] == str(home / "Pictures")


# -- exports with personal data --------------------------------------------------------------


def _exports(ctx: AppContext) -> list[tuple[str, str, dict[str, list[object]]]]:
    with ctx.db.read() as session:
        rows = audit.list_entries(session, AuditFilter(action="export"), offset=0, limit=50)
    return [(r.user_name, r.table_name, {c.field: [c.old, c.new] for c in r.changes}) for r in rows]


def _csv(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def _incidents_tab(qtbot: QtBot, ctx: AppContext, dialogs: AnsweringDialogs) -> IncidentsTab:
    bus, tasks = DataBus(), TaskRunner(synchronous=True)
    tab = IncidentsTab(ctx, bus, tasks, None, ui=UiContext(ctx, bus, tasks, dialogs=dialogs))
    tab._drafts_offered = True
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    return tab


def _reported(ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as session:
        incidents.create_incident(
            session,
            admin,
            incidents.IncidentInput(
                title="Hoaks surat suara",
                region_code="33.74",
                category="HOAKS",
                severity=2,
                source_type="MASYARAKAT",
                occurred_at=datetime.now(UTC) - timedelta(hours=2),
                reported_at=datetime.now(UTC) - timedelta(hours=1),
                reporter_name="Siti Rahayu",
                reporter_contact="081325667788",
            ),
        )


@pytest.mark.parametrize("include", [False, True])
def test_incident_export_asks_before_personal_data_and_records_it(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, include: bool
) -> None:
    _reported(ctx, admin)
    out = tmp_path / "insiden.csv"
    dialogs = AnsweringDialogs(answers=[include], files=[out])
    tab = _incidents_tab(qtbot, ctx, dialogs)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    [question] = dialogs.asked
    assert "data pribadi" in question and "nomor telepon pelapor" in question
    text = _csv(out)
    assert "Hoaks surat suara" in text
    assert ("Siti Rahayu" in text) is include
    assert ("081325667788" in text) is include
    [(who, table, changes)] = _exports(ctx)
    assert (who, table) == ("admin", "incident")
    assert changes["export_file"] == [None, "insiden.csv"]
    assert changes["export_rows"] == [None, 1]
    assert changes["personal_data"] == [None, include]


def test_no_question_for_a_role_that_sees_no_personal_data(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    _reported(ctx, admin)
    ctx.actor = Actor(admin.user_id, admin.username, admin.role, sees_personal_data=False)
    out = tmp_path / "insiden.csv"
    dialogs = AnsweringDialogs(files=[out])  # a question would fail the test
    tab = _incidents_tab(qtbot, ctx, dialogs)
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert "Siti Rahayu" not in _csv(out)
    [(_, _, changes)] = _exports(ctx)
    assert changes["personal_data"] == [None, False]


@pytest.mark.parametrize("include", [False, True])
def test_contact_export_asks_before_phone_numbers_and_records_it(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, include: bool
) -> None:
    with ctx.db.write() as session:
        contacts.create_contact(
            session,
            admin,
            contacts.ContactInput(
                name="KH Ahmad Fauzi", category="TOKOH_AGAMA", phones=["0812-3456-7890"]
            ),
        )
    out = tmp_path / "kontak.csv"
    dialogs = AnsweringDialogs(answers=[include], files=[out])
    bus, tasks = DataBus(), TaskRunner(synchronous=True)
    tab = ContactsTab(ctx, bus, tasks, None, ui=UiContext(ctx, bus, tasks, dialogs=dialogs))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.mouseClick(tab.export_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.asked) == 1
    text = _csv(out)
    assert "KH Ahmad Fauzi" in text
    assert ("3456" in text) is include
    [(_, table, changes)] = _exports(ctx)
    assert table == "contact"
    assert changes["personal_data"] == [None, include]

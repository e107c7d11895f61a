"""The regions board: table, map, detail, and changing a region's alert level."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from desk_helpers import HeldTasks, make_incident
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from reportlab.graphics.shapes import String

from desk_app.context import AppContext
from desk_app.reports.data import RegionLine
from desk_app.reports.fonts import register_fonts
from desk_app.reports.graphics import TILE_GAP, TILE_RATIO, status_map
from desk_app.reports.layout import CONTENT_W
from desk_app.services import regions
from desk_app.services.actor import Actor
from desk_app.services.errors import PermissionDeniedError
from desk_app.services.region_tiles import GRID_COLUMNS, GRID_ROWS, place_tiles
from desk_app.ui.bus import DataBus
from desk_app.ui.dialogs import Dialogs
from desk_app.ui.record_model import RECORD_ROLE
from desk_app.ui.regions_tab import AlertLevelDialog, RegionBoardModel, RegionsTab
from desk_app.ui.settings import Settings
from desk_app.ui.tasks import TaskRunner


@pytest.fixture
def bus() -> DataBus:
    return DataBus()


def _tab(qtbot: QtBot, ctx: AppContext, bus: DataBus, tmp_path: Path) -> RegionsTab:
    tab = RegionsTab(ctx, bus, TaskRunner(synchronous=True), Settings(tmp_path / "s.ini"))
    qtbot.addWidget(tab)
    tab.resize(1300, 800)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext, bus: DataBus, tmp_path: Path) -> Iterator[RegionsTab]:
    yield _tab(qtbot, ctx, bus, tmp_path)


def _click_tile(qtbot: QtBot, tab: RegionsTab, code: str) -> None:
    centre = tab.map.tile_rect(code).center().toPoint()
    qtbot.mouseClick(tab.map, Qt.MouseButton.LeftButton, pos=centre)


def test_board_shows_the_35_regions(tab: RegionsTab) -> None:
    assert tab.model.rowCount() == 35
    codes = [tab.model.record(r).code for r in range(35)]
    assert codes[0] == "33.01" and codes[-1] == "33.76"
    semarang = tab.model.index(tab.model.row_of("33.74"), RegionBoardModel.NAME)
    assert semarang.data() == "Kota Semarang"
    cilacap = tab.model.index(0, RegionBoardModel.NAME)
    assert cilacap.data() == "Kab. Cilacap"
    assert cilacap.data(Qt.ItemDataRole.ToolTipRole) == "Kabupaten Cilacap (Cilacap)"
    level = tab.model.index(semarang.row(), RegionBoardModel.LEVEL)
    assert level.data() == "Kondusif"
    assert level.data(Qt.ItemDataRole.BackgroundRole) is not None
    ikp = tab.model.index(semarang.row(), RegionBoardModel.IKP)
    assert ikp.data() == "Tinggi (73,26)"


def test_board_counts_open_incidents_by_severity(
    qtbot: QtBot, ctx: AppContext, admin: Actor, bus: DataBus, tmp_path: Path
) -> None:
    make_incident(ctx, admin, region="33.74", severity=4)
    make_incident(ctx, admin, region="33.74", severity=4, title="Bentrok pendukung")
    make_incident(ctx, admin, region="33.74", severity=1, title="Baliho rusak", hours_ago=30)
    tab = _tab(qtbot, ctx, bus, tmp_path)
    row = tab.model.row_of("33.74")
    assert tab.model.index(row, RegionBoardModel.OPEN_TOTAL).data() == "3"
    assert tab.model.index(row, RegionBoardModel.SEV4).data() == "2"
    assert tab.model.index(row, RegionBoardModel.SEV1).data() == "1"
    assert tab.model.index(row, RegionBoardModel.SEV3).data() == ""
    assert tab.model.index(row, RegionBoardModel.LAST_24H).data() == "2"
    assert tab.model.index(row, RegionBoardModel.LAST).data().endswith("WIB")


def test_board_refreshes_when_data_changes(tab: RegionsTab, ctx: AppContext, admin: Actor) -> None:
    make_incident(ctx, admin, region="33.01", severity=3)
    row = tab.model.row_of("33.01")
    assert tab.model.index(row, RegionBoardModel.OPEN_TOTAL).data() == "0"
    tab.bus.notify({"incident"})
    assert tab.model.index(row, RegionBoardModel.OPEN_TOTAL).data() == "1"


def test_clicking_the_map_selects_the_region_in_the_table(qtbot: QtBot, tab: RegionsTab) -> None:
    _click_tile(qtbot, tab, "33.74")
    current = tab.table.selectionModel().currentIndex()
    assert current.data(RECORD_ROLE).code == "33.74"
    assert tab.table.selectionModel().isRowSelected(current.row())
    assert tab.map.selected_code() == "33.74"
    assert tab.detail.title.text() == "33.74 Kota Semarang"


def test_selecting_in_the_table_selects_on_the_map(qtbot: QtBot, tab: RegionsTab) -> None:
    tab.table.setFocus()
    tab.table.selectRow(tab.model.row_of("33.02"))
    assert tab.map.selected_code() == "33.02"
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    assert tab.map.selected_code() == "33.03"


def test_map_is_usable_with_the_keyboard(qtbot: QtBot, tab: RegionsTab) -> None:
    _click_tile(qtbot, tab, "33.74")
    tab.map.setFocus()
    qtbot.keyClick(tab.map, Qt.Key.Key_Right)  # Kota Semarang → Demak, its eastern neighbour
    assert tab.selected_code() == "33.21"
    qtbot.keyClick(tab.map, Qt.Key.Key_Left)
    assert tab.selected_code() == "33.74"


def test_clicking_outside_the_tiles_changes_nothing(qtbot: QtBot, tab: RegionsTab) -> None:
    _click_tile(qtbot, tab, "33.01")
    qtbot.mouseClick(tab.map, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert tab.selected_code() == "33.01"


def _open_dialog(qtbot: QtBot, tab: RegionsTab, code: str) -> AlertLevelDialog:
    _click_tile(qtbot, tab, code)
    assert tab.change_level_action.isEnabled()
    tab.change_level_action.trigger()
    dialog = tab.findChild(AlertLevelDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_coordinator_changes_a_level_with_a_reason(
    qtbot: QtBot, ctx: AppContext, coordinator: Actor, bus: DataBus, tmp_path: Path
) -> None:
    ctx.actor = coordinator
    tab = _tab(qtbot, ctx, bus, tmp_path)
    dialog = _open_dialog(qtbot, tab, "33.74")
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("siaga"))
    qtbot.keyClicks(dialog.reason_edit, "Bentrok antarpendukung di Kec. Tembalang")
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    # At once on the map, in the table, in the detail and in the history.
    assert tab.map.level_of("33.74") == "siaga"
    row = tab.model.row_of("33.74")
    assert tab.model.index(row, RegionBoardModel.LEVEL).data() == "Siaga"
    assert tab.detail.level_value.text().startswith("Siaga")
    history = tab.detail.history_model
    assert history.rowCount() == 1
    entry = history.record(0)
    assert (entry.from_level, entry.to_level, entry.by) == ("kondusif", "siaga", "koordinator")
    assert entry.reason == "Bentrok antarpendukung di Kec. Tembalang"
    with ctx.db.read() as session:
        assert regions.get_region(session, "33.74").alert_level == "siaga"


def test_empty_reason_is_refused_with_a_message(
    qtbot: QtBot, ctx: AppContext, coordinator: Actor, bus: DataBus, tmp_path: Path
) -> None:
    ctx.actor = coordinator
    tab = _tab(qtbot, ctx, bus, tmp_path)
    dialog = _open_dialog(qtbot, tab, "33.01")
    qtbot.keyClicks(dialog.reason_edit, "   ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.reason_error.isVisible()
    assert dialog.reason_error.text() == "Alasan wajib diisi."
    assert tab.map.level_of("33.01") == "kondusif"
    with ctx.db.read() as session:
        assert regions.level_history(session, "33.01") == []
    # The service refuses it too, and the tab puts its message next to the field.
    assert tab.change_level("33.01", "awas", " \n ") == {"reason": "Alasan wajib diisi."}


def test_same_level_is_refused_next_to_the_level(
    qtbot: QtBot, ctx: AppContext, coordinator: Actor, bus: DataBus, tmp_path: Path
) -> None:
    ctx.actor = coordinator
    tab = _tab(qtbot, ctx, bus, tmp_path)
    dialog = _open_dialog(qtbot, tab, "33.01")
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("kondusif"))
    qtbot.keyClicks(dialog.reason_edit, "tetap")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.level_error.text() == "Wilayah sudah berada pada tingkat siaga ini."


def test_operator_cannot_change_a_level(
    qtbot: QtBot, ctx: AppContext, operator: Actor, bus: DataBus, tmp_path: Path
) -> None:
    ctx.actor = operator
    tab = _tab(qtbot, ctx, bus, tmp_path)
    _click_tile(qtbot, tab, "33.74")
    assert not tab.change_level_action.isEnabled()
    assert not tab.detail.change_button.isEnabled()
    assert "koordinator" in tab.change_level_action.toolTip()
    assert tab.open_level_dialog() is None
    # Even past the disabled button, the service refuses and nothing changes.
    message = tab.change_level("33.74", "awas", "coba")
    assert isinstance(message, str) and "tidak berwenang" in message
    with ctx.db.write() as session, pytest.raises(PermissionDeniedError):
        regions.set_alert_level(session, operator, "33.74", "awas", "coba")
    assert tab.map.level_of("33.74") == "kondusif"
    with ctx.db.read() as session:
        assert regions.get_region(session, "33.74").alert_level == "kondusif"


def test_detail_lists_the_region_incidents_and_opens_them(
    qtbot: QtBot, ctx: AppContext, admin: Actor, bus: DataBus, tmp_path: Path
) -> None:
    wanted = make_incident(ctx, admin, region="33.72", title="Pembakaran baliho di Laweyan")
    make_incident(ctx, admin, region="33.01", title="Lain wilayah")
    tab = _tab(qtbot, ctx, bus, tmp_path)
    _click_tile(qtbot, tab, "33.72")
    model = tab.detail.incident_model
    assert model.rowCount() == 1
    assert model.record(0).title == "Pembakaran baliho di Laweyan"
    view = tab.detail.incident_view
    tab.detail.lists.setCurrentWidget(view)
    with qtbot.waitSignal(tab.incident_activated, timeout=1000) as opened:
        rect = view.visualRect(model.index(0, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [wanted]
    with qtbot.waitSignal(tab.incident_activated, timeout=1000) as opened:
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [wanted]


def test_models_pass_the_model_tester(
    qtmodeltester, qtbot: QtBot, ctx: AppContext, admin: Actor, bus: DataBus, tmp_path: Path
) -> None:
    make_incident(ctx, admin, region="33.74")
    with ctx.db.write() as session:
        regions.set_alert_level(session, admin, "33.74", "waspada", "uji")
    tab = _tab(qtbot, ctx, bus, tmp_path)
    tab.select_region("33.74")
    for model in (
        tab.model,
        tab.detail.history_model,
        tab.detail.incident_model,
        tab.detail.contact_model,
    ):
        qtmodeltester.check(model, force_py=True)
    tab.model.sort(RegionBoardModel.OPEN_TOTAL, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(tab.model, force_py=True)


def _screen_cells(tab: RegionsTab) -> dict[str, tuple[int, int]]:
    """The cell of each tile on screen, from where it is drawn."""
    cell_w = (tab.map.width() - 8) / GRID_COLUMNS
    cell_h = (tab.map.height() - 8) / GRID_ROWS
    cells = {}
    for row in range(tab.model.rowCount()):
        code = tab.model.record(row).code
        centre = tab.map.tile_rect(code).center()
        cells[code] = (int((centre.x() - 4) // cell_w), int((centre.y() - 4) // cell_h))
    return cells


def _paper_cells(regions_: list[RegionLine]) -> dict[str, tuple[int, int]]:
    """The cell of each tile in the sitrep, from where its code is printed."""
    register_fonts()
    drawing = status_map(regions_, {}, CONTENT_W)
    tile_w = (drawing.width - TILE_GAP * (GRID_COLUMNS - 1)) / GRID_COLUMNS
    tile_h = tile_w * TILE_RATIO
    codes = {r.code for r in regions_}
    return {
        s.text: (
            int(s.x // (tile_w + TILE_GAP)),
            int((drawing.height - s.y) // (tile_h + TILE_GAP)),
        )
        for s in drawing.contents
        if isinstance(s, String) and s.text in codes
    }


def test_the_map_places_every_region_where_the_sitrep_prints_it(tab: RegionsTab) -> None:
    rows = [tab.model.record(r) for r in range(tab.model.rowCount())]
    lines = [
        RegionLine(r.code, r.name, r.lat, r.lon, r.alert_level, 0, 0, 0, None, 0, "") for r in rows
    ]
    screen = _screen_cells(tab)
    assert len(screen) == 35
    assert screen == _paper_cells(lines) == place_tiles(rows)
    # Kudus beside Jepara on both.
    assert screen["33.19"] == (screen["33.20"][0] + 1, screen["33.20"][1])


def test_every_name_fits_its_tile_in_a_small_window(qtbot: QtBot, tab: RegionsTab) -> None:
    tab.resize(1010, 600)  # the tab in a 1024 × 700 window
    assert tab.map.width() < 1010
    assert tab.map.crowded_tiles() == []
    assert tab.map.tile_label("33.75") == ("Kota", "Pekalongan")
    assert tab.map.tile_fonts().name.pixelSize() >= 10
    tab.resize(1300, 800)
    assert tab.map.crowded_tiles() == []
    # The check sees a map too narrow for the names.
    tab.map.setMinimumSize(0, 0)
    tab.map.setFixedSize(480, 200)
    assert "33.04" in tab.map.crowded_tiles()  # Banjarnegara


def test_an_older_board_or_detail_read_answering_last_is_dropped(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    runner = HeldTasks()
    tab = RegionsTab(ctx, DataBus(), runner, Settings(tmp_path / "s.ini"))
    qtbot.addWidget(tab)
    work, done, _failed = runner.held.pop()
    stale_board = work()  # every region still "normal"
    with ctx.db.write() as session:
        regions.set_alert_level(session, admin, "33.74", "awas", "kerusuhan")
    tab.refresh()
    runner.finish()
    semarang = tab.model.row_of("33.74")
    assert tab.model.record(semarang).alert_level == "awas"
    done(stale_board)  # the older answer comes last: dropped
    assert tab.model.record(semarang).alert_level == "awas"

    tab.select_region("33.74")  # its history: the change above
    stale_details = list(runner.held)
    runner.held.clear()
    assert stale_details
    tab.select_region("33.01")  # Kab. Cilacap: no change
    runner.finish()
    assert tab.detail.history_model.rowCount() == 0
    for work, done, _failed in stale_details:
        done(work())  # Kota Semarang's detail, asked for first: dropped
    assert tab.detail.history_model.rowCount() == 0
    assert "Cilacap" in tab.detail.title.text()


def test_a_failed_read_is_told_and_an_outdated_failure_is_not(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        Dialogs, "warn", lambda _self, _parent, title, text: shown.append((title, text))
    )
    runner = HeldTasks()
    tab = RegionsTab(ctx, DataBus(), runner, Settings(tmp_path / "s.ini"))
    qtbot.addWidget(tab)
    _work, _done, failed_first = runner.held.pop()
    tab.refresh()
    _work, _done, failed = runner.held.pop()
    failed_first(sqlite3.OperationalError("disk I/O error"))  # outdated: the newer read goes on
    assert shown == []
    failed(sqlite3.OperationalError("disk I/O error"))
    assert [title for title, _text in shown] == ["Data wilayah tidak dapat dimuat"]
    assert shown[0][1].startswith("Terjadi kesalahan")

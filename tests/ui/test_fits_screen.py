"""Everything fits a 1366×768 screen (issue 17, section 3): the main window and every
dialog the app has open at most the room such a screen leaves (a 40-pixel taskbar and a
title bar taken off), and what matters shows without scrolling."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from desk_helpers import AnsweringDialogs, make_incident, make_window
from PySide6.QtCore import QAbstractItemModel, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea, QStyle, QTableView
from pytestqt.qtbot import QtBot

import desk_app.ui
from desk_app.context import AppContext
from desk_app.services import contacts, incidents, regions
from desk_app.services.actor import Actor
from desk_app.services.incident_duplicates import DuplicateCandidate
from desk_app.ui import screen_fit
from desk_app.ui.contacts_model import COLUMNS as CONTACT_COLUMNS
from desk_app.ui.incidents_model import COLUMNS
from desk_app.ui.main_window import MainWindow

#: A 1366×768 screen with a 40-pixel taskbar.
SCREEN = QRect(0, 0, 1366, 728)
#: What a window may take of it: the inside of a maximized window (less a title bar).
INSIDE = QSize(1366, 728 - screen_fit.TITLE_BAR)


@pytest.fixture(autouse=True)
def small_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(SCREEN))


def _too_big(size: QSize) -> bool:
    return size.width() > INSIDE.width() or size.height() > INSIDE.height()


def _all_dialog_classes() -> set[type[QDialog]]:
    for module in pkgutil.iter_modules(desk_app.ui.__path__):
        importlib.import_module(f"desk_app.ui.{module.name}")
    found: set[type[QDialog]] = set()
    todo = list(QDialog.__subclasses__())
    while todo:
        cls = todo.pop()
        if cls.__module__.startswith("desk_app.ui."):
            found.add(cls)
        todo += cls.__subclasses__()
    return found


# -- the main window -------------------------------------------------------------------------


def test_window_opens_within_the_screen_never_1400_by_900(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    window = make_window(qtbot, ctx)
    assert not window.restored
    limit = screen_fit.room()
    assert window.width() <= limit.width() and window.height() <= limit.height()
    assert window.size() != QSize(1400, 900)
    assert not _too_big(window.minimumSizeHint())
    # Too small for its preferred size: the first start opens it maximized.
    assert screen_fit.opens_maximized(SCREEN.size())
    assert not screen_fit.opens_maximized(QSize(1920, 1040))


def test_first_start_opens_maximized_on_a_small_screen_only(
    qtbot: QtBot, ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, ctx)
    window.show_first()
    assert window.isMaximized()
    monkeypatch.setattr(
        screen_fit, "available_geometry", lambda widget=None: QRect(0, 0, 1920, 1040)
    )
    roomy = make_window(qtbot, ctx)
    roomy.show_first()
    assert not roomy.isMaximized()
    assert roomy.size() == QSize(1400, 900)


def test_window_saved_on_a_bigger_screen_comes_back_within_this_one(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    settings_file = tmp_path / "s.ini"
    big = make_window(qtbot, ctx, settings_file)
    big.setGeometry(300, 200, 1800, 1000)
    big.settings.save_window(big)
    big.settings.sync()
    window = make_window(qtbot, ctx, settings_file)
    assert window.restored
    limit = screen_fit.room()
    assert window.width() <= limit.width() and window.height() <= limit.height()
    assert SCREEN.contains(window.geometry().topLeft())


def test_screenshot_default_is_the_window_on_a_1366_by_768_screen() -> None:
    from desk_app.cli.screenshot import DEFAULT_SIZE as CLI_DEFAULT
    from desk_app.ui.screenshot import DEFAULT_SIZE

    size = screen_fit.window_size_on(screen_fit.TYPICAL_AVAILABLE)
    assert DEFAULT_SIZE == (size.width(), size.height()) == (1366, 698)
    assert CLI_DEFAULT == "1366x698"


@pytest.mark.parametrize("tab", ["wilayah", "insiden", "kontak", "ringkasan"])
def test_each_tab_fits_the_window_at_1366_by_768(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tab: str
) -> None:
    make_incident(ctx, admin)
    window = make_window(qtbot, ctx)
    window.resize(INSIDE)
    window.show_tab(tab)
    window.show()
    qtbot.waitExposed(window)
    assert window.size() == INSIDE, f"{tab}: the window grew to {window.size()}"
    assert not _too_big(window.minimumSizeHint())


def _shown_at_1366(qtbot: QtBot, ctx: AppContext, tab: str) -> MainWindow:
    window = make_window(qtbot, ctx)
    window.resize(INSIDE)
    window.show_tab(tab)
    window.show()
    qtbot.waitExposed(window)
    return window


def _column_fully_visible(view: QTableView, column: int) -> bool:
    left = view.columnViewportPosition(column)
    return left >= 0 and left + view.columnWidth(column) <= view.viewport().width()


def test_incidents_show_the_title_before_the_category(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    make_incident(ctx, admin)
    window = _shown_at_1366(qtbot, ctx, "insiden")
    table = window.incidents_tab.table  # type: ignore[attr-defined]
    header = table.horizontalHeader()
    title, category = COLUMNS.index("title"), COLUMNS.index("category")
    assert header.visualIndex(title) < header.visualIndex(category)
    assert title == 1  # right after the number
    for key in ("ref", "title", "occurred_at", "region", "category", "severity", "status"):
        assert _column_fully_visible(table, COLUMNS.index(key)), key


def test_incidents_show_every_column_whole_at_1366(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    """The assignee ("Petugas") was half off the right edge, its header cut to "Pe"; the
    longest regency names were cut too ("Kabupaten Temanggu…")."""
    make_incident(ctx, admin, region="33.04")  # Kabupaten Banjarnegara
    window = _shown_at_1366(qtbot, ctx, "insiden")
    table = window.incidents_tab.table  # type: ignore[attr-defined]
    for key in COLUMNS:
        assert _column_fully_visible(table, COLUMNS.index(key)), key
    assert table.horizontalScrollBar().maximum() == 0
    region = table.model().index(0, COLUMNS.index("region"))
    assert region.data() == "Kab. Banjarnegara"
    assert region.data(Qt.ItemDataRole.ToolTipRole) == "Kabupaten Banjarnegara"
    assert table.columnWidth(region.column()) >= table.sizeHintForColumn(region.column())


def test_contacts_show_the_phone_column(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as session:
        contacts.create_contact(
            session,
            admin,
            contacts.ContactInput(
                name="KH Ahmad Fauzi", category="TOKOH_AGAMA", phones=["0812-3456-7890"]
            ),
        )
    window = _shown_at_1366(qtbot, ctx, "kontak")
    table = window.contacts_tab.table  # type: ignore[attr-defined]
    phone = CONTACT_COLUMNS.index("phone")
    assert _column_fully_visible(table, phone)
    assert table.model().index(0, phone).data() == "+62 812-3456-7890"
    # Every column shows beside the detail; the region ("Wilayah") was off the right edge.
    for key in CONTACT_COLUMNS:
        assert _column_fully_visible(table, CONTACT_COLUMNS.index(key)), key
    assert table.columnWidth(phone) >= table.sizeHintForColumn(phone)


TYPICAL_DESCRIPTION = (
    "Akun anonim menyebarkan video lama bentrokan yang diklaim terjadi di TPS 05 "
    "Kelurahan Tembalang pagi ini. Polsek setempat menyatakan situasi aman; video "
    "berasal dari 2019. Warga diminta tidak menyebarkan ulang."
)


def _typical_incident(ctx: AppContext, admin: Actor) -> str:
    """An incident with every field a desk usually fills: a link, a reporter, a place."""
    with ctx.db.write() as session:
        return incidents.create_incident(
            session,
            admin,
            incidents.IncidentInput(
                title="Video lama bentrokan disebut terjadi di TPS 05 Kelurahan Tembalang",
                region_code="33.74",
                category="HOAKS",
                severity=3,
                source_type="MEDSOS",
                platform="TIKTOK",
                link="https://vt.tiktok.com/ZS123/",
                occurred_at=datetime.now(UTC),
                reported_at=datetime.now(UTC),
                kecamatan="Tembalang",
                desa="Tembalang",
                reporter_name="Siti Rahayu",
                reporter_contact="081325667788",
                description=TYPICAL_DESCRIPTION,
            ),
        ).id


def test_contacts_show_the_longest_regency_whole(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    with ctx.db.write() as session:
        for code in ("33.04", "33.13", "33.03", "33.23"):
            contacts.create_contact(
                session,
                admin,
                contacts.ContactInput(name=f"Kontak {code}", category="TOKOH_AGAMA",
                                      region_codes=[code]),
            )  # fmt: skip
    window = _shown_at_1366(qtbot, ctx, "kontak")
    table = window.contacts_tab.table  # type: ignore[attr-defined]
    region = CONTACT_COLUMNS.index("regions")
    assert table.model().index(0, region).data().startswith("Kab. ")
    assert _column_fully_visible(table, region)
    assert table.columnWidth(region) >= table.sizeHintForColumn(region)


def test_incident_detail_shows_the_description_without_scrolling(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    description = TYPICAL_DESCRIPTION
    incident_id = _typical_incident(ctx, admin)
    window = _shown_at_1366(qtbot, ctx, "insiden")
    window.open_incident(incident_id)
    pane = window.incidents_tab.detail  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: pane.description.text() == description)
    QApplication.processEvents()
    label = pane.description
    scroll = next(a for a in pane.findChildren(QScrollArea) if a.isAncestorOf(label))
    assert scroll.verticalScrollBar().value() == 0
    top = label.mapTo(scroll.viewport(), QPoint(0, 0)).y()
    assert top >= 0 and top + label.height() <= scroll.viewport().height(), (
        f"the description is at {top}..{top + label.height()} of {scroll.viewport().height()}"
    )


def test_incident_detail_needs_no_scroll_bar_at_1366(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    """A fixed 480:320 split left the detail of a typical incident 124 pixels for 286 of
    fields: a scroll bar, always, on a 1366×768 screen."""
    incident_id = _typical_incident(ctx, admin)
    window = _shown_at_1366(qtbot, ctx, "insiden")
    tab = window.incidents_tab  # type: ignore[attr-defined]
    window.open_incident(incident_id)
    pane = tab.detail
    qtbot.waitUntil(lambda: pane.description.text() == TYPICAL_DESCRIPTION)
    QApplication.processEvents()
    scroll = next(a for a in pane.findChildren(QScrollArea) if a.isAncestorOf(pane.summary))
    assert scroll.verticalScrollBar().maximum() == 0
    assert not scroll.verticalScrollBar().isVisible()
    # ... and the table keeps room for its rows.
    rows = tab.table.viewport().height() // tab.table.verticalHeader().defaultSectionSize()
    assert rows >= 9
    # A split the person chose stays as it is when the window is resized.
    tab.splitter.moveSplitter(150, 1)
    chosen = tab.splitter.sizes()
    window.resize(INSIDE.width(), INSIDE.height() - 20)
    window.resize(INSIDE)
    QApplication.processEvents()
    assert tab.splitter.sizes() == chosen


def test_regions_board_shows_every_column_whole_at_1366(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    """The known defect: "Insiden terakhir" was cut at the right edge of the board,
    because Qt left room for the sort arrow in every one of its twelve columns."""
    from desk_app.ui.regions_tab import RegionBoardModel

    make_incident(ctx, admin, region="33.07", severity=4)
    window = _shown_at_1366(qtbot, ctx, "wilayah")
    table = window.regions_tab.table
    QApplication.processEvents()
    header = table.horizontalHeader()
    model = table.model()
    row = model.row_of("33.07")  # type: ignore[attr-defined]
    assert model.index(row, RegionBoardModel.LAST).data().endswith("WIB")
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert _column_fully_visible(table, column), f"{title} is cut at 1366 pixels"
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), title
        assert table.columnWidth(column) >= header.sectionSizeHint(column), title
    assert table.horizontalScrollBar().maximum() == 0


def test_sorting_the_board_gives_that_column_room_for_its_arrow(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    from desk_app.ui.regions_tab import RegionBoardModel

    window = _shown_at_1366(qtbot, ctx, "wilayah")
    table = window.regions_tab.table
    header = table.horizontalHeader()
    QApplication.processEvents()
    unsorted = table.columnWidth(RegionBoardModel.SEV4)
    header.setSortIndicator(RegionBoardModel.SEV4, Qt.SortOrder.DescendingOrder)
    assert table.columnWidth(RegionBoardModel.SEV4) > unsorted
    assert table.columnWidth(RegionBoardModel.SEV4) >= header.sectionSizeHint(RegionBoardModel.SEV4)
    assert _column_fully_visible(table, RegionBoardModel.LAST)


def _whole_rows(view: QTableView) -> bool:
    """Every row drawn in ``view`` is drawn whole."""
    height = view.viewport().height()
    for row in range(view.model().rowCount()):
        rect = view.visualRect(view.model().index(row, 0))
        if rect.top() < height and rect.bottom() >= height:
            return False
    return True


def test_overview_tables_are_not_cut_mid_row(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as session:
        for code in ("33.01", "33.02", "33.03", "33.04", "33.05", "33.06", "33.07"):
            regions.set_alert_level(session, admin, code, "siaga", "uji")
    window = _shown_at_1366(qtbot, ctx, "ringkasan")
    tab = window.overview_tab
    QApplication.processEvents()
    matrix = tab.matrix_view
    assert matrix.model().rowCount() == 5
    last = matrix.visualRect(matrix.model().index(4, 0))
    assert last.bottom() < matrix.viewport().height(), "the total row is cut"
    assert _whole_rows(matrix) and _whole_rows(tab.alert_view)
    assert tab.alert_model.rowCount() == 7


def test_overview_legend_keeps_a_margin_above_the_charts_bottom_edge(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    """The last of the eleven categories ("Lainnya") ran into the chart's bottom edge at
    1366×768, its descenders cut."""
    make_incident(ctx, admin, category="LAINNYA")
    window = _shown_at_1366(qtbot, ctx, "ringkasan")
    tab = window.overview_tab
    QApplication.processEvents()
    chart, view = tab.chart, tab.chart_view
    legend = chart.legend()
    assert len(legend.markers()) == 11
    image = view.grab().toImage()
    box = view.mapFromScene(chart.mapToScene(legend.geometry())).boundingRect()
    columns = range(max(box.left(), 0), min(box.right(), image.width() - 1))

    def lightness(y: int) -> list[int]:
        return [QColor(image.pixel(x, y)).lightness() for x in columns]

    # The chart's white background ends above the window's grey; the legend's last line of
    # text is the lowest row with dark pixels above that.
    edge = max(y for y in range(image.height()) if min(lightness(y)) >= 250)
    text = max(y for y in range(edge) if min(lightness(y)) < 128)
    assert edge - text >= 8, f"the last legend entry ends {edge - text} pixels above the edge"
    # ... and it is not cut at the legend's own bottom either.
    assert text < box.bottom() - 1


def _reason_column(model: QAbstractItemModel) -> int:
    """The level history's "Alasan" (reason) column."""
    return next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Alasan"
    )


def test_region_history_shows_the_reason(qtbot: QtBot, ctx: AppContext, admin: Actor) -> None:
    reason = "Bentrok antarpendukung di Kec. Tembalang, 3 orang luka"
    with ctx.db.write() as session:
        regions.set_alert_level(session, admin, "33.74", "siaga", reason)
    window = _shown_at_1366(qtbot, ctx, "wilayah")
    tab = window.regions_tab
    tab.select_region("33.74")
    view = tab.detail.history_view
    QApplication.processEvents()
    model = view.model()
    column = _reason_column(model)
    assert model.index(0, column).data() == reason
    left = view.columnViewportPosition(column)
    shown = min(view.viewport().width(), left + view.columnWidth(column)) - left
    assert shown >= 150, f"only {shown} pixels of the reason show"


def test_region_history_gives_the_reason_the_rest_of_the_width_and_wraps_it(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    """The reason ("Alasan") was cut at 260 pixels, its end off the right edge."""
    reason = (
        "Bentrok antarpendukung paslon di Kec. Tembalang usai kampanye akbar, 3 orang luka "
        "ringan; Polrestabes menambah personel di dua titik rawan"
    )
    with ctx.db.write() as session:
        regions.set_alert_level(session, admin, "33.74", "waspada", "uji")
        regions.set_alert_level(session, admin, "33.74", "siaga", reason)
    window = _shown_at_1366(qtbot, ctx, "wilayah")
    tab = window.regions_tab
    tab.select_region("33.74")
    view = tab.detail.history_view
    QApplication.processEvents()
    model = view.model()
    column = _reason_column(model)
    row = next(r for r in range(model.rowCount()) if model.index(r, column).data() == reason)
    left = view.columnViewportPosition(column)
    assert left >= 0
    # The rest of the table's width, no less and no more (its end was off the edge).
    assert left + view.columnWidth(column) == view.viewport().width(), (
        f"the reason takes {view.columnWidth(column)} of the {view.viewport().width() - left} "
        "pixels left of the table"
    )
    # ... and shows whole, on as many lines as it needs.
    assert view.wordWrap()
    # The width the delegate lays the text out in: the cell, less the grid line and the
    # style's text margin on each side (a guess of 8 pixels in all was one too many: at
    # some widths it wanted a sixth line the cell did not need).
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    text_width = view.columnWidth(column) - int(view.showGrid()) - 2 * margin
    needed = view.fontMetrics().boundingRect(
        0, 0, text_width, 10_000, Qt.TextFlag.TextWordWrap, reason
    )
    assert view.rowHeight(row) >= needed.height()


def test_region_lists_get_a_usable_height_below_a_whole_map_at_1366(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    """The known defect: the selected region's history, incidents and contacts had about
    60 pixels under its fields, one row of the history, a wrapped reason cut."""
    with ctx.db.write() as session:
        for level in ("waspada", "siaga", "awas", "siaga"):
            regions.set_alert_level(session, admin, "33.74", level, f"uji {level}")
    window = _shown_at_1366(qtbot, ctx, "wilayah")
    tab = window.regions_tab
    tab.select_region("33.74")
    QApplication.processEvents()
    view = tab.detail.history_view
    assert tab.detail.lists.currentWidget() is view
    assert view.model().rowCount() == 4
    assert view.viewport().height() >= 140, (
        f"the level history is {view.viewport().height()} pixels tall"
    )
    # One-line reasons: every change shows, none cut.
    last = view.visualRect(view.model().index(3, 0))
    assert last.bottom() < view.viewport().height()
    # ... and the map above is still whole and legible.
    region_map = tab.map
    assert region_map.visibleRegion().boundingRect() == region_map.rect()
    codes = [row.code for row in tab.model.records()]
    assert len(codes) == 35
    for code in codes:
        assert region_map.rect().toRectF().contains(region_map.tile_rect(code)), code
    assert region_map.crowded_tiles() == []
    assert region_map.tile_fonts().name.pixelSize() >= 11


# -- every dialog ----------------------------------------------------------------------------


DialogFactory = Callable[[MainWindow], QDialog]


def _region_row(window: MainWindow) -> regions.RegionRow:
    with window.ctx.db.read() as session:
        return next(r for r in regions.board(session) if r.code == "33.74")


def _detail(window: MainWindow) -> incidents.IncidentDetail:
    incident_id = make_incident(window.ctx, window.ctx.actor)  # type: ignore[arg-type]
    with window.ctx.db.read() as session:
        return incidents.get_incident(session, window.ctx.actor, incident_id)  # type: ignore[arg-type]


def _sync(window: MainWindow):  # type: ignore[no-untyped-def]
    from desk_app.ui.sync_ui import SyncFeature

    return window.features.get(SyncFeature).controller


def _factories() -> dict[str, DialogFactory]:
    from desk_app.services.attachments import AttachmentView, BlobStore
    from desk_app.ui import (
        attachment_preview,
        audit_viewer,
        contact_form,
        contacts_tab,
        election_dialog,
        first_start_dialog,
        import_dialog,
        incident_detail,
        incident_form,
        incidents_tab,
        merge_dialog,
        note_dialog,
        preferences_dialog,
        recovery,
        regions_tab,
        signin_dialog,
        sitrep_dialog,
        sync_ui,
        users_dialog,
        workstation_ui,
    )

    long_note = "Catatan panjang " * 80
    types = [("BAWASLU", "Diteruskan ke Bawaslu"), ("LAINNYA", "Lainnya")]
    candidates = [
        DuplicateCandidate(
            f"id{i}", f"VW4D-2026-0000{i}", long_note[:200], datetime.now(UTC), "similar_text"
        )
        for i in range(12)
    ]
    return {
        "AlertLevelDialog": lambda w: regions_tab.AlertLevelDialog(
            _region_row(w), lambda *a: None, w
        ),
        "AttachmentPreviewDialog": lambda w: attachment_preview.AttachmentPreviewDialog(
            w.ui,
            BlobStore(w.ctx.paths.attachments_dir),
            AttachmentView(
                "a1",
                "i1",
                "VW4D-2026-00001",
                "tangkapan layar " * 8 + ".png",
                "image/png",
                10,
                "0" * 64,
                datetime.now(UTC),
                "admin",
                True,
            ),
            error_text=str,
            open_external=lambda: None,
            parent=w,
        ),
        "AuditViewer": lambda w: audit_viewer.AuditViewer(w.ctx, w),
        "BulkStatusDialog": lambda w: incidents_tab.BulkStatusDialog(
            [("SELESAI", "Selesai")], 3, w
        ),
        "ConflictsDialog": lambda w: sync_ui.ConflictsDialog(w),
        "ContactForm": lambda w: contact_form.ContactForm(w.ctx, parent=w, ui=w.ui),
        "DuplicatesDialog": lambda w: incident_form.DuplicatesDialog(
            candidates, can_merge=True, parent=w
        ),
        "ElectionDialog": lambda w: election_dialog.ElectionDialog(w.ctx, w.bus, w),
        "EngagementDialog": lambda w: contacts_tab.EngagementDialog(types, w),
        "FirstRunDialog": lambda w: signin_dialog.FirstRunDialog(w.ctx, w, tasks=w.tasks),
        "FirstStartDialog": lambda w: first_start_dialog.FirstStartDialog(w.ctx, w.bus, w.tasks, w),
        "FollowUpDialog": lambda w: incident_detail.FollowUpDialog(types, w),
        "HubPasswordDialog": lambda w: sync_ui.HubPasswordDialog("admin", w),
        "HubSettingsDialog": lambda w: sync_ui.HubSettingsDialog(_sync(w), w),
        "ImportDialog": lambda w: import_dialog.ImportDialog(
            w.ctx, w.tasks, "incidents", w.settings, parent=w
        ),
        "IncidentForm": lambda w: incident_form.IncidentForm(w.ctx, w.settings, parent=w, ui=w.ui),
        "MergeDialog": lambda w: merge_dialog.MergeDialog(w.ctx, w.tasks, _detail(w), w),
        "NoteDialog": lambda w: note_dialog.NoteDialog(types, "followUpType", w),
        "NoteTextDialog": lambda w: note_dialog.NoteTextDialog("Ubah status", long_note, w),
        "PreferencesDialog": lambda w: preferences_dialog.PreferencesDialog(w.settings, w),
        "RecoveryDialog": lambda w: recovery.RecoveryDialog(
            w.ctx.paths, "Basis data rusak: " + long_note, w.tasks, w
        ),
        "RefusalsDialog": lambda w: sync_ui.RefusalsDialog(w),
        "SignInDialog": lambda w: signin_dialog.SignInDialog(w.ctx, w, tasks=w.tasks),
        "SitrepDialog": lambda w: sitrep_dialog.SitrepDialog(w.ctx, w.tasks, w.bus, w.settings, w),
        "AddUserDialog": lambda w: users_dialog.AddUserDialog(w),
        "UsersDialog": lambda w: users_dialog.UsersDialog(w.ctx, w.bus, w),
        "WorkstationCodeDialog": lambda w: workstation_ui.WorkstationCodeDialog(w.ctx, w),
        "_AccountDialog": lambda w: signin_dialog.SignInDialog(w.ctx, w, tasks=w.tasks),
    }


def test_every_dialog_has_a_place_in_this_test() -> None:
    """A new dialog must be added to ``_factories`` (and so be checked on the screen)."""
    missing = {cls.__name__ for cls in _all_dialog_classes()} - set(_factories())
    assert not missing


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext, admin: Actor) -> Iterator[MainWindow]:
    ctx.actor = admin
    window = make_window(qtbot, ctx, dialogs=AnsweringDialogs())
    yield window
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.hide()


@pytest.mark.parametrize("name", sorted(_factories()))
def test_dialog_fits_a_1366_by_768_screen(qtbot: QtBot, window: MainWindow, name: str) -> None:
    dialog = _factories()[name](window)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert not _too_big(dialog.size()), f"{name} opens at {dialog.size()}"
    assert not _too_big(dialog.minimumSizeHint()), (
        f"{name} cannot be smaller than {dialog.minimumSizeHint()}"
    )
    dialog.hide()


def test_sitrep_buttons_are_on_the_screen(qtbot: QtBot, window: MainWindow) -> None:
    from desk_app.ui.sitrep_dialog import SitrepDialog

    dialog = SitrepDialog(window.ctx, window.tasks, window.bus, window.settings, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    inside = dialog.rect()
    for button in (dialog.draft_button, dialog.issue_button):
        corner = button.mapTo(dialog, QPoint(button.width(), button.height()))
        assert button.isVisible() and inside.contains(corner), button.text()
    dialog.hide()

"""The main window: tabs, menus and shortcuts, status bar, remembered layout."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from desk_helpers import AnsweringDialogs, make_incident, make_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.formats import WIB, countdown
from desk_app.services import election
from desk_app.services.actor import Actor
from desk_app.ui.admin_ui import AdminFeature
from desk_app.ui.bus import DataBus
from desk_app.ui.main_window import TAB_KEYS, MainWindow, UnbuiltTab
from desk_app.ui.regions_tab import RegionBoardModel
from desk_app.ui.settings import Settings
from desk_app.ui.sync_ui import SyncFeature
from desk_app.ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext) -> MainWindow:
    window = make_window(qtbot, ctx, dialogs=AnsweringDialogs())
    window.show()
    qtbot.waitExposed(window)
    return window


def test_tabs_and_menus(window: MainWindow) -> None:
    names = [window.tabs.tabText(i).replace("&", "") for i in range(window.tabs.count())]
    assert names == ["Wilayah", "Insiden", "Kontak", "Ringkasan"]
    assert set(window.menus) == {"file", "edit", "view", "report", "admin", "help"}
    # Nobody filled the report menu in this build: it is hidden, not an empty menu.
    assert window.menus["report"].isEmpty() == (not window.menus["report"].menuAction().isVisible())


@pytest.mark.parametrize(
    ("command", "keys"),
    [
        ("new_incident", "Ctrl+N"),
        ("find", "Ctrl+F"),
        ("quit", "Ctrl+Q"),
        ("refresh", "Ctrl+R"),
        ("tab_wilayah", "Ctrl+1"),
        ("tab_ringkasan", "Ctrl+4"),
    ],
)
def test_common_actions_have_shortcuts_in_menus_and_tooltips(
    window: MainWindow, command: str, keys: str
) -> None:
    action = window.commands[command]
    assert action.shortcut() == QKeySequence(keys)
    native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    assert action.toolTip().endswith(f"({native})")
    in_menus = [a for menu in window.menus.values() for a in menu.actions()]
    assert action in in_menus


def test_ctrl_digits_switch_tabs(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tab_key() == "ringkasan"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tab_key() == "insiden"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tab_key() == "wilayah"
    assert window.commands["tab_wilayah"].isChecked()


def test_open_incident_switches_to_the_incidents_tab(window: MainWindow) -> None:
    opened: list[str] = []
    window.incidents_tab.open_incident = opened.append  # type: ignore[attr-defined]
    window.show_tab("wilayah")
    window.regions_tab.incident_activated.emit("abc")
    assert window.tab_key() == "insiden"
    assert opened == ["abc"]


def test_find_focuses_the_current_tab(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_tab("wilayah")
    window.commands["find"].trigger()
    assert window.regions_tab.table.hasFocus()


def test_status_bar_shows_user_workstation_clock_and_countdown(window: MainWindow) -> None:
    assert window.user_label.text() == "admin (Administrator)"
    assert "GB1" in window.workstation_label.text()
    assert window.clock_label.text().endswith("WIB")
    with window.ctx.db.read() as session:
        voting_day = election.get_election(session).voting_day
    today = datetime.now(WIB).date()
    assert window.countdown_label.text() == countdown(today, voting_day)
    assert "pemungutan suara" in window.countdown_label.toolTip()


def test_countdown_follows_the_election_settings(
    window: MainWindow, ctx: AppContext, admin: Actor
) -> None:
    today = datetime.now(WIB).date()
    voting = date.fromordinal(today.toordinal() + 7)
    with ctx.db.write() as session:
        current = election.get_election(session)
        election.update_election(
            session,
            admin,
            election.ElectionSettings(current.name, voting, None, None, None, None),
        )
    window.bus.notify({"election"})
    assert window.countdown_label.text() == "H-7"


def test_layout_is_remembered_across_windows(qtbot: QtBot, ctx: AppContext) -> None:
    first = make_window(qtbot, ctx)
    first.show()
    # Not the default size, and one the window can take: restoreGeometry keeps a window
    # on its screen (800 × 800 off-screen), and the tabs set a minimum size.
    minimum = first.minimumSizeHint()
    screen = first.screen().availableGeometry()
    first.resize(
        max(minimum.width(), min(screen.width() - 60, 1400)),
        max(minimum.height(), min(screen.height() - 90, 900)),
    )
    size = (first.width(), first.height())
    assert size != (1400, 900)
    first.show_tab("ringkasan")
    header = first.regions_tab.table.horizontalHeader()
    header.setSortIndicator(RegionBoardModel.OPEN_TOTAL, Qt.SortOrder.DescendingOrder)
    first.regions_tab.table.setColumnWidth(RegionBoardModel.NAME, 234)
    first.close()

    second = make_window(qtbot, ctx)
    second.show()
    assert second.tab_key() == "ringkasan"
    assert (second.width(), second.height()) == size
    header = second.regions_tab.table.horizontalHeader()
    assert header.sortIndicatorSection() == RegionBoardModel.OPEN_TOTAL
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert second.regions_tab.table.columnWidth(RegionBoardModel.NAME) == 234
    settings = Settings(ctx.paths.settings_file)
    assert settings.get(Settings.LAST_TAB) == "ringkasan"


def test_last_tab_falls_back_to_the_board(qtbot: QtBot, ctx: AppContext) -> None:
    Settings(ctx.paths.settings_file).set_value("ui/last_tab", "nonsense")
    window = make_window(qtbot, ctx, dialogs=AnsweringDialogs())
    assert window.tab_key() == TAB_KEYS[0]


# -- tabs are built when first shown --------------------------------------------------------


def test_only_the_tab_on_show_is_built_at_start(window: MainWindow) -> None:
    assert window.tab_key() == "wilayah"
    assert [key for key in TAB_KEYS if window.is_tab_built(key)] == ["wilayah"]
    assert window.tabs.currentWidget() is window.regions_tab
    # The others hold their place in the tab bar, under their own titles.
    assert isinstance(window.tabs.widget(3), UnbuiltTab)
    assert window.tabs.tabText(3) == "&Ringkasan"


def test_a_tab_is_built_when_first_shown(qtbot: QtBot, window: MainWindow) -> None:
    changes: list[int] = []
    window.tabs.currentChanged.connect(changes.append)
    window.tabs.setCurrentIndex(TAB_KEYS.index("kontak"))
    assert window.is_tab_built("kontak")
    assert not window.is_tab_built("ringkasan")
    assert window.tabs.currentWidget() is window.contacts_tab
    assert window.contacts_tab.isVisible()
    assert window.tabs.tabText(2) == "&Kontak"
    # Putting the built tab in its stand-in's place is no tab change of its own.
    assert changes == [2]
    assert window.commands["tab_kontak"].isChecked()


def test_asking_for_a_tab_builds_it_where_it_belongs(window: MainWindow) -> None:
    overview = window.overview_tab
    assert window.is_tab_built("ringkasan")
    assert window.tabs.widget(TAB_KEYS.index("ringkasan")) is overview
    assert window.tab_key() == "wilayah"  # built, not shown
    assert window.overview_tab is overview  # built once


def test_ctrl_n_on_the_board_opens_a_new_incident_form(qtbot: QtBot, window: MainWindow) -> None:
    from desk_app.ui.incident_form import IncidentForm

    window.activateWindow()
    qtbot.waitActive(window)
    assert not window.is_tab_built("insiden")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.tab_key() == "insiden"
    forms = [f for f in window.incidents_tab.findChildren(IncidentForm) if f.isVisible()]
    assert len(forms) == 1
    forms[0].reject()


def test_ctrl_f_on_a_tab_shown_for_the_first_time(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.incidents_tab.search.hasFocus()  # type: ignore[attr-defined]


def test_the_last_tab_is_built_and_shown_at_start(qtbot: QtBot, ctx: AppContext) -> None:
    Settings(ctx.paths.settings_file).set(Settings.LAST_TAB, "ringkasan")
    window = make_window(qtbot, ctx, dialogs=AnsweringDialogs())
    window.show()
    assert window.tab_key() == "ringkasan"
    assert [key for key in TAB_KEYS if window.is_tab_built(key)] == ["ringkasan"]
    assert window.tabs.currentWidget() is window.overview_tab
    assert window.commands["tab_ringkasan"].isChecked()


def test_layout_of_a_tab_not_shown_this_time_is_kept(qtbot: QtBot, ctx: AppContext) -> None:
    first = make_window(qtbot, ctx)
    first.regions_tab.table.setColumnWidth(RegionBoardModel.NAME, 234)
    first.show_tab("kontak")
    first.close()
    # This window never builds the board: closing it must not forget the board's layout.
    second = make_window(qtbot, ctx)
    assert not second.is_tab_built("wilayah")
    second.close()
    third = make_window(qtbot, ctx)
    assert third.regions_tab.table.columnWidth(RegionBoardModel.NAME) == 234


def test_unsent_changes_are_counted_after_the_window_opens(
    qtbot: QtBot, ctx: AppContext, admin: Actor
) -> None:
    make_incident(ctx, admin)
    window = make_window(qtbot, ctx, dialogs=AnsweringDialogs())
    controller = window.features.get(SyncFeature).controller
    # Not while the window is built: the count (and the sync engine it loads) comes after.
    assert controller.pending == 0
    qtbot.waitUntil(lambda: controller.pending > 0, timeout=5000)


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    """Two actions on one key make Qt call the key ambiguous and run neither (Ctrl+L was
    both "lock the screen" and "change the alert level")."""
    from PySide6.QtGui import QAction

    for key in TAB_KEYS:
        window.tab(key)  # every tab built, with its own actions
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if text:
                owners.setdefault(text, []).append(action.text() or action.objectName())
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert not clashes


def test_closing_the_window_closes_open_forms_first_and_a_form_may_keep_it_open(
    qtbot: QtBot, window: MainWindow
) -> None:
    from desk_app.ui.contact_form import ContactForm
    from desk_app.ui.incident_form import IncidentForm, pending_drafts

    assert isinstance(window.dialogs, AnsweringDialogs)
    answers = window.dialogs.answers = [False, True]
    window.new_incident()
    (incident_form,) = [f for f in window.incidents_tab.findChildren(IncidentForm) if f.isVisible()]
    qtbot.keyClicks(incident_form.title, "Baliho dirusak")
    window.new_contact()
    (contact_form,) = [f for f in window.contacts_tab.findChildren(ContactForm) if f.isVisible()]
    qtbot.keyClicks(contact_form.name, "Ahmad Fauzi")

    window.close()  # the contact form asks; "No" keeps it, and the window, open
    assert window.isVisible() and contact_form.isVisible() and len(answers) == 1
    assert incident_form.isVisible()  # asked first: a refusal leaves every form open
    window.close()  # "Yes": the forms close (the incident form as a draft), then the window
    assert not window.isVisible() and not contact_form.isVisible() and answers == []
    assert not incident_form.isVisible()
    assert [d.title for d in pending_drafts(window.ctx.paths.drafts_dir)] == ["Baliho dirusak"]


class HeldTasks(TaskRunner):
    """Keeps the work it is given, to be finished when the test says (after a close)."""

    def __init__(self) -> None:
        super().__init__(synchronous=True)
        self.held: list[tuple[Callable[..., Any], Any, Any]] = []

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.held.append((fn, on_done, on_error))


def test_a_closed_window_runs_no_timer_and_reports_no_late_work(
    qtbot: QtBot, ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    tasks = HeldTasks()
    window = MainWindow(
        ctx,
        DataBus(),
        tasks,
        settings=Settings(ctx.paths.settings_file),
        dialogs=AnsweringDialogs(),
    )
    qtbot.addWidget(window)
    window.show()
    admin = window.features.get(AdminFeature)
    assert admin.first_backup.isActive() and admin.backup_timer.isActive()
    assert admin.idle_lock.timer.isActive()
    started = len(tasks.held)
    admin.daily_backup()  # still on the worker when the window closes
    (_, _, backup_failed) = tasks.held[started]

    window.close()
    assert not window.isVisible()
    timers = window.findChildren(QTimer)
    running = [t.objectName() or type(t.parent()).__name__ for t in timers if t.isActive()]
    assert running == []
    # Nor does a timer start again: typing in another window, a feature asked to work.
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    qtbot.keyClicks(other, "a")
    assert not admin.idle_lock.timer.isActive()
    held = len(tasks.held)
    admin.daily_backup()
    window.features.get(SyncFeature).controller.count_in_background()
    assert len(tasks.held) == held
    # The backup that was running ends (here: fails, its files gone with the test's
    # folder) after the window closed: not this window's to report any more.
    backup_failed(OSError("the data folder is gone"))
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert window.statusBar().currentMessage() == ""


def test_a_tab_behind_another_refreshes_when_shown_not_at_every_change(
    qtbot: QtBot, window: MainWindow, ctx: AppContext, admin: Actor
) -> None:
    board = window.regions_tab
    window.show_tab("ringkasan")
    overview = window.tab("ringkasan")
    window.show_tab("insiden")
    row = board.model.row_of("33.01")
    assert board.model.index(row, RegionBoardModel.OPEN_TOTAL).data() == "0"
    assert overview.total_card.value.text() == "0"  # type: ignore[attr-defined]
    make_incident(ctx, admin, region="33.01", severity=3)
    with (
        qtbot.assertNotEmitted(board.board_loaded),
        qtbot.assertNotEmitted(overview.loaded),  # type: ignore[attr-defined]
    ):
        window.bus.notify({"incident"})
        window.bus.notify({"incident"})
    assert board.model.index(row, RegionBoardModel.OPEN_TOTAL).data() == "0"
    # Shown again, each reads what changed meanwhile: once.
    with qtbot.waitSignal(board.board_loaded):
        window.show_tab("wilayah")
    assert board.model.index(row, RegionBoardModel.OPEN_TOTAL).data() == "1"
    with qtbot.waitSignal(overview.loaded):  # type: ignore[attr-defined]
        window.show_tab("ringkasan")
    assert overview.total_card.value.text() == "1"  # type: ignore[attr-defined]
    # The tab on show refreshes at once, as before.
    make_incident(ctx, admin, region="33.01", severity=3, title="Bentrok pendukung")
    with qtbot.waitSignal(overview.loaded):  # type: ignore[attr-defined]
        window.bus.notify({"incident"})
    assert overview.total_card.value.text() == "2"  # type: ignore[attr-defined]

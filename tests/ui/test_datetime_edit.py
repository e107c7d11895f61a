"""Date-time entry that cannot scramble (issue 17, section 1).

The regressions type the issue's strings key by key into the new-incident form, reaching
the field with Tab as a person would, and look at every field the old editor spilled into.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from desk_helpers import AnsweringDialogs
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.context import AppContext
from desk_app.formats import WIB
from desk_app.models import Incident
from desk_app.ui.bus import DataBus
from desk_app.ui.context import UiContext
from desk_app.ui.datetime_edit import DateEdit, DateTimeEdit, parse_datetime_text
from desk_app.ui.incident_form import IncidentForm
from desk_app.ui.tasks import TaskRunner

SHOWN = datetime(2024, 11, 27, 14, 4)


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _tab(qtbot: QtBot, times: int = 1, back: bool = False) -> None:
    for _ in range(times):
        if back:
            qtbot.keyClick(_focused(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            qtbot.keyClick(_focused(), Qt.Key.Key_Tab)


def _wib(moment: datetime) -> datetime:
    return moment.astimezone(WIB).replace(tzinfo=None)


@pytest.fixture
def form(qtbot: QtBot, ctx: AppContext) -> IncidentForm:
    ui = UiContext(ctx, DataBus(), TaskRunner(synchronous=True), dialogs=AnsweringDialogs())
    widget = IncidentForm(ctx, ui=ui)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget.title)
    return widget


def _to_occurred_at(qtbot: QtBot, form: IncidentForm) -> None:
    """From the title, Tab by Tab: region, category, severity, source, link, platform."""
    _tab(qtbot, 7)
    assert form.occurred_at.isAncestorOf(_focused()) or _focused() is form.occurred_at


@pytest.mark.parametrize(
    "typed",
    [
        "05/12/2026 13:30",
        "05-12-2026 13:30",
        "2026-12-05 13:30",
        "05/12/2026 13.30",
        "05.12.2026 13.30",
        "5/12/2026 13 30",
        "5 Des 2026 13.30 WIB",
    ],
)
def test_a_date_time_typed_key_by_key_stays_in_its_field(
    qtbot: QtBot, form: IncidentForm, typed: str
) -> None:
    reported_before = form.to_input().reported_at
    _to_occurred_at(qtbot, form)
    field = _focused()
    for key in typed:
        qtbot.keyClicks(_focused(), key)
        assert _focused() is field, f"{key!r} left the field"
    _tab(qtbot)
    data = form.to_input()
    assert data.occurred_at is not None
    assert _wib(data.occurred_at) == datetime(2026, 12, 5, 13, 30)
    assert data.reported_at == reported_before
    assert form.kecamatan.text() == ""
    assert form.occurred_at.text() == "05/12/2026 13:30"


def test_the_issue_case_saves_exactly_what_was_typed(
    qtbot: QtBot, ctx: AppContext, form: IncidentForm
) -> None:
    form.title.setText("Baliho dirusak")
    form.region.set_code("33.74")
    form.category.set_code("KAMPANYE")
    form.severity.set_code("2")
    form.source_type.set_code("MASYARAKAT")
    reported = form.to_input().reported_at
    _to_occurred_at(qtbot, form)
    qtbot.keyClicks(_focused(), "05/11/2024 09:00")
    _tab(qtbot)  # to the report time, which keeps its value
    assert form.reported_at.isAncestorOf(_focused()) or _focused() is form.reported_at
    _tab(qtbot)
    assert _focused() is form.kecamatan
    qtbot.keyClicks(_focused(), "Tembalang")
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    with ctx.db.read() as s:
        row = s.scalars(select(Incident)).one()
        occurred = row.occurred_at.replace(tzinfo=UTC)
        stored_report = row.reported_at.replace(tzinfo=UTC)
        assert _wib(occurred) == datetime(2024, 11, 5, 9, 0)
        assert stored_report == reported
        assert row.kecamatan == "Tembalang"


def test_shift_tab_leaves_backwards_and_separators_do_not(qtbot: QtBot, form: IncidentForm) -> None:
    _to_occurred_at(qtbot, form)
    field = _focused()
    for key in "/:. -":
        qtbot.keyClicks(field, key)
        assert _focused() is field
    _tab(qtbot, back=True)
    assert _focused() is form.platform


def test_a_pasted_date_time_is_read_whole(qtbot: QtBot, form: IncidentForm) -> None:
    _to_occurred_at(qtbot, form)
    QApplication.clipboard().setText("2024-11-05 09.00")
    qtbot.keyClick(_focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(_focused(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    data = form.to_input()
    assert data.occurred_at is not None
    assert _wib(data.occurred_at) == datetime(2024, 11, 5, 9, 0)


def test_unreadable_text_is_marked_and_never_saved(
    qtbot: QtBot, ctx: AppContext, form: IncidentForm
) -> None:
    form.title.setText("Spanduk")
    form.region.set_code("33.74")
    form.category.set_code("KAMPANYE")
    form.severity.set_code("2")
    form.source_type.set_code("MASYARAKAT")
    _to_occurred_at(qtbot, form)
    qtbot.keyClicks(_focused(), "05/13/2024 09:00")  # there is no 13th month
    assert "Tidak terbaca" in form.occurred_at.reading.text()
    _tab(qtbot)
    assert form.occurred_at.text() == "05/13/2024 09:00"  # left as typed, to correct
    qtbot.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Incident)) == 0
    assert "tidak terbaca" in form.errors["occurred_at"].text()
    assert form.occurred_at.isAncestorOf(_focused())


def _edit(qtbot: QtBot, clock: datetime | None = None) -> DateTimeEdit:
    fixed = clock or datetime(2026, 12, 5, 6, 30, 41, tzinfo=UTC)
    edit = DateTimeEdit(clock=lambda: fixed)
    qtbot.addWidget(edit)
    edit.show()
    return edit


def test_now_and_back_15_minutes_by_button_and_key(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    edit.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(8, 0)))
    changes: list[object] = []
    edit.dateTimeChanged.connect(changes.append)
    qtbot.mouseClick(edit.now_button, Qt.MouseButton.LeftButton)
    assert edit.value() == datetime(2026, 12, 5, 13, 30)  # WIB, without the seconds
    assert edit.text() == "05/12/2026 13:30"
    qtbot.mouseClick(edit.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(edit.back_button, Qt.MouseButton.LeftButton)
    assert edit.text() == "05/12/2026 13:00"
    qtbot.keyClick(edit.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert edit.value() == datetime(2026, 12, 5, 12, 45)
    qtbot.keyClick(edit.edit, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert edit.value() == datetime(2026, 12, 5, 13, 0)
    qtbot.keyClick(edit.edit, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert edit.value() == datetime(2026, 12, 5, 13, 30)
    assert len(changes) == 6
    assert edit.reading.text() == "Sabtu, 5 Des 2026 13.30 WIB"


def test_up_and_down_step_the_part_under_the_cursor(qtbot: QtBot) -> None:
    edit = _edit(qtbot)
    edit.set_now()
    edit.edit.setCursorPosition(1)  # the day
    qtbot.keyClick(edit.edit, Qt.Key.Key_Up)
    assert edit.text() == "06/12/2026 13:30"
    edit.edit.setCursorPosition(4)  # the month
    edit.setDateTime(edit.dateTime().addDays(-314))
    assert edit.text() == "26/01/2026 13:30"
    edit.edit.setCursorPosition(4)
    qtbot.keyClick(edit.edit, Qt.Key.Key_Down)
    assert edit.text() == "26/12/2025 13:30"
    edit.edit.setCursorPosition(15)  # the minutes
    qtbot.keyClick(edit.edit, Qt.Key.Key_Down)
    assert edit.text() == "26/12/2025 13:29"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("05/12/2026 13:30", datetime(2026, 12, 5, 13, 30)),
        ("05-12-2026 13.30", datetime(2026, 12, 5, 13, 30)),
        ("2026-12-05 13:30", datetime(2026, 12, 5, 13, 30)),
        ("2026-12-05T13:30:00", datetime(2026, 12, 5, 13, 30)),
        ("5/12/26 1330", datetime(2026, 12, 5, 13, 30)),
        ("Jumat, 1 November 2024 14.30 WIB", datetime(2024, 11, 1, 14, 30)),
        ("05/11/2024", datetime(2024, 11, 5, 14, 4)),  # the time kept
        ("09.00", datetime(2024, 11, 27, 9, 0)),  # the date kept
        ("05/12", datetime(2024, 12, 5, 14, 4)),  # the year kept
        ("31/02/2026 10:00", None),
        ("05/12/2026 13", None),
        ("05/12/2026 13:3", None),
        ("25.00", None),
        ("kemarin", None),
        ("", None),
    ],
)
def test_what_the_text_is_read_as(text: str, read: datetime | None) -> None:
    assert parse_datetime_text(text, SHOWN) == read


def test_an_optional_day_may_be_left_empty(qtbot: QtBot) -> None:
    edit = DateEdit(optional=True, with_buttons=False, with_reading=False)
    qtbot.addWidget(edit)
    days: list[QDate] = []
    edit.dateChanged.connect(days.append)
    edit.clear_date()
    assert edit.text() == "" and edit.day() is None and edit.has_acceptable_input()
    qtbot.keyClicks(edit.edit, "2026-12-05")
    assert edit.day() == date(2026, 12, 5)
    qtbot.keyClick(edit.edit, Qt.Key.Key_Return)  # done typing: written the desk's way
    assert edit.text() == "05/12/2026"
    edit.edit.selectAll()
    qtbot.keyClick(edit.edit, Qt.Key.Key_Backspace)
    assert edit.day() is None and edit.date().isNull()
    assert days[-1].isNull()
    qtbot.keyClicks(edit.edit, "05/12/2026")  # the same day again is a change from none
    assert days[-1] == QDate(2026, 12, 5)


def test_a_required_day_is_never_empty(qtbot: QtBot) -> None:
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.setDate(QDate(2024, 11, 27))
    edit.edit.selectAll()
    qtbot.keyClick(edit.edit, Qt.Key.Key_Backspace)
    assert not edit.has_acceptable_input()
    assert edit.day() == date(2024, 11, 27)  # the last day read, refused on save


def test_now_in_the_form_is_never_ahead_of_the_hub(qtbot: QtBot, ctx: AppContext) -> None:
    """This computer's clock was found 10 minutes ahead of the hub's at the last sync:
    *Sekarang* gives the hub's now, which the hub never takes for the future."""
    from desk_app.models import SyncState

    with ctx.db.write() as s:
        state = s.get(SyncState, 1) or SyncState(id=1)
        state.clock_offset_ms = -10 * 60 * 1000
        s.add(state)
    window_now = datetime(2026, 12, 5, 6, 30, tzinfo=UTC)
    ui = UiContext(ctx, DataBus(), TaskRunner(synchronous=True), clock=lambda: window_now)
    form = IncidentForm(ctx, ui=ui)
    qtbot.addWidget(form)
    qtbot.mouseClick(form.occurred_at.now_button, Qt.MouseButton.LeftButton)
    assert form.occurred_at.value() == datetime(2026, 12, 5, 13, 20)  # WIB, 10 min back


def test_a_new_incident_starts_at_the_hubs_now(qtbot: QtBot, ctx: AppContext) -> None:
    """The clock was 10 minutes ahead of the hub's at the last sync: a new incident's
    times start where *Sekarang* would put them, not on this computer's clock."""
    from desk_app.models import SyncState

    with ctx.db.write() as s:
        state = s.get(SyncState, 1) or SyncState(id=1)
        state.clock_offset_ms = -10 * 60 * 1000
        s.add(state)
    window_now = datetime(2026, 12, 5, 6, 30, 42, tzinfo=UTC)
    ui = UiContext(ctx, DataBus(), TaskRunner(synchronous=True), clock=lambda: window_now)
    form = IncidentForm(ctx, ui=ui)
    qtbot.addWidget(form)
    assert form.occurred_at.value() == datetime(2026, 12, 5, 13, 20)  # WIB, 10 min back
    assert form.reported_at.value() == datetime(2026, 12, 5, 13, 20)
    assert form.to_input().occurred_at == datetime(2026, 12, 5, 6, 20, tzinfo=UTC)
    assert not form.has_changes()

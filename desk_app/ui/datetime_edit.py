"""A date-time field (WIB) that reads what a person types or pastes and never scrambles.

A ``QDateTimeEdit`` walks its sections on separators and auto-advances after two digits,
so typing ``05/12/2026 13:30`` key by key lands digits in the wrong sections or, once Tab
is made to leave the field, in the next field of the form. This field is a line edit
instead: "/", "-", ".", ":" and space are ordinary characters between the parts, only Tab
and Shift+Tab leave it, and the whole text is read at once (``parse_datetime_text``).

Accepted, typed or pasted: ``05/12/2026 13:30``, ``5-12-2026 13.30``, ``2026-12-05 13:30``,
``05.12.2026``, ``5 Des 2026 14.10 WIB`` (the app's own display), ``13.30`` (the time
alone keeps the date), ``05/12`` (the year kept). What was understood is written beside
the field in words; text that cannot be read is marked and the form refuses to save it.
Up/Down step the part under the cursor; the buttons (and Ctrl+Home, Ctrl+Down) set now
and go back 15 minutes.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from desk_app.formats import WIB, format_date, format_datetime
from desk_app.ui.settings import ui_language

#: How the field writes a date-time back once it has read it.
DISPLAY_FORMAT = "%d/%m/%Y %H:%M"

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "januari", "january"),
            ("feb", "februari", "february", "peb", "pebruari"),
            ("mar", "maret", "march"),
            ("apr", "april"),
            ("mei", "may"),
            ("jun", "juni", "june"),
            ("jul", "juli", "july"),
            ("agu", "agt", "ags", "agustus", "aug", "august"),
            ("sep", "sept", "september"),
            ("okt", "oktober", "oct", "october"),
            ("nov", "nopember", "november"),
            ("des", "desember", "dec", "december"),
        ),
        start=1,
    )
    for name in names
}
#: Words that may surround a pasted date-time and carry nothing (weekdays, the zone).
_NOISE = {
    "wib",
    "pukul",
    "jam",
    "at",
    "t",
    *("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad"),
    *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    *("sen", "sel", "rab", "kam", "jum", "sab", "min"),
    *("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
}
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


def _year(token: str) -> int | None:
    if len(token) == 4:
        return int(token)
    if len(token) == 2:
        return 2000 + int(token)
    return None


def _build(parts: tuple[int | None, int, int, int, int], previous: datetime) -> datetime | None:
    year, month, day, hour, minute = parts
    try:
        return datetime(year if year is not None else previous.year, month, day, hour, minute)
    except ValueError:
        return None


def parse_datetime_text(text: str, previous: datetime) -> datetime | None:
    """The WIB wall-clock time (naive) that ``text`` names, or None when it names none.

    ``previous`` (naive WIB) fills what the text leaves out: the date for a time alone,
    the time for a date alone, the year for a day and month alone.
    """
    raw = text.strip()
    if not raw:
        return None
    tokens = _TOKEN.findall(raw)
    numbers: list[str] = []
    month_word: int | None = None
    month_at = -1
    for token in tokens:
        if token.isdigit():
            numbers.append(token)
            continue
        word = token.casefold()
        if word in _MONTHS and month_word is None:
            month_word, month_at = _MONTHS[word], len(numbers)
        elif word not in _NOISE:
            return None
    if any(len(n) > 4 for n in numbers):
        return None
    # "1330" after a whole date is the time without its separator.
    date_parts = len(numbers) - 1 + (month_word is not None)
    if numbers and len(numbers[-1]) == 4 and date_parts >= 3:
        last = numbers.pop()
        numbers += [last[:2], last[2:]]
    if month_word is not None:
        # "5 Des 2026 14.10": day, the month's name, year, then perhaps the time.
        if month_at != 1 or len(numbers) not in (2, 4, 5):
            return None
        year = _year(numbers[1])
        if year is None:
            return None
        day = int(numbers[0])
        time = numbers[2:4] if len(numbers) >= 4 else None
        return _finish(year, month_word, day, time, previous)
    if len(numbers) == 2:
        between = re.match(r"\D*\d+(\D*)", raw)
        first_sep = (between.group(1).strip() if between else "") or " "
        if first_sep in (":", ".", " "):
            hour, minute = int(numbers[0]), int(numbers[1])
            if len(numbers[1]) != 2 or hour > 23 or minute > 59:
                return None
            return previous.replace(hour=hour, minute=minute, second=0, microsecond=0)
        # "05/12": a day and month in the year already shown.
        return _finish(None, int(numbers[1]), int(numbers[0]), None, previous)
    if len(numbers) not in (3, 5, 6):
        return None
    if len(numbers[0]) == 4:  # yyyy-mm-dd
        year, month, day = int(numbers[0]), int(numbers[1]), int(numbers[2])
    else:
        parsed = _year(numbers[2])
        if parsed is None:
            return None
        year, month, day = parsed, int(numbers[1]), int(numbers[0])
    return _finish(year, month, day, numbers[3:5] if len(numbers) >= 5 else None, previous)


def _finish(
    year: int | None, month: int, day: int, time: list[str] | None, previous: datetime
) -> datetime | None:
    if time is None:
        hour, minute = previous.hour, previous.minute
    else:
        if len(time[1]) != 2:
            return None
        hour, minute = int(time[0]), int(time[1])
    return _build((year, month, day, hour, minute), previous)


def _add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def _tr(text: str) -> str:
    # One context for both fields: a DateEdit's self.tr() would look in "DateEdit".
    return QCoreApplication.translate("DateTimeEdit", text)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _TextEdit(QLineEdit):
    """The field's text: Tab and Shift+Tab leave it; Up/Down step the part at the cursor;
    Ctrl+Home sets now, Ctrl+Down goes back 15 minutes and Ctrl+Up forward (keys no
    window command uses, so the F1 list names each key once)."""

    step = Signal(int, int)  # cursor position, +1/-1
    now_requested = Signal()
    shift_requested = Signal(int)  # minutes

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key == Qt.Key.Key_Home:
            self.now_requested.emit()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.shift_requested.emit(15 if key == Qt.Key.Key_Up else -15)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step.emit(self.cursorPosition(), 1 if key == Qt.Key.Key_Up else -1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()


class DateTimeEdit(QWidget):
    """A date and time in WIB: a line edit, what it was read as, "Sekarang" and "−15 mnt".

    ``dateTime()``/``setDateTime()``/``dateTimeChanged`` speak ``QDateTime`` (WIB wall
    clock), like the ``QDateTimeEdit`` it replaces. ``has_acceptable_input()`` is False
    while the text names no date-time; ``dateTime()`` then still holds the last one read.
    """

    dateTimeChanged = Signal(QDateTime)
    #: A date alone (``DateEdit``): no time shown, typed or kept.
    date_only = False

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = _utc_now,
        with_buttons: bool = True,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._value = clock().astimezone(WIB).replace(tzinfo=None, second=0, microsecond=0)
        self._valid = True
        self._format = "%d/%m/%Y" if self.date_only else DISPLAY_FORMAT
        if self.date_only:
            self._value = self._value.replace(hour=0, minute=0)
        self.edit = _TextEdit()
        self.edit.setObjectName("dateTimeText")
        self.edit.setMaxLength(40)
        width = self.edit.fontMetrics().horizontalAdvance("00/00/0000 00:00") + 24
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 40)
        if self.date_only:
            self.edit.setPlaceholderText(_tr("hh/bb/tttt"))
            self.edit.setToolTip(
                _tr(
                    "Ketik atau tempel tanggal, mis. 05/12/2026 atau 2026-12-05. Panah "
                    "atas/bawah mengubah bagian di kursor; Ctrl+Home: hari ini."
                )
            )
        else:
            self.edit.setPlaceholderText(_tr("hh/bb/tttt jj:mm"))
            self.edit.setToolTip(
                _tr(
                    "Ketik atau tempel tanggal dan jam, mis. 05/12/2026 13:30, 2026-12-05 "
                    "13.30. Panah atas/bawah mengubah bagian di kursor; Ctrl+Home: sekarang; "
                    "Ctrl+Bawah/Atas: 15 menit mundur/maju."
                )
            )
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.step.connect(self._step)
        self.edit.now_requested.connect(self.set_now)
        self.edit.shift_requested.connect(self.shift)
        self.reading = QLabel()
        self.reading.setObjectName("dateTimeReading")
        self.reading.setStyleSheet("color: #555;")
        # What was read never widens the form (its labels would be cut instead).
        self.reading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.now_button = QToolButton()
        self.now_button.setObjectName("dateTimeNow")
        if self.date_only:
            self.now_button.setText(_tr("Hari ini"))
            self.now_button.setToolTip(_tr("Isi dengan tanggal hari ini (Ctrl+Home)"))
        else:
            self.now_button.setText(_tr("Sekarang"))
            self.now_button.setToolTip(_tr("Isi dengan waktu sekarang (Ctrl+Home)"))
        self.back_button = QToolButton()
        self.back_button.setText(_tr("−15 mnt"))
        self.back_button.setObjectName("dateTimeBack")
        self.back_button.setToolTip(_tr("Mundur 15 menit (Ctrl+Bawah)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        for button in (self.now_button, self.back_button):
            # The form's Tab goes from field to field; the keys above do what these do.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            layout.addWidget(button)
        self.now_button.setVisible(with_buttons)
        self.back_button.setVisible(with_buttons and not self.date_only)
        self.now_button.clicked.connect(self.set_now)
        self.back_button.clicked.connect(self.go_back)
        layout.addWidget(self.reading, 1)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._show(self._value)

    # -- the value -------------------------------------------------------------------------

    def dateTime(self) -> QDateTime:
        return QDateTime.fromString(
            self._value.strftime("%Y-%m-%dT%H:%M:%S"), Qt.DateFormat.ISODate
        )

    def setDateTime(self, value: QDateTime) -> None:
        text = value.toString(Qt.DateFormat.ISODate)[:19]
        # Seconds are kept (a period that ends "now"), though never shown or typed.
        self._set(datetime.fromisoformat(text))

    def value(self) -> datetime:
        """The WIB wall-clock time shown (naive)."""
        return self._value

    def has_acceptable_input(self) -> bool:
        return self._valid

    def text(self) -> str:
        return self.edit.text()

    def set_now(self) -> None:
        now = self._clock().astimezone(WIB).replace(tzinfo=None, second=0, microsecond=0)
        self._set(now.replace(hour=0, minute=0) if self.date_only else now)

    def go_back(self) -> None:
        self.shift(-15)

    def shift(self, minutes: int) -> None:
        if self._valid and not self.date_only:
            self._set(self._value + timedelta(minutes=minutes))

    # -- behaviour ---------------------------------------------------------------------------

    def _set(self, moment: datetime) -> None:
        changed = moment != self._value or not self._valid
        self._value = moment
        self._show(moment)
        if changed:
            self.dateTimeChanged.emit(self.dateTime())

    def _show(self, moment: datetime) -> None:
        self._valid = True
        self.edit.setText(moment.strftime(self._format))
        self._describe()

    def _typed(self, text: str) -> None:
        read = parse_datetime_text(text, self._value)
        if read is not None and self.date_only:
            read = read.replace(hour=0, minute=0)
        self._valid = read is not None
        if read is not None and read != self._value:
            self._value = read
            self.dateTimeChanged.emit(self.dateTime())
        self._describe()

    def _finished(self) -> None:
        if self._valid and self.edit.text() != self._value.strftime(self._format):
            self.edit.setText(self._value.strftime(self._format))
        self._describe(final=True)

    def _describe(self, final: bool = False) -> None:
        """What the text is read as, beside it; unreadable text is marked red once the
        person leaves the field (while typing, "13.3" is only on its way to "13.30")."""
        if not self._valid:
            self.reading.setText(
                _tr("Tidak terbaca; mis. 05/12/2026")
                if self.date_only
                else _tr("Tidak terbaca; mis. 05/12/2026 13:30")
            )
            if final:
                self.reading.setStyleSheet("color: #b00020;")
                self.edit.setStyleSheet("QLineEdit { border: 1px solid #b00020; }")
            return
        self.reading.setText(self._reading_text(self._value.replace(tzinfo=WIB), ui_language()))
        self.reading.setStyleSheet("color: #555;")
        self.edit.setStyleSheet("")

    def _reading_text(self, aware: datetime, lang: str) -> str:
        if self.date_only:
            return format_date(aware.date(), lang)
        weekday = format_date(aware, lang).split(",")[0]
        return f"{weekday}, {format_datetime(aware, lang)}"

    def reading_room(self) -> int:
        """The pixels the longest reading takes in the current language (any weekday, any
        month), for a form that wants it never cut: "Wednesday, 27 Sept 2024 23:59 WIB"."""
        metrics, lang = self.reading.fontMetrics(), ui_language()
        widest = 0
        for month in range(1, 13):
            for day in range(22, 29):  # seven days: every weekday
                moment = datetime(2024, month, day, 23, 59, tzinfo=WIB)
                widest = max(widest, metrics.horizontalAdvance(self._reading_text(moment, lang)))
        return widest + 2 * self.reading.margin() + 4

    def _step(self, position: int, direction: int) -> None:
        if not self._valid:
            return
        text = self.edit.text()
        # DISPLAY_FORMAT: day 0-2, month 3-5, year 6-10, hour 11-13, minute 14-16.
        if text != self._value.strftime(self._format):
            self._finished()
        if position <= 2:
            moment = self._value + timedelta(days=direction)
        elif position <= 5:
            moment = _add_months(self._value, direction)
        elif position <= 10:
            moment = _add_months(self._value, 12 * direction)
        elif position <= 13:
            moment = self._value + timedelta(hours=direction)
        else:
            moment = self._value + timedelta(minutes=direction)
        self._set(moment)
        self.edit.setCursorPosition(position)


class DateEdit(DateTimeEdit):
    """A calendar day typed or pasted whole (``05/12/2026``, ``2026-12-05``), with a
    "Hari ini" button (Ctrl+Home); ``date()``/``setDate()``/``dateChanged`` speak
    ``QDate``. An ``optional`` one may be left empty ("no date"): ``date()`` is then a
    null ``QDate`` and ``day()`` None."""

    date_only = True
    dateChanged = Signal(QDate)
    _optional = False
    _empty = False

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        optional: bool = False,
        clock: Callable[[], datetime] = _utc_now,
        with_buttons: bool = True,
        with_reading: bool = True,
    ) -> None:
        super().__init__(parent, clock=clock, with_buttons=with_buttons)
        self._optional = optional
        self.reading.setVisible(with_reading)
        if not with_reading:  # a filter's field in a row of others: just wide enough
            self.edit.setMaximumWidth(self.edit.minimumWidth())
        self.dateTimeChanged.connect(lambda _value: self.dateChanged.emit(self.date()))

    def day(self) -> date | None:
        return None if self._empty else self.value().date()

    def date(self) -> QDate:
        if self._empty:
            return QDate()
        value = self.value()
        return QDate(value.year, value.month, value.day)

    def setDate(self, day: QDate) -> None:
        if self._optional and (day.isNull() or not day.isValid()):
            self.clear_date()
            return
        self.setDateTime(QDateTime(day, QTime(0, 0)))

    def clear_date(self) -> None:
        """No date (an optional field only)."""
        before = self.day()
        self._empty, self._valid = True, True
        self.edit.setText("")
        self._describe()
        if before is not None:
            self.dateTimeChanged.emit(self.dateTime())

    def _set(self, moment: datetime) -> None:
        if self._empty:
            self._empty, self._valid = False, False  # so that the change is announced
        super()._set(moment)

    def _typed(self, text: str) -> None:
        if self._optional and not text.strip():
            before = self.day()
            self._empty, self._valid = True, True
            self._describe()
            if before is not None:
                self.dateTimeChanged.emit(self.dateTime())
            return
        if self._empty:
            # From no date to a date: announced even when it is the one kept underneath.
            self._empty = False
            read = parse_datetime_text(text, self._value)
            self._valid = read is not None
            if read is not None:
                self._value = read.replace(hour=0, minute=0)
                self.dateTimeChanged.emit(self.dateTime())
            self._describe()
            return
        super()._typed(text)

    def _finished(self) -> None:
        if self._empty:
            self._describe(final=True)
            return
        super()._finished()

    def _describe(self, final: bool = False) -> None:
        if self._empty:
            self.reading.setText("")
            self.edit.setStyleSheet("")
            return
        super()._describe(final)

"""Dates, times and numbers as the desk writes them (domain.md, "Language and formats").

Times are stored in UTC and shown in WIB (Asia/Jakarta, UTC+7, no daylight saving):
"Jumat, 1 November 2024", "14.30 WIB", "1.234,5".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

WIB = ZoneInfo("Asia/Jakarta")

_LOCALES = {"id": "id_ID", "en": "en_GB"}


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, "id_ID")


def to_wib(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WIB)


def format_date(day: date | datetime, lang: str = "id") -> str:
    """ "Jumat, 1 November 2024" / "Friday, 1 November 2024"."""
    if isinstance(day, datetime):
        day = to_wib(day).date()
    return _babel_date(day, "EEEE, d MMMM y", locale=_locale(lang))


def format_short_date(day: date | datetime, lang: str = "id") -> str:
    """ "1 Nov 2024"."""
    if isinstance(day, datetime):
        day = to_wib(day).date()
    return _babel_date(day, "d MMM y", locale=_locale(lang))


def format_time(moment: datetime, lang: str = "id") -> str:
    """ "14.30 WIB" (Indonesian), "14:30 WIB" (English)."""
    local = to_wib(moment)
    sep = ":" if lang == "en" else "."
    return f"{local.hour:02d}{sep}{local.minute:02d} WIB"


def format_datetime(moment: datetime, lang: str = "id") -> str:
    """ "1 Nov 2024 14.30 WIB"."""
    return f"{format_short_date(moment, lang)} {format_time(moment, lang)}"


def format_number(value: float, lang: str = "id", decimals: int | None = None) -> str:
    """ "1.234,5" (Indonesian), "1,234.5" (English)."""
    pattern = None if decimals is None else "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(value, format=pattern, locale=_locale(lang))


def countdown(today: date, voting_day: date) -> str:
    """ "H-7" before voting day, "H" on it, "H+3" after it."""
    delta = (voting_day - today).days
    if delta > 0:
        return f"H-{delta}"
    if delta < 0:
        return f"H+{-delta}"
    return "H"


def wib_today() -> date:
    return datetime.now(WIB).date()


def wib_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants at which a WIB calendar day starts and ends."""
    start = datetime(day.year, day.month, day.day, tzinfo=WIB).astimezone(UTC)
    return start, start + timedelta(days=1)


def parse_datetime(text: str) -> datetime:
    """An ISO date or date-time typed by a person; without an offset it is WIB."""
    text = text.strip()
    if not text:
        raise ValueError("empty")
    value = datetime.fromisoformat(text.replace(" WIB", ""))
    if value.tzinfo is None:
        value = value.replace(tzinfo=WIB)
    return value.astimezone(UTC)

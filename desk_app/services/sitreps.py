"""The register of situation reports: numbers, records, listing, opening, voiding.

Rendering lives in :mod:`desk_app.reports` (``desk_app.reports.issue`` issues a report
through the functions here); this module never imports the reports package, so reports
depend on services and not the other way round.

A number reserved for a report that then failed to render is skipped, never reused; a
number issued by mistake is voided with a reason (kept in the register, printed nowhere).
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.formats import to_wib
from desk_app.models import Counter, Sitrep, SitrepVoid, User, utcnow
from desk_app.services.actor import Actor
from desk_app.services.errors import NotFoundError, ServiceError, ValidationError
from desk_app.services.permissions import Action, allowed, require
from desk_app.services.records import Writer, local_state
from desk_app.services.storage import write_atomically
from desk_app.services.text import TextError, clean_text

#: Without an earlier sitrep, a new one covers the last 24 hours.
DEFAULT_PERIOD = timedelta(hours=24)
PERSONAL_DATA = "include_personal_data"
#: How long the reason for voiding a number may be.
VOID_REASON_MAX_LENGTH = 2000
#: The sections of a sitrep, in the order they are printed.
SECTIONS: tuple[str, ...] = (
    "summary",
    "map",
    "regions",
    "developments",
    "social",
    "neutrality",
    "trend",
    "forum",
    "recommendations",
)
#: The languages a sitrep is written in.
LANGUAGES = ("id", "en")
#: Free texts of a sitrep's options and their limits (characters; multi-line or not).
TEXT_LIMITS = {
    "highlights": (20_000, True),
    "recommendations": (20_000, True),
    "signatory_name": (200, False),
    "signatory_title": (200, False),
    "signatory_nip": (40, False),
    "prepared_by_name": (200, False),
    "prepared_by_title": (200, False),
    "prepared_by_nip": (40, False),
    "classification": (40, False),
    "distribution": (4_000, True),
}


@dataclass(frozen=True)
class IssuedSitrep:
    id: str
    number: str
    period_start: datetime
    period_end: datetime
    issued_at: datetime
    issued_by: str
    lang: str
    sections: tuple[str, ...]
    classification: str
    personal_data: bool
    pages: int
    sha256: str
    file_path: str
    #: Set when the number was declared void (the reason is kept in the register only).
    void_reason: str | None = None
    voided_at: datetime | None = None

    @property
    def voided(self) -> bool:
        return self.void_reason is not None

    @property
    def file_exists(self) -> bool:
        return Path(self.file_path).is_file()


def may_include_personal_data(actor: Actor) -> bool:
    """Personal data is printed only for those who issue sitreps and may see it."""
    return allowed(actor, Action.ISSUE_SITREP) and actor.sees_personal_data


def default_period(session: Session, now: datetime | None = None) -> tuple[datetime, datetime]:
    """Since the end of the last issued sitrep, else the last 24 hours; up to now (to the
    minute, so that the printed end reads "s.d. 14.29 WIB", not "until before 14.30.17")."""
    now = (now or utcnow()).replace(second=0, microsecond=0)
    last = session.scalar(select(Sitrep.period_to).order_by(Sitrep.period_to.desc()).limit(1))
    if last is not None and last < now:
        return last, now
    return now - DEFAULT_PERIOD, now


def reserve_number(session: Session, issued_at: datetime) -> str:
    """The next number of the year, taken now (a number once taken is never reused)."""
    year = to_wib(issued_at).year
    code = local_state(session).workstation_code
    name = f"sitrep:{year}"
    counter = session.get(Counter, name)
    if counter is None:
        counter = Counter(name=name, value=0)
        session.add(counter)
    # Above every number of this code and year the database holds: a restored or copied
    # desk continues above the numbers the hub knows (they arrive with the pull). A few
    # sitreps a day: reading their numbers costs nothing.
    taken = session.scalars(
        select(Sitrep.number).where(Sitrep.number.like(f"{code}/%/{year}"))
    ).all()
    highest = max((int(n.split("/")[1]) for n in taken if n.split("/")[1].isdigit()), default=0)
    counter.value = max(counter.value, highest)
    while True:
        counter.value += 1
        number = f"{code}/{counter.value:03d}/{year}"
        # A restored backup may have an older counter than numbers synced back since.
        if session.scalar(select(Sitrep.id).where(Sitrep.number == number)) is None:
            session.flush()
            return number


def file_name(number: str) -> str:
    return f"laporan-situasi-{number.replace('/', '-')}.pdf"


#: A temporary report file older than this was left by a crash, not by a report in progress.
_STALE_TEMP_SECONDS = 3600


def _sweep_stale_temporaries(folder: Path) -> None:
    """Remove half-written report files that a killed process left behind."""
    cutoff = time.time() - _STALE_TEMP_SECONDS
    for leftover in folder.glob(".sitrep-*.pdf"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale_temporaries(path.parent)
    write_atomically(path, data, temp_prefix=".sitrep-", temp_suffix=".pdf")


def record_sitrep(session: Session, actor: Actor, **fields: object) -> IssuedSitrep:
    """Write the register's entry of an issued sitrep."""
    row = Writer(session, actor).create(Sitrep, **fields)
    return _view(row, actor.username)


def _view(row: Sitrep, by: str | None, void: SitrepVoid | None = None) -> IssuedSitrep:
    return IssuedSitrep(
        id=row.id,
        number=row.number,
        period_start=row.period_from,
        period_end=row.period_to,
        issued_at=row.issued_at,
        issued_by=by or "",
        lang=row.lang,
        sections=tuple(row.sections or ()),
        classification=row.classification,
        personal_data=row.personal_data,
        pages=row.pages,
        sha256=row.sha256,
        file_path=row.file_path,
        void_reason=void.reason if void is not None else None,
        voided_at=void.created_at if void is not None else None,
    )


def list_sitreps(session: Session, limit: int | None = None) -> list[IssuedSitrep]:
    """Issued sitreps, newest first (from every workstation, once synced)."""
    stmt = (
        select(Sitrep, User.username, SitrepVoid)
        .outerjoin(User, User.id == Sitrep.created_by)
        .outerjoin(SitrepVoid, SitrepVoid.sitrep_id == Sitrep.id)
        .order_by(Sitrep.issued_at.desc(), Sitrep.number.desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_view(row, name, void) for row, name, void in session.execute(stmt)]


def get_sitrep(session: Session, number: str) -> IssuedSitrep:
    row = session.execute(
        select(Sitrep, User.username, SitrepVoid)
        .outerjoin(User, User.id == Sitrep.created_by)
        .outerjoin(SitrepVoid, SitrepVoid.sitrep_id == Sitrep.id)
        .where(Sitrep.number == number.strip())
    ).first()
    if row is None:
        raise NotFoundError("sitrep", number)
    return _view(row[0], row[1], row[2])


def void_sitrep(session: Session, actor: Actor, number: str, reason: str) -> IssuedSitrep:
    """Declare an issued number void, with the reason; the record and its file stay."""
    require(actor, Action.ISSUE_SITREP)
    try:
        reason = clean_text(reason, max_length=VOID_REASON_MAX_LENGTH, multiline=True)
    except TextError as exc:
        raise ValidationError({"reason": exc.code}) from None
    if not reason:
        raise ValidationError({"reason": "required"})
    record = get_sitrep(session, number)
    if record.voided:
        raise ServiceError(
            f"sitrep {record.number} is already void",
            code="sitrep_already_void",
            number=record.number,
        )
    Writer(session, actor).create(SitrepVoid, sitrep_id=record.id, reason=reason)
    return get_sitrep(session, record.number)


def open_sitrep(session: Session, number: str) -> tuple[IssuedSitrep, bytes]:
    """An issued sitrep's PDF, checked against the hash recorded when it was issued."""
    record = get_sitrep(session, number)
    path = Path(record.file_path)
    try:
        data = path.read_bytes()
    except OSError:
        raise ServiceError(
            f"the file of sitrep {number} is not on this workstation",
            code="sitrep_file_missing",
            number=record.number,
            path=str(path),
        ) from None
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise ServiceError(
            f"the file of sitrep {number} was changed after it was issued",
            code="sitrep_file_changed",
            number=record.number,
            path=str(path),
        )
    return record, data

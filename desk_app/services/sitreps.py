"""Issue situation reports, record each one, list them and open them again.

Issuing takes three short steps rather than one long transaction, so that rendering a
long report never holds the database's write lock (other writers, a sync, would wait):

1. reserve the next number (a write transaction of a few milliseconds);
2. gather and lay out the report from one read snapshot;
3. write the file, then the record with its SHA-256 (a second short write).

A number reserved for a report that then failed to render is skipped, never reused.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.db import Database
from desk_app.formats import to_wib
from desk_app.models import Counter, Sitrep, User, utcnow
from desk_app.reports import SECTIONS, SitrepOptions, render_sitrep
from desk_app.reports.layout import Progress
from desk_app.services.actor import Actor
from desk_app.services.errors import (
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
    ValidationError,
)
from desk_app.services.permissions import Action, allowed, require
from desk_app.services.records import Writer, local_state
from desk_app.services.text import TextError, clean_text

#: Without an earlier sitrep, a new one covers the last 24 hours.
DEFAULT_PERIOD = timedelta(hours=24)
PERSONAL_DATA = "include_personal_data"
#: The languages a sitrep is written in.
LANGUAGES = ("id", "en")
#: Longest text of each option and whether it may hold line breaks.
TEXT_LIMITS = {
    "highlights": (20_000, True),
    "recommendations": (20_000, True),
    "signatory_name": (200, False),
    "signatory_title": (200, False),
    "classification": (40, False),
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

    @property
    def file_exists(self) -> bool:
        return Path(self.file_path).is_file()


def may_include_personal_data(actor: Actor) -> bool:
    """Personal data is printed only for those who issue sitreps and may see it."""
    return allowed(actor, Action.ISSUE_SITREP) and actor.sees_personal_data


def default_period(session: Session, now: datetime | None = None) -> tuple[datetime, datetime]:
    """Since the end of the last issued sitrep, else the last 24 hours; up to now."""
    now = now or utcnow()
    last = session.scalar(select(Sitrep.period_to).order_by(Sitrep.period_to.desc()).limit(1))
    if last is not None and last < now:
        return last, now
    return now - DEFAULT_PERIOD, now


def _validated(options: SitrepOptions) -> SitrepOptions:
    errors: dict[str, str] = {}
    start, end = options.period_start, options.period_end
    if start.tzinfo is None or end.tzinfo is None:
        errors["period"] = "timezone_required"
    elif end <= start:
        errors["period"] = "end_before_start"
    if options.lang not in LANGUAGES:
        errors["lang"] = "unknown_language"
    unknown = [s for s in options.sections if s not in SECTIONS]
    if unknown:
        errors["sections"] = "unknown_section"
    values: dict[str, str] = {}
    for name, (limit, multiline) in TEXT_LIMITS.items():
        try:
            values[name] = clean_text(getattr(options, name), max_length=limit, multiline=multiline)
        except TextError as exc:
            errors[name] = exc.code
    if not errors.get("classification") and not values.get("classification"):
        errors["classification"] = "required"
    if errors:
        raise ValidationError(errors)
    ordered = tuple(s for s in SECTIONS if s in options.sections)
    return replace(options, sections=ordered, **values)  # type: ignore[arg-type]


def _reserve_number(session: Session, issued_at: datetime) -> str:
    year = to_wib(issued_at).year
    code = local_state(session).workstation_code
    name = f"sitrep:{year}"
    counter = session.get(Counter, name)
    if counter is None:
        counter = Counter(name=name, value=0)
        session.add(counter)
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
    fd, tmp = tempfile.mkstemp(prefix=".sitrep-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def issue_sitrep(
    db: Database,
    actor: Actor,
    options: SitrepOptions,
    *,
    reports_dir: Path,
    out_path: Path | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> IssuedSitrep:
    """Render, save and record a sitrep. Takes the database (not a session): see above."""
    require(actor, Action.ISSUE_SITREP)
    if options.include_personal_data and not may_include_personal_data(actor):
        raise PermissionDeniedError(PERSONAL_DATA, actor.role.value)
    options = _validated(options)
    issued_at = (now or utcnow()).replace(microsecond=0)
    with db.write() as session:
        number = _reserve_number(session, issued_at)
        user = session.get(User, actor.user_id)
        if user is not None and not options.prepared_by_name:
            options = replace(
                options, prepared_by_name=user.full_name, prepared_by_title=user.title
            )
    with db.read() as session:
        rendered = render_sitrep(session, options, number, issued_at, progress)
    path = (out_path or reports_dir / file_name(number)).resolve()
    _write_atomically(path, rendered.pdf)
    digest = hashlib.sha256(rendered.pdf).hexdigest()
    with db.write() as session:
        row = Writer(session, actor).create(
            Sitrep,
            number=number,
            period_from=options.period_start,
            period_to=options.period_end,
            issued_at=issued_at,
            lang=options.lang,
            sections=list(options.sections),
            classification=options.classification,
            personal_data=options.include_personal_data,
            signatory_name=options.signatory_name,
            signatory_title=options.signatory_title,
            pages=rendered.pages,
            sha256=digest,
            file_path=str(path),
        )
        return _view(row, actor.username)


def _view(row: Sitrep, by: str | None) -> IssuedSitrep:
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
    )


def list_sitreps(session: Session, limit: int | None = None) -> list[IssuedSitrep]:
    """Issued sitreps, newest first (from every workstation, once synced)."""
    stmt = (
        select(Sitrep, User.username)
        .outerjoin(User, User.id == Sitrep.created_by)
        .order_by(Sitrep.issued_at.desc(), Sitrep.number.desc())
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [_view(row, name) for row, name in session.execute(stmt)]


def get_sitrep(session: Session, number: str) -> IssuedSitrep:
    row = session.execute(
        select(Sitrep, User.username)
        .outerjoin(User, User.id == Sitrep.created_by)
        .where(Sitrep.number == number.strip())
    ).first()
    if row is None:
        raise NotFoundError("sitrep", number)
    return _view(row[0], row[1])


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

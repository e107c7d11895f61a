"""Issue a situation report: validate the options, take a number, render, save, record.

Issuing takes three short steps rather than one long transaction, so that rendering a
long report never holds the database's write lock (other writers, a sync, would wait):

1. reserve the next number (a write transaction of a few milliseconds);
2. gather and lay out the report from one read snapshot;
3. write the file, then the record with its SHA-256 (a second short write).

A draft takes no number and leaves no record: "DRAF" is printed across each page.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from desk_app.db import Database
from desk_app.models import User, utcnow
from desk_app.reports import SECTIONS, RenderedSitrep, SitrepOptions, render_sitrep
from desk_app.reports.layout import DRAFT_NUMBER, Progress
from desk_app.services import sitreps
from desk_app.services.actor import Actor
from desk_app.services.errors import PermissionDeniedError, ValidationError
from desk_app.services.permissions import Action, require
from desk_app.services.text import TextError, clean_text

PERSONAL_DATA = sitreps.PERSONAL_DATA


def validated(options: SitrepOptions, now: datetime | None = None) -> SitrepOptions:
    """The options cleaned, or a :class:`ValidationError` naming each bad field."""
    errors: dict[str, str] = {}
    start, end = options.period_start, options.period_end
    now = now or utcnow()
    if start.tzinfo is None or end.tzinfo is None:
        errors["period"] = "timezone_required"
    elif end <= start:
        errors["period"] = "end_before_start"
    elif end > now:
        # A period not over yet would print figures that later change.
        errors["period"] = "in_future"
    if options.next_report is not None and options.next_report.tzinfo is None:
        errors["next_report"] = "timezone_required"
    if options.lang not in sitreps.LANGUAGES:
        errors["lang"] = "unknown_language"
    unknown = [s for s in options.sections if s not in SECTIONS]
    if unknown:
        errors["sections"] = "unknown_section"
    values: dict[str, str] = {}
    for name, (limit, multiline) in sitreps.TEXT_LIMITS.items():
        try:
            values[name] = clean_text(getattr(options, name), max_length=limit, multiline=multiline)
        except TextError as exc:
            errors[name] = exc.code
    if not errors.get("classification") and not values.get("classification"):
        errors["classification"] = "required"
    if values.get("recommendations") and "recommendations" not in options.sections:
        # Refused, not dropped: whoever wrote them expects to see them printed.
        errors["recommendations"] = "section_left_out"
    if errors:
        raise ValidationError(errors)
    ordered = tuple(s for s in SECTIONS if s in options.sections)
    return replace(options, sections=ordered, **values)  # type: ignore[arg-type]


def _checked(db: Database, actor: Actor, options: SitrepOptions, now: datetime) -> SitrepOptions:
    require(actor, Action.ISSUE_SITREP)
    if options.include_personal_data and not sitreps.may_include_personal_data(actor):
        raise PermissionDeniedError(PERSONAL_DATA, actor.role.value)
    options = validated(options, now)
    if not options.prepared_by_name:
        with db.read() as session:
            user = session.get(User, actor.user_id)
            if user is not None:
                options = replace(
                    options, prepared_by_name=user.full_name, prepared_by_title=user.title
                )
    return options


def draft_sitrep(
    db: Database,
    actor: Actor,
    options: SitrepOptions,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> RenderedSitrep:
    """The pages as they would be issued, without taking a number: "DRAF" on each."""
    moment = now or utcnow()
    issued_at = moment.replace(microsecond=0)
    options = replace(_checked(db, actor, options, moment), draft=True)
    with db.read() as session:
        return render_sitrep(session, options, DRAFT_NUMBER, issued_at, progress)


def issue_sitrep(
    db: Database,
    actor: Actor,
    options: SitrepOptions,
    *,
    reports_dir: Path,
    out_path: Path | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> sitreps.IssuedSitrep:
    """Render, save and record a sitrep. Takes the database (not a session): see above."""
    moment = now or utcnow()
    issued_at = moment.replace(microsecond=0)
    options = replace(_checked(db, actor, options, moment), draft=False)
    with db.write() as session:
        number = sitreps.reserve_number(session, issued_at)
    with db.read() as session:
        rendered = render_sitrep(session, options, number, issued_at, progress)
    path = (out_path or reports_dir / sitreps.file_name(number)).resolve()
    sitreps._write_atomically(path, rendered.pdf)
    digest = hashlib.sha256(rendered.pdf).hexdigest()
    with db.write() as session:
        return sitreps.record_sitrep(
            session,
            actor,
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


def reprint_sitrep(
    db: Database,
    actor: Actor,
    options: SitrepOptions,
    *,
    number: str,
    issued_at: datetime,
    out_path: Path,
) -> RenderedSitrep:
    """Render an issued number again with its "per" moment, recording nothing.

    The same inputs give the same bytes: with the options it was issued with, the copy's
    SHA-256 equals the register's.
    """
    options = replace(_checked(db, actor, options, issued_at), draft=False)
    issued_at = issued_at.replace(microsecond=0)
    with db.read() as session:
        number = sitreps.get_sitrep(session, number).number
        rendered = render_sitrep(session, options, number, issued_at)
    sitreps._write_atomically(out_path.resolve(), rendered.pdf)
    return rendered

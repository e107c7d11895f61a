"""The election the desk watches: name and dates, edited by administrators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from desk_app.models import ELECTION_ID, Election
from desk_app.services.actor import Actor
from desk_app.services.errors import ValidationError
from desk_app.services.permissions import Action, require
from desk_app.services.records import Writer
from desk_app.services.text import TextError, clean_text


@dataclass(frozen=True)
class ElectionSettings:
    name: str
    voting_day: date
    campaign_start: date | None
    campaign_end: date | None
    quiet_start: date | None
    quiet_end: date | None


def get_election(session: Session) -> ElectionSettings:
    row = session.get(Election, ELECTION_ID)
    assert row is not None, "reference data not seeded"
    return ElectionSettings(
        row.name,
        row.voting_day,
        row.campaign_start,
        row.campaign_end,
        row.quiet_start,
        row.quiet_end,
    )


def check_election(settings: ElectionSettings) -> tuple[str, dict[str, str]]:
    """The cleaned name and the errors of ``settings`` (field → code; empty when valid).

    Shared by :func:`update_election` and the hub's check of a pushed change.
    """
    errors: dict[str, str] = {}
    try:
        name = clean_text(settings.name, max_length=200)
        if not name:
            errors["name"] = "required"
    except TextError as exc:
        errors["name"] = exc.code
        name = ""
    pairs = [
        ("campaign_end", settings.campaign_start, settings.campaign_end),
        ("quiet_end", settings.quiet_start, settings.quiet_end),
    ]
    for fieldname, start, end in pairs:
        if start and end and end < start:
            errors[fieldname] = "end_before_start"
    if settings.quiet_end and settings.quiet_end >= settings.voting_day:
        errors["quiet_end"] = "after_voting_day"
    if settings.campaign_end and settings.campaign_end >= settings.voting_day:
        errors["campaign_end"] = "after_voting_day"
    return name, errors


def update_election(session: Session, actor: Actor, settings: ElectionSettings) -> None:
    require(actor, Action.EDIT_ELECTION)
    name, errors = check_election(settings)
    if errors:
        raise ValidationError(errors)
    row = session.get(Election, ELECTION_ID)
    assert row is not None
    Writer(session, actor).update(
        row,
        {
            "name": name,
            "voting_day": settings.voting_day,
            "campaign_start": settings.campaign_start,
            "campaign_end": settings.campaign_end,
            "quiet_start": settings.quiet_start,
            "quiet_end": settings.quiet_end,
        },
    )

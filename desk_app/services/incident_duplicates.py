"""Incidents that look alike: the check before a new incident is written (a read: the
person decides before anything is saved), and the candidates for a merge."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, select, text
from sqlalchemy.orm import Session

from desk_app.models import Incident, utcnow
from desk_app.services.actor import Actor
from desk_app.services.incident_search import _WORD, IncidentFilter, fts_query, list_incidents
from desk_app.services.incidents import IncidentInput, _get, _validate, input_of
from desk_app.services.permissions import Action, require


def check_new_incident(
    session: Session, actor: Actor, data: IncidentInput
) -> list[DuplicateCandidate]:
    """Before a create, in a read: refuse what ``add_incident`` would refuse, and list
    the earlier incidents it looks like (so the person decides before anything is
    written)."""
    require(actor, Action.EDIT_INCIDENT)
    _validate(session, data, utcnow())
    return possible_duplicates(session, data)


@dataclass(frozen=True)
class DuplicateCandidate:
    id: str
    ref: str
    title: str
    occurred_at: datetime
    reason: str  # "same_link", "similar_text"; for a merge's search also "ref", "search"
    similarity: float = field(default=1.0)


def possible_duplicates(
    session: Session,
    data: IncidentInput,
    *,
    exclude_id: str | None = None,
    window: timedelta = timedelta(days=3),
    threshold: float = 0.75,
) -> list[DuplicateCandidate]:
    """Earlier incidents that look like this one: the same link, or a very similar title
    and description within a few days."""
    found: dict[str, DuplicateCandidate] = {}
    base = select(Incident).where(Incident.deleted.is_(False), Incident.merged_into.is_(None))
    if exclude_id:
        base = base.where(Incident.id != exclude_id)
    link = (data.link or "").strip()
    if link:
        for inc in session.scalars(base.where(Incident.link == link).limit(20)):
            found[inc.id] = DuplicateCandidate(
                inc.id, inc.ref, inc.title, inc.occurred_at, "same_link"
            )
    query = fts_query(data.title or "")
    if query:
        words = _WORD.findall(data.title)
        # Any of the title's longer words, then compare the texts properly.
        loose = " OR ".join(f'"{w}"' for w in words if len(w) > 3) or query
        when = data.occurred_at or utcnow()
        stmt = base.where(
            and_(
                Incident.occurred_at >= when - window,
                Incident.occurred_at <= when + window,
                text(
                    "incident.rowid IN (SELECT rowid FROM incident_fts "
                    "WHERE incident_fts MATCH :dq)"
                ).bindparams(dq=f"title : ({loose})"),
            )
        ).limit(200)
        mine = f"{data.title} {data.description}".lower()
        for inc in session.scalars(stmt):
            if inc.id in found:
                continue
            theirs = f"{inc.title} {inc.description}".lower()
            ratio = difflib.SequenceMatcher(None, mine, theirs).ratio()
            if ratio >= threshold:
                found[inc.id] = DuplicateCandidate(
                    inc.id, inc.ref, inc.title, inc.occurred_at, "similar_text", ratio
                )
    return sorted(found.values(), key=lambda c: (-c.similarity, c.ref))


def merge_candidates(
    session: Session, incident_id: str, term: str = "", *, limit: int = 30
) -> list[DuplicateCandidate]:
    """Incidents that could be folded into ``incident_id``. Without ``term``, its possible
    duplicates (as when it was saved); with one, the incidents whose reference starts with
    it, then those whose text matches it, newest first."""
    incident = _get(session, incident_id)
    term = term.strip()
    if not term:
        return possible_duplicates(session, input_of(session, incident), exclude_id=incident_id)
    found: dict[str, DuplicateCandidate] = {}
    prefix = term.upper()
    by_ref = (
        select(Incident)
        .where(
            Incident.ref >= prefix,
            Incident.ref < prefix + "\uffff",
            Incident.deleted.is_(False),
            Incident.merged_into.is_(None),
            Incident.id != incident_id,
        )
        .order_by(Incident.ref.desc())
        .limit(limit)
    )
    for inc in session.scalars(by_ref):
        found[inc.id] = DuplicateCandidate(inc.id, inc.ref, inc.title, inc.occurred_at, "ref")
    if fts_query(term) is not None:
        for row in list_incidents(session, IncidentFilter(search=term), limit=limit + 1):
            if row.id != incident_id and row.id not in found:
                found[row.id] = DuplicateCandidate(
                    row.id, row.ref, row.title, row.occurred_at, "search"
                )
    return list(found.values())[:limit]

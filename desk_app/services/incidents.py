"""Incidents: log, edit, delete, move through their statuses, follow up, find, merge."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import Select, and_, func, select, text
from sqlalchemy.orm import Session

from desk_app.formats import to_wib
from desk_app.models import (
    Counter,
    FollowUp,
    Incident,
    IncidentStatusChange,
    Region,
    User,
    utcnow,
)
from desk_app.models.enums import (
    SEVERITIES,
    STATUS_TRANSITIONS,
    IncidentStatus,
    TaxonomyKind,
)
from desk_app.services.actor import Actor
from desk_app.services.errors import (
    NotFoundError,
    ServiceError,
    TransitionNotAllowedError,
    ValidationError,
)
from desk_app.services.permissions import Action, require
from desk_app.services.records import Writer, cached, get_live, local_state
from desk_app.services.taxonomy import term_codes
from desk_app.services.text import TextError, clean_text

#: An incident may be logged at most this far ahead of now (clock differences).
FUTURE_TOLERANCE = timedelta(hours=1)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
#: Statuses only a coordinator may set (verify and invalidate).
COORDINATOR_STATUSES = frozenset({IncidentStatus.TERVERIFIKASI, IncidentStatus.TIDAK_VALID})
MASK = "•••"

_TEXT_LIMITS = {
    "title": (300, False),
    "kecamatan": (120, False),
    "desa": (120, False),
    "link": (2000, False),
    "reporter_name": (200, False),
    "reporter_contact": (200, False),
    "description": (20_000, True),
}

_PLATFORM_HOSTS = {
    "facebook.com": "FACEBOOK",
    "fb.com": "FACEBOOK",
    "fb.watch": "FACEBOOK",
    "instagram.com": "INSTAGRAM",
    "twitter.com": "X",
    "x.com": "X",
    "t.co": "X",
    "tiktok.com": "TIKTOK",
    "youtube.com": "YOUTUBE",
    "youtu.be": "YOUTUBE",
    "whatsapp.com": "WHATSAPP",
    "wa.me": "WHATSAPP",
    "t.me": "TELEGRAM",
    "telegram.me": "TELEGRAM",
    "telegram.org": "TELEGRAM",
}


def detect_platform(link: str) -> str | None:
    """The social-media platform a post's link belongs to, if it is one we know."""
    try:
        host = (urlparse(link.strip()).hostname or "").lower()
    except ValueError:
        return None
    host = host.removeprefix("www.").removeprefix("m.").removeprefix("mobile.")
    for known, platform in _PLATFORM_HOSTS.items():
        if host == known or host.endswith("." + known):
            return platform
    return None


@dataclass
class IncidentInput:
    """What a person fills in for an incident (new or edited)."""

    title: str = ""
    region_code: str = ""
    category: str = ""
    severity: int | None = None
    source_type: str = ""
    occurred_at: datetime | None = None
    reported_at: datetime | None = None
    kecamatan: str = ""
    desa: str = ""
    neutrality_subject: str | None = None
    platform: str | None = None
    link: str = ""
    reporter_name: str = ""
    reporter_contact: str = ""
    description: str = ""
    assigned_to: str | None = None


@dataclass(frozen=True)
class IncidentRow:
    """One line of the incidents table."""

    id: str
    ref: str
    occurred_at: datetime
    region_code: str
    region_name: str
    kecamatan: str
    desa: str
    category: str
    severity: int
    status: str
    title: str
    source_type: str
    platform: str | None
    assignee: str | None


@dataclass(frozen=True)
class StatusChangeView:
    at: datetime
    by: str | None
    from_status: str
    to_status: str
    note: str


@dataclass(frozen=True)
class FollowUpView:
    id: str
    incident_ref: str
    at: datetime
    by: str | None
    type: str
    note: str


@dataclass(frozen=True)
class IncidentDetail:
    id: str
    ref: str
    title: str
    description: str
    occurred_at: datetime
    reported_at: datetime
    region_code: str
    region_name: str
    kecamatan: str
    desa: str
    category: str
    neutrality_subject: str | None
    severity: int
    source_type: str
    platform: str | None
    link: str
    reporter_name: str
    reporter_contact: str
    status: str
    assigned_to: str | None
    assignee: str | None
    merged_into: str | None
    updated_at: datetime
    created_by: str | None
    allowed_transitions: tuple[str, ...]
    status_history: tuple[StatusChangeView, ...]
    follow_ups: tuple[FollowUpView, ...]
    #: Incidents merged into this one: (ref, link) of each further source.
    sources: tuple[tuple[str, str], ...]
    personal_data_masked: bool


SORTABLE = {
    "ref": Incident.ref,
    "occurred_at": Incident.occurred_at,
    "reported_at": Incident.reported_at,
    "region": Region.name,
    "category": Incident.category,
    "severity": Incident.severity,
    "status": Incident.status,
    "title": Incident.title,
    "kecamatan": Incident.kecamatan,
    "assignee": User.full_name,
}


@dataclass(frozen=True)
class IncidentFilter:
    region_codes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    severities: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    assigned_to: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    search: str = ""
    sort: str = "occurred_at"
    descending: bool = True

    def with_(self, **changes: Any) -> IncidentFilter:
        return replace(self, **changes)


# --- validation ------------------------------------------------------------------------


def _validate(session: Session, data: IncidentInput, now: datetime) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, (limit, multiline) in _TEXT_LIMITS.items():
        try:
            values[name] = clean_text(getattr(data, name), max_length=limit, multiline=multiline)
        except TextError as exc:
            errors[name] = exc.code
    if not errors.get("title") and not values.get("title"):
        errors["title"] = "required"

    region = None
    if not data.region_code:
        errors["region"] = "required"
    else:
        code = data.region_code.strip()
        region = cached(
            session,
            ("region", code),
            lambda: session.scalar(
                select(Region).where(Region.code == code, Region.deleted.is_(False))
            ),
        )
        if region is None:
            errors["region"] = "unknown_region"
    if region is not None:
        values["region_id"] = region.id

    if not data.category:
        errors["category"] = "required"
    elif data.category not in term_codes(session, TaxonomyKind.INCIDENT_CATEGORY):
        errors["category"] = "unknown_category"
    values["category"] = data.category

    subject = data.neutrality_subject or None
    if data.category == "NETRALITAS":
        if not subject:
            errors["neutrality_subject"] = "required"
        elif subject not in term_codes(session, TaxonomyKind.NEUTRALITY_SUBJECT):
            errors["neutrality_subject"] = "unknown_subject"
    else:
        subject = None
    values["neutrality_subject"] = subject

    if data.severity is None:
        errors["severity"] = "required"
    elif isinstance(data.severity, bool) or data.severity not in SEVERITIES:
        errors["severity"] = "severity_range"
    values["severity"] = data.severity

    if not data.source_type:
        errors["source_type"] = "required"
    elif data.source_type not in term_codes(session, TaxonomyKind.SOURCE_TYPE):
        errors["source_type"] = "unknown_source"
    values["source_type"] = data.source_type

    link = values.get("link", "")
    if link:
        parsed = urlparse(link)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            errors["link"] = "invalid_link"
    platform = data.platform or (detect_platform(link) if link else None)
    if platform and platform not in term_codes(session, TaxonomyKind.PLATFORM):
        errors["platform"] = "unknown_platform"
    values["platform"] = platform

    occurred = data.occurred_at or now
    reported = data.reported_at or now
    for name, moment in (("occurred_at", occurred), ("reported_at", reported)):
        if moment.tzinfo is None:
            errors[name] = "timezone_required"
        elif moment > now + FUTURE_TOLERANCE:
            errors[name] = "in_future"
        elif moment < EARLIEST:
            errors[name] = "too_early"
    if "occurred_at" not in errors and "reported_at" not in errors and occurred > reported:
        errors["occurred_at"] = "after_reported"
    values["occurred_at"] = occurred
    values["reported_at"] = reported

    if data.assigned_to:
        user = session.get(User, data.assigned_to)
        if user is None or user.deleted or not user.active:
            errors["assigned_to"] = "unknown_user"
    values["assigned_to"] = data.assigned_to or None

    if errors:
        raise ValidationError(errors)
    return values


def _counter(session: Session, name: str) -> Counter:
    counter = session.get(Counter, name)
    if counter is None:
        counter = Counter(name=name, value=0)
        session.add(counter)
    return counter


def reference_counter(session: Session, year: int) -> Counter:
    """This workstation's counter of incident references for ``year`` (WIB)."""
    name = f"incident:{year}"
    return cached(session, (Counter, name), lambda: _counter(session, name))


def _next_ref(session: Session, reported_at: datetime) -> str:
    year = to_wib(reported_at).year
    state = local_state(session)
    counter = reference_counter(session, year)
    counter.value += 1
    while True:
        ref = f"{state.workstation_code}-{year}-{counter.value:05d}"
        # A restored backup may have an older counter than refs already synced back.
        if session.scalar(select(Incident.id).where(Incident.ref == ref)) is None:
            return ref
        counter.value += 1


# --- writes ----------------------------------------------------------------------------


def create_incident(session: Session, actor: Actor, data: IncidentInput) -> IncidentDetail:
    return _detail(session, actor, add_incident(session, actor, data))


def add_incident(session: Session, actor: Actor, data: IncidentInput) -> Incident:
    """``create_incident`` without reading the new incident back (for imports)."""
    require(actor, Action.EDIT_INCIDENT)
    values = _validate(session, data, utcnow())
    writer = Writer(session, actor)
    values["ref"] = _next_ref(session, values["reported_at"])
    values["status"] = IncidentStatus.BARU.value
    return writer.create(Incident, **values)


def update_incident(
    session: Session, actor: Actor, incident_id: str, data: IncidentInput
) -> IncidentDetail:
    require(actor, Action.EDIT_INCIDENT)
    incident = _get(session, incident_id)
    if not actor.sees_personal_data:
        # A masked form must not overwrite personal data it never showed.
        data = replace(
            data, reporter_name=incident.reporter_name, reporter_contact=incident.reporter_contact
        )
    values = _validate(session, data, utcnow())
    Writer(session, actor).update(incident, values)
    return _detail(session, actor, incident)


def edit_fields(session: Session, actor: Actor, incident_id: str, **changes: Any) -> IncidentDetail:
    """Change some fields, keeping the others (the CLI's ``incidents edit``)."""
    incident = _get(session, incident_id)
    current = input_of(session, incident)
    unknown = set(changes) - {f.name for f in fields(IncidentInput)}
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), "unknown_field"))
    return update_incident(session, actor, incident_id, replace(current, **changes))


def delete_incident(session: Session, actor: Actor, incident_id: str) -> None:
    require(actor, Action.DELETE_INCIDENT)
    Writer(session, actor).delete(_get(session, incident_id))


def change_status(
    session: Session, actor: Actor, incident_id: str, to_status: str, note: str
) -> IncidentDetail:
    incident = _get(session, incident_id)
    _change_status(session, Writer(session, actor), actor, incident, to_status, note)
    return _detail(session, actor, incident)


def _change_status(
    session: Session, writer: Writer, actor: Actor, incident: Incident, to_status: str, note: str
) -> None:
    try:
        target = IncidentStatus(to_status)
    except ValueError:
        raise ValidationError({"status": "unknown_status"}) from None
    require(
        actor, Action.VERIFY_INCIDENT if target in COORDINATOR_STATUSES else Action.CHANGE_STATUS
    )
    current = IncidentStatus(incident.status)
    if target not in STATUS_TRANSITIONS[current]:
        raise TransitionNotAllowedError(current.value, target.value)
    try:
        note = clean_text(note, max_length=5000, multiline=True)
    except TextError as exc:
        raise ValidationError({"note": exc.code}) from None
    if not note:
        raise ValidationError({"note": "required"})
    writer.update(incident, {"status": target.value})
    writer.create(
        IncidentStatusChange,
        incident_id=incident.id,
        from_status=current.value,
        to_status=target.value,
        note=note,
    )


def change_status_many(
    session: Session, actor: Actor, incident_ids: Sequence[str], to_status: str, note: str
) -> int:
    """Move several incidents at once: all of them, or none when any is refused."""
    writer = Writer(session, actor)
    for incident_id in incident_ids:
        _change_status(session, writer, actor, _get(session, incident_id), to_status, note)
    return len(incident_ids)


def assign_many(
    session: Session, actor: Actor, incident_ids: Sequence[str], user_id: str | None
) -> int:
    require(actor, Action.EDIT_INCIDENT)
    if user_id is not None:
        user = session.get(User, user_id)
        if user is None or user.deleted or not user.active:
            raise ValidationError({"assigned_to": "unknown_user"})
    writer = Writer(session, actor)
    for incident_id in incident_ids:
        writer.update(_get(session, incident_id), {"assigned_to": user_id})
    return len(incident_ids)


def add_follow_up(
    session: Session, actor: Actor, incident_id: str, type_code: str, note: str
) -> FollowUpView:
    require(actor, Action.ADD_FOLLOW_UP)
    incident = _get(session, incident_id)
    errors: dict[str, str] = {}
    if type_code not in term_codes(session, TaxonomyKind.FOLLOW_UP_TYPE):
        errors["type"] = "unknown_follow_up_type" if type_code else "required"
    try:
        note = clean_text(note, max_length=5000, multiline=True)
        if not note:
            errors["note"] = "required"
    except TextError as exc:
        errors["note"] = exc.code
    if errors:
        raise ValidationError(errors)
    entry = Writer(session, actor).create(
        FollowUp, incident_id=incident.id, type=type_code, note=note
    )
    return FollowUpView(entry.id, incident.ref, entry.created_at, actor.username, type_code, note)


def merge_incidents(
    session: Session, actor: Actor, keep_id: str, merge_id: str, note: str = ""
) -> IncidentDetail:
    """Fold ``merge_id`` into ``keep_id``: it stays as a source, its follow-ups show on
    the kept incident, and it leaves every list and count."""
    require(actor, Action.MERGE_INCIDENTS)
    if keep_id == merge_id:
        raise ServiceError("cannot merge an incident into itself", code="merge_same")
    keep = _get(session, keep_id)
    other = _get(session, merge_id)
    writer = Writer(session, actor)
    writer.update(other, {"merged_into": keep.id})
    # Sources merged into the merged one follow it.
    for child in session.scalars(select(Incident).where(Incident.merged_into == other.id)):
        writer.update(child, {"merged_into": keep.id})
    writer.create(
        FollowUp,
        incident_id=keep.id,
        type="LAINNYA",
        note=(note or f"Digabung dengan {other.ref}").strip(),
    )
    return _detail(session, actor, keep)


# --- reads -----------------------------------------------------------------------------


def _get(session: Session, incident_id: str) -> Incident:
    incident = get_live(session, Incident, incident_id)
    if incident is None or incident.merged_into:
        raise NotFoundError("incident", incident_id)
    return incident


def find_by_ref(session: Session, ref: str) -> str:
    """The id of the incident with this reference number."""
    incident_id = session.scalar(
        select(Incident.id).where(Incident.ref == ref.strip().upper(), Incident.deleted.is_(False))
    )
    if incident_id is None:
        raise NotFoundError("incident", ref)
    return incident_id


def input_of(session: Session, incident: Incident) -> IncidentInput:
    region = session.get(Region, incident.region_id)
    return IncidentInput(
        title=incident.title,
        region_code=region.code if region else "",
        category=incident.category,
        severity=incident.severity,
        source_type=incident.source_type,
        occurred_at=incident.occurred_at,
        reported_at=incident.reported_at,
        kecamatan=incident.kecamatan,
        desa=incident.desa,
        neutrality_subject=incident.neutrality_subject,
        platform=incident.platform,
        link=incident.link,
        reporter_name=incident.reporter_name,
        reporter_contact=incident.reporter_contact,
        description=incident.description,
        assigned_to=incident.assigned_to,
    )


def get_incident(session: Session, actor: Actor, incident_id: str) -> IncidentDetail:
    return _detail(session, actor, _get(session, incident_id))


def _user_names(session: Session, ids: set[str | None]) -> dict[str, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return {row.id: row.username for row in rows}


def _detail(session: Session, actor: Actor, incident: Incident) -> IncidentDetail:
    region = session.get(Region, incident.region_id)
    assert region is not None
    sources = session.execute(
        select(Incident.id, Incident.ref, Incident.link)
        .where(Incident.merged_into == incident.id)
        .order_by(Incident.ref)
    ).all()
    related = [incident.id, *(s.id for s in sources)]
    refs = {incident.id: incident.ref, **{s.id: s.ref for s in sources}}
    history = session.scalars(
        select(IncidentStatusChange)
        .where(IncidentStatusChange.incident_id == incident.id)
        .order_by(IncidentStatusChange.created_at, IncidentStatusChange.origin_version)
    ).all()
    follow_ups = session.scalars(
        select(FollowUp)
        .where(FollowUp.incident_id.in_(related))
        .order_by(FollowUp.created_at, FollowUp.origin_version)
    ).all()
    names = _user_names(
        session,
        {incident.assigned_to, incident.created_by}
        | {h.created_by for h in history}
        | {f.created_by for f in follow_ups},
    )
    current = IncidentStatus(incident.status)
    masked = not actor.sees_personal_data
    return IncidentDetail(
        id=incident.id,
        ref=incident.ref,
        title=incident.title,
        description=incident.description,
        occurred_at=incident.occurred_at,
        reported_at=incident.reported_at,
        region_code=region.code,
        region_name=region.name,
        kecamatan=incident.kecamatan,
        desa=incident.desa,
        category=incident.category,
        neutrality_subject=incident.neutrality_subject,
        severity=incident.severity,
        source_type=incident.source_type,
        platform=incident.platform,
        link=incident.link,
        reporter_name=MASK if masked and incident.reporter_name else incident.reporter_name,
        reporter_contact=MASK
        if masked and incident.reporter_contact
        else incident.reporter_contact,
        status=incident.status,
        assigned_to=incident.assigned_to,
        assignee=names.get(incident.assigned_to or ""),
        merged_into=incident.merged_into,
        updated_at=incident.updated_at,
        created_by=names.get(incident.created_by or ""),
        allowed_transitions=tuple(s.value for s in STATUS_TRANSITIONS[current]),
        status_history=tuple(
            StatusChangeView(
                h.created_at, names.get(h.created_by or ""), h.from_status, h.to_status, h.note
            )
            for h in history
        ),
        follow_ups=tuple(
            FollowUpView(
                f.id,
                refs.get(f.incident_id, ""),
                f.created_at,
                names.get(f.created_by or ""),
                f.type,
                f.note,
            )
            for f in follow_ups
        ),
        sources=tuple((s.ref, s.link) for s in sources),
        personal_data_masked=masked,
    )


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(search: str) -> str | None:
    """A safe FTS5 query from what a person typed: every word must match, the last one as
    a prefix (search as you type). Operators and quotes typed by the user are not
    interpreted."""
    words = _WORD.findall(search)
    if words and len(words[-1]) < 2:
        # A word of one letter, as a prefix, matches most of the table (some 300 ms of
        # merging on a million incidents): wait for its second letter.
        words.pop()
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


#: Sort keys with an index in their order: a search sorted by one of them can read
#: incidents in that order and keep the matching ones (see ``search_plan``).
_INDEXED_SORTS = frozenset({"occurred_at", "ref"})
#: The cost of examining one incident in index order over that of fetching and sorting
#: one match, measured on the million-incident demo database (about 0.14 µs to 2.4 µs).
_SCAN_COST_RATIO = 0.06

MATCHES_FIRST = "matches_first"
IN_ORDER = "in_order"


def search_plan(session: Session, flt: IncidentFilter, wanted: int) -> str:
    """How to find the first ``wanted`` incidents of a search, fastest first.

    ``MATCHES_FIRST`` gathers every full-text match, then sorts them: quick for a rare
    word, but a common one ("hoaks" is in a tenth of the incidents) means sorting a
    hundred thousand rows for a page of 200. ``IN_ORDER`` reads incidents in the sort's
    index order and keeps those that match, stopping at ``wanted``: quick for a common
    word, but a rare one would read the whole index. With ``n`` matches among ``N``
    incidents the first costs about ``n``, the second about ``wanted * N / n``; they
    cross at ``n = sqrt(ratio * wanted * N)``, a few thousand on a million incidents.
    Counting matches up to that many is cheap (the full-text index alone), and both
    plans give the same rows in the same order.
    """
    query = fts_query(flt.search)
    if query is None or flt.sort not in _INDEXED_SORTS:
        return MATCHES_FIRST
    # max(rowid) is one b-tree descent; count(*) would read the whole table.
    table = int(session.scalar(text("SELECT max(rowid) FROM incident")) or 0)
    threshold = math.isqrt(int(_SCAN_COST_RATIO * wanted * table))
    matches = session.scalar(
        text(
            "SELECT count(*) FROM (SELECT 1 FROM incident_fts WHERE incident_fts MATCH :q LIMIT :n)"
        ).bindparams(q=query, n=threshold + 1)
    )
    return IN_ORDER if int(matches or 0) > threshold else MATCHES_FIRST


def _filtered(stmt: Select[Any], flt: IncidentFilter, plan: str = MATCHES_FIRST) -> Select[Any]:
    stmt = stmt.where(Incident.deleted.is_(False), Incident.merged_into.is_(None))
    if flt.region_codes:
        stmt = stmt.where(Region.code.in_(flt.region_codes))
    if flt.categories:
        stmt = stmt.where(Incident.category.in_(flt.categories))
    if flt.severities:
        stmt = stmt.where(Incident.severity.in_(flt.severities))
    if flt.statuses:
        stmt = stmt.where(Incident.status.in_(flt.statuses))
    if flt.assigned_to:
        stmt = stmt.where(Incident.assigned_to == flt.assigned_to)
    if flt.date_from:
        stmt = stmt.where(Incident.occurred_at >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(Incident.occurred_at < flt.date_to)
    query = fts_query(flt.search)
    if query:
        # The unary + keeps SQLite from looking incidents up by the matches' rowids, so
        # it reads them in index order instead (the IN_ORDER plan).
        column = "+incident.rowid" if plan == IN_ORDER else "incident.rowid"
        stmt = stmt.where(
            text(
                f"{column} IN (SELECT rowid FROM incident_fts WHERE incident_fts MATCH :q)"
            ).bindparams(q=query)
        )
    return stmt


def list_incidents(
    session: Session,
    flt: IncidentFilter,
    *,
    offset: int = 0,
    limit: int = 200,
    plan: str | None = None,
) -> list[IncidentRow]:
    """A page of incidents; ``plan`` (``search_plan``'s, by default) only changes speed."""
    if plan is None:
        plan = search_plan(session, flt, offset + limit)
    # Typed as Any: a 14-column Select is not a Select[Any] to mypy.
    stmt: Any = select(
        Incident.id,
        Incident.ref,
        Incident.occurred_at,
        Region.code.label("region_code"),
        Region.name.label("region_name"),
        Incident.kecamatan,
        Incident.desa,
        Incident.category,
        Incident.severity,
        Incident.status,
        Incident.title,
        Incident.source_type,
        Incident.platform,
        User.username.label("assignee"),
    ).join(Region, Region.id == Incident.region_id)
    stmt = stmt.outerjoin(User, User.id == Incident.assigned_to)
    stmt = _filtered(stmt, flt, plan)
    column = SORTABLE.get(flt.sort, Incident.occurred_at)
    order = column.desc() if flt.descending else column.asc()
    tiebreak = Incident.ref.desc() if flt.descending else Incident.ref.asc()
    stmt = stmt.order_by(order, tiebreak).offset(offset).limit(limit)
    return [IncidentRow(**row._mapping) for row in session.execute(stmt)]


def count_incidents(session: Session, flt: IncidentFilter) -> int:
    stmt = select(func.count(Incident.id)).select_from(Incident)
    if flt.region_codes:
        stmt = stmt.join(Region, Region.id == Incident.region_id)
    return int(session.scalar(_filtered(stmt, flt)) or 0)


def place_completions(
    session: Session,
    field_name: str,
    prefix: str = "",
    region_code: str | None = None,
    limit: int = 50,
) -> list[str]:
    """Kecamatan or desa names typed before, for completion in the form."""
    column = {"kecamatan": Incident.kecamatan, "desa": Incident.desa}[field_name]
    stmt = select(column).distinct().where(column != "")
    if prefix:
        stmt = stmt.where(column.like(prefix.replace("%", "").replace("_", "") + "%"))
    if region_code:
        stmt = stmt.join(Region, Region.id == Incident.region_id).where(Region.code == region_code)
    return list(session.scalars(stmt.order_by(column).limit(limit)))


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


__all__ = [
    "IN_ORDER",
    "MATCHES_FIRST",
    "DuplicateCandidate",
    "IncidentDetail",
    "IncidentFilter",
    "IncidentInput",
    "IncidentRow",
    "add_follow_up",
    "add_incident",
    "assign_many",
    "change_status",
    "change_status_many",
    "count_incidents",
    "create_incident",
    "delete_incident",
    "detect_platform",
    "edit_fields",
    "find_by_ref",
    "get_incident",
    "list_incidents",
    "merge_candidates",
    "merge_incidents",
    "place_completions",
    "possible_duplicates",
    "search_plan",
    "update_incident",
]


# --- public entry points for bulk work (imports, exports) ------------------------------


def validate_input(
    session: Session, data: IncidentInput, now: datetime | None = None
) -> dict[str, Any]:
    """The column values of a new incident, checked exactly as the form's; raises
    ``ValidationError`` with every problem. Writes nothing."""
    return _validate(session, data, now or utcnow())


def next_reference(session: Session, reported_at: datetime) -> str:
    """The next reference number of this workstation for ``reported_at``'s year."""
    return _next_ref(session, reported_at)


def filtered(stmt: Select[Any], flt: IncidentFilter) -> Select[Any]:
    """``stmt`` narrowed to the incidents ``flt`` shows (live, not merged away)."""
    return _filtered(stmt, flt)

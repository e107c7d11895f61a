"""Incidents: log, edit, delete, move through their statuses, follow up, merge; one
incident's detail.

Finding incidents (the table, search) is ``incident_search``'s, and still importable from
here (many callers read and write); look-alikes (the duplicate check, merge candidates)
are ``incident_duplicates``'.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, select
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

# MASK stays importable from here (the export uses it).
from desk_app.services.fields import MASK as MASK
from desk_app.services.fields import mask_personal
from desk_app.services.incident_fields import INCIDENT_FIELDS, PERSONAL, TEXT_LIMITS
from desk_app.services.incident_search import (
    IN_ORDER,
    MATCHES_FIRST,
    PROBING,
    SORTABLE,
    IncidentFilter,
    IncidentRow,
    _filtered,
    count_incidents,
    fts_query,
    list_incidents,
    place_completions,
    search_plan,
    search_query,
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
#: The category whose incidents name the subject whose neutrality was breached.
NEUTRALITY_CATEGORY = "NETRALITAS"
#: Longest note of a status change or a follow-up.
NOTE_MAX_LENGTH = 5000

#: Cleaned and limited by ``_validate``: from the field table.
_TEXT_LIMITS = TEXT_LIMITS

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
        host = (urlsplit(link.strip()).hostname or "").lower()
    except ValueError:
        return None
    host = host.removeprefix("www.").removeprefix("m.").removeprefix("mobile.")
    for known, platform in _PLATFORM_HOSTS.items():
        if host == known or host.endswith("." + known):
            return platform
    return None


#: A plain http(s) address: a host of ASCII letters, digits and the punctuation a host,
#: a port or a user may hold, then printable ASCII. ``urlsplit`` finds a scheme and a host
#: in every one (``tests/services/test_incidents.py`` compares the two).
_PLAIN_WEB_LINK = re.compile(r"https?://[A-Za-z0-9._~%!$&'()*+,;=:@-]+(?:[/?#][!-~]*)?")


def is_web_link(link: str) -> bool:
    """Whether ``link`` is an http(s) address with a host (a post, an article)."""
    if type(link) is str and _PLAIN_WEB_LINK.fullmatch(link):
        return True  # what urlsplit says, sooner (the hub checks every pushed link)
    return _is_web_link_split(link)


def _is_web_link_split(link: str) -> bool:
    parsed = urlsplit(link)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


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


# --- validation ------------------------------------------------------------------------


def _validate(session: Session, data: IncidentInput, now: datetime) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for name, (limit, multiline) in TEXT_LIMITS.items():
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
    if data.category == NEUTRALITY_CATEGORY:
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
    if link and not is_web_link(link):
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


def highest_ref_number(session: Session, code: str, year: int) -> int:
    """The highest number of an incident reference ``CODE-YEAR-…`` this database holds
    (its own and those pulled from the hub, renamed ones ``…~abc123`` and deleted ones
    included, since their references stay taken); 0 when none.

    One step down the unique index on ``ref`` (the largest reference of the range), not a
    scan: numbers are zero-padded to five digits, so up to 99,999 the largest reference is
    the largest number. Beyond that it is a lower bound, which is safe: the caller still
    checks that the reference it makes is free."""
    prefix = f"{code}-{year}-"
    # References of one code and year sit together in the index: "-" + 1 is ".".
    top = session.scalar(
        select(Incident.ref)
        .where(Incident.ref >= prefix, Incident.ref < prefix[:-1] + ".")
        .order_by(Incident.ref.desc())
        .limit(1)
    )
    digits = re.match(r"\d+", str(top or "")[len(prefix) :])
    return int(digits.group()) if digits else 0


def _next_ref(session: Session, reported_at: datetime) -> str:
    """The next reference for this workstation's code: above the local counter and above
    every reference of the code this database knows, so that a restored or copied
    workstation continues above the highest number the hub knows once it has pulled
    (the counter alone would hand out numbers the hub already holds)."""
    year = to_wib(reported_at).year
    state = local_state(session)
    counter = reference_counter(session, year)
    highest = cached(
        session,
        ("highest_ref", state.workstation_code, year),
        lambda: highest_ref_number(session, state.workstation_code, year),
    )
    counter.value = max(counter.value, highest) + 1
    while True:
        ref = f"{state.workstation_code}-{year}-{counter.value:05d}"
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
    write_incident(session, actor, incident_id, data)
    return _detail(session, actor, _get(session, incident_id))


def write_incident(session: Session, actor: Actor, incident_id: str, data: IncidentInput) -> str:
    """``update_incident`` without reading the incident back; its id."""
    require(actor, Action.EDIT_INCIDENT)
    incident = _get(session, incident_id)
    if not actor.sees_personal_data:
        # A masked form must not overwrite personal data it never showed.
        data = replace(
            data, reporter_name=incident.reporter_name, reporter_contact=incident.reporter_contact
        )
    values = _validate(session, data, utcnow())
    Writer(session, actor).update(incident, values)
    return incident.id


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
        note = clean_text(note, max_length=NOTE_MAX_LENGTH, multiline=True)
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
        note = clean_text(note, max_length=NOTE_MAX_LENGTH, multiline=True)
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


def incident_stamp(session: Session, incident_id: str) -> tuple[Any, ...] | None:
    """The incident's version as stored (its field versions and tombstone): a form
    compares it to tell whether a sync changed the incident underneath."""
    row = session.get(Incident, incident_id)
    if row is None:
        return None
    return (row.updated_at, json.dumps(row.versions, sort_keys=True), row.deleted)


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


def _personal(incident: Incident, hide: bool) -> dict[str, Any]:
    values = {name: getattr(incident, name) for name in sorted(PERSONAL)}
    return mask_personal(values, INCIDENT_FIELDS) if hide else values


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
        **_personal(incident, masked),
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


__all__ = [
    "IN_ORDER",
    "MATCHES_FIRST",
    "PROBING",
    "SORTABLE",
    "IncidentDetail",
    "IncidentFilter",
    "IncidentInput",
    "IncidentRow",
    "_filtered",
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
    "fts_query",
    "get_incident",
    "list_incidents",
    "merge_incidents",
    "place_completions",
    "search_plan",
    "search_query",
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

"""Gather the sitrep's figures from the database, as plain frozen dataclasses.

Every number printed in the report comes from here. Figures describe the period as it
stood at its end: statuses, alert levels, region notes and merges are rebuilt from the
histories (status history, alert-level history, the audit log, follow-ups), never read
from a row's current state, so re-issuing a period later gives the same figures. The
period is half-open, ``[start, end)``: consecutive sitreps never count anything twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from desk_app.formats import to_wib, wib_day_bounds
from desk_app.models import (
    AlertLevelChange,
    AuditEntry,
    Contact,
    Engagement,
    FollowUp,
    Incident,
    IncidentStatusChange,
    Region,
    Sitrep,
    SitrepVoid,
    User,
)
from desk_app.models.enums import CLOSED_STATUSES, OPEN_STATUSES, IncidentStatus, TaxonomyKind
from desk_app.services import incident_fields
from desk_app.services.election import ElectionSettings, get_election
from desk_app.services.fields import Field
from desk_app.services.phones import PhoneError, display_phone, normalise_phone
from desk_app.services.sitreps import SECTIONS as SECTIONS
from desk_app.services.taxonomy import labels, terms

#: The sections a sitrep may contain, in the order domain.md gives them. The header and
#: the sign-off are always printed.
SOCIAL_CATEGORIES: tuple[str, ...] = ("HOAKS", "UJARAN", "PROVOKASI")
NEUTRALITY_CATEGORY = "NETRALITAS"
TAKEDOWN = "TAKEDOWN"
COUNTER_NARRATIVE = "KONTRA_NARASI"
NOTABLE_SEVERITY = 3
TREND_DAYS = 14
#: Follow-ups shown under one incident in "Perkembangan menonjol" (the latest ones).
FOLLOW_UPS_SHOWN = 3

_OPEN = [s.value for s in OPEN_STATUSES]
_CLOSED = [s.value for s in CLOSED_STATUSES]

# Phone numbers typed into free text, in every way people write them: "+62 812-...",
# "62812...", "0812 3456 7890", "0812.3456.7890", "(024) 831 1234", "024-8311234".
# After the prefix, digits may be separated by one or two spaces, dots, dashes or
# brackets. Dates ("01.11.2024") and grouped figures ("62.500") have too few digits or
# the wrong start, and are left alone.
_PHONE_RE = re.compile(
    r"(?<![\w+])"
    r"(?P<prefix>\+\s?62|62|\(\s?0\d{1,4}\s?\)|0\d{2})"
    r"(?P<rest>(?:[\s.\-()]{0,2}\d){5,})"
    r"(?!\w)"
)
_MIN_DIGITS = {"+": 10, "6": 10, "(": 8, "0": 9}


def redact_phones(text: str, replacement: str) -> str:
    """Free text with anything that looks like a phone number replaced."""

    def sub(match: re.Match[str]) -> str:
        whole = match.group(0)
        digits = sum(ch.isdigit() for ch in whole)
        need = _MIN_DIGITS[match.group("prefix")[0]]
        return replacement if digits >= need else whole

    return _PHONE_RE.sub(sub, text or "")


def format_phones_in(text: str) -> str:
    """A phone number as it is read aloud ("+62 812-3456-7890"); other text as it is."""
    try:
        return display_phone(normalise_phone(text))
    except PhoneError:
        return text


#: The incident's fields (``in_sitrep``) a development shows in a place of its own: the
#: heading (number, category, severity), the title, when, and the place. None of them is
#: personal data.
DEVELOPMENT_FIELDS = ("ref", "title", "occurred_at", "category", "severity", "kecamatan", "desa")
#: The incident's fields (``in_sitrep``) the sitrep shows otherwise than in a
#: development: the region it is listed under, its status at the period's end, and the
#: tables that count incidents by neutrality subject and by platform.
SHOWN_ELSEWHERE = frozenset({"region", "status", "neutrality_subject", "platform"})
#: How a personal field is printed when it is (else as it is stored).
_PERSONAL_SHOWN_AS: dict[str, Callable[[str], str]] = {"reporter_contact": format_phones_in}


def reporter_fields() -> tuple[str, ...]:
    """The personal data a development shows, in the reporter's line, only when personal
    data was asked for and allowed: every personal field of the table in the sitrep."""
    return tuple(f.name for f in incident_fields.INCIDENT_FIELDS if f.in_sitrep and f.personal)


def detail_fields() -> tuple[Field, ...]:
    """The other fields in the sitrep, each shown in a development as "Label: value"."""
    placed = {*DEVELOPMENT_FIELDS, *SHOWN_ELSEWHERE}
    return tuple(
        f
        for f in incident_fields.INCIDENT_FIELDS
        if f.in_sitrep and not f.personal and f.name not in placed
    )


@dataclass(frozen=True)
class Summary:
    total: int
    #: Incidents in the period by severity 1..4.
    by_severity: tuple[int, int, int, int]
    #: Incidents in the period by their current status, every status in workflow order.
    by_status: tuple[tuple[str, int], ...]
    open_all: int
    closed_in_period: int
    regions_siaga: tuple[str, ...]
    regions_awas: tuple[str, ...]


@dataclass(frozen=True)
class RegionLine:
    code: str
    name: str
    lat: float
    lon: float
    level: str
    new: int
    open: int
    closed: int
    top_category: str | None
    top_category_count: int
    note: str
    #: Why the region stood at its level at the end of the period (its last change).
    level_reason: str = ""


@dataclass(frozen=True)
class StatusLine:
    at: datetime
    from_status: str
    to_status: str
    note: str
    by: str


@dataclass(frozen=True)
class FollowUpLine:
    at: datetime
    type: str
    note: str
    by: str


@dataclass(frozen=True)
class Development:
    ref: str
    title: str
    occurred_at: datetime
    category: str
    severity: int
    status: str
    place: str
    status_changes: tuple[StatusLine, ...]
    follow_ups: tuple[FollowUpLine, ...]
    earlier_follow_ups: int
    #: Reporter's name and contact: empty unless personal data was asked for and allowed.
    reporter: str = ""
    #: The incident's other fields in the sitrep (``detail_fields``): (label, text).
    details: tuple[tuple[str, str], ...] = ()
    new_in_period: bool = True
    #: The latest thing that happened to it before the period's end.
    last_activity: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status in _OPEN


@dataclass(frozen=True)
class LevelChangeLine:
    at: datetime
    from_level: str
    to_level: str
    reason: str
    by: str


@dataclass(frozen=True)
class RegionDevelopments:
    code: str
    name: str
    level: str
    level_changes: tuple[LevelChangeLine, ...]
    incidents: tuple[Development, ...]


@dataclass(frozen=True)
class SocialRow:
    platform: str | None
    #: Counts for HOAKS, UJARAN, PROVOKASI.
    counts: tuple[int, int, int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class SocialMedia:
    rows: tuple[SocialRow, ...]
    totals: tuple[int, int, int]
    takedown: int
    counter_narrative: int
    other_action: int
    no_action: int

    @property
    def total(self) -> int:
        return sum(self.totals)


@dataclass(frozen=True)
class NeutralityRow:
    subject: str | None
    total: int
    open: int
    closed: int


@dataclass(frozen=True)
class Trend:
    days: tuple[date, ...]
    #: (category code, count per day); categories in taxonomy order, only those present.
    series: tuple[tuple[str, tuple[int, ...]], ...]

    @property
    def per_day(self) -> tuple[int, ...]:
        return tuple(sum(s[1][i] for s in self.series) for i in range(len(self.days)))

    @property
    def total(self) -> int:
        return sum(self.per_day)


@dataclass(frozen=True)
class EngagementLine:
    day: date
    contact: str
    organisation: str
    contact_category: str
    forums: tuple[str, ...]
    type: str
    summary: str
    by: str
    #: Phone numbers and address: empty unless personal data was asked for and allowed.
    phones: tuple[str, ...] = ()
    address: str = ""
    logged_at: datetime | None = None


@dataclass(frozen=True)
class Labels:
    categories: dict[str, str]
    subjects: dict[str, str]
    platforms: dict[str, str]
    follow_up_types: dict[str, str]
    contact_categories: dict[str, str]
    engagement_types: dict[str, str]
    forums: dict[str, str]
    category_order: tuple[str, ...]


@dataclass(frozen=True)
class SitrepData:
    period_start: datetime
    period_end: datetime
    election: ElectionSettings
    labels: Labels
    personal_data: bool
    summary: Summary
    regions: tuple[RegionLine, ...]
    developments: tuple[RegionDevelopments, ...]
    social: SocialMedia
    neutrality: tuple[NeutralityRow, ...]
    trend: Trend
    engagements: tuple[EngagementLine, ...]
    key: KeyFigures | None = None
    #: The previous issued sitrep's number and its key figures, for page 1's changes.
    previous: tuple[str, KeyFigures] | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class AsOf:
    """The state of incidents' identity at the end of the period, rebuilt from the log.

    An incident deleted or merged after the period's end was still itself then, and counts;
    one merged before it counts as a source of the incident it was merged into, whose
    follow-ups then include its own. The automatic "merged with …" follow-up is
    bookkeeping, never an action.
    """

    end: datetime
    #: Incidents deleted or merged now that were still live at the end of the period.
    revived: frozenset[str]
    #: Source incident -> the incident it had been merged into by the end of the period.
    parent: dict[str, str]
    merge_versions: frozenset[str]
    merge_notes: frozenset[str]

    def live(self) -> ColumnElement[bool]:
        current = and_(Incident.deleted.is_(False), Incident.merged_into.is_(None))
        if not self.revived:
            return current
        return or_(current, Incident.id.in_(sorted(self.revived)))

    def owner(self, incident_id: str) -> str:
        """The incident a follow-up on ``incident_id`` belongs to (after merges)."""
        seen = 0
        while incident_id in self.parent and seen < 50:
            incident_id = self.parent[incident_id]
            seen += 1
        return incident_id

    def sources(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = defaultdict(list)
        for source in self.parent:
            result[self.owner(source)].append(source)
        return result

    def is_merge_note(self, type_: str, note: str, version: str) -> bool:
        return type_ == MERGE_NOTE_TYPE and (
            (bool(version) and version in self.merge_versions) or note.strip() in self.merge_notes
        )


MERGE_NOTE_TYPE = "LAINNYA"


def as_of(session: Session, end: datetime) -> AsOf:
    """Which incidents were live at ``end`` and which had been merged into which."""
    rows = session.execute(
        select(
            Incident.id, Incident.ref, Incident.deleted, Incident.merged_into, Incident.versions
        ).where(or_(Incident.deleted.is_(True), Incident.merged_into.is_not(None)))
    ).all()
    changed_at: dict[tuple[str, str], datetime] = {}
    ids = [r.id for r in rows]
    for chunk in _chunks(ids):
        for record_id, created_at, changes in session.execute(
            select(AuditEntry.record_id, AuditEntry.created_at, AuditEntry.changes)
            .where(AuditEntry.table_name == "incident", AuditEntry.record_id.in_(chunk))
            .order_by(AuditEntry.created_at, AuditEntry.origin_version)
        ):
            for name in ("deleted", "merged_into"):
                if name in (changes or {}):
                    changed_at[(record_id, name)] = created_at
    revived: set[str] = set()
    parent: dict[str, str] = {}
    versions: set[str] = set()
    notes: set[str] = set()
    for r in rows:
        # Without a record of when, the change is taken to predate the period.
        deleted_at = changed_at.get((r.id, "deleted"))
        merged_at = changed_at.get((r.id, "merged_into"))
        deleted_then = bool(r.deleted) and (deleted_at is None or deleted_at < end)
        merged_then = r.merged_into is not None and (merged_at is None or merged_at < end)
        if r.merged_into is not None:
            version = (r.versions or {}).get("merged_into")
            if version:
                versions.add(str(version))
            notes.add(f"Digabung dengan {r.ref}")
            if merged_then:
                parent[r.id] = r.merged_into
        if not deleted_then and not merged_then:
            revived.add(r.id)
    return AsOf(end, frozenset(revived), parent, frozenset(versions), frozenset(notes))


def status_at(end: datetime) -> ColumnElement[str]:
    """An incident's status at ``end``, rebuilt from its status history."""
    before = aliased(IncidentStatusChange)
    after = aliased(IncidentStatusChange)
    last_before = (
        select(before.to_status)
        .where(before.incident_id == Incident.id, before.created_at < end)
        .order_by(before.created_at.desc(), before.origin_version.desc())
        .limit(1)
        .scalar_subquery()
    )
    first_after = (
        select(after.from_status)
        .where(after.incident_id == Incident.id, after.created_at >= end)
        .order_by(after.created_at, after.origin_version)
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(last_before, first_after, Incident.status)


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@dataclass(frozen=True)
class _Action:
    incident_id: str
    type: str
    at: datetime
    note: str
    by: str | None


def _actions(session: Session, asof: AsOf, start: datetime, end: datetime) -> list[_Action]:
    """Follow-ups written in ``[start, end)``, each on the incident it counts for."""
    result = []
    for f in session.execute(
        select(
            FollowUp.incident_id,
            FollowUp.type,
            FollowUp.created_at,
            FollowUp.note,
            FollowUp.origin_version,
            FollowUp.created_by,
        )
        .where(FollowUp.created_at >= start, FollowUp.created_at < end)
        .order_by(FollowUp.created_at, FollowUp.origin_version)
    ):
        if asof.is_merge_note(f.type, f.note, f.origin_version):
            continue
        result.append(
            _Action(asof.owner(f.incident_id), f.type, f.created_at, f.note, f.created_by)
        )
    return result


def gather(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    lang: str = "id",
    personal_data: bool = False,
    redacted: str = "•••",
) -> SitrepData:
    """Everything the sitrep prints for the period ``[start, end)``, as it stood at ``end``."""
    lbl = Labels(
        categories=labels(session, TaxonomyKind.INCIDENT_CATEGORY, lang),
        subjects=labels(session, TaxonomyKind.NEUTRALITY_SUBJECT, lang),
        platforms=labels(session, TaxonomyKind.PLATFORM, lang),
        follow_up_types=labels(session, TaxonomyKind.FOLLOW_UP_TYPE, lang),
        contact_categories=labels(session, TaxonomyKind.CONTACT_CATEGORY, lang),
        engagement_types=labels(session, TaxonomyKind.ENGAGEMENT_TYPE, lang),
        forums=labels(session, TaxonomyKind.FORUM, lang),
        category_order=tuple(
            t.code for t in terms(session, TaxonomyKind.INCIDENT_CATEGORY, include_inactive=True)
        ),
    )
    users = {
        uid: name or username
        for uid, name, username in session.execute(select(User.id, User.full_name, User.username))
    }

    def clean(text: str) -> str:
        return text if personal_data else redact_phones(text, redacted)

    regions = list(
        session.scalars(select(Region).where(Region.deleted.is_(False)).order_by(Region.code))
    )
    asof = as_of(session, end)
    actions = _actions(session, asof, start, end)
    levels = _levels_at(session, regions, end)
    notes = _notes_at(session, regions, end)
    reasons = level_reasons(session, end)
    region_lines = [
        replace(line, level_reason=clean(reasons.get(region.id, "")))
        for region, line in zip(
            regions,
            _region_lines(session, asof, regions, levels, notes, start, end, lbl, clean),
            strict=True,
        )
    ]
    summary = _summary(session, asof, start, end, regions, levels, region_lines)
    return SitrepData(
        period_start=start,
        period_end=end,
        election=get_election(session),
        labels=lbl,
        personal_data=personal_data,
        summary=summary,
        regions=tuple(region_lines),
        developments=_developments(
            session, asof, actions, regions, levels, start, end, users, personal_data, clean, lang
        ),
        social=_social(session, asof, actions, start, end),
        neutrality=_neutrality(session, asof, start, end),
        trend=_trend(session, asof, end, lbl),
        engagements=_engagements(session, start, end, users, personal_data, clean),
        key=key_figures(session, start, end),
        previous=_previous(session, start, end),
    )


def _previous(session: Session, start: datetime, end: datetime) -> tuple[str, KeyFigures] | None:
    """The last sitrep issued (and not voided) for a period ending by ``start``; one
    covering as long a period as this one when there is such (a day against a day, not
    against a week)."""
    voided = select(SitrepVoid.sitrep_id)
    rows = session.execute(
        select(Sitrep.number, Sitrep.period_from, Sitrep.period_to)
        .where(Sitrep.period_to <= start, Sitrep.id.not_in(voided))
        .order_by(Sitrep.period_to.desc(), Sitrep.issued_at.desc())
        .limit(50)
    ).all()
    if not rows:
        return None
    length = end - start
    row = next((r for r in rows if r.period_to - r.period_from == length), rows[0])
    return row.number, key_figures(session, row.period_from, row.period_to)


def _levels_at(session: Session, regions: list[Region], moment: datetime) -> dict[str, str]:
    """Each region's alert level as it stood at ``moment`` (from the level history)."""
    history: dict[str, list[AlertLevelChange]] = defaultdict(list)
    for change in session.scalars(
        select(AlertLevelChange).order_by(
            AlertLevelChange.created_at, AlertLevelChange.origin_version
        )
    ):
        history[change.region_id].append(change)
    levels = {}
    for region in regions:
        level = region.alert_level
        changes = history.get(region.id, [])
        before = [c for c in changes if c.created_at < moment]
        after = [c for c in changes if c.created_at >= moment]
        if before:
            level = before[-1].to_level
        elif after:
            level = after[0].from_level
        levels[region.id] = level
    return levels


def _notes_at(session: Session, regions: list[Region], moment: datetime) -> dict[str, str]:
    """Each region's status note as it read at ``moment`` (from the audit log)."""
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    for record_id, created_at, changes in session.execute(
        select(AuditEntry.record_id, AuditEntry.created_at, AuditEntry.changes)
        .where(AuditEntry.table_name == "region")
        .order_by(AuditEntry.created_at, AuditEntry.origin_version)
    ):
        pair = (changes or {}).get("status_note")
        if not isinstance(pair, list) or len(pair) != 2:
            continue
        if created_at < moment:
            before[record_id] = str(pair[1] or "")
        elif record_id not in after:
            after[record_id] = str(pair[0] or "")
    return {
        r.id: before[r.id] if r.id in before else after.get(r.id, r.status_note) for r in regions
    }


def _region_lines(
    session: Session,
    asof: AsOf,
    regions: list[Region],
    levels: dict[str, str],
    notes: dict[str, str],
    start: datetime,
    end: datetime,
    lbl: Labels,
    clean: Callable[[str], str],
) -> list[RegionLine]:
    open_ = dict(
        session.execute(
            select(Incident.region_id, func.count())
            .where(Incident.occurred_at < end, asof.live(), status_at(end).in_(_OPEN))
            .group_by(Incident.region_id)
        ).all()
    )
    closed_ids = (
        select(IncidentStatusChange.incident_id)
        .where(
            IncidentStatusChange.created_at >= start,
            IncidentStatusChange.created_at < end,
            IncidentStatusChange.to_status.in_(_CLOSED),
        )
        .distinct()
    )
    closed = dict(
        session.execute(
            select(Incident.region_id, func.count())
            .where(Incident.id.in_(closed_ids), asof.live())
            .group_by(Incident.region_id)
        ).all()
    )
    order = {code: i for i, code in enumerate(lbl.category_order)}
    # One pass over the period gives both the new incidents and the top category.
    by_category: dict[str, list[tuple[str, int]]] = defaultdict(list)
    new: dict[str, int] = defaultdict(int)
    for region_id, category, count in session.execute(
        select(Incident.region_id, Incident.category, func.count())
        .where(Incident.occurred_at >= start, Incident.occurred_at < end, asof.live())
        .group_by(Incident.region_id, Incident.category)
    ):
        by_category[region_id].append((category, count))
        new[region_id] += int(count)
    lines = []
    for region in regions:
        cats = sorted(
            by_category.get(region.id, []), key=lambda c: (-c[1], order.get(c[0], 99), c[0])
        )
        lines.append(
            RegionLine(
                code=region.code,
                name=region.name,
                lat=region.lat,
                lon=region.lon,
                level=levels[region.id],
                new=int(new.get(region.id, 0)),
                open=int(open_.get(region.id, 0)),
                closed=int(closed.get(region.id, 0)),
                top_category=cats[0][0] if cats else None,
                top_category_count=cats[0][1] if cats else 0,
                note=clean(notes.get(region.id, "")),
            )
        )
    return lines


def _summary(
    session: Session,
    asof: AsOf,
    start: datetime,
    end: datetime,
    regions: list[Region],
    levels: dict[str, str],
    lines: list[RegionLine],
) -> Summary:
    severity: dict[int, int] = defaultdict(int)
    status: dict[str, int] = defaultdict(int)
    at_end = status_at(end)
    for sev, stat, count in session.execute(
        select(Incident.severity, at_end, func.count())
        .where(Incident.occurred_at >= start, Incident.occurred_at < end, asof.live())
        .group_by(Incident.severity, at_end)
    ):
        severity[sev] += int(count)
        status[stat] += int(count)
    return Summary(
        total=sum(int(v) for v in severity.values()),
        by_severity=(
            int(severity.get(1, 0)),
            int(severity.get(2, 0)),
            int(severity.get(3, 0)),
            int(severity.get(4, 0)),
        ),
        by_status=tuple((s.value, int(status.get(s.value, 0))) for s in IncidentStatus),
        open_all=sum(line.open for line in lines),
        closed_in_period=sum(line.closed for line in lines),
        regions_siaga=tuple(r.name for r in regions if levels[r.id] == "siaga"),
        regions_awas=tuple(r.name for r in regions if levels[r.id] == "awas"),
    )


def _developments(
    session: Session,
    asof: AsOf,
    actions: list[_Action],
    regions: list[Region],
    levels: dict[str, str],
    start: datetime,
    end: datetime,
    users: dict[str, str],
    personal_data: bool,
    clean: Callable[[str], str],
    lang: str,
) -> tuple[RegionDevelopments, ...]:
    # Notable: high and critical incidents that occurred in the period, whose status
    # changed in it, or that were followed up in it (older incidents too). Status churn
    # of low and medium incidents is not "menonjol"; it shows in the figures.
    changed = (
        select(IncidentStatusChange.incident_id)
        .where(IncidentStatusChange.created_at >= start, IncidentStatusChange.created_at < end)
        .distinct()
    )
    followed = sorted({a.incident_id for a in actions})
    in_period = and_(Incident.occurred_at >= start, Incident.occurred_at < end)
    touched = or_(in_period, Incident.id.in_(changed))
    if followed:
        touched = or_(touched, Incident.id.in_(followed))
    at_end = status_at(end).label("status_at_end")
    reporter_names = reporter_fields() if personal_data else ()
    details = detail_fields()
    incidents = session.execute(
        select(
            Incident.id,
            Incident.region_id,
            at_end,
            *(
                getattr(Incident, name)
                for name in (*DEVELOPMENT_FIELDS, *reporter_names, *(f.name for f in details))
            ),
        )
        .where(
            asof.live(),
            Incident.occurred_at < end,
            Incident.severity >= NOTABLE_SEVERITY,
            touched,
        )
        .order_by(Incident.occurred_at, Incident.ref)
    ).all()
    ids = [row.id for row in incidents]
    sources = asof.sources()
    status_lines: dict[str, list[StatusLine]] = defaultdict(list)
    follow_ups: dict[str, list[FollowUpLine]] = defaultdict(list)
    for chunk in _chunks(ids):
        for c in session.execute(
            select(
                IncidentStatusChange.incident_id,
                IncidentStatusChange.created_at,
                IncidentStatusChange.from_status,
                IncidentStatusChange.to_status,
                IncidentStatusChange.note,
                IncidentStatusChange.created_by,
            )
            .where(
                IncidentStatusChange.incident_id.in_(chunk),
                IncidentStatusChange.created_at >= start,
                IncidentStatusChange.created_at < end,
            )
            .order_by(IncidentStatusChange.created_at, IncidentStatusChange.origin_version)
        ):
            status_lines[c.incident_id].append(
                StatusLine(
                    c.created_at,
                    c.from_status,
                    c.to_status,
                    clean(c.note),
                    users.get(c.created_by or "", ""),
                )
            )
        related = [*chunk, *(s for i in chunk for s in sources.get(i, ()))]
        for f in session.execute(
            select(
                FollowUp.incident_id,
                FollowUp.created_at,
                FollowUp.type,
                FollowUp.note,
                FollowUp.origin_version,
                FollowUp.created_by,
            )
            .where(FollowUp.incident_id.in_(related), FollowUp.created_at < end)
            .order_by(FollowUp.created_at, FollowUp.origin_version)
        ):
            if asof.is_merge_note(f.type, f.note, f.origin_version):
                continue
            follow_ups[asof.owner(f.incident_id)].append(
                FollowUpLine(
                    f.created_at,
                    f.type,
                    clean(f.note),
                    users.get(f.created_by or "", ""),
                )
            )
    per_region: dict[str, list[Development]] = defaultdict(list)
    for row in incidents:
        fus = sorted(follow_ups.get(row.id, []), key=lambda f: f.at)
        reporter = ", ".join(
            shown
            for name in reporter_names
            if (shown := _PERSONAL_SHOWN_AS.get(name, str)(getattr(row, name) or ""))
        )
        changes = tuple(status_lines.get(row.id, []))
        moments = [row.occurred_at, *(c.at for c in changes), *(f.at for f in fus)]
        latest = max(m for m in moments if m < end)
        per_region[row.region_id].append(
            Development(
                ref=row.ref,
                title=clean(row.title),
                occurred_at=row.occurred_at,
                category=row.category,
                severity=row.severity,
                status=row.status_at_end,
                place=", ".join(p for p in (row.kecamatan, row.desa) if p),
                status_changes=changes,
                follow_ups=tuple(fus[-FOLLOW_UPS_SHOWN:]),
                earlier_follow_ups=max(0, len(fus) - FOLLOW_UPS_SHOWN),
                reporter=reporter,
                details=tuple(
                    (f.label(lang), clean(str(value)))
                    for f in details
                    if (value := getattr(row, f.name)) not in (None, "")
                ),
                new_in_period=start <= row.occurred_at < end,
                last_activity=latest,
            )
        )
    level_changes: dict[str, list[LevelChangeLine]] = defaultdict(list)
    for change in session.scalars(
        select(AlertLevelChange)
        .where(AlertLevelChange.created_at >= start, AlertLevelChange.created_at < end)
        .order_by(AlertLevelChange.created_at, AlertLevelChange.origin_version)
    ):
        level_changes[change.region_id].append(
            LevelChangeLine(
                change.created_at,
                change.from_level,
                change.to_level,
                clean(change.reason),
                users.get(change.created_by or "", ""),
            )
        )
    result = []
    for region in regions:
        items = per_region.get(region.id, [])
        level_list = level_changes.get(region.id, [])
        if items or level_list:
            result.append(
                RegionDevelopments(
                    region.code,
                    region.name,
                    levels[region.id],
                    tuple(level_list),
                    tuple(items),
                )
            )
    return tuple(result)


def _social(
    session: Session, asof: AsOf, actions: list[_Action], start: datetime, end: datetime
) -> SocialMedia:
    in_scope = [
        Incident.occurred_at >= start,
        Incident.occurred_at < end,
        asof.live(),
        Incident.category.in_(SOCIAL_CATEGORIES),
    ]
    table: dict[str | None, list[int]] = {}
    for platform, category, count in session.execute(
        select(Incident.platform, Incident.category, func.count())
        .where(*in_scope)
        .group_by(Incident.platform, Incident.category)
    ):
        key = platform or None
        table.setdefault(key, [0, 0, 0])[SOCIAL_CATEGORIES.index(category)] += int(count)
    rows = tuple(
        SocialRow(p, (c[0], c[1], c[2]))
        for p, c in sorted(table.items(), key=lambda kv: (-sum(kv[1]), kv[0] is None, kv[0] or ""))
    )
    totals = (
        sum(r.counts[0] for r in rows),
        sum(r.counts[1] for r in rows),
        sum(r.counts[2] for r in rows),
    )
    # What was done in the period: every action written in it on a social-media incident,
    # whenever that incident was logged.
    owners = sorted({a.incident_id for a in actions})
    social_owners: set[str] = set()
    for chunk in _chunks(owners):
        social_owners.update(
            session.scalars(
                select(Incident.id).where(
                    Incident.id.in_(chunk), asof.live(), Incident.category.in_(SOCIAL_CATEGORIES)
                )
            )
        )
    scoped = [a for a in actions if a.incident_id in social_owners]
    takedown = sum(1 for a in scoped if a.type == TAKEDOWN)
    counter = sum(1 for a in scoped if a.type == COUNTER_NARRATIVE)
    # Incidents of the period without any follow-up by its end (merged sources' count).
    period_ids = list(session.scalars(select(Incident.id).where(*in_scope)))
    sources = asof.sources()
    handled: set[str] = set()
    for chunk in _chunks(period_ids):
        related = [*chunk, *(s for i in chunk for s in sources.get(i, ()))]
        for incident_id, type_, note, version in session.execute(
            select(
                FollowUp.incident_id, FollowUp.type, FollowUp.note, FollowUp.origin_version
            ).where(FollowUp.incident_id.in_(related), FollowUp.created_at < end)
        ):
            if not asof.is_merge_note(type_, note, version):
                handled.add(asof.owner(incident_id))
    return SocialMedia(
        rows=rows,
        totals=totals,
        takedown=takedown,
        counter_narrative=counter,
        other_action=len(scoped) - takedown - counter,
        no_action=sum(1 for i in period_ids if i not in handled),
    )


def _neutrality(
    session: Session, asof: AsOf, start: datetime, end: datetime
) -> tuple[NeutralityRow, ...]:
    counts: dict[str | None, list[int]] = {}
    at_end = status_at(end)
    for subject, status, count in session.execute(
        select(Incident.neutrality_subject, at_end, func.count())
        .where(
            Incident.occurred_at >= start,
            Incident.occurred_at < end,
            asof.live(),
            Incident.category == NEUTRALITY_CATEGORY,
        )
        .group_by(Incident.neutrality_subject, at_end)
    ):
        row = counts.setdefault(subject or None, [0, 0, 0])
        row[0] += int(count)
        row[1 if status in _OPEN else 2] += int(count)
    return tuple(
        NeutralityRow(s, c[0], c[1], c[2])
        for s, c in sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0] is None, kv[0] or ""))
    )


def trend_days(end: datetime) -> tuple[date, ...]:
    """The 14 WIB calendar days ending with the day the period ends in."""
    last = to_wib(end - timedelta(microseconds=1)).date()
    return tuple(last - timedelta(days=TREND_DAYS - 1 - i) for i in range(TREND_DAYS))


def _trend(session: Session, asof: AsOf, end: datetime, lbl: Labels) -> Trend:
    days = trend_days(end)
    first_start, _ = wib_day_bounds(days[0])
    day_index = {d.isoformat(): i for i, d in enumerate(days)}
    # Stored as naive UTC text; the WIB day is seven hours later, with no daylight saving.
    wib_day = func.date(Incident.occurred_at, "+7 hours")
    counts: dict[str, list[int]] = {}
    for day, category, count in session.execute(
        select(wib_day, Incident.category, func.count())
        .where(Incident.occurred_at >= first_start, Incident.occurred_at < end, asof.live())
        .group_by(wib_day, Incident.category)
    ):
        i = day_index.get(str(day))
        if i is not None:
            counts.setdefault(category, [0] * TREND_DAYS)[i] += int(count)
    order = {code: i for i, code in enumerate(lbl.category_order)}
    series = tuple(
        (code, tuple(values))
        for code, values in sorted(counts.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    )
    return Trend(days, series)


def _engagements(
    session: Session,
    start: datetime,
    end: datetime,
    users: dict[str, str],
    personal_data: bool,
    clean: Callable[[str], str],
) -> tuple[EngagementLine, ...]:
    # By the instant each engagement was logged: consecutive sitreps (12-hour ones too)
    # never list the same engagement twice.
    rows = session.execute(
        select(Engagement, Contact)
        .join(Contact, Contact.id == Engagement.contact_id)
        .where(Engagement.created_at >= start, Engagement.created_at < end)
        .order_by(Engagement.occurred_on, Engagement.created_at, Engagement.origin_version)
    ).all()
    lines = []
    for engagement, contact in rows:
        name = " ".join(p for p in (contact.honorific, contact.name) if p)
        organisation = ", ".join(p for p in (contact.position, contact.organisation) if p)
        lines.append(
            EngagementLine(
                day=engagement.occurred_on,
                contact=name if not contact.deleted else "—",
                organisation=organisation if not contact.deleted else "",
                contact_category=contact.category,
                forums=tuple(contact.forums or ()),
                type=engagement.type,
                summary=clean(engagement.summary),
                by=users.get(engagement.created_by or "", ""),
                phones=tuple(format_phones_in(p) for p in contact.phones or ())
                if personal_data and not contact.deleted
                else (),
                address=clean(contact.address) if personal_data and not contact.deleted else "",
                logged_at=engagement.created_at,
            )
        )
    return tuple(lines)


@dataclass(frozen=True)
class KeyFigures:
    """Page 1's large figures, for one period, as of its end."""

    total: int
    high_critical: int
    open_at_end: int
    closed: int
    siaga: int
    awas: int


def key_figures(session: Session, start: datetime, end: datetime) -> KeyFigures:
    """The key figures of ``[start, end)`` by the same rules as the report's tables."""
    asof = as_of(session, end)
    in_period = [Incident.occurred_at >= start, Incident.occurred_at < end, asof.live()]
    total = int(session.scalar(select(func.count()).select_from(Incident).where(*in_period)) or 0)
    high = int(
        session.scalar(
            select(func.count())
            .select_from(Incident)
            .where(*in_period, Incident.severity >= NOTABLE_SEVERITY)
        )
        or 0
    )
    open_ = int(
        session.scalar(
            select(func.count())
            .select_from(Incident)
            .where(Incident.occurred_at < end, asof.live(), status_at(end).in_(_OPEN))
        )
        or 0
    )
    closed_ids = select(IncidentStatusChange.incident_id).where(
        IncidentStatusChange.created_at >= start,
        IncidentStatusChange.created_at < end,
        IncidentStatusChange.to_status.in_(_CLOSED),
    )
    closed = int(
        session.scalar(
            select(func.count())
            .select_from(Incident)
            .where(Incident.id.in_(closed_ids), asof.live())
        )
        or 0
    )
    regions = list(session.scalars(select(Region).where(Region.deleted.is_(False))))
    levels = _levels_at(session, regions, end)
    return KeyFigures(
        total=total,
        high_critical=high,
        open_at_end=open_,
        closed=closed,
        siaga=sum(1 for v in levels.values() if v == "siaga"),
        awas=sum(1 for v in levels.values() if v == "awas"),
    )


def level_reasons(session: Session, end: datetime) -> dict[str, str]:
    """Each region's reason for the level it stood at at ``end`` (its last change)."""
    reasons: dict[str, str] = {}
    for region_id, reason in session.execute(
        select(AlertLevelChange.region_id, AlertLevelChange.reason)
        .where(AlertLevelChange.created_at < end)
        .order_by(AlertLevelChange.created_at, AlertLevelChange.origin_version)
    ):
        reasons[region_id] = reason
    return reasons

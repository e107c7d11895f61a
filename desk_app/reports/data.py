"""Gather the sitrep's figures from the database, as plain frozen dataclasses.

Every number printed in the report comes from here, and each is one query over the live
incidents (not deleted, not merged into another), so a test can recompute it directly.
The period is half-open, ``[start, end)``: consecutive sitreps never count an incident
twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from desk_app.formats import to_wib, wib_day_bounds
from desk_app.models import (
    AlertLevelChange,
    Contact,
    Engagement,
    FollowUp,
    Incident,
    IncidentStatusChange,
    Region,
    User,
)
from desk_app.models.enums import CLOSED_STATUSES, OPEN_STATUSES, IncidentStatus, TaxonomyKind
from desk_app.services.election import ElectionSettings, get_election
from desk_app.services.taxonomy import labels, terms

#: The sections a sitrep may contain, in the order domain.md gives them. The header and
#: the sign-off are always printed.
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

# Phone numbers typed into free text (titles, notes): +62..., 62..., 08..., (024) ...
_PHONE_RE = re.compile(r"(?<![\w+])(?:\+|\(?0)[\d\s().\-/]{7,}\d")


def redact_phones(text: str, replacement: str) -> str:
    """Free text with anything that looks like a phone number replaced."""

    def sub(match: re.Match[str]) -> str:
        digits = sum(ch.isdigit() for ch in match.group(0))
        return replacement if digits >= 8 else match.group(0)

    return _PHONE_RE.sub(sub, text)


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
    extra: dict[str, str] = field(default_factory=dict)


def _live() -> list[ColumnElement[bool]]:
    return [Incident.deleted.is_(False), Incident.merged_into.is_(None)]


def _in_period(start: datetime, end: datetime) -> list[ColumnElement[bool]]:
    return [Incident.occurred_at >= start, Incident.occurred_at < end, *_live()]


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def gather(
    session: Session,
    start: datetime,
    end: datetime,
    *,
    lang: str = "id",
    personal_data: bool = False,
    redacted: str = "•••",
) -> SitrepData:
    """Everything the sitrep prints for the period ``[start, end)``."""
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
    levels = _levels_at(session, regions, end)
    region_lines = _region_lines(session, regions, levels, start, end, lbl, clean)
    summary = _summary(session, start, end, regions, levels, region_lines)
    return SitrepData(
        period_start=start,
        period_end=end,
        election=get_election(session),
        labels=lbl,
        personal_data=personal_data,
        summary=summary,
        regions=tuple(region_lines),
        developments=_developments(
            session, regions, levels, start, end, users, personal_data, clean
        ),
        social=_social(session, start, end),
        neutrality=_neutrality(session, start, end),
        trend=_trend(session, end, lbl),
        engagements=_engagements(session, start, end, users, personal_data, clean),
    )


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


def _region_lines(
    session: Session,
    regions: list[Region],
    levels: dict[str, str],
    start: datetime,
    end: datetime,
    lbl: Labels,
    clean: Callable[[str], str],
) -> list[RegionLine]:
    open_ = dict(
        session.execute(
            select(Incident.region_id, func.count())
            .where(Incident.occurred_at < end, Incident.status.in_(_OPEN), *_live())
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
            .where(Incident.id.in_(closed_ids), Incident.status.in_(_CLOSED), *_live())
            .group_by(Incident.region_id)
        ).all()
    )
    order = {code: i for i, code in enumerate(lbl.category_order)}
    # One pass over the period gives both the new incidents and the top category.
    by_category: dict[str, list[tuple[str, int]]] = defaultdict(list)
    new: dict[str, int] = defaultdict(int)
    for region_id, category, count in session.execute(
        select(Incident.region_id, Incident.category, func.count())
        .where(*_in_period(start, end))
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
                note=clean(region.status_note),
            )
        )
    return lines


def _summary(
    session: Session,
    start: datetime,
    end: datetime,
    regions: list[Region],
    levels: dict[str, str],
    lines: list[RegionLine],
) -> Summary:
    severity: dict[int, int] = defaultdict(int)
    status: dict[str, int] = defaultdict(int)
    for sev, stat, count in session.execute(
        select(Incident.severity, Incident.status, func.count())
        .where(*_in_period(start, end))
        .group_by(Incident.severity, Incident.status)
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
    regions: list[Region],
    levels: dict[str, str],
    start: datetime,
    end: datetime,
    users: dict[str, str],
    personal_data: bool,
    clean: Callable[[str], str],
) -> tuple[RegionDevelopments, ...]:
    # Notable: high and critical incidents that occurred in the period or whose status
    # changed in it. Status churn of low and medium incidents is not "menonjol"; it shows
    # in the figures, not in this list.
    changed = (
        select(IncidentStatusChange.incident_id)
        .where(IncidentStatusChange.created_at >= start, IncidentStatusChange.created_at < end)
        .distinct()
    )
    notable = and_(*_in_period(start, end), Incident.severity >= NOTABLE_SEVERITY)
    incidents = session.execute(
        select(
            Incident.id,
            Incident.region_id,
            Incident.ref,
            Incident.title,
            Incident.occurred_at,
            Incident.category,
            Incident.severity,
            Incident.status,
            Incident.kecamatan,
            Incident.desa,
            Incident.reporter_name,
            Incident.reporter_contact,
        )
        .where(
            *_live(),
            Incident.occurred_at < end,
            Incident.severity >= NOTABLE_SEVERITY,
            notable | Incident.id.in_(changed),
        )
        .order_by(Incident.occurred_at, Incident.ref)
    ).all()
    ids = [row.id for row in incidents]
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
        for f in session.execute(
            select(
                FollowUp.incident_id,
                FollowUp.created_at,
                FollowUp.type,
                FollowUp.note,
                FollowUp.created_by,
            )
            .where(FollowUp.incident_id.in_(chunk), FollowUp.created_at < end)
            .order_by(FollowUp.created_at, FollowUp.origin_version)
        ):
            follow_ups[f.incident_id].append(
                FollowUpLine(
                    f.created_at,
                    f.type,
                    clean(f.note),
                    users.get(f.created_by or "", ""),
                )
            )
    per_region: dict[str, list[Development]] = defaultdict(list)
    for row in incidents:
        fus = follow_ups.get(row.id, [])
        reporter = ""
        if personal_data:
            reporter = ", ".join(p for p in (row.reporter_name, row.reporter_contact) if p)
        per_region[row.region_id].append(
            Development(
                ref=row.ref,
                title=clean(row.title),
                occurred_at=row.occurred_at,
                category=row.category,
                severity=row.severity,
                status=row.status,
                place=", ".join(p for p in (row.kecamatan, row.desa) if p),
                status_changes=tuple(status_lines.get(row.id, [])),
                follow_ups=tuple(fus[-FOLLOW_UPS_SHOWN:]),
                earlier_follow_ups=max(0, len(fus) - FOLLOW_UPS_SHOWN),
                reporter=reporter,
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
        changes = level_changes.get(region.id, [])
        if items or changes:
            result.append(
                RegionDevelopments(
                    region.code,
                    region.name,
                    levels[region.id],
                    tuple(changes),
                    tuple(items),
                )
            )
    return tuple(result)


def _social(session: Session, start: datetime, end: datetime) -> SocialMedia:
    in_scope = [*_in_period(start, end), Incident.category.in_(SOCIAL_CATEGORIES)]
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
    scoped = select(Incident.id).where(*in_scope)

    def with_follow_up(*types: str, exclude: bool = False) -> int:
        stmt = select(func.count(func.distinct(FollowUp.incident_id))).where(
            FollowUp.incident_id.in_(scoped), FollowUp.created_at < end
        )
        if types:
            cond = FollowUp.type.in_(types)
            stmt = stmt.where(~cond if exclude else cond)
        return int(session.scalar(stmt) or 0)

    any_action = with_follow_up()
    total = sum(totals)
    return SocialMedia(
        rows=rows,
        totals=totals,
        takedown=with_follow_up(TAKEDOWN),
        counter_narrative=with_follow_up(COUNTER_NARRATIVE),
        other_action=with_follow_up(TAKEDOWN, COUNTER_NARRATIVE, exclude=True),
        no_action=total - any_action,
    )


def _neutrality(session: Session, start: datetime, end: datetime) -> tuple[NeutralityRow, ...]:
    counts: dict[str | None, list[int]] = {}
    for subject, status, count in session.execute(
        select(Incident.neutrality_subject, Incident.status, func.count())
        .where(*_in_period(start, end), Incident.category == NEUTRALITY_CATEGORY)
        .group_by(Incident.neutrality_subject, Incident.status)
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


def _trend(session: Session, end: datetime, lbl: Labels) -> Trend:
    days = trend_days(end)
    first_start, _ = wib_day_bounds(days[0])
    day_index = {d.isoformat(): i for i, d in enumerate(days)}
    # Stored as naive UTC text; the WIB day is seven hours later, with no daylight saving.
    wib_day = func.date(Incident.occurred_at, "+7 hours")
    counts: dict[str, list[int]] = {}
    for day, category, count in session.execute(
        select(wib_day, Incident.category, func.count())
        .where(Incident.occurred_at >= first_start, Incident.occurred_at < end, *_live())
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
    first = to_wib(start).date()
    last = to_wib(end - timedelta(microseconds=1)).date()
    rows = session.execute(
        select(Engagement, Contact)
        .join(Contact, Contact.id == Engagement.contact_id)
        .where(Engagement.occurred_on >= first, Engagement.occurred_on <= last)
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
                phones=tuple(contact.phones or ()) if personal_data and not contact.deleted else (),
                address=contact.address if personal_data and not contact.deleted else "",
            )
        )
    return tuple(lines)

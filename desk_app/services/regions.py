"""The regions board: each kab/kota's alert level and its incident counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from desk_app.models import AlertLevelChange, Incident, Region, User, utcnow
from desk_app.models.enums import OPEN_STATUSES, AlertLevel
from desk_app.services.actor import Actor
from desk_app.services.errors import NotFoundError, ServiceError, ValidationError
from desk_app.services.permissions import Action, require
from desk_app.services.records import Writer
from desk_app.services.text import TextError, clean_text

#: Longest reason for an alert level and longest status note of a region.
REASON_MAX_LENGTH = 2000
STATUS_NOTE_MAX_LENGTH = 2000
LIAISON_MAX_LENGTH = 200


@dataclass(frozen=True)
class RegionRow:
    id: str
    code: str
    name: str
    kind: str
    seat: str
    lat: float
    lon: float
    ikp_score: float | None
    ikp_level: str | None
    alert_level: str
    status_note: str
    liaison: str
    #: Open incidents by severity 1..4.
    open_by_severity: tuple[int, int, int, int]
    last_24h: int
    last_incident_at: datetime | None

    @property
    def open_total(self) -> int:
        return sum(self.open_by_severity)


@dataclass(frozen=True)
class AlertLevelChangeView:
    at: datetime
    by: str | None
    from_level: str
    to_level: str
    reason: str


def _live_incidents() -> list[ColumnElement[bool]]:
    return [Incident.deleted.is_(False), Incident.merged_into.is_(None)]


def board(session: Session, now: datetime | None = None) -> list[RegionRow]:
    """All 35 regions in code order, with the figures the board shows."""
    now = now or utcnow()
    open_counts: dict[str, list[int]] = {}
    stmt = (
        select(Incident.region_id, Incident.severity, func.count())
        .where(Incident.status.in_([s.value for s in OPEN_STATUSES]), *_live_incidents())
        .group_by(Incident.region_id, Incident.severity)
    )
    for region_id, severity, count in session.execute(stmt):
        if 1 <= severity <= 4:
            open_counts.setdefault(region_id, [0, 0, 0, 0])[severity - 1] = count
    recent = dict(
        session.execute(
            select(Incident.region_id, func.count())
            .where(Incident.occurred_at >= now - timedelta(hours=24), *_live_incidents())
            .group_by(Incident.region_id)
        ).all()
    )
    rows = []
    for region in session.scalars(
        select(Region).where(Region.deleted.is_(False)).order_by(Region.code)
    ):
        last: object = session.scalar(
            select(func.max(Incident.occurred_at)).where(
                Incident.region_id == region.id, *_live_incidents()
            )
        )
        counts = open_counts.get(region.id, [0, 0, 0, 0])
        rows.append(
            RegionRow(
                id=region.id,
                code=region.code,
                name=region.name,
                kind=region.kind,
                seat=region.seat,
                lat=region.lat,
                lon=region.lon,
                ikp_score=region.ikp_score,
                ikp_level=region.ikp_level,
                alert_level=region.alert_level,
                status_note=region.status_note,
                liaison=region.liaison,
                open_by_severity=(counts[0], counts[1], counts[2], counts[3]),
                last_24h=int(recent.get(region.id, 0)),
                last_incident_at=_as_utc(last),
            )
        )
    return rows


def _as_utc(value: object) -> datetime | None:
    # func.max() bypasses the column type, so SQLite hands back the stored text.
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def region_names(session: Session, *, include_deleted: bool = False) -> list[tuple[str, str]]:
    """(code, name) of every region in code order: for pickers and filters (no counts);
    ``include_deleted`` for naming the regions stored records refer to."""
    stmt = select(Region.code, Region.name).order_by(Region.code)
    if not include_deleted:
        stmt = stmt.where(Region.deleted.is_(False))
    return [(code, name) for code, name in session.execute(stmt)]


def get_region(session: Session, code: str) -> Region:
    region = session.scalar(select(Region).where(Region.code == code.strip()))
    if region is None or region.deleted:
        raise NotFoundError("region", code)
    return region


def set_alert_level(
    session: Session, actor: Actor, code: str, level: str, reason: str
) -> AlertLevelChangeView:
    require(actor, Action.SET_ALERT_LEVEL)
    region = get_region(session, code)
    try:
        target = AlertLevel(level.strip().lower())
    except ValueError:
        raise ValidationError({"level": "unknown_level"}) from None
    try:
        reason = clean_text(reason, max_length=REASON_MAX_LENGTH, multiline=True)
    except TextError as exc:
        raise ValidationError({"reason": exc.code}) from None
    if not reason:
        raise ValidationError({"reason": "required"})
    if target.value == region.alert_level:
        raise ServiceError("the region is already at this level", code="level_unchanged")
    writer = Writer(session, actor)
    previous = region.alert_level
    writer.update(region, {"alert_level": target.value})
    entry = writer.create(
        AlertLevelChange,
        region_id=region.id,
        from_level=previous,
        to_level=target.value,
        reason=reason,
    )
    return AlertLevelChangeView(entry.created_at, actor.username, previous, target.value, reason)


def update_region_details(
    session: Session,
    actor: Actor,
    code: str,
    *,
    status_note: str | None = None,
    liaison: str | None = None,
) -> None:
    require(actor, Action.SET_ALERT_LEVEL)
    region = get_region(session, code)
    values: dict[str, str] = {}
    try:
        if status_note is not None:
            values["status_note"] = clean_text(
                status_note, max_length=STATUS_NOTE_MAX_LENGTH, multiline=True
            )
        if liaison is not None:
            values["liaison"] = clean_text(liaison, max_length=LIAISON_MAX_LENGTH)
    except TextError as exc:
        raise ValidationError({"status_note": exc.code}) from None
    Writer(session, actor).update(region, values)


def level_history(session: Session, code: str) -> list[AlertLevelChangeView]:
    region = get_region(session, code)
    rows = session.execute(
        select(AlertLevelChange, User.username)
        .outerjoin(User, User.id == AlertLevelChange.created_by)
        .where(AlertLevelChange.region_id == region.id)
        .order_by(AlertLevelChange.created_at.desc(), AlertLevelChange.origin_version.desc())
    ).all()
    return [
        AlertLevelChangeView(c.created_at, name, c.from_level, c.to_level, c.reason)
        for c, name in rows
    ]

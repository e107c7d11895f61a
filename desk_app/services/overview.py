"""The figures of the overview (Ringkasan) tab: counts, the 14-day trend, regions on alert."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from desk_app.formats import WIB, wib_day_bounds
from desk_app.models import Incident, Region, utcnow
from desk_app.models.enums import (
    OPEN_STATUSES,
    SEVERITIES,
    AlertLevel,
    IncidentStatus,
    TaxonomyKind,
)
from desk_app.services.taxonomy import terms

#: WIB is UTC+7 without daylight saving, so SQLite can shift stored UTC times by a constant.
_WIB_SHIFT = "+7 hours"


@dataclass(frozen=True)
class DayCounts:
    """Incidents that occurred on one WIB calendar day, by category code."""

    day: date
    by_category: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_category.values())


@dataclass(frozen=True)
class AlertRegion:
    code: str
    name: str
    level: str


@dataclass(frozen=True)
class Overview:
    #: ``(severity, status) -> count`` over every live incident (not deleted, not merged).
    by_severity_status: dict[tuple[int, str], int]
    #: Category codes in taxonomy order, as the chart stacks them.
    categories: tuple[str, ...]
    #: The last ``days`` WIB days, oldest first, today last.
    daily: tuple[DayCounts, ...]
    #: Regions at Siaga or Awas, Awas first, then by code.
    regions_on_alert: tuple[AlertRegion, ...]
    #: Incidents that occurred in the 24 hours before ``as_of``.
    last_24h: int
    as_of: datetime

    def count(self, *, severity: int | None = None, status: str | None = None) -> int:
        return sum(
            n
            for (sev, st), n in self.by_severity_status.items()
            if (severity is None or sev == severity) and (status is None or st == status)
        )

    @property
    def total(self) -> int:
        return self.count()

    @property
    def open_total(self) -> int:
        return sum(self.count(status=s.value) for s in OPEN_STATUSES)

    @property
    def open_by_severity(self) -> tuple[int, ...]:
        return tuple(
            sum(self.count(severity=sev, status=s.value) for s in OPEN_STATUSES)
            for sev in SEVERITIES
        )


def _live() -> list[ColumnElement[bool]]:
    return [Incident.deleted.is_(False), Incident.merged_into.is_(None)]


def overview(session: Session, *, now: datetime | None = None, days: int = 14) -> Overview:
    """Everything the Ringkasan tab shows, in four grouped queries."""
    now = now or utcnow()
    today = now.astimezone(WIB).date()
    first_day = today - timedelta(days=days - 1)
    start, _ = wib_day_bounds(first_day)
    _, end = wib_day_bounds(today)

    matrix: dict[tuple[int, str], int] = {}
    for severity, status, count in session.execute(
        select(Incident.severity, Incident.status, func.count())
        .where(*_live())
        .group_by(Incident.severity, Incident.status)
    ):
        matrix[(int(severity), str(status))] = int(count)

    categories = tuple(t.code for t in terms(session, TaxonomyKind.INCIDENT_CATEGORY))
    per_day: dict[date, dict[str, int]] = {
        first_day + timedelta(days=i): dict.fromkeys(categories, 0) for i in range(days)
    }
    # Stored times are naive UTC; shifting by +7 h gives the WIB calendar day.
    wib_day = func.date(Incident.occurred_at, _WIB_SHIFT)
    stmt = (
        select(wib_day, Incident.category, func.count())
        .where(
            Incident.occurred_at >= start,
            Incident.occurred_at < end,
            *_live(),
        )
        .group_by(wib_day, Incident.category)
    )
    for day_text, category, count in session.execute(stmt):
        bucket = per_day.get(date.fromisoformat(str(day_text)))
        if bucket is None:
            continue
        # A category retired from the taxonomy still counts, under its own code.
        bucket[str(category)] = bucket.get(str(category), 0) + int(count)
    extra = sorted({c for b in per_day.values() for c in b} - set(categories))
    categories = categories + tuple(extra)
    daily = tuple(
        DayCounts(day, {c: counts.get(c, 0) for c in categories})
        for day, counts in sorted(per_day.items())
    )

    last_24h = int(
        session.scalar(
            select(func.count())
            .select_from(Incident)
            .where(Incident.occurred_at >= now - timedelta(hours=24), *_live())
        )
        or 0
    )

    on_alert = [
        AlertRegion(r.code, r.name, r.alert_level)
        for r in session.execute(
            select(Region.code, Region.name, Region.alert_level).where(
                Region.deleted.is_(False),
                Region.alert_level.in_([AlertLevel.SIAGA.value, AlertLevel.AWAS.value]),
            )
        )
    ]
    on_alert.sort(key=lambda r: (-AlertLevel(r.level).rank, r.code))
    return Overview(
        by_severity_status=matrix,
        categories=categories,
        daily=daily,
        regions_on_alert=tuple(on_alert),
        last_24h=last_24h,
        as_of=now,
    )


#: Statuses in the order the overview lists them.
STATUS_ORDER: tuple[str, ...] = tuple(s.value for s in IncidentStatus)

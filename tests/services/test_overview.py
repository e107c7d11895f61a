"""The overview's figures: counts by severity and status, the 14-day trend, regions on alert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desk_app.context import AppContext
from desk_app.services import incidents, overview, regions
from desk_app.services.actor import Actor

NOW = datetime(2024, 11, 20, 3, 0, tzinfo=UTC)  # 10.00 WIB on Wednesday 20 November


def _incident(
    ctx: AppContext, actor: Actor, at: datetime, *, category: str = "HOAKS", severity: int = 2
) -> str:
    with ctx.db.write() as s:
        return incidents.create_incident(
            s,
            actor,
            incidents.IncidentInput(
                title=f"Insiden {at.isoformat()}",
                region_code="33.74",
                category=category,
                severity=severity,
                source_type="MEDSOS",
                occurred_at=at,
                reported_at=NOW,
            ),
        ).id


def test_counts_by_severity_and_status(ctx: AppContext, admin: Actor) -> None:
    _incident(ctx, admin, NOW - timedelta(hours=2), severity=4)
    _incident(ctx, admin, NOW - timedelta(hours=3), severity=4)
    closed = _incident(ctx, admin, NOW - timedelta(days=3), severity=1)
    with ctx.db.write() as s:
        incidents.change_status(s, admin, closed, "tidak_valid", "bukan insiden")
    with ctx.db.read() as s:
        o = overview.overview(s, now=NOW)
    assert o.count(severity=4, status="baru") == 2
    assert o.count(severity=1, status="tidak_valid") == 1
    assert o.total == 3
    assert o.open_total == 2
    assert o.open_by_severity == (0, 0, 0, 2)
    assert o.last_24h == 2


def test_deleted_incidents_are_not_counted(ctx: AppContext, admin: Actor) -> None:
    gone = _incident(ctx, admin, NOW - timedelta(hours=1))
    with ctx.db.write() as s:
        incidents.delete_incident(s, admin, gone)
    with ctx.db.read() as s:
        o = overview.overview(s, now=NOW)
    assert o.total == 0
    assert o.last_24h == 0
    assert sum(d.total for d in o.daily) == 0


def test_daily_trend_uses_wib_days(ctx: AppContext, admin: Actor) -> None:
    # 18.00 UTC on the 19th is 01.00 WIB on the 20th: it belongs to "today".
    _incident(ctx, admin, datetime(2024, 11, 19, 18, 0, tzinfo=UTC), category="KAMTIB")
    # 16.00 UTC on the 19th is 23.00 WIB on the 19th.
    _incident(ctx, admin, datetime(2024, 11, 19, 16, 0, tzinfo=UTC), category="HOAKS")
    _incident(ctx, admin, datetime(2024, 11, 19, 15, 0, tzinfo=UTC), category="HOAKS")
    # Older than 14 days: outside the chart.
    _incident(ctx, admin, NOW - timedelta(days=20), category="HOAKS")
    with ctx.db.read() as s:
        o = overview.overview(s, now=NOW)
    assert len(o.daily) == 14
    assert o.daily[-1].day.isoformat() == "2024-11-20"
    assert o.daily[0].day.isoformat() == "2024-11-07"
    assert o.daily[-1].by_category["KAMTIB"] == 1
    assert o.daily[-1].total == 1
    assert o.daily[-2].by_category["HOAKS"] == 2
    assert sum(d.total for d in o.daily) == 3
    assert o.categories[0] == "KAMTIB"
    assert "LAINNYA" in o.categories


def test_regions_on_alert_awas_first(ctx: AppContext, admin: Actor) -> None:
    with ctx.db.write() as s:
        regions.set_alert_level(s, admin, "33.01", "siaga", "bentrok pendukung")
        regions.set_alert_level(s, admin, "33.74", "awas", "kerusuhan")
        regions.set_alert_level(s, admin, "33.02", "waspada", "ketegangan")
    with ctx.db.read() as s:
        o = overview.overview(s, now=NOW)
    assert [(r.code, r.level) for r in o.regions_on_alert] == [
        ("33.74", "awas"),
        ("33.01", "siaga"),
    ]

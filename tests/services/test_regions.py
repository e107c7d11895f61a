from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desk_app.context import AppContext
from desk_app.models import AlertLevelChange
from desk_app.services import incidents, regions
from desk_app.services.actor import Actor
from desk_app.services.errors import PermissionDeniedError, ServiceError, ValidationError


def test_a_coordinator_sets_the_level_with_a_reason(ctx: AppContext, coordinator: Actor) -> None:
    with ctx.db.write() as s:
        regions.set_alert_level(s, coordinator, "33.74", "siaga", "Bentrokan dua kelompok")
    with ctx.db.read() as s:
        row = next(r for r in regions.board(s) if r.code == "33.74")
        history = regions.level_history(s, "33.74")
    assert row.alert_level == "siaga"
    assert [(h.from_level, h.to_level, h.reason, h.by) for h in history] == [
        ("kondusif", "siaga", "Bentrokan dua kelompok", "koordinator")
    ]


def test_an_operator_cannot_and_nothing_is_written(ctx: AppContext, operator: Actor) -> None:
    with pytest.raises(PermissionDeniedError), ctx.db.write() as s:
        regions.set_alert_level(s, operator, "33.74", "awas", "coba")
    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(AlertLevelChange)) == 0
        assert next(r for r in regions.board(s) if r.code == "33.74").alert_level == "kondusif"


@pytest.mark.parametrize(
    ("level", "reason", "expected"),
    [("siaga", "  ", "required"), ("merah", "alasan", "unknown_level")],
)
def test_refused_levels(
    ctx: AppContext, coordinator: Actor, level: str, reason: str, expected: str
) -> None:
    with pytest.raises(ValidationError) as err, ctx.db.write() as s:
        regions.set_alert_level(s, coordinator, "33.74", level, reason)
    assert expected in err.value.errors.values()


def test_same_level_is_refused(ctx: AppContext, coordinator: Actor) -> None:
    with pytest.raises(ServiceError) as err, ctx.db.write() as s:
        regions.set_alert_level(s, coordinator, "33.74", "kondusif", "tetap")
    assert err.value.code == "level_unchanged"


def test_board_counts(ctx: AppContext, coordinator: Actor) -> None:
    now = datetime.now(UTC)
    specs = [(3, now - timedelta(hours=2)), (3, now - timedelta(hours=30)), (1, now)]
    ids = []
    with ctx.db.write() as s:
        for severity, when in specs:
            d = incidents.create_incident(
                s,
                coordinator,
                incidents.IncidentInput(
                    title="Kejadian", region_code="33.11", category="KAMTIB", severity=severity,
                    source_type="APARAT", occurred_at=when, reported_at=when,
                ),
            )  # fmt: skip
            ids.append(d.id)
        incidents.change_status(s, coordinator, ids[2], "tidak_valid", "Bukan kejadian")
    with ctx.db.read() as s:
        board = {r.code: r for r in regions.board(s)}
    row = board["33.11"]
    assert len(board) == 35
    assert row.open_by_severity == (0, 0, 2, 0)
    assert row.last_24h == 2
    assert row.last_incident_at is not None
    assert abs((row.last_incident_at - now).total_seconds()) < 1
    assert board["33.01"].open_total == 0 and board["33.01"].last_incident_at is None

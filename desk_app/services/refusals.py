"""Changes the sync service refused ("Ditolak hub"): what was refused, why, and by whom.

The record itself was put back to the hub's state when the refusal came back; the values
this workstation had are kept in ``sync_refusal`` (on this workstation only). A person
sees the refusals of their own changes; administrators see every one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from desk_app.models import SyncRefusal, User
from desk_app.models.enums import Role
from desk_app.services.actor import Actor
from desk_app.services.conflicts import record_label


@dataclass(frozen=True)
class RefusalRow:
    id: int
    table_name: str
    record_id: str
    record_label: str
    field: str | None
    rule: str
    params: dict[str, Any]
    author: str | None
    refused_at: datetime


def _visible(actor: Actor) -> Any:
    if actor.role is Role.ADMIN:
        return true()
    return SyncRefusal.author_id == actor.user_id


def list_refusals(session: Session, actor: Actor, *, limit: int = 500) -> list[RefusalRow]:
    stmt = (
        select(SyncRefusal)
        .where(_visible(actor))
        .order_by(SyncRefusal.refused_at.desc(), SyncRefusal.id.desc())
        .limit(limit)
    )
    names = {u.id: u.username for u in session.scalars(select(User)).all()}
    rows = []
    for r in session.scalars(stmt).all():
        refused_at = r.refused_at if r.refused_at.tzinfo else r.refused_at.replace(tzinfo=UTC)
        rows.append(
            RefusalRow(
                id=r.id,
                table_name=r.table_name,
                record_id=r.record_id,
                record_label=_record_label(session, r),
                field=r.field,
                rule=r.rule,
                params=dict(r.params or {}),
                author=names.get(r.author_id or "", r.author_id),
                refused_at=refused_at,
            )
        )
    return rows


def _record_label(session: Session, r: SyncRefusal) -> str:
    try:
        label = record_label(session, r.table_name, r.record_id)
    except Exception:  # a table this version does not know
        label = r.record_id[:8]
    if label == r.record_id[:8] and r.refused_row:
        try:
            row = json.loads(r.refused_row)
        except ValueError:
            return label
        for key in ("ref", "username", "name", "code"):
            if isinstance(row, dict) and row.get(key):
                return str(row[key])
    return label


def count_refusals(session: Session, actor: Actor) -> int:
    return int(
        session.scalar(select(func.count()).select_from(SyncRefusal).where(_visible(actor))) or 0
    )

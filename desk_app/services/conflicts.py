"""Sync conflicts a person reviews: list them, keep the winner or restore the other value.

Resolving is an ordinary change made through the ``Writer``: it syncs to every desk like
any other edit, and the conflict record is marked resolved everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, func, select
from sqlalchemy.orm import Session

from desk_app.hlc import Timestamp
from desk_app.models import Base, SyncConflict, User
from desk_app.services.actor import Actor
from desk_app.services.errors import NotFoundError, ServiceError
from desk_app.services.permissions import Action, require
from desk_app.services.records import PERSONAL_MARK, Writer

#: Fields whose values never become conflicts, are never shown and never restored.
SECRET_FIELDS: dict[str, frozenset[str]] = {"user_account": frozenset({"password_hash"})}
#: What a conflict shows instead of a secret.
SECRET_MARK = "[rahasia]"
#: Who may restore a value of a record of these tables (besides RESOLVE_CONFLICTS).
TABLE_ACTIONS: dict[str, Action] = {
    "user_account": Action.MANAGE_USERS,
    "taxonomy_term": Action.MANAGE_TAXONOMIES,
    "election": Action.EDIT_ELECTION,
    "region": Action.SET_ALERT_LEVEL,
    "contact": Action.EDIT_CONTACT,
}


def is_secret(table: str, field: str) -> bool:
    return field in SECRET_FIELDS.get(table, frozenset())


def personal_fields(table: str) -> frozenset[str]:
    try:
        return frozenset(getattr(_model(table), "__personal__", frozenset()))
    except NotFoundError:
        return frozenset()


KEEP_WINNER = "winner"
KEEP_OTHER = "other"


@dataclass(frozen=True)
class ConflictRow:
    id: str
    table_name: str
    record_id: str
    #: What a person recognises the record by (an incident's ref and title, a name).
    record_label: str
    field: str
    winner_value: Any
    winner_by: str
    winner_at: datetime | None
    loser_value: Any
    loser_by: str
    loser_at: datetime | None
    resolved: bool
    resolution: str


def _model(table: str) -> type[Base]:
    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == table:
            return mapper.class_
    raise NotFoundError("table", table)


def _when(version: str) -> datetime | None:
    try:
        millis = Timestamp.decode(version).millis
    except ValueError:
        return None
    return datetime.fromtimestamp(millis / 1000, UTC) if millis else None


def to_python(model: type[Base], field: str, raw: Any) -> Any:
    """A value as SQLite stores it (and the hub carries it), as the model's type."""
    if raw is None:
        return None
    column = model.__table__.columns.get(field)
    if column is None:
        return raw
    kind = column.type
    if (
        isinstance(kind, DateTime)
        or getattr(kind, "impl", None) is DateTime
        or (isinstance(getattr(kind, "impl", None), DateTime))
    ):
        value = datetime.fromisoformat(str(raw))
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value
    if isinstance(kind, Date):
        return date.fromisoformat(str(raw))
    if isinstance(kind, Boolean):
        return bool(raw)
    if kind.__class__.__name__ == "JSON" and isinstance(raw, str):
        return json.loads(raw)
    return raw


def record_label(session: Session, table: str, record_id: str) -> str:
    """What a person recognises a record by (an incident's ref and title, a name)."""
    model = _model(table)
    row = session.get(model, record_id)
    if row is None:
        return record_id[:8]
    for attrs in (("ref", "title"), ("name",), ("username",), ("code",), ("key",)):
        if all(hasattr(row, a) for a in attrs):
            return " — ".join(str(getattr(row, a)) for a in attrs)
    return record_id[:8]


def _display(model: type[Base], field: str, raw: Any) -> Any:
    if field == "deleted" and isinstance(raw, dict):
        return {f: to_python(model, f, v) for f, v in raw.items()}
    return to_python(model, field, raw)


def _shown(table: str, field: str, value: Any, actor: Actor | None) -> Any:
    """A conflict's value as this person may see it: secrets never, personal data only
    for the roles allowed to see it."""
    if is_secret(table, field):
        return SECRET_MARK
    personal = personal_fields(table)
    hidden = actor is None or not actor.sees_personal_data
    if hidden and field in personal and value not in (None, "", [], {}):
        return PERSONAL_MARK
    if hidden and field == "deleted" and isinstance(value, dict):
        return {
            f: (PERSONAL_MARK if f in personal and v not in (None, "", [], {}) else v)
            for f, v in value.items()
        }
    return value


def _row(
    session: Session, c: SyncConflict, names: dict[str | None, str], actor: Actor | None = None
) -> ConflictRow:
    model = _model(c.table_name)
    return ConflictRow(
        id=c.id,
        table_name=c.table_name,
        record_id=c.record_id,
        record_label=record_label(session, c.table_name, c.record_id),
        field=c.field,
        winner_value=_shown(c.table_name, c.field, _display(model, c.field, c.winner_value), actor),
        winner_by=names.get(c.winner_by, "-"),
        winner_at=_when(c.winner_version),
        loser_value=_shown(c.table_name, c.field, _display(model, c.field, c.loser_value), actor),
        loser_by=names.get(c.loser_by, "-"),
        loser_at=_when(c.loser_version),
        resolved=c.resolved,
        resolution=c.resolution,
    )


def list_conflicts(
    session: Session, actor: Actor | None = None, *, include_resolved: bool = False
) -> list[ConflictRow]:
    """Conflicts as ``actor`` may see them (personal data masked for roles that may not
    see it, secrets never shown)."""
    stmt = select(SyncConflict).where(SyncConflict.deleted.is_(False))
    if not include_resolved:
        stmt = stmt.where(SyncConflict.resolved.is_(False))
    conflicts = session.scalars(stmt.order_by(SyncConflict.created_at.desc())).all()
    names: dict[str | None, str] = {u.id: u.username for u in session.scalars(select(User)).all()}
    return [_row(session, c, names, actor) for c in conflicts]


def count_open(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(SyncConflict)
            .where(SyncConflict.resolved.is_(False), SyncConflict.deleted.is_(False))
        )
        or 0
    )


def resolve_conflict(session: Session, actor: Actor, conflict_id: str, keep: str) -> ConflictRow:
    """Keep the winning value, or restore the other one (for a delete that raced an edit,
    "other" brings the record back). Either way the choice is a new, synced change."""
    require(actor, Action.RESOLVE_CONFLICTS)
    if keep not in (KEEP_WINNER, KEEP_OTHER):
        raise ServiceError(f"keep must be winner or other, not {keep!r}", code="invalid")
    conflict = session.get(SyncConflict, conflict_id)
    if conflict is None:
        raise NotFoundError("conflict", conflict_id)
    writer = Writer(session, actor)
    if (
        keep == KEEP_WINNER
        and conflict.field != "deleted"
        and not is_secret(conflict.table_name, conflict.field)
    ):
        # Keeping the winner is a decision about the field too: it takes this
        # operation's version, so that two desks deciding opposite ways converge on
        # whichever decided last, the record and the conflict row alike.
        model = _model(conflict.table_name)
        record = session.get(model, conflict.record_id)
        if record is not None:
            action = TABLE_ACTIONS.get(conflict.table_name)
            if action is not None:
                require(actor, action)
            writer.update(
                record,
                {conflict.field: getattr(record, conflict.field)},
                restamp=frozenset({conflict.field}),
            )
    if keep == KEEP_OTHER:
        if is_secret(conflict.table_name, conflict.field):
            raise ServiceError("a secret is never restored", code="conflict_secret")
        action = TABLE_ACTIONS.get(conflict.table_name)
        if action is not None:
            # Restoring a value is a change to that record: the same rule as any change.
            require(actor, action)
        model = _model(conflict.table_name)
        record = session.get(model, conflict.record_id)
        if record is None:
            raise NotFoundError(conflict.table_name, conflict.record_id)
        if conflict.field == "deleted":
            values: dict[str, Any] = {"deleted": False}
            if isinstance(conflict.loser_value, dict):
                values |= {
                    f: to_python(model, f, v)
                    for f, v in conflict.loser_value.items()
                    if f in model.__table__.columns
                }
        else:
            values = {conflict.field: to_python(model, conflict.field, conflict.loser_value)}
        writer.update(record, values)
    writer.update(conflict, {"resolved": True, "resolution": keep})
    names: dict[str | None, str] = {u.id: u.username for u in session.scalars(select(User)).all()}
    return _row(session, conflict, names, actor)


def erase_personal_data(session: Session, actor: Actor, table: str, record_id: str) -> int:
    """Blank the personal-data values kept in the conflicts of one record (when that
    person's data is erased): the change syncs, so it reaches the hub and every desk."""
    personal = personal_fields(table)
    if not personal:
        return 0
    writer = Writer(session, actor)
    changed = 0
    stmt = select(SyncConflict).where(
        SyncConflict.table_name == table, SyncConflict.record_id == record_id
    )
    for conflict in session.scalars(stmt).all():
        if conflict.field in personal:
            values: dict[str, Any] = {"winner_value": None, "loser_value": None}
        elif conflict.field == "deleted":
            values = {
                name: {f: v for f, v in value.items() if f not in personal}
                if isinstance(value, dict)
                else value
                for name, value in (
                    ("winner_value", conflict.winner_value),
                    ("loser_value", conflict.loser_value),
                )
            }
        else:
            continue
        if writer.update(conflict, values):
            changed += 1
    return changed

"""Reading the audit log: who changed which record, when, each field from what to what.

The log is append-only: nothing here (or anywhere in the app) edits or deletes it. Rows
are read a page at a time for the viewer and streamed for exports.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, String, cast, func, or_, select
from sqlalchemy.orm import Session

from desk_app.models import AuditEntry, User
from desk_app.services.export import write_csv, write_xlsx


@dataclass(frozen=True)
class AuditFilter:
    user_id: str | None = None
    table_name: str | None = None
    record_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    #: Free text matched against the record id and the changes (field names and values).
    search: str = ""
    action: str | None = None


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class AuditRow:
    id: str
    created_at: datetime
    user_id: str | None
    user_name: str
    action: str
    table_name: str
    record_id: str
    changes: tuple[FieldChange, ...]


def _filtered(stmt: Select[Any], flt: AuditFilter) -> Select[Any]:
    if flt.user_id:
        stmt = stmt.where(AuditEntry.created_by == flt.user_id)
    if flt.table_name:
        stmt = stmt.where(AuditEntry.table_name == flt.table_name)
    if flt.record_id:
        stmt = stmt.where(AuditEntry.record_id == flt.record_id)
    if flt.action:
        stmt = stmt.where(AuditEntry.action == flt.action)
    if flt.since is not None:
        stmt = stmt.where(AuditEntry.created_at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(AuditEntry.created_at < flt.until)
    text = flt.search.strip()
    if text:
        # LIKE with escaping: the search text is data, never a pattern.
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        stmt = stmt.where(
            or_(
                AuditEntry.record_id.like(pattern, escape="\\"),
                cast(AuditEntry.changes, String).like(pattern, escape="\\"),
            )
        )
    return stmt


def _names(session: Session) -> dict[str | None, str]:
    names: dict[str | None, str] = {None: "sistem"}
    for uid, username in session.execute(select(User.id, User.username)):
        names[uid] = username
    return names


def _row(entry: AuditEntry, names: dict[str | None, str]) -> AuditRow:
    changes = tuple(
        FieldChange(field, *[*pair, None, None][:2])
        for field, pair in sorted((entry.changes or {}).items())
    )
    return AuditRow(
        entry.id,
        entry.created_at,
        entry.created_by,
        names.get(entry.created_by, entry.created_by or ""),
        entry.action,
        entry.table_name,
        entry.record_id,
        changes,
    )


def list_entries(
    session: Session, flt: AuditFilter, *, offset: int = 0, limit: int = 200
) -> list[AuditRow]:
    """Newest first."""
    stmt = _filtered(select(AuditEntry), flt).order_by(
        AuditEntry.created_at.desc(), AuditEntry.id.desc()
    )
    names = _names(session)
    return [_row(e, names) for e in session.scalars(stmt.offset(offset).limit(limit))]


def count_entries(session: Session, flt: AuditFilter) -> int:
    return int(session.scalar(_filtered(select(func.count(AuditEntry.id)), flt)) or 0)


def tables(session: Session) -> list[str]:
    """The tables the log mentions, for a filter's choices."""
    return list(session.scalars(select(AuditEntry.table_name).distinct().order_by("table_name")))


def record_history(session: Session, table_name: str, record_id: str) -> list[AuditRow]:
    """Everything that happened to one record, oldest first (for its detail view)."""
    rows = list_entries(
        session, AuditFilter(table_name=table_name, record_id=record_id), limit=100_000
    )
    return list(reversed(rows))


# --- export -----------------------------------------------------------------------------

EXPORT_HEADERS = [
    "waktu_utc",
    "pengguna",
    "aksi",
    "tabel",
    "id_rekaman",
    "kolom",
    "dari",
    "menjadi",
]


def _value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def export_rows(session: Session, flt: AuditFilter, *, page: int = 2000) -> Iterator[list[Any]]:
    """One row per changed field, oldest first; streamed a page at a time."""
    names = _names(session)
    stmt = _filtered(select(AuditEntry), flt).order_by(AuditEntry.created_at, AuditEntry.id)
    offset = 0
    while True:
        batch = list(session.scalars(stmt.offset(offset).limit(page)))
        if not batch:
            return
        for entry in batch:
            row = _row(entry, names)
            stamp = row.created_at.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")
            base = [stamp, row.user_name, row.action, row.table_name, row.record_id]
            if not row.changes:
                yield [*base, "", "", ""]
            for change in row.changes:
                yield [*base, change.field, _value(change.old), _value(change.new)]
        offset += page


def export(session: Session, flt: AuditFilter, path: str | Path) -> int:
    """Write the filtered log to ``path`` (.csv or .xlsx); returns the rows written."""
    path = Path(path)
    rows = export_rows(session, flt)
    if path.suffix.lower() == ".xlsx":
        return write_xlsx(path, EXPORT_HEADERS, rows, sheet_title="Audit")
    return write_csv(path, EXPORT_HEADERS, rows)

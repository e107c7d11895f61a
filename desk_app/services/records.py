"""The one write path for synced rows: stamps versions, bookkeeping and the audit log.

Every service that creates, changes or deletes a synced row goes through a ``Writer``
bound to the caller's session, so that each field carries the hybrid-logical-clock
version of its last change (the sync engine compares them) and every change is audited.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, cast

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from desk_app.hlc import HybridClock, Timestamp, wall_clock_ms
from desk_app.models import AuditEntry, Base, LocalState, utcnow
from desk_app.models.enums import AuditAction
from desk_app.services.actor import Actor

T = TypeVar("T", bound=Base)

#: What the audit log shows instead of a personal-data value.
PERSONAL_MARK = "[data pribadi]"

#: The version of rows every workstation seeds identically (regions, taxonomies).
SEED_VERSION = Timestamp(0, 0, "seed").encode()


_CACHE_KEY = "desk_app.reference_cache"
_CHANGES_KEY = "desk_app.changes"
V = TypeVar("V")


@dataclass(frozen=True)
class Changes:
    """What one unit of work changed: the records (table, id) it created, changed or
    tombstoned, and the tables it wrote. Every view that shows one of these refreshes;
    nobody types a change set by hand."""

    records: frozenset[tuple[str, str]] = frozenset()
    #: Tables written as a whole (a sync pull, a bulk import), beside those in ``records``.
    whole_tables: frozenset[str] = frozenset()

    @classmethod
    def of_tables(cls, tables: Iterable[str]) -> Changes:
        return cls(whole_tables=frozenset(tables))

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(table for table, _ in self.records) | self.whole_tables

    def ids(self, table: str) -> frozenset[str]:
        return frozenset(record_id for name, record_id in self.records if name == table)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.records | other.records, self.whole_tables | other.whole_tables)

    def __bool__(self) -> bool:
        return bool(self.records or self.whole_tables)


def note_change(session: Session, table: str, record_id: str) -> None:
    """Record that this unit of work wrote ``table``'s row ``record_id``."""
    session.info.setdefault(_CHANGES_KEY, set()).add((table, record_id))


def changes_of(session: Session) -> Changes:
    """Everything written through this session so far (by ``Writer`` and ``note_change``)."""
    return Changes(frozenset(session.info.get(_CHANGES_KEY, ())))


@contextmanager
def reference_cache(session: Session) -> Iterator[None]:
    """Within the block, reference data (taxonomy codes, regions by code, this desk's
    state and counters) is read once, not for every row: for bulk work such as an import.
    The cache also holds those rows, which the session's identity map would otherwise let
    go between rows (it keeps unchanged rows only while something else refers to them).
    Only for blocks that do not change taxonomies or regions."""
    session.info[_CACHE_KEY] = {}
    try:
        yield
    finally:
        session.info.pop(_CACHE_KEY, None)


def cached(session: Session, key: Hashable, compute: Callable[[], V]) -> V:
    """``compute()``, once per ``reference_cache`` block (every time outside one)."""
    cache: dict[Hashable, Any] | None = session.info.get(_CACHE_KEY)
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cast(V, cache[key])


def local_state(session: Session) -> LocalState:
    state = cached(session, LocalState, lambda: session.get(LocalState, 1))
    if state is None:
        raise RuntimeError("workstation not initialised (run setup first)")
    return state


def clock_offset_ms(session: Session) -> int:
    """The sync service's clock minus this computer's, as last measured (0 without a
    hub): versions are stamped from the corrected clock, so a computer whose clock is
    wrong cannot make its edits win or lose against everyone else's."""
    return cached(
        session,
        "clock_offset_ms",
        lambda: int(
            session.execute(text("SELECT clock_offset_ms FROM sync_state WHERE id = 1")).scalar()
            or 0
        ),
    )


def clock_for(session: Session) -> HybridClock:
    state = local_state(session)
    last = Timestamp.decode(state.hlc) if state.hlc else None
    offset = clock_offset_ms(session)
    if offset:
        return HybridClock(state.site_id, last, now_ms=lambda: wall_clock_ms() + offset)
    return HybridClock(state.site_id, last)


def save_clock(session: Session, clock: HybridClock) -> None:
    local_state(session).hlc = clock.last.encode()


def jsonable(value: Any) -> Any:
    """A value as it is written to the audit log and sent to the hub."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def data_fields(model: type[Base]) -> list[str]:
    """Columns of a synced model that carry data (versioned, audited, conflicted)."""
    bookkeeping: frozenset[str] = getattr(model, "__bookkeeping__", frozenset())
    return [c.key for c in inspect(model).column_attrs if c.key not in bookkeeping]


class Writer:
    """Writes on behalf of one actor, within the caller's transaction.

    All changes made through one writer share one clock tick: they are one operation.
    """

    def __init__(self, session: Session, actor: Actor | None) -> None:
        self.session = session
        self.actor = actor
        self._version: str | None = None

    @property
    def user_id(self) -> str | None:
        return self.actor.user_id if self.actor else None

    @property
    def version(self) -> str:
        if self._version is None:
            clock = clock_for(self.session)
            self._version = clock.tick().encode()
            save_clock(self.session, clock)
        return self._version

    def create(self, model: type[T], **values: Any) -> T:
        now = utcnow()
        row = model(**values)
        meta: dict[str, Any] = {
            "created_at": now,
            "created_by": self.user_id,
            "origin_version": self.version,
        }
        if not getattr(model, "__append_only__", False):
            meta |= {
                "updated_at": now,
                "updated_by": self.user_id,
                "versions": {},
                "deleted": values.get("deleted", False),
            }
        for key, value in meta.items():
            setattr(row, key, value)
        self.session.add(row)
        self.session.flush()
        self.audit(
            AuditAction.CREATE,
            row,
            {f: [None, jsonable(getattr(row, f))] for f in data_fields(model)},
        )
        return row

    def update(
        self, row: Base, values: dict[str, Any], *, restamp: frozenset[str] = frozenset()
    ) -> dict[str, list[Any]]:
        """Apply changed values only; return ``{field: [old, new]}`` of what changed.

        Fields in ``restamp`` take this operation's version even when their value stays:
        a decision about them (resolving a conflict) must order with the rest of it."""
        if getattr(row, "__append_only__", False):
            raise TypeError(f"{type(row).__name__} rows are append-only")
        changes: dict[str, list[Any]] = {}
        versions = dict(row.versions or {})  # type: ignore[attr-defined]
        # No flush until the row is complete: reading the clock queries the database,
        # and an autoflush there wrote the row twice (two outbox entries, two UPDATEs).
        with self.session.no_autoflush:
            for field, new in values.items():
                old = getattr(row, field)
                if old == new and field not in restamp:
                    continue
                setattr(row, field, new)
                versions[field] = self.version
                changes[field] = [jsonable(old), jsonable(new)]
        if changes:
            row.versions = versions  # type: ignore[attr-defined]
            row.updated_at = utcnow()  # type: ignore[attr-defined]
            row.updated_by = self.user_id  # type: ignore[attr-defined]
            action = AuditAction.DELETE if changes.keys() == {"deleted"} else AuditAction.UPDATE
            self.audit(action, row, changes)
            self.session.flush()
        return changes

    def delete(self, row: Base) -> None:
        """Tombstone a row: it stays for sync and history, and leaves every view."""
        self.update(row, {"deleted": True})

    def audit(self, action: AuditAction, row: Base, changes: dict[str, list[Any]]) -> None:
        # Personal data stays out of the append-only log, so that erasing a person's
        # data (UU PDP) erases it everywhere: the log records that it changed, not to what.
        personal: frozenset[str] = getattr(row, "__personal__", frozenset())
        changes = {
            field: [PERSONAL_MARK if v not in (None, "", [], {}) else v for v in pair]
            if field in personal
            else pair
            for field, pair in changes.items()
        }
        entry = AuditEntry(
            action=action.value,
            table_name=row.__tablename__,
            record_id=row.id,  # type: ignore[attr-defined]
            changes=changes,
            created_at=utcnow(),
            created_by=self.user_id,
            origin_version=self.version,
        )
        self.session.add(entry)
        note_change(self.session, row.__tablename__, row.id)  # type: ignore[attr-defined]

    @property
    def changes(self) -> Changes:
        """What this writer's unit of work has changed so far."""
        return changes_of(self.session)


def get_live(session: Session, model: type[T], row_id: str) -> T | None:
    """A row by id unless it is tombstoned."""
    row = session.get(model, row_id)
    if row is None or getattr(row, "deleted", False):
        return None
    return row


def exists(session: Session, model: type[Base], **criteria: Any) -> bool:
    stmt = select(model).filter_by(**criteria).limit(1)
    return session.execute(stmt).first() is not None

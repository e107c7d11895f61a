"""The hub: one database, PostgreSQL or a SQLite file, that orders every change.

The hub keeps the current state of every synced row as one JSON document in
``hub_record`` (a generic table, so a new column or table in the app needs no hub
migration), stamped with the ``server_seq`` of the push that last changed it. Writers
are serialised — on PostgreSQL by the ``hub_state`` row every writer takes (and
``pg_advisory_xact_lock`` among those of ``writing()``), ``BEGIN IMMEDIATE`` on SQLite —
so transactions commit in ``seq`` order and a reader's cursor never passes a number whose
transaction is still open (see docs/sync.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import operator
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Column,
    Connection,
    DateTime,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    any_,
    bindparam,
    create_engine,
    func,
    select,
    text,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url

from desk_app.db import make_engine
from desk_app.hlc import wall_clock_ms
from desk_app.sync.errors import (
    BlobHashError,
    HubNotInitialisedError,
    HubUnavailableError,
    SyncError,
)
from desk_app.sync.merge import (
    Conflict,
    Row,
    data_fields,
    field_version,
    find_conflicts,
    merge_rows,
)
from desk_app.sync.protocol import (
    PROTOCOL,
    Change,
    HubInfo,
    HubStatus,
    PushResult,
    Refused,
    from_json,
    hub_version,
    push_result,
    push_result_json,
    raw_now,
    to_json,
    unique_rename,
)

log = logging.getLogger(__name__)

#: Up to this many rows a push writes with one statement; more go through COPY.
SMALL_UPSERT = 200

#: The advisory-lock key every writer of a PostgreSQL hub takes ("desk" in ASCII).
DESK_LOCK_KEY = 0x6465736B
#: Rows whose natural key must stay unique across workstations, and that key.
UNIQUE_KEYS = {"incident": "ref", "user_account": "username"}

Fault = Callable[[str], None]
_PG_CLOCK_MS = "SELECT extract(epoch FROM clock_timestamp()) * 1000"

metadata = MetaData()
hub_meta = Table(
    "hub_meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
hub_state = Table(
    "hub_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("seq", BigInteger, nullable=False),
    # A random token rewritten by every push; a restored hub lacks the later ones.
    Column("stamp", String(36), nullable=False),
)
hub_record = Table(
    "hub_record",
    metadata,
    Column("tbl", String(40), primary_key=True),
    Column("id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    # The site whose pushed state this is, verbatim; that site need not pull it back.
    Column("pushed_by", String(36)),
    Column("ukey", String(300)),
    Column("data", Text, nullable=False),
    UniqueConstraint("tbl", "ukey", name="uq_hub_record_tbl_ukey"),
    Index("ix_hub_record_seq", "seq"),
)
hub_batch = Table(
    "hub_batch",
    metadata,
    Column("batch_id", String(36), primary_key=True),
    Column("site_id", String(36), nullable=False),
    Column("result", Text, nullable=False),
    Column("stamp", String(36), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
)
hub_blob = Table(
    "hub_blob",
    metadata,
    # Attachment files by content: a row naming a file is pushed only after its file.
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    # Sniffed from the content when it arrived (PNG, JPEG, GIF, WEBP or PDF only).
    Column("media_type", String(40), nullable=False, server_default=""),
    Column("data", LargeBinary, nullable=False),
)
hub_site = Table(
    "hub_site",
    metadata,
    Column("site_id", String(36), primary_key=True),
    Column("workstation_code", String(8), nullable=False),
    Column("schema_revision", String(40), nullable=False),
    Column("last_seen", DateTime, nullable=False),
)
hub_workstation = Table(
    "hub_workstation",
    metadata,
    # A workstation enrolled by an administrator: only these push and pull.
    Column("id", String(36), primary_key=True),
    Column("site_id", String(36), nullable=False, unique=True),
    Column("workstation_code", String(8), nullable=False),
    # SHA-256 of the workstation's credential; the credential itself is never stored.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("enrolled_by", String(36), nullable=False),
    Column("enrolled_at", DateTime, nullable=False),
    Column("revoked_at", DateTime),
    Column("revoked_by", String(36)),
    # The site ids this workstation had before it was restored (a new incarnation).
    Column("formerly", Text, nullable=False, default=""),
)
hub_session = Table(
    "hub_session",
    metadata,
    # A person signed in to the service on one workstation.
    Column("token_hash", String(64), primary_key=True),
    Column("workstation_id", String(36), nullable=False, index=True),
    Column("user_id", String(36), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("ended_at", DateTime),
)


#: Checks one change inside the push transaction: ``(table, hub's document or None,
#: document as it would be stored, the change, the batch's view)``; a refusal or None.
Check = Callable[[str, "Row | None", "Row", Change, "BatchView"], "Refused | None"]


@dataclass(frozen=True)
class _Merged:
    """A batch merged: the rows to write (``seq`` the last number they take) and the
    answer's parts."""

    upserts: list[dict[str, Any]]
    seq: int
    applied: int
    conflicts: int
    refused: tuple[Refused, ...]
    corrected: tuple[tuple[str, Row], ...]
    #: ``(table, id)`` of the records the hub did not hold when the batch was merged.
    created: frozenset[tuple[str, str]] = frozenset()

    def renumbered(self, start: int, seq_now: int) -> _Merged:
        """The same merge numbered from ``seq_now`` instead of ``start``."""
        shift = seq_now - start
        if not shift:
            return self
        return replace(
            self,
            upserts=[{**u, "seq": u["seq"] + shift} for u in self.upserts],
            seq=self.seq + shift,
        )

    def result(self, stamp: str) -> PushResult:
        return PushResult(
            self.applied,
            self.conflicts,
            self.seq,
            stamp,
            refused=self.refused,
            corrected=self.corrected,
        )


@dataclass(frozen=True)
class PreparedPush:
    """A batch merged and checked on the hub's state at ``seq``, not written yet
    (``Hub.prepare``); ``replayed`` is the stored answer of a batch stored before."""

    site_id: str
    batch_id: str
    changes: Sequence[Change]
    check: Check | None
    reads: HubReads | None
    seq: int
    merged: _Merged | None
    replayed: PushResult | None = None


#: Not read yet (None: read, and absent).
_UNREAD: Any = object()


_RECORD_COLUMNS = ("tbl", "id", "seq", "pushed_by", "ukey", "data")
#: The records of a batch as rows, from one array parameter per column (``_record_arrays``).
_RECORD_ARRAYS = (
    "SELECT * FROM unnest(%(r_tbl)s::text[], %(r_id)s::text[], %(r_seq)s::bigint[], "
    "%(r_pushed_by)s::text[], %(r_ukey)s::text[], %(r_data)s::text[])"
)


def _record_arrays(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """One array parameter per column of ``_RECORD_ARRAYS``, each record once (its
    latest state: one statement may not hit a row twice)."""
    latest = {(r["tbl"], r["id"]): r for r in rows}.values()
    return {f"r_{c}": [r[c] for r in latest] for c in _RECORD_COLUMNS}


#: One statement that writes a batch merged at ``seq = %(start)s`` if the hub is still
#: there: the state row's update waits for the writer before it and then finds ``seq``
#: moved (nothing is written), or takes the row and the records and batch follow (the
#: batch after the records: its condition counts them). It returns when the row was
#: taken and when the last write was done.
#: PostgreSQL: the documents of some ids, and the holders of some unique keys, one index
#: lookup per value whatever the planner believes. With ``= ANY(array)`` it scanned every
#: row of the table when its statistics were older than a large push (a fresh hub taking
#: 100,000 incidents: each batch's reads grew with the table, to 5 ms a query). Only the
#: values found come back (``OFFSET 0`` keeps the lookup from being done twice).
_BY_ID = """
SELECT id, data FROM (
    SELECT k.id, (SELECT r.data FROM hub_record r WHERE r.tbl = %(tbl)s AND r.id = k.id)
    FROM unnest(%(keys)s::text[]) AS k(id) OFFSET 0
) AS found (id, data) WHERE data IS NOT NULL
"""
_BY_UKEY = """
SELECT ukey, id FROM (
    SELECT k.ukey, (SELECT r.id FROM hub_record r WHERE r.tbl = %(tbl)s AND r.ukey = k.ukey)
    FROM unnest(%(keys)s::text[]) AS k(ukey) OFFSET 0
) AS found (ukey, id) WHERE id IS NOT NULL
"""
_WRITE_IF_AT = f"""
WITH state AS (
    UPDATE hub_state SET seq = %(seq)s, stamp = %(stamp)s
    WHERE id = 1 AND seq = %(start)s
    RETURNING clock_timestamp() AS locked_at
), records AS (
    INSERT INTO hub_record ({", ".join(_RECORD_COLUMNS)})
    {_RECORD_ARRAYS}
    WHERE EXISTS (SELECT 1 FROM state)
    ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, pushed_by = excluded.pushed_by,
        ukey = excluded.ukey, data = excluded.data
    RETURNING 1
), batch AS (
    INSERT INTO hub_batch (batch_id, site_id, result, stamp, created_at)
    SELECT %(batch_id)s, %(site_id)s, %(result)s, %(stamp)s, %(created_at)s
    WHERE EXISTS (SELECT 1 FROM state) AND (SELECT count(*) FROM records) >= 0
    RETURNING clock_timestamp() AS written_at
)
SELECT (SELECT locked_at FROM state), (SELECT written_at FROM batch)
"""


class HubReads:
    """What a push reads of the hub, kept so that it can be read before the writer lock
    is taken and brought up to date under it.

    A push reads its records, the holders of their unique keys, and what the checks look
    up (accounts, taxonomy terms, settings, attachment files). ``Hub.push`` reads all of
    it once on a plain connection, before the lock; under the lock ``catch_up`` reads only
    the documents stamped since (``seq`` above the one read first: every write to
    ``hub_record`` takes a new ``seq``) and applies them. What was not read before is read
    under the lock, so the answers are always the hub's state under the lock.
    """

    #: More documents than this stamped since the first read: read afresh instead.
    CATCH_UP_LIMIT = 20000

    def __init__(self, hub: Hub, conn: Connection, seq: int) -> None:
        self._hub = hub
        self.conn = conn
        #: The ``seq`` the reads are up to date with.
        self.seq = seq
        self._forget()

    def _forget(self) -> None:
        self._docs: dict[tuple[str, str], Row | None] = {}
        #: ``{table: {unique key: id}}`` of the keys asked about (absent: no holder).
        self._holders: dict[str, dict[Any, str]] = {}
        self._asked_keys: dict[str, set[Any]] = {}
        self._blobs: dict[str, str] = {}
        self._tables: dict[str, dict[str, Row]] = {}
        #: A file was asked about and not found: it may arrive before the lock.
        self._blob_missing = False

    def current(self, table: str, ids: Sequence[str]) -> dict[str, Row]:
        missing = [i for i in dict.fromkeys(ids) if (table, i) not in self._docs]
        if missing:
            found = self._hub._current(self.conn, table, missing)
            for record_id in missing:
                self._docs[(table, record_id)] = found.get(record_id)
        return {i: doc for i in ids if (doc := self._docs[(table, i)]) is not None}

    def get(self, table: str, record_id: str) -> Row | None:
        doc = self._docs.get((table, record_id), _UNREAD)
        if doc is _UNREAD:
            return self.current(table, [record_id]).get(record_id)
        return doc

    def holders(self, table: str, keys: Sequence[Any]) -> dict[Any, str]:
        asked = self._asked_keys.setdefault(table, set())
        known = self._holders.setdefault(table, {})
        missing = [k for k in keys if k is not None and k not in asked]
        if missing:
            known.update(self._hub._holders(self.conn, table, missing))
            asked.update(missing)
        return {k: known[k] for k in keys if k in known}

    def blob_type(self, sha256: str) -> str | None:
        if sha256 not in self._blobs:
            found = self.conn.execute(
                select(hub_blob.c.media_type).where(hub_blob.c.sha256 == sha256)
            ).first()
            if found is None:
                self._blob_missing = True  # the file may arrive before the lock is taken
                return None
            self._blobs[sha256] = str(found[0])
        return self._blobs[sha256]

    def documents(self, table: str) -> list[Row]:
        """Every document of a small table (accounts)."""
        if table not in self._tables:
            self._tables[table] = {d["id"]: d for d in self._hub.documents(self.conn, table)}
        return list(self._tables[table].values())

    @property
    def blob_missing(self) -> bool:
        """A file was asked about and not found (it may arrive before the write)."""
        return self._blob_missing

    def catch_up(self, conn: Connection, seq: int) -> bool:
        """Continue on ``conn`` (the writer's), whose state is at ``seq``. True when
        nothing read so far has changed (and no file asked about was missing).

        The records stamped since are listed by id and unique key; only those the merge
        read are fetched again (a batch of 5,000 stored meanwhile by another request of
        the same workstation shares no record with this one)."""
        self.conn = conn
        unchanged = not self._blob_missing
        self._blob_missing = False
        if seq == self.seq:
            return unchanged
        stamped = conn.execute(
            select(hub_record.c.tbl, hub_record.c.id, hub_record.c.ukey)
            .where(hub_record.c.seq > self.seq)
            .limit(self.CATCH_UP_LIMIT + 1)
        ).all()
        self.seq = seq
        if len(stamped) > self.CATCH_UP_LIMIT:
            self._forget()
            return False
        again: dict[str, list[str]] = {}
        holder_keys = {
            table: {holder: key for key, holder in known.items()}
            for table, known in self._holders.items()
        }
        for table, record_id, ukey in stamped:
            if (table, record_id) in self._docs or table in self._tables:
                again.setdefault(table, []).append(record_id)
            known = self._holders.get(table)
            if known is not None:
                held = holder_keys[table].pop(record_id, _UNREAD)
                if held is not _UNREAD and known.get(held) == record_id:
                    del known[held]
                    unchanged = False
                if ukey is not None and ukey in self._asked_keys[table]:
                    known[ukey] = record_id
                    holder_keys[table][record_id] = ukey
                    unchanged = False
        for table, ids in again.items():
            unchanged = False
            found = self._hub._current(conn, table, ids)
            for record_id in ids:
                doc = found.get(record_id)
                if (table, record_id) in self._docs:
                    self._docs[(table, record_id)] = doc
                if table in self._tables and doc is not None:
                    self._tables[table][record_id] = doc
        return unchanged


class BatchView:
    """The hub's documents as a batch sees them: what is stored, with the batch's own
    accepted changes applied. The checks read through it (a second demotion in the same
    batch sees the first)."""

    def __init__(self, reads: HubReads) -> None:
        self._reads = reads
        self._docs: dict[tuple[str, str], Row | None] = {}
        self._admins: set[str] | None = None

    def get(self, table: str, record_id: str) -> Row | None:
        doc = self._docs.get((table, record_id), _UNREAD)
        if doc is _UNREAD:
            return self._reads.get(table, record_id)
        return doc

    def put(self, table: str, doc: Row) -> None:
        self._docs[(table, doc["id"])] = doc
        if table == "user_account" and self._admins is not None:
            if is_active_admin(doc):
                self._admins.add(doc["id"])
            else:
                self._admins.discard(doc["id"])

    def blob_type(self, sha256: str) -> str | None:
        """The sniffed media type of a file the hub holds, or None when it has none."""
        return self._reads.blob_type(sha256)

    def active_admin_ids(self) -> set[str]:
        if self._admins is None:
            self._admins = {
                d["id"] for d in self._reads.documents("user_account") if is_active_admin(d)
            }
            for (table, _id), doc in self._docs.items():
                if table == "user_account" and doc is not None:
                    (self._admins.add if is_active_admin(doc) else self._admins.discard)(doc["id"])
        return set(self._admins)


#: Columns that say when and by whom, not what: a difference there alone is no change.
WHEN_AND_WHO = frozenset({"created_at", "created_by", "updated_at", "updated_by"})


def same_content(a: Row, b: Row) -> bool:
    keys = (set(a) | set(b)) - WHEN_AND_WHO
    return all(a.get(k) == b.get(k) for k in keys)


def same_version_other_value(old: Row, new: Row) -> str | None:
    """A data field whose version is the same in both states but whose value is not."""
    for name in data_fields(new):
        if (
            name in old
            and old[name] != new[name]
            and field_version(old, name) == field_version(new, name)
        ):
            return name
    return None


def is_active_admin(doc: Row) -> bool:
    return doc.get("role") == "admin" and bool(doc.get("active")) and not doc.get("deleted")


def redact(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return url


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Hub:
    """A connection to one hub. Keep one per workstation: it pools its connections."""

    #: Times a small batch is merged afresh and tried again when another push committed
    #: since it was read, before it is written under the lock instead.
    OPTIMISTIC_ATTEMPTS = 10

    def __init__(self, url: str | URL, *, connect_timeout: int = 5) -> None:
        self.url = make_url(url)
        self.display_url = self.url.render_as_string(hide_password=True)
        self.is_postgres = self.url.get_backend_name() == "postgresql"
        self.path: Path | None = None
        self.engine: Engine
        if self.is_postgres:
            self.engine = create_engine(
                self.url,
                connect_args={"connect_timeout": connect_timeout},
                pool_pre_ping=True,
                pool_size=2,
            )
        elif self.url.get_backend_name() == "sqlite" and self.url.database:
            self.path = Path(self.url.database).expanduser()
            self.engine = make_engine(self.path)
        else:
            raise SyncError(
                f"not a hub URL: {self.display_url}", code="hub_url", url=self.display_url
            )
        self._writer = self.engine.execution_options(sqlite_immediate=True)
        #: PostgreSQL: write a small batch in one conditional statement (``_write_if_at``)
        #: rather than under the lock taken first.
        self.optimistic = True
        #: When a list: how long each write transaction held the writer lock (seconds).
        self.lock_holds: list[float] | None = None

    def dispose(self) -> None:
        self.engine.dispose()

    # -- connections ------------------------------------------------------------------

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn "cannot reach the hub" into :class:`HubUnavailableError`."""
        try:
            yield
        except (sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
            raise HubUnavailableError(str(exc.orig or exc).strip().splitlines()[0]) from exc
        except sa_exc.DBAPIError as exc:
            if exc.connection_invalidated:
                raise HubUnavailableError(str(exc.orig or exc)) from exc
            raise
        except OSError as exc:
            raise HubUnavailableError(str(exc)) from exc

    def _check_reachable(self, *, create: bool = False) -> None:
        if self.path is not None and not create and not self.path.exists():
            raise HubUnavailableError(f"{self.path} does not exist", url=self.display_url)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        self._check_reachable()
        with self._guard(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def writing(self, *, create: bool = False) -> Iterator[Connection]:
        """A hub transaction holding the desk's writer lock."""
        self._check_reachable(create=create)
        held: float | None = None
        try:
            with self._guard(), self._writer.begin() as conn:
                if self.is_postgres:
                    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": DESK_LOCK_KEY})
                    if not create:
                        # The state row is what a push's single statement takes: hold it
                        # too, so that no push commits under this transaction.
                        conn.execute(
                            select(hub_state.c.id).where(hub_state.c.id == 1).with_for_update()
                        )
                held = time.perf_counter()
                yield conn
        finally:
            if held is not None and self.lock_holds is not None:
                # From the lock taken to the commit or rollback that releases it:
                # measured by the benchmarks.
                self.lock_holds.append(time.perf_counter() - held)

    @contextmanager
    def bookkeeping(self) -> Iterator[Connection]:
        """A write transaction on the service's own tables (workstations, sessions). It
        stamps no document, so it does not take the desk's writer lock on PostgreSQL
        (SQLite has one writer at a time)."""
        self._check_reachable()
        with self._guard(), self._writer.begin() as conn:
            yield conn

    # -- schema -----------------------------------------------------------------------

    def init(self, schema_revision: str, *, new_epoch: bool = False) -> HubInfo:
        """Create the hub's tables (idempotent) and record the app's schema revision.

        ``new_epoch`` gives the hub a new identity, as after a restore from backup, so
        that every client re-downloads in full and re-sends what the hub may lack.
        """
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.writing(create=True) as conn:
            metadata.create_all(conn)
            meta = dict(conn.execute(select(hub_meta.c.key, hub_meta.c.value)).all())
            wanted = {
                "epoch": str(uuid.uuid4()) if new_epoch or "epoch" not in meta else meta["epoch"],
                "protocol": str(PROTOCOL),
                "schema_revision": schema_revision,
            }
            if "created_at" not in meta:
                wanted["created_at"] = raw_now()
            for key, value in wanted.items():
                if key in meta:
                    conn.execute(update(hub_meta).where(hub_meta.c.key == key).values(value=value))
                else:
                    conn.execute(hub_meta.insert().values(key=key, value=value))
            if conn.execute(select(hub_state.c.seq).where(hub_state.c.id == 1)).first() is None:
                conn.execute(hub_state.insert().values(id=1, seq=0, stamp=wanted["epoch"]))
        return self.info()

    def info(self) -> HubInfo:
        """The handshake: who the hub is, before any data moves."""
        with self.reading() as conn:
            try:
                meta = dict(conn.execute(select(hub_meta.c.key, hub_meta.c.value)).all())
                state = conn.execute(
                    select(hub_state.c.seq, hub_state.c.stamp).where(hub_state.c.id == 1)
                ).first()
            except (sa_exc.ProgrammingError, sa_exc.OperationalError) as exc:
                if "does not exist" in str(exc) or "no such table" in str(exc):
                    raise HubNotInitialisedError(self.display_url) from exc
                raise
            if self.is_postgres:
                clock_ms = int(
                    conn.execute(
                        text("SELECT extract(epoch FROM clock_timestamp()) * 1000")
                    ).scalar_one()
                )
            else:
                clock_ms = wall_clock_ms()
            conn.rollback()
        if "epoch" not in meta or state is None:
            raise HubNotInitialisedError(self.display_url)
        return HubInfo(
            epoch=meta["epoch"],
            protocol=int(meta.get("protocol", "0")),
            schema_revision=meta.get("schema_revision", ""),
            seq=int(state.seq),
            stamp=str(state.stamp),
            clock_ms=clock_ms,
        )

    def status(self) -> HubStatus:
        info = self.info()
        with self.reading() as conn:
            counts: dict[Any, Any] = dict(
                conn.execute(
                    select(hub_record.c.tbl, func.count()).group_by(hub_record.c.tbl)
                ).all()
            )
            sites = [
                dict(r._mapping)
                for r in conn.execute(select(hub_site).order_by(hub_site.c.workstation_code))
            ]
            conn.rollback()
        return HubStatus(
            url=self.display_url,
            epoch=info.epoch,
            schema_revision=info.schema_revision,
            protocol=info.protocol,
            seq=info.seq,
            counts={str(k): int(v) for k, v in counts.items()},
            sites=sites,
        )

    def clock_ms(self) -> int:
        """The hub's clock: the database server's on PostgreSQL (one clock for every
        instance of the service), this machine's on SQLite."""
        if not self.is_postgres:
            return wall_clock_ms()
        with self.reading() as conn:
            value = int(conn.execute(text(_PG_CLOCK_MS)).scalar_one())
            conn.rollback()
        return value

    def counts_at(self) -> tuple[int, dict[str, int]]:
        """Rows per table and the ``seq`` they were counted at, read together: counts
        are comparable with a workstation's only when its cursor is at that ``seq``."""
        with self.reading() as conn:
            if self.is_postgres:
                conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
            seq = int(conn.execute(select(hub_state.c.seq).where(hub_state.c.id == 1)).scalar_one())
            rows = conn.execute(
                select(hub_record.c.tbl, func.count()).group_by(hub_record.c.tbl)
            ).all()
            conn.rollback()
        return seq, {str(k): int(v) for k, v in rows}

    def counts(self) -> dict[str, int]:
        """Rows per table, tombstones included (compared with the client's after a sync)."""
        with self.reading() as conn:
            rows = conn.execute(
                select(hub_record.c.tbl, func.count()).group_by(hub_record.c.tbl)
            ).all()
            conn.rollback()
        return {str(k): int(v) for k, v in rows}

    # -- push -------------------------------------------------------------------------

    def push(
        self,
        site_id: str,
        batch_id: str,
        changes: Sequence[Change],
        *,
        workstation_code: str = "",
        schema_revision: str = "",
        fault: Fault | None = None,
        check: Check | None = None,
    ) -> PushResult:
        """Apply one batch in one hub transaction; a batch seen before returns its result.

        ``check`` is asked about every change that would alter what the hub holds; a
        refused change is left out (the rest of the batch goes on) and answered with the
        hub's current document, so that the workstation can revert to it.

        ``prepare`` then ``store``: the service waits between the two for the batch
        before it (``desk_app/hub/order.py``).
        """
        prepared = self.prepare(site_id, batch_id, changes, check=check)
        return self.store(
            prepared,
            workstation_code=workstation_code,
            schema_revision=schema_revision,
            fault=fault,
        )

    def prepare(
        self,
        site_id: str,
        batch_id: str,
        changes: Sequence[Change],
        *,
        check: Check | None = None,
    ) -> PreparedPush:
        """Merge and check a batch on a plain read, which fetches what it needs; nothing
        is written. ``store`` writes it, even after other batches were stored since."""
        with self.reading() as conn:
            stored, seq = self._batch_and_seq(conn, batch_id)
            if stored is not None:
                conn.rollback()
                replayed = push_result(json.loads(stored), replayed=True)
                return PreparedPush(site_id, batch_id, changes, check, None, seq, None, replayed)
            reads = HubReads(self, conn, seq)
            merged = self._merge(reads, site_id, changes, seq, check)
            conn.rollback()
        return PreparedPush(site_id, batch_id, changes, check, reads, seq, merged)

    def store(
        self,
        prepared: PreparedPush,
        *,
        workstation_code: str = "",
        schema_revision: str = "",
        fault: Fault | None = None,
    ) -> PushResult:
        """Write a prepared batch. Under the writer lock only the documents stamped
        since it was merged are read; when none of them is one the merge read, that
        merge stands (renumbered), otherwise it is done again on the documents as they
        are now. The lock is held for a few statements, not for the batch's reads and
        checks. On PostgreSQL a small batch is first tried as one statement that writes
        only if the hub has not moved since (``_write_if_at``); between tries it is
        brought up to date the same way, without the lock.
        """
        if prepared.replayed is not None:
            return prepared.replayed
        assert prepared.reads is not None and prepared.merged is not None
        site_id, batch_id, changes, check = (
            prepared.site_id,
            prepared.batch_id,
            prepared.changes,
            prepared.check,
        )
        reads, start, merged = prepared.reads, prepared.seq, prepared.merged
        attempts = self.OPTIMISTIC_ATTEMPTS if self.is_postgres and self.optimistic else 0
        for _attempt in range(attempts):
            if len(merged.upserts) > SMALL_UPSERT:
                break  # a large batch is written under the lock, through COPY
            if reads.blob_missing:
                # A file the checks asked about was missing and may have arrived since;
                # files take no seq, so only the catch-up under the lock sees it.
                break
            if fault:
                fault("hub_before_lock")
                fault("hub_before_commit")
            stamp = str(uuid.uuid4())
            result = merged.result(stamp)
            if self._write_if_at(start, merged, batch_id, site_id, stamp, result):
                self._seen(site_id, workstation_code, schema_revision)
                return result
            # Another push committed since the read: catch up, still without the lock.
            with self.reading() as conn:
                stored, seq = self._batch_and_seq(conn, batch_id)
                if stored is not None:
                    conn.rollback()
                    return push_result(json.loads(stored), replayed=True)
                if reads.catch_up(conn, seq):
                    merged = merged.renumbered(start, seq)
                else:
                    merged = self._merge(reads, site_id, changes, seq, check)
                start = seq
                conn.rollback()
        if fault:
            fault("hub_before_lock")
        with self.writing() as conn:
            stored, seq = self._batch_and_seq(conn, batch_id)
            if stored is not None:
                return push_result(json.loads(stored), replayed=True)
            if reads.catch_up(conn, seq):
                merged = merged.renumbered(start, seq)
            else:
                merged = self._merge(reads, site_id, changes, seq, check)
            if fault:
                fault("hub_before_commit")
            self._upsert(conn, merged.upserts, created=merged.created)
            stamp = str(uuid.uuid4())
            result = merged.result(stamp)
            self._record_batch(
                conn,
                merged.seq,
                batch_id=batch_id,
                site_id=site_id,
                result=json.dumps(push_result_json(result), separators=(",", ":")),
                stamp=stamp,
                created_at=datetime.now(UTC).replace(tzinfo=None),
            )
        self._seen(site_id, workstation_code, schema_revision)
        return result

    def _write_if_at(
        self,
        start: int,
        merged: _Merged,
        batch_id: str,
        site_id: str,
        stamp: str,
        result: PushResult,
    ) -> bool:
        """PostgreSQL: write a merge made at ``seq == start`` in one statement, which
        commits it if the hub is still at ``start`` and writes nothing otherwise (False).

        The statement takes the hub's state row (the writer lock: every writer takes
        it) and holds it only while PostgreSQL writes; no round trip to this process
        happens under it. Its hold is timed in PostgreSQL's clock.
        """
        params = _record_arrays(merged.upserts)
        params.update(
            start=start,
            seq=merged.seq,
            stamp=stamp,
            batch_id=batch_id,
            site_id=site_id,
            result=json.dumps(push_result_json(result), separators=(",", ":")),
            created_at=datetime.now(UTC).replace(tzinfo=None),
        )
        self._check_reachable()
        try:
            with self._guard(), self.engine.connect() as conn:
                row = (
                    conn.execution_options(isolation_level="AUTOCOMMIT")
                    .exec_driver_sql(_WRITE_IF_AT, params)
                    .one()
                )
        except sa_exc.IntegrityError:
            return False  # the same batch stored meanwhile: answered by its stored result
        locked_at, written_at = row
        if locked_at is None:
            return False
        if self.lock_holds is not None:
            self.lock_holds.append((written_at - locked_at).total_seconds())
        return True

    def _record_batch(self, conn: Connection, seq: int, **batch: Any) -> None:
        """Move the hub to ``seq`` and the batch's stamp, and keep the batch's result
        (on PostgreSQL in one statement)."""
        state = update(hub_state).where(hub_state.c.id == 1).values(seq=seq, stamp=batch["stamp"])
        if self.is_postgres:
            conn.execute(hub_batch.insert().values(**batch).add_cte(state.cte("state")))
        else:
            conn.execute(state)
            conn.execute(hub_batch.insert().values(**batch))

    def batch_stored(self, batch_id: str) -> bool:
        """Whether the hub has stored (committed) the batch ``batch_id``."""
        with self.reading() as conn:
            stored, _seq = self._batch_and_seq(conn, batch_id)
            conn.rollback()
        return stored is not None

    @staticmethod
    def _batch_and_seq(conn: Connection, batch_id: str) -> tuple[str | None, int]:
        """The stored result of ``batch_id`` (None when new) and the hub's ``seq``."""
        row = conn.execute(
            select(
                select(hub_batch.c.result)
                .where(hub_batch.c.batch_id == batch_id)
                .scalar_subquery(),
                hub_state.c.seq,
            ).where(hub_state.c.id == 1)
        ).one()
        return row[0], int(row[1])

    def _merge(
        self,
        reads: HubReads,
        site_id: str,
        changes: Sequence[Change],
        seq: int,
        check: Check | None,
    ) -> _Merged:
        """Merge the batch into the hub's documents as ``reads`` gives them, numbering
        what changes from ``seq``: the rows to write and the answer, nothing written."""
        start = seq
        upserts: list[dict[str, Any]] = []
        conflicts: list[Conflict] = []
        refused: list[Refused] = []
        corrected: dict[tuple[str, str], Row] = {}
        created: set[tuple[str, str]] = set()
        view = BatchView(reads)
        groups: dict[str, list[Change]] = {}
        for change in changes:
            groups.setdefault(change.table, []).append(change)
        # Fields being decided by a conflict's resolution in this batch (the record's
        # field and the conflict row share the operation's version): a decision is
        # not a new conflict.
        deciding = {
            (r.get("table_name"), r.get("record_id"), r.get("field")): (
                r.get("versions") or {}
            ).get("resolution")
            for c in groups.get("sync_conflict", [])
            for r in (c.row,)
        }
        for table, items in groups.items():
            current = reads.current(table, [c.row["id"] for c in items])
            ukey_field = UNIQUE_KEYS.get(table)
            holders = (
                reads.holders(table, [c.row.get(ukey_field) for c in items]) if ukey_field else {}
            )
            for change in items:
                row = change.row
                old = current.get(row["id"])
                found: list[Conflict] = []
                if old is None:
                    merged = row
                elif "versions" not in row:
                    if check and (refusal := check(table, old, row, change, view)):
                        refused.append(refusal)
                    continue  # append-only: inserted once
                else:
                    forged = same_version_other_value(old, row)
                    if forged is not None and check is not None:
                        # The same version with another value: written outside the
                        # app (a real change always takes a new version).
                        refused.append(Refused(table, row["id"], "bad_version", forged, {}, old))
                        continue
                    merged = merge_rows(old, row)
                    found = [
                        c
                        for c in find_conflicts(table, old, row, change.base)
                        if deciding.get((table, c.record_id, c.field)) is None
                        or deciding[(table, c.record_id, c.field)] != field_version(row, c.field)
                    ]
                    if same_content(merged, old) and not found:
                        # Nothing but bookkeeping differs (a seeded row's creation
                        # time, say): not a change.
                        if not same_content(old, row):
                            corrected[(table, row["id"])] = old
                        continue
                if check and (refusal := check(table, old, merged, change, view)):
                    refused.append(refusal)
                    continue
                conflicts.extend(found)
                if old is not None and same_content(merged, old):
                    if not same_content(old, row):
                        corrected[(table, row["id"])] = old
                    continue
                ukey = None
                if ukey_field:
                    ukey = merged.get(ukey_field)
                    holder = holders.get(ukey)
                    if ukey is not None and holder is not None and holder != merged["id"]:
                        merged, ukey = self._rename(table, merged, ukey_field, conflicts)
                    holders[ukey] = merged["id"]
                if merged is not row and not same_content(merged, row):
                    corrected[(table, row["id"])] = merged
                seq += 1
                if old is None:
                    created.add((table, row["id"]))
                current[row["id"]] = merged
                view.put(table, merged)
                upserts.append(
                    {
                        "tbl": table,
                        "id": row["id"],
                        "seq": seq,
                        "pushed_by": site_id if merged is row or merged == row else None,
                        "ukey": ukey,
                        "data": to_json(merged).decode("utf-8"),
                    }
                )
        recorded = reads.current("sync_conflict", [c.id for c in conflicts])
        new_conflicts = 0
        for conflict in conflicts:
            if conflict.id in recorded:
                continue
            seq += 1
            new_conflicts += 1
            created.add(("sync_conflict", conflict.id))
            data = conflict_row(conflict)
            recorded[conflict.id] = data
            upserts.append(
                {
                    "tbl": "sync_conflict",
                    "id": conflict.id,
                    "seq": seq,
                    "pushed_by": None,
                    "ukey": None,
                    "data": to_json(data).decode("utf-8"),
                }
            )
        refused_ids = {(r.table, r.record_id) for r in refused}
        return _Merged(
            upserts,
            seq,
            seq - start - new_conflicts,
            new_conflicts,
            tuple(refused),
            tuple((t, doc) for (t, i), doc in corrected.items() if (t, i) not in refused_ids),
            frozenset(created),
        )

    def documents(self, conn: Connection, table: str) -> list[Row]:
        """Every document of a (small) table: accounts, settings."""
        return [
            json.loads(d)
            for d in conn.execute(select(hub_record.c.data).where(hub_record.c.tbl == table))
            .scalars()
            .all()
        ]

    def document(self, table: str, record_id: str) -> Row | None:
        with self.reading() as conn:
            found = self._current(conn, table, [record_id]).get(record_id)
            conn.rollback()
        return found

    def seed(self, docs: Sequence[tuple[str, Row]]) -> int:
        """Store documents the hub must hold from its start (reference data, its first
        administrator), each only when the hub does not hold it yet. Returns how many."""
        with self.writing() as conn:
            seq = int(conn.execute(select(hub_state.c.seq).where(hub_state.c.id == 1)).scalar_one())
            upserts = []
            by_table: dict[str, list[Row]] = {}
            for table, doc in docs:
                by_table.setdefault(table, []).append(doc)
            for table, items in by_table.items():
                have = self._current(conn, table, [d["id"] for d in items])
                for doc in items:
                    if doc["id"] in have:
                        continue
                    seq += 1
                    key = UNIQUE_KEYS.get(table)
                    upserts.append(
                        {
                            "tbl": table,
                            "id": doc["id"],
                            "seq": seq,
                            "pushed_by": None,
                            "ukey": doc.get(key) if key else None,
                            "data": json.dumps(doc, separators=(",", ":")),
                        }
                    )
            self._upsert(conn, upserts)
            if upserts:
                # The stamp stays: it names states pushes reached (see ``knows``).
                conn.execute(update(hub_state).where(hub_state.c.id == 1).values(seq=seq))
        return len(upserts)

    def knows(self, stamp: str) -> bool:
        """Whether the hub has been through the state ``stamp`` names (a hub restored
        from an older backup has not)."""
        with self.reading() as conn:
            found = conn.execute(
                select(hub_batch.c.batch_id).where(hub_batch.c.stamp == stamp).limit(1)
            ).first()
            epoch = conn.execute(select(hub_meta.c.value).where(hub_meta.c.key == "epoch")).scalar()
            conn.rollback()
        return found is not None or stamp == epoch

    def _among(self, column: Any, values: Sequence[Any]) -> Any:
        """``column IN (values)``; on PostgreSQL one array parameter instead of a bound
        parameter per value (the statement is then the same for every chunk)."""
        if self.is_postgres:
            return column == any_(bindparam("among", list(values), type_=ARRAY(String)))
        return column.in_(values)

    def _current(self, conn: Connection, table: str, ids: Sequence[str]) -> dict[str, Row]:
        pairs = self._lookup(conn, table, hub_record.c.id, hub_record.c.data, _BY_ID, ids)
        return {row_id: from_json(data) for row_id, data in pairs}

    def _holders(self, conn: Connection, table: str, keys: Sequence[Any]) -> dict[Any, str]:
        wanted = sorted({k for k in keys if k is not None})
        return dict(self._lookup(conn, table, hub_record.c.ukey, hub_record.c.id, _BY_UKEY, wanted))

    def _lookup(
        self, conn: Connection, table: str, key: Any, value: Any, by_index: str, keys: Sequence[Any]
    ) -> list[tuple[Any, Any]]:
        """``(key, value)`` of ``table``'s records whose ``key`` column is among ``keys``
        (on PostgreSQL by ``by_index``, one index lookup each)."""
        found: list[tuple[Any, Any]] = []
        for chunk in _chunks(list(keys), 2000):
            if self.is_postgres:
                rows = conn.exec_driver_sql(by_index, {"tbl": table, "keys": list(chunk)})
            else:
                rows = conn.execute(
                    select(key, value).where(hub_record.c.tbl == table, key.in_(chunk))
                )
            found.extend((k, v) for k, v in rows)
        return found

    @staticmethod
    def _rename(table: str, row: Row, key_field: str, conflicts: list[Conflict]) -> tuple[Row, str]:
        """Two records claim one unique key: the newcomer gets a suffixed key, and the
        clash is recorded as a conflict a person can review."""
        taken = row[key_field]
        renamed = unique_rename(taken, row["id"])
        old_version = str((row.get("versions") or {}).get(key_field, row["origin_version"]))
        version = hub_version(
            max(old_version, *(row.get("versions") or {}).values(), row["origin_version"])
        )
        new_row = {**row, key_field: renamed, "versions": {**row["versions"], key_field: version}}
        conflicts.append(
            Conflict(
                table,
                row["id"],
                key_field,
                renamed,
                version,
                None,
                taken,
                old_version,
                row.get("updated_by"),
            )
        )
        return new_row, renamed

    def _upsert(
        self,
        conn: Connection,
        rows: list[dict[str, Any]],
        *,
        created: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        """Write ``rows``; ``created`` names those the hub is known not to hold (merged
        under the writer lock, or caught up under it), which PostgreSQL takes by COPY."""
        if not rows:
            return
        if self.is_postgres:
            if len(rows) > SMALL_UPSERT:
                self._upsert_copy(conn, rows, created)
            else:
                self._upsert_arrays(conn, rows)
            return
        insert = sqlite.insert
        stmt = insert(hub_record)
        stmt = stmt.on_conflict_do_update(
            index_elements=[hub_record.c.tbl, hub_record.c.id],
            set_={
                "seq": stmt.excluded.seq,
                "pushed_by": stmt.excluded.pushed_by,
                "ukey": stmt.excluded.ukey,
                "data": stmt.excluded.data,
            },
        )
        for chunk in _chunks(rows, 5000):
            conn.execute(stmt, list(chunk))

    @staticmethod
    def _upsert_arrays(conn: Connection, rows: list[dict[str, Any]]) -> None:
        """PostgreSQL, a small batch: one statement, each column an array parameter
        (COPY through a temporary table takes four)."""
        conn.exec_driver_sql(
            f"INSERT INTO hub_record ({', '.join(_RECORD_COLUMNS)}) {_RECORD_ARRAYS} "
            "ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, "
            "pushed_by = excluded.pushed_by, ukey = excluded.ukey, data = excluded.data",
            _record_arrays(rows),
        )

    @staticmethod
    def _upsert_copy(
        conn: Connection, rows: list[dict[str, Any]], created: frozenset[tuple[str, str]]
    ) -> None:
        """PostgreSQL: COPY the records the hub does not hold straight into its table;
        COPY the others into a temporary table, then one INSERT … ON CONFLICT. A
        statement per row, even pipelined, took three times as long."""
        latest = {(r["tbl"], r["id"]): r for r in rows}  # one row may not be hit twice
        columns = _RECORD_COLUMNS
        values = operator.itemgetter(*columns)
        new = [r for key, r in latest.items() if key in created]
        changed = [r for key, r in latest.items() if key not in created]
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        if new:
            with cursor.copy(f"COPY hub_record ({', '.join(columns)}) FROM STDIN") as copy:
                for row in new:
                    copy.write_row(values(row))
        if not changed:
            return
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS hub_push_load (tbl text, id text, seq bigint, "
            "pushed_by text, ukey text, data text) ON COMMIT DELETE ROWS"
        )
        with cursor.copy(f"COPY hub_push_load ({', '.join(columns)}) FROM STDIN") as copy:
            for row in changed:
                copy.write_row(values(row))
        cursor.execute(
            f"INSERT INTO hub_record ({', '.join(columns)}) "
            f"SELECT {', '.join(columns)} FROM hub_push_load "
            "ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, "
            "pushed_by = excluded.pushed_by, ukey = excluded.ukey, data = excluded.data"
        )
        cursor.execute("TRUNCATE hub_push_load")

    def _seen(self, site_id: str, code: str, revision: str) -> None:
        """Note when the workstation last pushed (after the push, outside the writer
        lock: it orders nothing)."""
        insert = postgresql.insert if self.is_postgres else sqlite.insert
        values = {
            "site_id": site_id,
            "workstation_code": code,
            "schema_revision": revision,
            "last_seen": datetime.now(UTC).replace(tzinfo=None),
        }
        stmt = insert(hub_site).values(**values)
        with self._guard(), self.engine.begin() as conn:
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[hub_site.c.site_id],
                    set_={k: v for k, v in values.items() if k != "site_id"},
                )
            )

    # -- attachment files ---------------------------------------------------------------

    def blobs_present(self, hashes: Sequence[str]) -> set[str]:
        """Which of ``hashes`` the hub holds (one query per 2,000)."""
        found: set[str] = set()
        wanted = sorted(set(hashes))
        with self.reading() as conn:
            for chunk in _chunks(wanted, 2000):
                found.update(
                    conn.execute(
                        select(hub_blob.c.sha256).where(self._among(hub_blob.c.sha256, chunk))
                    ).scalars()
                )
            conn.rollback()
        return found

    def put_blob(self, sha256: str, data: bytes, media_type: str) -> bool:
        """Store one file, in its own short transaction, after checking its hash (a bad
        one raises :class:`BlobHashError`). False when the hub had it already.

        No writer lock: a file takes no ``seq`` and is never pulled by cursor, so it
        need not wait for pushes, nor they for it. The row naming the file is pushed
        after this returns.
        """
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            log.warning("refused a file whose content does not match its hash %s", sha256)
            raise BlobHashError(sha256, actual)
        insert = postgresql.insert if self.is_postgres else sqlite.insert
        self._check_reachable()
        with self._guard(), self.engine.begin() as conn:
            stored = conn.execute(
                insert(hub_blob)
                .values(sha256=sha256, size=len(data), media_type=media_type, data=data)
                .on_conflict_do_nothing(index_elements=[hub_blob.c.sha256])
                .returning(hub_blob.c.sha256)
            ).scalar()
            return stored is not None

    def get_blob(self, sha256: str) -> bytes | None:
        """One file's content as stored, or None when the hub lacks it (the caller
        checks the hash: what arrives over a network is checked where it lands)."""
        with self.reading() as conn:
            data = conn.execute(select(hub_blob.c.data).where(hub_blob.c.sha256 == sha256)).scalar()
            conn.rollback()
        return None if data is None else bytes(data)

    # -- pull -------------------------------------------------------------------------

    def pull(
        self, site_id: str, after: int, upto: int, limit: int
    ) -> list[tuple[str, str, int, str]]:
        """Rows changed in ``(after, upto]``, in ``seq`` order, without this site's own
        pushes echoed back verbatim. ``upto`` is a committed ``hub_state.seq``: with
        serialised writers every row at or below it is visible."""
        with self.reading() as conn:
            rows = conn.execute(
                select(hub_record.c.tbl, hub_record.c.id, hub_record.c.seq, hub_record.c.data)
                .where(
                    hub_record.c.seq > after,
                    hub_record.c.seq <= upto,
                    (hub_record.c.pushed_by.is_(None)) | (hub_record.c.pushed_by != site_id),
                )
                .order_by(hub_record.c.seq)
                .limit(limit)
            ).all()
            conn.rollback()
        return [(str(t), str(i), int(s), str(d)) for t, i, s, d in rows]


def conflict_row(conflict: Conflict) -> Row:
    """The conflict as a ``sync_conflict`` row, in the wire format of every synced row."""
    now = raw_now()
    return {
        "id": conflict.id,
        "created_at": now,
        "created_by": None,
        "updated_at": now,
        "updated_by": None,
        "deleted": 0,
        "origin_version": hub_version(max(conflict.winner_version, conflict.loser_version)),
        "versions": {},
        "table_name": conflict.table,
        "record_id": conflict.record_id,
        "field": conflict.field,
        "winner_value": json.dumps(conflict.winner_value),
        "winner_version": conflict.winner_version,
        "winner_by": conflict.winner_by,
        "loser_value": json.dumps(conflict.loser_value),
        "loser_version": conflict.loser_version,
        "loser_by": conflict.loser_by,
        "resolved": 0,
        "resolution": "",
    }

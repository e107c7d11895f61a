"""One sync of a workstation with its hub: handshake, push the outbox, pull new rows.

Push sends each captured row's current state with its field versions, batch by batch;
the outbox entries of a batch are cleared only after the hub committed it, and a batch
whose reply was lost is sent again under the same id. Pull applies each page in one short
local write transaction together with the new cursor, with capture silenced.

Attachment files travel beside the rows: before a batch holding attachment rows is
pushed, the files the hub lacks are uploaded; after the pull, files of live attachment
rows that are not here yet are downloaded (every sync, until they arrive).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
import uuid
from collections import deque
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, inspect
from sqlalchemy import exc as sa_exc

from desk_app.config import AppPaths
from desk_app.db import Database, canonical_json, head_revision, known_revisions
from desk_app.hlc import ClockDriftError, HybridClock, Timestamp, wall_clock_ms
from desk_app.models import Base, IncidentAttachment
from desk_app.services.attachments import AttachmentError, BlobStore, is_sha256, sniff
from desk_app.services.storage import storage_error
from desk_app.sync.capture import synced_tables
from desk_app.sync.errors import (
    BlobHashError,
    HubRefusedError,
    HubSchemaNewerError,
    HubSchemaOlderError,
    ProtocolMismatchError,
    PullInterruptedError,
)
from desk_app.sync.merge import Row, base_version, data_fields, field_version, merge_rows
from desk_app.sync.protocol import (
    MAX_AHEAD_MS,
    PROTOCOL,
    SKEW_WARNING_MS,
    Change,
    HubInfo,
    PushResult,
    Refused,
    from_json,
    raw_now,
    unique_rename,
)

if TYPE_CHECKING:
    from desk_app.sync.remote import RemoteHub

log = logging.getLogger(__name__)

#: A batch to send: its id (None when every entry examined waits for a sign-in), its
#: changes, and the last outbox entry examined.
_Batch = tuple[str | None, list[Change], int]
#: No batch now: the next entry is a record of a batch at the service.
_BUSY: _Batch = (None, [], -1)


@dataclass(frozen=True)
class _Sent:
    """A batch at the service, its answer to come."""

    batch_id: str
    changes: list[Change]
    sending: Future[PushResult]

    @cached_property
    def records(self) -> frozenset[tuple[str, str]]:
        """(table, id) of each of its records."""
        return frozenset((c.table, str(c.row["id"])) for c in self.changes)


#: Clock differences below this are measurement noise (the round trip): not corrected.
SKEW_IGNORED_MS = 2000
#: Refusals that mean "not yet": the change stays in the outbox for a later sync.
WAIT_RULES = frozenset({"no_session"})
#: SQLite's limit on bound parameters is far above this; pages stay well under it.
_IN_CHUNK = 5000
#: Rows per pull page. Small on purpose: a page's rows are alive together, and thousands
#: of them at once get promoted into the collector's oldest generation and trigger full
#: collections that pause every thread (60-130 ms measured with 5,000-row pages), so the
#: GUI thread would stall while a worker pulls. At 500 there were none (bench_sync).
PULL_PAGE_SIZE = 500
#: SQLite page cache (KiB) of the connection a pull writes through, while it pulls (as
#: much as seed-demo's bulk load uses); filled only as far as the pull needs it.
PULL_CACHE_KIB = 256 * 1024
#: The synced table whose rows name files (``sha256``) that travel with them.
ATTACHMENTS = IncidentAttachment.__tablename__

Fault = Callable[[str], None]


@dataclass(frozen=True)
class SyncReport:
    pushed: int = 0
    conflicts: int = 0
    pulled: int = 0
    #: Tables written by the pull (for ``DataBus.notify(tables, "sync")``).
    tables: frozenset[str] = frozenset()
    full_download: bool = False
    pending: int = 0
    warnings: tuple[str, ...] = ()
    #: ``{table: (local rows, hub rows)}`` where the counts disagree after the sync.
    mismatches: dict[str, tuple[int, int]] = field(default_factory=dict)
    duration_ms: float = 0.0
    #: Attachment files uploaded to the hub and downloaded from it.
    files_sent: int = 0
    files_received: int = 0
    #: Files of live attachments still not here after this sync (retried next time).
    files_missing: int = 0
    #: Changes the service refused in this sync (kept in ``sync_refusal``).
    refused: int = 0
    #: People whose changes wait in the outbox until they sign in to the service here.
    waiting_for: tuple[str, ...] = ()
    #: The service's clock minus this computer's (ms), as measured at the handshake.
    clock_skew_ms: int = 0
    #: Pulled rows that could not be applied here (kept aside in ``sync_quarantine``).
    quarantined: int = 0

    @property
    def moved(self) -> bool:
        return bool(
            self.pushed or self.pulled or self.files_sent or self.files_received or self.refused
        )


def script_revisions() -> set[str]:
    """Every schema revision this version of the app knows."""
    return known_revisions()


def check_compatible(info: HubInfo) -> None:
    """Refuse a hub on another protocol or schema, before any data moves."""
    if info.protocol != PROTOCOL:
        raise ProtocolMismatchError(info.protocol, PROTOCOL)
    mine = head_revision()
    if info.schema_revision == mine:
        return
    if info.schema_revision not in script_revisions():
        raise HubSchemaNewerError(info.schema_revision, mine, info.app_version)
    raise HubSchemaOlderError(info.schema_revision, mine)


def pending_changes(db: Database) -> int:
    """Changes not yet sent (outbox entries; one record edited twice counts twice).

    A plain count: counting distinct records took seconds on a workstation holding a
    million unsent rows, and the status bar asks at every start and every local change.
    """
    with db.read() as session:
        return int(
            session.connection().exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one()
        )


class Syncer:
    """Syncs one workstation's database with one hub. Not thread-safe: one per worker."""

    def __init__(
        self,
        db: Database,
        hub: RemoteHub,
        *,
        page_size: int = PULL_PAGE_SIZE,
        batch_size: int = 5000,
        fault: Fault | None = None,
        verify: bool = True,
        store: BlobStore | None = None,
        now_ms: Callable[[], int] = wall_clock_ms,
    ) -> None:
        self.db = db
        self.hub = hub
        #: This computer's clock (tests give a wrong one).
        self.now_ms = now_ms
        # The database lives in the data directory; so do the attachment files.
        self.store = store or BlobStore(AppPaths(db.path.parent).attachments_dir)
        self.page_size = page_size
        self.batch_size = batch_size
        self.fault = fault
        self.verify = verify
        self._files_sent = 0
        self._warnings: list[str] = []
        self._held: set[str] = set()
        self._refused = 0
        self._quarantined = 0
        self._columns: dict[str, list[str]] = {}
        self._unique: dict[str, list[str]] = {}
        #: The service keeps a workstation's batches in order (two may be out at once).
        self.ordered = False
        with db.read() as session:
            conn = session.connection()
            self.site_id, self.workstation_code = conn.exec_driver_sql(
                "SELECT site_id, workstation_code FROM local_state WHERE id = 1"
            ).one()

    def _hit(self, point: str) -> None:
        if self.fault:
            self.fault(point)

    # -- the whole sync ---------------------------------------------------------------

    def sync(self, *, full: bool = False) -> SyncReport:
        start = time.perf_counter()
        info = self.hub.info()
        check_compatible(info)
        self.ordered = info.ordered
        warnings: list[str] = []
        skew = self._correct_clock(info)
        if abs(skew) > SKEW_WARNING_MS:
            warnings.append(f"clock_skew:{skew // 1000}")
            log.warning("this workstation's clock differs from the hub's by %d s", skew // 1000)
        reset = self._check_epoch(info, full)
        self._files_sent = 0
        self._warnings = warnings
        self._held = set()
        self._refused = 0
        self._quarantined = 0
        pushed, conflicts, last_seq, last_stamp = self._push_all()
        upto, stamp = max((info.seq, info.stamp), (last_seq, last_stamp))
        pulled, tables, drift = self._pull_all(upto, stamp)
        if drift:
            warnings.append("clock_drift")
        received, missing = self._fetch_files()
        mismatches: dict[str, tuple[int, int]] = {}
        if self.verify and (pushed or pulled or reset or self._quarantined):
            mismatches = self.compare_counts()
        with self.db.write() as session:
            session.connection().exec_driver_sql(
                "UPDATE sync_state SET last_sync_at = ?, last_error = '' WHERE id = 1",
                (raw_now(),),
            )
        return SyncReport(
            pushed=pushed,
            conflicts=conflicts,
            pulled=pulled,
            # Files that arrived change what the attachment lists show.
            tables=frozenset(tables | ({ATTACHMENTS} if received else set())),
            full_download=reset,
            pending=pending_changes(self.db),
            warnings=tuple(warnings),
            mismatches=mismatches,
            duration_ms=(time.perf_counter() - start) * 1000,
            files_sent=self._files_sent,
            files_received=received,
            files_missing=missing,
            refused=self._refused,
            waiting_for=self._usernames(self._held),
            clock_skew_ms=skew,
            quarantined=self._quarantined,
        )

    def _usernames(self, user_ids: set[str]) -> tuple[str, ...]:
        if not user_ids:
            return ()
        ids = sorted(user_ids)
        with self.db.read() as session:
            names: dict[str, str] = dict(
                session.connection()
                .exec_driver_sql(
                    f"SELECT id, username FROM user_account WHERE id IN "
                    f"({','.join('?' * len(ids))})",
                    tuple(ids),
                )
                .all()
            )
        return tuple(sorted(str(names.get(i, i)) for i in ids))

    # -- the clock ----------------------------------------------------------------------

    def _correct_clock(self, info: HubInfo) -> int:
        """Measure this computer's clock against the service's and remember the
        difference: new versions are stamped from the corrected clock. A clock that ran
        ahead may have stamped unsent changes beyond what the service accepts: those are
        stamped again from the corrected clock (they are still this desk's latest edits).
        Returns the service's clock minus this computer's."""
        skew = info.clock_ms - self.now_ms()
        offset = skew if abs(skew) > SKEW_IGNORED_MS else 0
        with self.db.write() as session:
            conn = session.connection()
            conn.exec_driver_sql(
                "UPDATE sync_state SET clock_offset_ms = ? WHERE id = 1", (offset,)
            )
            site, hlc = conn.exec_driver_sql(
                "SELECT site_id, hlc FROM local_state WHERE id = 1"
            ).one()
            bound = info.clock_ms + MAX_AHEAD_MS
            if hlc and Timestamp.decode(hlc).millis > bound:
                self._restamp(conn, site, info.clock_ms, bound)
        return skew

    def _restamp(self, conn: Connection, site: str, hub_now: int, bound: int) -> None:
        """Unsent versions later than ``bound`` get versions from the corrected clock, and
        the clock itself is set back to it (the one time it may go back: the service said
        so, and nothing later than ``bound`` has left this desk)."""
        clock = HybridClock(site, None, now_ms=lambda: hub_now)
        limit = Timestamp(bound, 999_999, "~").encode()
        pending = conn.exec_driver_sql(
            "SELECT DISTINCT table_name, record_id FROM sync_outbox"
        ).all()
        by_table: dict[str, list[str]] = {}
        for table, record_id in pending:
            by_table.setdefault(table, []).append(record_id)
        restamped = 0
        conn.exec_driver_sql("INSERT INTO sync_applying (id) VALUES (1)")
        try:
            for table, ids in by_table.items():
                for row in self._read_rows(conn, table, ids).values():
                    changes: dict[str, Any] = {}
                    if str(row.get("origin_version", "")) > limit:
                        changes["origin_version"] = clock.tick().encode()
                    if "versions" in row:
                        versions = {
                            f: (clock.tick().encode() if str(v) > limit else v)
                            for f, v in (row["versions"] or {}).items()
                        }
                        if versions != row["versions"]:
                            changes["versions"] = canonical_json(versions)
                    if changes:
                        restamped += 1
                        sets = ", ".join(f"{c} = ?" for c in changes)
                        conn.exec_driver_sql(
                            f"UPDATE {table} SET {sets} WHERE id = ?",
                            (*changes.values(), row["id"]),
                        )
        finally:
            conn.exec_driver_sql("DELETE FROM sync_applying")
        conn.exec_driver_sql(
            "UPDATE local_state SET hlc = ? WHERE id = 1", (clock.tick().encode(),)
        )
        log.warning(
            "this workstation's clock ran ahead of the hub's: %d unsent records stamped again",
            restamped,
        )

    def _check_epoch(self, info: HubInfo, full: bool) -> bool:
        """A new hub, a recreated one, or one restored from backup: download everything
        again, and send everything again (the hub may lack what we sent it before)."""
        with self.db.write() as session:
            conn = session.connection()
            epoch, cursor, stamp = conn.exec_driver_sql(
                "SELECT epoch, cursor, hub_stamp FROM sync_state WHERE id = 1"
            ).one()
            restored = epoch is not None and (
                epoch != info.epoch
                or info.seq < cursor
                or (stamp is not None and stamp != info.stamp and not self.hub.knows(stamp))
            )
            if restored:
                log.warning(
                    "hub %s has a new epoch or went back in time: full resync", self.hub.display_url
                )
                self._enqueue_all(conn)
            if restored or full or epoch is None:
                conn.exec_driver_sql(
                    "UPDATE sync_state SET epoch = ?, cursor = 0, hub_stamp = NULL WHERE id = 1",
                    (info.epoch,),
                )
            return bool(restored or full)

    @staticmethod
    def _enqueue_all(conn: Connection) -> None:
        for table in synced_tables():
            conn.exec_driver_sql(
                f"INSERT INTO sync_outbox (table_name, record_id, base) "
                f"SELECT '{table}', id, NULL FROM {table}"
            )

    # -- push -------------------------------------------------------------------------

    def _push_all(self) -> tuple[int, int, int, str]:
        """Push what the outbox held when the sync began; later edits wait for the next
        sync, so a desk typing fast cannot keep one sync running for ever. Changes made by
        people without a session on the service here stay in the outbox (``_held``).

        Batches go out in the order of their outbox entries. When the service keeps that
        order itself (``HubInfo.ordered``), the next batch is chosen, tagged and sent
        while the one before it is still at the service, naming it (``after``); two are
        out at most, and they never share a record, so what one's answer puts back here
        (refusals, corrections) is in no batch already sent or chosen. Each batch is
        cleared from the outbox once answered, while the next is at the service."""
        pushed = conflicts = last_seq = 0
        last_stamp = ""
        with self.db.read() as session:
            limit = int(
                session.connection()
                .exec_driver_sql("SELECT coalesce(max(seq), 0) FROM sync_outbox")
                .scalar_one()
            )
        depth = 2 if self.ordered else 1
        out: deque[_Sent] = deque()  # at the service, oldest first
        prepared: tuple[str, bytes] | None = None
        examined = 0
        with ThreadPoolExecutor(depth, thread_name_prefix="desk-sync-push") as sender:
            batch = self._next_batch(limit, examined)
            while batch is not None or out:
                if batch is not None and batch is not _BUSY and len(out) < depth:
                    batch_id, changes, examined = batch
                    if batch_id is None:  # every entry examined waits for a sign-in
                        batch = self._choose(limit, examined, out)
                        continue
                    self._files_sent += self._send_files(changes)
                    after = out[-1].batch_id if out else None
                    if prepared is None or prepared[0] != batch_id:
                        prepared = self._prepare(batch_id, changes, after)
                    sending = sender.submit(
                        self._send, batch_id, changes, prepared[1] if prepared else None
                    )
                    out.append(_Sent(batch_id, changes, sending))
                    batch = self._choose(limit, examined, out)
                    prepared = None
                    if batch is not None and batch is not _BUSY and batch[0] is not None:
                        prepared = self._prepare(batch[0], batch[1], batch_id)
                    continue
                answered = out.popleft()
                result = answered.sending.result()
                self._hit("push_after_commit")
                self._settle(answered.batch_id, answered.changes, result)
                if not result.replayed:  # a replay was counted when it was first applied
                    pushed += result.applied
                    conflicts += result.conflicts
                if result.seq >= last_seq:
                    last_seq, last_stamp = result.seq, result.stamp
                if batch is _BUSY:  # it waited for a record of the batch just answered
                    batch = self._choose(limit, examined, out)
                _let_others_run()
        return pushed, conflicts, last_seq, last_stamp

    def _send(self, batch_id: str, changes: Sequence[Change], body: bytes | None) -> PushResult:
        """One batch to the service (on the sender's thread); ``body`` its request, made
        beforehand (a hub that takes none gets the changes)."""
        if body is not None:
            return self.hub.push(self.site_id, batch_id, changes, fault=self.fault, body=body)
        return self.hub.push(
            self.site_id,
            batch_id,
            changes,
            workstation_code=self.workstation_code,
            schema_revision=head_revision(),
            fault=self.fault,
        )

    def _choose(self, limit: int, examined: int, out: Sequence[_Sent]) -> _Batch | None:
        """The next batch while ``out`` is at the service: one left over first, else new
        entries; ``_BUSY`` when the next entry is a record of a batch that is out."""
        return self._next_batch(
            limit,
            examined,
            besides={s.batch_id for s in out},
            busy=[s.records for s in out],
        )

    def _prepare(
        self, batch_id: str, changes: Sequence[Change], after: str | None
    ) -> tuple[str, bytes] | None:
        """The request of a batch, made now, when the hub takes one made beforehand."""
        make = getattr(self.hub, "push_body", None)
        if make is None:
            return None
        body = make(
            self.site_id,
            batch_id,
            changes,
            workstation_code=self.workstation_code,
            schema_revision=head_revision(),
            after=after if self.ordered else None,
        )
        return batch_id, body

    def _settle(self, batch_id: str, changes: Sequence[Change], result: PushResult) -> None:
        """After the service committed a batch: clear its outbox entries, keep those it
        said must wait, and put every refused record back to the hub's state (the refused
        values are kept in ``sync_refusal``)."""
        rows = {(c.table, c.row["id"]): c.row for c in changes}
        waiting = [r for r in result.refused if r.rule in WAIT_RULES]
        refused = [r for r in result.refused if r.rule not in WAIT_RULES]
        with self.db.write() as session:
            conn = session.connection()
            for r in waiting:
                conn.exec_driver_sql(
                    "UPDATE sync_outbox SET batch_id = NULL WHERE batch_id = ? "
                    "AND table_name = ? AND record_id = ?",
                    (batch_id, r.table, r.record_id),
                )
                author = rows.get((r.table, r.record_id), {}).get("updated_by") or rows.get(
                    (r.table, r.record_id), {}
                ).get("created_by")
                if author:
                    self._held.add(str(author))
            conn.exec_driver_sql("DELETE FROM sync_outbox WHERE batch_id = ?", (batch_id,))
            if refused:
                self._revert(conn, refused, rows)
            if result.corrected:
                # The hub kept another desk's later value of a field: take it now (the
                # pull would not bring it again: the hub's row did not change).
                conn.exec_driver_sql("INSERT INTO sync_applying (id) VALUES (1)")
                try:
                    by_table: dict[str, list[Row]] = {}
                    for table, doc in result.corrected:
                        by_table.setdefault(table, []).append(doc)
                    for table, docs in by_table.items():
                        self._apply_table(conn, table, docs)
                finally:
                    conn.exec_driver_sql("DELETE FROM sync_applying")
        self._refused += len(refused)

    def _revert(
        self, conn: Connection, refused: list[Refused], rows: dict[tuple[str, str], Row]
    ) -> None:
        now = raw_now()
        conn.exec_driver_sql("INSERT INTO sync_applying (id) VALUES (1)")
        try:
            for r in refused:
                mine = rows.get((r.table, r.record_id))
                author = None
                if mine is not None:
                    author = (
                        mine.get("updated_by") if "versions" in mine else mine.get("created_by")
                    )
                conn.exec_driver_sql(
                    "INSERT INTO sync_refusal (table_name, record_id, rule, field, params, "
                    "refused_row, author_id, refused_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        r.table,
                        r.record_id,
                        r.rule[:40],
                        r.field,
                        json.dumps(r.params),
                        json.dumps(mine, default=str) if mine is not None else "",
                        author,
                        now,
                    ),
                )
                if r.table not in synced_tables():
                    continue
                if r.hub_row is not None:
                    self._overwrite(conn, r.table, r.hub_row)
                else:
                    self._drop(conn, r.table, r.record_id, mine)
                log.warning(
                    "the hub refused a change to %s %s (%s); put back to the hub's state",
                    r.table,
                    r.record_id,
                    r.rule,
                )
        finally:
            conn.exec_driver_sql("DELETE FROM sync_applying")

    @staticmethod
    def _drop(conn: Connection, table: str, record_id: str, mine: Row | None) -> None:
        """A record the hub never took leaves this desk as it left no other: removed (its
        values are in ``sync_refusal``). One that other rows here still name is
        tombstoned instead, so nothing points to a missing record."""
        savepoint = conn.begin_nested()
        try:
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE id = ?", (record_id,))
            savepoint.commit()
        except sa_exc.IntegrityError:
            savepoint.rollback()
            if mine is not None and "versions" in mine:
                conn.exec_driver_sql(f"UPDATE {table} SET deleted = 1 WHERE id = ?", (record_id,))

    def _overwrite(self, conn: Connection, table: str, row: Row) -> None:
        """The hub's document replaces the local row as it is (no merge: the local row's
        versions are what the hub refused)."""
        cols = self.columns(conn, table)
        values = [row.get(c) for c in cols]
        if "versions" in cols:
            at = cols.index("versions")
            values[at] = canonical_json(values[at] or {})
        assignments = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
        conn.exec_driver_sql(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({','.join('?' * len(cols))}) "
            f"ON CONFLICT (id) DO UPDATE SET {assignments}",
            tuple(values),
        )

    def _next_batch(
        self,
        limit: int,
        examined: int,
        *,
        besides: Collection[str] = (),
        busy: Sequence[Collection[tuple[str, str]]] = (),
    ) -> _Batch | None:
        """The batch to send: one left over from an unanswered push (the earliest; none
        of ``besides``, the batches out), else a new one of the entries after
        ``examined`` (``_new_batch``)."""
        with self.db.read() as session:
            conn = session.connection()
            others = list(besides)
            if others:
                outside = f"AND batch_id NOT IN ({','.join('?' * len(others))}) "
            else:
                outside = ""
            batch_id = conn.exec_driver_sql(
                "SELECT batch_id FROM sync_outbox WHERE batch_id IS NOT NULL "
                f"{outside}GROUP BY batch_id ORDER BY min(seq) LIMIT 1",
                tuple(others),
            ).scalar()
            if batch_id is not None:
                entries = conn.exec_driver_sql(
                    "SELECT seq, table_name, record_id, base FROM sync_outbox "
                    "WHERE batch_id = ? ORDER BY seq",
                    (batch_id,),
                ).all()
                rows = self._rows_of(conn, entries)
                return batch_id, self._changes(entries, rows), examined
        return self._new_batch(limit, examined, busy=busy)

    def _new_batch(
        self, limit: int, examined: int, *, busy: Sequence[Collection[tuple[str, str]]] = ()
    ) -> _Batch | None:
        """Choose the entries after ``examined`` (up to ``limit``) that make the next
        batch and mark them with its id. Returns (batch id, or None when every entry
        examined waits for a sign-in; the changes; the last entry examined), None when
        no entry is left, ``_BUSY`` when the first is a record of a batch that is out
        (``busy``: the records of each). A batch ends before the first entry of a busy
        record."""
        sessions = set(getattr(self.hub, "sessions", {}) or {})
        with self.db.write() as session:
            conn = session.connection()
            entries = conn.exec_driver_sql(
                "SELECT seq, table_name, record_id, base FROM sync_outbox "
                "WHERE batch_id IS NULL AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                (examined, limit, self.batch_size),
            ).all()
            if busy:
                for at, entry in enumerate(entries):
                    key = (entry[1], entry[2])
                    if any(key in records for records in busy):
                        entries = entries[:at]
                        if not entries:
                            return _BUSY
                        break
            if not entries:
                return None
            last = int(entries[-1][0])
            rows = self._rows_of(conn, entries)
            eligible = []
            for entry in entries:
                row = rows.get((entry[1], entry[2]))
                author = None
                if row is not None:
                    author = row.get("updated_by") if "versions" in row else row.get("created_by")
                if author is not None and author not in sessions:
                    self._held.add(str(author))
                    continue
                eligible.append(entry)
            if not eligible:
                return None, [], last
            batch_id = str(uuid.uuid4())
            seqs = [int(e[0]) for e in eligible]
            for i in range(0, len(seqs), _IN_CHUNK):
                chunk = seqs[i : i + _IN_CHUNK]
                marks = ",".join("?" * len(chunk))
                conn.exec_driver_sql(
                    f"UPDATE sync_outbox SET batch_id = ? WHERE seq IN ({marks})",
                    (batch_id, *chunk),
                )
        return batch_id, self._changes(eligible, rows), last

    def _rows_of(self, conn: Connection, entries: Sequence[Any]) -> dict[tuple[str, str], Row]:
        by_table: dict[str, list[str]] = {}
        for _seq, table, record_id, _base in entries:
            by_table.setdefault(table, []).append(record_id)
        rows: dict[tuple[str, str], Row] = {}
        for table, ids in by_table.items():
            for row in self._read_rows(conn, table, list(dict.fromkeys(ids))).values():
                rows[(table, row["id"])] = row
        return rows

    @staticmethod
    def _changes(entries: Sequence[Any], rows: dict[tuple[str, str], Row]) -> list[Change]:
        bases: dict[tuple[str, str], str | None] = {}
        for _seq, table, record_id, base in entries:
            bases.setdefault((table, record_id), base)
        return [
            Change(table, rows[(table, rid)], from_json(base) if base else None)
            for (table, rid), base in bases.items()
            if (table, rid) in rows
        ]

    # -- attachment files ---------------------------------------------------------------

    def _send_files(self, changes: Sequence[Change]) -> int:
        """Upload the files of a batch's live attachment rows that the hub lacks, before
        the batch itself: a row on the hub never names a file the hub has not got.

        One query asks which files the hub holds; each missing one goes up in its own
        short transaction. If the batch then fails, the files stay on the hub (harmless,
        and the retry finds them there). A row whose file is not on this workstation
        (should not happen: a file is stored before its row is written) is pushed anyway
        and logged: the row must not be held back, and a site that has the file can
        still provide it.
        """
        wanted = {
            str(c.row.get("sha256"))
            for c in changes
            if c.table == ATTACHMENTS and not c.row.get("deleted")
        }
        if not wanted:
            return 0
        sent = 0
        for sha in sorted(wanted - self.hub.blobs_present(sorted(wanted))):
            data = self.store.read(sha) if is_sha256(sha) else None
            if data is None:
                log.warning("attachment file %s is not here; its row is sent without it", sha)
                continue
            self._hit("before_file_upload")
            try:
                if self.hub.put_blob(sha, data):
                    sent += 1
            except HubRefusedError as exc:
                # The service takes only PNG, JPEG, GIF, WEBP and PDF up to 20 MB: the
                # row naming this file is refused with the batch and put back.
                log.warning("the hub refused attachment file %s (%s)", sha, exc.rule)
            _let_others_run()
        return sent

    def _fetch_files(self) -> tuple[int, int]:
        """Download the files of live attachment rows that are not here yet. Returns
        (downloaded, still missing). Cheap when nothing is missing: one query and one
        directory listing per store folder, so it runs at every sync."""
        with self.db.read() as session:
            wanted = set(
                session.connection()
                .exec_driver_sql(f"SELECT sha256 FROM {ATTACHMENTS} WHERE deleted = 0")
                .scalars()
                .all()
            )
        missing = sorted(wanted - self.store.present()) if wanted else []
        if not missing:
            return 0, 0
        self.store.sweep()
        received = 0
        for sha in missing:
            if not is_sha256(sha):
                log.error("attachment row names %r, not a SHA-256; no file fetched", sha)
                continue
            data = self.hub.get_blob(sha)
            if data is None:
                continue  # not uploaded yet (its site has not synced it): next sync
            if sniff(data[:16]) is None:
                # Only PNG, JPEG, GIF, WEBP and PDF are ever stored or shown here.
                log.error("attachment file %s is not of an allowed type; refused", sha)
                continue
            try:
                self.store.put_bytes(sha, data)
            except AttachmentError as exc:
                if exc.code == "attachment_hash":
                    # Refused: kept out of the store; the next sync asks again.
                    log.error("%s", BlobHashError(sha, hashlib.sha256(data).hexdigest()))
                    continue
                # The data folder cannot take it (disk full?): the rows are synced;
                # the files wait for the next sync.
                log.error("attachment files not saved: %s", exc)
                self._warnings.append("attachments_not_saved")
                break
            received += 1
            self._hit("after_file_download")
            _let_others_run()
        return received, len(missing) - received

    # -- local rows -------------------------------------------------------------------

    def columns(self, conn: Connection, table: str) -> list[str]:
        if table not in self._columns:
            self._columns[table] = [c["name"] for c in inspect(conn).get_columns(table)]
        return self._columns[table]

    def unique_columns(self, table: str) -> list[str]:
        if table not in self._unique:
            found: list[str] = []
            t = Base.metadata.tables.get(table)
            if t is not None:
                for c in t.constraints:
                    cols = list(getattr(c, "columns", []))
                    if c.__class__.__name__ == "UniqueConstraint" and len(cols) == 1:
                        found.append(cols[0].name)
                found += [c.name for c in t.columns if c.unique]
            self._unique[table] = sorted(set(found))
        return self._unique[table]

    def _read_rows(self, conn: Connection, table: str, ids: Sequence[str]) -> dict[str, Row]:
        cols = self.columns(conn, table)
        found: dict[str, Row] = {}
        # SQLite's own cursor, in the session's transaction: the values are the driver's
        # either way, and a push reads every row it sends (SQLAlchemy's row objects took a
        # fifth of the workstation's time in a push of 100,000).
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = tuple(ids[i : i + _IN_CHUNK])
            marks = ",".join("?" * len(chunk))
            result = raw.execute(
                f"SELECT {', '.join(cols)} FROM {table} WHERE id IN ({marks})", chunk
            ).fetchall()
            for values in result:
                row = dict(zip(cols, values, strict=True))
                if "versions" in row:
                    row["versions"] = from_json(row["versions"]) if row["versions"] else {}
                found[row["id"]] = row
        return found

    # -- pull -------------------------------------------------------------------------

    def _pull_all(self, upto: int, stamp: str) -> tuple[int, set[str], bool]:
        pulled = 0
        tables: set[str] = set()
        drift = False
        with self.db.read() as session:
            cursor = int(
                session.connection()
                .exec_driver_sql("SELECT cursor FROM sync_state WHERE id = 1")
                .scalar_one()
            )
        if cursor >= upto:
            return pulled, tables, drift
        try:
            with self._pull_connection() as conn:
                while cursor < upto:
                    page = self.hub.pull(self.site_id, cursor, upto, self.page_size)
                    new_cursor = page[-1][2] if len(page) >= self.page_size else upto
                    written, page_drift = self._apply_page(
                        conn, page, new_cursor, stamp if new_cursor == upto else None
                    )
                    pulled += sum(written.values())
                    tables |= {t for t, n in written.items() if n}
                    drift = drift or page_drift
                    cursor = new_cursor
                    self._hit("between_pages")
                    _let_others_run()
        except (sa_exc.DBAPIError, sqlite3.Error, OSError) as exc:
            # Each page was committed with its cursor: what arrived before is kept, and
            # saying "nothing was saved" would be wrong.
            problem = storage_error(exc, self.db.path.parent)
            if problem is None:
                raise
            log.error("the pull stopped after %d rows: %s", pulled, problem.code)
            raise PullInterruptedError(
                pulled, problem.code, str(problem.values.get("reason", ""))
            ) from exc
        return pulled, tables, drift

    @contextmanager
    def _pull_connection(self) -> Iterator[Connection]:
        """The one connection a pull applies its pages through, with a larger page cache
        while it does: a first pull fills ten indexes and the full-text index, and with
        SQLite's default 2 MB cache their pages were read again and again (writing
        1,000,000 incidents: 65 s with 64 MB, 47 s with 256 MB; 400,000: 27 s with the
        default). The cache goes back to its size afterwards, releasing the memory."""
        with self.db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            (previous,) = raw.execute("PRAGMA cache_size").fetchone()
            raw.execute(f"PRAGMA cache_size = {-PULL_CACHE_KIB}")
            try:
                yield conn
            finally:
                raw.execute(f"PRAGMA cache_size = {int(previous)}")

    @staticmethod
    @contextmanager
    def _applying(conn: Connection) -> Iterator[Connection]:
        """One write transaction on ``conn`` that applies a pulled page, capture silenced.

        Foreign keys are off for it: rows arrive in the order the hub last changed them,
        so a child may come a page before its parent (the hub holds both; the next page
        brings it). It is the only connection with them off, and only while it applies.
        """
        raw = conn.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                conn.exec_driver_sql("INSERT INTO sync_applying (id) VALUES (1)")
                yield conn
                conn.exec_driver_sql("DELETE FROM sync_applying")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")

    def _apply_page(
        self,
        connection: Connection,
        page: Sequence[tuple[str, str, int, Any]],
        new_cursor: int,
        stamp: str | None,
    ) -> tuple[dict[str, int], bool]:
        """Apply one page; a page that fails is applied again row by row, and a row that
        still cannot be applied is quarantined (kept aside, counted by ``doctor``), so
        one bad row never stops this desk's pulls."""
        try:
            return self._apply(connection, page, new_cursor, stamp)
        except (sa_exc.DBAPIError, sqlite3.Error, KeyError, TypeError, ValueError) as exc:
            if isinstance(exc, sa_exc.OperationalError) and _is_disk_full(exc):
                raise
            log.warning("a pulled page could not be applied (%s): row by row", _kind(exc))
        return self._apply(connection, page, new_cursor, stamp, one_by_one=True)

    def _apply(
        self,
        connection: Connection,
        page: Sequence[tuple[str, str, int, Any]],
        new_cursor: int,
        stamp: str | None,
        *,
        one_by_one: bool = False,
    ) -> tuple[dict[str, int], bool]:
        by_table: dict[str, list[Row]] = {}
        seqs: dict[tuple[str, str], int] = {}
        bad: list[tuple[str, str, int, Any, str]] = []
        tables = set(synced_tables())
        newest = ""
        for table, record_id, seq, data in page:
            try:
                row = from_json(data) if isinstance(data, str) else data
                if not isinstance(row, dict) or row.get("id") != record_id:
                    raise ValueError("not a document of this record")
                if table not in tables:
                    raise ValueError(f"unknown table {table!r}")
            except ValueError as exc:
                bad.append((table, record_id, seq, data, _kind(exc)))
                continue
            by_table.setdefault(table, []).append(row)
            seqs[(table, record_id)] = seq
            for version in (row.get("origin_version"), *(row.get("versions") or {}).values()):
                if isinstance(version, str):
                    newest = max(newest, version)
        written: dict[str, int] = {}
        drift = False
        with self._applying(connection) as conn:
            for table, rows in by_table.items():
                if not one_by_one:
                    written[table] = self._apply_table(conn, table, rows)
                    continue
                written[table] = 0
                for row in rows:
                    savepoint = conn.begin_nested()
                    try:
                        written[table] += self._apply_table(conn, table, [row])
                        savepoint.commit()
                    except (sa_exc.DBAPIError, sqlite3.Error, KeyError, TypeError, ValueError) as e:
                        savepoint.rollback()
                        if isinstance(e, sa_exc.OperationalError) and _is_disk_full(e):
                            raise
                        bad.append((table, row["id"], seqs[(table, row["id"])], row, _kind(e)))
            for table, record_id, seq, data, reason in bad:
                self._quarantine(conn, table, record_id, seq, data, reason)
            self._hit("pull_before_cursor")
            conn.exec_driver_sql(
                "UPDATE sync_state SET cursor = ?, hub_stamp = coalesce(?, hub_stamp) WHERE id = 1",
                (new_cursor, stamp),
            )
            if newest:
                drift = not self._observe(conn, newest)
        return written, drift

    def _quarantine(
        self, conn: Connection, table: str, record_id: str, seq: int, data: Any, reason: str
    ) -> None:
        self._quarantined += 1
        # The log names the record and the kind of failure, never the row's values.
        log.error(
            "pulled %s row %s could not be applied (%s): quarantined", table, record_id, reason
        )
        conn.exec_driver_sql(
            "INSERT INTO sync_quarantine (table_name, record_id, hub_seq, reason, data, "
            "quarantined_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                str(table)[:40],
                str(record_id)[:36],
                seq,
                reason,
                data if isinstance(data, str) else json.dumps(data, default=str),
                raw_now(),
            ),
        )

    def _apply_table(self, conn: Connection, table: str, rows: list[Row]) -> int:
        cols = self.columns(conn, table)
        local = self._read_rows(conn, table, [r["id"] for r in rows])
        unsent = self._unsent_bases(conn, table, [r["id"] for r in rows if r["id"] in local])
        inserts: list[Row] = []
        updates: list[Row] = []
        for remote in rows:
            mine = local.get(remote["id"])
            if mine is None:
                inserts.append(remote)
            elif "versions" in remote:
                merged = merge_rows(mine, remote)
                if remote["id"] in unsent:
                    merged = _keep_unsent_edits(mine, merged, unsent[remote["id"]])
                if merged != mine:
                    updates.append(merged)
        if not inserts and not updates:
            return 0
        for key in self.unique_columns(table):
            self._free_unique_keys(conn, table, key, [*inserts, *updates])

        at = cols.index("versions") if "versions" in cols else -1

        def values(row: Row) -> list[Any]:
            out = list(map(row.get, cols))
            if at >= 0:
                out[at] = canonical_json(out[at])
            return out

        # One multi-row upsert per chunk, not a statement per row: SQLite opens a
        # statement savepoint for every statement that fires triggers, and the full-text
        # index flushes its pending terms into a new segment at each savepoint. A row per
        # statement made a segment per row and merging them grew with the table (30,000
        # pulled incidents: 9.2 s a row at a time, 1.0 s in 500-row statements).
        assignments = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
        per_statement = max(1, _max_variables(conn) // len(cols))
        one = "(" + ",".join("?" * len(cols)) + ")"
        pending = [values(r) for r in (*updates, *inserts)]
        for i in range(0, len(pending), per_statement):
            chunk = pending[i : i + per_statement]
            conn.exec_driver_sql(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES {','.join([one] * len(chunk))} "
                f"ON CONFLICT (id) DO UPDATE SET {assignments}",
                tuple(v for row in chunk for v in row),
            )
        return len(inserts) + len(updates)

    @staticmethod
    def _unsent_bases(conn: Connection, table: str, ids: Sequence[str]) -> dict[str, Row | None]:
        """The outbox's earliest base of each of these records that has unsent edits."""
        found: dict[str, Row | None] = {}
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = tuple(ids[i : i + _IN_CHUNK])
            if not chunk:
                continue
            rows = conn.exec_driver_sql(
                f"SELECT record_id, base FROM sync_outbox WHERE table_name = ? AND record_id IN "
                f"({','.join('?' * len(chunk))}) ORDER BY seq",
                (table, *chunk),
            ).all()
            for record_id, base in rows:
                if record_id not in found:
                    found[record_id] = json.loads(base) if base else None
        return found

    @staticmethod
    def _free_unique_keys(conn: Connection, table: str, key: str, rows: list[Row]) -> None:
        """A local row holding a unique key an incoming row takes gets the suffixed key
        the hub gives it when it arrives there (see ``Hub._rename``)."""
        wanted = {r[key]: r["id"] for r in rows if r.get(key) is not None}
        if not wanted:
            return
        keys = list(wanted)
        for i in range(0, len(keys), _IN_CHUNK):
            chunk = tuple(keys[i : i + _IN_CHUNK])
            holders = conn.exec_driver_sql(
                f"SELECT id, {key} FROM {table} WHERE {key} IN ({','.join('?' * len(chunk))})",
                chunk,
            ).all()
            for holder_id, value in holders:
                if wanted[value] != holder_id:
                    conn.exec_driver_sql(
                        f"UPDATE {table} SET {key} = ? WHERE id = ?",
                        (unique_rename(value, holder_id), holder_id),
                    )

    def _observe(self, conn: Connection, newest: str) -> bool:
        """Move this site's clock past what was pulled, so later local edits order after
        it. A timestamp absurdly far ahead is not observed (returns False)."""
        site, hlc = conn.exec_driver_sql("SELECT site_id, hlc FROM local_state WHERE id = 1").one()
        clock = HybridClock(site, Timestamp.decode(hlc) if hlc else None)
        try:
            clock.observe(Timestamp.decode(newest))
        except (ClockDriftError, ValueError):
            log.warning("pulled version %s is too far ahead; clock not moved", newest)
            return False
        conn.exec_driver_sql("UPDATE local_state SET hlc = ? WHERE id = 1", (clock.last.encode(),))
        return True

    # -- checks -----------------------------------------------------------------------

    def compare_counts(self) -> dict[str, tuple[int, int]]:
        """Tables whose row counts differ from the hub's (those with unsent changes
        excepted). Logged; the caller offers a full download."""
        hub_seq, hub_counts = self.hub.counts_at()
        mismatches: dict[str, tuple[int, int]] = {}
        with self.db.read() as session:
            conn = session.connection()
            cursor = int(
                conn.exec_driver_sql("SELECT cursor FROM sync_state WHERE id = 1").scalar_one()
            )
            if cursor != hub_seq:
                # Another desk pushed since this sync's pull: the counts describe two
                # different moments and cannot be compared (the next sync will).
                log.debug("counts not compared: hub at %d, this desk at %d", hub_seq, cursor)
                return {}
            quarantined = {
                r[0]
                for r in conn.exec_driver_sql("SELECT DISTINCT table_name FROM sync_quarantine")
            }
            pending = {
                r[0] for r in conn.exec_driver_sql("SELECT DISTINCT table_name FROM sync_outbox")
            }
            for table in synced_tables():
                if table in pending or table in quarantined:
                    continue
                n = int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())
                if n != hub_counts.get(table, 0):
                    mismatches[table] = (n, hub_counts.get(table, 0))
        if mismatches:
            log.warning("row counts differ from the hub after sync: %s", mismatches)
        return mismatches


def _keep_unsent_edits(mine: Row, merged: Row, base: Row | None) -> Row:
    """A field edited here and not sent yet keeps this desk's value even when the pulled
    one has a later version: the next push decides, and the hub records the conflict, so
    an edit typed while a pull runs is never overwritten without a trace."""
    kept = dict(merged)
    versions = dict(kept.get("versions") or {})
    for name in data_fields(mine):
        edited_here = field_version(mine, name) != base_version(base, name)
        if edited_here and kept.get(name) != mine[name]:
            kept[name] = mine[name]
            versions[name] = field_version(mine, name)
            if versions[name] == kept.get("origin_version"):
                del versions[name]
    kept["versions"] = versions
    return kept


def _kind(exc: BaseException) -> str:
    """What went wrong, without the values involved (a statement's parameters can hold
    personal data): the exception's class and, for SQLite, its own message."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, sqlite3.Error):
        return f"{type(orig).__name__}: {orig}"
    if isinstance(exc, KeyError):
        return f"KeyError: missing {exc.args[0]!r}" if exc.args else "KeyError"
    return type(exc).__name__


def _is_disk_full(exc: sa_exc.OperationalError) -> bool:
    return "full" in str(exc.orig).lower() or "disk" in str(exc.orig).lower()


def _let_others_run() -> None:
    """Give up the GIL between pages and batches: a sync on a worker thread must not keep
    the GUI thread waiting for it (``sleep(0)`` switches to any thread that wants it)."""
    time.sleep(0)


def _max_variables(conn: Connection) -> int:
    """How many ``?`` one statement may bind (32,766 since SQLite 3.32; 999 before)."""
    raw = conn.connection.driver_connection
    if isinstance(raw, sqlite3.Connection):
        return min(raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER), 30_000)
    return 999

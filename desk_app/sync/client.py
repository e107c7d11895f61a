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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, inspect

from desk_app.config import AppPaths
from desk_app.db import Database, canonical_json, head_revision, known_revisions
from desk_app.hlc import ClockDriftError, HybridClock, Timestamp
from desk_app.models import Base, IncidentAttachment
from desk_app.services.attachments import AttachmentError, BlobStore, is_sha256
from desk_app.sync.capture import synced_tables
from desk_app.sync.errors import HubSchemaNewerError, HubSchemaOlderError, ProtocolMismatchError
from desk_app.sync.hub import (
    PROTOCOL,
    BlobHashError,
    Change,
    Hub,
    HubInfo,
    raw_now,
    unique_rename,
)
from desk_app.sync.merge import Row, merge_rows

log = logging.getLogger(__name__)

#: Clocks further apart than this get a warning in the sync report.
SKEW_WARNING_MS = 5 * 60 * 1000
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

    @property
    def moved(self) -> bool:
        return bool(self.pushed or self.pulled or self.files_sent or self.files_received)


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
        raise HubSchemaNewerError(info.schema_revision, mine)
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
        hub: Hub,
        *,
        page_size: int = PULL_PAGE_SIZE,
        batch_size: int = 5000,
        fault: Fault | None = None,
        verify: bool = True,
        store: BlobStore | None = None,
    ) -> None:
        self.db = db
        self.hub = hub
        # The database lives in the data directory; so do the attachment files.
        self.store = store or BlobStore(AppPaths(db.path.parent).attachments_dir)
        self.page_size = page_size
        self.batch_size = batch_size
        self.fault = fault
        self.verify = verify
        self._files_sent = 0
        self._warnings: list[str] = []
        self._columns: dict[str, list[str]] = {}
        self._unique: dict[str, list[str]] = {}
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
        warnings: list[str] = []
        skew = info.clock_ms - time.time_ns() // 1_000_000
        if abs(skew) > SKEW_WARNING_MS:
            warnings.append(f"clock_skew:{skew // 1000}")
            log.warning("this workstation's clock differs from the hub's by %d s", skew // 1000)
        reset = self._check_epoch(info, full)
        self._files_sent = 0
        self._warnings = warnings
        pushed, conflicts, last_seq, last_stamp = self._push_all()
        upto, stamp = max((info.seq, info.stamp), (last_seq, last_stamp))
        pulled, tables, drift = self._pull_all(upto, stamp)
        if drift:
            warnings.append("clock_drift")
        received, missing = self._fetch_files()
        mismatches: dict[str, tuple[int, int]] = {}
        if self.verify and (pushed or pulled or reset):
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
        sync, so a desk typing fast cannot keep one sync running for ever."""
        pushed = conflicts = last_seq = 0
        last_stamp = ""
        with self.db.read() as session:
            limit = (
                session.connection()
                .exec_driver_sql("SELECT coalesce(max(seq), 0) FROM sync_outbox")
                .scalar_one()
            )
        while True:
            batch = self._next_batch(int(limit))
            if batch is None:
                break
            batch_id, changes = batch
            self._files_sent += self._send_files(changes)
            result = self.hub.push(
                self.site_id,
                batch_id,
                changes,
                workstation_code=self.workstation_code,
                schema_revision=head_revision(),
                fault=self.fault,
            )
            self._hit("push_after_commit")
            with self.db.write() as session:
                session.connection().exec_driver_sql(
                    "DELETE FROM sync_outbox WHERE batch_id = ?", (batch_id,)
                )
            if not result.replayed:  # a replay was counted when it was first applied
                pushed += result.applied
                conflicts += result.conflicts
            if result.seq >= last_seq:
                last_seq, last_stamp = result.seq, result.stamp
            _let_others_run()
        return pushed, conflicts, last_seq, last_stamp

    def _next_batch(self, limit: int) -> tuple[str, list[Change]] | None:
        """The batch to send: one left over from an unanswered push, else a new one."""
        with self.db.write() as session:
            conn = session.connection()
            batch_id = conn.exec_driver_sql(
                "SELECT batch_id FROM sync_outbox WHERE batch_id IS NOT NULL LIMIT 1"
            ).scalar()
            if batch_id is None:
                batch_id = str(uuid.uuid4())
                conn.exec_driver_sql(
                    "UPDATE sync_outbox SET batch_id = ? WHERE seq IN (SELECT seq FROM "
                    "sync_outbox WHERE batch_id IS NULL AND seq <= ? ORDER BY seq LIMIT ?)",
                    (batch_id, limit, self.batch_size),
                )
            entries = conn.exec_driver_sql(
                "SELECT table_name, record_id, base FROM sync_outbox WHERE batch_id = ? "
                "ORDER BY seq",
                (batch_id,),
            ).all()
            if not entries:
                return None
            bases: dict[tuple[str, str], str | None] = {}
            for table, record_id, base in entries:
                bases.setdefault((table, record_id), base)
            by_table: dict[str, list[str]] = {}
            for table, record_id in bases:
                by_table.setdefault(table, []).append(record_id)
            rows: dict[tuple[str, str], Row] = {}
            for table, ids in by_table.items():
                for row in self._read_rows(conn, table, ids).values():
                    rows[(table, row["id"])] = row
            changes = [
                Change(table, rows[(table, rid)], json.loads(base) if base else None)
                for (table, rid), base in bases.items()
                if (table, rid) in rows
            ]
        return batch_id, changes

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
            if self.hub.put_blob(sha, data):
                sent += 1
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
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = tuple(ids[i : i + _IN_CHUNK])
            marks = ",".join("?" * len(chunk))
            result = conn.exec_driver_sql(
                f"SELECT {', '.join(cols)} FROM {table} WHERE id IN ({marks})", chunk
            )
            for values in result:
                row = dict(zip(cols, values, strict=True))
                if "versions" in row:
                    row["versions"] = json.loads(row["versions"]) if row["versions"] else {}
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
        with self._pull_connection() as conn:
            while cursor < upto:
                page = self.hub.pull(self.site_id, cursor, upto, self.page_size)
                new_cursor = page[-1][2] if len(page) >= self.page_size else upto
                written, page_drift = self._apply(
                    conn, page, new_cursor, stamp if new_cursor == upto else None
                )
                pulled += sum(written.values())
                tables |= {t for t, n in written.items() if n}
                drift = drift or page_drift
                cursor = new_cursor
                _let_others_run()
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

    def _apply(
        self,
        connection: Connection,
        page: list[tuple[str, str, int, str]],
        new_cursor: int,
        stamp: str | None,
    ) -> tuple[dict[str, int], bool]:
        by_table: dict[str, list[Row]] = {}
        newest = ""
        for table, _id, _seq, data in page:
            row = json.loads(data)
            by_table.setdefault(table, []).append(row)
            newest = max(
                newest,
                str(row.get("origin_version", "")),
                *map(str, (row.get("versions") or {}).values()),
            )
        written: dict[str, int] = {}
        drift = False
        with self._applying(connection) as conn:
            for table, rows in by_table.items():
                written[table] = self._apply_table(conn, table, rows)
            self._hit("pull_before_cursor")
            conn.exec_driver_sql(
                "UPDATE sync_state SET cursor = ?, hub_stamp = coalesce(?, hub_stamp) WHERE id = 1",
                (new_cursor, stamp),
            )
            if newest:
                drift = not self._observe(conn, newest)
        return written, drift

    def _apply_table(self, conn: Connection, table: str, rows: list[Row]) -> int:
        cols = self.columns(conn, table)
        local = self._read_rows(conn, table, [r["id"] for r in rows])
        inserts: list[Row] = []
        updates: list[Row] = []
        for remote in rows:
            mine = local.get(remote["id"])
            if mine is None:
                inserts.append(remote)
            elif "versions" in remote:
                merged = merge_rows(mine, remote)
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
        hub_counts = self.hub.counts()
        mismatches: dict[str, tuple[int, int]] = {}
        with self.db.read() as session:
            conn = session.connection()
            pending = {
                r[0] for r in conn.exec_driver_sql("SELECT DISTINCT table_name FROM sync_outbox")
            }
            for table in synced_tables():
                if table in pending:
                    continue
                n = int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())
                if n != hub_counts.get(table, 0):
                    mismatches[table] = (n, hub_counts.get(table, 0))
        if mismatches:
            log.warning("row counts differ from the hub after sync: %s", mismatches)
        return mismatches


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

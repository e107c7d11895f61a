"""Sync benchmarks against a PostgreSQL hub on loopback (issue 4).

    eval "$(.ci/pg.sh)"; python -m bench sync

Needs ``DESK_TEST_PG_URL`` (or ``DESK_BENCH_PG_URL``). Sizes: ``DESK_BENCH_SYNC_PUSH``
(default 100,000 changed incidents) and ``DESK_BENCH_SYNC_PULL`` (default 1,000,000).
Each figure stands next to its floor measured in the same run:

- push: the same rows loaded with COPY into a temporary table plus one INSERT … ON CONFLICT;
- first pull: the same rows read from a plain PostgreSQL table and inserted into the
  workstation's SQLite incident table with executemany;
- a sync with nothing to do (target under 50 ms);
- the longest stall of the GUI thread while a sync runs on a worker (target under 100 ms).
"""

from __future__ import annotations

import gc
import io
import json
import os
import statistics
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.common import Result
from desk_app.context import open_context
from desk_app.db import head_revision
from desk_app.hlc import Timestamp
from desk_app.hub.store import Hub
from desk_app.models import Incident
from desk_app.models.base import new_id
from desk_app.services.setup import region_id
from desk_app.sync.client import PULL_CACHE_KIB, Syncer


def _pg_url() -> str | None:
    return os.environ.get("DESK_BENCH_PG_URL") or os.environ.get("DESK_TEST_PG_URL")


def _schema_url(base: str, schema: str) -> str:
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


def _incidents(n: int, site: str, prefix: str) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    version = Timestamp(int(time.time() * 1000), 0, site).encode()
    return [
        {
            "id": new_id(),
            "created_at": now,
            "created_by": None,
            "updated_at": now,
            "updated_by": None,
            "deleted": False,
            "origin_version": version,
            "versions": {},
            "ref": f"{prefix}-2024-{i:07d}",
            "occurred_at": now,
            "reported_at": now,
            "region_id": region_id("33.74"),
            "kecamatan": "Semarang Tengah",
            "desa": "Sekayu",
            "category": "HOAKS",
            "neutrality_subject": None,
            "severity": 1 + i % 4,
            "source_type": "MEDSOS",
            "platform": "whatsapp",
            "link": f"https://example.org/post/{i}",
            "reporter_name": "",
            "reporter_contact": "",
            "title": f"Hoaks surat suara nomor {i}",
            "description": "Pesan berantai tentang surat suara yang sudah dicoblos. " * 3,
            "status": "baru",
            "assigned_to": None,
            "merged_into": None,
        }
        for i in range(n)
    ]


def run() -> list[Result]:
    base = _pg_url()
    if not base:
        return [Result("sync: skipped", 0, "", note='no PostgreSQL: eval "$(.ci/pg.sh)" first')]
    n_push = int(os.environ.get("DESK_BENCH_SYNC_PUSH", "100000"))
    n_pull = int(os.environ.get("DESK_BENCH_SYNC_PULL", "1000000"))
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    schemas = [f"bench_{uuid.uuid4().hex[:8]}" for _ in range(3)]
    with admin.connect() as conn:
        for s in schemas:
            conn.execute(text(f"CREATE SCHEMA {s}"))
    results: list[Result] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results += _push(Path(tmp), base, schemas[0], schemas[1], n_push)
            results += _pull(Path(tmp), base, schemas[2], n_pull)
    finally:
        with admin.connect() as conn:
            for s in schemas:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {s} CASCADE"))
        admin.dispose()
    return results


def _push(tmp: Path, base: str, schema: str, floor_schema: str, n: int) -> list[Result]:
    hub = Hub(_schema_url(base, schema))
    hub.init(head_revision())
    ctx = open_context(tmp / "push", workstation_code="BP1")
    syncer = Syncer(ctx.db, hub)
    syncer.sync()  # the first start's rows, not measured
    rows = _incidents(n, ctx.site_id, "BP1")
    _load(ctx, rows)
    start = time.perf_counter()
    report = syncer.sync()
    push_s = time.perf_counter() - start
    assert report.pushed >= n, report

    # Floor: COPY the same documents into a temporary table, one INSERT … ON CONFLICT.
    floor_hub = Hub(_schema_url(base, floor_schema))
    floor_hub.init(head_revision())
    floor_s = copy_floor_s(floor_hub, incident_documents(ctx))

    noop = [_timed_ms(syncer.sync) for _ in range(15)]
    hub.dispose()
    floor_hub.dispose()
    ctx.close()
    return [
        Result(f"push {n:,} changed incidents", push_s, "s", floor_s, "≤ 3× floor",
               push_s <= 3 * floor_s, "floor: COPY to temp table + INSERT … ON CONFLICT"),
        Result("sync with nothing to do (median)", statistics.median(noop), "ms", None,
               "< 50 ms", statistics.median(noop) < 50),
    ]  # fmt: skip


def _pull(tmp: Path, base: str, schema: str, n: int) -> list[Result]:
    url = _schema_url(base, schema)
    hub = Hub(url)
    hub.init(head_revision())
    source = open_context(tmp / "source", workstation_code="SRC")
    Syncer(source.db, hub).sync()
    for start in range(0, n, 50_000):
        _load(source, _incidents(min(50_000, n - start), source.site_id, f"S{start // 50_000}"))
    Syncer(source.db, hub).sync()
    source.close()

    fresh = open_context(tmp / "fresh", workstation_code="NEW")
    syncer = Syncer(fresh.db, hub, verify=False)
    gaps: list[float] = []
    done = threading.Event()
    report_box: list[Any] = []

    def work() -> None:
        report_box.append(syncer.sync())
        done.set()

    # As the window does once it is shown (desk_app/ui/app.py): what lives now is kept
    # out of the collector's full passes, which pause every thread.
    gc.collect()
    gc.freeze()
    start = time.perf_counter()
    worker = threading.Thread(target=work)
    worker.start()
    last = time.perf_counter()
    while not done.is_set():  # "the GUI thread": a 10 ms timer that must keep ticking
        time.sleep(0.01)
        now = time.perf_counter()
        gaps.append((now - last) * 1000 - 10)
        last = now
        if len(gaps) % 20 == 0:  # a GUI read now and then: a first page, as the tabs read
            with fresh.db.read() as s:
                s.connection().exec_driver_sql(
                    "SELECT id, ref, title FROM incident ORDER BY occurred_at DESC LIMIT 50"
                ).all()
    worker.join()
    pull_s = time.perf_counter() - start

    # Floors: the same rows from a plain PostgreSQL table (json parsed, as the pull must),
    # written with plain executemany
    # - "same end state": into a fresh workstation's incident table, its full-text trigger
    #   set aside and the full-text index built afterwards in one statement (a plain
    #   executemany through the trigger flushes a full-text segment per row: hours);
    # - "bare": into a table of the incident's columns with no index at all, the least
    #   that moves the rows (for reference).
    cols = [c.name for c in Incident.__table__.columns]
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE plain AS SELECT (data::json)->>'id' AS id, data FROM hub_record "
                "WHERE tbl = 'incident'"
            )
        )
    floor_db = open_context(tmp / "floor", workstation_code="FLR")
    with floor_db.db.write() as s:
        s.connection().exec_driver_sql(f"CREATE TABLE bare_incident ({', '.join(cols)})")
        s.connection().exec_driver_sql("DROP TRIGGER incident_fts_ai")
        s.connection().exec_driver_sql("INSERT INTO sync_applying (id) VALUES (1)")

    def plain_load(table: str) -> float:
        began = time.perf_counter()
        with engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=20_000).execute(
                text("SELECT data FROM plain")
            )
            marks = ",".join("?" * len(cols))
            for part in result.partitions():
                values = []
                for (data,) in part:
                    d = json.loads(data)
                    values.append(
                        tuple(json.dumps(d[c]) if c == "versions" else d[c] for c in cols)
                    )
                with floor_db.db.write() as s:
                    # The page cache the pull writes with (a setting, not a technique).
                    s.connection().exec_driver_sql(f"PRAGMA cache_size = -{PULL_CACHE_KIB}")
                    s.connection().exec_driver_sql(
                        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", values
                    )
            if table == "incident":
                with floor_db.db.write() as s:
                    s.connection().exec_driver_sql(
                        "INSERT INTO incident_fts(rowid, title, description, place) "
                        "SELECT rowid, title, description, kecamatan || ' ' || desa "
                        "FROM incident WHERE deleted = 0"
                    )
                    s.connection().exec_driver_sql(
                        "INSERT INTO incident_fts_trigram(rowid, ref, title, description, "
                        "place) SELECT rowid, ref, title, description, kecamatan || ' ' || "
                        "desa FROM incident WHERE deleted = 0"
                    )
        return time.perf_counter() - began

    floor_s = plain_load("incident")
    bare_s = plain_load("bare_incident")
    engine.dispose()
    floor_db.close()
    fresh.close()
    hub.dispose()
    stall = max(gaps) if gaps else 0.0
    return [
        Result(f"first pull of {n:,} incidents", pull_s, "s", floor_s, "≤ 3× floor",
               pull_s <= 3 * floor_s,
               "floor: read from PostgreSQL + executemany into the incident table, full-text "
               "indexes built after in one statement each"),
        Result(f"first pull of {n:,} incidents, against a bare table", pull_s, "s", bare_s,
               "", None,
               "floor: read from PostgreSQL + executemany into a table with no index (reference)"),
        Result("longest GUI-thread stall during sync", stall, "ms", None, "< 100 ms",
               stall < 100),
    ]  # fmt: skip


def _load(ctx: Any, rows: list[dict[str, Any]]) -> None:
    """Store the rows to sync on a throw-away workstation (captured into its outbox).

    Its full-text trigger is dropped first: a row per statement makes the full-text index
    flush a segment per row, and loading a million rows that way takes hours. The rows
    only need to reach the hub from here.
    """
    with ctx.db.write() as s:
        s.connection().exec_driver_sql("DROP TRIGGER IF EXISTS incident_fts_ai")
        s.execute(Incident.__table__.insert(), rows)


def incident_documents(ctx: Any) -> list[dict[str, Any]]:
    """Every incident of the workstation ``ctx`` as the documents a push sends."""
    with ctx.db.read() as s:
        cols = [c.name for c in Incident.__table__.columns]
        raw = s.connection().exec_driver_sql(f"SELECT {', '.join(cols)} FROM incident").all()
    return [dict(zip(cols, r, strict=True)) for r in raw]


def copy_floor_s(floor_hub: Hub, docs: list[dict[str, Any]]) -> float:
    """The push's floor: ``docs`` COPied into a temporary table of an empty hub and
    written by one INSERT … ON CONFLICT (seconds)."""
    start = time.perf_counter()
    buf = io.StringIO()
    for i, d in enumerate(docs):
        data = json.dumps(d, separators=(",", ":"), default=str)
        buf.write(f"incident\t{d['id']}\t{i + 1}\t{_copy_escape(data)}\n")
    with floor_hub.engine.begin() as conn:
        dbapi = conn.connection.driver_connection
        cur = dbapi.cursor()  # type: ignore[union-attr]
        cur.execute("CREATE TEMP TABLE load (tbl text, id text, seq bigint, data text)")
        with cur.copy("COPY load FROM STDIN") as copy:
            copy.write(buf.getvalue())
        cur.execute(
            "INSERT INTO hub_record (tbl, id, seq, data) SELECT tbl, id, seq, data FROM load "
            "ON CONFLICT (tbl, id) DO UPDATE SET seq = excluded.seq, data = excluded.data"
        )
    return time.perf_counter() - start


def _copy_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _timed_ms(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000

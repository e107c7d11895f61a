"""The local database: bulk seeding and the incidents queries the desk runs all day."""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from bench.common import DATA_DIR, Result, demo_data_dir, incidents_n, median_ms


def _seed_vs_raw(n: int) -> list[Result]:
    from desk_app import demo
    from desk_app.context import open_context

    target = DATA_DIR / "seed-run"
    shutil.rmtree(target, ignore_errors=True)
    ctx = open_context(target, workstation_code="SEED")
    template = DATA_DIR / "seed-template.sqlite3"
    ctx.db.dispose()
    shutil.copy(ctx.paths.database, template)
    started = time.perf_counter()
    demo.seed_demo(ctx.db, incidents=n, seed=1)
    seconds = time.perf_counter() - started
    ctx.close()

    # The floor: the very same rows, generated beforehand, written with sqlite3's own
    # executemany into the same schema in one transaction.
    captured: list[demo._Plan] = []
    original = demo._chunks
    demo._chunks = lambda plan: (captured.append(plan), iter(()))[1]  # type: ignore[assignment]
    try:
        floor_dir = DATA_DIR / "seed-floor"
        shutil.rmtree(floor_dir, ignore_errors=True)
        fctx = open_context(floor_dir, workstation_code="SEED")
        demo.seed_demo(fctx.db, incidents=n, seed=1)
        fctx.close()
    finally:
        demo._chunks = original  # type: ignore[assignment]
    chunks = list(demo._generate(captured[0]))
    rows = sum(len(c[1]) + len(c[2]) + len(c[3]) for c in chunks if c[0] == "incidents")
    raw_path = DATA_DIR / "seed-raw.sqlite3"
    shutil.copy(template, raw_path)
    conn = sqlite3.connect(raw_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    # The floor is the bare row insertion: the same tables without their triggers
    # (full-text index, sync capture) and secondary indexes, which the real load also
    # builds. (With them maintained row by row, a million incidents take over an hour.)
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL "
        "AND type IN ('trigger', 'index')"
    ).fetchall():
        conn.execute(f'DROP {kind.upper()} "{name}"')
    started = time.perf_counter()
    conn.execute("BEGIN")
    for kind, a, b, c, _, _ in chunks:
        if kind != "incidents":
            continue
        conn.executemany(demo._INCIDENT_SQL, a)
        conn.executemany(demo._STATUS_SQL, b)
        conn.executemany(demo._FOLLOW_UP_SQL, c)
    conn.execute("COMMIT")
    raw_seconds = time.perf_counter() - started
    conn.close()
    for path in (raw_path, template):
        path.unlink(missing_ok=True)
    shutil.rmtree(DATA_DIR / "seed-floor", ignore_errors=True)
    _keep_as_demo(target, n)
    note = (
        f"{rows:,} rows (incidents, status history, follow-ups), with their indexes, "
        "full-text index and sync outbox; floor = sqlite3 executemany of the same "
        "pre-generated rows into the bare tables"
    )
    return [
        Result(
            f"seed-demo {n:,} incidents",
            seconds,
            "s",
            raw_seconds,
            target="< 180 s for 1,000,000",
            passed=seconds < 180 * n / 1_000_000,
            note=note,
        ),
        Result(
            "seed-demo throughput",
            rows / seconds,
            "rows/s",
            rows / raw_seconds,
            note="floor = raw executemany rows/s",
        ),
    ]


def _keep_as_demo(seeded: Path, n: int) -> None:
    """Keep the database just seeded as the demo database the other benchmarks use."""
    demo = DATA_DIR / f"demo-{n}"
    if (demo / ".seeded").exists():
        shutil.rmtree(seeded, ignore_errors=True)
        return
    shutil.rmtree(demo, ignore_errors=True)
    seeded.rename(demo)
    (demo / ".seeded").write_text(str(n), encoding="utf-8")


def _queries(n: int) -> list[Result]:
    from desk_app.context import open_context
    from desk_app.services import incidents

    ctx = open_context(demo_data_dir(n))
    results = []
    with ctx.db.read() as s:
        flt = incidents.IncidentFilter(region_codes=("33.74",), statuses=("selesai",))
        page = median_ms(lambda: incidents.list_incidents(s, flt, limit=200))
        raw = s.connection().connection.driver_connection
        assert raw is not None
        region_id = (
            s.connection().exec_driver_sql("SELECT id FROM region WHERE code = '33.74'").scalar()
        )
        floor = median_ms(
            lambda: raw.execute(
                "SELECT * FROM incident WHERE region_id = ? AND status = ? "
                "ORDER BY occurred_at DESC LIMIT 200",
                (region_id, "selesai"),
            ).fetchall()
        )
        results.append(
            Result("filtered page of 200 (region + status, newest first)", page, "ms", floor,
                   target="< 10 ms", passed=page < 10, note="floor = the bare SELECT"),
        )  # fmt: skip
        # A rare word: one incident gets a unique word in its description.
        rare = "rawanxyzbench"
        with_rare = (
            s.connection()
            .exec_driver_sql(
                "SELECT count(*) FROM incident_fts WHERE incident_fts MATCH ?", (rare,)
            )
            .scalar()
        )
    if not with_rare:
        with ctx.db.write() as w:
            w.connection().exec_driver_sql(
                "UPDATE incident SET description = description || ' ' || ? "
                "WHERE rowid = (SELECT max(rowid) / 2 FROM incident)",
                (rare,),
            )
    with ctx.db.read() as s:
        raw = s.connection().connection.driver_connection
        assert raw is not None
        for label, term, target in (
            ("search page of 200, rare word", rare, 10.0),
            ("search page of 200, common word (hoaks)", "hoaks", None),
        ):
            flt = incidents.IncidentFilter(search=term)
            took = median_ms(lambda flt=flt: incidents.list_incidents(s, flt, limit=200))
            floor = median_ms(
                lambda term=term: raw.execute(
                    "SELECT rowid FROM incident_fts WHERE incident_fts MATCH ? LIMIT 200",
                    (f'"{term}"*',),
                ).fetchall()
            )
            results.append(
                Result(label, took, "ms", floor,
                       target=f"< {target:.0f} ms" if target else "",
                       passed=(took < target) if target else None,
                       note="floor = the bare FTS5 MATCH"),
            )  # fmt: skip
        count_ms = median_ms(
            lambda: incidents.count_incidents(s, incidents.IncidentFilter()), repeat=5
        )
        results.append(Result("count of all incidents (table footer)", count_ms, "ms"))
    ctx.close()
    return results


def run() -> list[Result]:
    n = incidents_n()
    print(f"   seeding {n:,} incidents twice ({datetime.now():%H:%M})", flush=True)
    return _seed_vs_raw(n) + _queries(n)

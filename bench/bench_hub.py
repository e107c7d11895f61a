"""The sync service at election-day scale, and its overhead against the direct floor.

    eval "$(.ci/pg.sh)"; python -m bench hub

Needs ``DESK_TEST_PG_URL`` (or ``DESK_BENCH_PG_URL``). Sizes:
``DESK_BENCH_HUB_WORKSTATIONS`` (default 180: 36 desks × 5), ``DESK_BENCH_HUB_CYCLES``
(default 3), ``DESK_BENCH_HUB_RTT_MS`` (default 50, injected by a delaying proxy on
loopback), ``DESK_BENCH_HUB_PUSH`` (default 100,000 new incidents pushed, measured) and
``DESK_BENCH_HUB_PULL`` (default 1,000,000 incidents for the first pull: the pushed ones and
more pushed after them, not measured).

The service runs in a process of its own (``bench.hub_process``: the application and
uvicorn settings of ``desk-app hub serve``), as it does beside the hub's database; the
workstations' sync engines and the delaying proxy run in this one.

- **Election day**: every workstation logs one incident and syncs, cycle after cycle (time
  compressed: the cycles follow each other at once); each sync goes through the proxy.
  Reported: p50/p99 of a sync, p99 of the writer lock's hold time on the hub (goal under
  20 ms whatever the round trip), and whether every workstation holds every other's
  incidents after two more cycles. A batch written in one statement (docs/sync.md) is
  timed in PostgreSQL's clock from the state row taken to its last write; one written
  under the lock, in the service from the lock taken to the commit.
- **Push through the service** of new incidents against the COPY floor of ``bench sync``
  (the same documents COPied into an empty hub): goal at most 3×.
- **First pull through the service** against the same pull straight from the hub's
  database (the direct floor, as before the service): goal at most 1.5×.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bench.bench_sync import _incidents, _load, _schema_url, copy_floor_s, incident_documents
from bench.common import Result
from bench.hub_process import ServiceProcess
from desk_app.context import open_context, sign_in_as
from desk_app.db import head_revision
from desk_app.hub.seed import read_documents, reference_documents
from desk_app.hub.server import free_port
from desk_app.hub.store import Hub
from desk_app.services import auth, incidents
from desk_app.sync import connection
from desk_app.sync.client import Syncer

PASSWORD = "Bench-Admin-2024"


def _pg_url() -> str | None:
    return os.environ.get("DESK_BENCH_PG_URL") or os.environ.get("DESK_TEST_PG_URL")


class DelayingProxy:
    """A TCP proxy on loopback that holds every chunk for half the round trip."""

    def __init__(self, target_port: int, rtt_ms: float) -> None:
        self.port = free_port()
        self.target_port = target_port
        self.delay = rtt_ms / 2000
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self._ready = threading.Event()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while data := await reader.read(65536):
                    await asyncio.sleep(self.delay)
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                writer.close()

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
            await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer))

        async def main() -> None:
            self.server = await asyncio.start_server(handle, "127.0.0.1", self.port)
            self._ready.set()
            async with self.server:
                await self.server.serve_forever()

        with contextlib.suppress(asyncio.CancelledError):
            self.loop.run_until_complete(main())

    def start(self) -> DelayingProxy:
        self.thread.start()
        self._ready.wait(10)
        return self

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.server.close)
        for task in asyncio.all_tasks(self.loop):
            self.loop.call_soon_threadsafe(task.cancel)
        self.thread.join(5)


def _empty_hub(base: str, schema: str) -> Hub:
    """An initialised hub in a new schema of the benchmark's PostgreSQL database."""
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    hub = Hub(_schema_url(base, schema))
    hub.init(head_revision())
    return hub


def _hub(base: str, schema: str, tmp: Path) -> Hub:
    hub = _empty_hub(base, schema)
    hub.seed(reference_documents())
    founder = open_context(tmp / "founder", workstation_code="HUB0")
    with founder.db.write() as session:
        if auth.needs_first_password(session):
            auth.set_first_password(session, PASSWORD)
    path = founder.paths.database
    founder.close()
    hub.seed(
        [("user_account", read_documents(path, "user_account", "WHERE username = 'admin'")[0])]
    )
    return hub


def _url(hub: Hub) -> str:
    """The hub's database URL with its password, for the service's process."""
    return hub.url.render_as_string(hide_password=False)


def _drop(base: str, schema: str) -> None:
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def run() -> list[Result]:
    base = _pg_url()
    if not base:
        print('hub: skipped (set DESK_TEST_PG_URL; eval "$(.ci/pg.sh)")')
        return []
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="desk-bench-hub-") as folder:
        tmp = Path(folder)
        results += _election_day(base, tmp)
        results += _push_and_pull(base, tmp)
    return results


def _election_day(base: str, tmp: Path) -> list[Result]:
    n = int(os.environ.get("DESK_BENCH_HUB_WORKSTATIONS", "180"))
    cycles = int(os.environ.get("DESK_BENCH_HUB_CYCLES", "3"))
    rtt = float(os.environ.get("DESK_BENCH_HUB_RTT_MS", "50"))
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    hub = _hub(base, schema, tmp)
    server = ServiceProcess(_url(hub), tmp / "holds-election.json").start()
    proxy = DelayingProxy(server.port, rtt).start()
    url = f"http://127.0.0.1:{proxy.port}"
    sites: list[tuple[Any, Syncer]] = []
    holds: list[float] = []
    measured_from = measured_to = 0.0
    try:
        for i in range(n):
            ctx = open_context(tmp / f"ws{i}", workstation_code=f"W{i:03d}")
            workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
            remote = connection.enroll(ctx.db, workstation, url, "admin", PASSWORD)
            sign_in_as(ctx, "admin")
            sites.append((ctx, Syncer(ctx.db, remote, verify=False)))
        for _ctx, syncer in sites:
            syncer.sync()  # the first sync: reference data, accounts
        measured_from = time.time()
        durations: list[float] = []
        lock = threading.Lock()

        def cycle(c: int) -> None:
            def one(ctx: Any, syncer: Syncer) -> None:
                with ctx.db.write() as session:
                    incidents.create_incident(
                        session,
                        ctx.actor,
                        incidents.IncidentInput(
                            title=f"Insiden {ctx.workstation_code} siklus {c}",
                            region_code="33.74",
                            category="HOAKS",
                            severity=2,
                            source_type="MEDSOS",
                        ),
                    )
                started = time.perf_counter()
                syncer.sync()
                with lock:
                    durations.append(time.perf_counter() - started)

            # Workstations sync concurrently, a few at a time (two cores here).
            threads: list[threading.Thread] = []
            for ctx, syncer in sites:
                t = threading.Thread(target=one, args=(ctx, syncer))
                threads.append(t)
                t.start()
                if len(threads) >= 16:
                    threads.pop(0).join()
            for t in threads:
                t.join()

        for c in range(cycles):
            cycle(c)
        measured_to = time.time()
        for _ in range(2):  # two more cycles without new incidents
            for _ctx, syncer in sites:
                syncer.sync()
        expected = n * cycles
        complete = all(_count(ctx) == expected for ctx, _ in sites)
    finally:
        for ctx, syncer in sites:
            syncer.hub.dispose()
            ctx.close()
        proxy.stop()
        holds = sorted(h for t, h in server.stop() if measured_from <= t <= measured_to)
        hub.dispose()
        _drop(base, schema)
    q = statistics.quantiles(durations, n=100)
    p99_hold = statistics.quantiles(holds, n=100)[98] * 1000 if len(holds) > 1 else 0.0
    p50_hold = statistics.median(holds) * 1000 if holds else 0.0
    note = f"{n} workstations, {cycles} cycles, {rtt:.0f} ms round trip"
    return [
        Result("election day: sync p50", statistics.median(durations) * 1000, "ms", note=note),
        Result("election day: sync p99", q[98] * 1000, "ms", note=note),
        Result(
            "election day: writer lock held p99",
            p99_hold,
            "ms",
            target="< 20 ms",
            passed=p99_hold < 20,
            note=f"{len(holds)} hub write transactions (one statement: timed in "
            "PostgreSQL from the state row taken to the last write; under the lock: in "
            f"the service, to the commit); median {p50_hold:.1f} ms, "
            f"longest {max(holds, default=0) * 1000:.1f} ms",
        ),
        Result(
            "election day: everyone holds everyone's incidents",
            1.0 if complete else 0.0,
            "yes",
            target="after two cycles",
            passed=complete,
        ),
    ]


def _count(ctx: Any) -> int:
    with ctx.db.read() as session:
        return int(
            session.connection().exec_driver_sql("SELECT count(*) FROM incident").scalar_one()
        )


def _authored(n: int, ctx: Any, prefix: str) -> list[dict[str, Any]]:
    """``n`` new incidents of ``bench sync``, authored by the signed-in ``ctx.actor`` and
    in the form the service's checks take (no stray spaces, the platform's code)."""
    rows = _incidents(n, ctx.site_id, prefix)
    for row in rows:
        row["created_by"] = row["updated_by"] = ctx.actor.user_id
        row["description"] = row["description"].strip()
        row["platform"] = "WHATSAPP"
    return rows


def _copy_floors(base: str, docs: list[dict[str, Any]], runs: int = 3) -> list[float]:
    """The push's COPY floor (``bench sync``), ``runs`` times, each into an empty hub of
    its own: single runs of the same documents were seen from 1.83 to 3.38 s."""
    floors = []
    for _ in range(runs):
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        floor_hub = _empty_hub(base, schema)
        try:
            floors.append(copy_floor_s(floor_hub, docs))
        finally:
            floor_hub.dispose()
            _drop(base, schema)
    return floors


def _push_and_pull(base: str, tmp: Path) -> list[Result]:
    n = int(os.environ.get("DESK_BENCH_HUB_PUSH", "100000"))
    n_pull = max(n, int(os.environ.get("DESK_BENCH_HUB_PULL", "1000000")))
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    hub = _hub(base, schema, tmp)
    server = ServiceProcess(_url(hub), tmp / "holds-pull.json").start()
    try:
        source = open_context(tmp / "pull-source", workstation_code="SRC1")
        workstation = connection.workstation_of(source.db, source.paths.data_dir)
        remote = connection.enroll(source.db, workstation, server.url, "admin", PASSWORD)
        sign_in_as(source, "admin")
        assert source.actor is not None
        syncer = Syncer(source.db, remote, verify=False)
        syncer.sync()  # the first sync: reference data, accounts
        _load(source, _authored(n, source, "SRC"))
        # As the window does once it is shown (desk_app/ui/app.py), and as `bench sync`
        # does: what lives now (the election day's 180 workstations among it) is kept out
        # of the collector's full passes, which pause every thread of the push.
        gc.collect()
        gc.freeze()
        started = time.perf_counter()
        report = syncer.sync()
        push_s = time.perf_counter() - started
        if report.refused or report.pending or report.pushed < n:
            raise RuntimeError(f"the service refused {report.refused} of the rows to push")
        push_floors = _copy_floors(base, incident_documents(source))
        push_floor_s = statistics.median(push_floors)
        gc.unfreeze()
        # The rest of the first pull's incidents reach the hub the same way, unmeasured.
        for start in range(n, n_pull, 50_000):
            _load(source, _authored(min(50_000, n_pull - start), source, f"S{start // 50_000}"))
        report = syncer.sync()
        remote.dispose()
        if report.refused or report.pending:
            raise RuntimeError(f"the service refused {report.refused} of the rows to push")
        source.close()

        def pull_via(target: str, hub_like: Any) -> float:
            ctx = open_context(tmp / target, workstation_code=target[:4].upper())
            started = time.perf_counter()
            Syncer(ctx.db, hub_like, verify=False).sync()
            elapsed = time.perf_counter() - started
            got = _count(ctx)
            ctx.close()
            if got != n_pull:
                raise RuntimeError(f"pulled {got} incidents of {n_pull}")
            return elapsed

        direct = pull_via("direct", hub)  # the floor: the engine reading the database itself
        ctx = open_context(tmp / "service", workstation_code="SVC1")
        workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
        remote = connection.enroll(ctx.db, workstation, server.url, "admin", PASSWORD)
        ctx.close()
        through = pull_via("service", remote)
        remote.dispose()
    finally:
        server.stop()
        hub.dispose()
        _drop(base, schema)
    ratio = through / direct
    return [
        Result(
            f"push of {n:,} new incidents through the service",
            push_s,
            "s",
            floor=push_floor_s,
            target="≤ 3× floor",
            passed=push_s <= 3 * push_floor_s,
            note="floor: the same documents COPied into an empty hub's temporary table "
            "and written by one INSERT … ON CONFLICT (as bench sync); median of "
            f"{len(push_floors)} runs, each into a new hub "
            f"({', '.join(f'{f:.2f}' for f in push_floors)} s)",
        ),
        Result(
            f"first pull of {n_pull:,} incidents through the service",
            through,
            "s",
            floor=direct,
            target="≤ 1.5× direct",
            passed=ratio <= 1.5,
            note="floor: the same pull reading the hub's database directly",
        ),
    ]

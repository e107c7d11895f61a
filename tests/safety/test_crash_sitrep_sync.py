"""Kill the process (SIGKILL) while it issues sitreps or syncs; nothing reported is lost.

Sitreps: every number the child reported as issued is recorded, its PDF is there with the
recorded SHA-256, and no file under a sitrep's final name is a half-written PDF.

Sync: the local database stays sound and keeps every incident the child reported; a fresh
sync from the same data directory then completes, the hub holds each of those incidents
exactly once, and another site receives them all.
"""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from safety_helpers import start_child
from sqlalchemy import select

from desk_app.context import AppContext, open_context, sign_in_as
from desk_app.db import integrity_check, open_database
from desk_app.demo import seed_demo
from desk_app.hub.server import BackgroundServer
from desk_app.hub.store import Hub, hub_record
from desk_app.models import Incident, Sitrep
from desk_app.services import incidents, sitreps
from desk_app.sync import connection
from desk_app.sync.client import Syncer
from desk_app.sync.remote import RemoteHub
from tests.sync.conftest import ADMIN_PASSWORD, init_hub

ISSUE_SITREPS = """
import sys
from datetime import timedelta
from desk_app.context import AppContext, open_context, sign_in_as
from desk_app.models import utcnow
from desk_app.reports import SitrepOptions, issue
from desk_app.services import incidents, sitreps
ctx = open_context(sys.argv[1])
actor = sign_in_as(ctx, "koordinator")
original = sitreps._write_atomically
def announced(path, data):
    print("writing", path.name, flush=True)
    original(path, data)
sitreps._write_atomically = announced
end = utcnow()
options = SitrepOptions(end - timedelta(days=60), end)
while True:
    issued = issue.issue_sitrep(ctx.db, actor, options, reports_dir=ctx.paths.reports_dir)
    print("issued", issued.number, flush=True)  # after the record's commit
"""


def _kill_at(
    proc: subprocess.Popen[str], marker: str, nth: int, timeout: float = 60.0
) -> list[str]:
    """Collect stdout lines; SIGKILL the child right after the ``nth`` line starting with
    ``marker`` (the child is then inside the step it announced)."""
    assert proc.stdout is not None
    lines: list[str] = []
    seen = 0
    deadline = time.monotonic() + timeout
    while seen < nth and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line.strip())
        seen += line.startswith(marker)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=30)
    lines.extend(x.strip() for x in out.splitlines() if x.strip())
    assert seen == nth, err[-2000:]
    assert proc.returncode == -signal.SIGKILL, err[-2000:]
    return lines


def _is_complete_pdf(path: Path) -> bool:
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        return False
    return len(PdfReader(path).pages) > 0


@pytest.mark.parametrize("kill_at", ["writing", "issued"])
def test_kill_while_issuing_sitreps(data_dir: Path, kill_at: str) -> None:
    ctx = open_context(data_dir, workstation_code="GB1")
    seed_demo(ctx.db, incidents=3000)  # also adds the demo coordinator "koordinator"
    reports_dir = ctx.paths.reports_dir
    ctx.close()

    proc = start_child(ISSUE_SITREPS, str(data_dir))
    # "writing": killed while the PDF is written or just before its record commits;
    # "issued": killed right after a report, while the next one is reserved and rendered.
    lines = _kill_at(proc, kill_at, 4)
    reported = [line.split()[1] for line in lines if line.startswith("issued")]
    assert len(reported) >= 3

    db = open_database(data_dir / "desk.sqlite3")  # no repair step exists or is needed
    try:
        assert integrity_check(db.engine) == []
        with db.read() as session:
            recorded = {row.number: row for row in session.scalars(select(Sitrep))}
            assert set(reported) <= set(recorded)
            # At most the one being recorded when killed is missing from the report.
            assert len(recorded) - len(reported) <= 1
            for number in recorded:
                record, data = sitreps.open_sitrep(session, number)  # checks the SHA-256
                assert Path(record.file_path).parent == reports_dir.resolve()
                assert data.startswith(b"%PDF-")
    finally:
        db.dispose()
    # Under a final name only complete PDFs; a file being written carries a temporary name.
    for path in reports_dir.glob("laporan-situasi-*.pdf"):
        assert _is_complete_pdf(path), path.name
    finals = {p.name for p in reports_dir.glob("laporan-situasi-*.pdf")}
    assert {sitreps.file_name(n) for n in recorded} <= finals
    # A killed write may leave its temporary file, never more than the one.
    assert len(list(reports_dir.glob(".sitrep-*.pdf"))) <= 1


SYNC_WHILE_WRITING = """
import sys, threading, time
from desk_app.context import AppContext, open_context, sign_in_as
from desk_app.services import incidents
from desk_app.sync.client import Syncer
ctx = open_context(sys.argv[1])
actor = sign_in_as(ctx, "admin")
out = threading.Lock()
def say(text):
    with out:
        sys.stdout.write(text + "\\n")
        sys.stdout.flush()
def fault(point):
    say(f"sync {point}")
    time.sleep(0.02)  # let the kill land right at this point
def write():
    n = 0
    while True:
        n += 1
        with ctx.db.write() as session:
            d = incidents.create_incident(session, actor, incidents.IncidentInput(
                title=f"Insiden sinkron {n}", region_code="33.74", category="HOAKS",
                severity=2, source_type="MEDSOS", description="d" * 500))
        say(f"ref {d.ref}")  # after the commit: reported as saved
        time.sleep(0.005)
threading.Thread(target=write, daemon=True).start()
from desk_app.sync import connection
hub = connection.remote(connection.workstation_of(ctx.db, ctx.paths.data_dir))
syncer = Syncer(ctx.db, hub, batch_size=10, page_size=10, fault=fault)
while True:
    time.sleep(0.2)
    syncer.sync()
    say("synced")
"""


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    """A SQLite hub, as ``hub init`` leaves it."""
    h = Hub(f"sqlite:///{tmp_path}/hub.sqlite3")
    init_hub(h, tmp_path)
    yield h
    h.dispose()


@pytest.fixture
def service(hub: Hub) -> Iterator[BackgroundServer]:
    server = BackgroundServer(hub).start()
    yield server
    server.stop()


def _enrolled(ctx: AppContext, service: BackgroundServer) -> RemoteHub:
    workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
    return connection.enroll(ctx.db, workstation, service.url, "admin", ADMIN_PASSWORD)


def _hub_refs(hub: Hub) -> Counter[str]:
    import json

    with hub.reading() as conn:
        rows = conn.execute(select(hub_record.c.data).where(hub_record.c.tbl == "incident")).all()
    return Counter(json.loads(data)["ref"] for (data,) in rows)


@pytest.mark.parametrize("kill_at", ["sync push_after_commit", "sync pull_before_cursor"])
def test_kill_while_syncing(
    tmp_path: Path, kill_at: str, hub: Hub, service: BackgroundServer
) -> None:
    site_a = tmp_path / "A"
    first = open_context(site_a, workstation_code="GB1")
    _enrolled(first, service).dispose()
    first.close()
    # Another site's incidents on the hub, so that the child's syncs also pull pages.
    other = open_context(tmp_path / "B", workstation_code="GB2")
    try:
        actor = sign_in_as(other, "admin")
        with other.db.write() as session:
            for n in range(60):
                incidents.create_incident(
                    session,
                    actor,
                    incidents.IncidentInput(
                        title=f"Dari GB2 {n}",
                        region_code="33.74",
                        category="HOAKS",
                        severity=1,
                        source_type="MEDSOS",
                    ),
                )
        remote = _enrolled(other, service)
        Syncer(other.db, remote).sync()
        remote.dispose()
    finally:
        other.close()

    proc = start_child(SYNC_WHILE_WRITING, str(site_a))
    # Kill at the third time the sync reaches that point: mid-way through a sync, with
    # batches before it committed on the hub and pages before it applied locally.
    lines = _kill_at(proc, kill_at, 3)
    reported = [line.split()[1] for line in lines if line.startswith("ref ")]
    assert reported

    ctx = open_context(site_a)
    try:
        assert integrity_check(ctx.db.engine) == []
        with ctx.db.read() as session:
            local = set(session.scalars(select(Incident.ref)))
        assert set(reported) <= local
        sign_in_as(ctx, "admin")
        remote = connection.remote(connection.workstation_of(ctx.db, ctx.paths.data_dir))
        report = Syncer(ctx.db, remote).sync()
        remote.dispose()
        assert report.mismatches == {}
        assert report.pending == 0
    finally:
        ctx.close()

    on_hub = _hub_refs(hub)
    duplicates = {ref: n for ref, n in on_hub.items() if n > 1}
    assert duplicates == {}
    assert set(reported) <= set(on_hub)
    assert local <= set(on_hub)

    third = open_context(tmp_path / "C", workstation_code="GB3")
    try:
        remote = _enrolled(third, service)
        Syncer(third.db, remote).sync()
        remote.dispose()
        with third.db.read() as session:
            received = Counter(session.scalars(select(Incident.ref)))
        assert set(reported) <= set(received)
        assert received == on_hub
    finally:
        third.close()

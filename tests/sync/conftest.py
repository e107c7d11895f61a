"""Sync test fixtures: a hub (SQLite file, and PostgreSQL when configured), the sync
service in front of it on loopback, and enrolled sites that sync through the service.

PostgreSQL cases need ``DESK_TEST_PG_URL`` (``eval "$(.ci/pg.sh)"`` starts a server and
sets it). Without it they skip — except when ``CI`` is set: then they fail, so that a CI
run never passes without having exercised the PostgreSQL hub.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import create_engine, func, select, text

import desk_app.services.records as records
from desk_app.context import AppContext, open_context, sign_in_as
from desk_app.db import head_revision
from desk_app.hlc import HybridClock, Timestamp, wall_clock_ms
from desk_app.hub.seed import read_documents, reference_documents
from desk_app.hub.server import BackgroundServer
from desk_app.hub.store import Hub
from desk_app.models import Incident, SyncConflict
from desk_app.services import auth
from desk_app.services.records import Writer
from desk_app.services.setup import region_id
from desk_app.sync import connection
from desk_app.sync.client import Syncer, SyncReport
from desk_app.sync.remote import RemoteHub

#: The hub's first administrator's password in these tests.
ADMIN_PASSWORD = "Rahasia-Admin-2024"

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
PG_HELP = (
    "PostgreSQL hub tests skipped: set DESK_TEST_PG_URL, e.g. run "
    'eval "$(.ci/pg.sh)" (starts a server on 127.0.0.1 and prints the variable)'
)


def pg_url_or_skip() -> str:
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI is set but DESK_TEST_PG_URL is not: PostgreSQL tests must run")
        pytest.skip(PG_HELP)
    return PG_URL


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hub_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/hub.sqlite3"
        return
    base = pg_url_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(base)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


_FOUNDER: dict[str, Any] = {}


def founder_admin(tmp_root: Path) -> dict[str, Any]:
    """The hub's first administrator (``admin`` with ``ADMIN_PASSWORD``), as ``hub init``
    takes it from the workstation of the administrator who runs it. Made once per run:
    hashing a password is slow on purpose."""
    if not _FOUNDER:
        ctx = open_context(tmp_root / "founder", workstation_code="HUB0")
        with ctx.db.write() as session:
            if auth.needs_first_password(session):
                auth.set_first_password(session, ADMIN_PASSWORD)
        path = ctx.paths.database
        ctx.close()
        _FOUNDER.update(read_documents(path, "user_account", "WHERE username = 'admin'")[0])
    return dict(_FOUNDER)


_REFERENCE: list[tuple[str, dict[str, Any]]] = []


def init_hub(h: Hub, tmp_root: Path) -> None:
    """What ``desk-app hub init`` does: schema, reference data, first administrator."""
    h.init(head_revision())
    if not _REFERENCE:
        _REFERENCE.extend(reference_documents())
    h.seed(_REFERENCE)
    h.seed([("user_account", founder_admin(tmp_root))])


@pytest.fixture
def hub(hub_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    h = Hub(hub_url)
    init_hub(h, tmp_path_factory.getbasetemp())
    yield h
    h.dispose()


@pytest.fixture
def service(hub: Hub) -> Iterator[BackgroundServer]:
    """The sync service over ``hub``, on a free loopback port, stopped after the test."""
    server = BackgroundServer(hub).start()
    yield server
    server.stop()


class LoopbackRemote(RemoteHub):
    """A workstation's connection whose test faults inside the hub's transaction reach
    the service (it runs on a thread of this process)."""

    server: BackgroundServer | None = None

    def push(self, site_id: str, batch_id: str, changes: Any, **kw: Any) -> Any:
        fault = kw.pop("fault", None)
        if fault is not None and self.server is not None:
            self.server.service.faults[batch_id] = fault
        try:
            return super().push(site_id, batch_id, changes, **kw)
        finally:
            if self.server is not None:
                self.server.service.faults.pop(batch_id, None)


def enroll_site(ctx: AppContext, server: BackgroundServer, **options: Any) -> LoopbackRemote:
    workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
    plain = connection.enroll(ctx.db, workstation, server.url, "admin", ADMIN_PASSWORD)
    remote = LoopbackRemote(plain.url, token=plain.token, sessions=plain.sessions)
    remote.server = server
    plain.dispose()
    return remote


class Site:
    """One workstation in a test: its context, its syncer, a few verbs."""

    def __init__(self, ctx: AppContext, hub: RemoteHub, **options: Any) -> None:
        self.ctx = ctx
        self.hub = hub
        self.offset_ms = 0
        options.setdefault("now_ms", lambda: wall_clock_ms() + self.offset_ms)
        self.syncer = Syncer(ctx.db, hub, **options)

    @property
    def code(self) -> str:
        return self.ctx.workstation_code

    @contextmanager
    def _clock(self) -> Iterator[None]:
        offset = self.offset_ms
        original = records.HybridClock

        def skewed(site: str, last: Timestamp | None = None, now_ms: Any = None) -> HybridClock:
            # The computer's (wrong) clock, corrected by the hub's offset when it has one.
            correction = (now_ms() - wall_clock_ms()) if now_ms is not None else 0
            return original(site, last, now_ms=lambda: wall_clock_ms() + offset + correction)

        records.HybridClock = skewed  # type: ignore[misc,assignment]
        try:
            yield
        finally:
            records.HybridClock = original  # type: ignore[misc]

    def create(self, title: str, **values: Any) -> str:
        now = datetime.now(UTC)
        with self._clock(), self.ctx.db.write() as s:
            n = s.scalar(select(func.count()).select_from(Incident)) or 0
            values.setdefault("ref", f"{self.code}-2024-{n + 1:05d}")
            row = Writer(s, self.ctx.actor).create(
                Incident,
                occurred_at=now,
                reported_at=now,
                region_id=region_id("33.74"),
                category="HOAKS",
                severity=2,
                source_type="MEDSOS",
                title=title,
                **values,
            )
            return row.id

    def edit(self, incident_id: str, **values: Any) -> None:
        with self._clock(), self.ctx.db.write() as s:
            row = s.get(Incident, incident_id)
            assert row is not None
            Writer(s, self.ctx.actor).update(row, values)

    def delete(self, incident_id: str) -> None:
        self.edit(incident_id, deleted=True)

    def get(self, incident_id: str) -> dict[str, Any]:
        with self.ctx.db.read() as s:
            row = s.get(Incident, incident_id)
            assert row is not None
            return {
                "title": row.title,
                "severity": row.severity,
                "description": row.description,
                "deleted": row.deleted,
                "ref": row.ref,
            }

    def sync(self, **kw: Any) -> SyncReport:
        return self.syncer.sync(**kw)

    def outbox(self) -> int:
        with self.ctx.db.read() as s:
            return int(
                s.connection().exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one()
            )

    def conflicts(self, table: str = "incident") -> list[SyncConflict]:
        with self.ctx.db.read() as s:
            return list(
                s.scalars(
                    select(SyncConflict)
                    .where(SyncConflict.table_name == table)
                    .order_by(SyncConflict.field)
                )
            )

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every synced table's rows (data and versions), for comparing sites."""
        from desk_app.sync.capture import synced_tables

        out: dict[str, list[tuple[Any, ...]]] = {}
        with self.ctx.db.read() as s:
            conn = s.connection()
            for table in synced_tables():
                cols = ["id"] + [
                    c[1]
                    for c in conn.exec_driver_sql(f"PRAGMA table_info({table})")
                    if c[1] not in ("id", "created_at", "updated_at", "created_by", "updated_by")
                ]
                out[table] = sorted(
                    conn.exec_driver_sql(f"SELECT {', '.join(cols)} FROM {table}").all()
                )
        return out


@pytest.fixture
def make_site(tmp_path: Path, service: BackgroundServer) -> Iterator[Callable[..., Site]]:
    made: list[Site] = []

    def make(code: str, **options: Any) -> Site:
        ctx = open_context(tmp_path / code, workstation_code=code)
        remote = enroll_site(ctx, service)
        sign_in_as(ctx, "admin")
        site = Site(ctx, remote, **options)
        made.append(site)
        return site

    yield make
    for site in made:
        site.hub.dispose()
        site.ctx.close()


def hub_rows(hub: Hub, table: str = "incident") -> dict[str, dict[str, Any]]:
    import json

    from desk_app.hub.store import hub_record

    with hub.reading() as conn:
        rows = conn.execute(
            select(hub_record.c.id, hub_record.c.data).where(hub_record.c.tbl == table)
        ).all()
    return {i: json.loads(d) for i, d in rows}


class MemoryKeyring(KeyringBackend):
    """The operating system's keyring, for the tests: credentials never touch a file."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)


def recreate_hub(hub: Hub, tmp_root: Path, *sites: Site) -> None:
    """The hub's database lost and made anew (``hub init`` on an empty database): the
    workstations are enrolled again by an administrator, then sync."""
    from desk_app.hub.store import metadata

    with hub.writing() as conn:
        metadata.drop_all(conn)
    init_hub(hub, tmp_root)
    for site in sites:
        workstation = connection.workstation_of(site.ctx.db, site.ctx.paths.data_dir)
        fresh = connection.enroll(site.ctx.db, workstation, site.hub.url, "admin", ADMIN_PASSWORD)
        site.hub.token, site.hub.sessions = fresh.token, dict(fresh.sessions)
        fresh.dispose()

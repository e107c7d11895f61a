"""A workstation's batches in flight: the next is chosen, tagged and sent while the service
still works on the one before it, which it names; the service stores them in the order
they were made. Two batches out never share a record, so what the first one's answer
puts back (a refusal) is in no batch already sent."""

from __future__ import annotations

import functools
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import anyio
import anyio.to_thread
import pytest
from sqlalchemy import select

from desk_app.hub import app as service_app
from desk_app.hub import order as order_module
from desk_app.hub.order import BatchOrder
from desk_app.hub.server import BackgroundServer
from desk_app.hub.store import Hub, hub_record
from desk_app.models.enums import TaxonomyKind
from desk_app.services import incidents
from desk_app.services.taxonomy import term_codes
from desk_app.sync import client as client_module
from desk_app.sync.errors import HubRefusedError, SyncError
from desk_app.sync.protocol import Change, PushResult
from tests.sync.conftest import Site, hub_rows

MakeSite = Callable[..., Site]


def tamper(site: Site, sql: str, *params: Any) -> None:
    with site.ctx.db.write() as s:
        s.connection().exec_driver_sql(sql, params)


def refusals(site: Site) -> list[tuple[str, str]]:
    with site.ctx.db.read() as s:
        return [
            (str(r[0]), str(r[1]))
            for r in s.connection().exec_driver_sql(
                "SELECT record_id, rule FROM sync_refusal ORDER BY id"
            )
        ]


def outbox_order(site: Site) -> list[tuple[str, str]]:
    with site.ctx.db.read() as s:
        return [
            (str(t), str(i))
            for t, i in s.connection().exec_driver_sql(
                "SELECT table_name, record_id FROM sync_outbox ORDER BY seq"
            )
        ]


def hub_order(hub: Hub, records: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``records`` in the order the hub numbered them."""
    with hub.reading() as conn:
        numbered = {
            (str(t), str(i)): int(n)
            for t, i, n in conn.execute(select(hub_record.c.tbl, hub_record.c.id, hub_record.c.seq))
        }
    return sorted(records, key=numbered.__getitem__)


def test_the_next_batch_goes_out_before_the_first_is_answered(
    hub: Hub, make_site: MakeSite, service: BackgroundServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site("A1", batch_size=1)
    site.sync()
    for title in ("satu", "dua"):
        site.create(title)
    made = outbox_order(site)
    waiting = threading.Event()
    wait_for = BatchOrder.wait_for

    async def waits(self: BatchOrder, batch_id: str, timeout: float | None = None) -> None:
        waiting.set()
        await wait_for(self, batch_id, timeout)

    monkeypatch.setattr(BatchOrder, "wait_for", waits)
    held: list[bool] = []

    def hold_first(point: str) -> None:
        # The service holds the first batch until the second has reached it.
        if point == "hub_before_commit" and not held:
            held.append(waiting.wait(10))

    site.syncer.fault = hold_first
    report = site.sync()
    assert held == [True]
    assert report.pushed == len(made)
    assert site.outbox() == 0
    assert hub_order(hub, made) == made


def test_a_batch_naming_one_that_never_came_is_refused(
    hub: Hub, make_site: MakeSite, service: BackgroundServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The batch it names may still come (from another instance of the service): it waits
    a while, then is refused; nothing of it is stored."""
    monkeypatch.setattr(order_module, "WAIT_S", 0.3)
    site = make_site("A1")
    site.sync()
    incident = site.create("menunggu")
    with site.ctx.db.read() as s:
        row = dict(
            s.connection()
            .exec_driver_sql("SELECT * FROM incident WHERE id = ?", (incident,))
            .mappings()
            .one()
        )
    row["versions"] = {}
    with pytest.raises(HubRefusedError) as refused:
        site.hub.push(
            site.ctx.site_id,
            str(uuid.uuid4()),
            [Change("incident", row, None)],
            after=str(uuid.uuid4()),
        )
    assert refused.value.rule == "batch_order"
    assert incident not in hub_rows(hub)


def test_a_batch_that_arrives_before_the_one_it_names_waits_for_it(
    hub: Hub, make_site: MakeSite, service: BackgroundServer
) -> None:
    site = make_site("A1", batch_size=1)
    site.sync()
    site.create("pertama")
    made = outbox_order(site)
    first_id, second_id = str(uuid.uuid4()), str(uuid.uuid4())
    syncer = site.syncer
    with site.ctx.db.read() as s:
        rows = syncer._rows_of(
            s.connection(),
            [(n, t, i, None) for n, (t, i) in enumerate(made, 1)],
        )
    first, second = (Change(t, rows[(t, i)], None) for t, i in made)
    answers: list[Any] = []
    later = threading.Thread(
        target=lambda: answers.append(
            site.hub.push(site.ctx.site_id, second_id, [second], after=first_id)
        )
    )
    later.start()
    later.join(0.3)
    assert later.is_alive() and not answers  # waiting: what it names has not come
    site.hub.push(site.ctx.site_id, first_id, [first])
    later.join(10)
    [answer] = answers
    assert answer.applied == 1
    assert hub_order(hub, made) == made


def test_a_batch_is_checked_while_the_one_it_names_is_not_stored_yet(
    hub: Hub, make_site: MakeSite, service: BackgroundServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service merges and checks a batch before the one it names is stored (the
    desk's next batch is ready when the earlier one commits); what the earlier batch
    then stored is caught up before the later one is: a follow-up naming the incident the
    earlier batch made is taken, not refused for naming no incident."""
    site = make_site("A1")
    site.sync()
    incident = site.create("induk")
    assert site.ctx.actor is not None
    with site.ctx.db.write() as s:
        code = sorted(term_codes(s, TaxonomyKind.FOLLOW_UP_TYPE))[0]
        incidents.add_follow_up(s, site.ctx.actor, incident, code, "Sudah dikonfirmasi")
    made = outbox_order(site)
    cut = next(n for n, (t, _i) in enumerate(made) if t == "follow_up")
    with site.ctx.db.read() as s:
        rows = site.syncer._rows_of(
            s.connection(), [(n, t, i, None) for n, (t, i) in enumerate(made, 1)]
        )
    changes = [Change(t, rows[(t, i)], None) for t, i in made]
    first_id, second_id = str(uuid.uuid4()), str(uuid.uuid4())
    merged_before: list[bool] = []
    real_prepare = hub.prepare

    def prepare(site_id: str, batch_id: str, batch: Any, **kw: Any) -> Any:
        if batch_id == second_id:
            merged_before.append(hub.batch_stored(first_id))
        return real_prepare(site_id, batch_id, batch, **kw)

    monkeypatch.setattr(hub, "prepare", prepare)
    answers: list[Any] = []
    later = threading.Thread(
        target=lambda: answers.append(
            site.hub.push(site.ctx.site_id, second_id, changes[cut:], after=first_id)
        )
    )
    later.start()
    deadline = time.monotonic() + 10
    while not merged_before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert merged_before == [False]  # merged and checked while the first was not stored
    site.hub.push(site.ctx.site_id, first_id, changes[:cut])
    later.join(10)
    [answer] = answers
    assert answer.refused == ()
    assert answer.applied == len(made) - cut
    assert hub_order(hub, made) == made


def test_batches_waiting_for_others_hold_no_worker_thread(
    hub: Hub, make_site: MakeSite, service: BackgroundServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many workstations send backlogs at once: batches that wait for the one before
    them must leave the service's worker threads to the batches they wait for (two
    threads here, four batches waiting)."""
    monkeypatch.setattr(order_module, "WAIT_S", 5.0)
    limiters: list[anyio.CapacityLimiter] = []

    async def two_threads(func: Callable[..., Any], *args: Any) -> Any:
        if not limiters:
            limiters.append(anyio.CapacityLimiter(2))
        return await anyio.to_thread.run_sync(functools.partial(func, *args), limiter=limiters[0])

    monkeypatch.setattr(service_app, "run_in_threadpool", two_threads)
    monkeypatch.setattr(order_module, "run_in_threadpool", two_threads)
    site = make_site("A1")
    first = str(uuid.uuid4())
    answers: list[Any] = []

    def push(batch_id: str, after: str | None) -> None:
        try:
            answers.append(site.hub.push(site.ctx.site_id, batch_id, [], after=after))
        except HubRefusedError as exc:
            answers.append(exc)

    waiting = [threading.Thread(target=push, args=(str(uuid.uuid4()), first)) for _ in range(4)]
    for thread in waiting:
        thread.start()
    time.sleep(0.3)  # they are all waiting at the service now
    push(first, None)
    for thread in waiting:
        thread.join(10)
    assert len(answers) == 5
    assert all(isinstance(a, PushResult) for a in answers), answers


def test_a_record_refused_in_one_batch_is_not_in_the_next_one_sent(
    hub: Hub, make_site: MakeSite, caplog: pytest.LogCaptureFixture
) -> None:
    """Two entries of one record make two batches of one; the second is chosen only once
    the first is answered (two batches out never share a record), so it reads the
    record as put back to the hub's state and the refused values are not sent again."""
    site = make_site("A1", batch_size=1)
    incident = site.create("asli")
    site.sync()
    # Two captured writes of the same record outside the app: two outbox entries, two
    # batches of one, both reading the same refused title.
    tamper(site, "UPDATE incident SET title = ? WHERE id = ?", "rusak\x01", incident)
    tamper(site, "UPDATE incident SET title = ? WHERE id = ?", "rusak\x01", incident)
    assert site.outbox() == 2
    report = site.sync()
    assert report.refused == 1
    # A title changed without a new version: forged (the app always takes one).
    assert refusals(site) == [(incident, "bad_version")]
    put_back = [r for r in caplog.records if r.name == "desk_app.sync.client"]
    assert len(put_back) == 1
    assert site.get(incident)["title"] == "asli"
    assert hub_rows(hub)[incident]["title"] == "asli"
    assert site.outbox() == 0


@pytest.mark.allow_log_warnings
def test_batches_left_marked_by_a_failed_push_are_sent_again_in_order(
    hub: Hub, make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service fails on a batch while the next is already marked: the next sync sends
    the earlier first, so the hub numbers the records in the order they were made."""
    site = make_site("A1", batch_size=1)
    site.sync()
    for title in ("satu", "dua", "tiga"):
        site.create(title)
    made = outbox_order(site)
    # Batch ids that sort the other way round from the order they are made in.
    ids = iter(uuid.UUID(int=(1 << 120) - n) for n in range(1, 1000))
    monkeypatch.setattr(client_module.uuid, "uuid4", lambda: next(ids))
    pushes: list[str] = []

    def fail_second(point: str) -> None:
        if point == "hub_before_commit":
            pushes.append(point)
            if len(pushes) == 2:
                raise RuntimeError("the service stopped")

    site.syncer.fault = fail_second
    with pytest.raises(SyncError):
        site.sync()
    with site.ctx.db.read() as s:
        marked = (
            s.connection()
            .exec_driver_sql(
                "SELECT count(DISTINCT batch_id) FROM sync_outbox WHERE batch_id IS NOT NULL"
            )
            .scalar_one()
        )
    assert marked >= 2  # the failed batch and what was chosen or sent after it
    site.syncer.fault = None
    site.sync()
    assert site.outbox() == 0
    assert hub_order(hub, made) == made

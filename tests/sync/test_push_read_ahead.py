"""While the service works on one batch, the workstation reads the next from its outbox;
it is marked and sent only once the first is settled, and read again when the first
came back with refusals (their records were put back to the hub's state meanwhile)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from desk_app.hub.store import Hub, hub_record
from desk_app.sync import client as client_module
from desk_app.sync.client import Syncer
from desk_app.sync.errors import SyncError
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


def test_the_next_batch_is_read_while_the_service_works_on_one(
    hub: Hub, make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site("A1", batch_size=1)
    site.sync()
    first, second = site.create("satu"), site.create("dua")
    read_ahead = threading.Event()
    seen_during_push: list[bool] = []
    pick = Syncer._new_batch

    def picking(self: Syncer, limit: int, examined: int) -> Any:
        found = pick(self, limit, examined)
        if examined:  # not the first batch
            read_ahead.set()
        return found

    monkeypatch.setattr(Syncer, "_new_batch", picking)
    push = site.hub.push

    def pushing(*args: Any, **kw: Any) -> Any:
        # The service is slow with the first batch: the second is read meanwhile.
        if not seen_during_push:
            seen_during_push.append(read_ahead.wait(10))
        return push(*args, **kw)

    monkeypatch.setattr(site.hub, "push", pushing)
    waiting = site.outbox()  # the incidents and their audit rows
    report = site.sync()
    assert seen_during_push == [True]
    assert report.pushed == waiting
    assert {first, second} <= set(hub_rows(hub))
    assert site.outbox() == 0


def test_a_batch_read_ahead_of_a_refusal_is_read_again(
    hub: Hub, make_site: MakeSite, caplog: pytest.LogCaptureFixture
) -> None:
    """The refused record is put back to the hub's state while the next batch, read
    ahead, still holds the refused values: they are not sent (and refused) again."""
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
    with site.ctx.db.read() as s:
        made = [
            (str(t), str(i))
            for t, i in s.connection().exec_driver_sql(
                "SELECT table_name, record_id FROM sync_outbox ORDER BY seq"
            )
        ]
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
    assert marked == 2  # the failed batch and the one chosen while it was sent
    site.syncer.fault = None
    site.sync()
    assert site.outbox() == 0
    with hub.reading() as conn:
        numbered = {
            (str(t), str(i)): int(n)
            for t, i, n in conn.execute(select(hub_record.c.tbl, hub_record.c.id, hub_record.c.seq))
        }
    assert sorted(made, key=numbered.__getitem__) == made

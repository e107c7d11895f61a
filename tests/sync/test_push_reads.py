"""A push reads what it needs before it takes the hub's writer lock, and catches up under
the lock with what other pushes stamped meanwhile (``HubReads``): nothing they wrote is
overwritten unseen, and unique keys stay unique."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import select, update

from desk_app.hub import store
from desk_app.hub.store import Hub, HubReads, hub_record, hub_state
from tests.sync.conftest import Site, hub_rows

MakeSite = Callable[..., Site]


def sync_all(*sites: Site) -> None:
    for _ in range(2):
        for site in sites:
            site.sync()


def push_meanwhile(first: Site, other: Site) -> threading.Event:
    """While ``first`` pushes, between its reads and the writer lock, ``other`` pushes."""
    done = threading.Event()

    def between(point: str) -> None:
        if point == "hub_before_lock" and not done.is_set():
            done.set()
            other.syncer._push_all()

    first.syncer.fault = between
    return done


def test_an_edit_pushed_meanwhile_is_merged_not_overwritten(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    sync_all(a, b)
    b.edit(incident, title="versi B")  # the older edit
    a.edit(incident, title="versi A")  # the newer: it wins wherever it is merged
    happened = push_meanwhile(b, a)
    b.syncer._push_all()
    assert happened.is_set()
    b.syncer.fault = None
    assert hub_rows(hub)[incident]["title"] == "versi A"
    sync_all(a, b)
    for site in (a, b):
        assert site.get(incident)["title"] == "versi A"
        [conflict] = site.conflicts()
        assert (conflict.winner_value, conflict.loser_value) == ("versi A", "versi B")


def test_a_reference_taken_meanwhile_is_renamed_not_a_failed_push(
    hub: Hub, make_site: MakeSite
) -> None:
    a, b = make_site("A1"), make_site("B1")
    sync_all(a, b)
    two = b.create("kedua", ref="SAMA-2024-00001")
    one = a.create("pertama", ref="SAMA-2024-00001")
    happened = push_meanwhile(b, a)
    b.syncer._push_all()
    assert happened.is_set()
    b.syncer.fault = None
    on_hub = hub_rows(hub)
    assert on_hub[one]["ref"] == "SAMA-2024-00001"
    assert on_hub[two]["ref"].startswith("SAMA-2024-00001~")
    sync_all(a, b)
    assert [c.field for c in a.conflicts()] == ["ref"]


def test_the_catch_up_follows_a_key_that_changed_holder(hub: Hub, make_site: MakeSite) -> None:
    """Under the lock only ids and keys of what was stamped since are listed: a key the
    batch asked about that its holder gave up, or that another record took, is seen, and
    a record the batch never read is not fetched."""
    a = make_site("A1")
    a.sync()
    held = a.create("lama", ref="SAMA-2024-00001")
    other = a.create("lain", ref="LAIN-2024-00001")
    a.sync()
    with hub.reading() as conn:
        seq = int(conn.execute(select(hub_state.c.seq)).scalar_one())
        reads = HubReads(hub, conn, seq)
        assert reads.holders("incident", ["SAMA-2024-00001", "BARU-2024-00001"]) == {
            "SAMA-2024-00001": held
        }
        conn.rollback()
    with hub.writing() as conn:
        conn.execute(
            update(hub_record)
            .where(hub_record.c.tbl == "incident", hub_record.c.id == held)
            .values(ukey="SAMA-2024-00001~1", seq=seq + 1)
        )
        conn.execute(
            update(hub_record)
            .where(hub_record.c.tbl == "incident", hub_record.c.id == other)
            .values(ukey="BARU-2024-00001", seq=seq + 2)
        )
        conn.execute(update(hub_state).values(seq=seq + 2))
        assert reads.catch_up(conn, seq + 2) is False
        assert reads.holders("incident", ["SAMA-2024-00001", "BARU-2024-00001"]) == {
            "BARU-2024-00001": other
        }
        assert ("incident", other) not in reads._docs  # listed, never fetched
        assert reads.catch_up(conn, seq + 2) is True  # nothing new since


def test_many_documents_stamped_meanwhile_are_read_afresh(
    hub: Hub, make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More than the catch-up's limit stamped meanwhile: the reads start over under the
    lock, with the same outcome."""
    monkeypatch.setattr(HubReads, "CATCH_UP_LIMIT", 1)
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    sync_all(a, b)
    b.edit(incident, title="versi B")
    a.edit(incident, title="versi A")
    a.create("lagi satu")
    push_meanwhile(b, a)
    b.syncer._push_all()
    b.syncer.fault = None
    assert hub_rows(hub)[incident]["title"] == "versi A"
    sync_all(a, b)
    assert [c.loser_value for c in b.conflicts()] == ["versi B"]


def test_a_push_meanwhile_on_other_records_keeps_every_number_once(
    hub: Hub, make_site: MakeSite
) -> None:
    """Nothing the first reads saw changed: that merge stands, numbered after the push
    that landed meanwhile, and a desk pulling afterwards gets both."""
    a, b, reader = make_site("A1"), make_site("B1"), make_site("R1")
    sync_all(a, b, reader)
    mine = b.create("dari B")
    theirs = a.create("dari A")
    happened = push_meanwhile(b, a)
    b.syncer._push_all()
    assert happened.is_set()
    b.syncer.fault = None
    with hub.reading() as conn:
        seqs = [s for (s,) in conn.execute(select(hub_record.c.seq))]
        top = conn.execute(select(hub_state.c.seq)).scalar_one()
    assert len(seqs) == len(set(seqs)) and max(seqs) == top
    reader.sync()
    assert reader.get(mine)["title"] == "dari B"
    assert reader.get(theirs)["title"] == "dari A"


def test_a_large_batch_writes_new_and_known_records_alike(
    hub: Hub, make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every batch written as a large one (PostgreSQL: records the hub lacks by COPY into
    its table, the others through a temporary table and ON CONFLICT), an edit pushed
    meanwhile included: nothing is lost, nothing written twice."""
    monkeypatch.setattr(store, "SMALL_UPSERT", 0)
    a, b = make_site("A1"), make_site("B1")
    known = a.create("lama")
    sync_all(a, b)
    b.edit(known, title="dari B")  # older than A's: a conflict, recorded by A's push
    a.edit(known, title="dari A")
    fresh = a.create("segar")
    happened = push_meanwhile(a, b)
    a.syncer._push_all()
    assert happened.is_set()
    a.syncer.fault = None
    on_hub = hub_rows(hub)
    assert on_hub[known]["title"] == "dari A"
    assert on_hub[fresh]["title"] == "segar"
    sync_all(a, b)
    for site in (a, b):
        assert site.get(known)["title"] == "dari A"
        assert site.get(fresh)["title"] == "segar"
        [conflict] = site.conflicts()
        assert (conflict.winner_value, conflict.loser_value) == ("dari A", "dari B")


def test_a_batch_reads_by_index_whatever_the_statistics(hub: Hub) -> None:
    """PostgreSQL: the statistics were taken while the hub was small and then 5,000
    records came (a fresh hub taking a large first push). The reads of a batch's records
    and unique keys still look each value up in an index instead of scanning the table."""
    if not hub.is_postgres:
        pytest.skip("SQLite looks up IN lists by index")
    with hub.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE hub_record")
        conn.exec_driver_sql(
            "INSERT INTO hub_record (tbl, id, seq, ukey, data) "
            "SELECT 'incident', 'i' || n, 100000 + n, 'REF-' || n, '{}' "
            "FROM generate_series(1, 5000) AS n"
        )
        for query in (store._BY_ID, store._BY_UKEY):
            plan = "\n".join(
                conn.exec_driver_sql(
                    "EXPLAIN " + query,
                    {"tbl": "incident", "keys": [f"REF-{n}" for n in range(0, 4000, 2)]},
                ).scalars()
            )
            assert "Index Scan" in plan, plan
            assert "Seq Scan" not in plan and "Bitmap" not in plan, plan
            # Each value is a key of the index lookup, not a filter over the table's rows.
            conditions = [line for line in plan.splitlines() if "Index Cond" in line]
            assert conditions and all(" = k." in line for line in conditions), plan

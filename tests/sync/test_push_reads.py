"""A push reads what it needs before it takes the hub's writer lock, and catches up under
the lock with what other pushes stamped meanwhile (``HubReads``): nothing they wrote is
overwritten unseen, and unique keys stay unique."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from sqlalchemy import select

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

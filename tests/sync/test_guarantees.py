"""One test per guarantee and failure mode of sync-protocol.md, on each kind of hub."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import select, text, update

from desk_app.db import head_revision
from desk_app.hub.store import Hub, hub_batch, hub_meta, hub_record, hub_state
from desk_app.models import Incident
from desk_app.services import conflicts as conflict_service
from desk_app.sync.capture import missing_triggers
from desk_app.sync.errors import (
    HubSchemaNewerError,
    HubSchemaOlderError,
    HubUnavailableError,
    SyncError,
)
from tests.sync.conftest import Site, hub_rows, recreate_hub

MakeSite = Callable[..., Site]
HOUR_MS = 3600 * 1000
BULK_IDS = [f"0190bbbb-0000-7000-8000-00000000000{i}" for i in range(3)]


def sync_all(*sites: Site, rounds: int = 2) -> None:
    for _ in range(rounds):
        for site in sites:
            site.sync()


def assert_converged(hub: Hub, *sites: Site) -> None:
    first = sites[0].snapshot()
    for site in sites[1:]:
        other = site.snapshot()
        differing = {
            t: sorted(set(first[t]) ^ set(other[t])) for t in first if first[t] != other[t]
        }
        assert not differing, f"{site.code} differs from {sites[0].code}: {differing}"
    on_hub = hub_rows(hub)
    mine = {r[0] for r in first["incident"]}
    assert set(on_hub) == mine


# -- guarantee 1 and 3: nothing lost, convergence -------------------------------------


def test_everything_typed_arrives_everywhere(hub: Hub, make_site: MakeSite) -> None:
    a, b, c = make_site("A1"), make_site("B1"), make_site("C1")
    ids = [a.create("dari A"), b.create("dari B"), c.create("dari C")]
    sync_all(a, b, c)
    for site in (a, b, c):
        assert [site.get(i)["title"] for i in ids] == ["dari A", "dari B", "dari C"]
        assert site.outbox() == 0
    assert_converged(hub, a, b, c)
    report = a.sync()
    assert not report.moved and report.pending == 0 and report.mismatches == {}


# -- guarantee 2: a retried batch is applied once ----------------------------------------


@pytest.mark.allow_log_warnings
def test_reply_lost_after_hub_commit_is_applied_once(hub: Hub, make_site: MakeSite) -> None:
    def cut(point: str) -> None:
        if point == "push_after_commit":
            raise HubUnavailableError("connection reset")

    a = make_site("A1")
    a.sync()
    a.syncer.fault = cut
    incident = a.create("sekali saja")
    with pytest.raises(HubUnavailableError):
        a.sync()
    assert a.outbox() > 0  # not cleared: the reply never came
    seq = hub.info().seq
    a.syncer.fault = None
    report = a.sync()
    assert report.pushed == 0  # the hub returned the stored result of the same batch
    assert hub.info().seq == seq
    assert a.outbox() == 0
    assert list(hub_rows(hub)) == [incident]


# -- guarantee 4: different fields both survive -------------------------------------------


def test_concurrent_edits_to_different_fields_both_survive(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    sync_all(a, b)
    a.edit(incident, title="judul dari A")
    b.edit(incident, severity=4)
    sync_all(a, b)
    for site in (a, b):
        assert site.get(incident)["title"] == "judul dari A"
        assert site.get(incident)["severity"] == 4
        assert site.conflicts() == []
    assert_converged(hub, a, b)


# -- guarantee 5: same field, one winner, the loser kept and reversible -------------------


@pytest.mark.parametrize("first", ["A1", "B1"])
def test_same_field_one_winner_loser_kept(hub: Hub, make_site: MakeSite, first: str) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    sync_all(a, b)
    a.edit(incident, title="versi A")
    b.edit(incident, title="versi B")  # later HLC: the winner whichever pushes first
    order = (a, b) if first == "A1" else (b, a)
    sync_all(*order)
    for site in (a, b):
        assert site.get(incident)["title"] == "versi B"
        [conflict] = site.conflicts()
        assert conflict.winner_value == "versi B"
        assert conflict.loser_value == "versi A"
    assert_converged(hub, a, b)
    # A person reverses it on A: a new change, synced everywhere, conflict resolved.
    [conflict] = a.conflicts()
    assert a.ctx.actor is not None
    with a.ctx.db.write() as s:
        conflict_service.resolve_conflict(s, a.ctx.actor, conflict.id, "other")
    sync_all(a, b)
    for site in (a, b):
        assert site.get(incident)["title"] == "versi A"
        assert site.conflicts()[0].resolution == "other"
    with b.ctx.db.read() as s:
        assert conflict_service.count_open(s) == 0


# -- guarantee 6: a pull never skips a change (out-of-order commits) -----------------------


def test_writer_lock_serialises_pushes_so_no_commit_is_skipped(
    hub: Hub, make_site: MakeSite
) -> None:
    """Push A stops inside its hub transaction; push B must wait for it, so B's seq is
    committed after A's and a cursor past B never passes A. (On PostgreSQL, a batch
    written under the lock: ``optimistic`` off; the one-statement write is tested next.)"""
    hub.optimistic = False
    a, b, reader = make_site("A1"), make_site("B1"), make_site("R1")
    sync_all(a, b, reader)
    inside, release = threading.Event(), threading.Event()

    def hold(point: str) -> None:
        if point == "hub_before_commit":
            inside.set()
            assert release.wait(10)

    a.syncer.fault = hold
    ida = a.create("A menunggu")
    idb = b.create("B menyusul")
    b_done = threading.Event()
    ta = threading.Thread(target=a.syncer._push_all)
    tb = threading.Thread(target=lambda: (b.syncer._push_all(), b_done.set()))
    ta.start()
    assert inside.wait(10)
    tb.start()
    assert not b_done.wait(0.5), "B committed while A held the writer lock"
    reader.sync()  # sees neither yet, and must not move past A's number
    assert ida not in hub_rows(hub) and idb not in hub_rows(hub)
    release.set()
    ta.join(10)
    tb.join(10)
    reader.sync()
    assert reader.get(ida)["title"] == "A menunggu"
    assert reader.get(idb)["title"] == "B menyusul"


@pytest.mark.parametrize("attempts", [10, 1])
def test_a_batch_merged_before_another_commits_is_merged_again_and_numbered_after_it(
    hub: Hub, make_site: MakeSite, attempts: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL writes a small batch in one statement, if the hub has not moved since
    the batch was merged. A is merged, then B commits: A's statement writes nothing, A
    is brought up to date and written after B (in one statement again, or under the lock
    once its tries are spent); a cursor past B still reads A."""
    if not hub.is_postgres:
        pytest.skip("SQLite writes every batch under its lock")
    monkeypatch.setattr(hub, "OPTIMISTIC_ATTEMPTS", attempts)
    a, b, reader = make_site("A1"), make_site("B1"), make_site("R1")
    sync_all(a, b, reader)
    merged, release = threading.Event(), threading.Event()
    attempts: list[int] = []

    def hold(point: str) -> None:
        if point == "hub_before_commit":
            attempts.append(hub.info().seq)
            if not merged.is_set():
                merged.set()
                assert release.wait(10)

    shared = a.create("Sama-sama diubah")
    sync_all(a, b)
    a.edit(shared, title="Versi A")
    b.edit(shared, title="Versi B")
    ida = a.create("A menunggu")
    idb = b.create("B menyusul")
    before = hub.info().seq
    a.syncer.fault = hold
    ta = threading.Thread(target=a.syncer._push_all)
    ta.start()
    assert merged.wait(10)
    b.syncer._push_all()  # commits while A's merge waits to be written
    after_b = hub.info().seq
    assert after_b > before
    reader.sync()
    assert reader.get(idb)["title"] == "B menyusul"
    assert ida not in hub_rows(hub)
    release.set()
    ta.join(10)
    assert not ta.is_alive()
    assert attempts == [before, after_b], "A's first write must find the hub moved"
    rows = {r[0]: r for r in _records(hub)}
    assert rows[ida][1] > rows[idb][1], "A is numbered after B"
    seqs = [r[1] for r in rows.values()]
    assert len(seqs) == len(set(seqs))
    reader.sync()
    assert reader.get(ida)["title"] == "A menunggu"
    sync_all(a, b, reader)
    titles = {site.get(shared)["title"] for site in (a, b, reader)}
    assert len(titles) == 1, "A's second merge saw B's edit of the same incident"
    assert [c.field for c in a.conflicts()] == ["title"]


def _records(hub: Hub) -> list[tuple[str, int]]:
    with hub.engine.connect() as conn:
        return [
            (str(i), int(s))
            for i, s in conn.execute(
                select(hub_record.c.id, hub_record.c.seq).where(hub_record.c.tbl == "incident")
            )
        ]


@pytest.mark.postgres
def test_naive_cursor_skips_out_of_order_commit(hub: Hub) -> None:
    """Without the lock, two PostgreSQL transactions take sequence numbers 1 and 2 and
    commit 2 first: a reader that saw 2 moves its cursor past 1 and never reads it."""
    if not hub.is_postgres:
        pytest.skip("SQLite serialises writers itself; out-of-order commits cannot happen")
    with hub.engine.begin() as conn:
        conn.execute(text("CREATE TEMP TABLE IF NOT EXISTS x (seq bigint)"))
        conn.execute(text("CREATE SEQUENCE naive_seq"))
        conn.execute(text("CREATE TABLE naive (seq bigint PRIMARY KEY)"))
    first = hub.engine.connect()
    second = hub.engine.connect()
    try:
        first.execute(text("INSERT INTO naive VALUES (nextval('naive_seq'))"))  # seq 1, open
        second.execute(text("INSERT INTO naive VALUES (nextval('naive_seq'))"))  # seq 2
        second.commit()
        with hub.engine.connect() as reader:
            seen = [r[0] for r in reader.execute(text("SELECT seq FROM naive WHERE seq > 0"))]
        cursor = max(seen)
        first.commit()
        with hub.engine.connect() as reader:
            later = [
                r[0]
                for r in reader.execute(text("SELECT seq FROM naive WHERE seq > :c"), {"c": cursor})
            ]
        assert seen == [2] and later == []  # seq 1 is skipped for ever
    finally:
        first.close()
        second.close()


# -- guarantee 7: another schema is refused before data moves ------------------------------


def _set_hub_revision(hub: Hub, revision: str) -> None:
    with hub.writing() as conn:
        conn.execute(
            update(hub_meta).where(hub_meta.c.key == "schema_revision").values(value=revision)
        )


@pytest.mark.parametrize(
    ("revision", "error"), [("9999", HubSchemaNewerError), ("0001", HubSchemaOlderError)]
)
@pytest.mark.allow_log_warnings
def test_other_schema_refused_and_unsent_changes_survive(
    hub: Hub, make_site: MakeSite, revision: str, error: type[Exception]
) -> None:
    a = make_site("A1")
    a.sync()
    incident = a.create("belum terkirim")
    waiting = a.outbox()
    _set_hub_revision(hub, revision)
    seq = hub.info().seq
    with pytest.raises(error) as refused:
        a.sync()
    assert "hub init" in str(refused.value) or "upgrade" in str(refused.value).lower()
    assert hub.info().seq == seq and a.outbox() == waiting
    hub.init(head_revision())  # the upgrade (of the app or of the hub)
    a.sync()
    assert incident in hub_rows(hub) and a.outbox() == 0


# -- guarantee 8: a restored or recreated hub --------------------------------------------


def test_recreated_hub_is_detected_and_refilled(
    hub: Hub, make_site: MakeSite, tmp_path_factory: pytest.TempPathFactory
) -> None:
    a, b = make_site("A1"), make_site("B1")
    sent = a.create("sudah di hub")
    sync_all(a, b)
    unsent = b.create("belum dikirim")
    recreate_hub(hub, tmp_path_factory.getbasetemp(), a, b)
    report = b.sync()
    assert report.full_download
    a.sync()
    b.sync()
    for site in (a, b):
        assert site.get(sent)["title"] == "sudah di hub"
        assert site.get(unsent)["title"] == "belum dikirim"
    assert_converged(hub, a, b)


def test_hub_restored_from_backup_is_detected(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    sync_all(a, b)
    backup = hub.info()
    backup_seq = backup.seq
    with hub.reading() as conn:
        batches = {r[0] for r in conn.execute(select(hub_batch.c.batch_id))}
    lost = a.create("hilang dari cadangan")
    sync_all(a, b)
    # The restore: the hub goes back to its state at ``backup_seq``, same epoch.
    with hub.writing() as conn:
        conn.execute(hub_record.delete().where(hub_record.c.seq > backup_seq))
        conn.execute(hub_batch.delete().where(hub_batch.c.batch_id.not_in(batches)))
        conn.execute(update(hub_state).values(seq=backup_seq, stamp=backup.stamp))
    assert b.sync().full_download
    assert a.sync().full_download
    assert lost in hub_rows(hub)
    sync_all(a, b)
    assert_converged(hub, a, b)


def test_new_epoch_after_restore_makes_clients_resend(hub: Hub, make_site: MakeSite) -> None:
    a = make_site("A1")
    a.sync()
    hub.init(head_revision(), new_epoch=True)
    assert a.sync().full_download


# -- failure modes -----------------------------------------------------------------------


@pytest.mark.allow_log_warnings
def test_error_inside_hub_transaction_leaves_nothing(hub: Hub, make_site: MakeSite) -> None:
    def boom(point: str) -> None:
        if point == "hub_before_commit":
            raise RuntimeError("disk on fire")

    a = make_site("A1")
    a.sync()
    incident = a.create("coba lagi")
    seq = hub.info().seq
    a.syncer.fault = boom
    with pytest.raises(SyncError) as failed:
        a.sync()
    assert failed.value.code == "hub_service_error"
    assert hub.info().seq == seq and incident not in hub_rows(hub)
    a.syncer.fault = None
    a.sync()
    assert incident in hub_rows(hub) and a.outbox() == 0


def test_crash_between_page_and_cursor_reapplies_page_once(hub: Hub, make_site: MakeSite) -> None:
    a = make_site("A1")
    ids = [a.create(f"insiden {i}") for i in range(5)]
    a.sync()
    b = make_site("B1", page_size=2)
    calls = {"n": 0}

    def crash(point: str) -> None:
        if point == "pull_before_cursor":
            calls["n"] += 1
            if calls["n"] == 3:
                raise KeyboardInterrupt  # the process dies mid-page

    b.syncer.fault = crash
    with pytest.raises(KeyboardInterrupt):
        b.sync()
    b.syncer.fault = None
    b.sync()
    with b.ctx.db.read() as s:
        assert s.scalars(select(Incident.id)).all().__len__() == 5
    assert [b.get(i)["title"] for i in ids] == [f"insiden {i}" for i in range(5)]
    assert b.outbox() == 0  # nothing pulled was echoed


def test_edits_made_during_a_sync_are_kept_and_sent(hub: Hub, make_site: MakeSite) -> None:
    a = make_site("A1")
    incident = a.create("awal")
    a.sync()

    def edit_meanwhile(point: str) -> None:
        if point == "push_after_commit":
            a.syncer.fault = None
            a.edit(incident, title="diketik saat sinkron")

    a.edit(incident, severity=3)
    a.syncer.fault = edit_meanwhile
    a.sync()
    assert a.outbox() > 0  # typed during the sync: kept, sent by the next one
    assert hub_rows(hub)[incident]["title"] == "awal"
    a.sync()
    assert a.outbox() == 0
    assert hub_rows(hub)[incident]["title"] == "diketik saat sinkron"
    assert hub_rows(hub)[incident]["severity"] == 3


@pytest.mark.parametrize("first", ["deleter", "editor"])
def test_delete_against_edit_delete_wins_edit_kept(
    hub: Hub, make_site: MakeSite, first: str
) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    sync_all(a, b)
    a.delete(incident)
    b.edit(incident, description="keterangan penting")
    sync_all(*((a, b) if first == "deleter" else (b, a)))
    for site in (a, b):
        assert site.get(incident)["deleted"] is True
        [conflict] = site.conflicts()
        assert conflict.field == "deleted"
        assert conflict.loser_value == {"description": "keterangan penting"}
    assert_converged(hub, a, b)
    assert b.ctx.actor is not None
    with b.ctx.db.write() as s:
        conflict_service.resolve_conflict(s, b.ctx.actor, b.conflicts()[0].id, "other")
    sync_all(a, b)
    for site in (a, b):
        assert site.get(incident)["deleted"] is False
        assert site.get(incident)["description"] == "keterangan penting"


@pytest.mark.allow_log_warnings
@pytest.mark.parametrize("skew_ms", [2 * HOUR_MS, -2 * HOUR_MS])
def test_wrong_clock_loses_nothing_and_later_edits_win(
    hub: Hub, make_site: MakeSite, skew_ms: int
) -> None:
    a, b = make_site("A1"), make_site("B1")
    b.offset_ms = skew_ms
    incident = a.create("awal")
    sync_all(a, b)
    a.edit(incident, title="A")
    b.edit(incident, title="B (jam salah)")
    sync_all(a, b)
    # B's clock was corrected by the hub's at its first sync: its edit, made after A's,
    # wins whichever way B's clock is off (a clock ahead no longer decides).
    assert b.get(incident)["title"] == a.get(incident)["title"] == "B (jam salah)"
    [conflict] = a.conflicts()
    assert {conflict.winner_value, conflict.loser_value} == {
        "A",
        "B (jam salah)",
    }
    # Having pulled, the wrong clock's next edit orders after everything it saw.
    b.edit(incident, title="B setelah sinkron")
    a.offset_ms = 0
    sync_all(b, a)
    assert a.get(incident)["title"] == "B setelah sinkron"
    assert len(a.conflicts()) == 1
    assert_converged(hub, a, b)


@pytest.mark.allow_log_warnings
def test_clock_jumping_back_never_reorders_edits(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    a.offset_ms = 3 * HOUR_MS
    a.edit(incident, title="jam maju")
    a.offset_ms = 0  # the clock is corrected, jumping back three hours
    a.edit(incident, title="setelah jam mundur")
    sync_all(a, b)
    assert b.get(incident)["title"] == "setelah jam mundur"


def test_laptop_offline_for_30_days(hub: Hub, make_site: MakeSite) -> None:
    desk, laptop = make_site("GB1"), make_site("LP1")
    shared = desk.create("bersama")
    sync_all(desk, laptop)
    laptop.offset_ms = -30 * 24 * HOUR_MS  # its edits were made a month ago
    mine = [laptop.create(f"lapangan {i}") for i in range(20)]
    laptop.edit(shared, title="dari lapangan", severity=4)
    for i in range(10):
        desk.edit(shared, title=f"meja {i}")
        desk.sync()
    laptop.offset_ms = 0
    sync_all(laptop, desk)
    for site in (desk, laptop):
        assert site.get(shared)["title"] == "meja 9"
        assert site.get(shared)["severity"] == 4
        assert [site.get(i)["title"] for i in mine] == [f"lapangan {i}" for i in range(20)]
        [conflict] = site.conflicts()
        assert conflict.loser_value == "dari lapangan"
    assert_converged(hub, desk, laptop)


def test_sequence_gaps_from_rolled_back_transactions(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    first = a.create("sebelum celah")
    a.sync()
    with hub.writing() as conn:  # numbers taken by transactions that rolled back
        conn.execute(update(hub_state).values(seq=hub_state.c.seq + 17))
    second = a.create("setelah celah")
    a.sync()
    b.sync()
    assert b.get(first)["title"] == "sebelum celah"
    assert b.get(second)["title"] == "setelah celah"


@pytest.mark.parametrize("page_size", [1, 3])
def test_page_size_one_and_exact_multiples(hub: Hub, make_site: MakeSite, page_size: int) -> None:
    a = make_site("A1")
    a.sync()
    b = make_site("B1", page_size=page_size)
    b.sync()
    base = hub.info().seq
    ids = [a.create(f"n{i}") for i in range(3)]  # 3 incidents + 3 audit rows = 6 rows
    a.sync()
    assert hub.info().seq - base == 6
    report = b.sync()
    assert report.pulled == 6
    assert [b.get(i)["title"] for i in ids] == ["n0", "n1", "n2"]
    assert not b.sync().moved


def test_gui_writes_while_a_sync_runs_never_hit_a_locked_database(
    hub: Hub, make_site: MakeSite
) -> None:
    a = make_site("A1")
    for i in range(300):
        a.create(f"banyak {i}")
    a.sync()
    b = make_site("B1", page_size=20)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            b.sync()
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    typed = [b.create(f"diketik {i}") for i in range(30)]  # meanwhile, on "the GUI"
    worker.join()
    assert errors == []
    b.sync()
    assert all(i in hub_rows(hub) for i in typed)


def test_unique_refs_are_guarded(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    sync_all(a, b)
    one = a.create("pertama", ref="SAMA-2024-00001")
    two = b.create("kedua", ref="SAMA-2024-00001")
    sync_all(a, b)
    refs = {a.get(one)["ref"], a.get(two)["ref"]}
    assert "SAMA-2024-00001" in refs and len(refs) == 2
    assert_converged(hub, a, b)
    assert [c.field for c in a.conflicts()] == ["ref"]


# -- change capture ----------------------------------------------------------------------


def test_orm_and_bulk_writes_are_captured_pulled_rows_are_not(
    hub: Hub, make_site: MakeSite
) -> None:
    a = make_site("A1")
    a.sync()
    a.create("lewat Writer")
    with a.ctx.db.write() as s:
        row = s.get(Incident, a.create("templat"))
        assert row is not None
        values = {c.key: getattr(row, c.key) for c in Incident.__table__.columns if c.key != "id"}
    with a.ctx.db.write() as s:
        s.execute(
            Incident.__table__.insert(),
            [values | {"id": BULK_IDS[i], "ref": f"BULK-{i}"} for i in range(3)],
        )
    a.sync()
    assert set(BULK_IDS) <= set(hub_rows(hub))
    b = make_site("B1")
    b.sync()
    with b.ctx.db.read() as s:
        kinds = s.connection().exec_driver_sql("SELECT DISTINCT table_name FROM sync_outbox")
        # B's own first-start rows only; nothing it pulled
        assert "incident" not in {k[0] for k in kinds}


def test_every_synced_table_has_capture_triggers(make_site: MakeSite) -> None:
    a = make_site("A1")
    with a.ctx.db.read() as s:
        assert missing_triggers(s.connection()) == []


def test_unreachable_hub_is_a_routine_error(tmp_path, make_site: MakeSite) -> None:  # type: ignore[no-untyped-def]
    a = make_site("A1")
    a.syncer.hub = Hub(f"sqlite:///{tmp_path}/nowhere/hub.sqlite3")
    with pytest.raises(HubUnavailableError):
        a.sync()
    assert select  # keep import use explicit


@pytest.mark.allow_log_warnings
def test_pulled_incidents_are_found_by_search_after_insert_and_update(
    hub: Hub, make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pulled pages are written as multi-row statements (a few rows each here, so a page
    spans several): the full-text index must follow both new rows and changed ones."""
    import desk_app.sync.client as client

    monkeypatch.setattr(client, "_max_variables", lambda conn: 60)  # 2 incidents/statement
    a = make_site("A1")
    a.sync()
    b = make_site("B1", page_size=4)
    b.sync()
    ids = [a.create(f"kerusuhan pasar {i}", description=f"keterangan{i}") for i in range(7)]
    a.sync()
    b.sync()

    def found(term: str) -> set[str]:
        with b.ctx.db.read() as s:
            return {
                str(r[0])
                for r in s.connection().exec_driver_sql(
                    "SELECT i.id FROM incident i JOIN incident_fts f ON f.rowid = i.rowid "
                    "WHERE incident_fts MATCH ?",
                    (term,),
                )
            }

    assert found("kerusuhan") == set(ids)
    assert found("keterangan3") == {ids[3]}
    a.edit(ids[3], title="bentrokan massa", description="diubah")
    a.edit(ids[5], deleted=True)
    a.sync()
    b.sync()
    assert found("bentrokan") == {ids[3]}
    assert found("kerusuhan") == set(ids) - {ids[3], ids[5]}
    assert found("keterangan3") == set()
    assert b.get(ids[3])["title"] == "bentrokan massa"
    assert b.snapshot()["incident"] == a.snapshot()["incident"]


def test_an_edit_is_one_outbox_entry_with_the_base_before_it(hub: Hub, make_site: MakeSite) -> None:
    a = make_site("A1")
    incident_id = a.create("satu")
    a.sync()
    assert a.outbox() == 0
    a.edit(incident_id, title="dua", severity=3)
    with a.ctx.db.read() as s:
        entries = (
            s.connection()
            .exec_driver_sql("SELECT base FROM sync_outbox WHERE table_name = 'incident'")
            .all()
        )
    assert len(entries) == 1  # the row is written once, not flushed half-made first
    assert '"v":{}' in entries[0][0]  # its base: the versions before the edit


def test_versions_are_stored_as_canonical_json_on_every_site(hub: Hub, make_site: MakeSite) -> None:
    """Edited in one order here and merged in another there, a row's versions are the same
    text everywhere, so sites that agree compare equal byte for byte."""
    a, b = make_site("A1"), make_site("B1")
    incident_id = a.create("satu")
    a.edit(incident_id, title="dua")
    a.edit(incident_id, description="tiga")
    a.sync()
    b.sync()
    b.edit(incident_id, severity=4)
    b.sync()
    a.sync()

    def raw_versions(site: Site) -> str:
        with site.ctx.db.read() as s:
            return str(
                s.connection()
                .exec_driver_sql("SELECT versions FROM incident WHERE id = ?", (incident_id,))
                .scalar_one()
            )

    text_a, text_b = raw_versions(a), raw_versions(b)
    assert text_a == text_b
    assert list(json.loads(text_a)) == ["description", "severity", "title"]


def test_an_edit_typed_during_a_pull_is_never_lost(hub: Hub, make_site: MakeSite) -> None:
    """A pulled value with a later version (a clock a minute ahead, inside the tolerance)
    arrives while a field is being edited here: the edit survives as the value or as a
    conflict, never only in the audit log."""
    a, b = make_site("A1"), make_site("B1", page_size=1)
    incident = a.create("awal")
    sync_all(a, b)
    a.create("satu")
    a.create("dua")
    a.offset_ms = 60_000  # A's clock a minute ahead, not measured yet
    a.edit(incident, title="dari A")
    a.offset_ms = 0
    a.sync()
    typed = {"done": False}

    def edit_meanwhile(point: str) -> None:
        if point == "between_pages" and not typed["done"]:
            typed["done"] = True
            b.edit(incident, title="diketik di B saat menarik")

    b.syncer.fault = edit_meanwhile
    b.sync()
    b.syncer.fault = None
    assert typed["done"]
    sync_all(b, a)
    values = {a.get(incident)["title"]}
    for conflict in a.conflicts():
        values |= {conflict.winner_value, conflict.loser_value}
    assert "diketik di B saat menarik" in values
    assert_converged(hub, a, b)


@pytest.mark.parametrize("last", ["winner", "other"])
def test_two_desks_resolving_one_conflict_oppositely_agree(
    hub: Hub, make_site: MakeSite, last: str
) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    sync_all(a, b)
    a.edit(incident, title="versi A")
    b.edit(incident, title="versi B")
    sync_all(a, b)
    [conflict] = a.conflicts()
    first, second = ("other", "winner") if last == "winner" else ("winner", "other")
    for site, keep in ((a, first), (b, second)):  # offline, each decides; B decides last
        with site.ctx.db.write() as s:
            conflict_service.resolve_conflict(s, site.ctx.actor, conflict.id, keep)  # type: ignore[arg-type]
    sync_all(a, b)
    expected = conflict.winner_value if last == "winner" else conflict.loser_value
    for site in (a, b):
        assert site.get(incident)["title"] == expected
        [row] = site.conflicts()
        assert row.resolution == last
    assert a.conflicts("sync_conflict") == []  # no conflict about the conflict
    assert_converged(hub, a, b)

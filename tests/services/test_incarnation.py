"""What makes a workstation a new incarnation, and the references it continues with."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desk_app.context import AppContext, open_context
from desk_app.formats import to_wib
from desk_app.models import Incident
from desk_app.services import backup, incarnation, incidents
from desk_app.services.actor import Actor
from desk_app.services.records import Writer
from desk_app.services.setup import region_id


def _input(title: str = "Hoaks") -> incidents.IncidentInput:
    now = datetime.now(UTC)
    return incidents.IncidentInput(
        title=title,
        region_code="33.74",
        category="HOAKS",
        severity=2,
        source_type="MEDSOS",
        occurred_at=now,
        reported_at=now,
    )


def _pulled(ctx: AppContext, ref: str, *, deleted: bool = False) -> None:
    """An incident as a pull writes it: numbered elsewhere, not by this desk's counter."""
    now = datetime.now(UTC)
    with ctx.db.write() as s:
        Writer(s, None).create(
            Incident,
            ref=ref,
            occurred_at=now,
            reported_at=now,
            region_id=region_id("33.74"),
            category="HOAKS",
            severity=2,
            source_type="MEDSOS",
            title=f"pulled {ref}",
            deleted=deleted,
        )


def test_references_continue_above_the_highest_the_database_knows(
    ctx: AppContext, admin: Actor
) -> None:
    year = to_wib(datetime.now(UTC)).year
    with ctx.db.write() as s:
        first = incidents.create_incident(s, admin, _input()).ref
    assert first == f"GB1-{year}-00001"
    # What the hub held for GB1 arrives with a pull: a later number, a renamed one, a
    # deleted one, and other codes' and years' (which do not count).
    _pulled(ctx, f"GB1-{year}-00040")
    _pulled(ctx, f"GB1-{year}-00057~2903ef")
    _pulled(ctx, f"GB1-{year}-00050", deleted=True)
    _pulled(ctx, f"GB12-{year}-00900")
    _pulled(ctx, f"GB1-{year - 1}-00800")
    with ctx.db.read() as s:
        assert incidents.highest_ref_number(s, "GB1", year) == 57
        assert incidents.highest_ref_number(s, "GB2", year) == 0
    with ctx.db.write() as s:
        assert incidents.create_incident(s, admin, _input()).ref == f"GB1-{year}-00058"
        assert incidents.create_incident(s, admin, _input()).ref == f"GB1-{year}-00059"


def test_the_fingerprint_is_stable_and_falls_back_to_host_and_network_card(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = incarnation.machine_fingerprint()
    assert first and first == incarnation.machine_fingerprint()
    monkeypatch.setattr(sys, "platform", "linux")
    machine_id = tmp_path / "machine-id"
    machine_id.write_text("abc123\n")
    monkeypatch.setattr(incarnation, "_MACHINE_ID_FILES", (str(machine_id),))
    from_file = incarnation.machine_fingerprint()
    machine_id.write_text("another\n")
    assert incarnation.machine_fingerprint() != from_file
    # No machine id: the host name and the network card's address.
    monkeypatch.setattr(incarnation, "_MACHINE_ID_FILES", (str(tmp_path / "none"),))
    monkeypatch.setattr(incarnation.platform, "node", lambda: "desk-7")
    monkeypatch.setattr(incarnation.uuid, "getnode", lambda: 0x001122334455)
    fallback = incarnation.machine_fingerprint()
    assert fallback and fallback == incarnation.machine_fingerprint()
    # A random node (multicast bit set: no card found) is not part of it: still stable.
    monkeypatch.setattr(incarnation.uuid, "getnode", lambda: 0x010000000001)
    host_only = incarnation.machine_fingerprint()
    monkeypatch.setattr(incarnation.uuid, "getnode", lambda: 0x01FFFFFFFFFF)
    assert incarnation.machine_fingerprint() == host_only != fallback


def test_an_ordinary_open_changes_nothing(ctx: AppContext) -> None:
    site = ctx.site_id
    again = open_context(ctx.paths.data_dir)
    try:
        assert again.incarnation is None and again.site_id == site
    finally:
        again.close()


@pytest.mark.allow_log_warnings  # the unreadable marker is logged: that is the point
def test_an_unreadable_marker_still_means_a_restore(
    ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    site = ctx.site_id
    incarnation.marker_path(ctx.paths.database).write_text("{not json")
    again = open_context(ctx.paths.data_dir)
    try:
        assert again.incarnation is not None and again.incarnation.reason == "restored"
        assert again.site_id != site and again.workstation_code == "GB1"
        assert again.incarnation.retires == site
    finally:
        again.close()
    assert not incarnation.marker_path(ctx.paths.database).exists()
    assert "unreadable" in caplog.text


def test_a_restored_database_offers_every_row_again_and_pulls_from_the_start(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    with ctx.db.write() as s:
        incidents.create_incident(s, admin, _input())
        conn = s.connection()
        conn.exec_driver_sql("DELETE FROM sync_outbox")
        conn.exec_driver_sql("UPDATE sync_state SET epoch = 'e1', cursor = 42")
    saved = backup.create_backup(
        ctx.paths.database, ctx.paths.backups_dir, kind="manual", dest=tmp_path / "b.sqlite3"
    ).path
    ctx.db.dispose()
    result = backup.restore_database(ctx.paths.database, saved, ctx.paths.backups_dir)
    assert not result.other_desk
    again = open_context(ctx.paths.data_dir)
    try:
        with again.db.read() as s:
            conn = s.connection()
            assert tuple(conn.exec_driver_sql("SELECT epoch, cursor FROM sync_state").one()) == (
                None,
                0,
            )
            queued = conn.exec_driver_sql(
                "SELECT count(*) FROM sync_outbox WHERE table_name = 'incident'"
            ).scalar()
            assert queued == 1
            assert s.scalar(select(Incident.ref)) is not None
    finally:
        again.close()


def test_identity_of_a_backup_is_read_without_leaving_files(
    ctx: AppContext, tmp_path: Path
) -> None:
    saved = backup.create_backup(
        ctx.paths.database, ctx.paths.backups_dir, kind="manual", dest=tmp_path / "b.sqlite3"
    ).path
    before = sorted(p.name for p in tmp_path.iterdir())
    found = incarnation.identity_of(saved)
    assert found is not None and found.site_id == ctx.site_id and found.code == "GB1"
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert incarnation.identity_of(tmp_path / "missing.sqlite3") is None
    (tmp_path / "text.sqlite3").write_text("bukan basis data")
    assert incarnation.identity_of(tmp_path / "text.sqlite3") is None


def test_an_import_numbers_above_the_highest_reference_too(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    from desk_app.services import exporting, importing

    year = to_wib(datetime.now(UTC)).year
    with ctx.db.write() as s:
        incidents.create_incident(s, admin, _input("satu"))
    path = tmp_path / "insiden.csv"
    with ctx.db.read() as s:
        assert exporting.export_incidents(s, admin, incidents.IncidentFilter(), path) == 1
    _pulled(ctx, f"GB1-{year}-00070")
    table = importing.read_table(path)
    mapping = importing.guess_mapping("incidents", table.headers)
    with ctx.db.write() as s:
        importing.import_rows(s, admin, "incidents", path, mapping)
    with ctx.db.read() as s:
        refs = set(s.scalars(select(Incident.ref)))
    assert f"GB1-{year}-00071" in refs and f"GB1-{year}-00002" not in refs


def test_sitrep_numbers_continue_above_the_highest_too(ctx: AppContext) -> None:
    from desk_app.models import Sitrep
    from desk_app.services import sitreps

    now = datetime.now(UTC)
    year = to_wib(now).year
    with ctx.db.write() as s:
        assert sitreps.reserve_number(s, now) == f"GB1/001/{year}"
    for number in (f"GB1/041/{year}", f"GB1/500/{year - 1}", f"GB9/900/{year}"):
        with ctx.db.write() as s:  # as a pull writes them
            Writer(s, None).create(
                Sitrep,
                number=number,
                period_from=now,
                period_to=now,
                issued_at=now,
                lang="id",
                classification="TERBATAS",
                pages=1,
                sha256="0" * 64,
                file_path="",
            )
    with ctx.db.write() as s:
        assert sitreps.reserve_number(s, now) == f"GB1/042/{year}"

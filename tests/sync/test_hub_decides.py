"""The hub decides (sync-protocol.md guarantees 9–11): each attack an operator with a
tampered workstation tried, against the real sync service on loopback, on a SQLite and a
PostgreSQL hub. Each would pass on a hub that trusts what a workstation pushes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from desk_app.context import sign_in_as
from desk_app.hlc import wall_clock_ms
from desk_app.hub.server import BackgroundServer
from desk_app.hub.store import Hub, hub_blob, hub_record
from desk_app.messages import error_message
from desk_app.models import SyncConflict, User
from desk_app.models.enums import Role
from desk_app.services import auth
from desk_app.services import conflicts as conflict_service
from desk_app.services import contacts as contact_service
from desk_app.services.actor import Actor
from desk_app.services.attachments import AttachmentError, BlobStore, viewable_copy
from desk_app.services.errors import PermissionDeniedError, ServiceError
from desk_app.sync import connection
from desk_app.sync.errors import HubRefusedError
from desk_app.sync.protocol import API, Change
from desk_app.sync.remote import DirectDatabaseUrlError, RemoteHub, check_service_url
from tests.sync.conftest import ADMIN_PASSWORD, Site, hub_rows

MakeSite = Callable[..., Site]
DAY_MS = 24 * 3600 * 1000
BUDI_PASSWORD = "Budi-Sandi-2024"
PLANTED = "0190aaaa-0000-7000-8000-000000000001"

#: Every test here provokes a refusal or a failure, which the code logs.
pytestmark = pytest.mark.allow_log_warnings


def sync_all(*sites: Site, rounds: int = 2) -> None:
    for _ in range(rounds):
        for site in sites:
            site.sync()


def add_person(site: Site, username: str, role: str, password: str = BUDI_PASSWORD) -> str:
    with site.ctx.db.write() as s:
        return auth.add_user(s, site.ctx.actor, username, role, password=password).id  # type: ignore[arg-type]


def become(site: Site, username: str, password: str = BUDI_PASSWORD) -> str:
    """``username`` signs in on ``site`` (window and service); nobody else is signed in."""
    actor = sign_in_as(site.ctx, username)
    site.hub.sessions.clear()
    workstation = connection.workstation_of(site.ctx.db, site.ctx.paths.data_dir)
    connection.open_session(workstation, site.hub, username, password)
    return actor.user_id


def tamper(site: Site, sql: str, *params: Any) -> None:
    """Edit the workstation's database outside the app (the capture triggers still fire,
    as they would for any tool that writes the file)."""
    with site.ctx.db.write() as s:
        s.connection().exec_driver_sql(sql, params)


def hub_doc(hub: Hub, table: str, record_id: str) -> dict[str, Any]:
    return hub_rows(hub, table)[record_id]


def refusals(site: Site) -> list[tuple[str, str, str]]:
    with site.ctx.db.read() as s:
        return [
            tuple(r)
            for r in s.connection().exec_driver_sql(
                "SELECT table_name, record_id, rule FROM sync_refusal ORDER BY id"
            )
        ]


def local_role(site: Site, username: str) -> str:
    with site.ctx.db.read() as s:
        return str(s.scalar(select(User.role).where(User.username == username)))


# -- a forged role and a forged version -------------------------------------------------


@pytest.mark.parametrize("version", ['"9"', "hlc"])
def test_a_forged_role_is_refused_reverted_and_kept(
    hub: Hub, make_site: MakeSite, version: str
) -> None:
    a, b = make_site("A1"), make_site("B1")
    budi = add_person(a, "budi", "operator")
    sync_all(a, b)
    become(b, "budi")
    forged = "9" if version == '"9"' else "0" + str(10**14 + 1)[:14] + ".000000." + b.ctx.site_id
    if version == "hlc":
        with b.ctx.db.read() as s:
            forged = s.connection().exec_driver_sql("SELECT hlc FROM local_state").scalar_one()
    tamper(
        b,
        "UPDATE user_account SET role = 'admin', updated_by = ?, "
        "versions = json_set(versions, '$.role', ?) WHERE id = ?",
        budi,
        forged,
        budi,
    )
    report = b.sync()
    assert report.refused == 1
    assert hub_doc(hub, "user_account", budi)["role"] == "operator"
    assert local_role(b, "budi") == "operator"  # put back to the hub's state
    assert refusals(b) == [
        ("user_account", budi, "bad_version" if version == '"9"' else "permission")
    ]
    with b.ctx.db.read() as s:  # the refused value is kept where its author can see it
        kept = s.connection().exec_driver_sql("SELECT refused_row FROM sync_refusal").scalar_one()
    assert json.loads(kept)["role"] == "admin"
    # The real administrator can still change budi's role: nothing forged outranks it.
    with a.ctx.db.write() as s:
        auth.set_role(s, a.ctx.actor, "budi", "coordinator")  # type: ignore[arg-type]
    sync_all(a, b)
    assert local_role(b, "budi") == "coordinator"


def test_a_forged_title_version_never_blocks_a_later_correction(
    hub: Hub, make_site: MakeSite
) -> None:
    a, b = make_site("A1"), make_site("B1")
    add_person(a, "budi", "operator")
    incident = a.create("Spanduk dirobek")
    sync_all(a, b)
    budi = become(b, "budi")
    tamper(
        b,
        "UPDATE incident SET title = 'Palsu', updated_by = ?, "
        "versions = json_set(versions, '$.title', '9') WHERE id = ?",
        budi,
        incident,
    )
    assert b.sync().refused == 1
    assert hub_doc(hub, "incident", incident)["title"] == "Spanduk dirobek"
    a.edit(incident, title="Spanduk dirobek di Pati")
    sync_all(a, b)
    assert b.get(incident)["title"] == "Spanduk dirobek di Pati"


# -- clocks --------------------------------------------------------------------------------


@pytest.mark.parametrize("offset", [DAY_MS, -DAY_MS], ids=["ahead", "behind"])
def test_a_wrong_clock_cannot_make_later_edits_vanish(
    hub: Hub, make_site: MakeSite, offset: int
) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("awal")
    sync_all(a, b)
    b.offset_ms = offset
    b.edit(incident, title="dari B (jam salah)")  # stamped before B knows its clock is off
    report = b.sync()
    assert report.refused == 0 and report.pushed >= 1
    assert abs(report.clock_skew_ms + offset) < 60_000
    assert any(w.startswith("clock_skew:") for w in report.warnings)
    a.edit(incident, title="dari A, kemudian")  # later in real time
    sync_all(a, b)
    assert a.get(incident)["title"] == b.get(incident)["title"] == "dari A, kemudian"
    b.edit(incident, severity=4)  # B's next edit, from the corrected clock
    sync_all(b, a)
    assert a.get(incident)["severity"] == 4


def test_a_version_far_ahead_is_refused(hub: Hub, make_site: MakeSite) -> None:
    a = make_site("A1")
    incident = a.create("awal")
    a.sync()
    ahead = f"{(10**15 - 1):015d}.000000.{a.ctx.site_id}"
    tamper(
        a,
        "UPDATE incident SET title = 'masa depan', versions = json_set(versions, '$.title', ?) "
        "WHERE id = ?",
        ahead,
        incident,
    )
    # The desk's own clock is fine: only the planted version is ahead.
    assert a.sync().refused == 1
    assert refusals(a)[-1][2] == "clock_ahead"
    assert hub_doc(hub, "incident", incident)["title"] == "awal"


# -- attachments ------------------------------------------------------------------------


def test_a_planted_executable_never_reaches_another_desk(
    hub: Hub, make_site: MakeSite, service: BackgroundServer
) -> None:
    a, b = make_site("A1"), make_site("B1")
    incident = a.create("Surat Bawaslu")
    sync_all(a, b)
    exe = b"MZ\x90\x00" + b"\x00" * 200
    sha = hashlib.sha256(exe).hexdigest()
    BlobStore(b.ctx.paths.attachments_dir).put_bytes(sha, exe)
    tamper(
        b,
        "INSERT INTO incident_attachment (id, incident_id, sha256, filename, media_type, size, "
        "created_at, created_by, updated_at, updated_by, deleted, origin_version, versions) "
        "VALUES (?, ?, ?, 'Surat_Bawaslu.pdf.exe', "
        "'application/pdf', ?, '2024-11-27 01:00:00.000000', ?, "
        "'2024-11-27 01:00:00.000000', ?, 0, "
        "(SELECT hlc FROM local_state), '{}')",
        PLANTED,
        incident,
        sha,
        len(exe),
        b.ctx.actor.user_id,  # type: ignore[union-attr]
        b.ctx.actor.user_id,  # type: ignore[union-attr]
    )
    b.sync()
    with hub.reading() as conn:  # the file was refused: no desk can ever fetch it
        assert conn.execute(select(hub_blob.c.sha256)).all() == []
    assert a.sync().files_received == 0
    assert not BlobStore(a.ctx.paths.attachments_dir).has(sha)
    # Even on the desk that planted it, the viewer hands nothing but a sniffed type over.
    with b.ctx.db.read() as s, pytest.raises(AttachmentError):
        viewable_copy(s, BlobStore(b.ctx.paths.attachments_dir), PLANTED)
    # Uploaded by hand with the desk's credential, the service still refuses it.
    response = httpx.put(
        f"{service.url}{API}/blobs/{sha}",
        content=exe,
        headers={"authorization": f"Desk-Workstation {b.hub.token}"},
    )
    assert response.status_code == 415 and response.json()["error"] == "file_type"


def test_a_receiving_desk_checks_the_type_again(hub: Hub, make_site: MakeSite) -> None:
    from tests.sync.test_attachments_sync import PNG, attach

    a, b = make_site("A1"), make_site("B1")
    incident = a.create("Tangkapan layar")
    view = attach(a, incident, "a.png", PNG)
    a.sync()
    exe = b"MZ" + b"\x00" * 64
    with hub.writing() as conn:  # planted straight into the hub's database
        conn.execute(
            hub_blob.update()
            .where(hub_blob.c.sha256 == view.sha256)
            .values(sha256=hashlib.sha256(exe).hexdigest(), data=exe)
        )
        doc = hub_doc(hub, "incident_attachment", view.id)
        doc["sha256"] = hashlib.sha256(exe).hexdigest()
        conn.execute(
            hub_record.update()
            .where(hub_record.c.id == view.id)
            .values(data=json.dumps(doc), seq=10**6)
        )
    b.sync()
    assert not BlobStore(b.ctx.paths.attachments_dir).has(hashlib.sha256(exe).hexdigest())


# -- a malformed document on the hub ------------------------------------------------------


def test_a_malformed_document_is_quarantined_and_the_rest_applied(
    hub: Hub,
    make_site: MakeSite,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = make_site("A1"), make_site("B1")
    good = a.create("baik")
    bad = a.create("Rumah Pak Slamet, Jl. Melati 7")
    a.sync()
    with hub.writing() as conn:
        doc = hub_doc(hub, "incident", bad)
        del doc["ref"]
        conn.execute(hub_record.update().where(hub_record.c.id == bad).values(data=json.dumps(doc)))
    with caplog.at_level(logging.INFO):
        report = b.sync()
    assert report.quarantined == 1
    assert b.get(good)["title"] == "baik"
    with b.ctx.db.read() as s:
        rows = (
            s.connection()
            .exec_driver_sql("SELECT table_name, record_id, reason FROM sync_quarantine")
            .all()
        )
    assert [(t, r) for t, r, _ in rows] == [("incident", bad)]
    assert "Melati" not in caplog.text and "Slamet" not in caplog.text
    assert b.sync().quarantined == 0  # the next pull moves on
    from desk_app.cli import main

    monkeypatch.setenv("DESK_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("DESK_NO_KEYRING", "1")
    assert main(["doctor", "--json", "--data-dir", str(b.ctx.paths.data_dir)]) == 0
    assert '"sync_quarantined": 1' in capsys.readouterr().out


# -- conflicts, roles and privacy ---------------------------------------------------------


def test_password_hashes_never_become_conflicts(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    sync_all(a, b)
    for site, password in ((a, "Sandi-Baru-A-2024"), (b, "Sandi-Baru-B-2024")):
        with site.ctx.db.write() as s:
            auth.set_password(s, site.ctx.actor, "admin", password)  # type: ignore[arg-type]
    sync_all(a, b)
    with hub.reading() as conn:
        docs = [
            json.loads(d)
            for d in conn.execute(
                select(hub_record.c.data).where(hub_record.c.tbl == "sync_conflict")
            ).scalars()
        ]
    assert all(d["field"] != "password_hash" for d in docs)
    assert a.conflicts("user_account") == []


def test_a_coordinator_cannot_restore_a_role_through_a_conflict(
    hub: Hub, make_site: MakeSite
) -> None:
    a, b = make_site("A1"), make_site("B1")
    add_person(a, "siti", "operator")
    add_person(a, "kord", "coordinator", password="Kord-Sandi-2024")
    sync_all(a, b)
    with a.ctx.db.write() as s:
        auth.set_role(s, a.ctx.actor, "siti", "coordinator")  # type: ignore[arg-type]
    with b.ctx.db.write() as s:
        auth.set_role(s, b.ctx.actor, "siti", "admin")  # type: ignore[arg-type]
    sync_all(a, b)
    [conflict] = b.conflicts("user_account")
    become(b, "kord", "Kord-Sandi-2024")
    with b.ctx.db.write() as s, pytest.raises(PermissionDeniedError):
        conflict_service.resolve_conflict(s, b.ctx.actor, conflict.id, "other")  # type: ignore[arg-type]


def test_conflict_values_respect_roles_and_erasure(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    with a.ctx.db.write() as s:
        contact = contact_service.create_contact(
            s,
            a.ctx.actor,  # type: ignore[arg-type]
            contact_service.ContactInput(
                name="Kyai Ahmad", category="TOKOH_AGAMA", phones=["081325667788"]
            ),
        )
    sync_all(a, b)
    for site, phone in ((a, "081300000001"), (b, "081300000002")):
        with site.ctx.db.write() as s:
            data = contact_service.input_of(s, contact.row.id)
            contact_service.update_contact(
                s,
                site.ctx.actor,  # type: ignore[arg-type]
                contact.row.id,
                dataclasses.replace(data, phones=[phone]),
            )
    sync_all(a, b)
    assert [c.field for c in b.conflicts("contact")] == ["phones"]
    operator = Actor("x", "op", Role.OPERATOR, sees_personal_data=False)
    with b.ctx.db.read() as s:
        [shown] = conflict_service.list_conflicts(s, operator)
    assert "0813" not in json.dumps([shown.winner_value, shown.loser_value])
    with a.ctx.db.write() as s:
        contact_service.delete_contact(s, a.ctx.actor, contact.row.id)  # type: ignore[arg-type]
    sync_all(a, b)
    with hub.reading() as conn:
        text = " ".join(
            conn.execute(
                select(hub_record.c.data).where(hub_record.c.tbl == "sync_conflict")
            ).scalars()
        )
    assert "0813" not in text
    with b.ctx.db.read() as s:
        values = [(c.winner_value, c.loser_value) for c in s.scalars(select(SyncConflict))]
    assert "0813" not in json.dumps(values)


def test_two_administrators_demoting_each_other_leave_one(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    add_person(a, "admin2", "admin", password="Admin2-Sandi-2024")
    sync_all(a, b)
    become(b, "admin2", "Admin2-Sandi-2024")
    with a.ctx.db.write() as s:  # offline, each demotes the other
        auth.set_role(s, a.ctx.actor, "admin2", "operator")  # type: ignore[arg-type]
    with b.ctx.db.write() as s:
        auth.set_role(s, b.ctx.actor, "admin", "operator")  # type: ignore[arg-type]
    a.sync()
    assert b.sync().refused == 1
    sync_all(a, b)
    admins = [
        d["username"]
        for d in hub_rows(hub, "user_account").values()
        if d["role"] == "admin" and d["active"]
    ]
    assert admins == ["admin"]
    assert local_role(b, "admin") == "admin"


# -- who may talk to the service ----------------------------------------------------------


def test_an_unenrolled_or_revoked_workstation_is_refused(
    hub: Hub, make_site: MakeSite, service: BackgroundServer
) -> None:
    stranger = RemoteHub(service.url)
    with pytest.raises(HubRefusedError) as refused:
        stranger.info()
    assert refused.value.rule == "not_enrolled"
    stranger.dispose()
    a, b = make_site("A1"), make_site("B1")
    admin_session = a.hub.sessions[a.ctx.actor.user_id]  # type: ignore[union-attr]
    assert a.hub.revoke_workstation(admin_session, "B1") == 1
    b.create("setelah dicabut")
    with pytest.raises(HubRefusedError) as refused:
        b.sync()
    assert refused.value.rule == "workstation_revoked"
    assert refused.value.code == "hub_refused"
    shown = error_message(refused.value.code, refused.value.values, "")
    assert shown == "Hub menolak: pendaftaran workstation B1 telah dicabut oleh administrator"
    assert b.outbox() > 0  # kept for when it is enrolled again


def test_a_stolen_credential_without_a_session_changes_nothing(
    hub: Hub, make_site: MakeSite
) -> None:
    a = make_site("A1")
    incident = a.create("asli")
    a.sync()
    thief = RemoteHub(a.hub.url, token=a.hub.token)  # the credential, no person's session
    row = dict(hub_doc(hub, "incident", incident))
    row["title"] = "dicuri"
    row["versions"] = {**row["versions"], "title": f"{wall_clock_ms():015d}.000000.{a.ctx.site_id}"}
    try:
        result = thief.push(a.ctx.site_id, str(uuid.uuid4()), [Change("incident", row, None)])
    finally:
        thief.dispose()
    assert [r.rule for r in result.refused] == ["no_session"]
    assert hub_doc(hub, "incident", incident)["title"] == "asli"


def test_changes_by_someone_without_a_session_wait_for_them(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("A1"), make_site("B1")
    add_person(a, "budi", "operator")
    sync_all(a, b)
    sign_in_as(b.ctx, "budi")  # signed in on the desk offline: no session on the service
    b.hub.sessions.clear()
    incident = b.create("ditulis luring")
    report = b.sync()
    assert report.waiting_for == ("budi",)
    assert incident not in hub_rows(hub) and b.outbox() > 0
    become(b, "budi")
    assert b.sync().waiting_for == ()
    assert incident in hub_rows(hub)


def test_hub_commands_need_a_signed_in_administrator(
    hub: Hub, make_site: MakeSite, service: BackgroundServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk_app.cli import main

    a = make_site("A1")
    add_person(a, "budi", "operator")
    monkeypatch.setenv("DESK_PASSWORD", BUDI_PASSWORD)
    monkeypatch.setenv("DESK_NO_KEYRING", "1")
    data = ["--data-dir", str(a.ctx.paths.data_dir), "--user", "budi"]
    assert main(["hub", "connect", service.url, *data]) != 0
    assert main(["hub", "init", "--db", str(hub.url), *data]) != 0
    assert main(["hub", "init", "--db", str(hub.url), "--new-epoch", *data]) != 0
    monkeypatch.setenv("DESK_PASSWORD", "salah")
    assert main(["hub", "connect", service.url, "--data-dir", str(a.ctx.paths.data_dir)]) != 0


def test_a_database_url_is_refused_with_an_explanation() -> None:
    with pytest.raises(DirectDatabaseUrlError) as refused:
        check_service_url("postgresql+psycopg://desk@hub.setda.local/desk")
    assert refused.value.code == "hub_direct_url"
    with pytest.raises(ServiceError):
        check_service_url("bukan alamat")
    assert check_service_url("https://hub.setda.local:8765/") == "https://hub.setda.local:8765"


def test_enrollment_takes_the_hubs_accounts_first(
    hub: Hub, make_site: MakeSite, tmp_path: Any, service: BackgroundServer
) -> None:
    """Two fresh desks each set their own first administrator's password; enrolling one
    must not overwrite the hub's administrator (today's two desks overwrote each other)."""
    from desk_app.context import open_context
    from tests.sync.conftest import enroll_site

    ctx = open_context(tmp_path / "fresh", workstation_code="NEW1")
    with ctx.db.write() as s:
        auth.set_first_password(s, "Sandi-Desk-Baru-2024")
    remote = enroll_site(ctx, service)
    site = Site(ctx, remote)
    sign_in_as(ctx, "admin")
    site.sync()
    with ctx.db.read() as s:
        assert auth.verify_password(s, "admin", ADMIN_PASSWORD).username == "admin"
    admin = next(d for d in hub_rows(hub, "user_account").values() if d["username"] == "admin")
    assert auth.password_matches(admin["password_hash"], ADMIN_PASSWORD)
    remote.dispose()
    ctx.close()


def test_passwords_are_checked_before_the_writer_lock_is_taken(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An enrollment or a sign-in checks a password (a tenth of a second by design)
    before it takes the desk's writer lock, or not at all: pushes never wait for one."""
    from contextlib import contextmanager

    from desk_app.hub import accounts

    locked: list[bool] = []
    real_writing = hub.writing

    @contextmanager
    def writing(**kw: Any) -> Any:
        with real_writing(**kw) as conn:
            locked.append(True)
            try:
                yield conn
            finally:
                locked.pop()

    monkeypatch.setattr(hub, "writing", writing)
    checked_under_lock: list[bool] = []
    real_matches = accounts.password_matches

    def matches(stored: str, password: str) -> bool:
        checked_under_lock.append(bool(locked))
        return real_matches(stored, password)

    monkeypatch.setattr(accounts, "password_matches", matches)
    _workstation, token = accounts.enroll(
        hub, "admin", ADMIN_PASSWORD, site_id=str(uuid.uuid4()), code="LK01"
    )
    session = accounts.open_session(hub, token, "admin", ADMIN_PASSWORD)
    assert session.username == "admin"
    assert checked_under_lock == [False, False]
    with pytest.raises(HubRefusedError) as refused:
        accounts.open_session(hub, token, "admin", "salah")
    assert refused.value.rule == "bad_credentials"


def test_a_file_arriving_after_its_row_was_read_is_checked_before_the_row_is_written(
    hub: Hub, make_site: MakeSite
) -> None:
    """A row may come before its file. If the file reaches the hub after the push read
    that it was missing but before the push is written, the row is checked against it:
    a row that says PNG for a PDF is refused, not stored."""
    from tests.sync.test_attachments_sync import PDF

    a, b = make_site("A1"), make_site("B1")
    incident = a.create("Surat edaran")
    sync_all(a, b)
    sha = hashlib.sha256(PDF).hexdigest()
    tamper(  # the row, without its file on this desk
        b,
        "INSERT INTO incident_attachment (id, incident_id, sha256, filename, media_type, size, "
        "created_at, created_by, updated_at, updated_by, deleted, origin_version, versions) "
        "VALUES (?, ?, ?, 'foto.png', 'image/png', ?, '2024-11-27 01:00:00.000000', ?, "
        "'2024-11-27 01:00:00.000000', ?, 0, (SELECT hlc FROM local_state), '{}')",
        PLANTED,
        incident,
        sha,
        len(PDF),
        b.ctx.actor.user_id,  # type: ignore[union-attr]
        b.ctx.actor.user_id,  # type: ignore[union-attr]
    )
    arrived: list[bool] = []

    def file_arrives(point: str) -> None:
        if point == "hub_before_lock" and not arrived:
            arrived.append(hub.put_blob(sha, PDF, "application/pdf"))

    b.syncer.fault = file_arrives
    b.sync()
    assert arrived == [True]
    assert PLANTED not in hub_rows(hub, "incident_attachment")
    assert refusals(b) == [("incident_attachment", PLANTED, "file_type")]

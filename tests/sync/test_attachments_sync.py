"""Attachment files travel with their rows, on a SQLite hub and a PostgreSQL hub."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from desk_app.hub.store import BlobHashError, Change, Hub, hub_blob
from desk_app.services import attachments
from desk_app.sync.errors import SyncError
from tests.sync.conftest import Site, hub_rows, recreate_hub

MakeSite = Callable[..., Site]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n" + b"%" * 500


def attach(site: Site, incident_id: str, name: str, data: bytes) -> attachments.AttachmentView:
    path = site.ctx.paths.data_dir / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    assert site.ctx.actor is not None
    with site.ctx.db.write() as s:
        return attachments.add_attachment(s, site.ctx.actor, site.syncer.store, incident_id, path)


def listed(site: Site, incident_id: str) -> list[tuple[str, bool]]:
    with site.ctx.db.read() as s:
        return [
            (v.filename, v.present)
            for v in attachments.list_attachments(s, site.syncer.store, incident_id)
        ]


def hub_blobs(hub: Hub) -> dict[str, bytes]:
    with hub.reading() as conn:
        return {
            sha: bytes(data)
            for sha, data in conn.execute(select(hub_blob.c.sha256, hub_blob.c.data))
        }


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_file_goes_up_before_its_row_and_reaches_the_other_desk(
    hub: Hub, make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = make_site("GB1"), make_site("GB2")
    incident_id = a.create("Hoaks surat suara")
    view = attach(a, incident_id, "tangkapan.png", PNG)
    seen_at_push: list[bool] = []
    real_prepare = hub.prepare

    def prepare(site_id: str, batch_id: str, changes: Sequence[Change], **kw: Any) -> Any:
        if any(c.table == "incident_attachment" for c in changes):
            seen_at_push.append(view.sha256 in hub.blobs_present([view.sha256]))
        return real_prepare(site_id, batch_id, changes, **kw)

    monkeypatch.setattr(hub, "prepare", prepare)
    report = a.sync()
    assert seen_at_push == [True]  # the file was on the hub when the row went up
    assert report.files_sent == 1 and report.moved
    assert hub_blobs(hub) == {view.sha256: PNG}

    report = b.sync()
    assert report.files_received == 1 and report.files_missing == 0
    assert "incident_attachment" in report.tables
    assert listed(b, incident_id) == [("tangkapan.png", True)]
    assert b.syncer.store.path(view.sha256).read_bytes() == PNG
    # Nothing more moves on the next syncs.
    assert (a.sync().files_sent, b.sync().files_received) == (0, 0)


@pytest.mark.allow_log_warnings
def test_a_failed_batch_leaves_the_file_on_the_hub_and_breaks_nothing(
    hub: Hub, make_site: MakeSite
) -> None:
    a, b = make_site("GB1"), make_site("GB2")
    incident_id = a.create("Baliho dirusak")
    view = attach(a, incident_id, "foto.pdf", PDF)

    def boom(point: str) -> None:
        if point == "hub_before_commit":
            raise RuntimeError("hub transaction fails")

    a.syncer.fault = boom
    with pytest.raises(SyncError) as failed:
        a.sync()
    assert failed.value.code == "hub_service_error"
    a.syncer.fault = None
    assert view.sha256 in hub_blobs(hub)  # the file may be there...
    assert hub_rows(hub, "incident_attachment") == {}  # ...the row is not
    assert a.outbox() > 0
    report = b.sync()  # a desk syncing meanwhile sees nothing odd
    assert report.files_received == report.files_missing == 0

    report = a.sync()
    assert report.files_sent == 0  # already there: not sent twice
    assert set(hub_rows(hub, "incident_attachment")) == {view.id}
    assert b.sync().files_received == 1
    assert listed(b, incident_id) == [("foto.pdf", True)]


def test_the_hub_refuses_a_file_that_does_not_match_its_hash(hub: Hub) -> None:
    with pytest.raises(BlobHashError) as refused:
        hub.put_blob(sha(PNG), PNG + b"tampered", "image/png")
    assert refused.value.code == "blob_hash"
    assert hub_blobs(hub) == {}
    assert hub.put_blob(sha(PNG), PNG, "image/png")
    assert not hub.put_blob(sha(PNG), PNG, "image/png")
    assert hub.blobs_present([sha(PNG), sha(PDF)]) == {sha(PNG)}


def test_bad_bytes_from_the_hub_are_refused_and_fetched_again_later(
    hub: Hub, make_site: MakeSite, caplog: pytest.LogCaptureFixture
) -> None:
    a, b = make_site("GB1"), make_site("GB2")
    incident_id = a.create("Hoaks")
    view = attach(a, incident_id, "a.png", PNG)
    a.sync()
    with hub.writing() as conn:  # damaged on the hub (a bad disk, a bad restore)
        conn.execute(update(hub_blob).where(hub_blob.c.sha256 == view.sha256).values(data=PNG[:-1]))
    with caplog.at_level(logging.ERROR, logger="desk_app.sync.client"):
        report = b.sync()
    assert (report.files_received, report.files_missing) == (0, 1)
    assert not b.syncer.store.has(view.sha256)
    assert listed(b, incident_id) == [("a.png", False)]
    assert any("does not match" in r.getMessage() for r in caplog.records)

    with hub.writing() as conn:
        conn.execute(update(hub_blob).where(hub_blob.c.sha256 == view.sha256).values(data=PNG))
    report = b.sync()  # nothing new to pull, but the missing file is tried again
    assert (report.pulled, report.files_received, report.files_missing) == (0, 1, 0)
    assert listed(b, incident_id) == [("a.png", True)]


def test_a_file_the_hub_lacks_arrives_on_a_later_sync(
    hub: Hub, make_site: MakeSite, caplog: pytest.LogCaptureFixture
) -> None:
    a, b, c = make_site("GB1"), make_site("GB2"), make_site("GB3")
    incident_id = a.create("Hoaks")
    view = attach(a, incident_id, "a.png", PNG)
    a.syncer.store.path(view.sha256).unlink()  # lost on its desk (should not happen)
    with caplog.at_level(logging.WARNING, logger="desk_app.sync.client"):
        report = a.sync()
    assert report.files_sent == 0 and set(hub_rows(hub, "incident_attachment")) == {view.id}
    assert any("is not here" in r.getMessage() for r in caplog.records)
    report = b.sync()
    assert (report.files_received, report.files_missing) == (0, 1)
    assert listed(b, incident_id) == [("a.png", False)]

    # Another desk attaches the same content elsewhere: one file serves both rows.
    c.sync()
    attach(c, c.create("Hoaks serupa"), "salinan.png", PNG)
    assert c.sync().files_sent == 1
    report = b.sync()
    assert report.files_received == 1 and report.files_missing == 0
    assert listed(b, incident_id) == [("a.png", True)]

    # A file lost on a desk later is fetched again by its next sync.
    b.syncer.store.path(view.sha256).unlink()
    assert b.sync().files_received == 1


def test_a_removed_attachment_moves_no_file(hub: Hub, make_site: MakeSite) -> None:
    a, b = make_site("GB1"), make_site("GB2")
    incident_id = a.create("Hoaks")
    view = attach(a, incident_id, "a.png", PNG)
    assert a.ctx.actor is not None
    with a.ctx.db.write() as s:
        attachments.remove_attachment(s, a.ctx.actor, view.id)
    assert a.sync().files_sent == 0
    assert hub_rows(hub, "incident_attachment")[view.id]["deleted"] == 1
    assert hub_blobs(hub) == {}
    report = b.sync()
    assert (report.files_received, report.files_missing) == (0, 0)
    assert listed(b, incident_id) == []


def test_when_nothing_is_missing_no_file_is_asked_for(
    hub: Hub, make_site: MakeSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = make_site("GB1")
    attach(a, a.create("Hoaks"), "a.png", PNG)
    a.sync()
    asked: list[str] = []
    monkeypatch.setattr(hub, "get_blob", lambda s: asked.append(s))
    monkeypatch.setattr(hub, "blobs_present", lambda s: asked.append("present"))
    a.sync()
    assert asked == []


def test_sync_command_prints_the_files_moved(
    hub: Hub,
    make_site: MakeSite,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desk_app.cli import main
    from tests.sync.conftest import ADMIN_PASSWORD

    monkeypatch.setenv("DESK_PASSWORD", ADMIN_PASSWORD)
    a = make_site("GB1")
    attach(a, a.create("Hoaks"), "a.png", PNG)
    assert main(["sync", "--data-dir", str(a.ctx.paths.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Lampiran terkirim: 1" in out


def test_a_recreated_hub_gets_the_files_back_from_the_desks(
    hub: Hub, make_site: MakeSite, tmp_path_factory: pytest.TempPathFactory
) -> None:

    a, b = make_site("GB1"), make_site("GB2")
    incident_id = a.create("Hoaks")
    view = attach(a, incident_id, "a.png", PNG)
    a.sync()
    b.sync()
    recreate_hub(hub, tmp_path_factory.getbasetemp(), a, b)
    report = b.sync()  # the desk that only downloaded the file sends it back, too
    assert report.full_download and report.files_sent == 1
    assert hub_blobs(hub) == {view.sha256: PNG}
    assert a.sync().files_sent == 0

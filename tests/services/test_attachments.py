"""Attachments of incidents: accepted and refused files, the content-addressed store."""

from __future__ import annotations

import errno
import hashlib
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desk_app.context import AppContext
from desk_app.models import AuditEntry, IncidentAttachment, OutboxEntry
from desk_app.models.enums import Role
from desk_app.services import attachments as svc
from desk_app.services import incidents, permissions
from desk_app.services.actor import Actor
from desk_app.services.attachments import AttachmentError, BlobStore
from desk_app.services.errors import NotFoundError, PermissionDeniedError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(200))
SAMPLES = {
    "image/png": PNG,
    "image/jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"j" * 100,
    "image/gif": b"GIF89a" + b"g" * 100,
    "image/webp": b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"w" * 100,
    "application/pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
}


def incident(ctx: AppContext, actor: Actor, title: str = "Hoaks surat suara") -> str:
    with ctx.db.write() as s:
        return incidents.create_incident(
            s,
            actor,
            incidents.IncidentInput(
                title=title, region_code="33.74", category="HOAKS", severity=2, source_type="MEDSOS"
            ),
        ).id


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def store_of(ctx: AppContext) -> BlobStore:
    return BlobStore(ctx.paths.attachments_dir)


def stored_files(store: BlobStore) -> list[Path]:
    return sorted(p for p in store.root.rglob("*") if p.is_file())


def add(ctx: AppContext, actor: Actor, incident_id: str, path: Path) -> svc.AttachmentView:
    with ctx.db.write() as s:
        return svc.add_attachment(s, actor, store_of(ctx), incident_id, path)


def attachment_rows(ctx: AppContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(IncidentAttachment)) or 0)


@pytest.mark.parametrize("media_type", sorted(SAMPLES))
def test_each_accepted_type_is_stored_by_its_hash(
    ctx: AppContext, admin: Actor, tmp_path: Path, media_type: str
) -> None:
    data = SAMPLES[media_type]
    # The name says nothing: the type comes from the first bytes.
    view = add(ctx, admin, incident(ctx, admin), write(tmp_path, "kiriman warga.bin", data))
    sha = hashlib.sha256(data).hexdigest()
    assert (view.media_type, view.size, view.sha256) == (media_type, len(data), sha)
    assert view.filename == "kiriman warga.bin" and view.present
    stored = ctx.paths.attachments_dir / sha[:2] / sha
    assert stored.read_bytes() == data
    assert stored_files(store_of(ctx)) == [stored]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("catatan.png", b"bukan gambar, hanya teks\n", "attachment_type"),
        ("program.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60, "attachment_type"),
        ("suara.webp", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40, "attachment_type"),
        ("kosong.png", b"", "attachment_empty"),
    ],
)
def test_other_types_and_empty_files_are_refused(
    ctx: AppContext, admin: Actor, tmp_path: Path, name: str, data: bytes, code: str
) -> None:
    incident_id = incident(ctx, admin)
    with pytest.raises(AttachmentError) as refused:
        add(ctx, admin, incident_id, write(tmp_path, name, data))
    assert refused.value.code == code
    assert attachment_rows(ctx) == 0 and stored_files(store_of(ctx)) == []


def test_size_limit(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    incident_id = incident(ctx, admin)
    big = tmp_path / "besar.png"
    with big.open("wb") as fh:
        fh.write(PNG)
        fh.truncate(svc.MAX_SIZE + 1)
    with pytest.raises(AttachmentError) as refused:
        add(ctx, admin, incident_id, big)
    assert refused.value.code == "attachment_too_large"
    assert refused.value.values == {"size": svc.MAX_SIZE + 1, "limit": svc.MAX_SIZE}
    assert attachment_rows(ctx) == 0 and stored_files(store_of(ctx)) == []
    with big.open("r+b") as fh:
        fh.truncate(svc.MAX_SIZE)  # exactly the limit is accepted
    assert add(ctx, admin, incident_id, big).size == svc.MAX_SIZE


def test_a_missing_file_is_unreadable(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    with pytest.raises(AttachmentError) as refused:
        add(ctx, admin, incident(ctx, admin), tmp_path / "tidak-ada.png")
    assert refused.value.code == "attachment_unreadable"


def test_same_content_is_stored_once(ctx: AppContext, admin: Actor, tmp_path: Path) -> None:
    first, second = incident(ctx, admin), incident(ctx, admin, "Hoaks lain")
    a = add(ctx, admin, first, write(tmp_path, "a.png", PNG))
    b = add(ctx, admin, second, write(tmp_path, "salinan.png", PNG))
    assert a.sha256 == b.sha256 and a.id != b.id
    assert len(stored_files(store_of(ctx))) == 1
    # On the same incident the same content is refused, naming the attachment it repeats.
    with pytest.raises(AttachmentError) as refused:
        add(ctx, admin, first, write(tmp_path, "lagi.png", PNG))
    assert refused.value.code == "attachment_duplicate"
    assert refused.value.values["filename"] == "a.png"
    assert attachment_rows(ctx) == 2


def test_filenames_lose_folders_and_control_characters() -> None:
    clean = svc.clean_filename
    assert clean("C:\\Users\\ani\\Desktop\\tangkapan layar.png") == "tangkapan layar.png"
    assert clean("/home/ani/../../etc/passwd") == "passwd"
    assert clean("foto\x00\x1b[31m\t1.jpg") == "foto[31m 1.jpg"
    # A right-to-left override would show "fotogpj.exe" as "fotoexe.jpg".
    assert clean("foto\u202egpj.exe") == "fotogpj.exe"
    assert clean("..", "image/png") == "lampiran.png"
    assert clean("", "application/pdf") == "lampiran.pdf"
    long = clean("a" * 400 + ".jpeg")
    assert len(long) == 255 and long.endswith(".jpeg")


def test_listed_with_presence_merged_sources_included(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    keep, source = incident(ctx, admin), incident(ctx, admin, "Hoaks sama")
    a = add(ctx, admin, keep, write(tmp_path, "a.png", PNG))
    b = add(ctx, admin, source, write(tmp_path, "b.pdf", SAMPLES["application/pdf"]))
    with ctx.db.write() as s:
        incidents.merge_incidents(s, admin, keep, source)
        source_ref = incidents.get_incident(s, admin, keep).sources[0][0]
    store = store_of(ctx)
    store.path(b.sha256).unlink()  # as on a workstation that has not downloaded it yet
    with ctx.db.read() as s:
        views = svc.list_attachments(s, store, keep)
        assert [(v.filename, v.present, v.created_by) for v in views] == [
            ("a.png", True, "admin"),
            ("b.pdf", False, "admin"),
        ]
        assert views[1].incident_ref == source_ref
        assert svc.attachment_path(s, store, a.id) == store.path(a.sha256)
        with pytest.raises(AttachmentError) as missing:
            svc.attachment_path(s, store, b.id)
        assert missing.value.code == "attachment_missing"
    # A merged incident takes no new attachments (its survivor does).
    with pytest.raises(NotFoundError):
        add(ctx, admin, source, write(tmp_path, "c.gif", SAMPLES["image/gif"]))


def test_remove_is_a_tombstone_that_syncs_and_is_audited(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    incident_id = incident(ctx, admin)
    view = add(ctx, admin, incident_id, write(tmp_path, "a.png", PNG))
    with ctx.db.write() as s:
        svc.remove_attachment(s, admin, view.id)
    with ctx.db.read() as s:
        assert svc.list_attachments(s, store_of(ctx), incident_id) == []
        row = s.get(IncidentAttachment, view.id)
        assert row is not None and row.deleted and "deleted" in row.versions
        actions = s.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.record_id == view.id)
            .order_by(AuditEntry.origin_version)
        ).all()
        assert actions == ["create", "delete"]
        queued = s.scalars(
            select(OutboxEntry.record_id).where(OutboxEntry.table_name == "incident_attachment")
        ).all()
        assert set(queued) == {view.id} and len(queued) >= 2  # created, then deleted
    assert store_of(ctx).has(view.sha256)  # the file stays: an undelete needs it
    with ctx.db.write() as s, pytest.raises(NotFoundError):
        svc.remove_attachment(s, admin, view.id)


def test_permissions_follow_editing_incidents(
    ctx: AppContext,
    admin: Actor,
    operator: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    incident_id = incident(ctx, admin)
    view = add(ctx, operator, incident_id, write(tmp_path, "a.png", PNG))  # operators may
    # A role that may not edit incidents may neither add nor remove attachments.
    limited = {**permissions.PERMISSIONS}
    limited[Role.OPERATOR] = limited[Role.OPERATOR] - {permissions.Action.EDIT_INCIDENT}
    monkeypatch.setattr(permissions, "PERMISSIONS", limited)
    before = stored_files(store_of(ctx))
    with pytest.raises(PermissionDeniedError):
        add(ctx, operator, incident_id, write(tmp_path, "b.gif", SAMPLES["image/gif"]))
    assert stored_files(store_of(ctx)) == before  # refused before the file was copied
    with ctx.db.write() as s, pytest.raises(PermissionDeniedError):
        svc.remove_attachment(s, operator, view.id)
    assert attachment_rows(ctx) == 1


def test_a_failed_write_leaves_no_file_under_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BlobStore(tmp_path / "store")
    sha = hashlib.sha256(PNG).hexdigest()

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", full_disk)
        with pytest.raises(AttachmentError) as failed:
            store.put_bytes(sha, PNG)
    assert failed.value.code == "attachment_store_failed"
    assert not store.has(sha) and stored_files(store) == []

    # The source changed between the check and the copy: refused, nothing kept.
    source = write(tmp_path, "a.png", PNG)
    other = hashlib.sha256(b"what was read before").hexdigest()
    with pytest.raises(AttachmentError) as changed:
        store.put_file(other, source)
    assert changed.value.code == "attachment_changed"
    assert stored_files(store) == []

    # Wrong bytes for a hash are refused before anything is written.
    with pytest.raises(AttachmentError) as bad:
        store.put_bytes(sha, PNG + b"x")
    assert bad.value.code == "attachment_hash" and stored_files(store) == []

    assert store.put_bytes(sha, PNG) and not store.put_bytes(sha, PNG)
    assert store.path(sha).read_bytes() == PNG


def test_a_crash_leftover_is_ignored_then_swept(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store")
    sha = hashlib.sha256(PNG).hexdigest()
    folder = store.root / sha[:2]
    folder.mkdir(parents=True)
    half = folder / ".tmp-0123abcd"
    half.write_bytes(PNG[:10])  # a write cut short by a crash
    assert not store.has(sha) and store.present() == set()
    assert store.sweep() == 0  # young: may be a write in progress
    old = time.time() - 7200
    os.utime(half, (old, old))
    assert store.sweep() == 1 and not half.exists()


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_a_damaged_file_is_set_aside_so_it_can_be_fetched_again(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store")
    sha = hashlib.sha256(PNG).hexdigest()
    store.put_bytes(sha, PNG)
    store.path(sha).write_bytes(PNG[:-1] + b"?")
    assert store.read(sha) is None
    assert not store.has(sha) and sha not in store.present()


def test_viewable_copy_carries_the_sniffed_extension(
    ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    incident_id = incident(ctx, admin)
    pdf = add(ctx, admin, incident_id, write(tmp_path, "surat.exe", SAMPLES["application/pdf"]))
    jpeg = add(ctx, admin, incident_id, write(tmp_path, "foto:1.JPEG", SAMPLES["image/jpeg"]))
    with ctx.db.read() as s:
        copy = svc.viewable_copy(s, store_of(ctx), pdf.id)
        assert copy.name == "surat.exe.pdf"
        assert copy.read_bytes() == SAMPLES["application/pdf"]
        assert svc.viewable_copy(s, store_of(ctx), jpeg.id).name == "foto_1.JPEG"
    # Copies live beside the store and are not mistaken for stored files.
    assert store_of(ctx).present() == {pdf.sha256, jpeg.sha256}


@pytest.mark.allow_log_warnings  # the damaged file's log is expected
def test_content_for_showing_is_checked_and_sniffed_again(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store")
    pdf = SAMPLES["application/pdf"]
    sha = hashlib.sha256(pdf).hexdigest()
    store.put_bytes(sha, pdf)
    content = svc.read_content(store, sha)
    assert (content.media_type, content.data) == ("application/pdf", pdf)
    # Content the sniff refuses is never handed out, whatever a row says it is.
    exe = b"MZ\x90\x00" + bytes(100)
    exe_sha = hashlib.sha256(exe).hexdigest()
    store.put_bytes(exe_sha, exe)
    with pytest.raises(AttachmentError) as refused:
        svc.read_content(store, exe_sha)
    assert refused.value.code == "attachment_type"
    with pytest.raises(AttachmentError) as missing:
        svc.read_content(store, "ab" * 32)
    assert missing.value.code == "attachment_missing"
    store.path(sha).write_bytes(pdf[:-1] + b"?")
    with pytest.raises(AttachmentError) as damaged:
        svc.read_content(store, sha)
    assert damaged.value.code == "attachment_hash" and not store.has(sha)


def test_content_that_cannot_be_read_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BlobStore(tmp_path / "store")
    pdf = SAMPLES["application/pdf"]
    sha = hashlib.sha256(pdf).hexdigest()
    store.put_bytes(sha, pdf)

    def denied(self: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(AttachmentError) as unreadable:
        svc.read_content(store, sha)
    assert unreadable.value.code == "attachment_unreadable"
    assert unreadable.value.values["reason"] == "Permission denied"


def test_sizes_read_as_the_desk_writes_numbers() -> None:
    assert svc.format_size(830) == "830 B"
    assert svc.format_size(412 * 1024) == "412 KB"
    assert svc.format_size(1_258_291) == "1,2 MB"
    assert svc.format_size(1_258_291, "en") == "1.2 MB"

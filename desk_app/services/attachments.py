"""Attachments of incidents: screenshots of posts, photos, letters as PDF.

The row (``incident_attachment``) syncs like every record and goes through the
``Writer``; the file is stored by its SHA-256 in a :class:`BlobStore` under the data
directory, ``<sha[:2]>/<sha>``, so the same content attached twice is stored once and a
file's name is its own checksum. The type is sniffed from the first bytes, never taken
from the name. Nothing here touches Qt: the window runs the slow part (hashing and
copying a large file, :func:`store_file`) on a worker and the quick write
(:func:`record_attachment`) after it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import re
import time
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.formats import format_number
from desk_app.models import Incident, IncidentAttachment, User
from desk_app.services.actor import Actor
from desk_app.services.errors import NotFoundError, ServiceError
from desk_app.services.permissions import Action, require
from desk_app.services.records import Writer, get_live
from desk_app.services.storage import fsync_dir, write_atomically

log = logging.getLogger(__name__)

#: The largest file accepted (a phone photo is 2-8 MB; a scanned letter rarely more).
MAX_SIZE = 20 * 1024 * 1024
#: Files larger than this are hashed and copied off the GUI thread.
LARGE_FILE = 2 * 1024 * 1024
#: The longest display name kept (the column's size).
MAX_FILENAME = 255

_CHUNK = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TEMP_PREFIX = ".tmp-"
#: Copies under their display names, for the system's viewer (see ``viewable_copy``).
VIEW_FOLDER = "view"
#: A temporary file this old was left by a crash, not by a write in progress.
_STALE_TEMP_S = 3600

#: Accepted types and the extension a nameless file gets.
MEDIA_TYPES: dict[str, str] = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}


class AttachmentError(ServiceError):
    """A file refused or not at hand. ``code`` is one of:

    ``attachment_type`` (not PNG, JPEG, GIF, WEBP or PDF), ``attachment_too_large``
    (``size``, ``limit``), ``attachment_empty``, ``attachment_unreadable`` (``reason``),
    ``attachment_changed`` (the file changed while it was copied), ``attachment_duplicate``
    (``filename``: already attached to this incident), ``attachment_missing`` (not yet
    downloaded from the hub), ``attachment_store_failed`` (``reason``: the data folder
    could not be written), ``attachment_hash`` (content does not match its SHA-256),
    ``attachment_damaged`` (the content cannot be shown: a broken image or PDF),
    ``attachment_image_too_large`` (``width``, ``height``: too many pixels to show).
    """

    code = "attachment"


@dataclass(frozen=True)
class StoredFile:
    """A file in the store, not yet attached to anything."""

    sha256: str
    size: int
    media_type: str
    filename: str


@dataclass(frozen=True)
class AttachmentView:
    id: str
    incident_id: str
    #: The incident the file was attached to (a merged source's own ref, see incidents).
    incident_ref: str
    filename: str
    media_type: str
    size: int
    sha256: str
    created_at: datetime
    created_by: str | None
    #: Whether the file is on this workstation (False until a sync downloads it).
    present: bool


# --- sniffing and names -----------------------------------------------------------------


def sniff(head: bytes) -> str | None:
    """The media type of content starting with ``head`` (16 bytes suffice), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def clean_filename(name: str, media_type: str = "") -> str:
    """The display name of a file: its last path part, without control or formatting
    characters (a right-to-left override can disguise an extension), at most 255 long."""
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(
        " " if c.isspace() else c
        for c in base
        if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf", "Cs")
    )
    base = " ".join(base.split())
    if base.strip(".") == "":
        base = "lampiran" + MEDIA_TYPES.get(media_type, "")
    if len(base) > MAX_FILENAME:
        stem, dot, ext = base.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            base = stem[: MAX_FILENAME - len(ext) - 1] + "." + ext
        else:
            base = base[:MAX_FILENAME]
    return base


def format_size(size: int, lang: str = "id") -> str:
    """ "830 B", "412 KB", "1,2 MB" (numbers as the desk writes them, see formats)."""
    if size < 1000:
        return f"{size} B"
    if size < 1000 * 1024:
        return f"{format_number(max(1, round(size / 1024)), lang, 0)} KB"
    return f"{format_number(size / (1024 * 1024), lang, 1)} MB"


def is_sha256(value: str) -> bool:
    return bool(_SHA256.match(value))


# --- the store --------------------------------------------------------------------------


class BlobStore:
    """Files by SHA-256 under ``root``: ``<sha[:2]>/<sha>``.

    Every write goes to a temporary file in the final folder, is flushed to disk, read
    back and checked against its hash, and only then renamed to its final name (atomic
    on one file system): a crash or a bad copy never leaves a half file under a name
    that claims a hash.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return is_sha256(sha256) and self.path(sha256).is_file()

    def present(self) -> set[str]:
        """Every hash stored (one directory listing per folder, not a stat per file)."""
        found: set[str] = set()
        try:
            folders = list(os.scandir(self.root))
        except FileNotFoundError:
            return found
        for folder in folders:
            if not folder.is_dir() or len(folder.name) != 2:
                continue
            with os.scandir(folder.path) as entries:
                for entry in entries:
                    if entry.name[:2] == folder.name and is_sha256(entry.name):
                        found.add(entry.name)
        return found

    def read(self, sha256: str) -> bytes | None:
        """The content, checked against its hash; None when absent or damaged (a
        damaged file is set aside so that the next sync downloads a good copy)."""
        path = self.path(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.error("attachment file %s cannot be read: %s", path, exc)
            return None
        if hashlib.sha256(data).hexdigest() != sha256:
            log.error("attachment file %s is damaged; set aside", path)
            with contextlib.suppress(OSError):
                path.replace(path.with_name(f"{_TEMP_PREFIX}damaged-{sha256}"))
            return None
        return data

    def put_bytes(self, sha256: str, data: bytes) -> bool:
        """Store ``data`` under ``sha256`` (verified first). False when already there."""
        if hashlib.sha256(data).hexdigest() != sha256:
            raise AttachmentError(
                f"content does not match {sha256}", code="attachment_hash", sha256=sha256
            )
        if self.has(sha256):
            return False
        self._write(sha256, iter([data]))
        return True

    def put_file(self, sha256: str, source: Path) -> bool:
        """Copy ``source`` in under ``sha256``; False when already there. A source that
        no longer matches the hash (changed since it was read) is refused."""
        if self.has(sha256):
            return False

        def chunks(fh: BinaryIO) -> Iterator[bytes]:
            try:
                yield from iter(lambda: fh.read(_CHUNK), b"")
            except OSError as exc:
                raise _unreadable(source, exc) from exc

        try:
            fh = source.open("rb")
        except OSError as exc:
            raise _unreadable(source, exc) from exc
        with fh:
            try:
                self._write(sha256, chunks(fh))
            except AttachmentError as exc:
                if exc.code == "attachment_hash":
                    raise AttachmentError(
                        f"{source} changed while it was copied", code="attachment_changed"
                    ) from exc
                raise
        return True

    def _write(self, sha256: str, chunks: Iterator[bytes]) -> None:
        final = self.path(sha256)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            temp = final.with_name(f"{_TEMP_PREFIX}{uuid.uuid4().hex}")
        except OSError as exc:
            raise _store_failed(exc) from exc
        try:
            try:
                with temp.open("xb") as out:
                    for chunk in chunks:  # a source that cannot be read raises its own error
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                written = _file_sha256(temp)  # what the disk holds, not what was sent
            except OSError as exc:
                raise _store_failed(exc) from exc
            if written != sha256:
                raise AttachmentError(
                    f"written content does not match {sha256}", code="attachment_hash"
                )
            try:
                os.replace(temp, final)
                fsync_dir(final.parent)
            except OSError as exc:
                if final.is_file() and _file_sha256(final) == sha256:
                    return  # another process stored the same content meanwhile
                raise _store_failed(exc) from exc
        finally:
            temp.unlink(missing_ok=True)

    def sweep(self) -> int:
        """Remove temporary files a crash left behind (older than an hour)."""
        removed = 0
        cutoff = time.time() - _STALE_TEMP_S
        for temp in self.root.glob(f"??/{_TEMP_PREFIX}*"):
            try:
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()
                    removed += 1
            except OSError:
                continue
        return removed


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _unreadable(path: Path, exc: OSError) -> AttachmentError:
    return AttachmentError(f"{path}: {exc}", code="attachment_unreadable", reason=_reason(exc))


def _store_failed(exc: OSError) -> AttachmentError:
    code = "disk_full" if exc.errno == errno.ENOSPC else "other"
    return AttachmentError(
        f"attachment store: {exc}", code="attachment_store_failed", reason=_reason(exc), why=code
    )


# --- files in -----------------------------------------------------------------------------


def inspect_file(path: Path) -> StoredFile:
    """Check a file a person chose (type, size) and hash it, without storing it."""
    try:
        with path.open("rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(16)
            media_type = sniff(head)
            if not head:
                raise AttachmentError(f"{path} is empty", code="attachment_empty")
            if media_type is None:
                raise AttachmentError(f"{path}: type not accepted", code="attachment_type")
            if size > MAX_SIZE:
                raise _too_large(size)
            digest = hashlib.sha256(head)
            read = len(head)
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                read += len(chunk)
                if read > MAX_SIZE:  # grew while being read
                    raise _too_large(read)
                digest.update(chunk)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    return StoredFile(digest.hexdigest(), read, media_type, clean_filename(path.name, media_type))


def _too_large(size: int) -> AttachmentError:
    return AttachmentError(
        f"file of {size} bytes is over the limit", code="attachment_too_large",
        size=size, limit=MAX_SIZE,
    )  # fmt: skip


def store_file(store: BlobStore, path: Path) -> StoredFile:
    """Check ``path`` and copy it into the store (once per content). No database."""
    stored = inspect_file(path)
    store.put_file(stored.sha256, path)
    return stored


# --- records ------------------------------------------------------------------------------


def _incident(session: Session, incident_id: str) -> Incident:
    incident = get_live(session, Incident, incident_id)
    if incident is None or incident.merged_into:
        raise NotFoundError("incident", incident_id)
    return incident


def check_can_attach(session: Session, actor: Actor, incident_id: str) -> None:
    """Refuse early (before a large file is copied) what :func:`record_attachment` would."""
    require(actor, Action.EDIT_INCIDENT)
    _incident(session, incident_id)


def record_attachment(
    session: Session, actor: Actor, incident_id: str, stored: StoredFile
) -> AttachmentView:
    """Attach a file already in the store to an incident (the row, audited and synced)."""
    require(actor, Action.EDIT_INCIDENT)
    incident = _incident(session, incident_id)
    if not is_sha256(stored.sha256) or stored.media_type not in MEDIA_TYPES:
        raise AttachmentError("not a stored file", code="attachment_type")
    existing = session.scalar(
        select(IncidentAttachment.filename).where(
            IncidentAttachment.incident_id == incident_id,
            IncidentAttachment.sha256 == stored.sha256,
            IncidentAttachment.deleted.is_(False),
        )
    )
    if existing is not None:
        raise AttachmentError("already attached", code="attachment_duplicate", filename=existing)
    row = Writer(session, actor).create(
        IncidentAttachment,
        incident_id=incident_id,
        sha256=stored.sha256,
        filename=clean_filename(stored.filename, stored.media_type),
        media_type=stored.media_type,
        size=stored.size,
    )
    return AttachmentView(
        row.id,
        incident_id,
        incident.ref,
        row.filename,
        row.media_type,
        row.size,
        row.sha256,
        row.created_at,
        actor.username,
        True,
    )


def add_attachment(
    session: Session, actor: Actor, store: BlobStore, incident_id: str, path: Path
) -> AttachmentView:
    """Check, store and attach ``path`` in one go (the command line; small files).

    The file is stored before the row is written: a row never names a file this
    workstation lacks. A file stored for a row that is then refused stays, harmless.
    """
    check_can_attach(session, actor, incident_id)
    return record_attachment(session, actor, incident_id, store_file(store, path))


def list_attachments(session: Session, store: BlobStore, incident_id: str) -> list[AttachmentView]:
    """The live attachments of an incident and of the incidents merged into it, oldest
    first, each with whether its file is here."""
    refs = dict(
        session.execute(
            select(Incident.id, Incident.ref).where(
                (Incident.id == incident_id) | (Incident.merged_into == incident_id)
            )
        ).all()
    )
    rows = session.execute(
        select(IncidentAttachment, User.username)
        .outerjoin(User, User.id == IncidentAttachment.created_by)
        .where(
            IncidentAttachment.incident_id.in_(list(refs) or [incident_id]),
            IncidentAttachment.deleted.is_(False),
        )
        .order_by(IncidentAttachment.created_at, IncidentAttachment.origin_version)
    ).all()
    return [
        AttachmentView(
            a.id,
            a.incident_id,
            refs.get(a.incident_id, ""),
            a.filename,
            a.media_type,
            a.size,
            a.sha256,
            a.created_at,
            username,
            store.has(a.sha256),
        )
        for a, username in rows
    ]


def remove_attachment(session: Session, actor: Actor, attachment_id: str) -> None:
    """Tombstone the row (it syncs; the audit log keeps who and when). The file stays
    in the store: another row may name the same content, and an undelete needs it."""
    require(actor, Action.EDIT_INCIDENT)
    row = get_live(session, IncidentAttachment, attachment_id)
    if row is None:
        raise NotFoundError("attachment", attachment_id)
    Writer(session, actor).delete(row)


def attachment_path(session: Session, store: BlobStore, attachment_id: str) -> Path:
    """Where the file of a live attachment is on this workstation."""
    row = get_live(session, IncidentAttachment, attachment_id)
    if row is None:
        raise NotFoundError("attachment", attachment_id)
    if not store.has(row.sha256):
        raise AttachmentError(
            "file not downloaded yet", code="attachment_missing", filename=row.filename
        )
    return store.path(row.sha256)


@dataclass(frozen=True)
class FileContent:
    """A stored file read back for showing inside the app: its *sniffed* type and bytes."""

    sha256: str
    media_type: str
    data: bytes


def read_content(store: BlobStore, sha256: str) -> FileContent:
    """The content of a stored file, checked against its hash and sniffed again.

    Never trusts a row's media type or name: a file whose first bytes are not PNG, JPEG,
    GIF, WEBP or PDF is refused (``attachment_type``) and never decoded. A file not here
    is ``attachment_missing``; one whose content no longer matches its hash is set aside
    (the next sync fetches a good copy) and reported as ``attachment_hash``.
    """
    if not store.has(sha256):
        raise AttachmentError("file not downloaded yet", code="attachment_missing")
    path = store.path(sha256)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AttachmentError("file not downloaded yet", code="attachment_missing") from None
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if hashlib.sha256(data).hexdigest() != sha256:
        store.read(sha256)  # sets the damaged file aside (and logs it)
        raise AttachmentError(f"{sha256} is damaged", code="attachment_hash")
    media_type = sniff(data[:16])
    if media_type is None:
        raise AttachmentError(f"{sha256}: not a file type the desk shows", code="attachment_type")
    return FileContent(sha256, media_type, data)


def viewable_copy(session: Session, store: BlobStore, attachment_id: str) -> Path:
    """A copy of the file under its display name, for the system's viewer.

    The stored file has no extension (its name is its hash), and a viewer picks its
    program by extension; the extension is the one of the *sniffed* type, so a PDF
    named ``surat.exe`` opens as ``surat.exe.pdf``. A copy, not a link: a viewer that
    saves over what it opened cannot damage the store.
    """
    source = attachment_path(session, store, attachment_id)
    row = session.get(IncidentAttachment, attachment_id)
    assert row is not None
    # The type is sniffed from the file itself, never taken from the row: a row can be
    # planted (or damaged) and claim a PDF for an executable.
    try:
        with source.open("rb") as fh:
            media_type = sniff(fh.read(16))
    except OSError as exc:
        raise _store_failed(exc) from exc
    if media_type is None:
        raise AttachmentError(
            "not a file type the desk opens", code="attachment_type", filename=row.filename
        )
    name = clean_filename(row.filename, media_type)
    ext = MEDIA_TYPES.get(media_type, "")
    if not name.lower().endswith(ext) and not (ext == ".jpg" and name.lower().endswith(".jpeg")):
        name = clean_filename(name[: MAX_FILENAME - len(ext)] + ext, media_type)
    # Characters Windows refuses in a name (a name typed on Linux may hold them).
    name = re.sub(r'[<>:"|?*]', "_", name).rstrip(" .") or "lampiran" + ext
    if not name.lower().endswith(ext) and not (ext == ".jpg" and name.lower().endswith(".jpeg")):
        name = "lampiran" + ext
    target = store.root / VIEW_FOLDER / row.sha256[:16] / name
    if target.is_file() and target.stat().st_size == row.size:
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, source.read_bytes(), temp_prefix=_TEMP_PREFIX)
    except OSError as exc:
        raise _store_failed(exc) from exc
    return target

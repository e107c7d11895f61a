"""Failures of the disk under the database, turned into errors with a clear message.

SQLite reports a full disk, a read-only file or folder and a vanished directory as
``OperationalError`` with a text; the CLI and the GUI show a message instead of a
traceback. SQLite rolls the transaction back in each case, so nothing is half-written.

Files the desk writes beside the database (report PDFs, the logo, markers) go through
:func:`write_atomically`, so that a crash leaves the old file or the new one, never half.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from desk_app.db import DatabaseError

_READ_ONLY = ("readonly database", "read-only", "unable to open database file")
_FULL = ("database or disk is full", "disk i/o error")


class StorageError(DatabaseError):
    """The database could not be written: ``code`` is disk_full, read_only or storage_error."""


def storage_error(exc: BaseException, data_dir: Path | None = None) -> StorageError | None:
    """The ``StorageError`` that explains ``exc``, or None when it is something else."""
    original: BaseException = exc
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        original = exc.orig
    path = str(data_dir) if data_dir is not None else ""
    if isinstance(original, sqlite3.OperationalError):
        text = str(original).lower()
        if any(t in text for t in _FULL):
            return StorageError("disk_full", "the disk is full", path=path)
        if any(t in text for t in _READ_ONLY):
            return StorageError("read_only", f"{path or 'the data folder'} is read-only", path=path)
        return None
    if isinstance(original, OSError):
        if original.errno == errno.ENOSPC:
            return StorageError("disk_full", "the disk is full", path=path)
        if original.errno in (errno.EACCES, errno.EROFS, errno.EPERM):
            where = original.filename or path
            return StorageError("read_only", f"{where} cannot be written", path=str(where))
        reason = original.strerror or str(original)
        return StorageError("storage_error", reason, reason=reason, path=path)
    return None


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable, as far as the system allows.

    Best effort: Windows cannot open a folder (NTFS makes the rename durable itself) and
    some file systems refuse to flush one; the rename has happened either way.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(
    path: Path,
    data: bytes,
    *,
    mode: int = 0o600,
    temp_prefix: str | None = None,
    temp_suffix: str = ".part",
) -> None:
    """Give ``path`` exactly ``data``: written to a temporary file in the same folder,
    flushed to the disk, then renamed over ``path``, so that a crash or a full disk leaves
    the old file (or none) and never half of the new one. The file is owner-only
    (``mode``, 0600 by default) from its creation; a failure removes the temporary file
    and raises the ``OSError``. The folder must exist.

    ``temp_prefix`` and ``temp_suffix`` name the temporary file, for a caller that sweeps
    the ones a killed process left behind; by default ``.<name>.<random>.part``.
    """
    path = Path(path)
    prefix = temp_prefix if temp_prefix is not None else f".{path.name}."
    # mkstemp creates the file 0600, whatever the umask: nobody else sees it half-written.
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=temp_suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode != 0o600:
                os.chmod(tmp, mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)

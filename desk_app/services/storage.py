"""Failures of the disk under the database, turned into errors with a clear message.

SQLite reports a full disk, a read-only file or folder and a vanished directory as
``OperationalError`` with a text; the CLI and the GUI show a message instead of a
traceback. SQLite rolls the transaction back in each case, so nothing is half-written.
"""

from __future__ import annotations

import errno
import sqlite3
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

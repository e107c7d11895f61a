"""Where the desk's data lives, and the few settings read before anything else.

Everything in the data directory is personal data or leads to it (the database, its
backups, drafts, attachments, the log), so it is its owner's alone: on POSIX the folders
are 0700 and the files 0600, and from the first ``AppPaths.ensure()`` on, whatever the
process creates is too (umask 077: SQLite's own -wal/-shm files, backups, exports). On
Windows the data directory is in the user's own profile, which only that user can read;
nothing here changes permissions there.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "DeskPilkada"
APP_AUTHOR = "PemprovJateng"
DATA_DIR_ENV = "DESK_DATA_DIR"
DB_FILENAME = "desk.sqlite3"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` first, then ``DESK_DATA_DIR``, then the user's data directory."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def settings_file(self) -> Path:
        return self.data_dir / "settings.ini"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def attachments_dir(self) -> Path:
        """Incident attachments, content-addressed: ``<sha256[:2]>/<sha256>``."""
        return self.data_dir / "attachments"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "desk.log"

    def ensure(self) -> None:
        """Create the data directory, owner-only, and close what an older version left
        open (a 0755 folder, 0644 files) at its top and in the backups folder."""
        owner_only()
        make_private_dir(self.data_dir)
        if not POSIX:
            return
        for folder in (self.data_dir, self.backups_dir):
            with contextlib.suppress(OSError):
                for entry in folder.iterdir():
                    _restrict(entry)


POSIX = os.name == "posix"


def owner_only() -> None:
    """From now on, files and folders this process creates are readable by their owner
    only (POSIX umask 077). Nothing on Windows, whose profile folders are private."""
    if POSIX:
        os.umask(0o077)


def make_private_dir(path: Path) -> None:
    """``mkdir -p`` a folder readable by its owner only (0700 on POSIX)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if POSIX:
        with contextlib.suppress(OSError):
            path.chmod(0o700)


def _restrict(path: Path) -> None:
    """Take the group's and others' permissions away (a symlink is left alone)."""
    with contextlib.suppress(OSError):
        if path.is_symlink():
            return
        mode = path.stat().st_mode & 0o7777
        if mode & 0o077:
            path.chmod(mode & 0o700)

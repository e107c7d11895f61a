"""Where the desk's data lives, and the few settings read before anything else."""

from __future__ import annotations

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
        self.data_dir.mkdir(parents=True, exist_ok=True)

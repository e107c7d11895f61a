"""The application context: what every command and window is handed, never a global."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk_app.config import AppPaths, resolve_data_dir
from desk_app.db import Database, open_database
from desk_app.services import setup
from desk_app.services.actor import Actor
from desk_app.services.users import actor_for


@dataclass
class AppContext:
    paths: AppPaths
    db: Database
    site_id: str
    workstation_code: str
    actor: Actor | None = None

    def close(self) -> None:
        self.db.dispose()


def open_context(
    data_dir: str | Path | None = None, *, workstation_code: str | None = None
) -> AppContext:
    """Open this workstation's database (created, migrated and seeded when needed)."""
    paths = AppPaths(resolve_data_dir(data_dir))
    paths.ensure()
    db = open_database(paths.database)
    try:
        with db.write() as session:
            state = setup.initialise(session, workstation_code)
            site_id, code = state.site_id, state.workstation_code
    except Exception:
        db.dispose()
        raise
    return AppContext(paths=paths, db=db, site_id=site_id, workstation_code=code)


def sign_in_as(ctx: AppContext, username: str) -> Actor:
    with ctx.db.read() as session:
        ctx.actor = actor_for(session, username)
    return ctx.actor

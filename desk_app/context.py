"""The application context: what every command and window is handed, never a global."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk_app.config import AppPaths, resolve_data_dir
from desk_app.db import Database, open_database
from desk_app.services import auth, setup
from desk_app.services.actor import Actor


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
        with db.read() as session:
            ready = setup.ready_state(session)
            if ready is not None:
                site_id, code = ready.site_id, ready.workstation_code
        if ready is None:
            with db.write() as session:
                state = setup.initialise(session, workstation_code)
                site_id, code = state.site_id, state.workstation_code
    except Exception:
        db.dispose()
        raise
    return AppContext(paths=paths, db=db, site_id=site_id, workstation_code=code)


def sign_in_as(ctx: AppContext, username: str) -> Actor:
    """Act as ``username`` without a password: for callers that already authenticated
    the person (tests, the bootstrap administrator of a fresh desk)."""
    with ctx.db.read() as session:
        ctx.actor = auth.actor_for(session, username)
    return ctx.actor


def authenticate(ctx: AppContext, username: str, password: str) -> Actor:
    """Sign in with a password; raises ``AuthenticationError`` and friends when refused."""
    with ctx.db.read() as session:
        ctx.actor = auth.verify_password(session, username, password)
    return ctx.actor

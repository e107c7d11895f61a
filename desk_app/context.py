"""The application context: what every command and window is handed, never a global."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk_app.config import AppPaths, resolve_data_dir
from desk_app.db import Database, open_database
from desk_app.models import LocalState
from desk_app.services import auth, setup
from desk_app.services import incarnation as incarnations
from desk_app.services.actor import Actor
from desk_app.services.incarnation import Incarnation


@dataclass
class AppContext:
    paths: AppPaths
    db: Database
    site_id: str
    workstation_code: str
    actor: Actor | None = None
    #: Set when this open made the workstation a new incarnation (restored or copied).
    incarnation: Incarnation | None = None

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
        ctx = AppContext(paths=paths, db=db, site_id=site_id, workstation_code=code)
        settle_identity(ctx)
    except Exception:
        db.dispose()
        raise
    return ctx


def settle_identity(ctx: AppContext) -> Incarnation | None:
    """A database restored from a backup, or copied from another computer, becomes a new
    incarnation of this workstation the first time it opens (``services.incarnation``).
    Also after a restore in a running window, which opens the database anew."""
    database = ctx.paths.database
    with ctx.db.read() as session:
        needed = incarnations.needs_settling(session, database)
    if not needed:
        return None
    with ctx.db.write() as session:
        new = incarnations.settle(session, database)
        state = session.get(LocalState, 1)
        assert state is not None
        ctx.site_id, ctx.workstation_code = state.site_id, state.workstation_code
    incarnations.clear_marker(database)
    if new is not None:
        ctx.incarnation = new
    return new


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

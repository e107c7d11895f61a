"""First start: this workstation's identity, the seeded reference data, a first user."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desk_app.models import (
    ELECTION_ID,
    Election,
    LocalState,
    Region,
    TaxonomyTerm,
    User,
    derived_id,
    utcnow,
)
from desk_app.models.enums import AlertLevel, IkpLevel, Role
from desk_app.resources import region_seeds, taxonomy_seeds
from desk_app.services.errors import ValidationError
from desk_app.services.records import SEED_VERSION
from desk_app.services.taxonomy import term_id

WORKSTATION_CODE_RE = re.compile(r"^[A-Z0-9]{2,6}$")
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def region_id(code: str) -> str:
    return derived_id("region", code)


def default_workstation_code(site_id: str) -> str:
    """Four Crockford base-32 characters from the site id (about a million codes)."""
    n = uuid.UUID(site_id).int
    return "".join(_CROCKFORD[(n >> (5 * i)) & 31] for i in range(4))


def validate_workstation_code(code: str) -> str:
    code = code.strip().upper()
    if not WORKSTATION_CODE_RE.match(code):
        raise ValidationError({"workstation_code": "workstation_code_format"})
    return code


def ensure_workstation(session: Session, code: str | None = None, name: str = "") -> LocalState:
    state = session.get(LocalState, 1)
    if state is None:
        site_id = str(uuid.uuid4())
        state = LocalState(
            id=1,
            site_id=site_id,
            workstation_code=validate_workstation_code(code)
            if code
            else default_workstation_code(site_id),
            workstation_name=name,
            hlc="",
        )
        session.add(state)
        session.flush()
    return state


def seed_reference_data(session: Session) -> None:
    """Regions, taxonomies and the election, with the same ids and versions everywhere.

    Idempotent: rows already present (perhaps edited since) are left alone.
    """
    now = utcnow()
    common = {
        "created_at": now,
        "updated_at": now,
        "deleted": False,
        "origin_version": SEED_VERSION,
        "versions": {},
    }
    regions = [
        {
            **common,
            "id": region_id(r.code),
            "code": r.code,
            "name": r.name,
            "kind": r.kind,
            "seat": r.seat,
            "lat": r.lat,
            "lon": r.lon,
            "ikp_score": r.ikp_score,
            "ikp_level": IkpLevel.from_score(r.ikp_score).value if r.ikp_score else None,
            "alert_level": AlertLevel.KONDUSIF.value,
            "status_note": "",
            "liaison": "",
        }
        for r in region_seeds()
    ]
    session.execute(sqlite_insert(Region).on_conflict_do_nothing(), regions)
    terms = [
        {
            **common,
            "id": term_id(kind, t["code"]),
            "kind": kind,
            "code": t["code"],
            "name_id": t["name_id"],
            "name_en": t["name_en"],
            "active": True,
            "sort_order": i,
        }
        for kind, items in taxonomy_seeds().items()
        for i, t in enumerate(items)
    ]
    session.execute(sqlite_insert(TaxonomyTerm).on_conflict_do_nothing(), terms)
    session.execute(
        sqlite_insert(Election).on_conflict_do_nothing(),
        [
            {
                **common,
                "id": ELECTION_ID,
                "name": "Pilkada Serentak 2024 Jawa Tengah",
                "voting_day": date(2024, 11, 27),
                "campaign_start": date(2024, 9, 25),
                "campaign_end": date(2024, 11, 23),
                "quiet_start": date(2024, 11, 24),
                "quiet_end": date(2024, 11, 26),
            }
        ],
    )


#: The first administrator has the same id and creation version on every workstation, so
#: that desks which start on their own and sync later hold one "admin", not several.
FIRST_ADMIN_ID = derived_id("user", "admin")


def ensure_first_admin(session: Session) -> None:
    """Without any user, create the administrator the first start needs (no password yet:
    the first sign-in sets it)."""
    if session.scalar(select(func.count()).select_from(User)):
        return
    now = utcnow()
    session.execute(
        sqlite_insert(User).on_conflict_do_nothing(),
        [
            {
                "id": FIRST_ADMIN_ID,
                "created_at": now,
                "updated_at": now,
                "deleted": False,
                "origin_version": SEED_VERSION,
                "versions": {},
                "username": "admin",
                "full_name": "Administrator",
                "title": "",
                "role": Role.ADMIN.value,
                "active": True,
                "password_hash": None,
            }
        ],
    )


def ready_state(session: Session) -> LocalState | None:
    """This workstation's state when ``initialise`` has nothing left to do, else ``None``.

    A read, so that a start need not wait for the write lock (another desk-app process, a
    sync from the command line) when the database is already set up, as it nearly always is.
    """
    state = session.get(LocalState, 1)
    if state is None or not session.scalar(select(func.count()).select_from(User)):
        return None
    wanted: list[tuple[Any, list[str]]] = [
        (Region, [region_id(r.code) for r in region_seeds()]),
        (
            TaxonomyTerm,
            [term_id(kind, t["code"]) for kind, items in taxonomy_seeds().items() for t in items],
        ),
        (Election, [ELECTION_ID]),
    ]
    for model, ids in wanted:
        found = session.scalar(select(func.count()).select_from(model).where(model.id.in_(ids)))
        if found != len(ids):
            return None
    return state


def initialise(session: Session, workstation_code: str | None = None) -> LocalState:
    state = ensure_workstation(session, workstation_code)
    seed_reference_data(session)
    ensure_first_admin(session)
    return state


def change_workstation_code(session: Session, actor: Any, code: str) -> str:
    """Set this workstation's code, as the first start offers (administrators).

    Incident references carry the code (``GB1-2024-00042``) and the hub knows the site by
    it, so it can change only while neither has happened: refused (``workstation_code_fixed``)
    once an incident was numbered here or the workstation has synced.
    """
    from desk_app.models import Counter
    from desk_app.services.errors import ServiceError
    from desk_app.services.permissions import Action, require

    require(actor, Action.MANAGE_HUB)
    new = validate_workstation_code(code)
    state = session.get(LocalState, 1)
    if state is None:
        raise RuntimeError("workstation not initialised")
    if new == state.workstation_code:
        return new
    numbered = session.scalar(select(Counter.name).where(Counter.name.like("incident:%")))
    epoch = session.connection().exec_driver_sql("SELECT epoch FROM sync_state WHERE id = 1")
    if numbered is not None or (epoch.scalar() or ""):
        raise ServiceError(
            "the workstation code is fixed once incidents were numbered or it has synced",
            code="workstation_code_fixed",
            current=state.workstation_code,
        )
    state.workstation_code = new
    session.flush()
    return new


# --- demo databases ---------------------------------------------------------------------


def is_demo_database(session: Session) -> bool:
    """Whether this database holds demo data (``seed-demo``): such a database never
    syncs. Kept in ``local_state``, which never syncs itself."""
    return bool(session.scalar(select(LocalState.demo).where(LocalState.id == 1)))


def mark_demo_database(session: Session) -> None:
    """Mark this database as a demo database, for good."""
    state = session.get(LocalState, 1)
    if state is None:
        raise RuntimeError("workstation not initialised (run setup first)")
    state.demo = True
    session.flush()

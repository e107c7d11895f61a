"""Who may talk to the service: enrolled workstations, and people signed in on them.

A workstation is enrolled by an administrator (name and password checked against the
accounts the hub holds) and receives a credential of its own; only its SHA-256 is
stored. A person signs in on an enrolled workstation with their password and that
(workstation, person) pair gets a session; a workstation may push only changes made by
people who hold a session on it. Sessions expire, end when their person is disabled, and
can be revoked by an administrator. Everything lives in the hub's database: the service
keeps no state of its own, so several instances can run side by side.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, select, update

from desk_app.hub.store import Hub, hub_record, hub_session, hub_workstation, is_active_admin
from desk_app.services.auth import HASHER, password_matches
from desk_app.sync.errors import HubRefusedError
from desk_app.sync.merge import Row

log = logging.getLogger(__name__)

#: How long a session lasts without a new sign-in (a long shift, not a week).
SESSION_HOURS = 14


@dataclass(frozen=True)
class Workstation:
    id: str
    site_id: str
    code: str


@dataclass(frozen=True)
class Session:
    token: str
    user_id: str
    username: str
    role: str
    expires_at: datetime


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def find_user(conn: Connection, username: str) -> Row | None:
    name = (username or "").strip().lower()
    data = conn.execute(
        select(hub_record.c.data).where(
            hub_record.c.tbl == "user_account", hub_record.c.ukey == name
        )
    ).scalar()
    if data is None:
        return None
    doc: Row = json.loads(data)
    return None if doc.get("deleted") else doc


def user_doc(conn: Connection, user_id: str) -> Row | None:
    data = conn.execute(
        select(hub_record.c.data).where(
            hub_record.c.tbl == "user_account", hub_record.c.id == user_id
        )
    ).scalar()
    return None if data is None else json.loads(data)


def authenticate(conn: Connection, username: str, password: str) -> Row:
    """The hub's account for these credentials, or a refusal that names the rule."""
    user = find_user(conn, username)
    if user is None:
        HASHER.hash("timing")  # as slow as a real check, so names cannot be probed
        raise HubRefusedError("bad_credentials", status=401)
    if not user.get("password_hash") or not password_matches(user["password_hash"], password):
        log.warning("service sign-in refused: wrong password for %s", user["username"])
        raise HubRefusedError("bad_credentials", status=401)
    if not user.get("active"):
        raise HubRefusedError("user_disabled", status=403, username=user["username"])
    return user


def require_admin(conn: Connection, username: str, password: str) -> Row:
    user = authenticate(conn, username, password)
    if not is_active_admin(user):
        log.warning("refused: %s is not an administrator", user["username"])
        raise HubRefusedError("admin_required", status=403, username=user["username"])
    return user


def enroll(
    hub: Hub,
    username: str,
    password: str,
    *,
    site_id: str,
    code: str,
    formerly: str | None = None,
) -> tuple[Workstation, str]:
    """Enroll a workstation on an administrator's word; returns it and its credential.

    A code another enrolled workstation uses is refused. Enrolling a site id again (a
    workstation whose credential was lost) gives it a new credential; the old one stops
    working. ``formerly`` is the site id a restored workstation had before.
    """
    code = code.strip().upper()
    with hub.reading() as conn:
        # The password is checked before the writer lock is taken: it takes a tenth of
        # a second by design, and pushes wait for the lock.
        admin = require_admin(conn, username, password)
        conn.rollback()
    with hub.writing() as conn:
        if not is_active_admin(user_doc(conn, admin["id"]) or {}):
            raise HubRefusedError("admin_required", status=403, username=admin["username"])
        taken = conn.execute(
            select(hub_workstation.c.site_id).where(
                hub_workstation.c.workstation_code == code,
                hub_workstation.c.revoked_at.is_(None),
                hub_workstation.c.site_id != site_id,
                *([hub_workstation.c.site_id != formerly] if formerly else []),
            )
        ).first()
        if taken is not None:
            raise HubRefusedError("code_in_use", status=409, workstation=code)
        token = new_token()
        existing = conn.execute(
            select(hub_workstation).where(hub_workstation.c.site_id == site_id)
        ).first()
        previous: list[str] = []
        if formerly:
            old = conn.execute(
                select(hub_workstation).where(hub_workstation.c.site_id == formerly)
            ).first()
            if old is not None:
                previous = [*filter(None, old.formerly.split(",")), formerly]
                conn.execute(
                    update(hub_workstation)
                    .where(hub_workstation.c.site_id == formerly)
                    .values(revoked_at=_now(), revoked_by=admin["id"])
                )
        values: dict[str, Any] = {
            "workstation_code": code,
            "token_hash": token_hash(token),
            "enrolled_by": admin["id"],
            "enrolled_at": _now(),
            "revoked_at": None,
            "revoked_by": None,
        }
        if existing is not None:
            workstation_id = existing.id
            conn.execute(
                update(hub_workstation)
                .where(hub_workstation.c.id == workstation_id)
                .values(**values)
            )
        else:
            workstation_id = str(uuid.uuid4())
            conn.execute(
                hub_workstation.insert().values(
                    id=workstation_id, site_id=site_id, formerly=",".join(previous), **values
                )
            )
        # A new credential ends the sessions the old one carried.
        conn.execute(
            update(hub_session)
            .where(hub_session.c.workstation_id == workstation_id, hub_session.c.ended_at.is_(None))
            .values(ended_at=_now())
        )
    log.info("workstation %s enrolled by %s", code, admin["username"])
    return Workstation(workstation_id, site_id, code), token


def workstation_for(conn: Connection, token: str | None) -> Workstation:
    """The enrolled workstation a credential names; refused when unknown or revoked."""
    if not token:
        raise HubRefusedError("not_enrolled", status=401)
    row = conn.execute(
        select(hub_workstation).where(hub_workstation.c.token_hash == token_hash(token))
    ).first()
    if row is None:
        raise HubRefusedError("not_enrolled", status=401)
    if row.revoked_at is not None:
        raise HubRefusedError("workstation_revoked", status=401, workstation=row.workstation_code)
    return Workstation(row.id, row.site_id, row.workstation_code)


def open_session(hub: Hub, token: str, username: str, password: str) -> Session:
    """Sign a person in to the service on an enrolled workstation."""
    with hub.reading() as conn:
        workstation_for(conn, token)
        user = authenticate(conn, username, password)
        conn.rollback()
    with hub.bookkeeping() as conn:
        workstation = workstation_for(conn, token)
        session_token = new_token()
        expires = _now() + timedelta(hours=SESSION_HOURS)
        conn.execute(
            hub_session.insert().values(
                token_hash=token_hash(session_token),
                workstation_id=workstation.id,
                user_id=user["id"],
                created_at=_now(),
                expires_at=expires,
            )
        )
    log.info("session opened for %s on %s", user["username"], workstation.code)
    return Session(session_token, user["id"], user["username"], user["role"], expires)


def end_session(hub: Hub, token: str, session_token: str) -> None:
    with hub.bookkeeping() as conn:
        workstation = workstation_for(conn, token)
        conn.execute(
            update(hub_session)
            .where(
                hub_session.c.token_hash == token_hash(session_token),
                hub_session.c.workstation_id == workstation.id,
            )
            .values(ended_at=_now())
        )


def session_users(conn: Connection, workstation: Workstation, tokens: list[str]) -> dict[str, str]:
    """``{user_id: session token}`` of the valid sessions among ``tokens`` on this
    workstation: not expired, not ended, and their person still active on the hub."""
    if not tokens:
        return {}
    by_hash = {token_hash(t): t for t in tokens[:200]}
    rows = conn.execute(
        select(hub_session.c.token_hash, hub_session.c.user_id).where(
            hub_session.c.token_hash.in_(list(by_hash)),
            hub_session.c.workstation_id == workstation.id,
            hub_session.c.ended_at.is_(None),
            hub_session.c.expires_at > _now(),
        )
    ).all()
    found: dict[str, str] = {}
    for hashed, user_id in rows:
        user = user_doc(conn, user_id)
        if user is not None and user.get("active") and not user.get("deleted"):
            found[user_id] = by_hash[hashed]
    return found


def check_session(hub: Hub, token: str, session_token: str) -> Session:
    """The session behind ``session_token`` on this workstation, or a refusal."""
    with hub.reading() as conn:
        workstation = workstation_for(conn, token)
        row = conn.execute(
            select(hub_session).where(
                and_(
                    hub_session.c.token_hash == token_hash(session_token),
                    hub_session.c.workstation_id == workstation.id,
                )
            )
        ).first()
        if row is None or row.ended_at is not None or row.expires_at <= _now():
            raise HubRefusedError("session_expired", status=401)
        user = user_doc(conn, row.user_id)
        conn.rollback()
    if user is None or not user.get("active") or user.get("deleted"):
        raise HubRefusedError("session_expired", status=401)
    return Session(session_token, user["id"], user["username"], user["role"], row.expires_at)


def require_admin_session(hub: Hub, token: str, session_token: str) -> Session:
    session = check_session(hub, token, session_token)
    if session.role != "admin":
        raise HubRefusedError("admin_required", status=403, username=session.username)
    return session


def revoke_workstation(hub: Hub, admin: Session, code: str) -> int:
    """Revoke a workstation's credential (and so its sessions). Returns how many."""
    with hub.writing() as conn:
        ids = (
            conn.execute(
                select(hub_workstation.c.id).where(
                    hub_workstation.c.workstation_code == code.strip().upper(),
                    hub_workstation.c.revoked_at.is_(None),
                )
            )
            .scalars()
            .all()
        )
        if not ids:
            raise HubRefusedError("unknown_workstation", status=404, workstation=code)
        conn.execute(
            update(hub_workstation)
            .where(hub_workstation.c.id.in_(ids))
            .values(revoked_at=_now(), revoked_by=admin.user_id)
        )
        conn.execute(
            update(hub_session)
            .where(hub_session.c.workstation_id.in_(ids), hub_session.c.ended_at.is_(None))
            .values(ended_at=_now())
        )
    log.info("workstation %s revoked by %s", code, admin.username)
    return len(ids)


def revoke_sessions(hub: Hub, admin: Session, username: str) -> int:
    """End every session of one person, on every workstation."""
    with hub.writing() as conn:
        user = find_user(conn, username)
        if user is None:
            raise HubRefusedError("unknown_user", status=404, username=username)
        result = conn.execute(
            update(hub_session)
            .where(hub_session.c.user_id == user["id"], hub_session.c.ended_at.is_(None))
            .values(ended_at=_now())
        )
    log.info("sessions of %s revoked by %s", username, admin.username)
    return int(result.rowcount or 0)


def list_workstations(hub: Hub) -> list[dict[str, Any]]:
    with hub.reading() as conn:
        rows = conn.execute(
            select(
                hub_workstation.c.workstation_code,
                hub_workstation.c.site_id,
                hub_workstation.c.enrolled_at,
                hub_workstation.c.revoked_at,
            ).order_by(hub_workstation.c.workstation_code)
        ).all()
        conn.rollback()
    return [
        {
            "code": r.workstation_code,
            "site_id": r.site_id,
            "enrolled_at": r.enrolled_at.isoformat(sep=" ", timespec="seconds"),
            "revoked_at": r.revoked_at.isoformat(sep=" ", timespec="seconds")
            if r.revoked_at
            else None,
        }
        for r in rows
    ]

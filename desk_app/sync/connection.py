"""Connecting this workstation to the sync service: enrollment, sessions, the hub's
accounts. Used by the command line and the window alike (no Qt here)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from desk_app.context import AppContext, open_context
from desk_app.db import Database, canonical_json
from desk_app.services.incarnation import Incarnation
from desk_app.sync import settings as hub_settings
from desk_app.sync.merge import Row
from desk_app.sync.protocol import unique_rename
from desk_app.sync.remote import RemoteHub

log = logging.getLogger(__name__)

_USER_COLUMNS = (
    "id",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "deleted",
    "origin_version",
    "versions",
    "username",
    "full_name",
    "title",
    "role",
    "active",
    "password_hash",
)


@dataclass(frozen=True)
class Workstation:
    """What identifies this workstation to its hub."""

    data_dir: Path
    site_id: str
    code: str
    demo: bool = False
    #: The site id this workstation's next enrollment retires on the hub: its own
    #: previous incarnation, after a restore ("" when none).
    formerly: str = ""


def workstation_of(db: Database, data_dir: Path) -> Workstation:
    from desk_app.services.setup import is_demo_database

    with db.read() as session:
        conn = session.connection()
        site_id, code, formerly = conn.exec_driver_sql(
            "SELECT site_id, workstation_code, enroll_formerly FROM local_state WHERE id = 1"
        ).one()
        demo = is_demo_database(session)
    return Workstation(data_dir, str(site_id), str(code), demo, str(formerly or ""))


def remote(workstation: Workstation, url: str | None = None) -> RemoteHub:
    """The service this workstation is connected to, with its credentials."""
    address = url or hub_settings.load(workstation.data_dir).url
    creds = hub_settings.load_credentials(workstation.data_dir, workstation.site_id, address)
    return RemoteHub(
        address, token=creds.token or None, sessions=creds.sessions, demo=workstation.demo
    )


def enroll(
    db: Database,
    workstation: Workstation,
    url: str,
    username: str,
    password: str,
    *,
    interval_s: int = hub_settings.DEFAULT_INTERVAL_S,
) -> RemoteHub:
    """Enroll this workstation with an administrator's name and password (checked by the
    service), remember the service and the credential, take the hub's accounts, and
    sign the administrator in to the service here."""
    hub = RemoteHub(url, demo=workstation.demo)
    try:
        hub.hello()
        token = hub.enroll(
            username,
            password,
            site_id=workstation.site_id,
            code=workstation.code,
            formerly=workstation.formerly or None,
        )
        hub_settings.save(workstation.data_dir, hub.url, interval_s)
        hub_settings.save_token(workstation.data_dir, workstation.site_id, hub.url, token)
        if workstation.formerly:
            # The hub retired the previous incarnation: a later enrollment need not.
            with db.write() as session:
                session.connection().exec_driver_sql(
                    "UPDATE local_state SET enroll_formerly = '' WHERE id = 1"
                )
        adopt_accounts(db, hub.accounts())
        open_session(workstation, hub, username, password)
    except BaseException:
        hub.dispose()
        raise
    log.info("enrolled with %s as %s", hub.url, workstation.code)
    return hub


def forget_previous_incarnation(data_dir: Path, new: Incarnation) -> None:
    """This workstation just became a new incarnation (``services.incarnation``): the
    credential and sessions of the site id it had are of no use any more (an
    administrator enrolls it again under the new one) and are forgotten.

    After a restore that is the site id the next enrollment retires, in the keyring and
    in the credentials file. A copy leaves the keyring alone (the original goes on under
    its id, and a roaming keyring may be the original's too) but drops from its own
    credentials file what came along with the data directory. Never raises: a keyring
    that refuses is logged (the site id, never a secret) and the start or the restore goes
    on.
    """
    restored = new.reason == "restored"
    previous = new.retires if restored else new.formerly
    if not previous:
        return
    try:
        url = hub_settings.load(data_dir).url
        hub_settings.forget_site(data_dir, previous, url, in_keyring=restored)
    except Exception as exc:
        log.warning(
            "the credential of the previous site id %s could not be removed (%s); it is of "
            "no use any more",
            previous,
            type(exc).__name__,
        )
        return
    log.info("credential of the previous site id %s forgotten", previous)


def open_workstation(data_dir: str | Path | None) -> AppContext:
    """Open this workstation's database (``open_context``); when that made it a new
    incarnation (restored, copied), the credential of the site id it had is forgotten."""
    ctx = open_context(data_dir)
    if ctx.incarnation is not None:
        forget_previous_incarnation(ctx.paths.data_dir, ctx.incarnation)
    return ctx


def open_session(workstation: Workstation, hub: RemoteHub, username: str, password: str) -> str:
    """Sign a person in to the service here; remembers the session. Returns its user id."""
    user_id, _token = hub.open_session(username, password)
    hub_settings.save_sessions(workstation.data_dir, workstation.site_id, hub.url, hub.sessions)
    return user_id


def forget_session(workstation: Workstation, hub: RemoteHub, user_id: str) -> None:
    hub.sessions.pop(user_id, None)
    hub_settings.save_sessions(workstation.data_dir, workstation.site_id, hub.url, hub.sessions)


def adopt_accounts(db: Database, docs: list[Row]) -> int:
    """The hub's accounts replace this workstation's copies as they are (a new desk's
    own first administrator never overwrites the hub's), and local edits to them that were
    not sent are dropped. Local accounts the hub does not know stay, to be pushed."""
    with db.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("INSERT INTO sync_applying (id) VALUES (1)")
        try:
            for doc in docs:
                holder = conn.exec_driver_sql(
                    "SELECT id FROM user_account WHERE username = ? AND id != ?",
                    (doc.get("username"), doc["id"]),
                ).scalar()
                if holder is not None:
                    conn.exec_driver_sql(
                        "UPDATE user_account SET username = ? WHERE id = ?",
                        (unique_rename(str(doc["username"]), holder), holder),
                    )
                values = [doc.get(c) for c in _USER_COLUMNS]
                values[_USER_COLUMNS.index("versions")] = canonical_json(doc.get("versions") or {})
                sets = ", ".join(f"{c} = excluded.{c}" for c in _USER_COLUMNS if c != "id")
                conn.exec_driver_sql(
                    f"INSERT INTO user_account ({', '.join(_USER_COLUMNS)}) VALUES "
                    f"({','.join('?' * len(_USER_COLUMNS))}) ON CONFLICT (id) DO UPDATE SET {sets}",
                    tuple(values),
                )
                conn.exec_driver_sql(
                    "DELETE FROM sync_outbox WHERE table_name = 'user_account' AND record_id = ?",
                    (doc["id"],),
                )
        finally:
            conn.exec_driver_sql("DELETE FROM sync_applying")
    return len(docs)


def sign_in_online(db: Database, data_dir: Path, username: str, password: str) -> bool:
    """At sign-in: open this person's session on the service when this workstation is
    connected and the service answers; offline is routine (the first sync asks for the
    password once). Never raises."""
    try:
        settings = hub_settings.load(data_dir)
        if not settings.url:
            return False
        workstation = workstation_of(db, data_dir)
        hub = remote(workstation, settings.url)
    except Exception:  # no hub configured properly: the sync will say so
        log.debug("no service session at sign-in", exc_info=True)
        return False
    try:
        if not hub.token:
            return False
        open_session(workstation, hub, username, password)
        return True
    except Exception as exc:  # offline or refused: the sync asks again
        log.info("no service session at sign-in (%s)", type(exc).__name__)
        return False
    finally:
        hub.dispose()

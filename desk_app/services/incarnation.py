"""A restored or copied workstation is a new incarnation.

A workstation is known to the hub by its site id: its pushes are stamped with it, and a
pull leaves out the rows it pushed itself. A database brought back from a backup, or a
data directory copied to another computer, still carries a site id the hub knows, so it
would never receive what that site pushed after the backup (or what its twin pushes), and
its next incident would take a reference number the hub already holds.

So such a database takes a new identity the first time it opens (``settle``):

- a new site id, the old one kept in ``local_state.formerly``;
- the sync cursor reset, so the next sync pulls everything the hub holds;
- every local row queued again, so the hub gets what it lacks (it keeps what it has:
  a row it holds at the same or a later version does not change);
- the next enrollment (an administrator's step, since the hub's credential belongs to the
  old site id) retires the old site id on the hub (``enroll_formerly``) after a restore.
  A copy does not: the computer it was copied from still works under that id, and the
  copy takes a workstation code of its own.

What marks a database for it: a restore writes a marker file beside the database before
it puts the backup in place (``write_marker``), and the database keeps the fingerprint
of the computer it was last opened on (``machine_fingerprint``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import sqlite3
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from desk_app.models import Base, LocalState
from desk_app.services.setup import default_workstation_code
from desk_app.services.storage import write_atomically

log = logging.getLogger(__name__)

#: Beside the database: written by a restore, consumed by the next open.
MARKER_SUFFIX = ".new-incarnation"

_MACHINE_ID_FILES = ("/etc/machine-id", "/var/lib/dbus/machine-id")


def _windows_machine_guid() -> str:
    try:
        import winreg  # type: ignore[import-not-found,unused-ignore]

        key = winreg.OpenKey(  # type: ignore[attr-defined,unused-ignore]
            winreg.HKEY_LOCAL_MACHINE,  # type: ignore[attr-defined,unused-ignore]
            r"SOFTWARE\Microsoft\Cryptography",
            0,
            winreg.KEY_READ | winreg.KEY_WOW64_64KEY,  # type: ignore[attr-defined,unused-ignore]
        )
        with key:
            value, _kind = winreg.QueryValueEx(key, "MachineGuid")  # type: ignore[attr-defined,unused-ignore]
        return str(value)
    except (ImportError, OSError):
        return ""


def _raw_machine_id() -> str:
    if sys.platform == "win32":
        guid = _windows_machine_guid()
        if guid:
            return "win:" + guid
    for name in _MACHINE_ID_FILES:
        try:
            text = Path(name).read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if text:
            return "machine-id:" + text
    node = uuid.getnode()
    # A random node (no network card found) has the multicast bit set: not a fingerprint.
    mac = "" if (node >> 40) & 1 else f"{node:012x}"
    host = platform.node()
    return f"host:{host}:{mac}" if host or mac else ""


def machine_fingerprint() -> str:
    """A stable fingerprint of this computer ("" when nothing identifies it): a hash of
    the machine id (``/etc/machine-id``; Windows' MachineGuid), else host name and MAC."""
    raw = _raw_machine_id()
    return hashlib.sha256(raw.encode()).hexdigest()[:32] if raw else ""


# --- identities of database files -------------------------------------------------------


@dataclass(frozen=True)
class Identity:
    """Who a database file belongs to (read from its ``local_state``)."""

    site_id: str
    code: str
    formerly: tuple[str, ...] = ()
    machine: str = ""

    @property
    def all_sites(self) -> frozenset[str]:
        return frozenset({self.site_id, *self.formerly})


def identity_of(path: Path) -> Identity | None:
    """The identity in the database at ``path``, read without changing it; None when
    it has none or does not open."""
    path = Path(path)
    if not path.exists():
        return None
    sidecars = [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]
    present = {s for s in sidecars if s.exists()}
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(local_state)")}
        if not {"site_id", "workstation_code"} <= columns:
            return None
        extra = [c for c in ("formerly", "machine") if c in columns]
        row = conn.execute(
            f"SELECT site_id, workstation_code{''.join(', ' + c for c in extra)} "
            "FROM local_state WHERE id = 1"
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
        # A read-only look at a WAL database leaves a -wal/-shm behind: not ours to keep.
        for sidecar in sidecars:
            if sidecar not in present:
                sidecar.unlink(missing_ok=True)
    if row is None:
        return None
    values = dict(zip(["site_id", "code", *extra], row, strict=True))
    return Identity(
        str(values["site_id"]),
        str(values["code"]),
        tuple(s for s in str(values.get("formerly") or "").split(",") if s),
        str(values.get("machine") or ""),
    )


def is_other_desk(current: Identity | None, restored: Identity) -> bool:
    """Whether a backup with identity ``restored`` was made by another desk than the one
    whose database is ``current``: its site id is none this desk ever had. Without a
    current database, a backup made on another computer counts as another desk's."""
    if current is not None:
        return not (restored.all_sites & current.all_sites)
    here = machine_fingerprint()
    return bool(restored.machine and here and restored.machine != here)


# --- the marker a restore leaves --------------------------------------------------------


@dataclass(frozen=True)
class Marker:
    """Left beside the database by a restore: the identity this desk had before it
    (None when its database did not open) and whether the backup was another desk's."""

    previous: Identity | None
    other_desk: bool


def marker_path(database: Path) -> Path:
    return Path(database).with_name(Path(database).name + MARKER_SUFFIX)


def write_marker(database: Path, marker: Marker) -> None:
    """Durably, before the restored file takes the database's place: a crash between
    the two makes the old database a new incarnation too, which is safe."""
    prev = marker.previous
    data = {
        "other_desk": marker.other_desk,
        "previous": None
        if prev is None
        else {"site_id": prev.site_id, "code": prev.code, "formerly": list(prev.formerly)},
    }
    write_atomically(marker_path(database), json.dumps(data).encode("utf-8"))


def read_marker(database: Path) -> Marker | None:
    path = marker_path(database)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        prev = data.get("previous")
        previous = (
            Identity(
                str(prev["site_id"]),
                str(prev["code"]),
                tuple(str(s) for s in prev.get("formerly") or ()),
            )
            if prev
            else None
        )
        return Marker(previous, bool(data.get("other_desk")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        log.warning("restore marker %s unreadable: treated as a restore", path.name)
        return Marker(None, False)


def clear_marker(database: Path) -> None:
    marker_path(database).unlink(missing_ok=True)


# --- taking a new identity --------------------------------------------------------------


@dataclass(frozen=True)
class Incarnation:
    """What ``settle`` did: the new identity and the one it replaced."""

    reason: str  # "restored" or "copied"
    site_id: str
    code: str
    #: The site id this desk had just before ("" when it is not known: a database that
    #: did not open, replaced by another desk's backup).
    formerly: str
    #: The site id the next enrollment retires on the hub ("" for a copy).
    retires: str


def needs_settling(session: Session, database: Path) -> bool:
    """Whether ``settle`` has anything to do (a read: most opens need no write)."""
    state = session.get(LocalState, 1)
    if state is None:
        return False
    return marker_path(database).exists() or state.machine != machine_fingerprint()


def settle(session: Session, database: Path) -> Incarnation | None:
    """At every open: a database that was restored (a marker beside it) or that finds
    itself on another computer than the one it was last opened on takes a new
    incarnation. Records this computer's fingerprint. The caller commits, then clears the
    marker (``clear_marker``)."""
    state = session.get(LocalState, 1)
    if state is None:
        return None
    here = machine_fingerprint()
    marker = read_marker(database)
    result: Incarnation | None = None
    if marker is not None:
        previous = marker.previous
        own = [*filter(None, state.formerly.split(",")), state.site_id]
        if previous is not None:
            # This desk stays the workstation it was (its code) with the data restored;
            # its own earlier ids are its history, not another desk's.
            code, retires = previous.code, previous.site_id
            history = [*previous.formerly, previous.site_id]
        elif marker.other_desk:
            # Nobody knows who this desk was: it becomes a workstation of its own.
            code, retires, history = "", "", []
        else:
            code, retires, history = state.workstation_code, state.site_id, own
        result = _reincarnate(session, state, "restored", code, retires, history)
    elif state.machine and here and state.machine != here:
        # The original goes on under its id on the computer it was copied from.
        history = [*filter(None, state.formerly.split(",")), state.site_id]
        result = _reincarnate(session, state, "copied", "", "", history)
    if here and state.machine != here:
        state.machine = here
    session.flush()
    return result


def _synced_tables() -> list[str]:
    """The synced tables (as ``sync.capture.synced_tables``, which sits a floor up)."""
    synced = {
        str(getattr(m.local_table, "name", ""))
        for m in Base.registry.mappers
        if getattr(m.class_, "__synced__", False)
    }
    return [t.name for t in Base.metadata.sorted_tables if t.name in synced]


def _reincarnate(
    session: Session,
    state: LocalState,
    reason: str,
    code: str,
    retires: str,
    history: list[str],
) -> Incarnation:
    old = state.site_id
    new = str(uuid.uuid4())
    formerly = ",".join(dict.fromkeys(s for s in history if s))
    state.site_id = new
    state.workstation_code = code or default_workstation_code(new)
    state.formerly = formerly
    state.enroll_formerly = retires
    conn = session.connection()
    # Everything again from the hub, and everything here offered to it again.
    conn.exec_driver_sql("UPDATE sync_state SET epoch = NULL, cursor = 0, hub_stamp = NULL")
    for table in _synced_tables():
        columns = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        # Based on the row as it is: nothing in it is a new edit (those already wait in
        # the outbox with their own base, and go first), so a field the hub changed
        # since the backup keeps the hub's value without a conflict about the past.
        base = (
            "json_object('o', origin_version, 'v', json(versions))"
            if "versions" in columns
            else "NULL"
        )
        conn.exec_driver_sql(
            f"INSERT INTO sync_outbox (table_name, record_id, base) "
            f"SELECT '{table}', id, {base} FROM {table}"
        )
    log.info(
        "this workstation was %s: new site id %s (code %s), formerly %s",
        reason,
        new,
        state.workstation_code,
        old,
    )
    return Incarnation(reason, new, state.workstation_code, history[-1] if history else "", retires)

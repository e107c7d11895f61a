"""This workstation's sync service: its address, the interval, and the credentials.

The address (``https://server:8765``) and the interval are stored per data directory in
``sync.ini``. Credentials are never written there: the workstation's credential (issued
at enrollment) and the sessions of the people signed in to the service here are kept in
the operating system's keyring (``keyring``: Windows Credential Manager, macOS Keychain,
Secret Service). Where no keyring is available they are kept in
``<data dir>/credentials.json``, readable by the owner only, and the log says so. A
workstation that became a new incarnation (restored, copied) forgets the credential of the
site id it had (``forget_site``).

Workstations hold no database credentials: only the sync service does. A database URL
given as the hub's address is refused with a message explaining the change.
"""

from __future__ import annotations

import configparser
import contextlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desk_app.sync.remote import check_service_url

log = logging.getLogger(__name__)

KEYRING_SERVICE = "desk-pilkada-hub"
DEFAULT_INTERVAL_S = 60
SETTINGS_FILE = "sync.ini"
CREDENTIALS_FILE = "credentials.json"


@dataclass(frozen=True)
class HubSettings:
    #: The sync service's address ("" when no hub is set).
    url: str = ""
    interval_s: int = DEFAULT_INTERVAL_S
    auto: bool = True


def settings_file(data_dir: Path) -> Path:
    """Where the hub settings of ``data_dir`` are kept (a window watches it)."""
    return data_dir / SETTINGS_FILE


_file = settings_file


def load(data_dir: Path) -> HubSettings:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(_file(data_dir), encoding="utf-8")
    if not parser.has_section("hub"):
        return HubSettings()
    section = parser["hub"]
    return HubSettings(
        url=section.get("url", ""),
        interval_s=max(10, section.getint("interval_s", DEFAULT_INTERVAL_S)),
        auto=section.getboolean("auto", True),
    )


def save(
    data_dir: Path, url: str, interval_s: int = DEFAULT_INTERVAL_S, auto: bool = True
) -> HubSettings:
    """Remember the sync service's address (checked: a database URL is refused)."""
    stored = check_service_url(url) if url else ""
    parser = configparser.ConfigParser(interpolation=None)
    parser["hub"] = {"url": stored, "interval_s": str(int(interval_s)), "auto": str(auto).lower()}
    data_dir.mkdir(parents=True, exist_ok=True)
    with _file(data_dir).open("w", encoding="utf-8") as fh:
        parser.write(fh)
    return HubSettings(stored, int(interval_s), auto)


# -- credentials ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    #: The workstation's credential from its enrollment ("" before it).
    token: str = ""
    #: ``{user_id: session token}`` of the people signed in to the service here.
    sessions: dict[str, str] | None = None


def _key(site_id: str, url: str) -> str:
    return f"{site_id}@{url}"


def _keyring_get(key: str) -> str | None:
    if os.environ.get("DESK_NO_KEYRING"):
        raise RuntimeError("keyring switched off")
    try:
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, key)
    except Exception:  # no keyring here: the file below serves
        log.debug("no keyring available", exc_info=True)
        raise
    return value


def _file_store(data_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((data_dir / CREDENTIALS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _file_write(data_dir: Path, store: dict[str, str]) -> None:
    path = data_dir / CREDENTIALS_FILE
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(store, fh)
    os.replace(temp, path)


def _get(data_dir: Path, key: str) -> str | None:
    try:
        return _keyring_get(key)
    except Exception:
        return _file_store(data_dir).get(key)


def _keyring_delete(key: str) -> None:
    """Remove ``key`` from the keyring. Quiet when there is no keyring or nothing under
    that name; raises when a keyring is there and refuses (locked, or its service down)."""
    if os.environ.get("DESK_NO_KEYRING"):
        return
    import keyring
    from keyring.errors import NoKeyringError, PasswordDeleteError

    with contextlib.suppress(NoKeyringError, PasswordDeleteError):  # none, or not in it
        keyring.delete_password(KEYRING_SERVICE, key)


def _file_forget(data_dir: Path, names: Callable[[str], bool]) -> None:
    """Remove from the credentials file whatever ``names`` picks (no file made if none)."""
    store = _file_store(data_dir)
    kept = {k: v for k, v in store.items() if not names(k)}
    if kept != store:
        _file_write(data_dir, kept)


def _set(data_dir: Path, key: str, value: str | None) -> None:
    if value is None:
        # Removed wherever it may be: a credential kept in the file while no keyring was
        # available must not outlive a keyring that came later.
        try:
            _keyring_delete(key)
        except Exception:
            log.debug("the keyring refused a removal", exc_info=True)
        _file_forget(data_dir, lambda name: name == key)
        return
    try:
        if os.environ.get("DESK_NO_KEYRING"):
            raise RuntimeError("keyring switched off")
        import keyring

        keyring.set_password(KEYRING_SERVICE, key, value)
        return
    except Exception:
        log.info("no keyring: the sync credentials are kept in %s", CREDENTIALS_FILE)
    store = _file_store(data_dir)
    store[key] = value
    _file_write(data_dir, store)


def load_credentials(data_dir: Path, site_id: str, url: str) -> Credentials:
    key = _key(site_id, url)
    token = _get(data_dir, "workstation:" + key) or ""
    raw = _get(data_dir, "sessions:" + key)
    try:
        sessions = json.loads(raw) if raw else {}
    except ValueError:
        sessions = {}
    return Credentials(token, {str(k): str(v) for k, v in sessions.items()})


def save_token(data_dir: Path, site_id: str, url: str, token: str | None) -> None:
    _set(data_dir, "workstation:" + _key(site_id, url), token)
    if token is None:
        _set(data_dir, "sessions:" + _key(site_id, url), None)


def save_sessions(data_dir: Path, site_id: str, url: str, sessions: dict[str, str]) -> None:
    _set(data_dir, "sessions:" + _key(site_id, url), json.dumps(sessions) if sessions else None)


def forget_site(data_dir: Path, site_id: str, url: str, *, in_keyring: bool = True) -> None:
    """Forget the workstation credential and the sessions kept for ``site_id``: in the
    keyring (at ``url``, unless ``in_keyring`` is False) and in the credentials file of
    ``data_dir`` (at any address).

    Raises when the keyring is there and refuses, after the file is done; a keyring that
    is missing, or holds nothing under those names, is no error.
    """
    failed: Exception | None = None
    if in_keyring and url:
        for kind in ("workstation", "sessions"):
            try:
                _keyring_delete(f"{kind}:{_key(site_id, url)}")
            except Exception as exc:
                failed = failed or exc
    _file_forget(
        data_dir,
        lambda name: name.split(":", 1)[-1].split("@", 1)[0] == site_id,
    )
    if failed is not None:
        raise failed


def has_hub(data_dir: Path) -> bool:
    """Whether this workstation has a sync service set (a hub to enroll with, to sync
    with): what it is told after a restore depends on it."""
    return bool(load(data_dir).url)

"""This workstation's hub connection: the URL (without its password) and the interval.

Stored per data directory in ``sync.ini``. A password is never written there: it goes to
the operating system's keyring (``keyring``), or PostgreSQL finds it itself in its
password file (``~/.pgpass``, ``PGPASSFILE``) or service file (``PGSERVICEFILE``; a URL
like ``postgresql+psycopg:///?service=desk``). TLS is chosen in the URL
(``?sslmode=verify-full&sslrootcert=...``), see docs/sync.md.
"""

from __future__ import annotations

import configparser
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url

from desk_app.sync.errors import SyncError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "desk-pilkada-hub"
DEFAULT_INTERVAL_S = 60
SETTINGS_FILE = "sync.ini"


@dataclass(frozen=True)
class HubSettings:
    #: The hub's URL without a password ("" when no hub is set).
    url: str = ""
    interval_s: int = DEFAULT_INTERVAL_S
    auto: bool = True


def _file(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILE


def _keyring_user(url: URL) -> str:
    return f"{url.username or ''}@{url.host or ''}:{url.port or ''}/{url.database or ''}"


def parse_url(text: str) -> URL:
    try:
        return make_url(text.strip())
    except sa_exc.ArgumentError as exc:
        raise SyncError(f"not a hub URL: {text}", code="hub_url", url=text) from exc


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
    """Remember the hub; a password in ``url`` goes to the keyring, never to the file.

    Raises ``SyncError(code="hub_password_store")`` when the URL holds a password and no
    keyring is available (then use a PostgreSQL password file or service file).
    """
    parsed = parse_url(url) if url else None
    stored = ""
    if parsed is not None:
        if parsed.password:
            store_password(parsed, str(parsed.password))
        stored = parsed.set(password=None).render_as_string(hide_password=False)
    parser = configparser.ConfigParser(interpolation=None)
    parser["hub"] = {"url": stored, "interval_s": str(int(interval_s)), "auto": str(auto).lower()}
    data_dir.mkdir(parents=True, exist_ok=True)
    with _file(data_dir).open("w", encoding="utf-8") as fh:
        parser.write(fh)
    return HubSettings(stored, int(interval_s), auto)


def store_password(url: URL, password: str) -> None:
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, _keyring_user(url), password)
    except (ImportError, KeyringError, RuntimeError) as exc:
        raise SyncError(
            "no keyring to keep the hub's password: use a PostgreSQL password file "
            "(~/.pgpass) or service file instead, and a URL without the password",
            code="hub_password_store",
        ) from exc


def with_password(url: str) -> str:
    """The URL to connect with: the keyring's password filled in when there is one."""
    parsed = parse_url(url)
    if parsed.password or parsed.get_backend_name() != "postgresql":
        return url
    try:
        import keyring

        password = keyring.get_password(KEYRING_SERVICE, _keyring_user(parsed))
    except Exception:  # no keyring: libpq's password or service file may serve
        log.debug("no keyring available", exc_info=True)
        password = None
    if not password:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)

"""Accounts: passwords, sign-in, roles, and who may see personal data.

Passwords are hashed with argon2id (memory-hard); only the hash is stored, and it syncs
with the user's row so that a user added, changed or disabled at one desk signs in (or
does not) at every desk. The hash never reaches the audit log: the log records that the
password changed, not what to.

Every change goes through ``Writer`` and needs ``Action.MANAGE_USERS``, except a user
changing their own password. A refused call raises before anything is written.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher, Type, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.models import Setting, User, setting_id
from desk_app.models.enums import AuditAction, Role
from desk_app.services.actor import Actor
from desk_app.services.errors import NotFoundError, ServiceError, ValidationError
from desk_app.services.passwords import check_password_rules
from desk_app.services.permissions import Action, require
from desk_app.services.records import Writer
from desk_app.services.text import TextError, clean_text
from desk_app.services.users import UserRow, find_user

log = logging.getLogger("desk_app.auth")

#: The user the first start creates; it is let in without a password until one is set.
BOOTSTRAP_ADMIN = "admin"
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,59}$")
PERSONAL_DATA_ROLES_KEY = "personal_data_roles"
#: Until an administrator says otherwise, every role sees personal data: operators keep
#: the contacts, so they need the phone numbers.
DEFAULT_PERSONAL_DATA_ROLES = frozenset(Role)
#: What the audit log shows instead of a password hash.
HASH_PLACEHOLDER = "***"
#: The shape of what ``HASHER`` makes: argon2id, its parameters, salt and hash in base64.
_HASH_RE = re.compile(r"^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$")

#: argon2id with the library's defaults (RFC 9106 "second recommended" profile: 64 MiB,
#: 3 passes). Module-level so that tests can swap in a cheaper one.
HASHER = PasswordHasher()


class AuthenticationError(ServiceError):
    """Unknown user or wrong password: the message does not say which."""

    code = "bad_credentials"

    def __init__(self) -> None:
        super().__init__("unknown user or wrong password")


class PasswordNotSetError(ServiceError):
    code = "password_not_set"

    def __init__(self, username: str) -> None:
        super().__init__(f"user {username!r} has no password yet", user=username)


class UserDisabledError(ServiceError):
    code = "user_disabled"

    def __init__(self, username: str) -> None:
        super().__init__(f"user {username!r} is disabled", user=username)


class LastAdminError(ServiceError):
    """The change would leave the desk without an active administrator."""

    code = "last_admin"

    def __init__(self, username: str) -> None:
        super().__init__(f"{username!r} is the last active administrator", user=username)


class _UserWriter(Writer):
    """A writer that keeps password hashes out of the audit log."""

    def audit(self, action: AuditAction, row: Any, changes: dict[str, list[Any]]) -> None:
        if "password_hash" in changes:
            changes = dict(changes)
            changes["password_hash"] = [
                None if v is None else HASH_PLACEHOLDER for v in changes["password_hash"]
            ]
        super().audit(action, row, changes)


# --- passwords --------------------------------------------------------------------------


def hash_password(password: str) -> str:
    check_password_rules(password)
    return HASHER.hash(password)


def is_password_hash(value: object) -> bool:
    """Whether ``value`` is an argon2id hash as this app stores them (never a password)."""
    if not isinstance(value, str) or not _HASH_RE.fullmatch(value):
        return False
    try:
        return extract_parameters(value).type is Type.ID
    except InvalidHashError:
        return False


def password_matches(password_hash: str, password: str) -> bool:
    """Whether ``password`` is the one ``password_hash`` was made from (argon2id)."""
    try:
        return HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# --- reading ----------------------------------------------------------------------------


def _row(user: User) -> UserRow:
    return UserRow(user.id, user.username, user.full_name, user.title, user.role, user.active)


@dataclasses.dataclass(frozen=True)
class UserAccount:
    """A user as the administrator sees it (never the hash itself)."""

    id: str
    username: str
    full_name: str
    title: str
    role: str
    active: bool
    has_password: bool


def list_accounts(session: Session) -> list[UserAccount]:
    stmt = select(User).where(User.deleted.is_(False)).order_by(User.username)
    return [
        UserAccount(
            u.id, u.username, u.full_name, u.title, u.role, u.active, u.password_hash is not None
        )
        for u in session.scalars(stmt)
    ]


def personal_data_roles(session: Session) -> frozenset[Role]:
    row = session.get(Setting, setting_id(PERSONAL_DATA_ROLES_KEY))
    if row is None or row.deleted:
        return DEFAULT_PERSONAL_DATA_ROLES
    return roles_from_setting(row.value)


def roles_from_setting(value: dict[str, Any] | None) -> frozenset[Role]:
    """The roles that see personal data, from the setting's stored value."""
    roles = set()
    for item in (value or {}).get("value", []):
        try:
            roles.add(Role(item))
        except ValueError:
            continue  # a role a newer version knows: ignore here
    return frozenset(roles | {Role.ADMIN})


def actor_of(session: Session, user: User) -> Actor:
    role = Role(user.role)
    return Actor(
        user.id, user.username, role, sees_personal_data=role in personal_data_roles(session)
    )


def actor_for(session: Session, username: str) -> Actor:
    """The actor for an active user, already authenticated (tests, the bootstrap admin)."""
    try:
        user = find_user(session, username)
    except NotFoundError:
        raise
    if not user.active:
        raise UserDisabledError(user.username)
    return actor_of(session, user)


def admin_password_set(session: Session) -> bool:
    """Whether any active administrator can sign in with a password."""
    stmt = (
        select(func.count())
        .select_from(User)
        .where(
            User.password_hash.is_not(None),
            User.role == Role.ADMIN.value,
            User.active.is_(True),
            User.deleted.is_(False),
        )
    )
    return bool(session.scalar(stmt))


def is_bootstrap(session: Session, user: User) -> bool:
    """The first start's administrator, while no administrator has a password."""
    return (
        user.username == BOOTSTRAP_ADMIN
        and user.role == Role.ADMIN.value
        and user.active
        and not user.deleted
        and user.password_hash is None
        and not admin_password_set(session)
    )


@dataclass(frozen=True)
class SignInState:
    """What signing ``username`` in takes: nothing is known of an unknown name."""

    #: The first start's administrator (see ``is_bootstrap``).
    bootstrap: bool
    #: A known user who has no password (yet).
    no_password: bool


def sign_in_state(session: Session, username: str) -> SignInState:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        return SignInState(bootstrap=False, no_password=False)
    return SignInState(
        bootstrap=is_bootstrap(session, user), no_password=user.password_hash is None
    )


def needs_first_password(session: Session) -> bool:
    """True on a fresh desk: the administrator must set a password before anything else."""
    user = session.scalar(
        select(User).where(User.username == BOOTSTRAP_ADMIN, User.deleted.is_(False))
    )
    return user is not None and is_bootstrap(session, user)


def verify_password(session: Session, username: str, password: str) -> Actor:
    """Sign in: the actor for this user if the password is right and the user active."""
    name = (username or "").strip().lower()
    user = session.scalar(select(User).where(User.username == name, User.deleted.is_(False)))
    if user is None:
        HASHER.hash("timing")  # as slow as a real check, so names cannot be probed
        log.warning("sign-in refused: unknown user")
        raise AuthenticationError()
    if user.password_hash is None:
        raise PasswordNotSetError(user.username)
    if not password_matches(user.password_hash, password):
        log.warning("sign-in refused: wrong password for %s", user.username)
        raise AuthenticationError()
    if not user.active:
        log.warning("sign-in refused: %s is disabled", user.username)
        raise UserDisabledError(user.username)
    log.info("signed in: %s (%s)", user.username, user.role)
    return actor_of(session, user)


# --- changes ----------------------------------------------------------------------------


def _clean(field: str, value: str, max_length: int) -> str:
    try:
        return clean_text(value, max_length=max_length)
    except TextError as exc:
        raise ValidationError({field: exc.code}) from None


def _role(value: str | Role) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        raise ValidationError({"role": "unknown_role"}) from None


def _active_admins(session: Session) -> int:
    stmt = (
        select(func.count())
        .select_from(User)
        .where(User.role == Role.ADMIN.value, User.active.is_(True), User.deleted.is_(False))
    )
    return int(session.scalar(stmt) or 0)


def add_user(
    session: Session,
    actor: Actor,
    username: str,
    role: str | Role,
    *,
    full_name: str = "",
    title: str = "",
    password: str | None = None,
) -> UserRow:
    require(actor, Action.MANAGE_USERS)
    name = (username or "").strip().lower()
    if not USERNAME_RE.match(name):
        raise ValidationError({"username": "username_format"})
    the_role = _role(role)
    values = {
        "username": name,
        "full_name": _clean("full_name", full_name, 200) or name,
        "title": _clean("title", title, 200),
        "role": the_role.value,
        "active": True,
        "password_hash": hash_password(password) if password is not None else None,
    }
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise ValidationError({"username": "username_taken"})
    user = _UserWriter(session, actor).create(User, **values)
    log.info("user added: %s (%s) by %s", name, the_role.value, actor.username)
    return _row(user)


def set_password(session: Session, actor: Actor, username: str, password: str) -> None:
    """An administrator sets anyone's password; every user may change their own."""
    user = find_user(session, username)
    if user.id != actor.user_id:
        require(actor, Action.MANAGE_USERS)
    new_hash = hash_password(password)
    _UserWriter(session, actor).update(user, {"password_hash": new_hash})
    log.info("password changed: %s by %s", user.username, actor.username)


def set_first_password(session: Session, password: str) -> Actor:
    """First start: the administrator chooses the desk's first password."""
    user = find_user(session, BOOTSTRAP_ADMIN)
    if not is_bootstrap(session, user):
        raise ServiceError("the administrator's password is already set", code="already_set")
    actor = actor_of(session, user)
    _UserWriter(session, actor).update(user, {"password_hash": hash_password(password)})
    log.info("first start: administrator's password set")
    return actor


def set_role(session: Session, actor: Actor, username: str, role: str | Role) -> None:
    require(actor, Action.MANAGE_USERS)
    user = find_user(session, username)
    the_role = _role(role)
    if (
        user.role == Role.ADMIN.value
        and the_role is not Role.ADMIN
        and user.active
        and _active_admins(session) <= 1
    ):
        raise LastAdminError(user.username)
    _UserWriter(session, actor).update(user, {"role": the_role.value})
    log.info("role of %s set to %s by %s", user.username, the_role.value, actor.username)


def update_details(
    session: Session, actor: Actor, username: str, *, full_name: str, title: str
) -> None:
    require(actor, Action.MANAGE_USERS)
    user = find_user(session, username)
    _UserWriter(session, actor).update(
        user,
        {
            "full_name": _clean("full_name", full_name, 200) or user.username,
            "title": _clean("title", title, 200),
        },
    )


def disable_user(session: Session, actor: Actor, username: str) -> None:
    """A disabled user cannot sign in anywhere (once the change has synced)."""
    require(actor, Action.MANAGE_USERS)
    user = find_user(session, username)
    if user.role == Role.ADMIN.value and user.active and _active_admins(session) <= 1:
        raise LastAdminError(user.username)
    _UserWriter(session, actor).update(user, {"active": False})
    log.info("user disabled: %s by %s", user.username, actor.username)


def enable_user(session: Session, actor: Actor, username: str) -> None:
    require(actor, Action.MANAGE_USERS)
    user = find_user(session, username)
    _UserWriter(session, actor).update(user, {"active": True})
    log.info("user enabled: %s by %s", user.username, actor.username)


def set_personal_data_roles(session: Session, actor: Actor, roles: Iterable[str | Role]) -> None:
    """Which roles see contacts' and reporters' personal data (administrators always do)."""
    require(actor, Action.MANAGE_USERS)
    chosen = {_role(r) for r in roles} | {Role.ADMIN}
    value = {"value": sorted(r.value for r in chosen)}
    writer = Writer(session, actor)
    row = session.get(Setting, setting_id(PERSONAL_DATA_ROLES_KEY))
    if row is None:
        writer.create(
            Setting,
            id=setting_id(PERSONAL_DATA_ROLES_KEY),
            key=PERSONAL_DATA_ROLES_KEY,
            value=value,
        )
    else:
        writer.update(row, {"value": value, "deleted": False})
    log.info("personal data visible to: %s", ", ".join(value["value"]))

"""Users of the desk and the actor a session acts as."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.models import User
from desk_app.models.enums import Role
from desk_app.services.actor import Actor
from desk_app.services.errors import NotFoundError, ServiceError


@dataclass(frozen=True)
class UserRow:
    id: str
    username: str
    full_name: str
    title: str
    role: str
    active: bool


def list_users(session: Session, *, include_inactive: bool = False) -> list[UserRow]:
    stmt = select(User).where(User.deleted.is_(False)).order_by(User.username)
    if not include_inactive:
        stmt = stmt.where(User.active.is_(True))
    return [
        UserRow(u.id, u.username, u.full_name, u.title, u.role, u.active)
        for u in session.scalars(stmt)
    ]


def find_user(session: Session, username: str) -> User:
    user = session.scalar(
        select(User).where(User.username == username.strip().lower(), User.deleted.is_(False))
    )
    if user is None:
        raise NotFoundError("user", username)
    return user


def actor_for(session: Session, username: str) -> Actor:
    """The actor for an active user (the CLI's ``--user``)."""
    user = find_user(session, username)
    if not user.active:
        raise ServiceError(f"user {username!r} is disabled", code="user_disabled", user=username)
    role = Role(user.role)
    return Actor(user.id, user.username, role)

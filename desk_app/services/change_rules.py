"""Placeholder rule engine (replaced by the full rule table): the interface the hub uses."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Protocol

from desk_app.models.enums import Role

Row = dict[str, Any]
_BOOKKEEPING = frozenset(
    {"id", "created_at", "created_by", "updated_at", "updated_by", "origin_version", "versions"}
)
SECRET_FIELDS: dict[str, frozenset[str]] = {"user_account": frozenset({"password_hash"})}


@dataclass(frozen=True)
class Author:
    user_id: str | None
    role: Role | None
    active: bool


@dataclass(frozen=True)
class Refusal:
    table: str
    record_id: str
    rule: str
    field: str | None = None
    detail: str = ""
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


class HubView(Protocol):
    def get(self, table: str, record_id: str) -> Row | None: ...

    def active_admin_ids(self) -> set[str]: ...


def changed_fields(table: str, old: Row | None, new: Row) -> set[str]:
    return {k for k in new if k not in _BOOKKEEPING and (old is None or old.get(k) != new.get(k))}


def check_change(
    table: str, old: Row | None, new: Row, author: Author, view: HubView, *, now_ms: int
) -> Refusal | None:
    rid = str(new.get("id"))
    if author.role is None or not author.active:
        return Refusal(table, rid, "permission")
    if old is not None and "versions" not in new and old != new:
        return Refusal(table, rid, "append_only")
    changed = changed_fields(table, old, new)
    if table == "user_account":
        own_password = changed <= {"password_hash"} and new.get("id") == author.user_id
        if author.role is not Role.ADMIN and not own_password and old is not None:
            return Refusal(table, rid, "permission", next(iter(sorted(changed)), None))
        admins = view.active_admin_ids()
        is_admin = new.get("role") == "admin" and new.get("active") and not new.get("deleted")
        if not is_admin and rid in admins and len(admins) <= 1:
            return Refusal(table, rid, "last_admin", "role")
    return None

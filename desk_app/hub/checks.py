"""Every pushed change checked as the app would check it, before the hub takes it.

The service knows who wrote a change (the row's ``updated_by``, or ``created_by`` for
append-only rows) and accepts it only when that person holds a session on the pushing
workstation. It then checks what the services layer checks, with the author's role *as
the hub knows it* (``services.change_rules``: permissions, types, allowed values, status
transitions, append-only rows, at least one administrator), plus what only the hub can
know: every version is a well-formed HLC and not ahead of the hub's clock, attachment rows
name a file the hub holds with the type they claim, and conflict rows are the hub's own.
"""

from __future__ import annotations

import re
from typing import Any

from desk_app.hub.store import BatchView, Check, Hub
from desk_app.models.enums import Role
from desk_app.services import change_rules
from desk_app.sync.merge import Row
from desk_app.sync.protocol import MAX_AHEAD_MS, Change, Refused

#: An HLC version: 15 digits of milliseconds, 6 of counter, then the site (a UUID, "seed"
#: for reference data every workstation seeds, or "hub").
HLC_FORMAT = re.compile(
    r"^\d{15}\.\d{6}\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|seed|hub)$"
)
#: Tables whose rows only the hub creates.
HUB_MADE = frozenset({"sync_conflict"})
#: The table whose rows name attachment files.
ATTACHMENTS = "incident_attachment"


def versions_of(row: Row) -> list[str]:
    versions = row.get("versions")
    found = [row.get("origin_version")]
    if isinstance(versions, dict):
        found += list(versions.values())
    elif versions is not None:
        found.append(versions)
    return [v if isinstance(v, str) else repr(v) for v in found]


def author_of(row: Row) -> Any:
    return row.get("updated_by") if "versions" in row else row.get("created_by")


def _refused(table: str, row: Row, rule: str, old: Row | None, **params: Any) -> Refused:
    field = params.pop("field", None)
    return Refused(table, str(row.get("id")), rule, field, params, old)


def check_versions(table: str, row: Row, old: Row | None, now_ms: int) -> Refused | None:
    """Versions in the HLC format, none more than a few minutes ahead of the hub."""
    if not isinstance(row.get("versions", {}), dict):
        return _refused(table, row, "bad_version", old)
    for version in versions_of(row):
        match = HLC_FORMAT.match(version)
        if match is None:
            return _refused(table, row, "bad_version", old)
        if match.group(1) in ("seed", "hub") and (old is None or version not in versions_of(old)):
            # Only the hub makes hub versions, and seed versions are what every
            # workstation seeds: a pushed one the hub does not already hold is forged.
            return _refused(table, row, "bad_version", old)
        if int(version[:15]) > now_ms + MAX_AHEAD_MS:
            return _refused(
                table, row, "clock_ahead", old, ahead_s=(int(version[:15]) - now_ms) // 1000
            )
    return None


def _author(author_id: str, user: Row | None) -> change_rules.Author:
    role: Role | None
    try:
        role = Role(user["role"]) if user else None
    except ValueError:
        role = None
    return change_rules.Author(
        author_id, role, bool(user and user.get("active") and not user.get("deleted"))
    )


def make_check(hub: Hub, session_users: set[str], *, now_ms: int) -> Check:
    """The check for one push from a workstation whose sessions name ``session_users``."""
    authors: dict[str, tuple[Row | None, change_rules.Author]] = {}

    def check(
        table: str, old: Row | None, new: Row, change: Change, view: BatchView
    ) -> Refused | None:
        row = change.row
        refusal = check_versions(table, row, old, now_ms)
        if refusal is not None:
            return refusal
        if table in HUB_MADE and old is None:
            return _refused(table, row, "hub_made", old)
        author_id = author_of(row)
        if not isinstance(author_id, str) or author_id not in session_users:
            return _refused(
                table,
                row,
                "no_session",
                old,
                author=author_id if isinstance(author_id, str) else None,
            )
        user = view.get("user_account", author_id)
        known = authors.get(author_id)
        if known is not None and known[0] is user:
            author = known[1]  # the same account document: the same author
        else:
            author = _author(author_id, user)
            authors[author_id] = (user, author)
        rule = change_rules.check_change(table, old, new, author, view, now_ms=now_ms)
        if rule is not None:
            return Refused(
                rule.table, rule.record_id, rule.rule, rule.field, dict(rule.params), old
            )
        if table == ATTACHMENTS and not new.get("deleted"):
            # The file goes up before its row and is sniffed then (only PNG, JPEG, GIF,
            # WEBP and PDF are stored). A row may come before its file (lost on its desk,
            # sent later by another): then no desk can fetch it until it comes, sniffed.
            sha = new.get("sha256")
            kind = view.blob_type(sha) if isinstance(sha, str) else None
            if kind is not None and kind != new.get("media_type"):
                return _refused(table, row, "file_type", old, field="media_type")
        return None

    return check

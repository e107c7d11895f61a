"""Per-field last-writer-wins merge of two states of one row, and conflict detection.

A row travels as a dict of its columns as SQLite stores them, with ``versions`` parsed.
A field's version is ``versions[field]``, else ``origin_version``; versions are encoded
hybrid-logical-clock timestamps whose string order is the order ``(hlc, site)``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from desk_app.models.base import DESK_NAMESPACE
from desk_app.services.conflicts import SECRET_FIELDS

Row = dict[str, Any]

#: Columns that are bookkeeping, never merged field by field.
BOOKKEEPING = frozenset(
    {"id", "created_at", "created_by", "updated_at", "updated_by", "origin_version", "versions"}
)


def field_version(row: Row, field: str) -> str:
    versions = row.get("versions") or {}
    return str(versions.get(field, row.get("origin_version", "")))


def newest_version(row: Row) -> str:
    versions = row.get("versions") or {}
    return max([str(row.get("origin_version", "")), *map(str, versions.values())])


def _tiebreak(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def data_fields(row: Row) -> list[str]:
    return [k for k in row if k not in BOOKKEEPING]


def merge_rows(a: Row, b: Row) -> Row:
    """The merge of two states of one row: for every field the value with the higher
    version. Commutative and idempotent, so every site that merges the same states holds
    the same row."""
    origin = max(str(a.get("origin_version", "")), str(b.get("origin_version", "")))
    merged: Row = {}
    versions: dict[str, str] = {}
    for field in dict.fromkeys([*data_fields(a), *data_fields(b)]):
        va, vb = field_version(a, field), field_version(b, field)
        if field not in b or (
            field in a and (va > vb or (va == vb and _tiebreak(a[field]) >= _tiebreak(b[field])))
        ):
            merged[field], version = a[field], va
        else:
            merged[field], version = b[field], vb
        if version != origin:
            versions[field] = version
    na, nb = newest_version(a), newest_version(b)
    newest = (
        a if (na, _tiebreak(a.get("updated_at"))) >= (nb, _tiebreak(b.get("updated_at"))) else b
    )
    oa, ob = str(a.get("origin_version", "")), str(b.get("origin_version", ""))
    oldest = (
        a if (oa, _tiebreak(a.get("created_at"))) <= (ob, _tiebreak(b.get("created_at"))) else b
    )
    merged["id"] = a["id"]
    for key in ("created_at", "created_by"):
        if key in oldest:
            merged[key] = oldest[key]
    for key in ("updated_at", "updated_by"):
        if key in newest:
            merged[key] = newest[key]
    merged["origin_version"] = origin
    merged["versions"] = versions
    return merged


@dataclass(frozen=True)
class Conflict:
    """A field two sites changed concurrently: ``winner`` stays, ``loser`` is kept aside."""

    table: str
    record_id: str
    field: str
    winner_value: Any
    winner_version: str
    winner_by: str | None
    loser_value: Any
    loser_version: str
    loser_by: str | None

    @property
    def id(self) -> str:
        # Deterministic, so a retried push records the same conflict only once.
        key = f"conflict:{self.table}:{self.record_id}:{self.field}:{self.loser_version}"
        return str(uuid.uuid5(DESK_NAMESPACE, key))


def base_version(base: Row | None, field: str) -> str | None:
    if base is None:
        return None
    return str((base.get("v") or {}).get(field, base.get("o", "")))


def find_conflicts(table: str, hub: Row, incoming: Row, base: Row | None) -> list[Conflict]:
    """Fields that both the hub and the pushing site changed since the site's ``base``.

    ``base`` holds the versions the site's row had before its unsent edits
    (``{"o": origin_version, "v": versions}``); None when the site created the row or
    cannot know (then every differing field counts as concurrent).
    """
    conflicts: list[Conflict] = []
    if table == "sync_conflict":
        # Resolutions of one conflict are ordered by their versions like any field; a
        # conflict about a conflict would only ask the same question again.
        return conflicts
    edited_here: dict[str, Any] = {}
    edited_there: dict[str, Any] = {}
    secret = SECRET_FIELDS.get(table, frozenset())
    for field in data_fields(incoming):
        if field not in hub or field in secret:
            continue
        vi, vh = field_version(incoming, field), field_version(hub, field)
        vb = base_version(base, field)
        if vi != vb:
            edited_here[field] = incoming[field]
        if vh != vb:
            edited_there[field] = hub[field]
        if vi == vh or incoming[field] == hub[field]:
            continue
        if vi != vb and vh != vb:
            win, lose, vw, vl = (incoming, hub, vi, vh) if vi > vh else (hub, incoming, vh, vi)
            conflicts.append(
                Conflict(
                    table,
                    hub["id"],
                    field,
                    win[field],
                    vw,
                    win.get("updated_by"),
                    lose[field],
                    vl,
                    lose.get("updated_by"),
                )
            )
    # A delete that races an edit: the delete wins; the edit is kept as a conflict.
    if "deleted" in hub and "deleted" in incoming and base is not None:
        deleted_here = bool(incoming["deleted"]) and "deleted" in edited_here
        deleted_there = bool(hub["deleted"]) and "deleted" in edited_there
        if deleted_there and not incoming["deleted"]:
            edits = {f: v for f, v in edited_here.items() if f != "deleted"}
            if edits:
                conflicts.append(
                    Conflict(
                        table,
                        hub["id"],
                        "deleted",
                        True,
                        field_version(hub, "deleted"),
                        hub.get("updated_by"),
                        edits,
                        newest_version(incoming),
                        incoming.get("updated_by"),
                    )
                )
        elif deleted_here and not hub["deleted"]:
            edits = {f: v for f, v in edited_there.items() if f != "deleted"}
            if edits:
                conflicts.append(
                    Conflict(
                        table,
                        hub["id"],
                        "deleted",
                        True,
                        field_version(incoming, "deleted"),
                        incoming.get("updated_by"),
                        edits,
                        newest_version(hub),
                        hub.get("updated_by"),
                    )
                )
    return conflicts

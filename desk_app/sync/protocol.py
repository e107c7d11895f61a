"""What travels between a workstation and the sync service, and what the two agree on.

Both sides import this module: the workstation's client (``desk_app.sync``) and the
service (``desk_app.hub``). A row travels as a dict of its columns as SQLite stores them
(datetimes as ``YYYY-MM-DD HH:MM:SS.ffffff`` UTC text, booleans 0/1, JSON columns as
their JSON text) with ``versions`` parsed; see docs/sync.md.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from desk_app.hlc import Timestamp, wall_clock_ms

Row = dict[str, Any]

#: Version of the conversation between the workstation and the service. 1 was the direct
#: database access of earlier versions; 2 is the HTTP sync service.
PROTOCOL = 2
#: URL path prefix of the service's API for this protocol.
API = "/api/v2"
#: A version (or a time field) further ahead of the service's clock than this is refused.
MAX_AHEAD_MS = 5 * 60 * 1000
#: Clocks further apart than this are corrected and the user is told.
SKEW_WARNING_MS = MAX_AHEAD_MS


@dataclass(frozen=True)
class HubInfo:
    epoch: str
    protocol: int
    schema_revision: str
    seq: int
    #: Changes with every push (a hub restored from backup lacks the later ones).
    stamp: str
    #: The service's clock in milliseconds: workstations correct their clocks by it.
    clock_ms: int
    #: The app version that runs the service (a newer hub names it in its refusal).
    app_version: str = ""
    #: The service takes a batch that names the one sent before it (``after``) only once
    #: that one is stored: a workstation may send its next batch before the answer.
    ordered: bool = False


@dataclass(frozen=True)
class Change:
    table: str
    row: Row
    #: The row's versions before its unsent edits (see ``merge.find_conflicts``).
    base: Row | None


@dataclass(frozen=True)
class Refused:
    """One pushed change the service refused, with the rule that refused it."""

    table: str
    record_id: str
    rule: str
    field: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: The hub's current document of the record (None when the hub has none): the
    #: workstation reverts to it.
    hub_row: Row | None = None


@dataclass(frozen=True)
class PushResult:
    applied: int
    conflicts: int
    seq: int
    stamp: str
    replayed: bool = False
    refused: tuple[Refused, ...] = ()
    #: ``(table, document)`` of pushed records the hub now holds otherwise than pushed
    #: (another desk's later edit won a field): the workstation takes them.
    corrected: tuple[tuple[str, Row], ...] = ()

    @property
    def clean(self) -> bool:
        """Every change taken as pushed: nothing refused, waiting or corrected."""
        return not (self.refused or self.corrected)


@dataclass(frozen=True)
class HubStatus:
    url: str
    epoch: str
    schema_revision: str
    protocol: int
    seq: int
    counts: dict[str, int]
    sites: list[dict[str, Any]] = dataclasses.field(default_factory=list)


def to_json(value: Any) -> bytes:
    """``value`` as compact UTF-8 JSON, as it travels and as the hub stores documents."""
    try:
        return orjson.dumps(value)
    except TypeError:
        # What orjson does not encode (an integer wider than 64 bits, nesting deeper
        # than 254 levels, a lone surrogate): the standard library's encoder, in ASCII.
        return json.dumps(value, separators=(",", ":")).encode("ascii")


def from_json(data: bytes | str) -> Any:
    """The value of JSON text; raises ``ValueError`` when it is not JSON.

    An integer outside 64 bits (no desk writes one: SQLite's are 64-bit) comes back as a
    float, as orjson reads it; the hub's checks refuse a float where an integer belongs.
    """
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        # orjson refuses what the standard library reads (escaped lone surrogates, NaN):
        # read as before, so the rules decide.
        return json.loads(data)


def push_result_json(result: PushResult) -> dict[str, Any]:
    return {
        "applied": result.applied,
        "conflicts": result.conflicts,
        "seq": result.seq,
        "stamp": result.stamp,
        "replayed": result.replayed,
        "refused": [
            {
                "table": r.table,
                "record_id": r.record_id,
                "rule": r.rule,
                "field": r.field,
                "params": r.params,
                "hub_row": r.hub_row,
            }
            for r in result.refused
        ],
        "corrected": [[t, d] for t, d in result.corrected],
    }


def push_result(data: dict[str, Any], *, replayed: bool | None = None) -> PushResult:
    return PushResult(
        int(data["applied"]),
        int(data["conflicts"]),
        int(data["seq"]),
        str(data["stamp"]),
        replayed=bool(data.get("replayed")) if replayed is None else replayed,
        refused=tuple(
            Refused(
                str(r["table"]),
                str(r["record_id"]),
                str(r["rule"]),
                r.get("field"),
                dict(r.get("params") or {}),
                r.get("hub_row"),
            )
            for r in data.get("refused", [])
        ),
        corrected=tuple((str(t), d) for t, d in data.get("corrected", [])),
    )


def raw_now() -> str:
    """Now, as SQLite stores a ``DateTime`` (naive UTC)."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def hub_version(after: str) -> str:
    """A version made by the hub itself, later than ``after``."""
    last = Timestamp.decode(after) if after else Timestamp(0, 0, "")
    now = wall_clock_ms()
    if now > last.millis:
        return Timestamp(now, 0, "hub").encode()
    return Timestamp(last.millis, last.counter + 1, "hub").encode()


def unique_rename(value: str, record_id: str) -> str:
    """The key a second record claiming a unique key gets (hub and workstation agree)."""
    return f"{value}~{record_id.replace('-', '')[-6:]}"

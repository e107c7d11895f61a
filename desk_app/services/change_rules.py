"""The rules every change to a synced row must pass, as the services apply them.

The sync service (``desk_app.hub``) calls :func:`check_change` for each pushed change,
with the author *as the hub knows them* (role and state from the hub's own accounts,
never what the workstation claims) and a read view of the hub's current documents. The
rules are the services' own: the permission matrix (``permissions``), the status
transitions (``models.enums``), the taxonomies, length limits, phone and link checks of
``incidents``, ``contacts``, ``regions``, ``auth``, ``election``, ``attachments`` and
``sitreps``, imported from there, not written again here.

Rows are as they travel (docs/sync.md): a dict of a table's columns as SQLite stores
them: datetimes as ``YYYY-MM-DD HH:MM:SS.ffffff`` UTC text, dates ``YYYY-MM-DD``,
booleans 0/1, JSON columns as JSON text, ``versions`` a parsed ``{field: hlc}``.

Only what changed is checked (``changed_fields``; all data fields on a create): a
record that predates a rule can still be edited in its other fields. Permissions apply
to every *touched* field: one whose value changed or whose version did, since a version
bumped without a change still decides later merges.

Pure: no database, no Qt, no clock of its own (the hub passes ``now_ms``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any, NoReturn, Protocol

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String
from sqlalchemy.orm import Mapper

from desk_app.formats import to_wib
from desk_app.hlc import Timestamp
from desk_app.models import ELECTION_ID, Base, Incident, setting_id
from desk_app.models.base import Synced
from desk_app.models.enums import (
    SEVERITIES,
    STATUS_TRANSITIONS,
    AlertLevel,
    AuditAction,
    IncidentStatus,
    Role,
    TaxonomyKind,
)
from desk_app.services import attachments, auth, contacts, incidents, regions
from desk_app.services.conflicts import KEEP_OTHER, KEEP_WINNER
from desk_app.services.election import ElectionSettings, check_election
from desk_app.services.permissions import Action, role_allows
from desk_app.services.phones import PhoneError, normalise_phone
from desk_app.services.records import PERSONAL_MARK
from desk_app.services.setup import region_id
from desk_app.services.taxonomy import term_id
from desk_app.services.text import TextError, clean_text

Row = dict[str, Any]

#: How far ahead of the hub's clock a version or an incident's time may be.
CLOCK_TOLERANCE = timedelta(minutes=5)
_TOLERANCE_MS = int(CLOCK_TOLERANCE.total_seconds() * 1000)

#: Columns that are bookkeeping, not data: never checked as data, never permissions.
BOOKKEEPING: frozenset[str] = Synced.__bookkeeping__

#: Fields that hold secrets: never conflicts, never in the audit log, argon2id or None.
SECRET_FIELDS: dict[str, frozenset[str]] = {"user_account": frozenset({"password_hash"})}

_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$")
#: ``_DATETIME_RE`` in ASCII digits: what every desk writes, and quicker to match.
_ASCII_DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: A UUID as ``str(uuid.UUID(...))`` writes it (every id the desk makes).
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

#: Derived ids of terms and regions, computed once (a push checks thousands of rows).
_term_id = cache(term_id)
_region_id = cache(region_id)


# --- the interface ----------------------------------------------------------------------


@dataclass(frozen=True)
class Author:
    """The author of a change as the hub knows them (from its own ``user_account``)."""

    user_id: str | None
    #: None: a user the hub does not know.
    role: Role | None
    active: bool


@dataclass(frozen=True)
class Refusal:
    """Why a change was refused. ``rule`` is a stable code; ``detail`` English for logs;
    ``params`` the values of a translated message. Neither holds personal data."""

    table: str
    record_id: str
    rule: str
    field: str | None
    detail: str
    params: dict[str, Any]


class HubView(Protocol):
    """Read access to the hub's current documents, the batch in progress included."""

    def get(self, table: str, record_id: str) -> Row | None: ...

    def active_admin_ids(self) -> set[str]: ...


class _Refused(Exception):
    def __init__(self, rule: str, field: str | None, detail: str, **params: Any) -> None:
        super().__init__(detail)
        self.rule = rule
        self.field = field
        self.detail = detail
        self.params = params


def _refuse(rule: str, field: str | None, detail: str, **params: Any) -> NoReturn:
    raise _Refused(rule, field, detail, **params)


# --- tables and columns, from the models ------------------------------------------------


@dataclass(frozen=True)
class _Column:
    name: str
    #: "string", "integer", "float", "boolean", "datetime", "date" or "json".
    kind: str
    length: int | None
    nullable: bool
    default: Any


@dataclass(frozen=True)
class _Table:
    name: str
    columns: Mapping[str, _Column]
    append_only: bool
    personal: frozenset[str]
    #: The data columns (not bookkeeping).
    data: frozenset[str]
    #: The data columns in the order their rules run (by name).
    ordered_data: tuple[str, ...]
    #: Every column's name.
    names: frozenset[str]
    #: Each column's decoder (``_decoder``).
    decoders: Mapping[str, Decoder]
    #: The data columns' names and decoders, in ``ordered_data`` order.
    ordered_decoders: tuple[tuple[str, Decoder], ...]


def _kind(column_type: Any) -> str:
    impl = getattr(column_type, "impl", None)
    for candidate in (column_type, impl):
        if isinstance(candidate, DateTime):
            return "datetime"
        if isinstance(candidate, Date):
            return "date"
        if isinstance(candidate, Boolean):
            return "boolean"
        if isinstance(candidate, Integer):
            return "integer"
        if isinstance(candidate, Float):
            return "float"
        if isinstance(candidate, JSON):
            return "json"
        if isinstance(candidate, String):
            return "string"
    raise TypeError(f"no rule for column type {column_type!r}")


def _default(column: Any) -> Any:
    default = column.default
    if default is None or not getattr(default, "is_scalar", False):
        return None
    return default.arg


@cache
def _tables() -> dict[str, _Table]:
    tables: dict[str, _Table] = {}
    mapper: Mapper[Any]
    for mapper in Base.registry.mappers:
        model = mapper.class_
        if not getattr(model, "__synced__", False):
            continue
        table = model.__table__
        columns = {
            c.name: _Column(
                c.name,
                _kind(c.type),
                getattr(c.type, "length", None),
                bool(c.nullable),
                _default(c),
            )
            for c in table.columns
        }
        decoders = {name: _decoder(column) for name, column in columns.items()}
        ordered_data = tuple(sorted(name for name in columns if name not in BOOKKEEPING))
        tables[table.name] = _Table(
            name=table.name,
            columns=columns,
            append_only=bool(getattr(model, "__append_only__", False)),
            personal=frozenset(getattr(model, "__personal__", frozenset())),
            data=frozenset(ordered_data),
            ordered_data=ordered_data,
            names=frozenset(columns),
            decoders=decoders,
            ordered_decoders=tuple((name, decoders[name]) for name in ordered_data),
        )
    return tables


def synced_table_names() -> frozenset[str]:
    return frozenset(_tables())


def personal_fields(table: str) -> frozenset[str]:
    """The personal-data fields of a synced table (the model's ``__personal__``)."""
    info = _tables().get(table)
    return info.personal if info else frozenset()


# --- values as they travel --------------------------------------------------------------


def _decode(column: _Column, raw: Any) -> Any:
    """The Python value of a wire value; raises ``_Refused`` ("type", "length")."""
    if raw is None:
        if not column.nullable:
            _refuse("required", column.name, f"{column.name} is required")
        return None
    return _DECODERS[column.kind](column, raw)


def _decode_string(column: _Column, raw: Any) -> Any:
    name = column.name
    if not isinstance(raw, str):
        _refuse("type", name, f"{name} must be text", expected="text")
    if column.length is not None and len(raw) > column.length:
        _refuse("length", name, f"{name} is longer than {column.length}", limit=column.length)
    return raw


def _decode_integer(column: _Column, raw: Any) -> Any:
    if not isinstance(raw, int) or isinstance(raw, bool):
        _refuse("type", column.name, f"{column.name} must be an integer", expected="integer")
    return raw


def _decode_float(column: _Column, raw: Any) -> Any:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        _refuse("type", column.name, f"{column.name} must be a number", expected="number")
    return float(raw)


def _decode_boolean(column: _Column, raw: Any) -> Any:
    if not isinstance(raw, int) or raw not in (0, 1):
        _refuse("type", column.name, f"{column.name} must be 0 or 1", expected="boolean")
    return bool(raw)


def _decode_datetime(column: _Column, raw: Any) -> Any:
    name = column.name
    if not isinstance(raw, str) or not _DATETIME_RE.fullmatch(raw):
        _refuse("type", name, f"{name} must be a UTC date-time", expected="datetime")
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=UTC)
    except ValueError:
        _refuse("type", name, f"{name} must be a UTC date-time", expected="datetime")


def _decode_date(column: _Column, raw: Any) -> Any:
    name = column.name
    if not isinstance(raw, str) or not _DATE_RE.fullmatch(raw):
        _refuse("type", name, f"{name} must be a date", expected="date")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        _refuse("type", name, f"{name} must be a date", expected="date")


def _decode_json(column: _Column, raw: Any) -> Any:
    name = column.name
    if not isinstance(raw, str):
        _refuse("type", name, f"{name} must be JSON text", expected="json")
    try:
        return json.loads(raw)
    except ValueError:
        _refuse("type", name, f"{name} must be JSON text", expected="json")


_DECODERS: dict[str, Callable[[_Column, Any], Any]] = {
    "string": _decode_string,
    "integer": _decode_integer,
    "float": _decode_float,
    "boolean": _decode_boolean,
    "datetime": _decode_datetime,
    "date": _decode_date,
    "json": _decode_json,
}


Decoder = Callable[[Any], Any]


def _decoder(column: _Column) -> Decoder:
    """``_decode`` for one column: the common case of its kind checked first and at
    once, anything else (a refusal among them) left to ``_decode``."""
    fast = _FAST_DECODERS.get(column.kind)
    if fast is not None:
        return fast(column)

    def decode(raw: Any) -> Any:
        return _decode(column, raw)

    return decode


def _string_decoder(column: _Column) -> Decoder:
    limit = math.inf if column.length is None else column.length

    def decode(raw: Any) -> Any:
        if type(raw) is str and len(raw) <= limit:
            return raw
        return _decode(column, raw)

    return decode


def _integer_decoder(column: _Column) -> Decoder:
    def decode(raw: Any) -> Any:
        if type(raw) is int:
            return raw
        return _decode(column, raw)

    return decode


def _boolean_decoder(column: _Column) -> Decoder:
    def decode(raw: Any) -> Any:
        if type(raw) is int and (raw == 0 or raw == 1):
            return raw == 1
        return _decode(column, raw)

    return decode


def _datetime_decoder(column: _Column) -> Decoder:
    def decode(raw: Any) -> Any:
        if type(raw) is str and _ASCII_DATETIME_RE.fullmatch(raw):
            try:
                # As ``_decode_datetime`` reads it, without a ``replace`` (a third of it).
                return datetime.fromisoformat(raw + "+00:00")
            except ValueError:
                pass
        return _decode(column, raw)

    return decode


_FAST_DECODERS: dict[str, Callable[[_Column], Decoder]] = {
    "string": _string_decoder,
    "integer": _integer_decoder,
    "boolean": _boolean_decoder,
    "datetime": _datetime_decoder,
}


def _same(column: _Column | None, a: Any, b: Any) -> bool:
    if a == b:
        return True
    if column is not None and column.kind == "json" and isinstance(a, str) and isinstance(b, str):
        try:
            return bool(json.loads(a) == json.loads(b))
        except ValueError:
            return False
    return False


def changed_fields(table: str, old: Row | None, new: Row) -> set[str]:
    """Data fields whose value differs between ``old`` and ``new`` (all of them for a
    create). Bookkeeping columns are not data."""
    info = _tables().get(table)
    data = info.data if info else frozenset(k for k in new if k not in BOOKKEEPING)
    if old is None:
        return set(data)
    columns = info.columns if info else {}
    changed = set()
    for name in data.union(new) - BOOKKEEPING:
        a, b = old.get(name), new.get(name)
        if a != b and not _same(columns.get(name), a, b):
            changed.add(name)
    return changed


def _versions(row: Row | None) -> dict[str, Any]:
    versions = (row or {}).get("versions")
    return versions if isinstance(versions, dict) else {}


def _field_version(row: Row, name: str) -> Any:
    return _versions(row).get(name, row.get("origin_version"))


# --- the change being checked -----------------------------------------------------------


class _Change:
    """One change being checked, with its new values decoded once each."""

    # A class with slots, not a dataclass: one is made for every pushed row.
    __slots__ = (
        "_latest",
        "_values",
        "author",
        "changed",
        "new",
        "now_ms",
        "old",
        "table",
        "touched",
        "view",
    )

    def __init__(
        self,
        table: _Table,
        old: Row | None,
        new: Row,
        author: Author,
        view: HubView,
        now_ms: int,
        changed: frozenset[str],
        touched: frozenset[str],
    ) -> None:
        self.table = table
        self.old = old
        self.new = new
        self.author = author
        self.view = view
        self.now_ms = now_ms
        self.changed = changed
        self.touched = touched
        self._values: dict[str, Any] = {}
        self._latest: datetime | None = None

    @property
    def record_id(self) -> str:
        return str(self.new.get("id", ""))

    @property
    def is_create(self) -> bool:
        return self.old is None

    @property
    def latest(self) -> datetime:
        """The latest moment a change may name: the hub's clock, and its tolerance."""
        if self._latest is None:
            self._latest = datetime.fromtimestamp(self.now_ms / 1000, UTC) + CLOCK_TOLERANCE
        return self._latest

    def value(self, name: str) -> Any:
        """The decoded new value of a column."""
        try:
            return self._values[name]
        except KeyError:
            value = self._values[name] = self.table.decoders[name](self.new.get(name))
            return value

    def old_value(self, name: str) -> Any:
        assert self.old is not None
        try:
            return self.table.decoders[name](self.old.get(name))
        except _Refused:
            return None  # a value the hub holds from before a rule: as if absent

    def may(self, action: Action) -> bool:
        assert self.author.role is not None
        return role_allows(self.author.role, action)

    def require(self, action: Action, name: str | None) -> None:
        if not self.may(action):
            role = self.author.role.value if self.author.role else ""
            _refuse(
                "permission",
                name,
                f"role {role} may not {action.value}",
                action=action.value,
                role=role,
            )

    def live(self, table: str, record_id: Any) -> Row | None:
        if not isinstance(record_id, str) or not record_id:
            return None
        doc = self.view.get(table, record_id)
        if doc is None or doc.get("deleted"):
            return None
        return doc

    def sees_personal_data(self) -> bool:
        doc = self.live("app_setting", setting_id(auth.PERSONAL_DATA_ROLES_KEY))
        if doc is None:
            roles = auth.DEFAULT_PERSONAL_DATA_ROLES
        else:
            try:
                value = json.loads(doc["value"]) if isinstance(doc["value"], str) else None
            except ValueError:
                value = None
            roles = auth.roles_from_setting(value if isinstance(value, dict) else None)
        return self.author.role in roles


# --- rules per table --------------------------------------------------------------------


class _ReadOnly:
    """No service changes this (after the row's creation, for a field)."""

    def __repr__(self) -> str:
        return "READ_ONLY"


READ_ONLY = _ReadOnly()


@dataclass(frozen=True)
class Depends:
    """A permission that depends on the change (a status, a setting's key, whose
    password). ``strictest`` is what it can require at most: asked when a conflict on
    the field is resolved, where the value to come is not a row of its own."""

    strictest: Action | None
    decide: Callable[[_Change, str | None], Action | None]


#: What it takes to create a row or change a field: an action of the permission matrix,
#: READ_ONLY, a rule that depends on the change, or None (any known, active author).
Permission = Action | _ReadOnly | Depends | None
ValueCheck = Callable[[_Change, str, Any], None]
RowCheck = Callable[[_Change], None]


@dataclass(frozen=True)
class TableRules:
    #: What creating a row takes.
    create: Permission
    #: What changing a field takes unless ``fields`` says otherwise.
    edit: Permission = READ_ONLY
    fields: Mapping[str, Permission] = field(default_factory=dict)
    #: Each field's value rules, run when its value changed (on a create: all).
    values: Mapping[str, ValueCheck] = field(default_factory=dict)
    #: Permissions that depend on several fields (run with the permissions, first).
    guards: tuple[RowCheck, ...] = ()
    #: Rules across fields and records.
    rows: tuple[RowCheck, ...] = ()
    #: Who may blank this table's personal data in conflict rows (UU PDP erasure).
    erase: Action | None = None

    def permission(self, name: str) -> Permission:
        return self.fields.get(name, self.edit)


def _decide(permission: Permission, change: _Change, name: str | None) -> Action | None:
    if isinstance(permission, _ReadOnly):
        _refuse("read_only", name, f"{change.table.name}.{name or '*'} is not changed by the app")
    if isinstance(permission, Depends):
        return permission.decide(change, name)
    return permission


# --- value checks, built from the services' own rules -----------------------------------


def _text(limit: int, multiline: bool = False, *, required: bool = False) -> ValueCheck:
    """Text as ``clean_text`` leaves it: within ``limit``, no control characters,
    trimmed, NFC (a value the services never wrote is refused)."""

    def check(change: _Change, name: str, value: Any) -> None:
        if value is None:
            return
        try:
            cleaned = clean_text(value, max_length=limit, multiline=multiline)
        except TextError as exc:
            if exc.code == "too_long":
                _refuse("length", name, f"{name} is longer than {limit}", limit=limit)
            _refuse("text", name, f"{name} holds characters text cannot", error=exc.code)
        if cleaned != value:
            _refuse("text", name, f"{name} is not cleaned text", error="invalid_characters")
        if required and not cleaned:
            _refuse("required", name, f"{name} is required")

    return check


def _texts(
    limits: Mapping[str, tuple[int, bool]], required: Iterable[str]
) -> dict[str, ValueCheck]:
    needed = set(required)
    return {
        name: _text(limit, multiline, required=name in needed)
        for name, (limit, multiline) in limits.items()
    }


def _nonempty(change: _Change, name: str, value: Any) -> None:
    if not value:
        _refuse("required", name, f"{name} is required")


def _allowed(choices: Iterable[Any], error: str) -> ValueCheck:
    allowed = frozenset(choices)

    def check(change: _Change, name: str, value: Any) -> None:
        if value not in allowed:
            _refuse("allowed_values", name, f"{name} is not one of the allowed values", error=error)

    return check


def _term_is_live(change: _Change, kind: TaxonomyKind, code: Any) -> bool:
    """Whether ``code`` is an active term of ``kind`` on the hub (``term_codes``)."""
    if not isinstance(code, str) or not code:
        return False
    doc = change.live("taxonomy_term", _term_id(kind, code))
    return (
        doc is not None
        and doc.get("kind") == kind  # a StrEnum: its value, without the look-up
        and doc.get("code") == code
        and bool(doc.get("active"))
    )


def _term(kind: TaxonomyKind, error: str, *, optional: bool = False) -> ValueCheck:
    def check(change: _Change, name: str, value: Any) -> None:
        if optional and value is None:
            return
        if not value:
            _refuse("required", name, f"{name} is required")
        if not _term_is_live(change, kind, value):
            _refuse("allowed_values", name, f"{name} is not a term of {kind.value}", error=error)

    return check


def _terms(kind: TaxonomyKind, error: str) -> ValueCheck:
    def check(change: _Change, name: str, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            _refuse("type", name, f"{name} must be a list of codes", expected="list")
        if any(not _term_is_live(change, kind, v) for v in value):
            _refuse("allowed_values", name, f"{name} names a code not in {kind.value}", error=error)

    return check


def _reference(table: str, error: str, *, optional: bool = False) -> ValueCheck:
    """The id of a live record of ``table`` on the hub."""

    def check(change: _Change, name: str, value: Any) -> None:
        if optional and value is None:
            return
        if change.live(table, value) is None:
            _refuse("reference", name, f"{name} names no live {table}", error=error)

    return check


def _not_ahead(change: _Change, name: str, value: Any) -> None:
    if value is not None and value > change.latest:
        _refuse(
            "future_time",
            name,
            f"{name} is ahead of the hub's clock",
            tolerance_minutes=int(CLOCK_TOLERANCE.total_seconds() // 60),
        )


def _moment(change: _Change, name: str, value: Any) -> None:
    _not_ahead(change, name, value)
    if value is not None and value < incidents.EARLIEST:
        _refuse(
            "allowed_values", name, f"{name} is before {incidents.EARLIEST.year}", error="too_early"
        )


def _sha256(change: _Change, name: str, value: Any) -> None:
    if not attachments.is_sha256(value):
        _refuse("allowed_values", name, f"{name} is not a SHA-256", error="attachment_hash")


def _json_shape(expected: type, item: type | None = None) -> ValueCheck:
    def check(change: _Change, name: str, value: Any) -> None:
        ok = isinstance(value, expected)
        if ok and item is not None:
            items = value.values() if isinstance(value, dict) else value
            ok = all(isinstance(v, item) for v in items)
        if not ok:
            _refuse("type", name, f"{name} has the wrong shape", expected=expected.__name__)

    return check


# --- incidents --------------------------------------------------------------------------


@cache
def _reachable_without_verifying(start: IncidentStatus) -> frozenset[IncidentStatus]:
    """Statuses reachable from ``start`` through CHANGE_STATUS transitions only."""
    seen = {start}
    todo = [start]
    while todo:
        for target in STATUS_TRANSITIONS[todo.pop()]:
            if target not in seen and target not in incidents.COORDINATOR_STATUSES:
                seen.add(target)
                todo.append(target)
    return frozenset(seen)


@cache
def _reachable(start: IncidentStatus) -> frozenset[IncidentStatus]:
    seen = {start}
    todo = [start]
    while todo:
        for target in STATUS_TRANSITIONS[todo.pop()]:
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return frozenset(seen)


#: Each status by its value.
_STATUSES_BY_VALUE: dict[str, IncidentStatus] = {s.value: s for s in IncidentStatus}


def _status_of(value: Any) -> IncidentStatus:
    """``IncidentStatus(value)`` for a decoded value (text or None), without the call
    through the enum's machinery: a ValueError for any other value."""
    try:
        return _STATUSES_BY_VALUE[value]
    except (KeyError, TypeError):
        raise ValueError(f"{value!r} is not a valid IncidentStatus") from None


def _status_from(change: _Change) -> IncidentStatus:
    if change.old is None:
        return IncidentStatus.BARU
    try:
        return _status_of(change.old_value("status"))
    except ValueError:
        return IncidentStatus.BARU


def _status_permission(change: _Change, name: str | None) -> Action | None:
    """Verifying and invalidating take VERIFY_INCIDENT; other moves CHANGE_STATUS. A push
    carries a row's latest state, so several moves made offline arrive as one: the move
    takes VERIFY_INCIDENT when no path of plain moves leads there."""
    try:
        target = _status_of(change.value("status"))
    except ValueError:
        return Action.VERIFY_INCIDENT  # refused by the value check
    start = _status_from(change)
    if target == start:
        return None if change.is_create else Action.CHANGE_STATUS
    if target in _reachable_without_verifying(start):
        return Action.CHANGE_STATUS
    return Action.VERIFY_INCIDENT


def _status_value(change: _Change, name: str, value: Any) -> None:
    try:
        target = _status_of(value)
    except ValueError:
        _refuse("allowed_values", name, "status is not a known status", error="unknown_status")
    start = _status_from(change)
    if target != start and target not in _reachable(start):
        _refuse(
            "transition",
            name,
            f"status cannot change from {start.value} to {target.value}",
            from_status=start.value,
            to_status=target.value,
        )


_INCIDENT_REFERENCE = _reference("incident", "unknown_incident")


def _merged_into(change: _Change, name: str, value: Any) -> None:
    if value is None:
        return
    if value == change.record_id:
        _refuse(
            "allowed_values", name, "an incident cannot be merged into itself", error="merge_same"
        )
    _INCIDENT_REFERENCE(change, name, value)


_LINK_TEXT = _text(*incidents.TEXT_LIMITS["link"])


def _link(change: _Change, name: str, value: Any) -> None:
    _LINK_TEXT(change, name, value)
    if value and not incidents.is_web_link(value):
        _refuse("allowed_values", name, "link is not a web address", error="invalid_link")


def _assignee(change: _Change, name: str, value: Any) -> None:
    if value is None:
        return
    user = change.live("user_account", value)
    if user is None or not user.get("active"):
        _refuse("reference", name, "assigned_to names no active user", error="unknown_user")


_SUBJECT_FIELDS = frozenset({"category", "neutrality_subject"})
_TIME_FIELDS = frozenset({"occurred_at", "reported_at"})


def _incident_rows(change: _Change) -> None:
    if not change.changed.isdisjoint(_SUBJECT_FIELDS):
        subject = change.value("neutrality_subject")
        if change.value("category") == incidents.NEUTRALITY_CATEGORY:
            if not subject:
                _refuse("required", "neutrality_subject", "neutrality_subject is required")
            if not _term_is_live(change, TaxonomyKind.NEUTRALITY_SUBJECT, subject):
                _refuse(
                    "allowed_values",
                    "neutrality_subject",
                    "neutrality_subject is not a known subject",
                    error="unknown_subject",
                )
        elif subject is not None:
            _refuse(
                "allowed_values",
                "neutrality_subject",
                "only a neutrality incident names a subject",
                error="subject_without_neutrality",
            )
    if not change.changed.isdisjoint(_TIME_FIELDS) and change.value("occurred_at") > change.value(
        "reported_at"
    ):
        _refuse("allowed_values", "occurred_at", "occurred after reported", error="after_reported")


def _hidden_personal_data(masked: Iterable[str], erase: Action | None) -> RowCheck:
    """A user who may not see personal data cannot change it (the form keeps what it
    never showed); erasing it together with the record's deletion is allowed to those
    who may delete."""
    masked_fields = frozenset(masked)

    def check(change: _Change) -> None:
        if change.is_create:
            return
        touched = change.touched & masked_fields
        if not touched or change.sees_personal_data():
            return
        erasing = (
            erase is not None
            and change.may(erase)
            and "deleted" in change.changed
            and change.value("deleted")
            and all(_is_blank(change.value(f)) for f in touched)
        )
        if not erasing:
            _refuse(
                "permission",
                sorted(touched)[0],
                "this role may not change personal data it cannot see",
                action="personal_data",
                role=change.author.role.value if change.author.role else "",
            )

    return check


_STATUS_PERMISSION = Depends(Action.VERIFY_INCIDENT, _status_permission)

_INCIDENT = TableRules(
    create=Action.EDIT_INCIDENT,
    edit=Action.EDIT_INCIDENT,
    fields={
        "ref": READ_ONLY,
        "status": _STATUS_PERMISSION,
        "deleted": Action.DELETE_INCIDENT,
        "merged_into": Action.MERGE_INCIDENTS,
    },
    values={
        **_texts(incidents.TEXT_LIMITS, required=["title"]),
        "link": _link,
        "ref": _nonempty,
        "region_id": _reference("region", "unknown_region"),
        "category": _term(TaxonomyKind.INCIDENT_CATEGORY, "unknown_category"),
        "severity": _allowed(SEVERITIES, "severity_range"),
        "source_type": _term(TaxonomyKind.SOURCE_TYPE, "unknown_source"),
        "platform": _term(TaxonomyKind.PLATFORM, "unknown_platform", optional=True),
        "occurred_at": _moment,
        "reported_at": _moment,
        "status": _status_value,
        "assigned_to": _assignee,
        "merged_into": _merged_into,
    },
    guards=(_hidden_personal_data(Incident.__personal__, None),),
    rows=(_incident_rows,),
    erase=Action.EDIT_INCIDENT,
)


def _status_change_permission(change: _Change, name: str | None) -> Action | None:
    return (
        Action.VERIFY_INCIDENT
        if change.value("to_status") in incidents.COORDINATOR_STATUSES
        else Action.CHANGE_STATUS
    )


def _status_change_rows(change: _Change) -> None:
    start, target = change.value("from_status"), change.value("to_status")
    if IncidentStatus(target) not in STATUS_TRANSITIONS[IncidentStatus(start)]:
        _refuse(
            "transition",
            "to_status",
            f"status cannot change from {start} to {target}",
            from_status=start,
            to_status=target,
        )


_NOTE = _text(incidents.NOTE_MAX_LENGTH, True, required=True)
_STATUSES = _allowed([s.value for s in IncidentStatus], "unknown_status")

_INCIDENT_STATUS_CHANGE = TableRules(
    create=Depends(Action.VERIFY_INCIDENT, _status_change_permission),
    values={
        "incident_id": _reference("incident", "unknown_incident"),
        "from_status": _STATUSES,
        "to_status": _STATUSES,
        "note": _NOTE,
    },
    rows=(_status_change_rows,),
)

_FOLLOW_UP = TableRules(
    create=Action.ADD_FOLLOW_UP,
    values={
        "incident_id": _reference("incident", "unknown_incident"),
        "type": _term(TaxonomyKind.FOLLOW_UP_TYPE, "unknown_follow_up_type"),
        "note": _NOTE,
    },
)


def _attachment_filename(change: _Change, name: str, value: Any) -> None:
    media_type = change.new.get("media_type")
    if not value or attachments.clean_filename(value, str(media_type or "")) != value:
        _refuse("text", name, "filename is not a clean file name", error="invalid_characters")


def _attachment_size(change: _Change, name: str, value: Any) -> None:
    if value <= 0:
        _refuse("allowed_values", name, "an attachment is never empty", error="attachment_empty")
    if value > attachments.MAX_SIZE:
        _refuse(
            "allowed_values",
            name,
            "attachment larger than the limit",
            error="attachment_too_large",
            limit=attachments.MAX_SIZE,
        )


_INCIDENT_ATTACHMENT = TableRules(
    create=Action.EDIT_INCIDENT,
    edit=READ_ONLY,
    fields={"deleted": Action.EDIT_INCIDENT},
    values={
        "incident_id": _reference("incident", "unknown_incident"),
        "sha256": _sha256,
        "filename": _attachment_filename,
        "media_type": _allowed(attachments.MEDIA_TYPES, "attachment_type"),
        "size": _attachment_size,
    },
)


# --- contacts ---------------------------------------------------------------------------


def _is_blank(value: Any) -> bool:
    return value in (None, "", [], {}, "[]", "{}")


def _region_codes(change: _Change, name: str, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _refuse("type", name, f"{name} must be a list of codes", expected="list")
    if any(change.live("region", _region_id(code)) is None for code in value):
        _refuse("reference", name, f"{name} names an unknown region", error="unknown_region")


def _phone(change: _Change, name: str, value: Any) -> bool:
    try:
        return normalise_phone(value) == value
    except PhoneError:
        return False


def _phones(change: _Change, name: str, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _refuse("type", name, f"{name} must be a list of numbers", expected="list")
    if len(set(value)) != len(value) or not all(_phone(change, name, v) for v in value):
        _refuse(
            "allowed_values", name, f"{name} holds a number not in E.164", error="invalid_phone"
        )


def _whatsapp(change: _Change, name: str, value: Any) -> None:
    if value and not _phone(change, name, value):
        _refuse("allowed_values", name, f"{name} is not a number in E.164", error="invalid_phone")


def _email(change: _Change, name: str, value: Any) -> None:
    _text(*contacts.TEXT_LIMITS["email"])(change, name, value)
    if value and not contacts.EMAIL_RE.match(value):
        _refuse("allowed_values", name, f"{name} is not an e-mail address", error="invalid_email")


def _social(change: _Change, name: str, value: Any) -> None:
    _json_shape(dict, str)(change, name, value)
    key_check = _text(contacts.SOCIAL_KEY_MAX_LENGTH, required=True)
    handle_check = _text(contacts.SOCIAL_HANDLE_MAX_LENGTH, required=True)
    for key, handle in value.items():
        key_check(change, name, key)
        handle_check(change, name, handle)


def _contact_rows(change: _Change) -> None:
    if (
        change.changed & {"province_wide", "region_codes"}
        and change.value("province_wide")
        and change.value("region_codes")
    ):
        _refuse(
            "allowed_values",
            "region_codes",
            "a province-wide contact names no regions",
            error="province_wide_regions",
        )


_CONTACT = TableRules(
    create=Action.EDIT_CONTACT,
    edit=Action.EDIT_CONTACT,
    fields={"deleted": Action.DELETE_CONTACT},
    values={
        **_texts(contacts.TEXT_LIMITS, required=["name"]),
        "email": _email,
        "category": _term(TaxonomyKind.CONTACT_CATEGORY, "unknown_category"),
        "forums": _terms(TaxonomyKind.FORUM, "unknown_forum"),
        "region_codes": _region_codes,
        "phones": _phones,
        "whatsapp": _whatsapp,
        "social": _social,
    },
    guards=(_hidden_personal_data(contacts.MASKED_FIELDS, Action.DELETE_CONTACT),),
    rows=(_contact_rows,),
    erase=Action.DELETE_CONTACT,
)


def _not_after_today(change: _Change, name: str, value: Any) -> None:
    if value > to_wib(change.latest).date():
        _refuse("future_time", name, f"{name} is after today", error="in_future")


_ENGAGEMENT = TableRules(
    create=Action.LOG_ENGAGEMENT,
    values={
        "contact_id": _reference("contact", "unknown_contact"),
        "type": _term(TaxonomyKind.ENGAGEMENT_TYPE, "unknown_engagement_type"),
        "summary": _text(contacts.SUMMARY_MAX_LENGTH, True, required=True),
        "occurred_on": _not_after_today,
    },
)


# --- regions and alert levels -----------------------------------------------------------

_LEVELS = _allowed([level.value for level in AlertLevel], "unknown_level")

_REGION = TableRules(
    create=READ_ONLY,
    edit=READ_ONLY,
    fields={
        "alert_level": Action.SET_ALERT_LEVEL,
        "status_note": Action.SET_ALERT_LEVEL,
        "liaison": Action.SET_ALERT_LEVEL,
    },
    values={
        "alert_level": _LEVELS,
        "status_note": _text(regions.STATUS_NOTE_MAX_LENGTH, True),
        "liaison": _text(regions.LIAISON_MAX_LENGTH),
    },
)


def _level_changes(change: _Change) -> None:
    if change.value("from_level") == change.value("to_level"):
        _refuse(
            "allowed_values",
            "to_level",
            "the region is already at this level",
            error="level_unchanged",
        )


_ALERT_LEVEL_CHANGE = TableRules(
    create=Action.SET_ALERT_LEVEL,
    values={
        "region_id": _reference("region", "unknown_region"),
        "from_level": _LEVELS,
        "to_level": _LEVELS,
        "reason": _text(regions.REASON_MAX_LENGTH, True, required=True),
    },
    rows=(_level_changes,),
)


# --- reference data and settings ----------------------------------------------------------


def _term_id_matches(change: _Change) -> None:
    if change.is_create and change.record_id != term_id(change.value("kind"), change.value("code")):
        _refuse(
            "allowed_values", "id", "a term's id derives from its kind and code", error="term_id"
        )


_TAXONOMY_TERM = TableRules(
    create=Action.MANAGE_TAXONOMIES,
    edit=Action.MANAGE_TAXONOMIES,
    fields={"kind": READ_ONLY, "code": READ_ONLY},
    values={
        "kind": _allowed([k.value for k in TaxonomyKind], "unknown_taxonomy"),
        "code": _text(40, required=True),
        "name_id": _text(200, required=True),
        "name_en": _text(200, required=True),
    },
    rows=(_term_id_matches,),
)

#: Who changes each desk-wide setting (the service that writes it requires this).
SETTING_ACTIONS: dict[str, Action] = {auth.PERSONAL_DATA_ROLES_KEY: Action.MANAGE_USERS}


def _setting_permission(change: _Change, name: str | None) -> Action | None:
    key = change.new.get("key")
    action = SETTING_ACTIONS.get(key) if isinstance(key, str) else None
    if action is None:
        _refuse("allowed_values", "key", "no service writes this setting", error="unknown_setting")
    return action


def _setting_rows(change: _Change) -> None:
    key = change.value("key")
    if change.is_create and change.record_id != setting_id(key):
        _refuse("allowed_values", "id", "a setting's id derives from its key", error="setting_id")
    if "value" in change.changed:
        value = change.value("value")
        if not isinstance(value, dict) or set(value) != {"value"}:
            _refuse("type", "value", "a setting's value is {'value': ...}", expected="object")
        if key == auth.PERSONAL_DATA_ROLES_KEY:
            roles = value["value"]
            known = {r.value for r in Role}
            if not isinstance(roles, list) or not set(roles) <= known:
                _refuse("allowed_values", "value", "unknown role", error="unknown_role")
            if Role.ADMIN.value not in roles:
                _refuse(
                    "allowed_values", "value", "administrators always see it", error="admin_role"
                )


_SETTING_PERMISSION = Depends(Action.MANAGE_USERS, _setting_permission)

_APP_SETTING = TableRules(
    create=_SETTING_PERMISSION,
    edit=_SETTING_PERMISSION,
    fields={"key": READ_ONLY},
    rows=(_setting_rows,),
)


def _election_rows(change: _Change) -> None:
    if change.is_create and change.record_id != ELECTION_ID:
        _refuse("allowed_values", "id", "the desk watches one election", error="election_id")
    settings = ElectionSettings(
        name=change.value("name"),
        voting_day=change.value("voting_day"),
        campaign_start=change.value("campaign_start"),
        campaign_end=change.value("campaign_end"),
        quiet_start=change.value("quiet_start"),
        quiet_end=change.value("quiet_end"),
    )
    name, errors = check_election(settings)
    if not errors and name != settings.name:
        errors = {"name": "invalid_characters"}
    if errors:
        first = sorted(errors)[0]
        _refuse("allowed_values", first, f"{first}: {errors[first]}", error=errors[first])


_ELECTION = TableRules(
    create=READ_ONLY,  # seeded on every desk
    edit=Action.EDIT_ELECTION,
    fields={"deleted": READ_ONLY},  # the desk always watches one election
    rows=(_election_rows,),
)


# --- sitreps ------------------------------------------------------------------------------


def _sitrep_rows(change: _Change) -> None:
    from desk_app.services import sitreps

    if change.value("period_to") <= change.value("period_from"):
        _refuse(
            "allowed_values",
            "period_to",
            "the period ends before it starts",
            error="end_before_start",
        )
    if change.value("lang") not in sitreps.LANGUAGES:
        _refuse("allowed_values", "lang", "unknown language", error="unknown_language")
    sections = change.value("sections")
    if not isinstance(sections, list) or any(s not in sitreps.SECTIONS for s in sections):
        _refuse("allowed_values", "sections", "unknown section", error="unknown_section")
    for name in ("signatory_name", "signatory_title", "classification"):
        limit, multiline = sitreps.TEXT_LIMITS[name]
        _text(limit, multiline, required=name == "classification")(change, name, change.value(name))
    if change.value("personal_data") and not change.sees_personal_data():
        _refuse(
            "permission",
            "personal_data",
            "this role may not print personal data",
            action=sitreps.PERSONAL_DATA,
            role=change.author.role.value if change.author.role else "",
        )


def _pages(change: _Change, name: str, value: Any) -> None:
    if value < 1:
        _refuse("allowed_values", name, "a report has pages", error="pages")


_SITREP = TableRules(
    create=Action.ISSUE_SITREP,
    values={
        "number": _nonempty,
        "issued_at": _not_ahead,
        "pages": _pages,
        "sha256": _sha256,
    },
    rows=(_sitrep_rows,),
)


def _void_reason(change: _Change, name: str, value: Any) -> None:
    from desk_app.services import sitreps

    _text(sitreps.VOID_REASON_MAX_LENGTH, True, required=True)(change, name, value)


_SITREP_VOID = TableRules(
    create=Action.ISSUE_SITREP,
    values={"sitrep_id": _reference("sitrep", "unknown_sitrep"), "reason": _void_reason},
)


# --- accounts -------------------------------------------------------------------------------


def _password_permission(change: _Change, name: str | None) -> Action | None:
    """Every user may change their own password; an administrator anyone's."""
    if not change.is_create and change.record_id == change.author.user_id:
        return None
    if not change.may(Action.MANAGE_USERS):
        _refuse(
            "password_other_user",
            "password_hash",
            "only the user or an administrator sets a password",
        )
    return Action.MANAGE_USERS


def _username(change: _Change, name: str, value: Any) -> None:
    if not auth.USERNAME_RE.match(value):
        _refuse("allowed_values", name, "username has the wrong form", error="username_format")


def _is_active_admin(change: _Change, row: Row | None) -> bool:
    return (
        row is not None
        and row.get("role") == Role.ADMIN.value
        and bool(row.get("active"))
        and not row.get("deleted")
    )


def _last_admin(change: _Change) -> None:
    """At least one active administrator remains (``auth.LastAdminError``)."""
    if (
        _is_active_admin(change, change.old)
        and not _is_active_admin(change, change.new)
        and not change.view.active_admin_ids() - {change.record_id}
    ):
        _refuse("last_admin", "role", "the desk would have no active administrator")


_USER_ACCOUNT = TableRules(
    create=Action.MANAGE_USERS,
    edit=Action.MANAGE_USERS,
    fields={
        "username": READ_ONLY,
        "password_hash": Depends(Action.MANAGE_USERS, _password_permission),
    },
    values={
        "username": _username,
        "role": _allowed([r.value for r in Role], "unknown_role"),
        "full_name": _text(200, required=True),
        "title": _text(200),
    },
    rows=(_last_admin,),
)


# --- the audit log --------------------------------------------------------------------------


def _audit_changes(change: _Change, name: str, value: Any) -> None:
    if not isinstance(value, dict) or not all(
        isinstance(pair, list) and len(pair) == 2 for pair in value.values()
    ):
        _refuse("type", name, "changes is {field: [old, new]}", expected="object")
    table = change.new.get("table_name")
    for secret in SECRET_FIELDS.get(str(table), frozenset()) & set(value):
        if any(v not in (None, auth.HASH_PLACEHOLDER) for v in value[secret]):
            _refuse("secret_field", name, "a secret is never written to the audit log")
    for personal in personal_fields(str(table)) & set(value):
        if any(v != PERSONAL_MARK and not _is_blank(v) for v in value[personal]):
            _refuse(
                "allowed_values",
                name,
                "personal data is never written to the audit log",
                error="personal_data_in_audit",
            )


_AUDIT_LOG = TableRules(
    create=None,
    values={
        "action": _allowed([a.value for a in AuditAction], "unknown_action"),
        "table_name": _allowed(synced_table_names(), "unknown_table"),
        "record_id": _nonempty,
        "changes": _audit_changes,
    },
)


# --- sync conflicts ---------------------------------------------------------------------------


def _conflict_target(change: _Change) -> tuple[str, str, TableRules | None]:
    table = str(change.new.get("table_name"))
    return table, str(change.new.get("field")), TABLE_RULES.get(table)


def _resolve_permission(change: _Change, name: str | None) -> Action | None:
    """Resolving takes RESOLVE_CONFLICTS and the right to change the field itself: a
    coordinator cannot restore an account's role or password."""
    change.require(Action.RESOLVE_CONFLICTS, name)
    table, target, rules = _conflict_target(change)
    if target in SECRET_FIELDS.get(table, frozenset()):
        _refuse("secret_field", target, "a secret is never a conflict")
    if rules is None:
        _refuse("unknown_table", None, "conflict on an unknown table")
    restoring = change.new.get("resolution") == KEEP_OTHER
    targets = [target]
    if restoring and target == "deleted":
        try:
            edits = json.loads(change.new.get("loser_value") or "null")
        except ValueError:
            edits = None
        if isinstance(edits, dict):
            targets += sorted(edits)
    for name_ in targets:
        if name_ in SECRET_FIELDS.get(table, frozenset()):
            _refuse("secret_field", name_, "a secret is never restored from a conflict")
        permission = rules.permission(name_)
        if isinstance(permission, _ReadOnly):
            if restoring:
                _refuse("read_only", name_, f"{table}.{name_} is not changed by the app")
            continue
        if isinstance(permission, Depends):
            permission = permission.strictest
        if permission is not None:
            change.require(permission, name_)
    return None


def _erase_permission(change: _Change, name: str | None) -> Action | None:
    """A conflict's values change only when personal data is erased (UU PDP)."""
    table, target, rules = _conflict_target(change)
    if rules is None or rules.erase is None:
        _refuse("read_only", name, "conflict values are not changed by the app")
    assert name is not None
    erasable = personal_fields(table) | (
        frozenset(contacts.ERASED_VALUES) if table == "contact" else frozenset()
    )
    old, new = _json_or_none(change.old, name), _json_or_none(change.new, name)
    if target == "deleted" and isinstance(old, dict):
        ok = isinstance(new, dict) and all(
            key in old and (_is_blank(v) if key in erasable else v == old[key])
            for key, v in new.items()
        )
    else:
        ok = target in erasable and _is_blank(new)
    if not ok:
        _refuse("read_only", name, "conflict values change only when personal data is erased")
    return rules.erase


def _json_or_none(row: Row | None, name: str) -> Any:
    raw = (row or {}).get(name)
    try:
        return json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return None


def _conflict_rows(change: _Change) -> None:
    if bool(change.value("resolved")) != bool(change.value("resolution")):
        _refuse(
            "allowed_values",
            "resolution",
            "a resolved conflict says which value was kept",
            error="resolution",
        )


_SYNC_CONFLICT = TableRules(
    create=READ_ONLY,  # made by the hub itself
    edit=READ_ONLY,
    fields={
        "resolved": Depends(Action.RESOLVE_CONFLICTS, _resolve_permission),
        "resolution": Depends(Action.RESOLVE_CONFLICTS, _resolve_permission),
        "winner_value": Depends(Action.DELETE_CONTACT, _erase_permission),
        "loser_value": Depends(Action.DELETE_CONTACT, _erase_permission),
    },
    values={"resolution": _allowed(["", KEEP_WINNER, KEEP_OTHER], "invalid")},
    rows=(_conflict_rows,),
)


#: The rules of every synced table.
TABLE_RULES: dict[str, TableRules] = {
    "incident": _INCIDENT,
    "incident_status_change": _INCIDENT_STATUS_CHANGE,
    "follow_up": _FOLLOW_UP,
    "incident_attachment": _INCIDENT_ATTACHMENT,
    "contact": _CONTACT,
    "engagement": _ENGAGEMENT,
    "region": _REGION,
    "alert_level_change": _ALERT_LEVEL_CHANGE,
    "taxonomy_term": _TAXONOMY_TERM,
    "app_setting": _APP_SETTING,
    "election": _ELECTION,
    "sitrep": _SITREP,
    "sitrep_void": _SITREP_VOID,
    "user_account": _USER_ACCOUNT,
    "audit_log": _AUDIT_LOG,
    "sync_conflict": _SYNC_CONFLICT,
}


# --- the check ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """What checking a change to one table takes, worked out once."""

    table: _Table
    rules: TableRules
    #: The table's secret fields.
    secret: frozenset[str]
    #: The value checks of a create, in the order they run (the data fields').
    checks: tuple[tuple[str, ValueCheck], ...]
    #: The fields a create needs a permission of their own for unless at their default:
    #: ``(name, default, permission)`` in the order of ``rules.fields``.
    create_fields: tuple[tuple[str, Any, Permission], ...]


def _plan(table: _Table, rules: TableRules) -> _Plan:
    return _Plan(
        table=table,
        rules=rules,
        secret=SECRET_FIELDS.get(table.name, frozenset()),
        checks=tuple(
            (name, rules.values[name]) for name in table.ordered_data if name in rules.values
        ),
        create_fields=tuple(
            (name, table.columns[name].default, permission)
            for name, permission in rules.fields.items()
            if not isinstance(permission, _ReadOnly) and name in table.columns
        ),
    )


@cache
def _plans() -> dict[str, _Plan]:
    tables = _tables()
    return {
        name: _plan(tables[name], rules) for name, rules in TABLE_RULES.items() if name in tables
    }


#: A version as ``Timestamp.encode`` writes one whose millis and counter fit their widths,
#: up to the site's first character: well formed as it stands.
_PLAIN_VERSION = re.compile(r"[0-9]{15}\.[0-9]{6}\..", re.DOTALL)


def _version_millis(name: str, version: Any) -> int:
    """The milliseconds of a well-formed HLC version; refuses any other."""
    if type(version) is str and _PLAIN_VERSION.match(version):
        return int(version[:15])  # what decoding it finds, without the round trip
    return _decoded_version_millis(name, version)


def _decoded_version_millis(name: str, version: Any) -> int:
    if not isinstance(version, str):
        _refuse("bad_version", name, "a version is an HLC string", reason="format")
    try:
        stamp = Timestamp.decode(version)
    except ValueError:
        _refuse("bad_version", name, "a version is an HLC string", reason="format")
    if not stamp.site or stamp.millis < 0 or stamp.counter < 0 or stamp.encode() != version:
        _refuse("bad_version", name, "a version is an HLC string", reason="format")
    return stamp.millis


def _check_version(name: str, version: Any, now_ms: int) -> None:
    if _version_millis(name, version) > now_ms + _TOLERANCE_MS:
        _refuse(
            "bad_version",
            name,
            "a version is ahead of the hub's clock",
            reason="ahead",
            tolerance_minutes=_TOLERANCE_MS // 60_000,
        )


def _new_versions(table: _Table, old: Row | None, new: Row, now_ms: int) -> set[str]:
    """Check the versions ``new`` brings (those ``old`` lacks); return the fields whose
    version changed."""
    origin = new.get("origin_version")
    if old is None or origin != old.get("origin_version"):
        _check_version("origin_version", origin, now_ms)
    if table.append_only:
        return set()
    versions = new.get("versions")
    if versions is None:
        versions = {}
    if not isinstance(versions, dict):
        _refuse("bad_version", "versions", "versions is {field: version}", reason="format")
    bumped: set[str] = set()
    if not versions:
        return bumped  # a create's, most often
    before = _versions(old)
    # An edit stamps the fields it changes alike: each distinct version is checked once.
    passed: set[str] = set()
    for name, version in versions.items():
        if name not in table.data:
            _refuse("unknown_field", str(name), f"versions names an unknown field {name!r}")
        if before.get(name) != version:
            if type(version) is not str or version not in passed:
                _check_version(name, version, now_ms)
                if type(version) is str:
                    passed.add(version)
            if old is not None and _field_version(old, name) != version:
                bumped.add(name)
    return bumped


#: The bookkeeping columns that say who made a row and when.
_AUTHORSHIP = ("created_at", "updated_at", "created_by", "updated_by")


def _check_bookkeeping(table: _Table, old: Row | None, new: Row) -> None:
    record_id = new.get("id")
    if not isinstance(record_id, str) or not _UUID_RE.fullmatch(record_id):
        _refuse("type", "id", "an id is a UUID", expected="uuid")
    decoders = table.decoders
    for name in _AUTHORSHIP:
        decode = decoders.get(name)
        if decode is not None and (old is None or old.get(name) != new.get(name)):
            decode(new.get(name))


def _check_author(table: _Table, old: Row | None, new: Row, author: Author, view: HubView) -> None:
    """The author is a known, active user, and the row names them: an append-only row as
    its creator, a changed row as its latest author (``updated_by``)."""
    if author.user_id is None or author.role is None:
        _refuse("unknown_author", None, "the author is not a user the hub knows")
    if not author.active:
        _refuse("inactive_author", None, "the author's account is disabled")
    if table.append_only:
        mismatch = new.get("created_by") != author.user_id
    elif old is None:
        # Created by one user and changed by another before the push (a shared desk):
        # the row is checked as its latest author's, and its creator must exist.
        creator = new.get("created_by")
        mismatch = new.get("updated_by") != author.user_id or (
            creator != author.user_id
            and (not isinstance(creator, str) or view.get("user_account", creator) is None)
        )
    else:
        # The merge names the author of the row's newest version: the pusher's, or the
        # hub's own when another desk's later edit of another field won there.
        mismatch = new.get("updated_by") not in (author.user_id, old.get("updated_by"))
    if mismatch:
        _refuse("author_mismatch", None, "the row names another author than the change's")


def _permission_for_create(change: _Change, plan: _Plan) -> None:
    action = _decide(plan.rules.create, change, None)
    if action is not None:
        change.require(action, None)
    # Fields that take more than the create (a row created and then verified, merged or
    # deleted before it was pushed): each needs its own permission unless at its default.
    for name, default, permission in plan.create_fields:
        value = change.value(name)
        if value == default or (default is None and not value):
            continue
        needed = _decide(permission, change, name)
        if needed is not None:
            change.require(needed, name)


def _changed_in_order(table: _Table, old: Row, new: Row) -> list[str]:
    """``changed_fields`` of a row that names no unknown field, in ``ordered_data`` order."""
    columns = table.columns
    changed = []
    for name in table.ordered_data:
        a, b = old.get(name), new.get(name)
        if a != b and not _same(columns[name], a, b):
            changed.append(name)
    return changed


def _check(
    table_name: str, old: Row | None, new: Row, author: Author, view: HubView, now_ms: int
) -> None:
    plan = _plans().get(table_name)
    if plan is None:
        _refuse("unknown_table", None, f"{table_name!r} is not a synced table")
    table = plan.table
    if not table.names.issuperset(new):
        for name in new:
            if name not in table.names:
                _refuse("unknown_field", name, f"{table_name} has no field {name!r}")
    # The changed fields in the order of their names, so that the same change always meets
    # the same rule first (a create changes every data field: their order is the table's).
    ordered: Sequence[str]
    if old is None:
        ordered = table.ordered_data
    elif table.append_only:
        differing = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        if differing:
            _refuse("append_only", differing[0], f"{table_name} rows are never changed")
        return
    else:
        ordered = _changed_in_order(table, old, new)
    bumped = _new_versions(table, old, new, now_ms)
    if not ordered and not bumped:
        return  # nothing this author changed: a re-push, or a merge the hub's side won
    _check_author(table, old, new, author, view)
    _check_bookkeeping(table, old, new)
    if old is None:
        change = _Change(table, old, new, author, view, now_ms, table.data, table.data)
    else:
        changed = frozenset(ordered)
        change = _Change(table, old, new, author, view, now_ms, changed, changed | bumped)
    decoded = change._values
    if old is None:
        for name, decode in table.ordered_decoders:
            decoded[name] = decode(new.get(name))  # type, length, required
    else:
        decoders = table.decoders
        for name in ordered:
            decoded[name] = decoders[name](new.get(name))
    if plan.secret:
        for name in sorted(change.changed & plan.secret):
            value = change.value(name)
            if value is not None and not auth.is_password_hash(value):
                _refuse("secret_field", name, f"{name} must be an argon2id hash")
    rules = plan.rules
    if old is None:
        _permission_for_create(change, plan)
    else:
        for name in sorted(change.touched):
            action = _decide(rules.permission(name), change, name)
            if action is not None:
                change.require(action, name)
    for guard in rules.guards:
        guard(change)
    if old is None:
        for name, check in plan.checks:
            check(change, name, decoded[name])
    else:
        values = rules.values
        for name in ordered:
            value_check = values.get(name)
            if value_check is not None:
                value_check(change, name, decoded[name])
    for row_check in rules.rows:
        row_check(change)


def check_change(
    table: str,
    old: Row | None,
    new: Row,
    author: Author,
    view: HubView,
    *,
    now_ms: int,
) -> Refusal | None:
    """None when the services would have let ``author`` make this change, else why not.

    ``old`` is the hub's current document (None for a create), ``new`` the document as
    it would be stored after the merge; ``now_ms`` the hub's clock.
    """
    try:
        _check(table, old, new, author, view, now_ms)
    except _Refused as refused:
        return Refusal(
            table=table,
            record_id=str(new.get("id", "")),
            rule=refused.rule,
            field=refused.field,
            detail=refused.detail,
            params=refused.params,
        )
    return None

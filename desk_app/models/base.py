"""Declarative base, column types and the mixins every synced table shares."""

from __future__ import annotations

import secrets
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, MetaData, String, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Namespace for ids derived from natural keys (region codes, taxonomy codes), so that
#: every workstation seeds the very same rows.
DESK_NAMESPACE = uuid.UUID("6f1f0c1e-4d0a-5b7e-9a52-33a7e1d1b2c4")


def time_ordered_uuid(millis: int, rand: int) -> uuid.UUID:
    """A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits.

    Ids made close in time sort close together, which keeps B-tree inserts local on the
    workstation's SQLite and on the hub's PostgreSQL alike.
    """
    value = (millis & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (rand >> 62 & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)


def new_id() -> str:
    return str(time_ordered_uuid(time.time_ns() // 1_000_000, secrets.randbits(74)))


def derived_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(DESK_NAMESPACE, f"{kind}:{key}"))


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC, always handed out timezone-aware (UTC)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON()}


class Synced:
    """Columns of every table that syncs with the hub (see docs/sync.md).

    ``origin_version`` is the hybrid-logical-clock timestamp of the row's creation and
    is the version of every field not named in ``versions``; ``versions`` maps each field
    changed since then to the timestamp of its last change.
    """

    __synced__ = True
    #: Fields that are bookkeeping, not data: never versioned or conflicted.
    __bookkeeping__ = frozenset(
        {"id", "created_at", "created_by", "updated_at", "updated_by", "origin_version", "versions"}
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(36))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(36))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    origin_version: Mapped[str] = mapped_column(String(64), default="")
    versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AppendOnly:
    """Columns of insert-only synced tables (histories, follow-ups, engagement, audit)."""

    __synced__ = True
    __append_only__ = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(36))
    origin_version: Mapped[str] = mapped_column(String(64), default="")

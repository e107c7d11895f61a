"""Sync bookkeeping: the outbox, the pull cursor, and the conflicts a person reviews.

The outbox is filled by triggers (see ``desk_app.sync.capture``), so every write path —
the ``Writer`` and bulk Core statements alike — is captured in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base, Synced


class OutboxEntry(Base):
    """One local change to a synced row, not yet committed by the hub."""

    __tablename__ = "sync_outbox"
    __table_args__ = (
        Index("ix_sync_outbox_batch", "batch_id"),
        Index("ix_sync_outbox_record", "table_name", "record_id"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    #: The row's versions before this change, ``{"o": origin_version, "v": versions}``
    #: as JSON text; NULL when the change created the row.
    base: Mapped[str | None] = mapped_column(Text)
    #: Set when the entry was put in a push batch; a retry resends the same batch id.
    batch_id: Mapped[str | None] = mapped_column(String(36))


class SyncApplying(Base):
    """A row here (only inside the transaction that applies a pulled page) silences the
    change-capture triggers, so pulled changes are not echoed back to the hub."""

    __tablename__ = "sync_applying"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class SyncState(Base):
    """Where this workstation stands with its hub (exactly one row, id 1)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: The hub's epoch at the last sync; another epoch means a restored or new hub.
    epoch: Mapped[str | None] = mapped_column(String(36))
    #: The highest hub ``server_seq`` applied here.
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    #: The hub's ``stamp`` when its state was ``cursor``: a hub that does not know it
    #: was restored from an older backup.
    hub_stamp: Mapped[str | None] = mapped_column(String(36))
    last_sync_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    #: The sync service's clock minus this computer's, measured at the last handshake:
    #: new versions are stamped from the corrected clock (see ``services.records``).
    clock_offset_ms: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class SyncRefusal(Base):
    """A change the sync service refused, with the rule it named. The record was put back
    to the hub's state; the refused values are kept here (this workstation only), shown
    to their author and to administrators in the "Ditolak hub" list."""

    __tablename__ = "sync_refusal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    rule: Mapped[str] = mapped_column(String(40))
    field: Mapped[str | None] = mapped_column(String(60))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The row as this workstation had it, as JSON text.
    refused_row: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[str | None] = mapped_column(String(36), index=True)
    refused_at: Mapped[datetime]


class SyncQuarantine(Base):
    """A pulled row this workstation could not apply: kept aside, the rest applied."""

    __tablename__ = "sync_quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    hub_seq: Mapped[int] = mapped_column(Integer)
    #: The kind of failure (an exception's class and SQLite's message), no row values.
    reason: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    quarantined_at: Mapped[datetime]


class SyncConflict(Synced, Base):
    """Two concurrent values of one field: the hub kept ``winner``, ``loser`` is kept here.

    Made by the hub during a push and synced to every workstation like any record, so
    that resolving it on one desk resolves it everywhere. Values are as stored in the
    record's table (JSON columns as their JSON text).
    """

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_record", "table_name", "record_id"),)

    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    #: The field; "deleted" for a delete that raced an edit.
    field: Mapped[str] = mapped_column(String(60))
    winner_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    winner_version: Mapped[str] = mapped_column(String(64))
    winner_by: Mapped[str | None] = mapped_column(String(36))
    loser_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    loser_version: Mapped[str] = mapped_column(String(64))
    loser_by: Mapped[str | None] = mapped_column(String(36))
    resolved: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: "" while open; "winner" or "other" once a person chose.
    resolution: Mapped[str] = mapped_column(String(10), default="", server_default="")

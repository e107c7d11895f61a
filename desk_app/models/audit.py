from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import AppendOnly, Base


class AuditEntry(AppendOnly, Base):
    """Every create, update and delete: who, when, which record, each field old → new."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_record", "table_name", "record_id"),
        Index("ix_audit_log_created_at", "created_at"),
    )

    action: Mapped[str] = mapped_column(String(10))
    table_name: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36))
    #: ``{field: [old, new]}`` with JSON-safe values.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

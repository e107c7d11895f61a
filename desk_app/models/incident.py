from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import AppendOnly, Base, Synced


class Incident(Synced, Base):
    __tablename__ = "incident"
    #: Personal data: masked for roles that may not see it, never copied into the audit log.
    __personal__ = frozenset({"reporter_name", "reporter_contact"})
    __table_args__ = (
        Index("ix_incident_region_status_occurred", "region_id", "status", "occurred_at"),
        Index("ix_incident_occurred", "occurred_at"),
        Index("ix_incident_region_occurred", "region_id", "occurred_at"),
        Index("ix_incident_status_occurred", "status", "occurred_at"),
        Index("ix_incident_category_occurred", "category", "occurred_at"),
        Index("ix_incident_link", "link"),
        # Partial: almost every incident has no merged_into, and an index over all those
        # NULLs tempts SQLite's planner into a full scan for "merged_into IS NULL".
        Index(
            "ix_incident_merged_into_ref",
            "merged_into",
            "ref",
            sqlite_where=text("merged_into IS NOT NULL"),
        ),
    )

    #: Human reference, unique across workstations: "<workstation code>-<year>-<n>".
    ref: Mapped[str] = mapped_column(String(40), unique=True)
    occurred_at: Mapped[datetime]
    reported_at: Mapped[datetime]
    region_id: Mapped[str] = mapped_column(ForeignKey("region.id"))
    kecamatan: Mapped[str] = mapped_column(String(120), default="")
    desa: Mapped[str] = mapped_column(String(120), default="")
    category: Mapped[str] = mapped_column(String(40))
    neutrality_subject: Mapped[str | None] = mapped_column(String(40))
    severity: Mapped[int] = mapped_column(Integer)
    source_type: Mapped[str] = mapped_column(String(40))
    platform: Mapped[str | None] = mapped_column(String(40))
    link: Mapped[str] = mapped_column(String(2000), default="")
    # Personal data: shown and printed only where the role and the user allow.
    reporter_name: Mapped[str] = mapped_column(String(200), default="")
    reporter_contact: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="baru")
    assigned_to: Mapped[str | None] = mapped_column(ForeignKey("user_account.id"))
    #: Set when this incident was merged into another; it then counts as a source of it.
    merged_into: Mapped[str | None] = mapped_column(String(36))


class IncidentStatusChange(AppendOnly, Base):
    __tablename__ = "incident_status_change"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text)


class FollowUp(AppendOnly, Base):
    """A tindak lanjut: appended, never edited."""

    __tablename__ = "follow_up"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"), index=True)
    type: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text)

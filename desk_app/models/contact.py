from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import AppendOnly, Base, Synced


class Contact(Synced, Base):
    """A partner-forum contact. Personal data under UU PDP (No. 27/2022)."""

    __tablename__ = "contact"
    #: Personal data: masked for roles that may not see it, never copied into the audit log.
    __personal__ = frozenset({"phones", "whatsapp", "email", "address", "social"})

    honorific: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(200), index=True)
    position: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(40))
    #: Forum codes (many). Stored as one field so it syncs as one value.
    forums: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Region codes (many); empty together with ``province_wide``.
    region_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    province_wide: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Phone numbers in E.164 ("+6281234567890").
    phones: Mapped[list[str]] = mapped_column(JSON, default=list)
    whatsapp: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    social: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    address: Mapped[str] = mapped_column(Text, default="")
    #: Basis for holding the data (consent, public office, ...).
    basis: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Engagement(AppendOnly, Base):
    """A meeting, call or message with a contact."""

    __tablename__ = "engagement"

    contact_id: Mapped[str] = mapped_column(ForeignKey("contact.id"), index=True)
    occurred_on: Mapped[date] = mapped_column(Date, index=True)
    type: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text)

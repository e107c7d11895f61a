"""Desk-wide settings an administrator changes and every workstation shares (synced)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base, Synced, derived_id


def setting_id(key: str) -> str:
    """Settings have ids derived from their key, so every workstation writes the same row
    and a sync merges two desks' edits of one setting instead of clashing on the key."""
    return derived_id("setting", key)


class Setting(Synced, Base):
    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(60), unique=True)
    #: ``{"value": ...}``: any JSON value, wrapped so that ``null`` is a value too.
    value: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import AppendOnly, Base, Synced


class Region(Synced, Base):
    """One of the 35 kabupaten/kota; its id is derived from the Kemendagri code."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(5), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    seat: Mapped[str] = mapped_column(String(80))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    ikp_score: Mapped[float | None] = mapped_column(Float)
    ikp_level: Mapped[str | None] = mapped_column(String(10))
    alert_level: Mapped[str] = mapped_column(String(10), default="kondusif")
    status_note: Mapped[str] = mapped_column(Text, default="")
    liaison: Mapped[str] = mapped_column(String(200), default="")


class AlertLevelChange(AppendOnly, Base):
    """Who set a region's alert level, when, from what, to what and why."""

    __tablename__ = "alert_level_change"

    region_id: Mapped[str] = mapped_column(ForeignKey("region.id"), index=True)
    from_level: Mapped[str] = mapped_column(String(10))
    to_level: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)

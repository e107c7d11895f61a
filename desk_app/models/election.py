from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base, Synced, derived_id

ELECTION_ID = derived_id("election", "current")


class Election(Synced, Base):
    """The election the desk watches: its name and dates (one row)."""

    __tablename__ = "election"

    name: Mapped[str] = mapped_column(String(200))
    voting_day: Mapped[date] = mapped_column(Date)
    campaign_start: Mapped[date | None] = mapped_column(Date)
    campaign_end: Mapped[date | None] = mapped_column(Date)
    quiet_start: Mapped[date | None] = mapped_column(Date)
    quiet_end: Mapped[date | None] = mapped_column(Date)

"""State that belongs to this workstation alone and never syncs."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base


class LocalState(Base):
    """This workstation's identity and clock (exactly one row, id 1)."""

    __tablename__ = "local_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[str] = mapped_column(String(36))
    workstation_code: Mapped[str] = mapped_column(String(8))
    workstation_name: Mapped[str] = mapped_column(String(120), default="")
    #: Last hybrid-logical-clock timestamp handed out here (encoded).
    hlc: Mapped[str] = mapped_column(String(64), default="")
    #: This database holds demo data (``seed-demo``): it never syncs.
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: Fingerprint of the computer this database was last opened on ("" before 0013): a
    #: database that finds itself on another computer is a copy, a new incarnation.
    machine: Mapped[str] = mapped_column(String(64), default="", server_default="")
    #: The site ids this workstation had before it was restored or copied, oldest first,
    #: comma-separated.
    formerly: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: The site id the next enrollment retires on the hub ("" when none): this desk's own
    #: previous incarnation after a restore.
    enroll_formerly: Mapped[str] = mapped_column(String(36), default="", server_default="")


class Counter(Base):
    """Per-workstation counters for human references ("GB1-2024-00042")."""

    __tablename__ = "local_counter"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0)

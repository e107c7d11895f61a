"""The record of every issued situation report (Laporan Situasi)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import AppendOnly, Base


class Sitrep(AppendOnly, Base):
    """An issued sitrep: what was printed, for which period, by whom, and its file's hash.

    Append-only: an issued report is never edited; a corrected one gets a new number.
    ``created_at``/``created_by`` are when and by whom it was issued.
    """

    __tablename__ = "sitrep"

    #: "<workstation code>/<n>/<year>", unique across workstations without a network.
    number: Mapped[str] = mapped_column(String(40), unique=True)
    period_from: Mapped[datetime]
    period_to: Mapped[datetime]
    #: The "per" moment printed in the header (also the PDF's creation date).
    issued_at: Mapped[datetime] = mapped_column(index=True)
    lang: Mapped[str] = mapped_column(String(5))
    sections: Mapped[list[str]] = mapped_column(JSON, default=list)
    classification: Mapped[str] = mapped_column(String(40))
    personal_data: Mapped[bool] = mapped_column(Boolean, default=False)
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(200), default="")
    pages: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    #: Where the issuing workstation saved the file (may not exist on other workstations).
    file_path: Mapped[str] = mapped_column(Text)


class SitrepVoid(AppendOnly, Base):
    """An issued number declared void by a coordinator, with the reason.

    Kept in the register so that a number issued by mistake does not leave an unexplained
    hole; printed nowhere else. ``created_at``/``created_by`` are when and by whom.
    """

    __tablename__ = "sitrep_void"

    sitrep_id: Mapped[str] = mapped_column(ForeignKey("sitrep.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)

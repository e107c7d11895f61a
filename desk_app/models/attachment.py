"""Files attached to incidents: screenshots of posts, photos, letters (PDF)."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base, Synced


class IncidentAttachment(Synced, Base):
    """One file attached to an incident. The row syncs like any record; the file itself is
    stored by its SHA-256 (``<data dir>/attachments/<sha[:2]>/<sha>`` on every workstation,
    ``hub_blob`` on the hub), so the same screenshot attached twice is stored once.
    Removing an attachment tombstones the row; the file stays (another row may name it).
    """

    __tablename__ = "incident_attachment"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incident.id"), index=True)
    #: SHA-256 of the content, 64 lowercase hex digits.
    sha256: Mapped[str] = mapped_column(String(64))
    #: Display name: the original file name without folders or control characters.
    filename: Mapped[str] = mapped_column(String(255))
    #: Sniffed from the content (image/png, image/jpeg, image/gif, image/webp,
    #: application/pdf), never taken from the name.
    media_type: Mapped[str] = mapped_column(String(100))
    #: Bytes.
    size: Mapped[int] = mapped_column(BigInteger)

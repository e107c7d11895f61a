from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.models.base import Base, Synced


class TaxonomyTerm(Synced, Base):
    """A term of an extensible taxonomy (category, source type, forum, ...)."""

    __tablename__ = "taxonomy_term"
    __table_args__ = (UniqueConstraint("kind", "code", name="uq_taxonomy_term_kind_code"),)

    kind: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(40))
    name_id: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    def label(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_id

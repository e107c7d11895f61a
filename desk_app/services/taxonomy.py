"""Taxonomies (categories, source types, forums, ...) as the UI and CLI read them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.models import TaxonomyTerm
from desk_app.models.enums import TaxonomyKind


@dataclass(frozen=True)
class Term:
    code: str
    name_id: str
    name_en: str
    active: bool

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id


def terms(session: Session, kind: TaxonomyKind, *, include_inactive: bool = False) -> list[Term]:
    stmt = (
        select(TaxonomyTerm)
        .where(TaxonomyTerm.kind == kind.value, TaxonomyTerm.deleted.is_(False))
        .order_by(TaxonomyTerm.sort_order, TaxonomyTerm.code)
    )
    if not include_inactive:
        stmt = stmt.where(TaxonomyTerm.active.is_(True))
    return [Term(t.code, t.name_id, t.name_en, t.active) for t in session.scalars(stmt).all()]


def term_codes(session: Session, kind: TaxonomyKind) -> set[str]:
    return {t.code for t in terms(session, kind)}


def labels(session: Session, kind: TaxonomyKind, lang: str = "id") -> dict[str, str]:
    return {t.code: t.label(lang) for t in terms(session, kind, include_inactive=True)}

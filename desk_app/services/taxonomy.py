"""Taxonomies (categories, source types, forums, ...) as the UI and CLI read them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.models import TaxonomyTerm, derived_id
from desk_app.models.enums import TaxonomyKind
from desk_app.services.records import cached


@dataclass(frozen=True)
class Term:
    code: str
    name_id: str
    name_en: str
    active: bool

    def label(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id


def term_id(kind: TaxonomyKind | str, code: str) -> str:
    """The id of a taxonomy's term: derived from kind and code, the same on every desk."""
    return derived_id(f"taxonomy:{TaxonomyKind(kind).value}", code)


def terms(session: Session, kind: TaxonomyKind, *, include_inactive: bool = False) -> list[Term]:
    # Columns, not ORM objects: the detail of an incident reads five taxonomies each time
    # it opens, and loading entities into the session made that a third of its time.
    stmt = (
        select(TaxonomyTerm.code, TaxonomyTerm.name_id, TaxonomyTerm.name_en, TaxonomyTerm.active)
        .where(TaxonomyTerm.kind == kind.value, TaxonomyTerm.deleted.is_(False))
        .order_by(TaxonomyTerm.sort_order, TaxonomyTerm.code)
    )
    if not include_inactive:
        stmt = stmt.where(TaxonomyTerm.active.is_(True))
    return [
        Term(code, name_id, name_en, bool(active))
        for code, name_id, name_en, active in session.execute(stmt)
    ]


def term_codes(session: Session, kind: TaxonomyKind) -> frozenset[str]:
    """The active codes of a taxonomy (read once per ``reference_cache`` block)."""
    return cached(session, ("terms", kind), lambda: frozenset(t.code for t in terms(session, kind)))


def labels(session: Session, kind: TaxonomyKind, lang: str = "id") -> dict[str, str]:
    return {t.code: t.label(lang) for t in terms(session, kind, include_inactive=True)}

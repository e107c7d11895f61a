"""The situation report (Laporan Situasi): gather figures, lay them out as an A4 PDF.

No Qt here. ``render_sitrep`` is pure with respect to the database: the same data, number,
timestamp and options give byte-identical PDFs.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from desk_app.reports.data import SECTIONS, SitrepData, gather
from desk_app.reports.layout import Progress, RenderedSitrep, SitrepOptions, layout
from desk_app.reports.texts import texts

__all__ = [
    "SECTIONS",
    "RenderedSitrep",
    "SitrepData",
    "SitrepOptions",
    "gather_for",
    "render_sitrep",
]


def gather_for(session: Session, options: SitrepOptions) -> SitrepData:
    return gather(
        session,
        options.period_start,
        options.period_end,
        lang=options.lang,
        personal_data=options.include_personal_data,
        redacted=texts(options.lang)["redacted"],
    )


def render_sitrep(
    session: Session,
    options: SitrepOptions,
    number: str,
    issued_at: datetime,
    progress: Progress | None = None,
) -> RenderedSitrep:
    """The sitrep's PDF. Checks of who may print what belong to the caller (the service)."""
    data = gather_for(session, options)
    return layout(data, options, number, issued_at, progress)

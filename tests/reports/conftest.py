"""Fixtures for the sitrep tests: a seeded workstation and a renderer."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import sitrep_seed
from report_helpers import NUMBER, Render

from desk_app.context import AppContext
from desk_app.reports import RenderedSitrep, SitrepOptions, render_sitrep


@pytest.fixture
def seeded(ctx: AppContext) -> sitrep_seed.Seeded:
    return sitrep_seed.seed(ctx, 400)


@pytest.fixture
def render(ctx: AppContext) -> Render:
    """Render a sitrep straight from the database (no record, fixed number and time)."""

    def run(
        start: datetime, end: datetime, *, issued_at: datetime | None = None, **options: object
    ) -> RenderedSitrep:
        opts = SitrepOptions(period_start=start, period_end=end, **options)  # type: ignore[arg-type]
        with ctx.db.read() as session:
            return render_sitrep(session, opts, NUMBER, issued_at or end + timedelta(hours=1))

    return run

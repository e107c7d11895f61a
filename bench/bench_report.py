"""The sitrep: a period with 1,000 and with 20,000 incidents across the 35 regions.

Targets (issue 5): 1,000 incidents in under 3 s; 20,000 in at most 20x the 1,000 case
(linear growth), measured in the same run. Each is shown next to its floor: a bare
ReportLab table of the same incidents (plain strings, tables of 500 rows), as a ratio.
"""

from __future__ import annotations

import io
import shutil
import sys
import time
from datetime import timedelta
from pathlib import Path

from bench.common import DATA_DIR

# The sitrep tests' seeder writes a dataset with known times in bulk; reuse it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reports"))


def _dataset(n: int):  # type: ignore[no-untyped-def]
    import sitrep_seed

    from desk_app.context import open_context, sign_in_as

    path = DATA_DIR / f"sitrep-{n}"
    shutil.rmtree(path, ignore_errors=True)
    ctx = open_context(path, workstation_code="BENCH")
    sign_in_as(ctx, "admin")
    # Every incident inside the period (3 days); the trend reaches back 14 days anyway.
    seeded = sitrep_seed.seed(ctx, n, period_days=3, spread_days=3, engagements=60)
    return ctx, seeded


def _sitrep_seconds(ctx, seeded) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    from desk_app.reports import SitrepOptions, render_sitrep

    options = SitrepOptions(seeded.period_start, seeded.end, highlights="- satu\n- dua")
    started = time.perf_counter()
    with ctx.db.read() as session:
        rendered = render_sitrep(
            session, options, "BENCH/001/2024", seeded.end + timedelta(hours=1)
        )
    return time.perf_counter() - started, rendered.pages


def _floor_seconds(ctx, seeded) -> float:  # type: ignore[no-untyped-def]
    """A bare ReportLab table of the period's incidents: the least a PDF of them costs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table
    from sqlalchemy import select

    from desk_app.models import Incident

    started = time.perf_counter()
    with ctx.db.read() as session:
        rows = [
            [r.ref, r.occurred_at.isoformat(), r.category, str(r.severity), r.status, r.title[:60]]
            for r in session.execute(
                select(Incident).where(
                    Incident.occurred_at >= seeded.period_start,
                    Incident.occurred_at < seeded.end,
                )
            ).scalars()
        ]
    story = [Table(rows[i : i + 500], repeatRows=0) for i in range(0, len(rows), 500)]
    SimpleDocTemplate(io.BytesIO(), pagesize=A4, invariant=1).build(story)
    return time.perf_counter() - started


def run() -> list[dict[str, object]]:
    results: list[dict[str, object]] = []
    base: float | None = None
    for n, target in ((1_000, 3.0), (20_000, None)):
        ctx, seeded = _dataset(n)
        try:
            _sitrep_seconds(ctx, seeded)  # warm up fonts and imports once
            seconds, pages = _sitrep_seconds(ctx, seeded)
            floor = _floor_seconds(ctx, seeded)
        finally:
            ctx.close()
        row: dict[str, object] = {
            "name": f"sitrep, {n:,} incidents in the period ({pages} pages)",
            "value": round(seconds, 3),
            "unit": "s",
            "floor": round(floor, 3),
            "ratio": round(seconds / floor, 2) if floor else None,
        }
        if target is not None:
            base = seconds
            row["target"] = f"< {target:g} s"
            row["passed"] = seconds < target
        else:
            assert base is not None
            growth = seconds / base
            row["target"] = f"≤ 20x the 1,000 case (is {growth:.1f}x)"
            row["passed"] = growth <= 20
            row["note"] = f"{growth:.1f}x the 1,000-incident sitrep for 20x the incidents"
        results.append(row)
    return results


if __name__ == "__main__":  # pragma: no cover
    for r in run():
        print(r)

"""Helpers shared by the benchmarks: timing, the demo database, result rows."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "data"


@dataclass
class Result:
    """One measured figure, next to its floor (the same work done the plainest way)."""

    name: str
    value: float
    unit: str
    floor: float | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor in (None, 0):
            return None
        assert self.floor is not None
        return self.value / self.floor


def incidents_n() -> int:
    """How many incidents the big-database benchmarks use (``DESK_BENCH_INCIDENTS``)."""
    return int(os.environ.get("DESK_BENCH_INCIDENTS", "1000000"))


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def median_ms(fn: Callable[[], object], repeat: int = 15, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    samples = [timed(fn) * 1000 for _ in range(repeat)]
    return statistics.median(samples)


def demo_data_dir(n: int) -> Path:
    """A data directory holding ``n`` demo incidents (seed 1), made once and reused."""
    from desk_app.context import open_context
    from desk_app.demo import seed_demo

    path = DATA_DIR / f"demo-{n}"
    marker = path / ".seeded"
    if not marker.exists():
        if path.exists():
            import shutil

            shutil.rmtree(path)
        ctx = open_context(path, workstation_code="BNCH")
        seed_demo(ctx.db, incidents=n, seed=1)
        ctx.close()
        marker.write_text(str(n), encoding="utf-8")
    return path

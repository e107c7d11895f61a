"""Helpers shared by the benchmarks: timing, the demo database, result rows, and the desk
window probed from its GUI thread (Qt imported only by the benchmarks that use it)."""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


# --- the desk window, probed from its GUI thread ------------------------------------------


class StallWatch:
    """A 5 ms timer on the GUI thread: the longest gap between its ticks is the longest
    time the thread could not serve the user."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()


def wait_until(done: Callable[[], object], timeout: float = 30.0) -> None:
    """Serve the GUI thread's events until ``done()``; TimeoutError after ``timeout`` s."""
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout
    while not done() and time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.0005)
    if not done():
        raise TimeoutError("the table did not show its first page")


def open_desk_window(data_dir: Path) -> tuple[Any, Any]:
    """``(ctx, window)``: the desk's main window on ``data_dir``, signed in as admin and
    shown, in this process (off screen unless a display is set)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desk_app.context import open_context, sign_in_as
    from desk_app.ui.main_window import MainWindow

    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    ctx = open_context(data_dir)
    sign_in_as(ctx, "admin")
    window = MainWindow(ctx)
    window.show()
    # As the app does once its window is shown (desk_app/ui/app.py): the start-up objects
    # are kept out of the collector's full passes.
    gc.freeze()
    return ctx, window


class IncidentsTabProbe:
    """The Insiden tab of a desk window with its first page shown and the stall watch
    running: :meth:`show` times a filter or search from set to first page shown, as a
    person waits for it; :meth:`close` gives the longest GUI-thread stall (ms) meanwhile."""

    def __init__(self, data_dir: Path) -> None:
        self.ctx, self.window = open_desk_window(data_dir)
        self.tab = self.window.incidents_tab
        self.model = self.tab.model
        self.window.tabs.setCurrentWidget(self.tab)
        self._loads = 0
        self.model.reloaded.connect(self._loaded)
        wait_until(lambda: self.model.rowCount() > 0)
        self.watch = StallWatch()
        self.watch.start()

    def _loaded(self) -> None:
        self._loads += 1

    def show(self, flt: Any) -> float:
        """Milliseconds from setting ``flt`` (an ``IncidentFilter``) to its first page."""
        before = self._loads
        started = time.perf_counter()
        self.model.set_filter(flt, force=True)
        wait_until(lambda: self._loads > before)
        return (time.perf_counter() - started) * 1000

    def close(self) -> float:
        """Stop the watch, close the window and the database; the longest stall, in ms."""
        self.watch.timer.stop()
        self.window.close()
        self.ctx.close()
        return self.watch.worst * 1000

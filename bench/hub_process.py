"""The sync service in a process of its own, for the hub benchmarks.

    python -m bench.hub_process --db URL --port P --holds FILE

Serves ``--db`` as ``desk-app hub serve`` does (the same ASGI application and uvicorn
settings) and writes to ``--holds`` how long each write transaction held the hub's writer
lock, a line ``<wall-clock end> <seconds>`` each, so that the benchmark can keep the ones
of the phase it measures. SIGTERM stops it.

``ServiceProcess`` starts it from the benchmark and reads the holds back.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from desk_app.sync.protocol import API


class _HoldsFile(list):  # type: ignore[type-arg]
    """``Hub.lock_holds`` written to a file as they come, with the time each ended."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.file = path.open("a", buffering=1, encoding="ascii")

    def append(self, hold: Any) -> None:
        self.file.write(f"{time.time():.6f} {float(hold):.9f}\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--holds", required=True, type=Path)
    args = parser.parse_args(argv)

    from desk_app.hub.server import ServeOptions, serve
    from desk_app.hub.store import Hub

    hub = Hub(args.db)
    hub.lock_holds = _HoldsFile(args.holds)
    serve(hub, ServeOptions(port=args.port))


class ServiceProcess:
    """``python -m bench.hub_process`` on a free loopback port, stopped by ``stop()``."""

    def __init__(self, db_url: str, holds_file: Path) -> None:
        from desk_app.hub.server import free_port

        self.port = free_port()
        self.holds_file = holds_file
        root = Path(__file__).resolve().parent.parent
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.hub_process",
                "--db",
                db_url,
                "--port",
                str(self.port),
                "--holds",
                str(holds_file),
            ],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServiceProcess:
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError("the sync service's process ended at start")
            try:
                with urllib.request.urlopen(f"{self.url}{API}/hello", timeout=1):
                    return self
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the sync service did not start") from None
                time.sleep(0.1)

    def stop(self) -> list[tuple[float, float]]:
        """Stop the service; the writer lock's holds it recorded."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self.holds_file.exists():
            return []
        lines = self.holds_file.read_text(encoding="ascii").splitlines()
        return [(float(t), float(h)) for t, h in (line.split() for line in lines if line)]


if __name__ == "__main__":
    main()

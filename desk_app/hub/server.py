"""Running the sync service: in the foreground for ``desk-app hub serve``, or on a thread
of the current process (tests, benchmarks)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette

from desk_app.hub.app import Service, create_app
from desk_app.hub.store import Hub

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    tls_cert: str | None = None
    tls_key: str | None = None
    #: Worker threads for the database work of requests (the pool of blocking calls).
    workers: int = 1


def _config(hub: Hub, options: ServeOptions, app: Starlette | None = None) -> uvicorn.Config:
    return uvicorn.Config(
        app or create_app(hub),
        host=options.host,
        port=options.port,
        ssl_certfile=options.tls_cert,
        ssl_keyfile=options.tls_key,
        log_level="warning",
        access_log=False,
        # The app's own logging is set up by the command; uvicorn's is left alone.
        log_config=None,
        lifespan="off",
        timeout_keep_alive=30,
    )


def serve(hub: Hub, options: ServeOptions) -> None:
    """Serve until interrupted (Ctrl+C, SIGTERM from systemd or the service manager)."""
    uvicorn.Server(_config(hub, options)).run()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class BackgroundServer:
    """The service on a thread of this process, on a free loopback port."""

    def __init__(self, hub: Hub, *, host: str = "127.0.0.1", port: int | None = None) -> None:
        self.hub = hub
        self.host = host
        self.port = port or free_port(host)
        self.app = create_app(hub)
        config = _config(hub, ServeOptions(host=host, port=self.port), self.app)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="desk-hub", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def service(self) -> Service:
        service: Service = self.app.state.service
        return service

    def start(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the sync service did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@contextmanager
def running(hub: Hub) -> Iterator[BackgroundServer]:
    server = BackgroundServer(hub).start()
    try:
        yield server
    finally:
        server.stop()

"""A workstation's batches are applied in the order it sent them.

A workstation sends its next batch before the answer to the one before it has come back
(the service then never waits for the round trip); the next names the one before it
(``after``). The service merges and checks a batch as soon as it comes, and stores it only
once the one it names is stored, after catching up with what that one stored
(``Hub.store``): its checks must see the records the earlier batch made. A batch whose
predecessor ended here without being stored, or did not come within ``WAIT_S``, is
refused (``batch_order``, 409); the workstation sends both again, the earlier first.

A batch waits in the service's event loop, not on one of its worker threads: when many
workstations send backlogs at once, the batches waiting must not take the threads the
batches they wait for need.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from starlette.concurrency import run_in_threadpool

from desk_app.hub.store import Hub
from desk_app.sync.errors import HubRefusedError

#: How long a batch waits for the one it names (on another instance of the service,
#: say) before it is refused.
WAIT_S = 30.0
#: How long this process remembers that a batch ended, stored or not.
REMEMBER_S = 120.0


class BatchOrder:
    """The batches this service process is storing or has just ended."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub
        self._lock = threading.Lock()
        #: batch id → (set when its push ended, stored or not; when it began).
        self._ended: dict[str, tuple[threading.Event, float]] = {}

    @contextmanager
    def pushing(self, batch_id: str) -> Iterator[None]:
        """Around one batch's push: those waiting for it wake when it ends."""
        ended = threading.Event()
        now = time.monotonic()
        with self._lock:
            for old in [
                b for b, (e, t) in self._ended.items() if e.is_set() and now - t > REMEMBER_S
            ]:
                del self._ended[old]
            known = self._ended.get(batch_id)
            if known is not None and not known[0].is_set():
                ended = known[0]  # the same batch sent again while it is still going on
            else:  # new, or sent again after it ended (failed, or its answer was lost)
                self._ended[batch_id] = (ended, now)
        try:
            yield
        finally:
            ended.set()

    async def wait_for(self, batch_id: str, timeout: float | None = None) -> None:
        """Return once ``batch_id`` is stored; refuse (409) when it ended without being
        stored or did not come in time. The database is asked when the batch ended here
        or is not known here (every 20 ms: it may be on another instance)."""
        deadline = time.monotonic() + (WAIT_S if timeout is None else timeout)
        while True:
            with self._lock:
                known = self._ended.get(batch_id)
            ended = known is not None and known[0].is_set()
            if known is None or ended:
                if await run_in_threadpool(self.hub.batch_stored, batch_id):
                    return
                if ended:
                    raise HubRefusedError("batch_order", status=409, after=batch_id)
            if time.monotonic() >= deadline:
                raise HubRefusedError("batch_order", status=409, after=batch_id)
            await asyncio.sleep(0.002 if known is not None else 0.02)

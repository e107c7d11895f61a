"""Hybrid logical clock (Kulkarni et al., 2014).

A timestamp is wall-clock milliseconds plus a counter, ordered together with the site id
that made it. Encoded as a fixed-width string so that plain string comparison gives the
total order ``(millis, counter, site_id)``; the same string is stored as a field version.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

#: A remote timestamp further ahead of our wall clock than this is refused.
MAX_DRIFT_MS = 24 * 60 * 60 * 1000

_MILLIS_WIDTH = 15
_COUNTER_WIDTH = 6


class ClockDriftError(ValueError):
    """A remote timestamp lies too far in the future to be trusted."""

    def __init__(self, remote_ms: int, local_ms: int) -> None:
        super().__init__(f"remote clock {remote_ms} is {remote_ms - local_ms} ms ahead")
        self.remote_ms = remote_ms
        self.local_ms = local_ms


@dataclass(frozen=True, order=True)
class Timestamp:
    millis: int
    counter: int
    site: str

    def encode(self) -> str:
        return f"{self.millis:0{_MILLIS_WIDTH}d}.{self.counter:0{_COUNTER_WIDTH}d}.{self.site}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        millis, counter, site = text.split(".", 2)
        return cls(int(millis), int(counter), site)

    def __str__(self) -> str:
        return self.encode()


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """The clock of one site. Never goes backwards, whatever the wall clock does."""

    def __init__(
        self,
        site: str,
        last: Timestamp | None = None,
        now_ms: Callable[[], int] = wall_clock_ms,
    ) -> None:
        self.site = site
        self._now_ms = now_ms
        self._millis = last.millis if last else 0
        self._counter = last.counter if last else 0

    @property
    def last(self) -> Timestamp:
        return Timestamp(self._millis, self._counter, self.site)

    def tick(self) -> Timestamp:
        """A timestamp for a local event, greater than every one seen or made before."""
        now = self._now_ms()
        if now > self._millis:
            self._millis, self._counter = now, 0
        else:
            self._counter += 1
        return self.last

    def observe(self, remote: Timestamp) -> Timestamp:
        """Merge a timestamp received from elsewhere; refuse one absurdly far ahead."""
        now = self._now_ms()
        if remote.millis > now + MAX_DRIFT_MS:
            raise ClockDriftError(remote.millis, now)
        if now > self._millis and now > remote.millis:
            self._millis, self._counter = now, 0
        elif remote.millis > self._millis:
            self._millis, self._counter = remote.millis, remote.counter + 1
        elif remote.millis == self._millis:
            self._counter = max(self._counter, remote.counter) + 1
        else:
            self._counter += 1
        return self.last

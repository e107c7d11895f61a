from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.hlc import MAX_DRIFT_MS, ClockDriftError, HybridClock, Timestamp


class FakeWall:
    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


def test_ticks_increase_even_when_the_wall_clock_jumps_back() -> None:
    wall = FakeWall(1_000_000)
    clock = HybridClock("a", now_ms=wall)
    first = clock.tick()
    wall.now -= 2 * 3600 * 1000  # someone set the clock back two hours
    second = clock.tick()
    assert second > first
    assert second.encode() > first.encode()


def test_restart_resumes_from_the_persisted_timestamp() -> None:
    wall = FakeWall(5_000)
    clock = HybridClock("a", now_ms=wall)
    last = clock.tick()
    wall.now = 1_000
    restarted = HybridClock("a", Timestamp.decode(last.encode()), now_ms=wall)
    assert restarted.tick() > last


def test_observing_a_remote_timestamp_orders_later_events_after_it() -> None:
    clock = HybridClock("a", now_ms=FakeWall(1_000))
    remote = Timestamp(50_000, 7, "b")
    clock.observe(remote)
    assert clock.tick() > remote


def test_a_remote_timestamp_far_in_the_future_is_refused() -> None:
    clock = HybridClock("a", now_ms=FakeWall(1_000))
    with pytest.raises(ClockDriftError):
        clock.observe(Timestamp(1_000 + MAX_DRIFT_MS + 1, 0, "b"))


@given(st.lists(st.integers(min_value=0, max_value=10**13), min_size=1, max_size=50))
def test_string_order_equals_timestamp_order(walls: list[int]) -> None:
    wall = FakeWall(0)
    clock = HybridClock("site", now_ms=wall)
    stamps = []
    for w in walls:
        wall.now = w
        stamps.append(clock.tick())
    assert stamps == sorted(stamps)
    assert [s.encode() for s in stamps] == sorted(s.encode() for s in stamps)
    assert all(Timestamp.decode(s.encode()) == s for s in stamps)

"""Property: several sites, random creates, edits and deletes of the same records, random
sync order with faults before and after the hub commits — after everyone syncs, every
site equals the hub and no typed value is lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    rule,
    run_state_machine_as_test,
)

from desk_app.hub.store import Hub
from desk_app.sync.errors import HubUnavailableError, SyncError
from tests.sync.conftest import Site, hub_rows

FIELDS = ("title", "description", "severity")
# Text as the services leave it (no outer or doubled spaces): anything else the hub
# refuses, as it would refuse it from a tampered desk.
texts = (
    st.text(alphabet="abcdeéŋ ", min_size=1, max_size=6)
    .map(lambda t: " ".join(t.split()))
    .filter(bool)
)


def value_for(field: str) -> st.SearchStrategy[Any]:
    return st.integers(1, 4) if field == "severity" else texts


class Injected(RuntimeError):
    pass


def fault_at(point: str) -> Callable[[str], None]:
    def fault(hit: str) -> None:
        if hit == point:
            if point == "push_after_commit":
                raise HubUnavailableError("connection dropped after commit")
            raise Injected(point)

    return fault


@pytest.mark.allow_log_warnings
def test_sites_converge_and_lose_nothing(hub: Hub, make_site: Callable[..., Site]) -> None:
    sites = [make_site(code, page_size=3, batch_size=4) for code in ("A1", "B1", "C1")]
    typed: set[tuple[str, str, Any]] = set()
    overwritten: set[tuple[str, str, Any]] = set()

    class Desk(RuleBasedStateMachine):
        incidents = Bundle("incidents")

        @initialize()
        def start(self) -> None:
            for site in sites:
                site.syncer.fault = None

        @rule(target=incidents, site=st.sampled_from(sites), title=texts)
        def create(self, site: Site, title: str) -> tuple[Site, str]:
            incident = site.create(title)
            typed.add((incident, "title", title))
            return (site, incident)

        @rule(
            site=st.sampled_from(sites),
            made=incidents,
            field=st.sampled_from(FIELDS),
            data=st.data(),
        )
        def edit(self, site: Site, made: tuple[Site, str], field: str, data: Any) -> None:
            incident = made[1]
            if not _has(site, incident):
                return
            value = data.draw(value_for(field))
            overwritten.add((incident, field, site.get(incident)[field]))
            site.edit(incident, **{field: value})
            typed.add((incident, field, value))

        @rule(site=st.sampled_from(sites), made=incidents)
        def delete(self, site: Site, made: tuple[Site, str]) -> None:
            if _has(site, made[1]):
                site.delete(made[1])

        @rule(
            site=st.sampled_from(sites),
            fault=st.sampled_from(
                [None, "hub_before_commit", "push_after_commit", "pull_before_cursor"]
            ),
        )
        def sync(self, site: Site, fault: str | None) -> None:
            site.syncer.fault = fault_at(fault) if fault else None
            try:
                site.sync()
            except (Injected, SyncError):
                pass
            finally:
                site.syncer.fault = None

        def teardown(self) -> None:
            for _ in range(2):
                for site in sites:
                    site.sync()
            first = sites[0].snapshot()
            for site in sites[1:]:
                other = site.snapshot()
                differing = {
                    t: sorted(set(first[t]) ^ set(other[t])) for t in first if first[t] != other[t]
                }
                assert not differing, f"{site.code} differs from {sites[0].code}: {differing}"
            on_hub = hub_rows(hub)
            assert set(on_hub) == {r[0] for r in first["incident"]}
            kept: set[tuple[str, str, Any]] = set()
            for conflict in sites[0].conflicts():
                for value in (conflict.winner_value, conflict.loser_value):
                    if isinstance(value, dict):
                        kept |= {(conflict.record_id, f, v) for f, v in value.items()}
                    else:
                        kept.add((conflict.record_id, conflict.field, value))
            for incident, field, value in typed:
                final = sites[0].get(incident)[field]
                assert (
                    value == final
                    or (incident, field, value) in kept
                    or (incident, field, value) in overwritten
                ), f"{field}={value!r} of {incident} was lost"

    run_state_machine_as_test(
        Desk,
        settings=settings(
            max_examples=6,
            stateful_step_count=14,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


def _has(site: Site, incident: str) -> bool:
    try:
        site.get(incident)
    except AssertionError:
        return False
    return True

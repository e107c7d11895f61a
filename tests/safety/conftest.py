"""Fixtures of the safety tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from safety_helpers import _mount, _umount

from desk_app.services import auth


@pytest.fixture(autouse=True)
def cheap_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MiB tmpfs: room for a fresh desk database, not for much more."""
    mount = tmp_path / "small"
    if not _mount(mount, "size=3m"):
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mount
    finally:
        _umount(mount)


@pytest.fixture
def remountable_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs the test can remount read-only (``remount_read_only``)."""
    mount = tmp_path / "ro"
    if not _mount(mount, "size=64m"):
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mount
    finally:
        _umount(mount)

"""write_atomically: the old file or the new one, never half, and only for the owner."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from desk_app.services import storage
from desk_app.services.storage import write_atomically


def test_the_file_holds_the_new_bytes_and_nothing_else_is_left(tmp_path: Path) -> None:
    target = tmp_path / "laporan.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.pdf"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_mid_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "marker.json"
    target.write_bytes(b"old")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, failing, disk_full)
    with pytest.raises(OSError) as raised:
        write_atomically(target, b"new" * 1000)
    monkeypatch.undo()
    assert raised.value.errno == errno.ENOSPC
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["marker.json"]


def test_a_failure_before_the_first_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomically(tmp_path / "kop-logo.png", b"\x89PNG")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_file_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "laporan.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    previous = os.umask(0o022)
    try:
        write_atomically(target, b"new")
        write_atomically(tmp_path / "fresh.pdf", b"new")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "fresh.pdf").stat().st_mode) == 0o600


def test_the_temporary_file_is_named_for_the_caller_that_sweeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    replace = os.replace

    def spy(src: str, dst: str) -> None:
        seen.append(Path(src).name)
        replace(src, dst)

    monkeypatch.setattr(storage.os, "replace", spy)
    write_atomically(tmp_path / "a.pdf", b"x", temp_prefix=".sitrep-", temp_suffix=".pdf")
    write_atomically(tmp_path / "b.pdf", b"x")
    assert seen[0].startswith(".sitrep-") and seen[0].endswith(".pdf")
    assert seen[1].startswith(".b.pdf.") and seen[1].endswith(".part")

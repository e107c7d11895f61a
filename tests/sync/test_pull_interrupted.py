"""A pull that stops on this computer (a full disk) says what it kept, not "nothing was
saved": every page is committed with its cursor, and the next sync continues after it."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from functools import partial

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.cli import main
from desk_app.models import Incident
from desk_app.sync import client
from desk_app.sync.errors import PullInterruptedError
from desk_app.ui.bus import DataBus
from desk_app.ui.main_window import MainWindow
from desk_app.ui.settings import Settings
from desk_app.ui.sync_ui import BACKOFF_START_S, SyncFeature
from desk_app.ui.tasks import TaskRunner
from tests.sync.conftest import ADMIN_PASSWORD, Site

#: Rows per pull page in these tests: two pages go in before the disk "fills".
PAGE = 2


@pytest.fixture
def disk_fills(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """From the third pulled page on, writing it fails as SQLite fails on a full disk."""
    pages = [0]
    syncer = client.Syncer
    original = syncer._hit

    def hit(self: client.Syncer, point: str) -> None:
        if point == "pull_before_cursor":
            pages[0] += 1
            if pages[0] >= 3:
                raise sqlite3.OperationalError("database or disk is full")
        original(self, point)

    monkeypatch.setattr(syncer, "_hit", hit)
    yield pages


def incidents_in(site: Site) -> int:
    with site.ctx.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Incident)) or 0)


def cursor_of(site: Site) -> int:
    with site.ctx.db.read() as s:
        return int(s.connection().exec_driver_sql("SELECT cursor FROM sync_state").scalar_one())


@pytest.fixture
def busy_hub(make_site: Callable[..., Site]) -> Site:
    a = make_site("GB1")
    for i in range(6):
        a.create(f"kejadian {i}")
    a.sync()
    return a


@pytest.mark.allow_log_warnings  # the failed page and the stopped pull are logged
def test_a_pull_stopped_by_a_full_disk_keeps_its_pages_and_says_so(
    busy_hub: Site, make_site: Callable[..., Site], disk_fills: list[int]
) -> None:
    b = make_site("GB2", page_size=PAGE)
    with pytest.raises(PullInterruptedError) as stopped:
        b.sync()
    assert stopped.value.values["reason"] == "disk_full"
    assert stopped.value.values["kept"] == 2 * PAGE  # two pages were committed
    assert cursor_of(b) > 0
    disk_fills[0] = -1_000_000  # space again
    b.sync()
    assert incidents_in(b) == incidents_in(busy_hub) == 6


@pytest.mark.allow_log_warnings  # the failed page and the stopped pull are logged
def test_the_sync_command_tells_how_many_rows_were_kept(
    busy_hub: Site,
    make_site: Callable[..., Site],
    disk_fills: list[int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    b = make_site("GB2")
    monkeypatch.setattr("desk_app.cli.sync.Syncer", partial(client.Syncer, page_size=PAGE))
    monkeypatch.setenv("DESK_PASSWORD", ADMIN_PASSWORD)
    data_dir = str(b.ctx.paths.data_dir)
    capsys.readouterr()
    assert main(["sync", "--data-dir", data_dir, "--lang", "en"]) != 0
    err = capsys.readouterr().err
    found = re.search(
        r"Receiving stopped: the disk is full\. The (\d+) rows already received "
        r"are kept; free some disk space, then the next sync continues",
        err,
    )
    assert found and int(found.group(1)) == 2 * PAGE, err
    assert "nothing was saved" not in err
    disk_fills[0] = 0
    assert main(["sync", "--data-dir", data_dir]) != 0
    err = capsys.readouterr().err
    assert "Penerimaan data terhenti: disk penuh." in err
    assert f"{2 * PAGE} baris yang sudah diterima tetap tersimpan" in err


@pytest.mark.allow_log_warnings  # the failed page and the stopped pull are logged
def test_the_window_says_what_was_kept_and_tries_again_later(
    busy_hub: Site,
    make_site: Callable[..., Site],
    disk_fills: list[int],
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    b = make_site("GB2")
    monkeypatch.setattr("desk_app.ui.sync_ui.GUI_PAGE_SIZE", PAGE)
    ctx = b.ctx
    window = MainWindow(
        ctx, DataBus(), TaskRunner(synchronous=True), settings=Settings(ctx.paths.settings_file)
    )
    qtbot.addWidget(window)
    feature = window.features.get(SyncFeature)
    controller = feature.controller
    controller.sync_now()
    assert controller.state == "stopped"
    text = feature.status.label.text()
    assert text.startswith(f"Sinkron terhenti — {2 * PAGE} baris yang diterima tetap tersimpan")
    tip = feature.status.label.toolTip()  # the whole message: why, and what to do
    assert "Penerimaan data terhenti: disk penuh." in tip
    assert f"{2 * PAGE} baris yang sudah diterima tetap tersimpan; kosongkan ruang disk" in tip
    assert controller.timer.interval() == BACKOFF_START_S * 1000
    disk_fills[0] = -1_000_000
    controller.sync_now()
    assert controller.state == "ok"
    assert incidents_in(b) == 6

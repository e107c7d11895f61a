"""A restored or copied workstation is a new incarnation (sync guarantee 12).

Through the command line where there is a command (``backup``, ``restore``, ``hub
enroll``), against the real sync service on loopback (SQLite hub; PostgreSQL too when
``DESK_TEST_PG_URL`` is set).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from keyring.errors import KeyringLocked
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.cli import main
from desk_app.context import open_context, sign_in_as
from desk_app.hub.server import BackgroundServer
from desk_app.hub.store import Hub, hub_workstation
from desk_app.models import Incident
from desk_app.services import incarnation, incidents
from desk_app.sync import connection
from desk_app.sync import settings as hub_settings
from desk_app.ui.admin_ui import AdminFeature
from desk_app.ui.main_window import MainWindow
from desk_app.ui.settings import Settings
from desk_app.ui.tasks import TaskRunner
from tests.sync.conftest import ADMIN_PASSWORD, LoopbackRemote, MemoryKeyring, Site, hub_rows
from tests.ui.desk_helpers import AnsweringDialogs


@pytest.fixture(autouse=True)
def cli_admin(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line acts as the hub's administrator (adopted at enrollment)."""
    monkeypatch.setenv("DESK_USER", "admin")
    monkeypatch.setenv("DESK_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("DESK_LANG", "en")


def add_incident(site: Site, title: str) -> str:
    """An incident made as the window makes it (its reference numbered here)."""
    now = datetime.now(UTC)
    assert site.ctx.actor is not None
    with site.ctx.db.write() as session:
        return incidents.create_incident(
            session,
            site.ctx.actor,
            incidents.IncidentInput(
                title=title,
                region_code="33.74",
                category="HOAKS",
                severity=2,
                source_type="MEDSOS",
                occurred_at=now - timedelta(hours=1),
                reported_at=now - timedelta(minutes=30),
            ),
        ).id


def titles(site: Site) -> set[str]:
    with site.ctx.db.read() as s:
        return set(s.scalars(select(Incident.title)))


def refs(site: Site) -> dict[str, str]:
    with site.ctx.db.read() as s:
        return {r.title: r.ref for r in s.scalars(select(Incident))}


def cli(*argv: str) -> int:
    return main(list(argv))


def close(site: Site) -> Path:
    site.hub.dispose()
    site.ctx.close()
    return site.ctx.paths.data_dir


def reopen(data_dir: Path, server: BackgroundServer, made: list[Site]) -> Site:
    """Open a workstation's data directory again and, as an administrator would after a
    restore, enroll it again (``desk-app hub enroll``)."""
    ctx = open_context(data_dir)
    ctx.close()
    assert cli("hub", "enroll", "--data-dir", str(data_dir)) == 0
    ctx = open_context(data_dir)
    workstation = connection.workstation_of(ctx.db, data_dir)
    plain = connection.remote(workstation, server.url)
    remote = LoopbackRemote(plain.url, token=plain.token, sessions=plain.sessions)
    remote.server = server
    plain.dispose()
    sign_in_as(ctx, "admin")
    site = Site(ctx, remote)
    made.append(site)
    return site


@pytest.fixture
def reopened(service: BackgroundServer) -> Iterator[Callable[[Path], Site]]:
    made: list[Site] = []
    yield lambda data_dir: reopen(data_dir, service, made)
    for site in made:
        site.hub.dispose()
        site.ctx.close()


def workstations(hub: Hub) -> dict[str, tuple[str, str, bool]]:
    with hub.reading() as conn:
        rows = conn.execute(select(hub_workstation)).all()
    return {r.site_id: (r.workstation_code, r.formerly, r.revoked_at is not None) for r in rows}


def test_restoring_its_own_backup_brings_back_what_it_pushed_after_it(
    make_site: Callable[..., Site],
    reopened: Callable[[Path], Site],
    hub: Hub,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a = make_site("GB1")
    b = make_site("GB2")
    add_incident(a, "before the backup")
    a.sync()
    saved = tmp_path / "gb1.sqlite3"
    assert cli("backup", "--data-dir", str(a.ctx.paths.data_dir), "-o", str(saved)) == 0
    add_incident(a, "after the backup")
    with a.ctx.db.read() as s:
        first = s.scalars(select(Incident.id).where(Incident.title == "before the backup")).one()
    a.edit(first, description="edited after the backup")
    a.sync()
    b.sync()
    late_ref = refs(a)["after the backup"]
    old_site = a.ctx.site_id

    data_dir = close(a)
    capsys.readouterr()
    assert cli("restore", str(saved), "--data-dir", str(data_dir)) == 0  # its own: no question
    out = capsys.readouterr().out
    assert "new workstation GB1" in out and f"formerly {old_site}" in out

    a = reopened(data_dir)
    assert a.ctx.site_id != old_site
    assert a.code == "GB1"
    report = a.sync()
    assert "after the backup" in titles(a)
    assert a.get(first)["description"] == "edited after the backup"
    assert not report.mismatches and not report.conflicts  # the past is no conflict
    assert not hub_rows(hub, "sync_conflict")
    # The next reference continues above the highest the hub knows for GB1.
    add_incident(a, "after the restore")
    new_ref = refs(a)["after the restore"]
    assert new_ref > late_ref and "~" not in new_ref
    a.sync()
    assert all("~" not in row["ref"] for row in hub_rows(hub).values())
    # The hub knows the new incarnation, the old one is retired and named as formerly.
    known = workstations(hub)
    assert known[old_site][2] is True
    assert known[a.ctx.site_id] == ("GB1", old_site, False)
    # And a full sync has nothing more to say.
    assert not a.sync(full=True).mismatches
    b.sync()
    assert titles(b) == titles(a)


def test_restoring_another_desks_backup_asks_then_both_desks_see_each_other(
    make_site: Callable[..., Site],
    reopened: Callable[[Path], Site],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    a = make_site("GB1")
    b = make_site("GB2")
    add_incident(a, "a before")
    a.sync()
    add_incident(b, "b before")
    b.sync()
    theirs = tmp_path / "gb2.sqlite3"
    assert cli("backup", "--data-dir", str(b.ctx.paths.data_dir), "-o", str(theirs)) == 0
    a_site, b_site = a.ctx.site_id, b.ctx.site_id

    data_dir = close(a)
    capsys.readouterr()
    assert cli("restore", str(theirs), "--data-dir", str(data_dir)) != 0
    err = capsys.readouterr().err
    assert "another desk (GB2)" in err and "new workstation" in err and "--yes" in err
    mine = incarnation.identity_of(data_dir / "desk.sqlite3")
    assert mine is not None and mine.site_id == a_site  # refused: nothing changed

    assert cli("restore", str(theirs), "--data-dir", str(data_dir), "--yes") == 0
    a = reopened(data_dir)
    assert a.ctx.site_id not in (a_site, b_site)
    assert a.code == "GB1"  # this desk stays GB1, with GB2's data
    a.sync()
    b.sync()
    assert "a before" in titles(a)  # its own rows come back from the hub
    add_incident(b, "b after")
    b.sync()
    add_incident(a, "a after")
    a.sync()
    b.sync()
    assert {"b after", "a after"} <= titles(a)
    assert {"b after", "a after"} <= titles(b)
    assert all("~" not in ref for ref in refs(a).values())


def test_a_copied_data_directory_on_a_second_machine_is_a_new_workstation(
    make_site: Callable[..., Site],
    reopened: Callable[[Path], Site],
    hub: Hub,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = make_site("GB1")
    add_incident(a, "on the first machine")
    a.sync()
    a.ctx.db.dispose()  # everything in the main file before it is copied
    copy = tmp_path / "copy"
    shutil.copytree(a.ctx.paths.data_dir, copy)

    with monkeypatch.context() as m:
        m.setattr(incarnation, "machine_fingerprint", lambda: "second-machine")
        ctx = open_context(copy)
        try:
            assert ctx.incarnation is not None and ctx.incarnation.reason == "copied"
            assert ctx.site_id != a.ctx.site_id
            assert ctx.workstation_code != "GB1"  # GB1 still works on the first machine
            with ctx.db.read() as s:
                formerly = (
                    s.connection()
                    .exec_driver_sql("SELECT formerly, enroll_formerly FROM local_state")
                    .one()
                )
            assert formerly == (a.ctx.site_id, "")  # remembered, not retired on the hub
        finally:
            ctx.close()
        c = reopened(copy)
        c.sync()
    assert workstations(hub)[a.ctx.site_id][2] is False
    add_incident(c, "on the second machine")
    c.sync()
    add_incident(a, "first machine again")
    a.sync()
    c.sync()
    assert {"on the second machine", "first machine again"} <= titles(a)
    assert {"on the second machine", "first machine again"} <= titles(c)
    # Opening it again on the same machine changes nothing.
    with monkeypatch.context() as m:
        m.setattr(incarnation, "machine_fingerprint", lambda: "second-machine")
        c.ctx.close()
        again = open_context(copy)
        assert again.incarnation is None and again.site_id == c.ctx.site_id
        again.close()


# -- the previous incarnation's credential ------------------------------------------------


def credentials_of(ring: MemoryKeyring, site_id: str) -> set[str]:
    """The names under which the keyring holds something for ``site_id``."""
    return {
        name
        for service, name in ring.store
        if service == hub_settings.KEYRING_SERVICE and f":{site_id}@" in name
    }


def test_a_restore_forgets_the_previous_incarnations_credential(
    make_site: Callable[..., Site],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    a = make_site("GB1")
    b = make_site("GB2")
    old_site, other_site = a.ctx.site_id, b.ctx.site_id
    saved = tmp_path / "gb1.sqlite3"
    assert cli("backup", "--data-dir", str(a.ctx.paths.data_dir), "-o", str(saved)) == 0
    url = hub_settings.load(a.ctx.paths.data_dir).url
    token = memory_keyring.get_password(
        hub_settings.KEYRING_SERVICE, f"workstation:{old_site}@{url}"
    )
    assert token and credentials_of(memory_keyring, old_site) == {
        f"workstation:{old_site}@{url}",
        f"sessions:{old_site}@{url}",
    }
    data_dir = close(a)
    with caplog.at_level("DEBUG"):
        assert cli("restore", str(saved), "--data-dir", str(data_dir)) == 0
    mine = incarnation.identity_of(data_dir / "desk.sqlite3")
    assert mine is not None and mine.site_id != old_site
    assert credentials_of(memory_keyring, old_site) == set()
    assert credentials_of(memory_keyring, other_site)  # another desk's stays
    assert token not in caplog.text


def test_a_restore_in_the_window_forgets_the_previous_incarnations_credential(
    make_site: Callable[..., Site],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    a = make_site("GB1")
    old_site = a.ctx.site_id
    window = MainWindow(
        a.ctx,
        tasks=TaskRunner(synchronous=True),
        settings=Settings(a.ctx.paths.settings_file),
        dialogs=AnsweringDialogs(),
    )
    qtbot.addWidget(window)
    feature = window.features.get(AdminFeature)
    assert feature.backup_to(tmp_path / "mine.sqlite3")
    assert credentials_of(memory_keyring, old_site)
    assert feature.restore_from(tmp_path / "mine.sqlite3")
    assert a.ctx.site_id != old_site
    assert credentials_of(memory_keyring, old_site) == set()
    dialogs = feature.dialogs
    assert isinstance(dialogs, AnsweringDialogs)
    told = [text for _kind, title, text in dialogs.shown if title == "Workstation baru"]
    assert told and "mendaftarkan desk ini lagi di hub" in told[0]  # this desk has a hub


@pytest.mark.allow_log_warnings  # the credential left behind is logged: that is the point
def test_a_keyring_that_fails_does_not_stop_a_restore(
    make_site: Callable[..., Site],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a = make_site("GB1")
    old_site = a.ctx.site_id
    saved = tmp_path / "gb1.sqlite3"
    assert cli("backup", "--data-dir", str(a.ctx.paths.data_dir), "-o", str(saved)) == 0
    url = hub_settings.load(a.ctx.paths.data_dir).url
    token = memory_keyring.get_password(
        hub_settings.KEYRING_SERVICE, f"workstation:{old_site}@{url}"
    )
    assert token

    def locked(*_args: object) -> None:
        raise KeyringLocked("the keyring is locked")

    monkeypatch.setattr(memory_keyring, "delete_password", locked)
    data_dir = close(a)
    assert cli("restore", str(saved), "--data-dir", str(data_dir)) == 0
    mine = incarnation.identity_of(data_dir / "desk.sqlite3")
    assert mine is not None and mine.site_id != old_site  # restored all the same
    assert old_site in caplog.text and "KeyringLocked" in caplog.text
    assert token not in caplog.text


def test_without_a_keyring_the_credentials_file_forgets_it(
    make_site: Callable[..., Site],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DESK_NO_KEYRING", "1")
    a = make_site("GB1")
    old_site = a.ctx.site_id
    store = a.ctx.paths.data_dir / hub_settings.CREDENTIALS_FILE
    assert old_site in store.read_text()
    saved = tmp_path / "gb1.sqlite3"
    assert cli("backup", "--data-dir", str(a.ctx.paths.data_dir), "-o", str(saved)) == 0
    data_dir = close(a)
    assert cli("restore", str(saved), "--data-dir", str(data_dir)) == 0
    assert old_site not in store.read_text()


def test_a_copy_drops_the_originals_credential_from_its_own_file_only(
    make_site: Callable[..., Site],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A data directory copied to another computer carries the original's credentials
    file: the copy drops it there, and leaves the keyring (which may be shared by a
    roaming profile) to the original, which goes on under its site id."""
    a = make_site("GB1")
    original = a.ctx.site_id
    url = hub_settings.load(a.ctx.paths.data_dir).url
    hub_settings._file_write(  # as a desk without a keyring would have kept it
        a.ctx.paths.data_dir, {f"workstation:{original}@{url}": "the original's credential"}
    )
    a.ctx.db.dispose()
    copy = tmp_path / "copy"
    shutil.copytree(a.ctx.paths.data_dir, copy)
    with monkeypatch.context() as m:
        m.setattr(incarnation, "machine_fingerprint", lambda: "second-machine")
        assert cli("doctor", "--data-dir", str(copy)) == 0
    copied = incarnation.identity_of(copy / "desk.sqlite3")
    assert copied is not None and copied.site_id != original
    assert original not in (copy / hub_settings.CREDENTIALS_FILE).read_text()
    assert original in (a.ctx.paths.data_dir / hub_settings.CREDENTIALS_FILE).read_text()
    assert credentials_of(memory_keyring, original)  # the original's, on its computer


def test_a_credential_removed_without_a_keyring_leaves_the_file(tmp_path: Path) -> None:
    """Where no keyring is installed (the backend that refuses everything) credentials
    live in the file: removing one must remove it there too."""
    keyring.set_keyring(fail.Keyring())  # memory_keyring puts the previous one back
    hub_settings.save_token(tmp_path, "site-1", "https://hub.setda.local:8765", "rahasia")
    store = tmp_path / hub_settings.CREDENTIALS_FILE
    assert "rahasia" in store.read_text()
    hub_settings.save_token(tmp_path, "site-1", "https://hub.setda.local:8765", None)
    assert "site-1" not in store.read_text()


def test_after_a_restore_in_the_window_sync_no_longer_speaks_as_the_old_site(
    make_site: Callable[..., Site],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    """The window's sync made its connection with the old site's credential; after the
    restore it makes it again for the new site (which must enroll again) instead of
    pushing on as the old one."""
    from desk_app.ui.sync_ui import SyncFeature

    a = make_site("GB1")
    window = MainWindow(
        a.ctx,
        tasks=TaskRunner(synchronous=True),
        settings=Settings(a.ctx.paths.settings_file),
        dialogs=AnsweringDialogs(),
    )
    qtbot.addWidget(window)
    controller = window.features.get(SyncFeature).controller
    controller.sync_now()
    assert controller.state == "ok"
    admin = window.features.get(AdminFeature)
    assert admin.backup_to(tmp_path / "mine.sqlite3")
    assert admin.restore_from(tmp_path / "mine.sqlite3")
    controller.sync_now()
    assert controller.state != "ok"
    assert controller._syncer is None or controller._syncer.db is a.ctx.db

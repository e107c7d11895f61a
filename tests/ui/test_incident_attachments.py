"""The Lampiran section of the incident detail pane, driven through its widgets."""

from __future__ import annotations

import struct
import threading
import zlib
from pathlib import Path
from typing import Any

import pytest
from desk_helpers import AnsweringDialogs, make_incident
from PySide6.QtCore import Qt, QThreadPool, QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from desk_app.context import AppContext
from desk_app.models import IncidentAttachment
from desk_app.models.enums import Role
from desk_app.services import attachments, permissions
from desk_app.services.actor import Actor
from desk_app.ui.bus import DataBus
from desk_app.ui.incident_detail import IncidentDetailPane
from desk_app.ui.tasks import TaskRunner


def _png(width: int, height: int) -> bytes:
    """A real PNG (its thumbnail is made), one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    rows = b"".join(b"\0" + b"\xc8\x1e\x1e" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
    return png + chunk(b"IEND", b"")


PNG = _png(4, 4) + bytes(2064 - len(_png(4, 4)))  # 2 KB: bytes after the image are ignored
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


@pytest.fixture
def dialogs() -> AnsweringDialogs:
    return AnsweringDialogs()


def make_pane(qtbot: QtBot, ctx: AppContext, **kw: Any) -> IncidentDetailPane:
    kw.setdefault("tasks", TaskRunner(synchronous=True))
    kw.setdefault("dialogs", AnsweringDialogs())
    pane = IncidentDetailPane(ctx, **kw)
    qtbot.addWidget(pane)
    pane.resize(1200, 420)
    return pane


def choose(dialogs: AnsweringDialogs, *paths: Path) -> None:
    dialogs.files.append(list(paths))


def rows(pane: IncidentDetailPane) -> list[list[str]]:
    tree = pane.attachments_panel.attachment_list
    return [
        [tree.topLevelItem(i).text(c) for c in range(4)]  # type: ignore[union-attr]
        for i in range(tree.topLevelItemCount())
    ]


def test_add_open_and_remove(
    qtbot: QtBot,
    ctx: AppContext,
    admin: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: AnsweringDialogs,
) -> None:
    incident_id = make_incident(ctx, admin)
    pane = make_pane(qtbot, ctx, dialogs=dialogs)
    pane.show_incident(incident_id)
    assert pane.tabs.tabText(1) == "Lampiran"
    assert "Belum ada lampiran" in pane.attachments_panel.attachment_note.text()
    assert not pane.attachments_panel.open_attachment_button.isEnabled()

    photo = tmp_path / "tangkapan layar.png"
    photo.write_bytes(PNG)
    note = tmp_path / "catatan.txt"
    note.write_text("bukan gambar")
    choose(dialogs, photo, note)
    with qtbot.waitSignal(pane.changed) as changed:
        qtbot.mouseClick(pane.attachments_panel.attach_button, Qt.MouseButton.LeftButton)
    assert changed.args == [frozenset({"incident_attachment"})]
    assert pane.tabs.tabText(1) == "Lampiran (1)"
    [[name, kind, size, added]] = rows(pane)
    assert (name, kind, size) == ("tangkapan layar.png", "Gambar PNG", "2 KB")
    assert added.endswith("· admin")
    # The refused file is named, with the reason in Indonesian; the good one was added.
    assert dialogs.warnings == [
        "catatan.txt: Jenis berkas tidak didukung. Lampirkan gambar (PNG, JPEG, GIF, WEBP) "
        "atau PDF."
    ]

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    assert pane.attachments_panel.open_attachment_button.isEnabled()  # the new one is selected
    qtbot.mouseClick(pane.attachments_panel.open_attachment_button, Qt.MouseButton.LeftButton)
    [url] = opened
    assert Path(url.toLocalFile()).name == "tangkapan layar.png"
    assert Path(url.toLocalFile()).read_bytes() == PNG

    dialogs.answers = [False, True]
    qtbot.mouseClick(pane.attachments_panel.remove_attachment_button, Qt.MouseButton.LeftButton)
    assert len(rows(pane)) == 1 and "“tangkapan layar.png”" in dialogs.asked[0]
    with qtbot.waitSignal(pane.changed):
        qtbot.mouseClick(pane.attachments_panel.remove_attachment_button, Qt.MouseButton.LeftButton)
    assert rows(pane) == [] and pane.tabs.tabText(1) == "Lampiran"
    with ctx.db.read() as s:
        row = s.query(IncidentAttachment).one()
        assert row.deleted


def test_refusals_are_explained(
    qtbot: QtBot,
    ctx: AppContext,
    admin: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: AnsweringDialogs,
) -> None:
    pane = make_pane(qtbot, ctx, dialogs=dialogs)
    pane.show_incident(make_incident(ctx, admin))
    big = tmp_path / "besar.png"
    with big.open("wb") as fh:
        fh.write(PNG)
        fh.truncate(attachments.MAX_SIZE + 1)
    empty = tmp_path / "kosong.pdf"
    empty.write_bytes(b"")
    same = tmp_path / "sama.pdf"
    same.write_bytes(PDF)
    choose(dialogs, big, empty, same)
    pane.attachments_panel.add_attachments()
    choose(dialogs, same)
    pane.attachments_panel.add_attachments()
    assert dialogs.warnings == [
        "besar.png: Berkas terlalu besar (20,0 MB). Batasnya 20,0 MB.\nkosong.pdf: Berkas kosong.",
        "sama.pdf: Berkas yang sama sudah dilampirkan sebagai “sama.pdf”.",
    ]
    assert [r[0] for r in rows(pane)] == ["sama.pdf"]


def test_a_file_not_yet_downloaded_is_marked_and_cannot_be_opened(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    incident_id = make_incident(ctx, admin)
    source = tmp_path / "surat.pdf"
    source.write_bytes(PDF)
    store = attachments.BlobStore(ctx.paths.attachments_dir)
    with ctx.db.write() as s:
        view = attachments.add_attachment(s, admin, store, incident_id, source)
    store.path(view.sha256).unlink()  # as on a desk whose sync has not fetched it yet
    bus = DataBus()
    pane = make_pane(qtbot, ctx, bus=bus)
    pane.show_incident(incident_id)
    [[name, kind, size, _]] = rows(pane)
    assert (name, kind) == ("surat.pdf", "PDF") and size.endswith("· belum diunduh")
    pane.attachments_panel.select_attachment(view.id)
    assert not pane.attachments_panel.open_attachment_button.isEnabled()
    assert pane.attachments_panel.remove_attachment_button.isEnabled()

    store.put_bytes(view.sha256, PDF)  # the sync fetched it, and says so on the bus
    bus.notify({"incident_attachment"}, "sync")
    assert not rows(pane)[0][2].endswith("belum diunduh")
    pane.attachments_panel.select_attachment(view.id)
    assert pane.attachments_panel.open_attachment_button.isEnabled()


def test_a_large_file_is_copied_off_the_gui_thread(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = QThreadPool()
    pane = make_pane(qtbot, ctx, tasks=TaskRunner(pool))
    with qtbot.waitSignal(pane.loaded):  # read on the worker too
        pane.show_incident(make_incident(ctx, admin))
    photo = tmp_path / "foto.png"
    photo.write_bytes(PNG + bytes(5 * 1024 * 1024))
    threads: list[threading.Thread] = []
    release = threading.Event()
    real = attachments.store_file

    def store_file(store: attachments.BlobStore, path: Path) -> attachments.StoredFile:
        threads.append(threading.current_thread())
        release.wait(10)  # held until the window has shown that it is busy
        return real(store, path)

    monkeypatch.setattr(attachments, "store_file", store_file)
    pane.attachments_panel.attach_files([photo])
    # Back on the GUI thread at once: the window says what it is doing and stays usable.
    assert (
        pane.attachments_panel.adding
        and pane.attachments_panel.attachment_note.text() == "Menyalin 1 berkas…"
    )
    assert not pane.attachments_panel.attach_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not pane.attachments_panel.adding and len(rows(pane)) == 1)
    assert threads and threads[0] is not threading.main_thread()
    assert rows(pane)[0][2] == "5,0 MB" and pane.attachments_panel.attach_button.isEnabled()
    pool.waitForDone()


def test_roles_that_may_not_edit_incidents_see_disabled_buttons(
    qtbot: QtBot,
    ctx: AppContext,
    admin: Actor,
    operator: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    incident_id = make_incident(ctx, admin)
    source = tmp_path / "a.png"
    source.write_bytes(PNG)
    with ctx.db.write() as s:
        store = attachments.BlobStore(ctx.paths.attachments_dir)
        view = attachments.add_attachment(s, admin, store, incident_id, source)
    limited = {**permissions.PERMISSIONS}
    limited[Role.OPERATOR] = limited[Role.OPERATOR] - {permissions.Action.EDIT_INCIDENT}
    monkeypatch.setattr(permissions, "PERMISSIONS", limited)
    ctx.actor = operator
    pane = make_pane(qtbot, ctx)
    pane.show_incident(incident_id)
    pane.attachments_panel.select_attachment(view.id)
    assert not pane.attachments_panel.attach_button.isEnabled()
    assert not pane.attachments_panel.remove_attachment_button.isEnabled()
    assert pane.attachments_panel.open_attachment_button.isEnabled()  # looking is allowed


def test_keyboard_enter_previews_delete_removes(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident_id = make_incident(ctx, admin)
    source = tmp_path / "a.png"
    source.write_bytes(PNG)
    with ctx.db.write() as s:
        store = attachments.BlobStore(ctx.paths.attachments_dir)
        view = attachments.add_attachment(s, admin, store, incident_id, source)
    pane = make_pane(qtbot, ctx)
    pane.show()
    pane.show_incident(incident_id)
    pane.tabs.setCurrentIndex(1)
    pane.attachments_panel.select_attachment(view.id)
    pane.attachments_panel.attachment_list.setFocus()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    pane.ui.dialogs.answers = [True]  # type: ignore[attr-defined]
    qtbot.keyClick(pane.attachments_panel.attachment_list, Qt.Key.Key_Return)
    # Enter shows the file inside the app; "Buka di aplikasi lain" there opens it outside.
    preview = pane.attachments_panel.preview
    assert preview is not None and preview.isVisible() and opened == []
    qtbot.mouseClick(preview.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert not preview.isVisible()
    qtbot.keyClick(pane.attachments_panel.attachment_list, Qt.Key.Key_Delete)
    assert rows(pane) == []

"""Attachments you can see: thumbnails in the Lampiran tab and the preview dialog, driven
through the real widgets; damaged, refused and oversized files give a message."""

from __future__ import annotations

import hashlib
import io
import logging
import struct
import zlib
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from desk_helpers import AnsweringDialogs, HeldTasks, make_incident
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from desk_app.context import AppContext
from desk_app.services import attachments
from desk_app.services.actor import Actor
from desk_app.ui import attachment_preview
from desk_app.ui.attachment_preview import THUMB_SIZE, AttachmentPreviewDialog
from desk_app.ui.incident_detail import IncidentDetailPane
from desk_app.ui.tasks import TaskRunner


def png(width: int, height: int, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real PNG of one colour (a header claiming huge dimensions stays small: the rows
    are compressed zeros)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def bomb_png(width: int, height: int) -> bytes:
    """A valid PNG header claiming ``width`` × ``height``, with almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def pdf(pages: int) -> bytes:
    """A PDF made with ReportLab: page n says "Halaman n"; page 2 is mostly black."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 28)
        c.drawString(72, 760, f"Halaman {n}")
        if n == 2:
            c.rect(40, 40, 500, 650, fill=1)
        c.showPage()
    c.save()
    return out.getvalue()


def make_pane(qtbot: QtBot, ctx: AppContext, **kw: Any) -> IncidentDetailPane:
    kw.setdefault("tasks", TaskRunner(synchronous=True))
    kw.setdefault("dialogs", AnsweringDialogs())
    pane = IncidentDetailPane(ctx, **kw)
    qtbot.addWidget(pane)
    pane.resize(1200, 420)
    return pane


def attach(ctx: AppContext, admin: Actor, incident_id: str, path: Path, data: bytes) -> str:
    path.write_bytes(data)
    store = attachments.BlobStore(ctx.paths.attachments_dir)
    with ctx.db.write() as s:
        return attachments.add_attachment(s, admin, store, incident_id, path).id


def plant(
    ctx: AppContext, admin: Actor, incident_id: str, name: str, claimed: str, data: bytes
) -> str:
    """A row that claims ``claimed`` for content that may be anything (as a damaged or
    hostile row from elsewhere could)."""
    sha = hashlib.sha256(data).hexdigest()
    attachments.BlobStore(ctx.paths.attachments_dir).put_bytes(sha, data)
    stored = attachments.StoredFile(sha, len(data), claimed, name)
    with ctx.db.write() as s:
        return attachments.record_attachment(s, admin, incident_id, stored).id


def row(pane: IncidentDetailPane, attachment_id: str) -> Any:
    tree = pane.attachments_panel.attachment_list
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == attachment_id:
            return item
    raise AssertionError(f"no row for {attachment_id}")


def icon_image(item: Any) -> QImage:
    return item.icon(0).pixmap(THUMB_SIZE, THUMB_SIZE).toImage()


def open_preview(
    qtbot: QtBot, pane: IncidentDetailPane, attachment_id: str
) -> AttachmentPreviewDialog:
    """Double-click the file's row, as a person does."""
    tree = pane.attachments_panel.attachment_list
    item = row(pane, attachment_id)
    rect = tree.visualItemRect(item)
    # A double click is a press and release, then a second press that Qt reports as one.
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    preview = pane.attachments_panel.preview
    assert preview is not None and preview.isVisible()
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    return preview


def test_thumbnails_of_a_png_and_a_pdf_appear_after_a_placeholder(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    incident_id = make_incident(ctx, admin)
    photo = attach(ctx, admin, incident_id, tmp_path / "unggahan.png", png(300, 150))
    letter = attach(ctx, admin, incident_id, tmp_path / "surat.pdf", pdf(2))
    tasks = HeldTasks()
    pane = make_pane(qtbot, ctx, tasks=tasks)
    pane.show_incident(incident_id)
    tasks.finish(0)  # the detail is read; the thumbnails are being made
    assert len(tasks.held) == 2
    placeholder = icon_image(row(pane, photo))
    assert not placeholder.isNull()
    assert row(pane, photo).text(1) == "Gambar PNG" and row(pane, letter).text(1) == "PDF"

    tasks.finish()
    photo_icon = icon_image(row(pane, photo))
    # The picture itself, with its shape (2:1), centred on a square (the rows' text lines up).
    middle = THUMB_SIZE // 2
    assert photo_icon.size().toTuple() == (THUMB_SIZE, THUMB_SIZE)
    assert photo_icon.pixelColor(middle, middle) == QColor(200, 30, 30)
    assert photo_icon.pixelColor(middle, 2).alpha() == 0  # above the picture
    assert photo_icon != placeholder
    letter_icon = icon_image(row(pane, letter))  # a portrait page: empty at the sides
    assert letter_icon.pixelColor(1, middle).alpha() == 0
    assert letter_icon.pixelColor(middle, middle).alpha() == 255
    assert row(pane, letter).text(1) == "PDF"

    # Kept in memory: showing the incident again makes no thumbnail twice.
    pane.show_incident(incident_id)
    tasks.finish(0)
    assert tasks.held == []
    assert icon_image(row(pane, photo)) == photo_icon


def test_thumbnails_are_made_off_the_gui_thread(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    incident_id = make_incident(ctx, admin)
    photo = attach(ctx, admin, incident_id, tmp_path / "a.png", png(40, 40))
    threads: list[threading.Thread] = []
    real = attachment_preview.make_thumbnail

    def spy(store: attachments.BlobStore, sha256: str, side: int = THUMB_SIZE) -> QImage:
        threads.append(threading.current_thread())
        return real(store, sha256, side)

    monkeypatch.setattr("desk_app.ui.attachments_panel.make_thumbnail", spy)
    pane = make_pane(qtbot, ctx, tasks=TaskRunner())
    with qtbot.waitSignal(pane.loaded):
        pane.show_incident(incident_id)
    qtbot.waitUntil(lambda: bool(pane.attachments_panel.thumbnails.get(row_sha(pane, photo))))
    assert threads and threads[0] is not threading.main_thread()
    pane.ui.tasks.wait()


def row_sha(pane: IncidentDetailPane, attachment_id: str) -> str:
    return next(v.sha256 for v in pane.attachments_panel.attachments if v.id == attachment_id)


def test_image_preview_fits_then_shows_100_percent_and_esc_closes(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident_id = make_incident(ctx, admin)
    photo = attach(ctx, admin, incident_id, tmp_path / "tangkapan.png", png(2400, 1600))
    pane = make_pane(qtbot, ctx)
    pane.show()
    pane.show_incident(incident_id)
    pane.tabs.setCurrentIndex(1)
    preview = open_preview(qtbot, pane, photo)
    assert preview.windowTitle() == "Pratinjau: tangkapan.png"
    # The dialog fits the screen (at 1366 × 768, about 1366 × 728 is free).
    free = (preview.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert preview.width() <= min(free.width(), 1366) and preview.height() <= min(
        free.height(), 728
    )
    assert not preview.previous_button.isVisible()  # pages are for PDFs

    shown = preview.picture.pixmap()
    room = preview.area.viewport().size()
    assert shown.width() <= room.width() and shown.height() <= room.height()
    assert shown.width() / shown.height() == pytest.approx(1.5, rel=0.02)
    assert preview.fit_button.isChecked()

    qtbot.mouseClick(preview.actual_button, Qt.MouseButton.LeftButton)
    assert preview.picture.pixmap().size().toTuple() == (2400, 1600)
    assert preview.actual_button.isChecked() and not preview.fit_button.isChecked()
    qtbot.keyClick(preview, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert preview.picture.pixmap().width() <= room.width()

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(preview.open_button, Qt.MouseButton.LeftButton)  # "Buka" stays
    assert [Path(u.toLocalFile()).name for u in opened] == ["tangkapan.png"]
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert not preview.isVisible()


def test_pdf_preview_pages_one_at_a_time(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident_id = make_incident(ctx, admin)
    letter = attach(ctx, admin, incident_id, tmp_path / "surat.pdf", pdf(3))
    pane = make_pane(qtbot, ctx)
    pane.show()
    pane.show_incident(incident_id)
    pane.tabs.setCurrentIndex(1)
    pane.attachments_panel.select_attachment(letter)
    qtbot.mouseClick(pane.attachments_panel.preview_button, Qt.MouseButton.LeftButton)
    preview = pane.attachments_panel.preview
    assert preview is not None
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    assert preview.page_label.text() == "Halaman 1 dari 3"
    assert not preview.previous_button.isEnabled() and preview.next_button.isEnabled()
    first = preview.image
    assert first is not None and first.height() > first.width()

    qtbot.mouseClick(preview.next_button, Qt.MouseButton.LeftButton)
    assert preview.page_label.text() == "Halaman 2 dari 3"
    second = preview.image
    assert second is not None and second != first
    # Page 2 is mostly black: what is shown is that page, not the first again.
    assert second.pixelColor(second.width() // 2, second.height() // 2).lightness() < 50
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)
    assert preview.page_label.text() == "Halaman 3 dari 3" and not preview.next_button.isEnabled()
    qtbot.keyClick(preview, Qt.Key.Key_PageDown)  # stays on the last page
    assert preview.page_label.text() == "Halaman 3 dari 3"
    qtbot.keyClick(preview, Qt.Key.Key_PageUp)
    qtbot.mouseClick(preview.previous_button, Qt.MouseButton.LeftButton)
    assert preview.page_label.text() == "Halaman 1 dari 3" and preview.image == first


def test_a_pdf_of_thousands_of_pages_renders_only_the_page_shown(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident_id = make_incident(ctx, admin)
    thick = attach(ctx, admin, incident_id, tmp_path / "tebal.pdf", pdf(3000))
    rendered: list[int] = []
    real = pdfium.PdfPage.render

    def counting(page: pdfium.PdfPage, *args: Any, **kw: Any) -> Any:
        rendered.append(1)
        return real(page, *args, **kw)

    monkeypatch.setattr(pdfium.PdfPage, "render", counting)
    pane = make_pane(qtbot, ctx)
    pane.show_incident(incident_id)
    assert len(rendered) == 1  # the thumbnail: the first page
    pane.attachments_panel.select_attachment(thick)
    qtbot.mouseClick(pane.attachments_panel.preview_button, Qt.MouseButton.LeftButton)
    preview = pane.attachments_panel.preview
    assert preview is not None
    assert preview.page_label.text() == "Halaman 1 dari 3.000"
    qtbot.mouseClick(preview.next_button, Qt.MouseButton.LeftButton)
    assert len(rendered) == 3


def test_a_damaged_pdf_and_a_broken_image_give_a_message(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    incident_id = make_incident(ctx, admin)
    broken_pdf = attach(ctx, admin, incident_id, tmp_path / "rusak.pdf", pdf(2)[:300])
    broken_png = attach(ctx, admin, incident_id, tmp_path / "potong.png", png(50, 50)[:40])
    pane = make_pane(qtbot, ctx)
    pane.show()
    pane.show_incident(incident_id)
    pane.tabs.setCurrentIndex(1)
    for attachment_id, kind in ((broken_pdf, "PDF · rusak"), (broken_png, "Gambar PNG · rusak")):
        item = row(pane, attachment_id)
        assert item.text(1) == kind
        assert "Berkas rusak dan tidak dapat ditampilkan" in item.toolTip(0)
        preview = open_preview(qtbot, pane, attachment_id)
        assert preview.message.isVisible() and not preview.area.isVisible()
        assert preview.message.text().startswith("Berkas rusak dan tidak dapat ditampilkan.")
        assert not preview.fit_button.isEnabled() and preview.open_button.isEnabled()
        assert not preview.next_button.isVisible()
        qtbot.keyClick(preview, Qt.Key.Key_Escape)


def test_an_oversized_image_is_refused_before_it_is_decoded(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident_id = make_incident(ctx, admin)
    bomb = attach(ctx, admin, incident_id, tmp_path / "bom.png", bomb_png(60_000, 60_000))
    reads: list[object] = []
    real_read = attachment_preview.QImageReader.read
    monkeypatch.setattr(
        attachment_preview.QImageReader,
        "read",
        lambda reader: reads.append(reader) or real_read(reader),
    )
    pane = make_pane(qtbot, ctx)
    pane.show()
    pane.show_incident(incident_id)
    pane.tabs.setCurrentIndex(1)
    assert row(pane, bomb).text(1) == "Gambar PNG · terlalu besar"
    preview = open_preview(qtbot, pane, bomb)
    assert preview.message.text() == (
        "Gambar terlalu besar untuk ditampilkan di sini (60.000 × 60.000 piksel). "
        "Gunakan “Buka di aplikasi lain”."
    )
    assert reads == []  # no pixel was read


def test_a_file_that_fails_the_sniff_is_never_rendered(
    qtbot: QtBot, ctx: AppContext, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident_id = make_incident(ctx, admin)
    # A row that claims a PNG for an executable: the row's type and name are not trusted.
    planted = plant(ctx, admin, incident_id, "foto.png", "image/png", b"MZ\x90\x00" + bytes(500))

    def never(*args: Any, **kw: Any) -> Any:
        raise AssertionError("a refused file reached a decoder")

    monkeypatch.setattr(attachment_preview, "QImageReader", never)
    monkeypatch.setattr(attachment_preview.pdfium, "PdfDocument", never)
    pane = make_pane(qtbot, ctx)
    pane.show()
    pane.show_incident(incident_id)
    pane.tabs.setCurrentIndex(1)
    assert row(pane, planted).text(1) == "Gambar PNG · jenis ditolak"
    preview = open_preview(qtbot, pane, planted)
    assert preview.message.text().startswith("Jenis berkas tidak didukung.")


@pytest.mark.allow_log_warnings
def test_a_file_whose_content_no_longer_matches_its_hash_is_damaged(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    incident_id = make_incident(ctx, admin)
    photo = attach(ctx, admin, incident_id, tmp_path / "a.png", png(10, 10))
    store = attachments.BlobStore(ctx.paths.attachments_dir)
    with ctx.db.read() as s:
        path = attachments.attachment_path(s, store, photo)
    path.write_bytes(png(10, 10, (0, 0, 0)))  # changed on disk behind the store's back
    with caplog.at_level(logging.ERROR):
        pane = make_pane(qtbot, ctx)
        pane.show_incident(incident_id)
    assert row(pane, photo).text(1) == "Gambar PNG · rusak"
    assert "isinya tidak cocok" in row(pane, photo).toolTip(0)
    assert any("damaged" in r.getMessage() for r in caplog.records)


def test_a_file_not_downloaded_has_a_mark_and_no_preview(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    incident_id = make_incident(ctx, admin)
    letter = attach(ctx, admin, incident_id, tmp_path / "surat.pdf", pdf(1))
    store = attachments.BlobStore(ctx.paths.attachments_dir)
    with ctx.db.read() as s:
        attachments.attachment_path(s, store, letter).unlink()
    pane = make_pane(qtbot, ctx)
    pane.show_incident(incident_id)
    pane.attachments_panel.select_attachment(letter)
    assert not icon_image(row(pane, letter)).isNull()
    assert not pane.attachments_panel.preview_button.isEnabled()
    assert pane.attachments_panel.thumbnails.get(row_sha(pane, letter)) is None


def test_english_preview(
    qtbot: QtBot, qapp: QApplication, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    from desk_app.ui.i18n import install_language

    incident_id = make_incident(ctx, admin)
    letter = attach(ctx, admin, incident_id, tmp_path / "surat.pdf", pdf(2))
    install_language(qapp, "en")
    try:
        pane = make_pane(qtbot, ctx)
        pane.show_incident(incident_id)
        pane.attachments_panel.select_attachment(letter)
        assert pane.attachments_panel.preview_button.text() == "P&review"
        qtbot.mouseClick(pane.attachments_panel.preview_button, Qt.MouseButton.LeftButton)
        preview = pane.attachments_panel.preview
        assert preview is not None
        assert preview.page_label.text() == "Page 1 of 2"
        assert preview.windowTitle() == "Preview: surat.pdf"
    finally:
        install_language(qapp, "id")


def test_pdfium_is_used_by_one_thread_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfium is not thread-safe: the attachments' renders and the sitrep's hold one lock."""
    from desk_app.ui import sitrep_preview
    from desk_app.ui.pdfium_guard import PDFIUM

    held: list[bool] = []
    real = pdfium.PdfDocument

    def spy(*args: Any, **kw: Any) -> Any:
        held.append(PDFIUM._is_owned())  # type: ignore[attr-defined]
        return real(*args, **kw)

    monkeypatch.setattr(pdfium, "PdfDocument", spy)
    document = pdf(1)
    content = attachments.FileContent("0" * 64, "application/pdf", document)
    attachment_preview.render_pdf_page(content, 0)
    sitrep_preview.render_pages(document)
    assert held == [True, True]


@pytest.mark.allow_log_warnings
def test_a_damaged_file_gets_its_thumbnail_once_sync_brings_a_good_copy(
    qtbot: QtBot, ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    from desk_app.ui.bus import DataBus

    incident_id = make_incident(ctx, admin)
    good = png(20, 20)
    photo = attach(ctx, admin, incident_id, tmp_path / "a.png", good)
    store = attachments.BlobStore(ctx.paths.attachments_dir)
    with ctx.db.read() as s:
        path = attachments.attachment_path(s, store, photo)
    path.write_bytes(png(20, 20, (0, 0, 0)))  # damaged: set aside when read
    bus = DataBus()
    pane = make_pane(qtbot, ctx, bus=bus)
    pane.show_incident(incident_id)
    assert row(pane, photo).text(1) == "Gambar PNG · rusak"
    store.put_bytes(hashlib.sha256(good).hexdigest(), good)  # the next sync fetched it
    bus.notify({"incident_attachment"}, "sync")
    assert row(pane, photo).text(1) == "Gambar PNG"
    assert icon_image(row(pane, photo)).pixelColor(THUMB_SIZE // 2, THUMB_SIZE // 2) == QColor(
        200, 30, 30
    )

"""Seeing an attachment inside the app: thumbnails for the Lampiran tab and a preview
dialog (images scaled to fit or at 100 %, PDF pages rendered one at a time with
pypdfium2), so a screenshot of a post is checked without an external viewer.

Only content that passes the store's sniff (``attachments.read_content``: PNG, JPEG, GIF,
WEBP, PDF, checked against its hash) is ever decoded, with the decoder the sniff names,
never one Qt guesses. Decoding bombs are refused before anything is allocated: an image's
dimensions are read from its header first, a PDF page is rendered at a size bounded in
pixels, and only the page shown (a PDF with thousands of pages costs one page). The
decoding functions make ``QImage``\\ s, not widgets, so they run on the task runner.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk_app.formats import format_number
from desk_app.services import attachments
from desk_app.services.attachments import AttachmentError, AttachmentView, BlobStore, FileContent
from desk_app.ui.context import UiContext
from desk_app.ui.pdfium_guard import PDFIUM
from desk_app.ui.screen_fit import fit_window
from desk_app.ui.tasks import LatestReads

#: The side of a thumbnail in the Lampiran list, in pixels.
THUMB_SIZE = 36
#: Images with more pixels than this (or a longer side) are not decoded: 40 MP is a
#: large phone photo; a PNG header claiming 60000 × 60000 is a bomb.
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 16_384
#: A rendered PDF page never has more pixels than this, whatever its page box claims.
MAX_PAGE_PIXELS = 8_000_000
#: A PDF page at "100 %": 96 pixels per inch, as the screen shows text.
PDF_SCALE = 96 / 72
#: Thumbnails kept in memory (the key is the content's hash, so they never go stale).
CACHE_ENTRIES = 500

_IMAGE_FORMATS = {
    "image/png": b"png",
    "image/jpeg": b"jpeg",
    "image/gif": b"gif",
    "image/webp": b"webp",
}


def _damaged(reason: str) -> AttachmentError:
    return AttachmentError(f"cannot be shown: {reason}", code="attachment_damaged", reason=reason)


# --- decoding (safe off the GUI thread) -----------------------------------------------------


def decode_image(content: FileContent, bound: QSize | None = None) -> QImage:
    """The image, scaled down into ``bound`` when given. Its size is read from the header
    before any pixel is: a bomb is refused (``attachment_image_too_large``) unread."""
    fmt = _IMAGE_FORMATS.get(content.media_type)
    if fmt is None:
        raise AttachmentError("not an image", code="attachment_type")
    data = QByteArray(content.data)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, fmt)
    reader.setAutoDetectImageFormat(False)  # the sniffed decoder, no other plugin
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise _damaged(reader.errorString())
    width, height = size.width(), size.height()
    if max(width, height) > MAX_IMAGE_SIDE or width * height > MAX_IMAGE_PIXELS:
        raise AttachmentError(
            f"image of {width} x {height} pixels",
            code="attachment_image_too_large",
            width=width,
            height=height,
        )
    if bound is not None and (width > bound.width() or height > bound.height()):
        scaled = size.scaled(bound, Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(scaled.expandedTo(QSize(1, 1)))
    image = reader.read()
    if image.isNull():
        raise _damaged(reader.errorString())
    return image


def render_pdf_page(
    content: FileContent, index: int, *, scale: float = PDF_SCALE, bound: QSize | None = None
) -> tuple[QImage, int]:
    """Page ``index`` of the PDF as an image, and the number of pages. Only that page is
    rendered; at ``scale`` (or to fit ``bound``), never above ``MAX_PAGE_PIXELS``."""
    if content.media_type != "application/pdf":
        raise AttachmentError("not a PDF", code="attachment_type")
    with PDFIUM:  # pdfium is not thread-safe
        try:
            document = pdfium.PdfDocument(content.data)
        except (pdfium.PdfiumError, ValueError, OSError) as exc:
            raise _damaged(str(exc)) from exc
        try:
            count = len(document)
            if count < 1:
                raise _damaged("no pages")
            page = document[max(0, min(index, count - 1))]
            try:
                width, height = page.get_size()
                if not (width > 0 and height > 0):
                    raise _damaged("empty page")
                if bound is not None:
                    scale = min(bound.width() / width, bound.height() / height)
                scale = min(scale, math.sqrt(MAX_PAGE_PIXELS / (width * height)))
                bitmap = page.render(scale=scale, rev_byteorder=True)
                try:
                    image = QImage(
                        bitmap.buffer,
                        bitmap.width,
                        bitmap.height,
                        bitmap.stride,
                        QImage.Format.Format_RGB888,
                    ).copy()
                finally:
                    bitmap.close()
            finally:
                page.close()
        except (pdfium.PdfiumError, ValueError) as exc:
            raise _damaged(str(exc)) from exc
        finally:
            document.close()
    return image, count


def make_thumbnail(store: BlobStore, sha256: str, side: int = THUMB_SIZE) -> QImage:
    """A thumbnail of a stored file (its first page for a PDF); raises ``AttachmentError``
    for a file that is missing, damaged, refused by the sniff or too large to decode."""
    content = attachments.read_content(store, sha256)
    bound = QSize(side, side)
    if content.media_type == "application/pdf":
        return render_pdf_page(content, 0, bound=bound)[0]
    return decode_image(content, bound)


# --- the thumbnails' memory -------------------------------------------------------------------


class ThumbnailCache:
    """Thumbnails (or why there is none) by content hash, the least recently used
    dropped first. Lives on the GUI thread; the workers only make ``QImage``\\ s."""

    def __init__(self, entries: int = CACHE_ENTRIES) -> None:
        self.entries = entries
        self._items: OrderedDict[str, QPixmap | AttachmentError] = OrderedDict()

    def get(self, sha256: str) -> QPixmap | AttachmentError | None:
        found = self._items.get(sha256)
        if found is not None:
            self._items.move_to_end(sha256)
        return found

    def put(self, sha256: str, value: QPixmap | AttachmentError) -> None:
        self._items[sha256] = value
        self._items.move_to_end(sha256)
        while len(self._items) > self.entries:
            self._items.popitem(last=False)

    def forget_problems(self) -> None:
        """Drop the reasons kept for files without a thumbnail: a sync may have brought a
        good copy of a damaged file (a thumbnail, made from the content, stays true)."""
        for sha256 in [k for k, v in self._items.items() if isinstance(v, AttachmentError)]:
            del self._items[sha256]

    def __len__(self) -> int:
        return len(self._items)


def square(image: QImage, side: int = THUMB_SIZE) -> QPixmap:
    """``image`` centred on a transparent square: every row's text starts at one place."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    picture = image.scaled(
        QSize(side, side),
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    painter = QPainter(pixmap)
    painter.drawImage((side - picture.width()) // 2, (side - picture.height()) // 2, picture)
    painter.end()
    return pixmap


def badge(text: str, side: int = THUMB_SIZE, *, color: str = "#9e9e9e") -> QPixmap:
    """A square placeholder with a short mark: "…" while loading, "!" for a problem."""
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(color), 1.5))
    painter.setBrush(QColor("#f2f2f2"))
    painter.drawRoundedRect(2, 2, side - 4, side - 4, 5, 5)
    font = painter.font()
    font.setPixelSize(max(10, side // 3))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(color))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


# --- the preview dialog -----------------------------------------------------------------------


class AttachmentPreviewDialog(QDialog):
    """One attachment, inside the app: an image scaled to fit (or at 100 %), or a PDF
    page by page. Reading and rendering run on the task runner; Esc closes."""

    def __init__(
        self,
        ui: UiContext,
        store: BlobStore,
        view: AttachmentView,
        *,
        error_text: Callable[[Exception], str],
        open_external: Callable[[], None],
        lang: str = "id",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentPreview")
        self._ui_context = ui
        self.store = store
        self.view = view
        self._error_text = error_text
        self._lang = lang
        self.content: FileContent | None = None
        self.image: QImage | None = None
        #: The page shown (0-based) and the count, for a PDF; None until read.
        self.page = 0
        self.page_count: int | None = None
        self.fit = True
        #: The file, a decoded image or a PDF page, read on the workers: only the one
        #: asked last is shown.
        self._reads = LatestReads(self, ui.tasks)
        tr = QCoreApplication.translate
        self.setWindowTitle(tr("AttachmentPreview", "Pratinjau: {0}").format(view.filename))

        self.fit_button = QPushButton(tr("AttachmentPreview", "&Pas layar"))
        self.fit_button.setObjectName("previewFit")
        self.fit_button.setCheckable(True)
        self.fit_button.setToolTip(tr("AttachmentPreview", "Seluruh gambar di jendela (Ctrl+0)"))
        self.fit_button.clicked.connect(lambda: self.set_fit(True))
        self.actual_button = QPushButton(tr("AttachmentPreview", "100 %"))
        self.actual_button.setObjectName("previewActualSize")
        self.actual_button.setCheckable(True)
        self.actual_button.setToolTip(tr("AttachmentPreview", "Ukuran sebenarnya (Ctrl+1)"))
        self.actual_button.clicked.connect(lambda: self.set_fit(False))
        self.previous_button = QPushButton(tr("AttachmentPreview", "◀ &Sebelumnya"))
        self.previous_button.setObjectName("previewPrevious")
        self.previous_button.setToolTip(tr("AttachmentPreview", "Halaman sebelumnya (Page Up)"))
        self.previous_button.clicked.connect(self.previous_page)
        self.page_label = QLabel()
        self.page_label.setObjectName("previewPage")
        self.next_button = QPushButton(tr("AttachmentPreview", "Be&rikutnya ▶"))
        self.next_button.setObjectName("previewNext")
        self.next_button.setToolTip(tr("AttachmentPreview", "Halaman berikutnya (Page Down)"))
        self.next_button.clicked.connect(self.next_page)
        bar = QHBoxLayout()
        bar.addWidget(self.fit_button)
        bar.addWidget(self.actual_button)
        bar.addStretch(1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)

        self.picture = QLabel()
        self.picture.setObjectName("previewPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("background: #707070;")  # a page's white edge shows
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.area = QScrollArea()
        self.area.setObjectName("previewArea")
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setWidget(self.picture)
        self.area.setWidgetResizable(True)
        self.message = QLabel()
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 11pt; padding: 24px;")

        self.open_button = QPushButton(tr("AttachmentPreview", "Bu&ka di aplikasi lain"))
        self.open_button.setObjectName("previewOpenExternal")
        self.open_button.setToolTip(
            tr("AttachmentPreview", "Buka berkas dengan penampil gambar atau PDF komputer ini")
        )
        self.open_button.clicked.connect(open_external)
        self.close_button = QPushButton(tr("AttachmentPreview", "&Tutup"))
        self.close_button.setObjectName("previewClose")
        self.close_button.clicked.connect(self.reject)
        self.close_button.setAutoDefault(False)
        self.open_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        self.details = QLabel(f"{view.filename} · {attachments.format_size(view.size, lang)}")
        self.details.setObjectName("previewDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bottom.addWidget(self.details, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.message, 1)
        layout.addLayout(bottom)

        for keys, slot in (
            (QKeySequence.StandardKey.MoveToNextPage, self.next_page),
            (QKeySequence.StandardKey.MoveToPreviousPage, self.previous_page),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        QShortcut(QKeySequence("Ctrl+0"), self, lambda: self.set_fit(True))
        QShortcut(QKeySequence("Ctrl+1"), self, lambda: self.set_fit(False))
        self._fit_screen()
        self._show_message(tr("AttachmentPreview", "Memuat…"))
        self._controls()

    def _fit_screen(self) -> None:
        """1000 × 700, at most the room on the screen (a 1366 × 768 one has less)."""
        fit_window(self, 1000, 700)

    # --- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Read the file (checked and sniffed) on the task runner, then show it."""
        store, sha256 = self.store, self.view.sha256
        self._reads.run(lambda: attachments.read_content(store, sha256), self._read, self._failed)

    def _read(self, content: FileContent) -> None:
        self.content = content
        if content.media_type == "application/pdf":
            self.show_page(0)
            return
        self._reads.run(lambda: decode_image(content), self._show_image, self._failed)

    def show_page(self, index: int) -> None:
        """Render page ``index`` of the PDF on the task runner (only that page)."""
        content = self.content
        if content is None or content.media_type != "application/pdf":
            return
        if self.page_count is not None:
            index = max(0, min(index, self.page_count - 1))
        self.page = index
        self._controls()

        def shown(result: tuple[QImage, int]) -> None:
            image, count = result
            self.page_count = count
            self._show_image(image)

        self._reads.run(lambda: render_pdf_page(content, index), shown, self._failed)

    def next_page(self) -> None:
        if self.page_count is not None and self.page + 1 < self.page_count:
            self.show_page(self.page + 1)

    def previous_page(self) -> None:
        if self.page_count is not None and self.page > 0:
            self.show_page(self.page - 1)

    def _failed(self, exc: Exception) -> None:
        self.image = None
        self._show_message(self._error_text(exc))
        self._controls()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.area.hide()

    def _show_image(self, image: QImage) -> None:
        self.image = image
        self.message.hide()
        self.area.show()
        self._apply_zoom()
        self._controls()

    # --- zoom ------------------------------------------------------------------------------

    def set_fit(self, fit: bool) -> None:
        self.fit = fit
        self._apply_zoom()
        self._controls()

    def _apply_zoom(self) -> None:
        if self.image is None:
            return
        pixmap = QPixmap.fromImage(self.image)
        if self.fit:
            room = self.area.viewport().size() - QSize(4, 4)
            if pixmap.width() > room.width() or pixmap.height() > room.height():
                pixmap = pixmap.scaled(
                    room.expandedTo(QSize(1, 1)),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
        self.area.setWidgetResizable(self.fit)
        self.picture.setPixmap(pixmap)
        if not self.fit:
            self.picture.resize(pixmap.size())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self._apply_zoom()

    def _controls(self) -> None:
        tr = QCoreApplication.translate
        shown = self.image is not None
        self.fit_button.setEnabled(shown)
        self.actual_button.setEnabled(shown)
        self.fit_button.setChecked(self.fit)
        self.actual_button.setChecked(not self.fit)
        is_pdf = self.view.media_type == "application/pdf" or (
            self.content is not None and self.content.media_type == "application/pdf"
        )
        for widget in (self.previous_button, self.page_label, self.next_button):
            widget.setVisible(is_pdf and self.page_count is not None)
        if self.page_count is not None:
            self.page_label.setText(
                tr("AttachmentPreview", "Halaman {0} dari {1}").format(
                    format_number(self.page + 1, self._lang, 0),
                    format_number(self.page_count, self._lang, 0),
                )
            )
            self.previous_button.setEnabled(self.page > 0)
            self.next_button.setEnabled(self.page + 1 < self.page_count)

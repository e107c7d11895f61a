"""Pages of a PDF as images inside the app (pypdfium2: the PySide6 wheels here have no
Qt PDF module), and printing them with QPrinter."""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desk_app.ui.pdfium_guard import one_at_a_time

#: Pages rendered for the preview; a long report shows its first pages and says so.
PREVIEW_PAGES = 40
PREVIEW_SCALE = 1.05


@one_at_a_time
def render_pages(
    pdf: bytes,
    *,
    scale: float = PREVIEW_SCALE,
    first: int = 0,
    limit: int | None = PREVIEW_PAGES,
    grayscale: bool = False,
) -> tuple[list[QImage], int]:
    """Page images (safe off the GUI thread: QImage is not a widget) and the page count."""
    document = pdfium.PdfDocument(pdf)
    try:
        count = len(document)
        last = count if limit is None else min(count, first + limit)
        images = []
        for index in range(first, last):
            page = document[index]
            bitmap = page.render(scale=scale, rev_byteorder=True, grayscale=grayscale)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_Grayscale8 if grayscale else QImage.Format.Format_RGB888,
            ).copy()
            images.append(image)
            bitmap.close()
            page.close()
        return images, count
    finally:
        document.close()


@one_at_a_time
def print_pdf(
    pdf: bytes, printer: QPrinter, progress: Callable[[int, int], None] | None = None
) -> int:
    """Print every page at the printer's resolution; returns the number of pages."""
    dpi = max(150, min(printer.resolution(), 300))
    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    try:
        count = len(document)
        if not painter.begin(printer):
            raise OSError("the printer could not be opened")
        for index in range(count):
            if index:
                printer.newPage()
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            target = QRectF(painter.viewport())
            size = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
            bitmap.close()
            page.close()
            if progress:
                progress(index + 1, count)
        return count
    finally:
        if painter.isActive():
            painter.end()
        document.close()


class PagesView(QScrollArea):
    """The pages one below the other, each with a shadow-like frame."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sitrepPages")
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._inner = QWidget()
        self._inner.setStyleSheet("background: #808080;")
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._layout.setSpacing(12)
        self.setWidget(self._inner)
        self.page_labels: list[QLabel] = []
        self.note = QLabel()
        self.note.setStyleSheet("color: white;")
        self.note.setObjectName("sitrepPagesNote")

    def clear(self) -> None:
        for label in self.page_labels:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        self._layout.removeWidget(self.note)
        self.note.hide()

    def show_pages(self, images: list[QImage], total: int, note: str = "") -> None:
        self.clear()
        for i, image in enumerate(images):
            label = QLabel()
            label.setObjectName(f"sitrepPage{i + 1}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #333; background: white;")
            label.setAccessibleName(f"{i + 1}/{total}")
            self._layout.addWidget(label)
            self.page_labels.append(label)
        if note:
            self.note.setText(note)
            self._layout.addWidget(self.note)
            self.note.show()

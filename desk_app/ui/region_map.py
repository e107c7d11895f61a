"""A schematic tile map of the 35 kabupaten/kota, coloured and patterned by alert level.

Each region is one tile on an 11 × 6 grid laid out from its seat's coordinates
(domain.md): west to east, north coast at the top, south coast at the bottom. Kota that
sit inside their kabupaten get the neighbouring tile. A tile shows the region's name and
its level in words, and the level's print pattern over its colour, so that it reads on a
grayscale screen or a photocopy. Clicking a tile (or moving with the arrow keys) selects
the region.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from desk_app.models.enums import AlertLevel
from desk_app.ui.labels import (
    ALERT_PATTERNS,
    alert_colour,
    alert_level_meaning,
    alert_level_name,
    alert_text_colour,
)

COLUMNS = 11
ROWS = 6

#: Tile of each region (column, row), drawn from the seats' coordinates by hand so that
#: neighbours stay neighbours; see the module docstring.
TILES: dict[str, tuple[int, int]] = {
    "33.20": (8, 0),  # Jepara
    "33.29": (0, 1),  # Brebes
    "33.76": (1, 1),  # Kota Tegal
    "33.27": (2, 1),  # Pemalang
    "33.75": (3, 1),  # Kota Pekalongan
    "33.25": (4, 1),  # Batang
    "33.24": (5, 1),  # Kendal
    "33.74": (6, 1),  # Kota Semarang
    "33.21": (7, 1),  # Demak
    "33.19": (8, 1),  # Kudus
    "33.18": (9, 1),  # Pati
    "33.17": (10, 1),  # Rembang
    "33.28": (1, 2),  # Tegal
    "33.26": (3, 2),  # Pekalongan
    "33.22": (6, 2),  # Semarang
    "33.15": (8, 2),  # Grobogan
    "33.16": (10, 2),  # Blora
    "33.02": (1, 3),  # Banyumas
    "33.03": (2, 3),  # Purbalingga
    "33.04": (3, 3),  # Banjarnegara
    "33.07": (4, 3),  # Wonosobo
    "33.23": (5, 3),  # Temanggung
    "33.73": (6, 3),  # Kota Salatiga
    "33.14": (9, 3),  # Sragen
    "33.01": (2, 4),  # Cilacap
    "33.05": (3, 4),  # Kebumen
    "33.06": (4, 4),  # Purworejo
    "33.71": (5, 4),  # Kota Magelang
    "33.08": (6, 4),  # Magelang
    "33.09": (7, 4),  # Boyolali
    "33.72": (8, 4),  # Kota Surakarta
    "33.13": (9, 4),  # Karanganyar
    "33.10": (7, 5),  # Klaten
    "33.11": (8, 5),  # Sukoharjo
    "33.12": (9, 5),  # Wonogiri
}

_LON_RANGE = (109.0, 111.45)
_LAT_RANGE = (-6.6, -7.85)


@dataclass(frozen=True)
class MapRegion:
    code: str
    name: str
    lat: float
    lon: float
    alert_level: str


def short_name(name: str) -> str:
    """ "Kabupaten Banyumas" → "Banyumas"; "Kota Tegal" → "Kota Tegal"."""
    return name.removeprefix("Kabupaten ").strip()


def layout_tiles(regions: Sequence[MapRegion]) -> dict[str, tuple[int, int]]:
    """Tiles for the regions: the fixed layout, and the nearest free tile for any other."""
    placed: dict[str, tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    for region in regions:
        tile = TILES.get(region.code)
        if tile is not None and tile not in taken:
            placed[region.code] = tile
            taken.add(tile)
    for region in regions:
        if region.code in placed:
            continue
        fx = (region.lon - _LON_RANGE[0]) / (_LON_RANGE[1] - _LON_RANGE[0]) * (COLUMNS - 1)
        fy = (region.lat - _LAT_RANGE[0]) / (_LAT_RANGE[1] - _LAT_RANGE[0]) * (ROWS - 1)
        free = [(c, r) for r in range(ROWS + 2) for c in range(COLUMNS) if (c, r) not in taken]
        tile = min(free, key=lambda t: math.hypot(t[0] - fx, t[1] - fy))
        placed[region.code] = tile
        taken.add(tile)
    return placed


class RegionMap(QWidget):
    """The tile map. ``region_clicked(code)`` when the user picks a region."""

    region_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regionMap")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(QSize(560, 260))
        self.setAccessibleName(self.tr("Peta status wilayah"))
        self._regions: dict[str, MapRegion] = {}
        self._tiles: dict[str, tuple[int, int]] = {}
        self._selected: str | None = None

    # -- data ----------------------------------------------------------------------------

    def set_regions(self, regions: Sequence[MapRegion]) -> None:
        self._regions = {r.code: r for r in regions}
        self._tiles = layout_tiles(regions)
        self.update()

    def set_level(self, code: str, level: str) -> None:
        region = self._regions.get(code)
        if region is not None:
            self._regions[code] = MapRegion(region.code, region.name, region.lat, region.lon, level)
            self.update()

    def level_of(self, code: str) -> str | None:
        region = self._regions.get(code)
        return region.alert_level if region else None

    def selected_code(self) -> str | None:
        return self._selected

    def select(self, code: str | None) -> None:
        """Highlight a region (without emitting ``region_clicked``)."""
        if code != self._selected:
            self._selected = code
            self.update()

    # -- geometry ------------------------------------------------------------------------

    def _rows_used(self) -> int:
        return max([ROWS, *(r + 1 for _, r in self._tiles.values())])

    def tile_rect(self, code: str) -> QRectF:
        column, row = self._tiles[code]
        margin = 4.0
        width = (self.width() - 2 * margin) / COLUMNS
        height = (self.height() - 2 * margin) / self._rows_used()
        return QRectF(margin + column * width, margin + row * height, width, height).adjusted(
            2, 2, -2, -2
        )

    def code_at(self, point: QPoint) -> str | None:
        for code in self._tiles:
            if self.tile_rect(code).contains(point.toPointF()):
                return code
        return None

    def sizeHint(self) -> QSize:
        return QSize(COLUMNS * 96, ROWS * 52)

    # -- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._tiles:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Memuat…"))
            return
        name_font = QFont(self.font())
        level_font = QFont(self.font())
        level_font.setBold(True)
        sample = self.tile_rect(next(iter(self._tiles)))
        fit = min(sample.height() / 3.2, sample.width() / 7.5)
        name_font.setPixelSize(max(9, min(16, int(fit))))
        level_font.setPixelSize(max(8, min(13, int(fit * 0.85))))
        for code, region in self._regions.items():
            if code in self._tiles:
                self._paint_tile(painter, region, self.tile_rect(code), name_font, level_font)
        painter.end()

    def _paint_tile(
        self,
        painter: QPainter,
        region: MapRegion,
        rect: QRectF,
        name_font: QFont,
        level_font: QFont,
    ) -> None:
        level = region.alert_level
        fill = alert_colour(level)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4, 4)
        pattern = ALERT_PATTERNS.get(level, Qt.BrushStyle.NoBrush)
        if pattern != Qt.BrushStyle.NoBrush:
            painter.setBrush(QBrush(QColor(0, 0, 0, 110), pattern))
            painter.drawRoundedRect(rect, 4, 4)
        selected = region.code == self._selected
        pen = QPen(QColor("#111111"), 3.5 if selected else 1.0)
        if selected:
            pen.setStyle(Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 4, 4)
        if selected and self.hasFocus():
            painter.setPen(QPen(QColor("#ffffff"), 1.0, Qt.PenStyle.DotLine))
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 3, 3)

        # The words sit on a plain plate so that the pattern never hides them.
        name = short_name(region.name)
        level_text = alert_level_name(level).upper()
        name_metrics = QFontMetrics(name_font)
        level_metrics = QFontMetrics(level_font)
        inner = rect.adjusted(3, 3, -3, -3)
        name = name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(inner.width()))
        text_width = max(
            name_metrics.horizontalAdvance(name), level_metrics.horizontalAdvance(level_text)
        )
        text_height = name_metrics.height() + level_metrics.height()
        plate = QRectF(0, 0, min(inner.width(), text_width + 6), min(inner.height(), text_height))
        plate.moveCenter(rect.center())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill.lighter(115) if level != AlertLevel.AWAS.value else fill)
        painter.drawRoundedRect(plate, 3, 3)
        painter.setPen(alert_text_colour(level))
        name_rect = QRectF(plate.left(), plate.top(), plate.width(), name_metrics.height())
        level_rect = QRectF(plate.left(), name_rect.bottom(), plate.width(), level_metrics.height())
        painter.setFont(name_font)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignCenter, name)
        painter.setFont(level_font)
        painter.drawText(level_rect, Qt.AlignmentFlag.AlignCenter, level_text)

    # -- interaction ---------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            code = self.code_at(event.position().toPoint())
            if code is not None:
                self.select(code)
                self.region_clicked.emit(code)
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        step = moves.get(Qt.Key(event.key()))
        if step is None or not self._tiles:
            super().keyPressEvent(event)
            return
        code = self._neighbour(self._selected, step)
        if code is not None:
            self.select(code)
            self.region_clicked.emit(code)

    def _neighbour(self, code: str | None, step: tuple[int, int]) -> str | None:
        if code is None or code not in self._tiles:
            return min(self._tiles)
        column, row = self._tiles[code]
        best: tuple[float, str] | None = None
        for other, (c, r) in self._tiles.items():
            dc, dr = c - column, r - row
            along = dc * step[0] + dr * step[1]
            if along <= 0:
                continue
            across = abs(dc * step[1]) + abs(dr * step[0])
            score = along + 2 * across
            if best is None or score < best[0]:
                best = (score, other)
        return best[1] if best else code

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            code = self.code_at(event.pos())
            region = self._regions.get(code or "")
            if region is not None:
                QToolTip.showText(
                    event.globalPos(),
                    f"{region.code} {region.name}\n"
                    f"{alert_level_name(region.alert_level)} — "
                    f"{alert_level_meaning(region.alert_level)}",
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class AlertLegend(QWidget):
    """The four levels with their colour, pattern, name and meaning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertLegend")
        self.setMinimumHeight(28)

    def sizeHint(self) -> QSize:
        return QSize(720, 28)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = painter.fontMetrics()
        x = 4.0
        for level in AlertLevel:
            swatch = QRectF(x, (self.height() - 18) / 2, 30, 18)
            painter.setPen(QPen(QColor("#111111"), 1))
            painter.setBrush(alert_colour(level.value))
            painter.drawRect(swatch)
            pattern = ALERT_PATTERNS[level.value]
            if pattern != Qt.BrushStyle.NoBrush:
                painter.setBrush(QBrush(QColor(0, 0, 0, 110), pattern))
                painter.drawRect(swatch)
            text = f"{alert_level_name(level.value)} ({alert_level_meaning(level.value)})"
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                QRectF(swatch.right() + 6, 0, metrics.horizontalAdvance(text) + 4, self.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                text,
            )
            x = swatch.right() + 6 + metrics.horizontalAdvance(text) + 22
        painter.end()

"""A schematic tile map of the 35 kabupaten/kota, coloured and patterned by alert level.

Each region is one tile at its cell of the grid shared with the printed sitrep
(``desk_app.services.region_tiles``): west to east, the north coast at the top. A tile
shows the region's name and its level in words, and the level's print pattern over its
colour, so that it reads on a grayscale screen or a photocopy. Clicking a tile (or
moving with the arrow keys) selects the region.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from desk_app.models.enums import AlertLevel
from desk_app.services.region_tiles import GRID_COLUMNS, GRID_ROWS, place_tiles, tile_labels
from desk_app.ui.labels import (
    ALERT_PATTERNS,
    alert_colour,
    alert_level_meaning,
    alert_level_name,
    alert_text_colour,
)


@dataclass(frozen=True)
class MapRegion:
    code: str
    name: str
    lat: float
    lon: float
    alert_level: str


@dataclass(frozen=True)
class TileFonts:
    """The fonts of every tile at one tile size: one size for all names."""

    name: QFont
    small: QFont  # "Kota"/"Kab." above the name
    level: QFont


#: Pixel sizes of the names: the largest that lets every name fit its tile, not below
#: the minimum (a name that still does not fit is elided: only on a very narrow window).
NAME_PX_MAX = 16
NAME_PX_MIN = 9

#: The map's least height (pixels): five rows of tiles.
MIN_HEIGHT = 228


class RegionMap(QWidget):
    """The tile map. ``region_clicked(code)`` when the user picks a region."""

    region_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regionMap")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        # 44 pixels a row of tiles at the least: room for three lines ("Kota", the name,
        # the level) at an 11-pixel name, and for the region's lists below the map in a
        # window maximized on a 1366×768 screen.
        self.setMinimumSize(QSize(560, MIN_HEIGHT))
        self.setAccessibleName(self.tr("Peta status wilayah"))
        self._regions: dict[str, MapRegion] = {}
        self._tiles: dict[str, tuple[int, int]] = {}
        self._labels: dict[str, tuple[str, ...]] = {}
        self._selected: str | None = None
        self._fonts_cache: tuple[tuple[object, ...], TileFonts] | None = None

    # -- data ----------------------------------------------------------------------------

    def set_regions(self, regions: Sequence[MapRegion]) -> None:
        self._regions = {r.code: r for r in regions}
        self._tiles = place_tiles(regions)
        self._labels = tile_labels({r.code: r.name for r in regions})
        self._fonts_cache = None
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

    def tile_of(self, code: str) -> tuple[int, int] | None:
        """The region's cell (column, row) on the shared grid."""
        return self._tiles.get(code)

    def tile_label(self, code: str) -> tuple[str, ...]:
        """The lines of the region's name on its tile ("Kota" / "Pekalongan")."""
        return self._labels.get(code, ())

    # -- geometry ------------------------------------------------------------------------

    def _grid_size(self) -> tuple[int, int]:
        columns = max([GRID_COLUMNS, *(c + 1 for c, _ in self._tiles.values())])
        rows = max([GRID_ROWS, *(r + 1 for _, r in self._tiles.values())])
        return columns, rows

    def tile_rect(self, code: str) -> QRectF:
        column, row = self._tiles[code]
        columns, rows = self._grid_size()
        margin = 4.0
        width = (self.width() - 2 * margin) / columns
        height = (self.height() - 2 * margin) / rows
        return QRectF(margin + column * width, margin + row * height, width, height).adjusted(
            2, 2, -2, -2
        )

    def text_rect(self, code: str) -> QRectF:
        """The room for the words inside a tile."""
        return self.tile_rect(code).adjusted(4, 3, -4, -3)

    def code_at(self, point: QPoint) -> str | None:
        for code in self._tiles:
            if self.tile_rect(code).contains(point.toPointF()):
                return code
        return None

    def sizeHint(self) -> QSize:
        return QSize(GRID_COLUMNS * 96, GRID_ROWS * 56)

    # -- painting ------------------------------------------------------------------------

    def tile_fonts(self) -> TileFonts:
        """One name size for every tile: the largest at which every name fits its tile."""
        if not self._tiles:
            return TileFonts(self.font(), self.font(), self.font())
        room = self.text_rect(next(iter(self._tiles)))
        levels = tuple(alert_level_name(level.value) for level in AlertLevel)
        key = (int(room.width()), int(room.height()), self.font().key(), levels)
        if self._fonts_cache is not None and self._fonts_cache[0] == key:
            return self._fonts_cache[1]
        fonts = None
        for px in range(NAME_PX_MAX, NAME_PX_MIN - 1, -1):
            fonts = self._fonts_at(px)
            if not self._crowded(fonts, room.width(), room.height()):
                break
        assert fonts is not None
        self._fonts_cache = (key, fonts)
        return fonts

    def _fonts_at(self, px: int) -> TileFonts:
        name = QFont(self.font())
        name.setPixelSize(px)
        small = QFont(self.font())
        small.setPixelSize(max(8, round(px * 0.8)))
        level = QFont(small)
        level.setBold(True)
        return TileFonts(name, small, level)

    def _crowded(self, fonts: TileFonts, width: float, height: float) -> list[str]:
        name = QFontMetricsF(fonts.name)
        small = QFontMetricsF(fonts.small)
        level = QFontMetricsF(fonts.level)
        # The widest level, so that the size does not change with a region's level.
        level_width = max(
            level.horizontalAdvance(alert_level_name(lv.value).upper()) for lv in AlertLevel
        )
        crowded = []
        for code, lines in self._labels.items():
            *prefix, main = lines or ("",)
            widths = [name.horizontalAdvance(main), level_width]
            widths += [small.horizontalAdvance(p) for p in prefix]
            lines_height = name.height() + small.height() * len(prefix) + level.height()
            if max(widths) > width or lines_height > height:
                crowded.append(code)
        return crowded

    def crowded_tiles(self) -> list[str]:
        """The regions whose words do not fit their tile at the present size: their
        names are elided. None at the map's size in a 1024 × 700 window and larger."""
        if not self._tiles:
            return []
        room = self.text_rect(next(iter(self._tiles)))
        return self._crowded(self.tile_fonts(), room.width(), room.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._tiles:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Memuat…"))
            return
        fonts = self.tile_fonts()
        for code, region in self._regions.items():
            if code in self._tiles:
                self._paint_tile(painter, region, fonts)
        painter.end()

    def _paint_tile(self, painter: QPainter, region: MapRegion, fonts: TileFonts) -> None:
        rect = self.tile_rect(region.code)
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
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 4, 4)
        if selected and self.hasFocus():
            painter.setPen(QPen(QColor("#ffffff"), 1.0, Qt.PenStyle.DotLine))
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 3, 3)

        # The words sit on a plain plate so that the pattern never hides them; the
        # pattern shows around it.
        room = self.text_rect(region.code)
        *prefix, name = self._labels.get(region.code) or (region.name,)
        name_metrics = QFontMetricsF(fonts.name)
        small_metrics = QFontMetricsF(fonts.small)
        level_metrics = QFontMetricsF(fonts.level)
        level_text = alert_level_name(level).upper()
        lines = [(text, fonts.small, small_metrics) for text in prefix]
        lines += [(name, fonts.name, name_metrics), (level_text, fonts.level, level_metrics)]
        # Only a map much narrower than in a 1024 × 700 window elides (crowded_tiles).
        lines = [
            (metrics.elidedText(text, Qt.TextElideMode.ElideRight, room.width()), font, metrics)
            for text, font, metrics in lines
        ]
        text_width = max(metrics.horizontalAdvance(text) for text, _, metrics in lines)
        text_height = sum(metrics.height() for _, _, metrics in lines)
        plate = QRectF(0, 0, min(room.width() + 4, text_width + 8), min(room.height(), text_height))
        plate.moveCenter(rect.center())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill.lighter(115) if level != AlertLevel.AWAS.value else fill)
        painter.drawRoundedRect(plate, 3, 3)
        painter.setPen(alert_text_colour(level))
        top = plate.top()
        for text, font, metrics in lines:
            line = QRectF(plate.left(), top, plate.width(), metrics.height())
            painter.setFont(font)
            painter.drawText(line, Qt.AlignmentFlag.AlignCenter, text)
            top = line.bottom()

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

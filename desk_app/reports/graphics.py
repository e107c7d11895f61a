"""Vector graphics of the sitrep: the status map of the 35 regions and the trend chart.

Everything must read on a black-and-white photocopy: each alert level has a colour *and*
a pattern (Kondusif none, Waspada light dots, Siaga diagonal hatch, Awas dense
cross-hatch) and every tile carries its region's name and level in words.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk_app.reports.data import RegionLine, Trend
from desk_app.reports.fonts import BOLD, CONDENSED, CONDENSED_BOLD, REGULAR
from desk_app.services.region_tiles import GRID_COLUMNS, GRID_ROWS, place_tiles, tile_labels

#: Each level's colour, darker as the level rises, so that a grey copy keeps the order:
#: Kondusif lightest, Awas darkest (its words in white).
LEVEL_COLOURS = {
    "kondusif": colors.HexColor("#eaf6e6"),
    "waspada": colors.HexColor("#ffdf6b"),
    "siaga": colors.HexColor("#ec8a2c"),
    "awas": colors.HexColor("#9e1a14"),
}
LEVEL_INK = {
    "kondusif": colors.black,
    "waspada": colors.black,
    "siaga": colors.black,
    "awas": colors.white,
}
PATTERN_INK = colors.HexColor("#1a1a1a")
#: A level's fill and the ink of words on it.
LEVEL_GREYS = {level: (LEVEL_COLOURS[level], LEVEL_INK[level]) for level in LEVEL_COLOURS}


def _drawing(width: float, height: float) -> Drawing:
    """A drawing whose default font is the report's (not Helvetica, which is not
    embedded)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = REGULAR
    return drawing


def _hatch(group: Group, x: float, y: float, w: float, h: float, step: float, up: bool) -> None:
    """Diagonal lines across a rectangle, clipped to it."""
    width = 0.7
    if up:  # y = x + c
        c = y - (x + w)
        while c <= (y + h) - x:
            x0, x1 = max(x, y - c), min(x + w, y + h - c)
            if x1 > x0:
                group.add(Line(x0, x0 + c, x1, x1 + c, strokeColor=PATTERN_INK, strokeWidth=width))
            c += step
    else:  # y = -x + c
        c = y + x
        while c <= (y + h) + (x + w):
            x0, x1 = max(x, c - (y + h)), min(x + w, c - y)
            if x1 > x0:
                group.add(Line(x0, c - x0, x1, c - x1, strokeColor=PATTERN_INK, strokeWidth=width))
            c += step


def pattern_swatch(level: str, x: float, y: float, w: float, h: float) -> Group:
    """A rectangle in the level's colour and print pattern."""
    group = Group()
    group.add(Rect(x, y, w, h, fillColor=LEVEL_COLOURS.get(level, colors.white), strokeColor=None))
    if level == "waspada":
        step = 3.6
        row = 0
        yy = y + step / 2
        while yy < y + h:
            xx = x + (step / 2 if row % 2 else step)
            while xx < x + w - 0.5:
                group.add(Circle(xx, yy, 0.55, fillColor=PATTERN_INK, strokeColor=None))
                xx += step
            yy += step / 1.6
            row += 1
    elif level == "siaga":
        _hatch(group, x, y, w, h, 4.2, up=True)
    elif level == "awas":
        _hatch(group, x, y, w, h, 2.6, up=True)
        _hatch(group, x, y, w, h, 2.6, up=False)
    group.add(Rect(x, y, w, h, fillColor=None, strokeColor=PATTERN_INK, strokeWidth=0.6))
    return group


#: Tile geometry in points. Eleven tiles share the text width (under 44 points each), so
#: the gaps are thin and the white panel spans the tile: the width goes to the names, and
#: the pattern shows in full in the band above the panel.
TILE_GAP = 0.8
TILE_RATIO = 1.3
TEXT_PAD = 0.7
PATTERN_BAND = 10.5
#: One size for every region's name: the largest at which the longest name fits, within
#: these bounds. Nothing on the map is smaller than 7 points (a poor copy still reads it):
#: in DejaVu Sans Condensed "Banjarnegara" fits its tile at 7 points.
NAME_FONT = CONDENSED
NAME_FONT_BOLD = CONDENSED_BOLD
NAME_MAX = 7.0
NAME_MIN = 7.0
PREFIX_SIZE = 7.0
CODE_SIZE = 7.0
LEVEL_SIZE = 7.0


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The largest size not above ``size`` at which ``text`` fits ``width``."""
    actual = stringWidth(text, font, size)
    return size if actual <= width else max(4.0, size * width / actual)


def name_size(labels: Sequence[Sequence[str]], width: float) -> float:
    """The one size for the names on the tiles: the largest at which all of them fit
    ``width``, within ``NAME_MIN`` and ``NAME_MAX`` (a longer name than any of the 35
    shrinks alone below it, see :func:`status_map`)."""
    names = [lines[-1] for lines in labels if lines]
    fitting = min((_fit(name, NAME_FONT, NAME_MAX, width) for name in names), default=NAME_MAX)
    return max(NAME_MIN, fitting)


def status_map(regions: Sequence[RegionLine], level_names: dict[str, str], width: float) -> Drawing:
    """The 35 tiles on the shared grid (``desk_app.services.region_tiles``), each in its
    level's colour and pattern with the region's code, name and level in words."""
    positions = place_tiles(regions)
    # The whole grid, as on screen, so that the tiles keep their size and place.
    columns = max([GRID_COLUMNS, *(c + 1 for c, _ in positions.values())])
    rows = max([GRID_ROWS, *(r + 1 for _, r in positions.values())])
    tile_w = (width - TILE_GAP * (columns - 1)) / columns
    tile_h = tile_w * TILE_RATIO
    height = rows * tile_h + (rows - 1) * TILE_GAP
    drawing = _drawing(width, height)
    labels = tile_labels({r.code: r.name for r in regions})
    text_w = tile_w - 2 * TEXT_PAD
    size = name_size(list(labels.values()), text_w)
    for region in regions:
        col, row = positions[region.code]
        x = col * (tile_w + TILE_GAP)
        y = height - (row + 1) * tile_h - row * TILE_GAP
        drawing.add(pattern_swatch(region.level, x, y, tile_w, tile_h))
        # A panel in the level's solid colour, so the words read over no pattern and the
        # tile's whole area shows the level (white words on Awas).
        px, py, pw = x + 0.3, y + 0.3, tile_w - 0.6
        ph = tile_h - 0.3 - PATTERN_BAND
        ink = LEVEL_INK.get(region.level, colors.black)
        drawing.add(
            Rect(
                px,
                py,
                pw,
                ph,
                fillColor=LEVEL_COLOURS.get(region.level, colors.white),
                strokeColor=None,
            )
        )
        drawing.add(Line(x, py + ph, x + tile_w, py + ph, strokeColor=PATTERN_INK, strokeWidth=0.5))
        centre = px + pw / 2
        drawing.add(
            _text(centre, py + ph - CODE_SIZE - 0.6, region.code, CONDENSED, CODE_SIZE, ink)
        )
        *prefix, name = labels[region.code]
        level_text = level_names.get(region.level, region.level).upper()
        level_font = CONDENSED_BOLD if region.level in ("siaga", "awas") else CONDENSED
        level_y = py + 2.0
        drawing.add(
            _text(
                centre,
                level_y,
                level_text,
                level_font,
                max(LEVEL_SIZE, _fit(level_text, level_font, LEVEL_SIZE, text_w)),
                ink,
            )
        )
        # The name (and "Kota"/"Kab." above it) in the middle of the space between the
        # code and the level.
        name_h = size + (PREFIX_SIZE + 0.6 if prefix else 0)
        top = py + ph - CODE_SIZE - 1.6
        bottom = level_y + LEVEL_SIZE + 0.8
        baseline = (top + bottom) / 2 - name_h / 2
        if prefix:
            drawing.add(
                _text(centre, baseline + size + 0.6, prefix[0], CONDENSED, PREFIX_SIZE, ink)
            )
        name_font = NAME_FONT_BOLD if region.level in ("siaga", "awas") else NAME_FONT
        fitted = max(NAME_MIN, _fit(name, name_font, size, text_w))
        if name_font is NAME_FONT_BOLD and _fit(name, name_font, size, text_w) < NAME_MIN:
            name_font = NAME_FONT  # bold does not fit at the minimum: regular does
        drawing.add(_text(centre, baseline, name, name_font, fitted, ink))
    return drawing


def _text(
    x: float, y: float, text: str, font: str, size: float, ink: colors.Color = colors.black
) -> String:
    return String(x, y, text, fontName=font, fontSize=size, textAnchor="middle", fillColor=ink)


def map_legend(counts: dict[str, int], level_names: dict[str, str], width: float) -> Drawing:
    """Four swatches with the level's name and how many regions are at it."""
    height = 22.0
    drawing = _drawing(width, height)
    cell = width / 4
    for i, level in enumerate(("kondusif", "waspada", "siaga", "awas")):
        x = i * cell
        drawing.add(pattern_swatch(level, x, 3, 26, 16))
        drawing.add(
            String(
                x + 31,
                8,
                f"{level_names[level]} ({counts.get(level, 0)})",
                fontName=BOLD,
                fontSize=8.5,
                fillColor=colors.black,
            )
        )
    return drawing


#: Series fills that differ in lightness as well as hue, for grayscale copies.
TREND_FILLS = [
    colors.HexColor("#1b365d"),
    colors.HexColor("#c0504d"),
    colors.HexColor("#7fb24a"),
    colors.HexColor("#f5c342"),
    colors.HexColor("#f2f2f2"),
]
TREND_SERIES = 5


def trend_series(trend: Trend) -> list[tuple[str | None, tuple[int, ...]]]:
    """The four biggest categories over the 14 days and the rest as one series."""
    ranked = sorted(trend.series, key=lambda s: -sum(s[1]))
    top = ranked[: TREND_SERIES - 1] if len(ranked) > TREND_SERIES else ranked
    rest = [s for s in ranked if s not in top]
    top_codes = {code for code, _ in top}
    series: list[tuple[str | None, tuple[int, ...]]] = [
        (code, values) for code, values in trend.series if code in top_codes
    ]
    if rest:
        series.append((None, tuple(sum(s[1][i] for s in rest) for i in range(len(trend.days)))))
    return series


def trend_chart(
    trend: Trend, series_names: list[str], day_labels: list[str], width: float
) -> Drawing:
    series = trend_series(trend)
    height = 190.0
    legend_h = 14.0 * ((len(series) + 2) // 3)
    drawing = _drawing(width, height + legend_h)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, legend_h + 30
    chart.width, chart.height = width - 40, height - 40
    chart.data = [list(values) for _, values in series] or [[0] * len(trend.days)]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = day_labels
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 0
    chart.categoryAxis.labels.dy = -4
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    peak = max(trend.per_day or (0,))
    chart.valueAxis.valueMax = max(4, peak + max(1, peak // 10))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#bbbbbb")
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.barSpacing = 0
    chart.groupSpacing = 6
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.4
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = TREND_FILLS[i % len(TREND_FILLS)]
    drawing.add(chart)
    # Day totals above the bars, so the chart is exact even on a bad copy.
    per_day = trend.per_day
    step = chart.width / max(1, len(per_day))
    vmax = float(chart.valueAxis.valueMax)
    for i, total in enumerate(per_day):
        if total:
            drawing.add(
                String(
                    chart.x + step * (i + 0.5),
                    chart.y + chart.height * total / vmax + 2,
                    str(total),
                    fontName=BOLD,
                    fontSize=6.5,
                    textAnchor="middle",
                )
            )
    # Legend below the chart, three per row.
    col_w = width / 3
    for i, name in enumerate(series_names[: len(series)]):
        x = (i % 3) * col_w + 4
        y = legend_h - 12 - (i // 3) * 14
        drawing.add(
            Rect(x, y, 14, 9, fillColor=TREND_FILLS[i], strokeColor=colors.black, strokeWidth=0.4)
        )
        drawing.add(String(x + 18, y + 1.5, name, fontName=REGULAR, fontSize=7.5))
    return drawing

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

LEVEL_COLOURS = {
    "kondusif": colors.HexColor("#9fd89a"),
    "waspada": colors.HexColor("#ffe45c"),
    "siaga": colors.HexColor("#f7a541"),
    "awas": colors.HexColor("#e4473c"),
}
PATTERN_INK = colors.HexColor("#1a1a1a")

#: A schematic tile grid of Jawa Tengah (column west→east, row north→south), laid out from
#: the seats' coordinates so that neighbours stay neighbours and no label overlaps another.
TILE_GRID: dict[str, tuple[int, int]] = {
    "33.20": (7, 0),  # Jepara
    "33.19": (8, 0),  # Kudus
    "33.18": (9, 0),  # Pati
    "33.17": (10, 0),  # Rembang
    "33.29": (0, 1),  # Brebes
    "33.76": (1, 1),  # Kota Tegal
    "33.27": (2, 1),  # Pemalang
    "33.75": (3, 1),  # Kota Pekalongan
    "33.25": (4, 1),  # Batang
    "33.24": (5, 1),  # Kendal
    "33.74": (6, 1),  # Kota Semarang
    "33.21": (7, 1),  # Demak
    "33.15": (8, 1),  # Grobogan
    "33.16": (9, 1),  # Blora
    "33.28": (1, 2),  # Tegal
    "33.03": (2, 2),  # Purbalingga
    "33.26": (3, 2),  # Pekalongan
    "33.07": (4, 2),  # Wonosobo
    "33.23": (5, 2),  # Temanggung
    "33.22": (6, 2),  # Semarang
    "33.73": (7, 2),  # Kota Salatiga
    "33.14": (8, 2),  # Sragen
    "33.02": (1, 3),  # Banyumas
    "33.04": (2, 3),  # Banjarnegara
    "33.05": (3, 3),  # Kebumen
    "33.06": (4, 3),  # Purworejo
    "33.71": (5, 3),  # Kota Magelang
    "33.09": (6, 3),  # Boyolali
    "33.72": (7, 3),  # Kota Surakarta
    "33.13": (8, 3),  # Karanganyar
    "33.01": (1, 4),  # Cilacap
    "33.08": (5, 4),  # Magelang
    "33.10": (6, 4),  # Klaten
    "33.11": (7, 4),  # Sukoharjo
    "33.12": (8, 4),  # Wonogiri
}
GRID_COLUMNS = 11
GRID_ROWS = 5


def _grid_positions(regions: Sequence[RegionLine]) -> dict[str, tuple[int, int]]:
    """Known tiles from the grid; any other region from its coordinates, in a free cell."""
    positions: dict[str, tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    for r in regions:
        if r.code in TILE_GRID:
            positions[r.code] = TILE_GRID[r.code]
            taken.add(TILE_GRID[r.code])
    rows = GRID_ROWS
    for r in regions:
        if r.code in positions:
            continue
        want = (
            max(0, min(GRID_COLUMNS - 1, round((r.lon - 109.0) / 0.24))),
            max(0, round((-6.6 - r.lat) / 0.25)),
        )
        cells = [(c, row) for row in range(rows + 3) for c in range(GRID_COLUMNS)]
        free = [cell for cell in cells if cell not in taken]
        cell = min(free, key=lambda c: ((c[0] - want[0]) ** 2 + (c[1] - want[1]) ** 2, c))
        positions[r.code] = cell
        taken.add(cell)
    return positions


def short_names(regions: Sequence[RegionLine]) -> dict[str, list[str]]:
    """Tile labels: "Kota" on its own line; "Kab." where a kota shares the name."""
    bare = {r.code: r.name.removeprefix("Kabupaten ").removeprefix("Kota ") for r in regions}
    counts: dict[str, int] = {}
    for name in bare.values():
        counts[name] = counts.get(name, 0) + 1
    labels = {}
    for r in regions:
        name = bare[r.code]
        if r.name.startswith("Kota "):
            labels[r.code] = ["Kota", name]
        elif counts[name] > 1:
            labels[r.code] = ["Kab.", name]
        else:
            labels[r.code] = [name]
    return labels


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


def _fit(text: str, font: str, size: float, width: float) -> float:
    """The largest size not above ``size`` at which ``text`` fits ``width``."""
    actual = stringWidth(text, font, size)
    return size if actual <= width else max(4.0, size * width / actual)


def status_map(regions: Sequence[RegionLine], level_names: dict[str, str], width: float) -> Drawing:
    positions = _grid_positions(regions)
    columns = max(c for c, _ in positions.values()) + 1
    rows = max(r for _, r in positions.values()) + 1
    gap = 3.0
    tile_w = (width - gap * (columns - 1)) / columns
    tile_h = tile_w * 1.06
    height = rows * tile_h + (rows - 1) * gap
    drawing = Drawing(width, height)
    names = short_names(regions)
    for region in regions:
        col, row = positions[region.code]
        x = col * (tile_w + gap)
        y = height - (row + 1) * tile_h - row * gap
        drawing.add(pattern_swatch(region.level, x, y, tile_w, tile_h))
        # A white label panel, so the words read over any pattern; the pattern shows in
        # the band above it and around its edges.
        px, pw = x + 2.4, tile_w - 4.8
        py = y + 2.4
        ph = tile_h - 2.4 - 10
        drawing.add(
            Rect(px, py, pw, ph, fillColor=colors.white, strokeColor=PATTERN_INK, strokeWidth=0.4)
        )
        lines = names[region.code]
        level_text = level_names.get(region.level, region.level).upper()
        size = min(_fit(line, CONDENSED_BOLD, 6.4, pw - 2) for line in lines)
        level_size = _fit(level_text, CONDENSED, 5.6, pw - 2)
        drawing.add(
            String(
                px + pw / 2,
                py + ph - 6,
                region.code,
                fontName=CONDENSED,
                fontSize=5,
                textAnchor="middle",
                fillColor=colors.black,
            )
        )
        top = py + ph - 7.5 - size
        for i, line in enumerate(lines):
            drawing.add(
                String(
                    px + pw / 2,
                    top - i * (size + 0.8),
                    line,
                    fontName=CONDENSED_BOLD,
                    fontSize=size,
                    textAnchor="middle",
                    fillColor=colors.black,
                )
            )
        drawing.add(
            String(
                px + pw / 2,
                py + 2.2,
                level_text,
                fontName=CONDENSED_BOLD if region.level in ("siaga", "awas") else CONDENSED,
                fontSize=level_size,
                textAnchor="middle",
                fillColor=colors.black,
            )
        )
    return drawing


def map_legend(counts: dict[str, int], level_names: dict[str, str], width: float) -> Drawing:
    """Four swatches with the level's name and how many regions are at it."""
    height = 22.0
    drawing = Drawing(width, height)
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
    drawing = Drawing(width, height + legend_h)
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

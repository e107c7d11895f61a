"""The sitrep's status map: the shared tile layout, and names that read on paper."""

from __future__ import annotations

import itertools

from reportlab.graphics.shapes import Drawing, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from desk_app.reports.data import RegionLine
from desk_app.reports.fonts import register_fonts
from desk_app.reports.graphics import NAME_MIN, TILE_GAP, TILE_RATIO, status_map
from desk_app.reports.layout import CONTENT_W
from desk_app.resources import region_seeds
from desk_app.services.region_tiles import GRID_COLUMNS, place_tiles

LEVEL_NAMES = {"kondusif": "Kondusif", "waspada": "Waspada", "siaga": "Siaga", "awas": "Awas"}
LEVELS = {"33.74": "awas", "33.04": "waspada", "33.13": "siaga"}


def _regions() -> list[RegionLine]:
    return [
        RegionLine(
            s.code, s.name, s.lat, s.lon, LEVELS.get(s.code, "kondusif"), 0, 0, 0, None, 0, ""
        )
        for s in region_seeds()
    ]


def _strings(drawing: Drawing) -> list[String]:
    return [item for item in drawing.contents if isinstance(item, String)]


def _tile_size(width: float) -> tuple[float, float]:
    tile_w = (width - TILE_GAP * (GRID_COLUMNS - 1)) / GRID_COLUMNS
    return tile_w, tile_w * TILE_RATIO


def drawn_cells(drawing: Drawing, codes: set[str]) -> dict[str, tuple[int, int]]:
    """The cell of each tile on the page, from where its region code is printed."""
    tile_w, tile_h = _tile_size(drawing.width)
    cells = {}
    for s in _strings(drawing):
        if s.text in codes:
            cells[s.text] = (
                int(s.x // (tile_w + TILE_GAP)),
                int((drawing.height - s.y) // (tile_h + TILE_GAP)),
            )
    return cells


def test_the_map_prints_each_region_at_its_cell_of_the_shared_grid() -> None:
    register_fonts()
    regions = _regions()
    drawing = status_map(regions, LEVEL_NAMES, CONTENT_W)
    assert drawn_cells(drawing, {r.code for r in regions}) == place_tiles(regions)
    # Kudus beside Jepara, as on screen.
    cells = place_tiles(regions)
    assert cells["33.19"][1] == cells["33.20"][1]


def test_every_name_fits_its_tile_at_one_legible_size() -> None:
    register_fonts()
    regions = _regions()
    drawing = status_map(regions, LEVEL_NAMES, CONTENT_W)
    tile_w, _ = _tile_size(CONTENT_W)
    strings = _strings(drawing)
    bare = {r.name.removeprefix("Kabupaten ").removeprefix("Kota ") for r in regions}
    names = [s for s in strings if s.text in bare]
    assert {s.text for s in names} == bare
    # One size for every name, not below the minimum: "Banjarnegara" and "Karanganyar"
    # no longer shrink on their own.
    assert len({s.fontSize for s in names}) == 1
    assert names[0].fontSize >= NAME_MIN >= 7.0
    for s in strings:
        assert stringWidth(s.text, s.fontName, s.fontSize) <= tile_w - 1.2, s.text
        # Nothing on the map below 7 points: a poor copy still reads it.
        assert s.fontSize >= 7.0, s.text
    # "Kota" and "Kab." on a line of their own; the level in words on every tile.
    assert sum(s.text == "Kota" for s in strings) == 6
    assert sum(s.text == "Kab." for s in strings) == 4
    assert sum(s.text == "AWAS" for s in strings) == 1
    assert sum(s.text == "KONDUSIF" for s in strings) == 32


def test_a_region_missing_from_the_grid_is_still_printed() -> None:
    register_fonts()
    regions = [
        *_regions(),
        RegionLine("33.99", "Kabupaten Baru", -7.70, 109.05, "siaga", 0, 0, 0, None, 0, ""),
    ]
    drawing = status_map(regions, LEVEL_NAMES, CONTENT_W)
    cells = drawn_cells(drawing, {r.code for r in regions})
    assert cells["33.99"] == place_tiles(regions)["33.99"]
    assert len(set(cells.values())) == 36


def test_levels_and_trend_series_differ_in_grey_not_only_in_colour() -> None:
    """A black-and-white copy keeps the order: each level's fill is darker than the one
    below it (Awas's words in white), and the trend's series differ in lightness."""
    from desk_app.reports.graphics import LEVEL_GREYS, TREND_FILLS

    def grey(colour: object) -> float:
        # As a copier (and pdftoppm -gray) sees it: the luminance.
        return 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue  # type: ignore[attr-defined]

    order = ("kondusif", "waspada", "siaga", "awas")
    fills = [grey(LEVEL_GREYS[level][0]) for level in order]
    assert fills == sorted(fills, reverse=True)
    assert all(a - b > 0.05 for a, b in itertools.pairwise(fills))
    assert grey(LEVEL_GREYS["awas"][1]) > 0.99  # white words on the darkest
    assert all(grey(LEVEL_GREYS[level][1]) < 0.01 for level in order[:3])
    series = sorted(grey(c) for c in TREND_FILLS)
    assert all(b - a > 0.12 for a, b in itertools.pairwise(series))

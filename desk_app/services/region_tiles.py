"""The schematic tile map of the 35 kabupaten/kota: one layout for the screen and the sitrep.

The Wilayah tab (``desk_app.ui.region_map``) and the printed sitrep
(``desk_app.reports.graphics``) both place each region with :func:`place_tiles`, so a
region sits at the same cell, with the same neighbours, on screen and on paper. The
grid is 11 columns (west → east) by 5 rows (north → south), drawn by hand from the
seats' coordinates (domain.md)::

      0         1         2         3         4         5         6         7         8         9         10
    0 ·         K.Tegal   ·         K.Pekalo. ·         ·         ·         Jepara    Kudus     Pati      Rembang
    1 Brebes    Tegal     Pemalang  Pekalong. Batang    Kendal    K.Semara. Demak     Grobogan  Blora     ·
    2 ·         Banyumas  Purbalin. Banjarne. Wonosobo  Temanggu. Semarang  K.Salati. Sragen    ·         ·
    3 ·         Cilacap   ·         Kebumen   Purworejo K.Magela. Boyolali  K.Suraka. Karangan. ·         ·
    4 ·         ·         ·         ·         ·         Magelang  Klaten    Sukoharjo Wonogiri  ·         ·

The north coast is on top: Jepara, Kudus, Pati and Rembang, which lie furthest north,
and the coastal kota above their kabupaten (Kota Tegal, Kota Pekalongan, Kota Semarang;
inland, Kota Magelang above Magelang and Kota Salatiga beside Semarang); the highlands
from Banyumas to Temanggung in the middle; the south coast and Solo Raya below.
Most regions that share a border touch on the grid, by a side or a corner.

Nothing here imports Qt or ReportLab: each medium draws the cells its own way.
"""  # noqa: E501 (the picture of the grid)

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Protocol

GRID_COLUMNS = 11
GRID_ROWS = 5

#: Cell (column, row) of each region by its Kemendagri code; see the module docstring.
TILE_GRID: dict[str, tuple[int, int]] = {
    "33.76": (1, 0),  # Kota Tegal
    "33.75": (3, 0),  # Kota Pekalongan
    "33.20": (7, 0),  # Jepara
    "33.19": (8, 0),  # Kudus
    "33.18": (9, 0),  # Pati
    "33.17": (10, 0),  # Rembang
    "33.29": (0, 1),  # Brebes
    "33.28": (1, 1),  # Tegal
    "33.27": (2, 1),  # Pemalang
    "33.26": (3, 1),  # Pekalongan
    "33.25": (4, 1),  # Batang
    "33.24": (5, 1),  # Kendal
    "33.74": (6, 1),  # Kota Semarang
    "33.21": (7, 1),  # Demak
    "33.15": (8, 1),  # Grobogan
    "33.16": (9, 1),  # Blora
    "33.02": (1, 2),  # Banyumas
    "33.03": (2, 2),  # Purbalingga
    "33.04": (3, 2),  # Banjarnegara
    "33.07": (4, 2),  # Wonosobo
    "33.23": (5, 2),  # Temanggung
    "33.22": (6, 2),  # Semarang
    "33.73": (7, 2),  # Kota Salatiga
    "33.14": (8, 2),  # Sragen
    "33.01": (1, 3),  # Cilacap
    "33.05": (3, 3),  # Kebumen
    "33.06": (4, 3),  # Purworejo
    "33.71": (5, 3),  # Kota Magelang
    "33.09": (6, 3),  # Boyolali
    "33.72": (7, 3),  # Kota Surakarta
    "33.13": (8, 3),  # Karanganyar
    "33.08": (5, 4),  # Magelang
    "33.10": (6, 4),  # Klaten
    "33.11": (7, 4),  # Sukoharjo
    "33.12": (8, 4),  # Wonogiri
}

#: The seats' extent that the grid spans (domain.md): Cilacap to Blora, Jepara to
#: Wonogiri. A region missing from the grid is projected onto the cells with it.
_LON_WEST, _LON_EAST = 109.0, 111.45
_LAT_NORTH, _LAT_SOUTH = -6.59, -7.81


class LocatedRegion(Protocol):
    """What placing a tile needs of a region: its code and its seat's coordinates."""

    @property
    def code(self) -> str: ...

    @property
    def lat(self) -> float: ...

    @property
    def lon(self) -> float: ...


def cell_from_coordinates(lat: float, lon: float) -> tuple[float, float]:
    """Where a seat falls on the grid, as a fractional (column, row)."""
    column = (lon - _LON_WEST) / (_LON_EAST - _LON_WEST) * (GRID_COLUMNS - 1)
    row = (lat - _LAT_NORTH) / (_LAT_SOUTH - _LAT_NORTH) * (GRID_ROWS - 1)
    return column, row


def place_tiles(
    regions: Iterable[LocatedRegion],
    grid: Mapping[str, tuple[int, int]] = TILE_GRID,
) -> dict[str, tuple[int, int]]:
    """The cell (column, row) of each region: its own in ``grid``, else the nearest free one.

    Regions in the grid come first, so a newcomer never takes a known region's cell. A
    region missing from the grid (an administrator added it, or its code changed) goes
    to the free cell nearest its seat's coordinates; the map grows by a row below if the
    grid is full. Ties go to the northern, then the western cell, so the result does not
    depend on the order of ``regions`` beyond which newcomer is placed first.
    """
    regions = list(regions)
    placed: dict[str, tuple[int, int]] = {}
    taken: set[tuple[int, int]] = set()
    for region in regions:
        cell = grid.get(region.code)
        if cell is not None and cell not in taken:
            placed[region.code] = cell
            taken.add(cell)
    newcomers = sorted((r for r in regions if r.code not in placed), key=lambda r: r.code)
    rows = max([GRID_ROWS, *(row + 1 for _, row in taken)]) + len(newcomers)
    columns = max([GRID_COLUMNS, *(column + 1 for column, _ in taken)])
    for region in newcomers:
        if region.code in placed:  # the same code twice: one tile is enough
            continue
        want_column, want_row = cell_from_coordinates(region.lat, region.lon)
        free = [(c, r) for r in range(rows) for c in range(columns) if (c, r) not in taken]
        cell = min(free, key=lambda c: (math.hypot(c[0] - want_column, c[1] - want_row), c[1]))
        placed[region.code] = cell
        taken.add(cell)
    return placed


def tile_labels(names: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The words on each tile by region code, one entry per line.

    "Kota" goes on a line of its own above the name ("Kota" / "Pekalongan"), so that the
    tiles stay narrow; a kabupaten is named bare ("Banyumas"), or "Kab." / "Semarang"
    where a kota shares its name, so that the two never read alike.
    """
    bare = {
        code: name.removeprefix("Kabupaten ").removeprefix("Kota ").strip()
        for code, name in names.items()
    }
    counts: dict[str, int] = {}
    for name in bare.values():
        counts[name] = counts.get(name, 0) + 1
    labels: dict[str, tuple[str, ...]] = {}
    for code, name in names.items():
        if name.startswith("Kota "):
            labels[code] = ("Kota", bare[code])
        elif counts[bare[code]] > 1:
            labels[code] = ("Kab.", bare[code])
        else:
            labels[code] = (bare[code],)
    return labels

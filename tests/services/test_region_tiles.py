"""The one tile layout of the 35 regions, shared by the Wilayah tab and the sitrep."""

from __future__ import annotations

import math
from dataclasses import dataclass

from desk_app.resources import region_seeds
from desk_app.services.region_tiles import (
    GRID_COLUMNS,
    GRID_ROWS,
    TILE_GRID,
    cell_from_coordinates,
    place_tiles,
    tile_labels,
)


@dataclass(frozen=True)
class Seat:
    code: str
    lat: float
    lon: float


def _touch(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return max(abs(a[0] - b[0]), abs(a[1] - b[1])) == 1


def test_the_35_regions_each_get_their_own_cell_on_the_grid() -> None:
    seeds = region_seeds()
    cells = place_tiles(seeds)
    assert set(cells) == {s.code for s in seeds} == set(TILE_GRID)
    assert len(set(cells.values())) == 35
    assert all(0 <= c < GRID_COLUMNS and 0 <= r < GRID_ROWS for c, r in cells.values())
    assert cells == TILE_GRID


def test_the_grid_reads_as_jawa_tengah() -> None:
    cells = place_tiles(region_seeds())
    # Kudus beside Jepara (not below it), Pati beside Kudus, Rembang east of Pati.
    assert cells["33.19"] == (cells["33.20"][0] + 1, cells["33.20"][1])
    assert cells["33.18"] == (cells["33.19"][0] + 1, cells["33.19"][1])
    # Each kota touches its kabupaten (or the kabupaten around it).
    for kota, kabupaten in [
        ("33.76", "33.28"),  # Tegal
        ("33.75", "33.26"),  # Pekalongan
        ("33.74", "33.22"),  # Semarang
        ("33.71", "33.08"),  # Magelang
        ("33.73", "33.22"),  # Salatiga in Kabupaten Semarang
        ("33.72", "33.13"),  # Surakarta beside Karanganyar
    ]:
        assert _touch(cells[kota], cells[kabupaten]), (kota, kabupaten)
    # West to east and north to south as the seats lie, wherever they are far apart.
    seeds = {s.code: s for s in region_seeds()}
    for a in seeds.values():
        for b in seeds.values():
            if b.lon - a.lon > 0.3:
                assert cells[b.code][0] >= cells[a.code][0], (a.name, b.name)
            if a.lat - b.lat > 0.3:
                assert cells[b.code][1] >= cells[a.code][1], (a.name, b.name)


def test_a_region_missing_from_the_grid_takes_the_free_cell_nearest_its_seat() -> None:
    seeds = list(region_seeds())
    # A new region by Cilacap's seat: the free cell south-west, not someone else's.
    newcomer = Seat("33.99", -7.70, 109.05)
    cells = place_tiles([*seeds, newcomer])
    assert cells["33.99"] == (0, 4)
    assert len(set(cells.values())) == 36
    want = cell_from_coordinates(newcomer.lat, newcomer.lon)
    assert math.dist(cells["33.99"], want) < 1
    # Kota Salatiga dropped from the grid goes back to the cell nearest its seat, which is
    # the one it had; the newcomer does not take a known region's cell, whatever the order.
    grid = {code: cell for code, cell in TILE_GRID.items() if code != "33.73"}
    assert place_tiles(reversed(seeds), grid)["33.73"] == TILE_GRID["33.73"]


def test_the_map_grows_below_when_the_grid_is_full() -> None:
    seeds = list(region_seeds())
    crowd = [Seat(f"34.{i:02d}", -7.0, 110.0) for i in range(30)]
    cells = place_tiles([*seeds, *crowd])
    assert len(cells) == 65
    assert len(set(cells.values())) == 65
    assert all(cells[s.code] == TILE_GRID[s.code] for s in seeds)
    assert max(r for _, r in cells.values()) >= GRID_ROWS  # 20 free cells for 30


def test_tile_labels_put_kota_and_kab_on_their_own_line() -> None:
    labels = tile_labels({s.code: s.name for s in region_seeds()})
    assert labels["33.75"] == ("Kota", "Pekalongan")
    assert labels["33.26"] == ("Kab.", "Pekalongan")
    assert labels["33.04"] == ("Banjarnegara",)
    assert labels["33.72"] == ("Kota", "Surakarta")
    assert sum(len(lines) == 2 for lines in labels.values()) == 6 + 4

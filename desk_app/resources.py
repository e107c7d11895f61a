"""Reference data shipped in ``resources/`` (regions, taxonomies, fonts, translations)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)


@dataclass(frozen=True)
class RegionSeed:
    code: str
    name: str
    kind: str
    seat: str
    lat: float
    lon: float
    ikp_score: float | None


@cache
def region_seeds() -> tuple[RegionSeed, ...]:
    with resource_path("regions.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(
            RegionSeed(
                code=row["code"],
                name=row["name"],
                kind=row["kind"],
                seat=row["seat"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                ikp_score=float(row["ikp_score"]) if row["ikp_score"] else None,
            )
            for row in csv.DictReader(fh)
        )


@cache
def taxonomy_seeds() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = json.loads(
        resource_path("taxonomies.json").read_text(encoding="utf-8")
    )
    return data

"""Running some benchmark groups replaces their rows in bench/RESULTS.md and keeps the
others' rows and the notes (it used to write a table of those groups alone)."""

from __future__ import annotations

from bench.__main__ import merged_results

EXISTING = """# Benchmark results

- hub: a note about the hub run.

| group | benchmark | value | floor | ratio | target | met | note |
|---|---|---:|---:|---:|---|---|---|
| sync | push | 5 s | 2 s | 2.5 | | yes | |
| hub | lock p99 | 149 ms | - | - | < 20 ms | **no** | old |
| hub | pull | 18 s | 16 s | 1.1 | | yes | old |
| import | xlsx | 5,198 rows/s | - | - | | yes | |
"""

NEW = """| group | benchmark | value | floor | ratio | target | met | note |
|---|---|---:|---:|---:|---|---|---|
| hub | lock p99 | 30 ms | - | - | < 20 ms | **no** | new |"""


def test_a_groups_rows_are_replaced_in_place_and_the_rest_kept() -> None:
    merged = merged_results(EXISTING, {"hub"}, NEW)
    lines = merged.splitlines()
    assert "- hub: a note about the hub run." in lines
    rows = [line for line in lines if line.startswith("| ") and "benchmark" not in line]
    assert rows == [
        "| sync | push | 5 s | 2 s | 2.5 | | yes | |",
        "| hub | lock p99 | 30 ms | - | - | < 20 ms | **no** | new |",
        "| import | xlsx | 5,198 rows/s | - | - | | yes | |",
    ]


def test_a_group_not_in_the_table_yet_is_added_at_its_end() -> None:
    merged = merged_results(EXISTING, {"search"}, NEW.replace("| hub |", "| search |"))
    rows = [line for line in merged.splitlines() if line.startswith("| ")]
    assert rows[-1].startswith("| search | lock p99")
    assert sum(line.startswith("| hub |") for line in rows) == 2

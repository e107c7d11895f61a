"""Run the benchmarks, print a table and write bench/RESULTS.md.

    python -m bench                 # everything
    python -m bench foundation ui   # some groups (module names without "bench_")

``DESK_BENCH_INCIDENTS`` scales the big database (default 1,000,000).
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
import time
from datetime import UTC, datetime

from bench.common import BENCH_DIR, Result, incidents_n

GROUPS = ["foundation", "ui", "search", "sync", "hub", "report", "import"]


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("groups", nargs="*", default=GROUPS, help=f"of {', '.join(GROUPS)}")
    parser.add_argument("--no-write", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args(argv)
    rows: list[tuple[str, Result]] = []
    started = time.perf_counter()
    for group in args.groups:
        try:
            module = importlib.import_module(f"bench.bench_{group}")
        except ModuleNotFoundError as exc:
            print(f"{group}: not available ({exc})", file=sys.stderr)
            continue
        print(f"== {group}", file=sys.stderr, flush=True)
        for item in module.run():
            result = item if isinstance(item, Result) else _from_dict(item)
            rows.append((group, result))
            print(f"   {result.name}: {_fmt(result.value)} {result.unit}", file=sys.stderr,
                  flush=True)  # fmt: skip
    table = _table(rows)
    print(table)
    results = BENCH_DIR / "RESULTS.md"
    if not args.no_write and set(args.groups) != set(GROUPS) and results.exists():
        # Some groups only: their rows are replaced, the rest (and the notes) kept.
        results.write_text(
            merged_results(results.read_text(encoding="utf-8"), set(args.groups), table),
            encoding="utf-8",
        )
    elif not args.no_write:
        header = (
            "# Benchmark results\n\n"
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
            f"Python {platform.python_version()}, {incidents_n():,} incidents in the big "
            f"database; {time.perf_counter() - started:,.0f} s in all. Each floor is the same "
            "work done the plainest way, measured in the same run; ratio = value / floor.\n\n"
            "Regenerate with `make bench` (or `python -m bench GROUP ...`).\n\n"
        )
        results.write_text(header + table + "\n", encoding="utf-8")
    return 0 if all(r.passed is not False for _, r in rows) else 1


def merged_results(existing: str, groups: set[str], table: str) -> str:
    """``existing`` (RESULTS.md) with the rows of ``groups`` replaced by ``table``'s rows,
    where the first of them stood (at the table's end when there were none)."""
    new_rows = [line for line in table.splitlines()[2:] if line.startswith("| ")]
    out: list[str] = []
    placed = False
    last_row = -1
    for line in existing.splitlines():
        cells = line.split("|")
        if line.startswith("| ") and len(cells) > 2 and cells[1].strip() in groups:
            if not placed:
                out.extend(new_rows)
                placed = True
            continue
        out.append(line)
        if line.startswith("|"):
            last_row = len(out) - 1
    if not placed:
        out[last_row + 1 : last_row + 1] = new_rows
    return "\n".join(out) + "\n"


def _from_dict(item: dict[str, object]) -> Result:
    floor = item.get("floor")
    passed = item.get("passed", item.get("met"))
    return Result(
        name=str(item["name"]),
        value=float(item["value"]),  # type: ignore[arg-type]
        unit=str(item.get("unit", "")),
        floor=None if floor is None else float(floor),  # type: ignore[arg-type]
        target=str(item.get("target", "")),
        passed=None if passed is None else bool(passed),
        note=str(item.get("note", "")),
    )


def _table(rows: list[tuple[str, Result]]) -> str:
    lines = [
        "| group | benchmark | value | floor | ratio | target | met | note |",
        "|---|---|---:|---:|---:|---|---|---|",
    ]
    for group, r in rows:
        met = "-" if r.passed is None else ("yes" if r.passed else "**no**")
        lines.append(
            f"| {group} | {r.name} | {_fmt(r.value)} {r.unit} | "
            f"{_fmt(r.floor)} {r.unit if r.floor is not None else ''} | "
            f"{_fmt(r.ratio)} | {r.target} | {met} | {r.note} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

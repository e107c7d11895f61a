"""Importing incidents (a 100,000-row XLSX and a 300 MB CSV) and contacts (a
100,000-row CSV).

Each import runs in a process of its own (``python -m bench.bench_import --child ...``)
so that its peak memory (``ru_maxrss``: the whole process, interpreter and libraries
included) is the import's alone. The floor is the same rows — already parsed and checked,
ids (and references) made — written with plain ``executemany`` into the same table of a
fresh desk database (its indexes, full-text index and capture triggers in place) in one
transaction, measured in the same run.

    python -m bench.bench_import            # this group only; merges its rows into
                                            # RESULTS.md, keeping the others
    DESK_BENCH_IMPORT_ROWS=20000 python -m bench.bench_import   # a smaller run
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import BENCH_DIR, Result

TARGET_ROWS_PER_S = 3_500
TARGET_PEAK_MB = 300
CSV_MB = 300


def rows_n() -> int:
    return int(os.environ.get("DESK_BENCH_IMPORT_ROWS", "100000"))


_HEADERS = ["Judul", "Kabupaten/kota", "Kategori", "Keparahan", "Sumber", "Waktu kejadian",
            "Kecamatan", "Desa", "Tautan", "Nama pelapor", "Deskripsi"]  # fmt: skip
_CATEGORIES = ["HOAKS", "KAMTIB", "UJARAN", "PROVOKASI", "KAMPANYE", "POLITIK_UANG"]
_WORDS = "surat suara warga kampanye desa kecamatan hoaks beredar grup pendukung paslon tps"
_WORDS += " logistik aparat bawaslu kpu laporan masyarakat kabar media sosial"
_WORD_LIST = _WORDS.split()


def _rows(n: int, description_chars: int, bad_every: int = 0) -> Any:
    rng = random.Random(12)
    now = datetime.now(UTC)
    for i in range(n):
        words = " ".join(rng.choice(_WORD_LIST) for _ in range(description_chars // 7))
        row = [
            f"Laporan {i}: {rng.choice(_WORD_LIST)} {rng.choice(_WORD_LIST)}",
            f"33.{rng.randint(1, 29):02d}",
            rng.choice(_CATEGORIES),
            str(rng.randint(1, 4)),
            "MEDSOS",
            (now - timedelta(minutes=rng.randint(60, 90_000))).strftime("%Y-%m-%d %H:%M"),
            f"Kec {rng.choice(_WORD_LIST)}",
            f"Desa {rng.choice(_WORD_LIST)}",
            f"https://x.com/akun{i}/status/{rng.randint(1, 10**9)}",
            "Warga",
            words[:description_chars],
        ]
        if bad_every and i % bad_every == 0:
            row[1] = "99.99"  # no such region: refused, written to the bad-rows file
        yield row


def make_xlsx(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Insiden")
    ws.append(_HEADERS)
    for row in _rows(n, 120):
        ws.append(row)
    wb.save(path)


def make_csv(path: Path, n: int, megabytes: int) -> None:
    """``n`` rows whose descriptions make the file about ``megabytes`` large; one row in
    five refused."""
    per_row = max(200, megabytes * 1_000_000 // max(n, 1) - 250)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(_HEADERS)
        writer.writerows(_rows(n, per_row, bad_every=5))


_CONTACT_HEADERS = ["Nama", "Kategori", "Gelar", "Jabatan", "Organisasi", "Forum", "Wilayah",
                    "Nomor telepon", "WhatsApp", "E-mail", "Alamat", "Catatan"]  # fmt: skip
_CONTACT_CATEGORIES = ["TOKOH_AGAMA", "TOKOH_MASYARAKAT", "PEMANGKU", "MEDIA", "JEJARING"]


def make_contacts_csv(path: Path, n: int) -> None:
    """``n`` contacts with two phone numbers and a WhatsApp number each; one row in five
    refused."""
    rng = random.Random(13)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(_CONTACT_HEADERS)
        for i in range(n):
            phones = [f"08{rng.choice('123')}{rng.randint(10**7, 10**8 - 1)}" for _ in range(2)]
            writer.writerow([
                f"{rng.choice(['Budi', 'Siti', 'Agus', 'Dewi'])} {rng.choice(_WORD_LIST)} {i}",
                rng.choice(_CONTACT_CATEGORIES),
                rng.choice(["", "H.", "Dr.", "KH."]),
                "Ketua",
                f"Forum {rng.choice(_WORD_LIST)}",
                rng.choice(["FKUB", "FKDM; FPK", ""]),
                f"33.{rng.randint(1, 29):02d}" + ("; 33.74" if i % 3 else ""),
                "; ".join(phones) if i % 5 else "12",  # "12": no phone number, refused
                f"0813{rng.randint(10**7, 10**8 - 1)}",
                f"kontak{i}@contoh.id",
                f"Jl. {rng.choice(_WORD_LIST).title()} {rng.randint(1, 200)}, Semarang",
                " ".join(rng.choice(_WORD_LIST) for _ in range(12)),
            ])  # fmt: skip


# --- the child: one import, measured ---------------------------------------------------------


def _peak_mb() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def child_import(path: Path, data_dir: Path, kind: Any) -> dict[str, Any]:
    from desk_app.context import open_context, sign_in_as
    from desk_app.services import importing

    ctx = open_context(data_dir, workstation_code="BNCH")
    sign_in_as(ctx, "admin")
    assert ctx.actor is not None
    started = time.perf_counter()
    cpu_started = time.process_time()
    table = importing.read_table(path)
    mapping = importing.guess_mapping(kind, table.headers)
    with ctx.db.write() as session:
        report = importing.import_rows(
            session,
            ctx.actor,
            kind,
            path,
            mapping,
            bad_rows_path=data_dir / "bad.csv",
        )
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    ctx.close()
    return {
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "rows": report.total,
        "imported": report.imported,
        "bad": report.bad_count,
        "peak_mb": _peak_mb(),
        "encoding": table.encoding_label,
    }


def child_floor(path: Path, data_dir: Path, kind: str) -> dict[str, Any]:
    """The same good rows, parsed and checked beforehand, by plain ``executemany``."""
    if kind == "contacts":
        return _contacts_floor(path, data_dir)
    from sqlalchemy import select

    from desk_app.context import open_context, sign_in_as
    from desk_app.models import new_id, utcnow
    from desk_app.services import importing
    from desk_app.services.importing import _check, _Lookups, _Rows

    ctx = open_context(data_dir, workstation_code="BNCH")
    sign_in_as(ctx, "admin")
    table = importing.read_table(path)
    mapping = importing.guess_mapping("incidents", table.headers)
    prepared: list[tuple[Any, ...]] = []
    now = utcnow().replace(tzinfo=None).isoformat(" ")
    with ctx.db.read() as session:
        from desk_app.models import Region

        select(Region)  # the models loaded, as in the import
        lookups = _Lookups(session)
        for n, (_, _, values) in enumerate(_Rows(path, mapping, table.encoding, None, None)):
            try:
                v = _check(session, "incidents", values, lookups)
            except Exception:
                continue
            prepared.append((
                new_id(), now, now, "", f"BNCH-2026-{n:06d}", v["occurred_at"].isoformat(" "),
                v["reported_at"].isoformat(" "), v["region_id"], v["kecamatan"], v["desa"],
                v["category"], v["severity"], v["source_type"], v["platform"], v["link"],
                v["reporter_name"], v["reporter_contact"], v["title"], v["description"],
            ))  # fmt: skip
    sql = (
        "INSERT INTO incident (id, created_at, updated_at, origin_version, versions, deleted, "
        "ref, occurred_at, reported_at, region_id, kecamatan, desa, category, severity, "
        "source_type, platform, link, reporter_name, reporter_contact, title, description, "
        "status) VALUES (?,?,?,?,'{}',0,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'baru')"
    )
    started = time.perf_counter()
    with ctx.db.write() as session:
        session.connection().exec_driver_sql(sql, prepared)
    elapsed = time.perf_counter() - started
    ctx.close()
    return {"seconds": elapsed, "rows": len(prepared)}


def _contacts_floor(path: Path, data_dir: Path) -> dict[str, Any]:
    from desk_app.context import open_context, sign_in_as
    from desk_app.models import new_id, utcnow
    from desk_app.services import importing
    from desk_app.services.importing import _check, _Lookups, _Rows

    ctx = open_context(data_dir, workstation_code="BNCH")
    sign_in_as(ctx, "admin")
    table = importing.read_table(path)
    mapping = importing.guess_mapping("contacts", table.headers)
    prepared: list[tuple[Any, ...]] = []
    names: list[str] = []
    now = utcnow().replace(tzinfo=None).isoformat(" ")
    with ctx.db.read() as session:
        lookups = _Lookups(session)
        for _, _, values in _Rows(path, mapping, table.encoding, None, None):
            try:
                v = _check(session, "contacts", values, lookups)
            except Exception:
                continue
            names = list(v)
            stored = [
                json.dumps(x) if isinstance(x, list | dict) else int(x) if isinstance(x, bool)
                else x
                for x in v.values()
            ]  # fmt: skip
            prepared.append((new_id(), now, now, "", *stored))
    columns = ", ".join(["id", "created_at", "updated_at", "origin_version", *names])
    marks = ", ".join("?" * (4 + len(names)))
    sql = f"INSERT INTO contact ({columns}, versions, deleted) VALUES ({marks}, '{{}}', 0)"
    started = time.perf_counter()
    with ctx.db.write() as session:
        session.connection().exec_driver_sql(sql, prepared)
    elapsed = time.perf_counter() - started
    ctx.close()
    return {"seconds": elapsed, "rows": len(prepared)}


def _in_child(kind: str, path: Path, records: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="desk-bench-import-") as tmp:
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.bench_import",
                "--child",
                kind,
                records,
                str(path),
                tmp,
            ],
            cwd=BENCH_DIR.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    if out.returncode != 0:
        raise RuntimeError(f"{kind} child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run() -> list[Result]:
    n = rows_n()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="desk-bench-files-") as tmp:
        xlsx = Path(tmp) / "insiden.xlsx"
        big_csv = Path(tmp) / "insiden.csv"
        contacts_csv = Path(tmp) / "kontak.csv"
        megabytes = CSV_MB * n // 100_000
        print(f"   making a {n:,}-row XLSX and a {megabytes} MB CSV…", file=sys.stderr)
        make_xlsx(xlsx, n)
        make_csv(big_csv, n, megabytes)
        make_contacts_csv(contacts_csv, n)
        for label, path, records in (
            (f"XLSX, {n:,} rows ({xlsx.stat().st_size / 1e6:.0f} MB)", xlsx, "incidents"),
            (f"CSV, {big_csv.stat().st_size / 1e6:.0f} MB, {n:,} rows, 1 in 5 refused", big_csv,
             "incidents"),
            (f"contacts CSV, {n:,} rows ({contacts_csv.stat().st_size / 1e6:.0f} MB), 1 in 5 "
             "refused", contacts_csv, "contacts"),
        ):  # fmt: skip
            done = _in_child("import", path, records)
            floor = _in_child("floor", path, records)
            rate = done["rows"] / done["seconds"]
            floor_rate = floor["rows"] / floor["seconds"]
            results.append(
                Result(
                    name=f"import {label}: rows read, checked and written",
                    value=rate,
                    unit="rows/s",
                    floor=floor_rate,
                    target=f"≥ {TARGET_ROWS_PER_S:,} rows/s",
                    passed=rate >= TARGET_ROWS_PER_S,
                    note=(
                        f"{done['rows']:,} rows in {done['seconds']:.1f} s "
                        f"({done['cpu_seconds']:.1f} s CPU: "
                        f"{done['rows'] / done['cpu_seconds']:,.0f} rows per CPU-second); "
                        f"{done['imported']:,} written with their audit entries and sync "
                        f"outbox, {done['bad']:,} refused to the bad-rows file; floor = the "
                        "good rows, parsed and checked beforehand, by plain executemany into "
                        f"the same {'contact' if records == 'contacts' else 'incident'} table "
                        f"({floor['seconds']:.1f} s)"
                    ),
                )
            )
            results.append(
                Result(
                    name=f"import {label}: peak memory",
                    value=done["peak_mb"],
                    unit="MB",
                    target=f"< {TARGET_PEAK_MB} MB",
                    passed=done["peak_mb"] < TARGET_PEAK_MB,
                    note="peak RSS of the importing process (ru_maxrss), interpreter, "
                    "SQLAlchemy and openpyxl included",
                )
            )
    return results


def _merge_into_results(rows: list[Result]) -> None:
    """Replace this group's rows in RESULTS.md, keeping every other row."""
    from bench.__main__ import _table

    results = BENCH_DIR / "RESULTS.md"
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    kept = [line for line in text.splitlines() if not line.startswith("| import |")]
    new = _table([("import", r) for r in rows]).splitlines()[2:]
    last = max((i for i, line in enumerate(kept) if line.startswith("| ")), default=len(kept) - 1)
    kept[last + 1 : last + 1] = new
    results.write_text("\n".join(kept) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        kind, records, path, data_dir = argv[1], argv[2], Path(argv[3]), Path(argv[4])
        result = (child_import if kind == "import" else child_floor)(path, data_dir, records)
        print(json.dumps(result))
        return 0
    rows = run()
    from bench.__main__ import _table

    print(_table([("import", r) for r in rows]))
    if "--no-write" not in argv:
        _merge_into_results(rows)
    return 0 if all(r.passed is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

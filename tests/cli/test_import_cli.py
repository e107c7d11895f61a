"""``desk-app incidents import`` and ``desk-app contacts import`` (issue 12, section 5)."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desk_app.context import open_context
from desk_app.models import AuditEntry, Contact, Incident
from desk_app.services import importing
from tests.cli.cli_helpers import Run

HEADERS = ["Judul", "Kabupaten/kota", "Kategori", "Keparahan", "Sumber"]
GOOD = ["Hoaks surat suara tercoblos", "33.74", "HOAKS", "2", "MEDSOS"]
BAD = ["Hoaks di wilayah antah-berantah", "99.99", "HOAKS", "2", "MEDSOS"]


@pytest.fixture
def cli(run: Run) -> Run:
    return run


def _counts(data_dir: Path) -> tuple[int, int, int]:
    ctx = open_context(data_dir)
    try:
        with ctx.db.read() as s:
            return tuple(  # type: ignore[return-value]
                int(s.scalar(select(func.count()).select_from(m)) or 0)
                for m in (Incident, Contact, AuditEntry)
            )
    finally:
        ctx.close()


def _csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_dry_run_checks_and_saves_nothing_then_import_saves_the_good_rows(
    cli, data_dir: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = _csv(tmp_path / "laporan.csv", [HEADERS, GOOD, BAD, GOOD], encoding="utf-16")
    before = _counts(data_dir)
    code, out, err = cli("incidents", "import", str(path), "--dry-run")
    assert code == 1, err
    assert "pengodean UTF-16" in out
    assert "3 baris diperiksa: 2 baik, 1 bermasalah. Tidak ada yang disimpan" in out
    assert "baris 3: " in out and "Kabupaten/kota" in out
    bad_file = tmp_path / "laporan-bermasalah.csv"
    assert f"Baris bermasalah ditulis ke {bad_file}" in out
    assert _counts(data_dir) == before
    code, out, err = cli("incidents", "import", str(path), "--json")
    assert code == 1, err
    report = json.loads(out)
    assert (report["imported"], report["bad"], report["encoding"]) == (2, 1, "UTF-16")
    assert _counts(data_dir)[0] == before[0] + 2
    with bad_file.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][-1] == "Kesalahan" and rows[1][1] == "99.99"


def test_contacts_import_from_xlsx(cli, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    wb.active.append(["Nama", "Kategori", "Telepon"])
    wb.active.append(["KH Ahmad Darodji", "TOKOH_AGAMA", "0812-3456-7890"])
    wb.save(tmp_path / "kontak.xlsx")
    code, out, err = cli("contacts", "import", str(tmp_path / "kontak.xlsx"), "--lang", "en")
    assert code == 0, err
    assert "1 rows imported; 0 refused rows skipped." in out
    assert _counts(data_dir)[1] == 1


def test_a_file_without_a_required_column_names_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _csv(tmp_path / "x.csv", [["Judul", "Kategori"], ["Hoaks", "HOAKS"]])
    code, out, err = cli("incidents", "import", str(path))
    assert code == 2 and out == ""
    assert "kolom wajib tidak ditemukan" in err and "Kabupaten/kota" in err


def test_hostile_files_get_the_imports_own_messages(
    cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    before = _counts(data_dir)
    # A billion laughs in the sheet.
    wb = openpyxl.Workbook()
    wb.active.append(HEADERS)
    wb.active.append(GOOD)
    book = tmp_path / "tawa.xlsx"
    wb.save(book)
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]>"
    )
    parts["xl/worksheets/sheet1.xml"] = (
        laughs + parts["xl/worksheets/sheet1.xml"].decode().replace("33.74", "&i;")
    ).encode()
    with zipfile.ZipFile(book, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    code, _out, err = cli("incidents", "import", str(book))
    assert code == 2 and "XML yang tidak aman" in err
    assert "Traceback" not in err and "ParseError" not in err
    # More rows than one import takes.
    monkeypatch.setattr(importing, "MAX_ROWS", 5)
    long = _csv(tmp_path / "panjang.csv", [HEADERS] + [GOOD] * 6)
    code, _out, err = cli("incidents", "import", str(long))
    assert code == 2 and "lebih dari 5 baris data" in err and "Tidak ada yang disimpan" in err
    assert _counts(data_dir) == before


@pytest.mark.allow_log_warnings  # a refused or broken path: its log is expected
def test_importing_needs_a_signed_in_user(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = _csv(tmp_path / "laporan.csv", [HEADERS, GOOD])
    monkeypatch.setenv("DESK_PASSWORD", "kata-sandi-salah")
    code, out, err = cli("incidents", "import", str(path))
    assert code == 2 and "salah" in err and out == ""

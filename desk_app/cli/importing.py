"""``desk-app incidents import`` and ``desk-app contacts import``: the window's import
dialog on the command line (the same service calls: read, map, check, write)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desk_app.cli.common import command, context, fail, lang_of, print_json
from desk_app.messages import FIELD_NAMES
from desk_app.services import importing
from desk_app.services.importing import ImportReport, Kind

_TEXT = {
    "file": (
        "Berkas: {name} ({fmt}{enc}, {cols} kolom)",
        "File: {name} ({fmt}{enc}, {cols} columns)",
    ),
    "encoding": (", pengodean {label}", ", encoding {label}"),
    "legacy": (
        "Perhatian: berkas bukan Unicode; dibaca sebagai {label}. Periksa huruf beraksen.",
        "Note: the file is not Unicode; read as {label}. Check accented letters.",
    ),
    "missing": (
        "kolom wajib tidak ditemukan: {names}. Judul kolom yang dikenali: {known}",
        "required columns not found: {names}. Recognised column titles: {known}",
    ),
    "checked": (
        "{total} baris diperiksa: {good} baik, {bad} bermasalah. Tidak ada yang disimpan "
        "(--dry-run).",
        "{total} rows checked: {good} good, {bad} refused. Nothing was saved (--dry-run).",
    ),
    "imported": (
        "{imported} baris diimpor; {bad} baris bermasalah dilewati.",
        "{imported} rows imported; {bad} refused rows skipped.",
    ),
    "bad_file": ("Baris bermasalah ditulis ke {path}", "Refused rows written to {path}"),
    "line": ("  baris {line}: {errors}", "  line {line}: {errors}"),
    "more": ("  … dan {n} baris lainnya", "  … and {n} more rows"),
}
#: Bad rows printed on the terminal; every one of them is in the bad-rows file.
PRINTED_BAD_ROWS = 20


def _say(key: str, lang: str, **values: Any) -> str:
    pair = _TEXT[key]
    return (pair[1] if lang == "en" else pair[0]).format(**values)


def add_import_command(sub: Any, kind: Kind) -> None:
    what = "incidents" if kind == "incidents" else "contacts"
    formats = "CSV or XLSX" if kind == "incidents" else "CSV, XLSX or vCard"
    p = command(
        sub,
        "import",
        run_incidents if kind == "incidents" else run_contacts,
        f"import {what} from a {formats} file: every row checked as the form checks it, "
        f"good rows written in one transaction, refused rows to a CSV beside the file "
        f"(at most {importing.MAX_ROWS:,} rows). Exit status 0: every row imported; "
        "1: some rows refused; 2: nothing imported",
        json_output=True,
    )
    p.add_argument("file", type=Path, help=f"the {formats} file")
    p.add_argument(
        "--dry-run", action="store_true", help="check every row and report; save nothing"
    )
    p.add_argument(
        "--bad-rows",
        type=Path,
        metavar="FILE.csv",
        help="where refused rows are written (default: FILE-bermasalah.csv beside the file)",
    )


def run_incidents(args: argparse.Namespace) -> int:
    return _run(args, "incidents")


def run_contacts(args: argparse.Namespace) -> int:
    return _run(args, "contacts")


def _run(args: argparse.Namespace, kind: Kind) -> int:
    lang = lang_of(args)
    path: Path = args.file
    bad_rows = args.bad_rows or path.with_name(path.stem + "-bermasalah.csv")
    with context(args) as ctx:
        assert ctx.actor is not None
        table = importing.read_table(path)
        mapping = importing.guess_mapping(kind, table.headers)
        missing = importing.check_mapping(kind, mapping, table.headers)
        if missing:
            names = ", ".join(_field_name(m, lang) for m in missing)
            known = ", ".join(importing.column_title(m, lang) + f" / {m}" for m in missing)
            return fail(_say("missing", lang, names=names, known=known))
        if not args.json:
            enc = _say("encoding", lang, label=table.encoding_label) if table.encoding else ""
            print(
                _say(
                    "file", lang, name=path.name, fmt=table.format.upper(), enc=enc,
                    cols=len(table.headers),
                )
            )  # fmt: skip
            if table.encoding_fallback:
                print(_say("legacy", lang, label=table.encoding_label), file=sys.stderr)
        options: dict[str, Any] = {
            "encoding": table.encoding,
            "progress": _progress,
            "bad_rows_path": bad_rows,
            "lang": lang,
        }
        report: ImportReport
        if args.dry_run:
            with ctx.db.read() as session:
                report = importing.validate_rows(session, kind, path, mapping, **options)
        else:
            with ctx.db.write() as session:
                report = importing.import_rows(session, ctx.actor, kind, path, mapping, **options)
    if args.json:
        print_json(
            {
                "file": str(path),
                "encoding": table.encoding_label or None,
                "dry_run": args.dry_run,
                "rows": report.total,
                "good": report.good,
                "bad": report.bad_count,
                "imported": report.imported,
                "bad_rows_file": str(report.bad_rows_file) if report.bad_rows_file else None,
            }
        )
    else:
        if args.dry_run:
            print(_say("checked", lang, total=report.total, good=report.good, bad=report.bad_count))
        else:
            print(_say("imported", lang, imported=report.imported, bad=report.bad_count))
        for bad in report.bad[:PRINTED_BAD_ROWS]:
            errors = importing.describe_errors(bad.errors, lang)
            print(_say("line", lang, line=bad.line, errors=errors))
        if report.bad_count > PRINTED_BAD_ROWS:
            print(_say("more", lang, n=report.bad_count - PRINTED_BAD_ROWS))
        if report.bad_rows_file is not None:
            print(_say("bad_file", lang, path=report.bad_rows_file))
    if report.bad_count and not report.good:
        return 2
    return 1 if report.bad_count else 0


def _field_name(name: str, lang: str) -> str:
    pair = FIELD_NAMES.get(name)
    return (pair[1] if lang == "en" else pair[0]) if pair else name


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done * 100 // max(total, 1):3d}%", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

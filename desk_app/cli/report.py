"""``desk-app report``: issue a situation report (for scheduled reports) and list them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desk_app.cli.common import (
    CliError,
    command,
    context,
    datetime_arg,
    lang_of,
    print_json,
    print_table,
)
from desk_app.formats import format_datetime
from desk_app.reports import SECTIONS, SitrepOptions
from desk_app.services import sitreps

_OUTPUT = {
    "number": ("Nomor laporan", "Report number"),
    "pages": ("Jumlah halaman", "Pages"),
    "file": ("Berkas", "File"),
    "none": ("Belum ada laporan situasi yang diterbitkan.", "No situation report issued yet."),
}


def _say(key: str, lang: str) -> str:
    pair = _OUTPUT[key]
    return pair[1] if lang == "en" else pair[0]


def _sections_arg(text: str) -> tuple[str, ...]:
    chosen = tuple(s.strip() for s in text.replace(" ", ",").split(",") if s.strip())
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown section(s): {', '.join(unknown)} (choose from {', '.join(SECTIONS)})"
        )
    return chosen


def register(sub: Any) -> None:
    p = command(
        sub,
        "report",
        issue,
        "issue a situation report (Laporan Situasi) as a PDF; 'report list' lists them",
    )
    p.add_argument("--from", dest="period_from", type=datetime_arg, metavar="DATETIME",
                   help="start of the period (ISO; without an offset it is WIB)")  # fmt: skip
    p.add_argument("--to", dest="period_to", type=datetime_arg, metavar="DATETIME",
                   help="end of the period, exclusive (default: now)")  # fmt: skip
    p.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument(
        "--sections",
        type=_sections_arg,
        default=SECTIONS,
        metavar="LIST",
        help=f"comma-separated sections (default: all): {', '.join(SECTIONS)}",
    )
    p.add_argument(
        "--include-contact-details",
        action="store_true",
        help="print phone numbers, addresses and reporter details (coordinators and "
        "administrators who may see personal data only)",
    )
    p.add_argument("--highlights", default="", metavar="TEXT",
                   help="the coordinator's highlights ('- ' lines are bullets)")  # fmt: skip
    p.add_argument("--recommendations", default="", metavar="TEXT",
                   help="recommendations ('- ' lines are bullets)")  # fmt: skip
    p.add_argument("--signatory", default="", metavar="NAME", help="who signs 'Mengetahui'")
    p.add_argument("--signatory-title", default="", metavar="TITLE", help="the signatory's title")
    p.add_argument("--classification", default="TERBATAS", help="default TERBATAS")
    rsub = p.add_subparsers(dest="report_command", metavar="ACTION")
    command(rsub, "list", list_reports, "list issued situation reports (signed-in users)",
            json_output=True)  # fmt: skip


def issue(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    if args.output is None:
        raise CliError("-o FILE.pdf is required")
    with context(args) as ctx:
        assert ctx.actor is not None
        with ctx.db.read() as session:
            start, end = sitreps.default_period(session)
        start = args.period_from or start
        end = args.period_to or end
        options = SitrepOptions(
            period_start=start,
            period_end=end,
            lang=lang,
            sections=args.sections,
            highlights=args.highlights,
            recommendations=args.recommendations,
            signatory_name=args.signatory,
            signatory_title=args.signatory_title,
            classification=args.classification,
            include_personal_data=args.include_contact_details,
        )
        issued = sitreps.issue_sitrep(
            ctx.db, ctx.actor, options, reports_dir=ctx.paths.reports_dir, out_path=args.output
        )
    print(f"{_say('number', lang)}: {issued.number}")
    print(f"{_say('pages', lang)}: {issued.pages}")
    print(f"{_say('file', lang)}: {issued.file_path}", file=sys.stderr)
    return 0


def list_reports(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    with context(args) as ctx, ctx.db.read() as session:
        rows = sitreps.list_sitreps(session)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(_say("none", lang))
        return 0
    print_table(
        ["number", "issued", "from", "to", "by", "lang", "pages", "personal", "sha256", "file"],
        [
            [
                r.number,
                format_datetime(r.issued_at, lang),
                format_datetime(r.period_start, lang),
                format_datetime(r.period_end, lang),
                r.issued_by,
                r.lang,
                r.pages,
                "yes" if r.personal_data else "no",
                r.sha256[:12],
                r.file_path if r.file_exists else f"({r.file_path})",
            ]
            for r in rows
        ],
    )
    return 0

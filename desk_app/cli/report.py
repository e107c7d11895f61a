"""``desk-app report``: issue a situation report (for scheduled reports), preview a draft,
reprint an issued number, void one, and list them."""

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
from desk_app.messages import field_error
from desk_app.reports import SECTIONS, SitrepOptions
from desk_app.reports import issue as issuing
from desk_app.services import report_logo, sitreps
from desk_app.services.errors import ValidationError

_OUTPUT = {
    "number": ("Nomor laporan", "Report number"),
    "pages": ("Jumlah halaman", "Pages"),
    "file": ("Berkas", "File"),
    "none": ("Belum ada laporan situasi yang diterbitkan.", "No situation report issued yet."),
    "draft": ("DRAF (tidak bernomor, tidak dicatat)", "DRAFT (not numbered, not recorded)"),
    "voided": ("Nomor {number} dibatalkan: {reason}", "Number {number} voided: {reason}"),
    "recommendations_left_out": (
        "Rekomendasi diberikan, tetapi bagian rekomendasi tidak dipilih (--sections). "
        "Tambahkan 'recommendations' ke --sections atau hapus --recommendations.",
        "Recommendations were given but the recommendations section is left out "
        "(--sections). Add 'recommendations' to --sections or drop --recommendations.",
    ),
    "both_given": (
        "Gunakan {a} atau {b}, tidak keduanya.",
        "Use {a} or {b}, not both.",
    ),
    "unreadable": ("Berkas {path} tidak dapat dibaca: {reason}", "Cannot read {path}: {reason}"),
    "number_needs_time": (
        "--number mencetak ulang nomor yang sudah terbit dan memerlukan --issued-at "
        "(dan sebaliknya).",
        "--number reprints an issued number and needs --issued-at (and the other way round).",
    ),
    "draft_and_number": ("--draft tidak memakai nomor.", "--draft takes no number."),
    "logo_and_no_logo": (
        "Gunakan --logo atau --no-logo, tidak keduanya.",
        "Use --logo or --no-logo, not both.",
    ),
    "logo_set": ("Logo kop disimpan: {path}", "Letterhead logo kept: {path}"),
    "logo_cleared": ("Logo kop dihapus.", "Letterhead logo removed."),
    "logo_none": ("Belum ada logo kop.", "No letterhead logo set."),
    "logo_current": ("Logo kop: {path}", "Letterhead logo: {path}"),
    "logo_file_and_clear": (
        "Berikan berkas logo atau --clear, tidak keduanya.",
        "Give a logo file or --clear, not both.",
    ),
}


def _say(key: str, lang: str, **values: str) -> str:
    pair = _OUTPUT[key]
    return (pair[1] if lang == "en" else pair[0]).format(**values)


def _text_option(args: argparse.Namespace, name: str, lang: str) -> str:
    """``--NAME TEXT`` or ``--NAME-file FILE`` (UTF-8), not both."""
    text: str = getattr(args, name)
    path: Path | None = getattr(args, f"{name}_file")
    if path is None:
        return text
    flag = name.replace("_", "-")
    if text:
        raise CliError(_say("both_given", lang, a=f"--{flag}", b=f"--{flag}-file"))
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CliError(_say("unreadable", lang, path=str(path), reason=reason)) from None


def _checked_logo(path: Path, lang: str) -> None:
    """A PNG or JPEG that decodes whole, as the window checks a logo it keeps; else a
    message naming the file and why."""
    try:
        report_logo.read_logo_file(path)
    except ValidationError as exc:
        raise CliError(f"{field_error('logo', exc.errors['logo'], lang)} ({path})") from None


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
    p.add_argument("--highlights-file", type=Path, metavar="FILE",
                   help="the highlights from a UTF-8 text file")  # fmt: skip
    p.add_argument("--recommendations", default="", metavar="TEXT",
                   help="recommendations ('- ' lines are bullets); refused when the "
                   "recommendations section is left out")  # fmt: skip
    p.add_argument("--recommendations-file", type=Path, metavar="FILE",
                   help="the recommendations from a UTF-8 text file")  # fmt: skip
    p.add_argument("--signatory", default="", metavar="NAME",
                   help="who signs under 'Mengetahui'")  # fmt: skip
    p.add_argument("--signatory-title", default="", metavar="JABATAN",
                   help="the signatory's position, printed above the name")  # fmt: skip
    p.add_argument("--signatory-nip", default="", metavar="NIP",
                   help="the signatory's NIP, printed below the name")  # fmt: skip
    p.add_argument("--copy-to", action="append", default=[], metavar="RECIPIENT",
                   help="a recipient of a copy (Tembusan); repeat for each")  # fmt: skip
    p.add_argument("--next-report", type=datetime_arg, metavar="DATETIME",
                   help="when the next report is due (printed in the header)")  # fmt: skip
    p.add_argument("--annex", action=argparse.BooleanOptionalAction, default=True,
                   help="append the full list of notable developments (Lampiran) after the "
                   "sign-off (default: on)")  # fmt: skip
    p.add_argument("--draft", action="store_true",
                   help="a draft to read before issuing: no number taken, nothing recorded, "
                   "'DRAF' across each page")  # fmt: skip
    p.add_argument("--number", metavar="NUMBER",
                   help="reprint this issued number (with --issued-at): nothing recorded; the "
                   "same inputs give the same bytes")  # fmt: skip
    p.add_argument("--issued-at", type=datetime_arg, metavar="DATETIME",
                   help="the 'per' moment of a reprint (with --number)")  # fmt: skip
    p.add_argument("--logo", type=Path, metavar="FILE.png",
                   help="print this PNG or JPEG in the kop for this report only (default: the "
                   "logo set with 'report logo' or in the window; none is shipped)")  # fmt: skip
    p.add_argument("--no-logo", action="store_true",
                   help="print the kop without the logo set for this workstation")  # fmt: skip
    p.add_argument("--classification", default="TERBATAS", help="default TERBATAS")
    rsub = p.add_subparsers(dest="report_command", metavar="ACTION")
    command(
        rsub,
        "list",
        list_reports,
        "list issued situation reports (signed-in users)",
        json_output=True,
    )
    v = command(
        rsub,
        "void",
        void_report,
        "declare an issued number void, with the reason (kept in the register)",
    )
    v.add_argument("void_number", metavar="NUMBER", help="the issued number, e.g. GB1/004/2024")
    v.add_argument("--reason", required=True, metavar="TEXT", help="why it is void")
    g = command(
        rsub,
        "logo",
        set_logo,
        "show, set (FILE) or remove (--clear) the province's emblem printed in every "
        "sitrep's kop on this workstation (administrators)",
    )
    g.add_argument("logo_file", nargs="?", type=Path, metavar="FILE",
                   help="a PNG or JPEG image; a copy is kept in the data directory")  # fmt: skip
    g.add_argument("--clear", action="store_true", help="print no logo from now on")


def issue(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    if args.output is None:
        raise CliError("-o FILE.pdf is required")
    highlights = _text_option(args, "highlights", lang)
    recommendations = _text_option(args, "recommendations", lang)
    if recommendations.strip() and "recommendations" not in args.sections:
        raise CliError(_say("recommendations_left_out", lang))
    if (args.number is None) != (args.issued_at is None):
        raise CliError(_say("number_needs_time", lang))
    if args.draft and args.number is not None:
        raise CliError(_say("draft_and_number", lang))
    if args.logo is not None and args.no_logo:
        raise CliError(_say("logo_and_no_logo", lang))
    if args.logo is not None:
        _checked_logo(args.logo, lang)
    with context(args) as ctx:
        assert ctx.actor is not None
        with ctx.db.read() as session:
            start, end = sitreps.default_period(session)
        logo: Path | None = None
        if args.logo is not None:
            logo = args.logo.resolve()
        elif not args.no_logo:
            logo = report_logo.current_logo(ctx.paths.data_dir)
        options = SitrepOptions(
            period_start=args.period_from or start,
            period_end=args.period_to or end,
            lang=lang,
            sections=args.sections,
            highlights=highlights,
            recommendations=recommendations,
            signatory_name=args.signatory,
            signatory_title=args.signatory_title,
            signatory_nip=args.signatory_nip,
            classification=args.classification,
            include_personal_data=args.include_contact_details,
            annex=args.annex,
            distribution="\n".join(args.copy_to),
            next_report=args.next_report,
            logo_path=str(logo) if logo is not None else "",
        )
        if args.draft:
            rendered = issuing.draft_sitrep(ctx.db, ctx.actor, options)
            sitreps._write_atomically(args.output.resolve(), rendered.pdf)
            number, pages, path = _say("draft", lang), rendered.pages, str(args.output.resolve())
        elif args.number is not None:
            rendered = issuing.reprint_sitrep(
                ctx.db,
                ctx.actor,
                options,
                number=args.number,
                issued_at=args.issued_at,
                out_path=args.output,
            )
            number, pages, path = args.number, rendered.pages, str(args.output.resolve())
        else:
            issued = issuing.issue_sitrep(
                ctx.db, ctx.actor, options, reports_dir=ctx.paths.reports_dir, out_path=args.output
            )
            number, pages, path = issued.number, issued.pages, issued.file_path
    print(f"{_say('number', lang)}: {number}")
    print(f"{_say('pages', lang)}: {pages}")
    print(f"{_say('file', lang)}: {path}", file=sys.stderr)
    return 0


def set_logo(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    if args.clear and args.logo_file is not None:
        raise CliError(_say("logo_file_and_clear", lang))
    if args.logo_file is not None:
        _checked_logo(args.logo_file, lang)
    with context(args) as ctx:
        assert ctx.actor is not None
        data_dir = ctx.paths.data_dir
        if args.clear:
            report_logo.clear_logo(data_dir, ctx.actor)
            print(_say("logo_cleared", lang))
        elif args.logo_file is not None:
            path = report_logo.set_logo(data_dir, ctx.actor, args.logo_file)
            print(_say("logo_set", lang, path=str(path)))
        else:
            current = report_logo.current_logo(data_dir)
            print(
                _say("logo_current", lang, path=str(current))
                if current is not None
                else _say("logo_none", lang)
            )
    return 0


def void_report(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    with context(args) as ctx:
        assert ctx.actor is not None
        with ctx.db.write() as session:
            record = sitreps.void_sitrep(session, ctx.actor, args.void_number, args.reason)
    print(_say("voided", lang, number=record.number, reason=record.void_reason or ""))
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
        [
            "number",
            "issued",
            "from",
            "to",
            "by",
            "lang",
            "pages",
            "personal",
            "sha256",
            "file",
            "void",
        ],
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
                r.void_reason or "",
            ]
            for r in rows
        ],
    )
    return 0

"""``desk-app incidents ...``: log, list, show, edit, move, follow up and import incidents."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desk_app.cli.common import (
    command,
    context,
    datetime_arg,
    fail,
    field_options,
    lang_of,
    print_json,
    print_table,
    severity_arg,
)
from desk_app.cli.importing import add_import_command
from desk_app.formats import format_datetime
from desk_app.models.enums import IncidentStatus
from desk_app.services import attachments, incidents
from desk_app.services.incident_fields import INCIDENT_FIELDS
from desk_app.services.users import find_user

STATUSES = [s.value for s in IncidentStatus]
#: The most rows one listing prints, and the furthest it may skip (SQLite's integers are
#: 64-bit: a larger number was an OverflowError).
MAX_LIMIT = 1_000_000
MAX_OFFSET = 2**62


def count_arg(low: int, high: int) -> Callable[[str], int]:
    """argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"must be a whole number from {low:,} to {high:,}, not {text!r}"
            )
        return value

    return parse


def register(sub: Any) -> None:
    group = command(sub, "incidents", _usage, "log and follow incidents")
    isub = group.add_subparsers(dest="incidents_command", metavar="ACTION")

    p = command(isub, "add", add, "log a new incident; prints its reference number",
                json_output=True)  # fmt: skip
    _incident_fields(p, required=True)

    p = command(isub, "list", list_, "list incidents, newest first", json_output=True)
    p.add_argument("--region", action="append", metavar="CODE", help="region code (repeatable)")
    p.add_argument("--status", action="append", choices=STATUSES, help="status (repeatable)")
    p.add_argument("--category", action="append", metavar="C", help="category code (repeatable)")
    p.add_argument("--severity", action="append", type=severity_arg, metavar="N",
                   help="severity 1-4 (repeatable)")  # fmt: skip
    p.add_argument("--assignee", metavar="USER", help="assigned to this user")
    p.add_argument("--from", dest="date_from", type=datetime_arg, metavar="DATETIME",
                   help="occurred at or after (ISO; WIB unless an offset is given)")  # fmt: skip
    p.add_argument("--to", dest="date_to", type=datetime_arg, metavar="DATETIME",
                   help="occurred before (ISO; WIB unless an offset is given)")  # fmt: skip
    p.add_argument("--search", metavar="TEXT", default="", help="full-text search")
    p.add_argument("--sort", choices=sorted(incidents.SORTABLE), default="occurred_at")
    p.add_argument("--ascending", action="store_true", help="oldest/lowest first")
    p.add_argument("--limit", type=count_arg(1, MAX_LIMIT), default=50, metavar="N",
                   help=f"at most N rows (50; 1 to {MAX_LIMIT:,})")  # fmt: skip
    p.add_argument("--offset", type=count_arg(0, MAX_OFFSET), default=0, metavar="N",
                   help="skip N rows")  # fmt: skip

    p = command(isub, "show", show, "show one incident with its history", json_output=True)
    p.add_argument("ref", help="reference number, e.g. GB1-2024-00042")

    p = command(isub, "edit", edit, "change some fields of an incident")
    p.add_argument("ref")
    _incident_fields(p, required=False)

    p = command(isub, "set-status", set_status, "move an incident to another status")
    p.add_argument("ref")
    p.add_argument("status", choices=STATUSES)
    p.add_argument("--note", required=True, help="why (required)")

    p = command(isub, "follow-up", follow_up, "add a follow-up (tindak lanjut)")
    p.add_argument("ref")
    p.add_argument("--type", required=True, dest="type_code",
                   help="follow-up type code, e.g. VERIFIKASI, TAKEDOWN, BAWASLU")  # fmt: skip
    p.add_argument("--note", required=True)

    p = command(isub, "delete", delete, "delete an incident (coordinators and administrators)")
    p.add_argument("ref")

    p = command(isub, "attach", attach, "attach a file (PNG, JPEG, GIF, WEBP or PDF, max 20 MB)",
                json_output=True)  # fmt: skip
    p.add_argument("ref")
    p.add_argument("file", type=Path)

    add_import_command(isub, "incidents")


#: Where the command line spells an incident field otherwise than ``--field-name``, and
#: the ``IncidentInput`` name it fills (``assignee`` is a user name, looked up).
_SPELLED = {
    "region": ("--region", "region_code"),
    "source_type": ("--source", "source_type"),
    "neutrality_subject": ("--subject", "neutrality_subject"),
    "assigned_to": ("--assign", "assignee"),
}
_HINTS = {
    "region": "Kemendagri code, e.g. 33.74",
    "category": "KAMTIB, HOAKS, UJARAN, PROVOKASI, NETRALITAS, POLITIK_UANG, KAMPANYE, "
    "PENYELENGGARAAN, UNJUK_RASA, BENCANA, LAINNYA",
    "severity": "1 Rendah, 2 Sedang, 3 Tinggi, 4 Kritis",
    "source_type": "MEDSOS, MEDIA_MASSA, OPD, APARAT, PENYELENGGARA, FORUM, MASYARAKAT, OBSERVASI",
    "occurred_at": "default: now",
    "reported_at": "default: now",
    "neutrality_subject": "for NETRALITAS: ASN, KADES, PERANGKAT_DESA, LINMAS, TNI_POLRI",
    "platform": "detected from --link when omitted",
    "assigned_to": "a user name",
}


def _incident_fields(p: argparse.ArgumentParser, *, required: bool) -> None:
    field_options(
        p,
        INCIDENT_FIELDS,
        required=required,
        spelled=_SPELLED,
        hints=_HINTS,
        types={"severity": severity_arg},
    )


#: What ``add`` and ``edit`` pass on as they are: every field the command line takes,
#: but the assignee (a user name to look up).
_FIELDS = [
    _SPELLED.get(f.name, ("", f.name))[1]
    for f in INCIDENT_FIELDS
    if f.imported and f.name != "assigned_to"
]


def _usage(args: argparse.Namespace) -> int:
    print("usage: desk-app incidents "
          "{add,list,show,edit,set-status,follow-up,delete,attach,import} ...",
          file=sys.stderr)  # fmt: skip
    return 2


def add(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.write() as session:
        assert ctx.actor is not None
        values = {f: getattr(args, f) for f in _FIELDS if getattr(args, f) is not None}
        if args.assignee:
            values["assigned_to"] = find_user(session, args.assignee).id
        detail = incidents.create_incident(session, ctx.actor, incidents.IncidentInput(**values))
    if args.json:
        print_json(detail)
    else:
        print(detail.ref)
    return 0


def list_(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.read() as session:
        assignee = find_user(session, args.assignee).id if args.assignee else None
        flt = incidents.IncidentFilter(
            region_codes=tuple(args.region or ()),
            categories=tuple(args.category or ()),
            severities=tuple(args.severity or ()),
            statuses=tuple(args.status or ()),
            assigned_to=assignee,
            date_from=args.date_from,
            date_to=args.date_to,
            search=args.search,
            sort=args.sort,
            descending=not args.ascending,
        )
        rows = incidents.list_incidents(session, flt, offset=args.offset, limit=args.limit)
    if args.json:
        print_json(rows)
        return 0
    lang = lang_of(args)
    print_table(
        ["ref", "occurred (WIB)", "region", "cat", "sev", "status", "title"],
        [
            [r.ref, format_datetime(r.occurred_at, lang), r.region_code, r.category,
             r.severity, r.status, r.title[:60]]
            for r in rows
        ],
    )  # fmt: skip
    return 0


def show(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.read() as session:
        assert ctx.actor is not None
        detail = incidents.get_incident(
            session, ctx.actor, incidents.find_by_ref(session, args.ref)
        )
    if args.json:
        print_json(detail)
        return 0
    lang = lang_of(args)
    lines = [
        ("ref", detail.ref),
        ("title", detail.title),
        ("status", detail.status),
        ("region", f"{detail.region_code} {detail.region_name}"),
        ("place", ", ".join(p for p in (detail.desa, detail.kecamatan) if p)),
        ("category", detail.category + (f" / {detail.neutrality_subject}"
                                        if detail.neutrality_subject else "")),
        ("severity", detail.severity),
        ("source", detail.source_type + (f" / {detail.platform}" if detail.platform else "")),
        ("link", detail.link),
        ("occurred", format_datetime(detail.occurred_at, lang)),
        ("reported", format_datetime(detail.reported_at, lang)),
        ("assignee", detail.assignee or "-"),
        ("reporter", " ".join(p for p in (detail.reporter_name, detail.reporter_contact) if p)),
    ]  # fmt: skip
    for key, value in lines:
        print(f"{key:10} {value}")
    if detail.description:
        print()
        print(detail.description)
    if detail.status_history:
        print("\nstatus history:")
        for h in detail.status_history:
            print(f"  {format_datetime(h.at, lang)}  {h.from_status} -> {h.to_status}  "
                  f"({h.by or '-'}) {h.note}")  # fmt: skip
    if detail.follow_ups:
        print("\nfollow-ups:")
        for f in detail.follow_ups:
            print(f"  {format_datetime(f.at, lang)}  {f.type}  ({f.by or '-'}) {f.note}")
    return 0


def edit(args: argparse.Namespace) -> int:
    changes: dict[str, Any] = {f: getattr(args, f) for f in _FIELDS if getattr(args, f) is not None}
    with context(args) as ctx, ctx.db.write() as session:
        assert ctx.actor is not None
        if args.assignee:
            changes["assigned_to"] = find_user(session, args.assignee).id
        if not changes:
            print("desk-app: nothing to change (give at least one field)", file=sys.stderr)
            return 2
        incident_id = incidents.find_by_ref(session, args.ref)
        incidents.edit_fields(session, ctx.actor, incident_id, **changes)
    print(args.ref)
    return 0


def set_status(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.write() as session:
        assert ctx.actor is not None
        incident_id = incidents.find_by_ref(session, args.ref)
        detail = incidents.change_status(session, ctx.actor, incident_id, args.status, args.note)
    print(f"{detail.ref}: {detail.status}")
    return 0


def follow_up(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.write() as session:
        assert ctx.actor is not None
        incident_id = incidents.find_by_ref(session, args.ref)
        incidents.add_follow_up(session, ctx.actor, incident_id, args.type_code, args.note)
    print(args.ref)
    return 0


def delete(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.write() as session:
        assert ctx.actor is not None
        incidents.delete_incident(session, ctx.actor, incidents.find_by_ref(session, args.ref))
    print(args.ref)
    return 0


_ATTACH_ERRORS = {
    "attachment_type": (
        "jenis berkas tidak diterima: hanya PNG, JPEG, GIF, WEBP atau PDF",
        "file type not accepted: only PNG, JPEG, GIF, WEBP or PDF",
    ),
    "attachment_too_large": (
        "berkas terlalu besar (maksimum 20 MB)",
        "file too large (at most 20 MB)",
    ),
    "attachment_empty": ("berkas kosong", "the file is empty"),
    "attachment_unreadable": ("berkas tidak dapat dibaca", "the file cannot be read"),
    "attachment_changed": (
        "berkas berubah saat disalin; coba lagi",
        "the file changed while it was copied; try again",
    ),
    "attachment_duplicate": (
        "berkas yang sama sudah dilampirkan",
        "the same file is already attached",
    ),
    "attachment_store_failed": (
        "lampiran tidak dapat disimpan di folder data",
        "the attachment cannot be saved in the data folder",
    ),
}


def attach(args: argparse.Namespace) -> int:
    lang = lang_of(args)
    try:
        with context(args) as ctx, ctx.db.write() as session:
            assert ctx.actor is not None
            store = attachments.BlobStore(ctx.paths.attachments_dir)
            incident_id = incidents.find_by_ref(session, args.ref)
            view = attachments.add_attachment(session, ctx.actor, store, incident_id, args.file)
    except attachments.AttachmentError as exc:
        pair = _ATTACH_ERRORS.get(exc.code)
        if pair is None:
            raise
        return fail(f"{args.file}: {pair[1] if lang == 'en' else pair[0]}")
    if args.json:
        print_json(view)
    else:
        size = attachments.format_size(view.size, lang)
        print(f"{view.incident_ref}: {view.filename} ({view.media_type}, {size})")
    return 0

"""``desk-app contacts ...``: the partner-forum directory."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desk_app.cli.common import command, context, print_json, print_table
from desk_app.cli.importing import add_import_command
from desk_app.cli.incidents import MAX_LIMIT, count_arg
from desk_app.services import contacts
from desk_app.services.phones import display_phone


def register(sub: Any) -> None:
    group = command(sub, "contacts", _usage, "the partner-forum contact directory")
    csub = group.add_subparsers(dest="contacts_command", metavar="ACTION")

    p = command(csub, "add", add, "add a contact", json_output=True)
    p.add_argument("--name", required=True)
    p.add_argument("--category", required=True,
                   help="TOKOH_AGAMA, TOKOH_MASYARAKAT, PEMANGKU, MEDIA, JEJARING")  # fmt: skip
    p.add_argument("--honorific", default="", help="e.g. KH, Dr., Ir.")
    p.add_argument("--position", default="")
    p.add_argument("--organisation", default="")
    p.add_argument("--forum", action="append", default=[],
                   help="FKUB, FKDM, FPK, FORKOPIMDA, KOMINDA (repeatable)")  # fmt: skip
    p.add_argument("--region", action="append", default=[], metavar="CODE",
                   help="region code (repeatable)")  # fmt: skip
    p.add_argument("--province-wide", action="store_true")
    p.add_argument("--phone", action="append", default=[], help="phone number (repeatable)")
    p.add_argument("--whatsapp", default="")
    p.add_argument("--email", default="")
    p.add_argument("--basis", default="", help="basis or consent for holding the data")
    p.add_argument("--notes", default="")

    p = command(csub, "list", list_, "list contacts", json_output=True)
    p.add_argument("--forum")
    p.add_argument("--region", metavar="CODE")
    p.add_argument("--category")
    p.add_argument("--search", default="")
    p.add_argument("--limit", type=count_arg(1, MAX_LIMIT), default=100, metavar="N",
                   help=f"at most N contacts (100; 1 to {MAX_LIMIT:,})")  # fmt: skip

    add_import_command(csub, "contacts")


def _usage(args: argparse.Namespace) -> int:
    print("usage: desk-app contacts {add,list,import} ...", file=sys.stderr)
    return 2


def add(args: argparse.Namespace) -> int:
    data = contacts.ContactInput(
        name=args.name,
        category=args.category,
        honorific=args.honorific,
        position=args.position,
        organisation=args.organisation,
        forums=args.forum,
        region_codes=args.region,
        province_wide=args.province_wide,
        phones=args.phone,
        whatsapp=args.whatsapp,
        email=args.email,
        basis=args.basis,
        notes=args.notes,
    )
    with context(args) as ctx, ctx.db.write() as session:
        assert ctx.actor is not None
        detail = contacts.create_contact(session, ctx.actor, data)
    if args.json:
        print_json(detail)
    else:
        print(detail.row.id)
    return 0


def list_(args: argparse.Namespace) -> int:
    flt = contacts.ContactFilter(
        category=args.category, forum=args.forum, region_code=args.region, search=args.search
    )
    with context(args) as ctx, ctx.db.read() as session:
        assert ctx.actor is not None
        rows = contacts.list_contacts(session, ctx.actor, flt, limit=args.limit)
    if args.json:
        print_json(rows)
        return 0
    print_table(
        ["name", "position", "organisation", "category", "forums", "regions", "phone"],
        [
            [
                r.display_name,
                r.position,
                r.organisation,
                r.category,
                ",".join(r.forums),
                "Jateng" if r.province_wide else ",".join(r.region_codes),
                display_phone(r.phones[0]) if r.phones and not r.personal_data_masked
                else (r.phones[0] if r.phones else ""),
            ]
            for r in rows
        ],
    )  # fmt: skip
    return 0

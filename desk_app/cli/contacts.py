"""``desk-app contacts ...``: the partner-forum directory."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desk_app.cli.common import command, context, field_options, print_json, print_table
from desk_app.cli.importing import add_import_command
from desk_app.cli.incidents import MAX_LIMIT, count_arg
from desk_app.services import contacts
from desk_app.services.contact_fields import CONTACT_FIELDS
from desk_app.services.phones import display_phone


def register(sub: Any) -> None:
    group = command(sub, "contacts", _usage, "the partner-forum contact directory")
    csub = group.add_subparsers(dest="contacts_command", metavar="ACTION")

    p = command(csub, "add", add, "add a contact", json_output=True)
    field_options(
        p,
        CONTACT_FIELDS,
        required=True,
        spelled=_SPELLED,
        hints=_HINTS,
        once=frozenset({"whatsapp"}),
    )

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


#: Where the command line spells a contact field otherwise than ``--field-name``.
_SPELLED = {
    "forums": ("--forum", "forums"),
    "region_codes": ("--region", "region_codes"),
    "phones": ("--phone", "phones"),
}
_HINTS = {
    "category": "TOKOH_AGAMA, TOKOH_MASYARAKAT, PEMANGKU, MEDIA, JEJARING",
    "honorific": "e.g. KH, Dr., Ir.",
    "forums": "FKUB, FKDM, FPK, FORKOPIMDA, KOMINDA",
    "region_codes": "Kemendagri code, e.g. 33.74",
    "social": "e.g. instagram=@kh.ahmad",
    "basis": "basis or consent for holding the data",
}


def add(args: argparse.Namespace) -> int:
    given = {
        f.name: getattr(args, _SPELLED.get(f.name, ("", f.name))[1])
        for f in CONTACT_FIELDS
        if f.imported
    }
    given["social"] = dict(given.get("social") or [])
    data = contacts.ContactInput(
        **{name: value for name, value in given.items() if value is not None}
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

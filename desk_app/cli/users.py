"""``desk-app users ...``: accounts and roles. How the CLI signs a person in
(``cli_sign_in``) lives in ``desk_app.cli.common``:

The CLI acts as a named user (``--user NAME``, else ``$DESK_USER``, else ``admin``). The
password comes from ``$DESK_PASSWORD``, else the system keyring (service
``desk-pilkada``), else it is asked for when a terminal is attached. Nobody gets in
without a password: on a fresh desk every command but ``setup`` is refused until the
first administrator's password is chosen, explicitly, with ``desk-app setup`` (typed
twice, or ``$DESK_NEW_PASSWORD``) or at the window's first start. ``$DESK_PASSWORD`` is
never taken as a new password.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

from desk_app.cli.common import (
    NEW_PASSWORD_ENV,
    _interactive,
    ask_new_password,
    cli_sign_in,
    command,
    context,
    print_json,
    print_table,
)
from desk_app.models.enums import Role
from desk_app.services import auth
from desk_app.services.errors import ServiceError
from desk_app.services.permissions import Action, require

log = logging.getLogger("desk_app.cli")

#: Moved to ``desk_app.cli.common`` (which ``cli/users`` imports, not the other way
#: round); still importable from here for ``cli/backup.py``.
__all__ = ["cli_sign_in", "register"]

# --- commands ---------------------------------------------------------------------------


def register(sub: Any) -> None:
    command(
        sub,
        "setup",
        setup,
        "first start: choose the administrator's password (typed twice, or "
        f"${NEW_PASSWORD_ENV}); every other command is refused until then",
    )
    p = command(sub, "users", _help, "user accounts and roles (administrators)")
    usub = p.add_subparsers(dest="users_command", metavar="ACTION")
    p = command(
        usub,
        "add",
        users_add,
        f"add a user (password from ${NEW_PASSWORD_ENV}, else asked twice)",
    )
    p.add_argument("name", help="user name: lower-case letters, digits, . _ -")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--full-name", default="", help="full name as printed on reports")
    p.add_argument("--title", default="", help="position, e.g. Kepala Bagian")
    command(usub, "list", users_list, "list users, their roles and state", json_output=True)
    p = command(usub, "set-role", users_set_role, "change a user's role")
    p.add_argument("name")
    p.add_argument("role", choices=[r.value for r in Role])
    p = command(usub, "disable", users_disable, "disable a user (cannot sign in anywhere)")
    p.add_argument("name")
    p = command(usub, "enable", users_enable, "enable a disabled user")
    p.add_argument("name")
    p = command(
        usub,
        "passwd",
        users_passwd,
        f"set a user's password (from ${NEW_PASSWORD_ENV}, else asked twice)",
    )
    p.add_argument("name")


def setup(args: argparse.Namespace) -> int:
    """Create the first administrator: the one way in on a fresh desk besides the window."""
    with context(args, sign_in=False) as ctx:
        with ctx.db.read() as session:
            if not auth.needs_first_password(session):
                raise ServiceError(
                    "the administrator's password is already set", code="already_set"
                )
        if os.environ.get(NEW_PASSWORD_ENV) is None and _interactive():
            print(
                "Mulai pertama: tetapkan kata sandi administrator (pengguna 'admin'). / "
                "First start: choose the password of the administrator ('admin').",
                file=sys.stderr,
            )
        password = ask_new_password("Kata sandi baru / new password: ")
        with ctx.db.write() as session:
            actor = auth.set_first_password(session, password)
    print(f"{actor.username}: administrator siap / administrator ready")
    return 0


def _help(args: argparse.Namespace) -> int:
    print("usage: desk-app users {add,list,set-role,disable,enable,passwd} ...", file=sys.stderr)
    return 2


def users_add(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        assert ctx.actor is not None
        # Refuse a non-administrator before asking for a password nobody will use.
        require(ctx.actor, Action.MANAGE_USERS)
        password = ask_new_password(f"Kata sandi baru untuk / new password for {args.name}: ")
        with ctx.db.write() as session:
            row = auth.add_user(
                session,
                ctx.actor,
                args.name,
                args.role,
                full_name=args.full_name,
                title=args.title,
                password=password,
            )
    print(f"{row.username} ({row.role})")
    return 0


def users_list(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.read() as session:
        accounts = auth.list_accounts(session)
        pd_roles = sorted(r.value for r in auth.personal_data_roles(session))
    if args.json:
        print_json({"users": accounts, "personal_data_roles": pd_roles})
        return 0
    print_table(
        ["user", "name", "role", "active", "password"],
        [
            [a.username, a.full_name, a.role, "yes" if a.active else "no", _yes(a.has_password)]
            for a in accounts
        ],
    )
    print(f"\npersonal data visible to: {', '.join(pd_roles)}")
    return 0


def _yes(value: bool) -> str:
    return "set" if value else "-"


def users_set_role(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.write() as session:
        assert ctx.actor is not None
        auth.set_role(session, ctx.actor, args.name, args.role)
    print(f"{args.name}: {args.role}")
    return 0


def users_disable(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.write() as session:
        assert ctx.actor is not None
        auth.disable_user(session, ctx.actor, args.name)
    print(f"{args.name}: disabled")
    return 0


def users_enable(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.write() as session:
        assert ctx.actor is not None
        auth.enable_user(session, ctx.actor, args.name)
    print(f"{args.name}: enabled")
    return 0


def users_passwd(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        assert ctx.actor is not None
        password = ask_new_password(f"Kata sandi baru untuk / new password for {args.name}: ")
        with ctx.db.write() as session:
            auth.set_password(session, ctx.actor, args.name, password)
    print(f"{args.name}: password changed")
    return 0

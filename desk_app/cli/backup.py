"""``desk-app backup`` and ``desk-app restore``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from desk_app.cli.common import command, context, print_json
from desk_app.config import AppPaths, resolve_data_dir
from desk_app.context import AppContext
from desk_app.db import open_database
from desk_app.services import backup
from desk_app.services.permissions import Action, require


def register(sub: Any) -> None:
    p = command(
        sub,
        "backup",
        backup_cmd,
        "back up the database (verified; rotated in the backups folder unless -o is given)",
        json_output=True,
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the backup to FILE")
    p.add_argument(
        "--keep",
        type=int,
        default=backup.DEFAULT_KEEP,
        metavar="N",
        help=f"backups kept in the backups folder (default {backup.DEFAULT_KEEP})",
    )
    p = command(
        sub,
        "restore",
        restore_cmd,
        "replace the database by a backup (the current one is kept aside); also when the "
        "database no longer opens: it is then moved aside unchanged, and the user must be "
        "an administrator in the backup",
    )
    p.add_argument("file", help="a backup written by desk-app backup")
    command(
        sub,
        "backups",
        backups_list,
        "list the backups in the backups folder (administrators)",
        json_output=True,
    )


def backup_cmd(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        assert ctx.actor is not None
        require(ctx.actor, Action.MANAGE_BACKUPS)
        info = backup.create_backup(
            ctx.paths.database,
            ctx.paths.backups_dir,
            kind="manual",
            keep=args.keep,
            dest=Path(args.output) if args.output else None,
        )
    if args.json:
        print_json({"path": str(info.path), "size": info.size, "revision": info.revision})
    else:
        print(f"{info.path} ({info.size} bytes, verified)")
    return 0


def restore_cmd(args: argparse.Namespace) -> int:
    source = Path(args.file)
    # Check the file before touching anything.
    backup.verify_database_file(source)
    paths = AppPaths(resolve_data_dir(getattr(args, "data_dir", None)))
    paths.ensure()
    # Looked at read-only: a database that does not open is kept byte for byte, so it is
    # not opened for writing (a migration, the sign-in) before it is moved aside.
    health = backup.database_health(paths.database)
    authorise: Callable[[Path], None] | None = None
    if health.state == backup.SOUND:
        with context(args) as ctx:
            assert ctx.actor is not None
            require(ctx.actor, Action.MANAGE_BACKUPS)
    else:
        if health.state == backup.BROKEN:
            print(
                f"desk-app: the current database does not open ({health.reason}); it will be "
                "moved aside unchanged. Sign in as an administrator of the backup.",
                file=sys.stderr,
            )
        # Nobody's role can be read from a database that does not open (or is newer than
        # this version, or is missing): the user must be an administrator in the backup.
        authorise = partial(_authorise_in_backup, args)
    result = backup.restore_database(
        paths.database, source, paths.backups_dir, authorise=authorise, health=health
    )
    print(f"restored from {source}")
    if result.broken and result.aside is not None:
        kept = [result.aside.name] + [
            p.name for p in sorted(result.aside.parent.glob(result.aside.name + "-*"))
        ]
        print(f"the damaged database was moved aside unchanged as {', '.join(kept)}")
        print(f"in {result.aside.parent}")
    elif result.aside is not None:
        print(f"previous database kept as {result.aside}")
    return 0


def _authorise_in_backup(args: argparse.Namespace, staged: Path) -> None:
    """Sign the command's user in against the (verified) copy about to be restored."""
    from desk_app.cli.users import cli_sign_in

    # Brought to this version's schema like any database the app opens; its
    # pre-migration backup goes to the same backups folder.
    db = open_database(staged)
    try:
        ctx = AppContext(paths=AppPaths(staged.parent), db=db, site_id="", workstation_code="")
        username = getattr(args, "user", None) or os.environ.get("DESK_USER", "admin")
        actor = cli_sign_in(ctx, username)
        require(actor, Action.MANAGE_BACKUPS)
    finally:
        db.dispose()


def backups_list(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        assert ctx.actor is not None
        require(ctx.actor, Action.MANAGE_BACKUPS)
        found = backup.list_backups(ctx.paths.backups_dir)
    if args.json:
        print_json([{"path": str(b.path), "size": b.size, "kind": b.kind} for b in found])
    else:
        for b in found:
            print(f"{b.created_at:%Y-%m-%d %H:%M} UTC  {b.kind:15} {b.size:>12}  {b.path.name}")
    return 0

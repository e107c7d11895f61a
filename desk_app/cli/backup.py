"""``desk-app backup`` and ``desk-app restore``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk_app.cli.common import command, context, print_json
from desk_app.config import AppPaths, resolve_data_dir
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
        "replace the database by a backup (the current one is kept aside)",
    )
    p.add_argument("file", help="a backup written by desk-app backup")
    command(
        sub, "backups", backups_list, "list the backups in the backups folder", json_output=True
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
    # Check the file and the person before touching anything.
    backup.verify_database_file(source)
    with context(args) as ctx:
        assert ctx.actor is not None
        require(ctx.actor, Action.MANAGE_BACKUPS)
        paths = ctx.paths
    aside = backup.restore_database(paths.database, source, paths.backups_dir)
    print(f"restored from {source}")
    if aside is not None:
        print(f"previous database kept as {aside}")
    return 0


def backups_list(args: argparse.Namespace) -> int:
    paths = AppPaths(resolve_data_dir(getattr(args, "data_dir", None)))
    found = backup.list_backups(paths.backups_dir)
    if args.json:
        print_json([{"path": str(b.path), "size": b.size, "kind": b.kind} for b in found])
    else:
        for b in found:
            print(f"{b.created_at:%Y-%m-%d %H:%M} UTC  {b.kind:15} {b.size:>12}  {b.path.name}")
    return 0

"""``desk-app backup`` and ``desk-app restore``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from desk_app.cli.common import CliError, command, context, lang_of, open_desk, print_json
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
    p.add_argument(
        "--yes",
        action="store_true",
        help="restore another desk's backup without asking (this desk then takes its data "
        "as a new workstation)",
    )
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
    plan = backup.restore_plan(paths.database, source)
    if plan.other_desk:
        _confirm_other_desk(args, plan, paths.data_dir)
    result = backup.restore_database(
        paths.database,
        source,
        paths.backups_dir,
        authorise=authorise,
        health=health,
        allow_other_desk=plan.other_desk,
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
    _settle_restored(args)
    return 0


def _t(args: argparse.Namespace, id_text: str, en_text: str) -> str:
    return en_text if lang_of(args) == "en" else id_text


def _confirm_other_desk(args: argparse.Namespace, plan: backup.RestorePlan, data_dir: Path) -> None:
    """Another desk's backup: say what will happen, and go on only when confirmed
    (``--yes``, or "y" typed at a terminal)."""
    from desk_app.sync.settings import has_hub

    assert plan.backup is not None
    theirs = plan.backup.code
    mine = plan.current.code if plan.current else "-"
    if has_hub(data_dir):
        then = _t(
            args,
            "ID situs baru, ID lama dicatat sebagai 'sebelumnya', dan sinkron berikutnya "
            "mengunduh semua data dari hub lalu mengirim ulang yang belum dimiliki hub; "
            "administrator mendaftarkannya lagi di hub.",
            "a new site id, the old one kept as 'formerly', and the next sync downloads "
            "everything from the hub and sends again what the hub lacks; an administrator "
            "enrolls it with the hub again.",
        )
    else:
        then = _t(
            args,
            "ID situs baru, ID lama dicatat sebagai 'sebelumnya'.",
            "a new site id, the old one kept as 'formerly'.",
        )
    print(
        _t(
            args,
            f"Cadangan ini dibuat oleh desk lain ({theirs}), bukan desk ini ({mine}). Desk "
            f"ini akan mengambil data desk itu dan menjadi workstation baru: {then} Desk "
            f"{theirs} tetap berjalan seperti biasa.",
            f"This backup was made by another desk ({theirs}), not this one ({mine}). This "
            f"desk will take that desk's data and become a new workstation: {then} Desk "
            f"{theirs} goes on working as before.",
        ),
        file=sys.stderr,
    )
    if args.yes:
        return
    if sys.stdin is not None and sys.stdin.isatty():
        answer = input(_t(args, "Lanjutkan? [y/T] ", "Go on? [y/N] ")).strip().lower()
        if answer in ("y", "ya", "yes"):
            return
    raise CliError(
        _t(
            args,
            "pemulihan dibatalkan; tidak ada yang diubah (pakai --yes untuk memulihkan "
            "cadangan desk lain)",
            "restore cancelled; nothing was changed (use --yes to restore another desk's backup)",
        )
    )


def _settle_restored(args: argparse.Namespace) -> None:
    """Open the restored database once, so that it becomes a new incarnation now (the
    previous site id's credential forgotten) and the user is told what that means: with
    a hub, that an administrator enrolls this desk again."""
    from desk_app.sync.settings import has_hub

    ctx = open_desk(getattr(args, "data_dir", None))
    try:
        new = ctx.incarnation
        connected = has_hub(ctx.paths.data_dir)
    finally:
        ctx.close()
    if new is None:
        return
    formerly = new.formerly or "-"
    if connected:
        told = _t(
            args,
            f"Desk ini sekarang workstation baru {new.code} (ID situs {new.site_id}; "
            f"sebelumnya {formerly}). Administrator mendaftarkannya lagi dengan "
            "'desk-app hub enroll'; sinkron berikutnya mengunduh semua data dari hub dan "
            "mengirim ulang yang belum dimiliki hub.",
            f"This desk is now a new workstation {new.code} (site id {new.site_id}; "
            f"formerly {formerly}). An administrator enrolls it again with "
            "'desk-app hub enroll'; the next sync downloads everything from the hub and "
            "sends again what the hub lacks.",
        )
    else:
        told = _t(
            args,
            f"Desk ini sekarang workstation baru {new.code} (ID situs {new.site_id}; "
            f"sebelumnya {formerly}).",
            f"This desk is now a new workstation {new.code} (site id {new.site_id}; "
            f"formerly {formerly}).",
        )
    print(told)


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

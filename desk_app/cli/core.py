"""The window, ``doctor``, ``regions`` and ``seed-demo``."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from sqlalchemy import func, select

from desk_app import __version__
from desk_app.cli.common import command, context, lang_of, print_json, print_table
from desk_app.cli.gui import start_gui
from desk_app.db import current_revision, head_revision, integrity_check
from desk_app.formats import format_datetime
from desk_app.models import Base
from desk_app.services import regions


def register(sub: Any) -> None:
    p = command(sub, "gui", start_gui, "open the desk's window (the default)")
    p = command(
        sub,
        "doctor",
        doctor,
        "check the database: integrity, schema, row counts (signed-in users). When the "
        "database does not open, a short form without signing in: where it is, what is "
        "wrong, and how to restore it",
        json_output=True,
    )
    p = command(sub, "regions", _regions_help, "the 35 kabupaten/kota and their alert levels")
    rsub = p.add_subparsers(dest="regions_command", metavar="ACTION")
    command(
        rsub,
        "list",
        regions_list,
        "list regions with alert level and counts (signed-in users)",
        json_output=True,
    )
    p = command(
        rsub,
        "set-level",
        regions_set_level,
        "set a region's alert level (coordinators and administrators)",
    )
    p.add_argument("code", help="Kemendagri code, e.g. 33.74")
    p.add_argument("level", help="kondusif, waspada, siaga or awas")
    p.add_argument("--reason", required=True, help="why the level changes (required)")
    p = command(
        sub,
        "seed-demo",
        seed_demo,
        "fill an empty, unconnected database with realistic demo data (administrators; "
        "deterministic for a seed). The database is marked as a demo database and never "
        "syncs; the demo accounts' passwords are printed once",
    )
    p.add_argument(
        "--incidents",
        type=int,
        default=1000,
        metavar="N",
        help="number of incidents (default 1000)",
    )
    p.add_argument(
        "--contacts",
        type=int,
        default=None,
        metavar="N",
        help="number of contacts (default: N/50, at least 50)",
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")


def _regions_help(args: argparse.Namespace) -> int:
    print("usage: desk-app regions {list,set-level} ...", file=sys.stderr)
    return 2


def doctor(args: argparse.Namespace) -> int:
    broken = _doctor_without_database(args)
    if broken is not None:
        return broken
    with context(args) as ctx:
        problems = integrity_check(ctx.db.engine)
        counts: dict[str, int] = {}
        with ctx.db.read() as session:
            for table in Base.metadata.sorted_tables:
                counts[table.name] = int(
                    session.scalar(select(func.count()).select_from(table)) or 0
                )
        report = {
            "data_dir": str(ctx.paths.data_dir),
            "database": str(ctx.paths.database),
            "database_size_bytes": ctx.paths.database.stat().st_size,
            "schema_version": current_revision(ctx.db.engine),
            "schema_head": head_revision(),
            "integrity": "ok" if not problems else problems,
            "workstation_code": ctx.workstation_code,
            "site_id": ctx.site_id,
            "counts": counts,
            "window": _window_status(args),
            "version": __version__,
            # Pulled rows this desk could not apply (kept aside; the rest was applied).
            "sync_quarantined": counts.get("sync_quarantine", 0),
            "sync_refused": counts.get("sync_refusal", 0),
        }
    if args.json:
        print_json(report)
    else:
        for key in (
            "version",
            "data_dir",
            "database",
            "database_size_bytes",
            "schema_version",
            "schema_head",
            "integrity",
            "workstation_code",
            "site_id",
            "window",
            "sync_quarantined",
            "sync_refused",
        ):
            print(f"{key:20} {report[key]}")
        print()
        print_table(["table", "rows"], [[k, v] for k, v in counts.items()])
    return 0 if not problems else 1


def _window_status(args: argparse.Namespace) -> str:
    """Whether the window can open here: Qt's system libraries (``platform_check``)."""
    from desk_app import platform_check

    report = platform_check.check()
    if not report.checked:
        return f"not checked ({report.skipped_because})"
    return "ok" if report.ok else report.message(lang_of(args))


def _doctor_without_database(args: argparse.Namespace) -> int | None:
    """The minimal doctor, for an administrator fixing a start that fails: when the
    database does not open (damaged, or written by a newer version) nobody can sign in
    against it, so only what the files say is shown, none of the desk's data."""
    from desk_app.cli.common import lang_of
    from desk_app.config import AppPaths, resolve_data_dir
    from desk_app.services import backup

    paths = AppPaths(resolve_data_dir(getattr(args, "data_dir", None)))
    health = backup.database_health(paths.database)
    if health.state not in (backup.BROKEN, backup.NEWER):
        return None
    lang = lang_of(args)
    advice = (
        "Restore a backup: desk-app restore FILE (see the backups folder)"
        if lang == "en"
        else "Pulihkan dari cadangan: desk-app restore BERKAS (lihat folder cadangan)"
    )
    if health.state == backup.NEWER:
        advice = (
            "Install the newer version of Desk Pilkada that wrote this database"
            if lang == "en"
            else "Pasang versi Desk Pilkada yang lebih baru yang menulis basis data ini"
        )
    report = {
        "data_dir": str(paths.data_dir),
        "database": str(paths.database),
        "database_size_bytes": paths.database.stat().st_size if paths.database.exists() else 0,
        "state": health.state,
        "reason": health.reason,
        "backups_dir": str(paths.backups_dir),
        "advice": advice,
    }
    if args.json:
        print_json(report)
    else:
        for key, value in report.items():
            print(f"{key:20} {value}")
    return 1


def regions_list(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.read() as session:
        rows = regions.board(session)
    if args.json:
        print_json(rows)
        return 0
    lang = getattr(args, "lang", None) or "id"
    print_table(
        ["code", "name", "level", "IKP", "open", "S1", "S2", "S3", "S4", "24h", "last"],
        [
            [
                r.code,
                r.name,
                r.alert_level,
                r.ikp_level or "-",
                r.open_total,
                *r.open_by_severity,
                r.last_24h,
                format_datetime(r.last_incident_at, lang) if r.last_incident_at else "-",
            ]
            for r in rows
        ],
    )
    return 0


def regions_set_level(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        assert ctx.actor is not None
        with ctx.db.write() as session:
            change = regions.set_alert_level(session, ctx.actor, args.code, args.level, args.reason)
    print(f"{args.code}: {change.from_level} -> {change.to_level}")
    return 0


def seed_demo(args: argparse.Namespace) -> int:
    from desk_app.demo import seed_demo as run_seed

    if args.incidents < 0:
        print("desk-app: --incidents must be 0 or more", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with context(args) as ctx:
        assert ctx.actor is not None
        from desk_app.services.errors import ServiceError
        from desk_app.sync import settings as hub_settings

        hub = hub_settings.load(ctx.paths.data_dir).url
        if hub:
            raise ServiceError("a hub is configured", code="demo_connected", url=hub)
        result = run_seed(
            ctx.db,
            incidents=args.incidents,
            contacts=args.contacts,
            seed=args.seed,
            progress=_progress,
            actor=ctx.actor,
        )
    elapsed = time.perf_counter() - started
    print(
        f"{result.incidents} incidents, {result.contacts} contacts, "
        f"{result.users} users in {elapsed:.1f} s",
    )
    if result.passwords:
        print(
            "Akun demo (kata sandi hanya ditampilkan sekali ini) / "
            "demo accounts (passwords shown this once only):"
        )
        width = max(len(name) for name, _, _ in result.passwords)
        for name, role, password in result.passwords:
            print(f"  {name:<{width}}  {role:<11}  {password}")
    return 0


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

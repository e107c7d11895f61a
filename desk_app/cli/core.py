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
        "check the database: integrity, schema, row counts",
        json_output=True,
    )
    p = command(sub, "regions", _regions_help, "the 35 kabupaten/kota and their alert levels")
    rsub = p.add_subparsers(dest="regions_command", metavar="ACTION")
    command(
        rsub, "list", regions_list, "list regions with alert level and counts", json_output=True
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
        "fill the database with realistic demo data (deterministic for a seed)",
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
    with context(args, sign_in=False) as ctx:
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


def regions_list(args: argparse.Namespace) -> int:
    with context(args, sign_in=False) as ctx, ctx.db.read() as session:
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
    from desk_app.services.demo import seed_demo as run_seed

    if args.incidents < 0:
        print("desk-app: --incidents must be 0 or more", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with context(args) as ctx:
        result = run_seed(
            ctx.db,
            incidents=args.incidents,
            contacts=args.contacts,
            seed=args.seed,
            progress=_progress,
        )
        names, password = _demo_passwords(ctx)
    elapsed = time.perf_counter() - started
    print(
        f"{result.incidents} incidents, {result.contacts} contacts, "
        f"{result.users} users in {elapsed:.1f} s",
    )
    if names:
        if lang_of(args) == "en":
            print(
                f"demo users {', '.join(names)}: password {password} (shown only this once; "
                "change it with: desk-app users passwd NAME)"
            )
        else:
            print(
                f"pengguna demo {', '.join(names)}: kata sandi {password} (hanya ditampilkan "
                "sekali ini; ubah dengan: desk-app users passwd NAMA)"
            )
    return 0


def _demo_passwords(ctx: Any) -> tuple[list[str], str]:
    """A password for the demo's staff, when an administrator seeds (they manage users)."""
    from desk_app.models.enums import Role
    from desk_app.services.demo import give_demo_passwords

    if ctx.actor is None or ctx.actor.role is not Role.ADMIN:
        return [], ""
    with ctx.db.write() as session:
        return give_demo_passwords(session, ctx.actor)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

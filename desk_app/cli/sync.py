"""``desk-app hub ...``, ``desk-app sync`` and ``desk-app conflicts ...``."""

from __future__ import annotations

import argparse
from typing import Any

from desk_app.cli.common import CliError, command, context, lang_of, print_json, print_table
from desk_app.db import head_revision
from desk_app.formats import format_datetime
from desk_app.services import conflicts as conflict_service
from desk_app.sync import settings as hub_settings
from desk_app.sync.client import Syncer
from desk_app.sync.hub import Hub


def _hub(url: str) -> Hub:
    return Hub(hub_settings.with_password(url))


def _t(args: argparse.Namespace, id_text: str, en_text: str) -> str:
    return en_text if lang_of(args) == "en" else id_text


def hub_init(args: argparse.Namespace) -> int:
    hub = _hub(args.url)
    try:
        info = hub.init(head_revision(), new_epoch=args.new_epoch)
    finally:
        hub.dispose()
    print(_t(args, "Hub siap", "Hub ready") + f": {hub.display_url}")
    print(f"epoch {info.epoch} · schema {info.schema_revision} · seq {info.seq}")
    return 0


def hub_status(args: argparse.Namespace) -> int:
    hub = _hub(args.url)
    try:
        status = hub.status()
    finally:
        hub.dispose()
    if args.json:
        print_json(status)
        return 0
    print(f"hub     {status.url}")
    print(f"epoch   {status.epoch}")
    print(f"schema  {status.schema_revision} (protocol {status.protocol})")
    print(f"seq     {status.seq}")
    print_table(
        [_t(args, "Tabel", "Table"), _t(args, "Baris", "Rows")],
        [[t, n] for t, n in sorted(status.counts.items())],
    )
    if status.sites:
        print()
        print_table(
            ["Workstation", "Schema", _t(args, "Terakhir terlihat (UTC)", "Last seen (UTC)")],
            [[s["workstation_code"], s["schema_revision"], s["last_seen"]] for s in status.sites],
        )
    return 0


def hub_connect(args: argparse.Namespace) -> int:
    """Remember this workstation's hub (the password goes to the keyring)."""
    with context(args, sign_in=False) as ctx:
        saved = hub_settings.save(ctx.paths.data_dir, args.url, args.interval)
    print(_t(args, "Hub disimpan", "Hub saved") + f": {saved.url} ({saved.interval_s} s)")
    return 0


def sync(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        url = args.hub or hub_settings.load(ctx.paths.data_dir).url
        if not url:
            raise CliError(
                _t(
                    args,
                    "belum ada hub: pakai --hub URL atau 'desk-app hub connect URL'",
                    "no hub set: use --hub URL or 'desk-app hub connect URL'",
                )
            )
        hub = _hub(url)
        try:
            report = Syncer(ctx.db, hub).sync(full=args.full)
        finally:
            hub.dispose()
    if args.json:
        print_json(report)
        return 0
    print(
        _t(args, "Terkirim", "Sent")
        + f": {report.pushed} · "
        + _t(args, "Diterima", "Received")
        + f": {report.pulled} · "
        + _t(args, "Konflik baru", "New conflicts")
        + f": {report.conflicts} · "
        + _t(args, "Menunggu", "Waiting")
        + f": {report.pending}"
    )
    if report.files_sent or report.files_received or report.files_missing:
        line = (
            _t(args, "Lampiran terkirim", "Attachments sent")
            + f": {report.files_sent} · "
            + _t(args, "diterima", "received")
            + f": {report.files_received}"
        )
        if report.files_missing:
            line += " · " + _t(args, "belum ada di hub", "not on the hub yet")
            line += f": {report.files_missing}"
        print(line)
    if report.tables:
        print(_t(args, "Tabel berubah", "Tables changed") + ": " + ", ".join(sorted(report.tables)))
    if report.full_download:
        print(_t(args, "Unduh ulang penuh dilakukan.", "Downloaded everything again."))
    for warning in report.warnings:
        print(_t(args, "Peringatan", "Warning") + f": {warning}")
    for table, (local, hub_rows) in report.mismatches.items():
        print(
            _t(args, "Jumlah berbeda", "Counts differ")
            + f": {table} {local} ≠ hub {hub_rows} — "
            + _t(args, "jalankan 'desk-app sync --full'", "run 'desk-app sync --full'")
        )
    return 0


def _value(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def conflicts_list(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.read() as session:
        rows = conflict_service.list_conflicts(session, include_resolved=args.all)
    if args.json:
        print_json(rows)
        return 0
    lang = lang_of(args)
    print_table(
        [
            "ID",
            _t(args, "Data", "Record"),
            _t(args, "Kolom", "Field"),
            _t(args, "Menang", "Winner"),
            _t(args, "Oleh/kapan", "By/when"),
            _t(args, "Kalah", "Other"),
            _t(args, "Oleh/kapan", "By/when"),
            _t(args, "Selesai", "Resolved"),
        ],
        [
            [
                r.id[:8],
                _value(r.record_label),
                r.field,
                _value(r.winner_value),
                f"{r.winner_by} {format_datetime(r.winner_at, lang) if r.winner_at else ''}",
                _value(r.loser_value),
                f"{r.loser_by} {format_datetime(r.loser_at, lang) if r.loser_at else ''}",
                r.resolution or "-",
            ]
            for r in rows
        ],
    )
    return 0


def conflicts_resolve(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        assert ctx.actor is not None
        with ctx.db.read() as session:
            matches = [
                r.id
                for r in conflict_service.list_conflicts(session, include_resolved=True)
                if r.id.startswith(args.id)
            ]
        if len(matches) != 1:
            raise CliError(
                _t(args, "ID konflik tidak dikenal atau ambigu", "unknown or ambiguous conflict id")
                + f": {args.id}"
            )
        with ctx.db.write() as session:
            row = conflict_service.resolve_conflict(session, ctx.actor, matches[0], args.keep)
    print(
        _t(args, "Konflik diselesaikan", "Conflict resolved")
        + f": {row.record_label} · {row.field} · {row.resolution}"
    )
    return 0


def register(sub: Any) -> None:
    hub_parser = sub.add_parser("hub", help="the sync hub: init, status, connect")
    hub_sub = hub_parser.add_subparsers(dest="hub_command", metavar="COMMAND", required=True)
    p = command(hub_sub, "init", hub_init, "create or upgrade a hub's schema")
    p.add_argument("url", help="postgresql+psycopg://user@host/db?sslmode=... or sqlite:///FILE")
    p.add_argument(
        "--new-epoch",
        action="store_true",
        help="after restoring the hub from a backup: clients re-download and re-send",
    )
    p = command(
        hub_sub, "status", hub_status, "print a hub's epoch, schema and counts", json_output=True
    )
    p.add_argument("url")
    p = command(hub_sub, "connect", hub_connect, "remember this workstation's hub")
    p.add_argument("url", help="a password in the URL goes to the keyring, never a file")
    p.add_argument(
        "--interval",
        type=int,
        default=hub_settings.DEFAULT_INTERVAL_S,
        help="seconds between automatic syncs (default 60)",
    )

    p = command(sub, "sync", sync, "sync once with the hub and print what moved", json_output=True)
    p.add_argument("--hub", metavar="URL", help="this hub instead of the remembered one")
    p.add_argument("--full", action="store_true", help="download everything again")

    conflicts_parser = sub.add_parser("conflicts", help="sync conflicts: list, resolve")
    c_sub = conflicts_parser.add_subparsers(
        dest="conflicts_command", metavar="COMMAND", required=True
    )
    p = command(c_sub, "list", conflicts_list, "list open sync conflicts", json_output=True)
    p.add_argument("--all", action="store_true", help="resolved ones too")
    p = command(c_sub, "resolve", conflicts_resolve, "keep the winner or restore the other")
    p.add_argument("id", help="conflict id (a unique prefix is enough)")
    p.add_argument("--keep", choices=("winner", "other"), required=True)


__all__ = ["register"]

"""``desk-app hub ...``, ``desk-app sync`` and ``desk-app conflicts ...``.

On the server: ``hub init --db URL`` and ``hub serve --db URL`` (only the server holds the
database's credentials). On a workstation: ``hub connect https://…`` (enrolls it, with an
administrator's password checked by the service), ``sync``, ``conflicts``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from desk_app.cli.common import CliError, command, context, lang_of, print_json, print_table
from desk_app.db import head_revision
from desk_app.formats import format_datetime
from desk_app.messages import field_label, hub_rule
from desk_app.services import conflicts as conflict_service
from desk_app.services.actor import Actor
from desk_app.services.errors import ServiceError
from desk_app.services.permissions import Action, require
from desk_app.sync import connection
from desk_app.sync import settings as hub_settings
from desk_app.sync.client import Syncer
from desk_app.sync.errors import HubRefusedError

if TYPE_CHECKING:
    from desk_app.context import AppContext
    from desk_app.hub.store import Hub
    from desk_app.sync.remote import RemoteHub

#: Where ``hub serve``/``hub init`` take the database's URL when ``--db`` is not given.
HUB_DB_ENV = "DESK_HUB_DB"


def _t(args: argparse.Namespace, id_text: str, en_text: str) -> str:
    return en_text if lang_of(args) == "en" else id_text


def _admin(ctx: AppContext) -> Actor:
    assert ctx.actor is not None
    require(ctx.actor, Action.MANAGE_HUB)
    return ctx.actor


def _password(args: argparse.Namespace, username: str) -> str:
    """The signed-in person's password again, for the service to check (the command
    line keeps no password in memory between steps)."""
    from desk_app.cli.common import PASSWORD_ENV, keyring_password

    password = os.environ.get(PASSWORD_ENV) or keyring_password(username)
    if password is None:
        if not sys.stdin.isatty():
            raise ServiceError("a password is needed", code="password_required")
        password = getpass.getpass(
            _t(args, "Kata sandi untuk hub", "Password for the hub") + f" ({username}): "
        )
    return password


def _db_url(args: argparse.Namespace) -> str:
    url = args.db or os.environ.get(HUB_DB_ENV, "")
    if not url:
        raise CliError(
            _t(
                args,
                f"sebutkan basis data hub: --db URL atau ${HUB_DB_ENV}",
                f"name the hub's database: --db URL or ${HUB_DB_ENV}",
            )
        )
    return str(url)


def _store(url: str) -> Hub:
    from desk_app.hub.store import Hub

    return Hub(url)


# -- on the server -----------------------------------------------------------------------


def hub_init(args: argparse.Namespace) -> int:
    """Create or upgrade the hub's database, seed its reference data and, on a new hub,
    make the signed-in administrator its first administrator."""
    from desk_app.hub.seed import read_documents, reference_documents

    with context(args) as ctx:
        actor = _admin(ctx)
        hub = _store(_db_url(args))
        try:
            info = hub.init(head_revision(), new_epoch=args.new_epoch)
            seeded = hub.seed(reference_documents())
            with hub.reading() as conn:
                admins = [
                    d
                    for d in hub.documents(conn, "user_account")
                    if d.get("role") == "admin" and d.get("active") and d.get("password_hash")
                ]
                conn.rollback()
            if not admins:
                docs = read_documents(
                    ctx.paths.database, "user_account", "WHERE id = ?", (actor.user_id,)
                )
                seeded += hub.seed([("user_account", d) for d in docs])
            info = hub.info()
        finally:
            hub.dispose()
    print(_t(args, "Hub siap", "Hub ready") + f": {hub.display_url}")
    print(f"epoch {info.epoch} · schema {info.schema_revision} · seq {info.seq}")
    if seeded:
        print(_t(args, "Data awal dimuat", "Reference data stored") + f": {seeded}")
    return 0


def hub_serve(args: argparse.Namespace) -> int:
    """Run the sync service in the foreground (systemd or a Windows service runs it)."""
    from desk_app.hub.server import ServeOptions, serve
    from desk_app.log import setup_logging

    if bool(args.tls_cert) != bool(args.tls_key):
        raise CliError(
            _t(
                args,
                "--tls-cert dan --tls-key harus diberikan bersama",
                "give --tls-cert and --tls-key together",
            )
        )
    hub = _store(_db_url(args))
    try:
        info = hub.info()
        if info.schema_revision != head_revision():
            raise CliError(
                _t(
                    args,
                    f"hub memakai skema {info.schema_revision}, aplikasi ini {head_revision()}: "
                    "jalankan 'desk-app hub init --db URL'",
                    f"the hub uses schema {info.schema_revision}, this app {head_revision()}: "
                    "run 'desk-app hub init --db URL'",
                )
            )
        setup_logging(args.log_dir) if args.log_dir else None
        scheme = "https" if args.tls_cert else "http"
        print(
            _t(args, "Layanan sinkronisasi berjalan di", "Sync service running at")
            + f" {scheme}://{args.host}:{args.port} ({hub.display_url})",
            flush=True,
        )
        serve(
            hub,
            ServeOptions(
                host=args.host, port=args.port, tls_cert=args.tls_cert, tls_key=args.tls_key
            ),
        )
    finally:
        hub.dispose()
    return 0


def hub_status(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        _admin(ctx)
        if args.db:
            hub = _store(args.db)
            try:
                status = hub.status()
            finally:
                hub.dispose()
        else:
            with _service(ctx, args) as remote:
                status = remote.status(_session_of(ctx, remote))
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
            [
                "Workstation",
                _t(args, "Terdaftar (UTC)", "Enrolled (UTC)"),
                _t(args, "Dicabut (UTC)", "Revoked (UTC)"),
            ],
            [
                [
                    s.get("code") or s.get("workstation_code"),
                    s.get("enrolled_at") or s.get("last_seen"),
                    s.get("revoked_at") or "-",
                ]
                for s in status.sites
            ],
        )
    return 0


# -- on a workstation --------------------------------------------------------------------


@contextmanager
def _service(
    ctx: AppContext, args: argparse.Namespace, url: str | None = None
) -> Iterator[RemoteHub]:
    workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
    address = url or hub_settings.load(ctx.paths.data_dir).url
    if not address:
        raise ServiceError("no hub", code="hub_not_connected")
    remote = connection.remote(workstation, address)
    try:
        yield remote
    finally:
        remote.dispose()


def _session_of(ctx: AppContext, remote: RemoteHub) -> str:
    """The signed-in person's session on the service here (opened when missing)."""
    assert ctx.actor is not None
    token = remote.sessions.get(ctx.actor.user_id)
    if token:
        return token
    workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
    connection.open_session(workstation, remote, ctx.actor.username, _password_cache(ctx))
    return remote.sessions[ctx.actor.user_id]


_PASSWORDS: dict[str, str] = {}


def _password_cache(ctx: AppContext) -> str:
    assert ctx.actor is not None
    name = ctx.actor.username
    if name not in _PASSWORDS:
        _PASSWORDS[name] = _password(argparse.Namespace(lang=os.environ.get("DESK_LANG")), name)
    return _PASSWORDS[name]


def hub_connect(args: argparse.Namespace) -> int:
    """Connect this workstation to a sync service: an administrator enrolls it there."""
    from desk_app.sync.remote import check_service_url

    url = check_service_url(args.url)
    with context(args) as ctx:
        actor = _admin(ctx)
        workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
        remote = connection.enroll(
            ctx.db,
            workstation,
            url,
            actor.username,
            _password(args, actor.username),
            interval_s=args.interval,
        )
        remote.dispose()
    print(
        _t(args, "Terhubung dan terdaftar", "Connected and enrolled")
        + f": {url} ({workstation.code})"
    )
    return 0


def hub_enroll(args: argparse.Namespace) -> int:
    """Enroll this workstation again (a revoked or lost credential, a restored desk)."""
    with context(args) as ctx:
        actor = _admin(ctx)
        url = args.url or hub_settings.load(ctx.paths.data_dir).url
        if not url:
            raise ServiceError("no hub", code="hub_not_connected")
        workstation = connection.workstation_of(ctx.db, ctx.paths.data_dir)
        remote = connection.enroll(
            ctx.db, workstation, url, actor.username, _password(args, actor.username)
        )
        remote.dispose()
    print(_t(args, "Terdaftar", "Enrolled") + f": {url} ({workstation.code})")
    return 0


def hub_revoke(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        _admin(ctx)
        with _service(ctx, args) as remote:
            n = remote.revoke_workstation(_session_of(ctx, remote), args.code)
    print(_t(args, "Pendaftaran dicabut", "Enrollment revoked") + f": {args.code} ({n})")
    return 0


def hub_end_sessions(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        _admin(ctx)
        with _service(ctx, args) as remote:
            n = remote.revoke_sessions(_session_of(ctx, remote), args.username)
    print(_t(args, "Sesi diakhiri", "Sessions ended") + f": {args.username} ({n})")
    return 0


def sync(args: argparse.Namespace) -> int:
    with context(args) as ctx, _service(ctx, args) as remote:
        try:
            _session_of(ctx, remote)
        except HubRefusedError as exc:
            if exc.rule != "not_enrolled":
                raise
        report = Syncer(ctx.db, remote).sync(full=args.full)
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
    if report.refused:
        print(
            _t(args, "Ditolak hub", "Refused by the hub")
            + f": {report.refused} — "
            + _t(args, "lihat 'desk-app sync refused'", "see 'desk-app sync refused'")
        )
    if report.waiting_for:
        print(
            _t(args, "Menunggu masuk ke hub", "Waiting for a sign-in to the hub")
            + ": "
            + ", ".join(report.waiting_for)
        )
    if report.quarantined:
        print(
            _t(
                args,
                "Baris hub yang tidak dapat diterapkan (dikarantina)",
                "Hub rows that could not be applied (quarantined)",
            )
            + f": {report.quarantined}"
        )
    for warning in report.warnings:
        print(_t(args, "Peringatan", "Warning") + f": {_warning(args, warning)}")
    for table, (local, hub_rows) in report.mismatches.items():
        print(
            _t(args, "Jumlah berbeda", "Counts differ")
            + f": {table} {local} ≠ hub {hub_rows} — "
            + _t(args, "jalankan 'desk-app sync --full'", "run 'desk-app sync --full'")
        )
    return 0


def _warning(args: argparse.Namespace, warning: str) -> str:
    kind, _, value = warning.partition(":")
    if kind == "clock_skew":
        seconds = int(value or 0)
        minutes = abs(seconds) // 60
        return _t(
            args,
            f"jam komputer ini berbeda {minutes} menit dari jam hub; versi baru memakai jam hub. "
            "Minta administrator memperbaiki jam komputer.",
            f"this computer's clock differs from the hub's by {minutes} minutes; new versions use "
            "the hub's clock. Ask an administrator to set this computer's clock.",
        )
    return warning


def sync_refused(args: argparse.Namespace) -> int:
    """The changes the hub refused: an author sees their own, administrators all."""
    from desk_app.services import refusals

    with context(args) as ctx, ctx.db.read() as session:
        assert ctx.actor is not None
        rows = refusals.list_refusals(session, ctx.actor)
    if args.json:
        print_json(rows)
        return 0
    lang = lang_of(args)
    print_table(
        [
            _t(args, "Kapan", "When"),
            _t(args, "Data", "Record"),
            _t(args, "Kolom", "Field"),
            _t(args, "Alasan", "Reason"),
            _t(args, "Oleh", "By"),
        ],
        [
            [
                format_datetime(r.refused_at, lang),
                r.record_label,
                field_label(r.field, lang) if r.field else "-",
                hub_rule(r.rule, r.params, lang),
                r.author or "-",
            ]
            for r in rows
        ],
    )
    return 0


def _value(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def conflicts_list(args: argparse.Namespace) -> int:
    with context(args) as ctx, ctx.db.read() as session:
        rows = conflict_service.list_conflicts(session, ctx.actor, include_resolved=args.all)
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
                for r in conflict_service.list_conflicts(session, ctx.actor, include_resolved=True)
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
    hub_parser = sub.add_parser(
        "hub",
        help="the sync hub: serve and init (server); connect, enroll, status (administrators)",
    )
    hub_sub = hub_parser.add_subparsers(dest="hub_command", metavar="COMMAND", required=True)
    p = command(
        hub_sub,
        "init",
        hub_init,
        "create or upgrade the hub's database (on the server; an administrator signed in)",
    )
    p.add_argument(
        "--db",
        metavar="URL",
        help=f"postgresql+psycopg://user@host/db or sqlite:///FILE (default ${HUB_DB_ENV})",
    )
    p.add_argument(
        "--new-epoch",
        action="store_true",
        help="after restoring the hub from a backup: clients re-download and re-send",
    )
    p = command(hub_sub, "serve", hub_serve, "run the sync service (on the server)")
    p.add_argument("--db", metavar="URL", help=f"the hub's database (default ${HUB_DB_ENV})")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--tls-cert", metavar="FILE", help="TLS certificate (PEM) for https")
    p.add_argument("--tls-key", metavar="FILE", help="its private key (PEM)")
    p.add_argument("--log-dir", metavar="DIR", help="write the service's log there")
    p = command(
        hub_sub,
        "status",
        hub_status,
        "the hub's epoch, schema, counts and workstations (administrators)",
        json_output=True,
    )
    p.add_argument("--db", metavar="URL", help="read the hub's database directly (on the server)")
    p = command(
        hub_sub,
        "connect",
        hub_connect,
        "connect this workstation to the sync service and enroll it (administrators)",
    )
    p.add_argument("url", help="the sync service's address, e.g. https://server:8765")
    p.add_argument(
        "--interval",
        type=int,
        default=hub_settings.DEFAULT_INTERVAL_S,
        help="seconds between automatic syncs (default 60)",
    )
    p = command(hub_sub, "enroll", hub_enroll, "enroll this workstation again (administrators)")
    p.add_argument("url", nargs="?", help="the service's address (default: the connected one)")
    p = command(hub_sub, "revoke", hub_revoke, "revoke a workstation's enrollment (administrators)")
    p.add_argument("code", help="the workstation's code")
    p = command(
        hub_sub, "end-sessions", hub_end_sessions, "end a person's sessions on every workstation"
    )
    p.add_argument("username")

    p = command(sub, "sync", sync, "sync once with the hub and print what moved", json_output=True)
    p.add_argument("--full", action="store_true", help="download everything again")
    sync_sub = p.add_subparsers(dest="sync_command", metavar="COMMAND")
    command(
        sync_sub,
        "refused",
        sync_refused,
        "changes the hub refused, with the reason",
        json_output=True,
    )

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

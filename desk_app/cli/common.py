"""What every subcommand shares: options, the context, output and error reporting.

Loads nothing of the database layer by itself: ``desk-app`` without a command starts the
window through here, and the window appears before that layer is imported.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_app.config import resolve_data_dir
from desk_app.formats import parse_datetime
from desk_app.messages import error_message, field_error
from desk_app.services.errors import ServiceError, ValidationError

if TYPE_CHECKING:
    from desk_app.context import AppContext
    from desk_app.services.actor import Actor
    from desk_app.services.fields import Field

Handler = Callable[[argparse.Namespace], int]
log = logging.getLogger("desk_app.cli")


class CliError(Exception):
    """A problem with the command line itself; nothing was written."""


def lang_of(args: argparse.Namespace) -> str:
    return getattr(args, "lang", None) or os.environ.get("DESK_LANG", "id")


def add_common(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """Options every command accepts (also after the subcommand's name)."""
    default = None if top_level else argparse.SUPPRESS
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="data directory (default: $DESK_DATA_DIR, else the user's data directory)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=default,
        help="act as this user (default: $DESK_USER, else 'admin')",
    )
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default=default,
        help="language of messages and the window (default: id, Bahasa Indonesia)",
    )


def command(
    sub: Any, name: str, handler: Handler, help_text: str, *, json_output: bool = False
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    add_common(parser)
    if json_output:
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=handler)
    return parser


# --- signing in -------------------------------------------------------------------------
# The CLI acts as a named user (``--user NAME``, else ``$DESK_USER``, else ``admin``). The
# password comes from ``$DESK_PASSWORD``, else the system keyring (service
# ``desk-pilkada``), else it is asked for when a terminal is attached. On a fresh desk the
# administrator has no password yet: ``$DESK_PASSWORD`` or the terminal then sets it, and
# without either the administrator is let in as the desk's bootstrap user. Nobody else
# gets in without a password.

KEYRING_SERVICE = "desk-pilkada"
PASSWORD_ENV = "DESK_PASSWORD"
NEW_PASSWORD_ENV = "DESK_NEW_PASSWORD"


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def keyring_password(username: str) -> str | None:
    """The password kept in the system keyring, if there is a usable keyring."""
    if os.environ.get("DESK_NO_KEYRING"):
        return None
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, username)
    except Exception:  # no backend, locked, no D-Bus: just not available
        return None


def ask_new_password(prompt: str) -> str:
    """A new password: ``$DESK_NEW_PASSWORD``, else typed twice at the terminal."""
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    if not _interactive():
        raise ServiceError("a new password is needed", code="password_required")
    first = getpass.getpass(prompt)
    again = getpass.getpass("Ulangi kata sandi / repeat password: ")
    if first != again:
        raise ServiceError("the two passwords differ", code="passwords_differ")
    return first


def cli_sign_in(ctx: AppContext, username: str) -> Actor:
    """Sign the command's user in, or raise (nothing has been written then)."""
    from desk_app.context import authenticate
    from desk_app.services import auth

    with ctx.db.read() as session:
        state = auth.sign_in_state(session, username)
    if state.bootstrap:
        # The first administrator is made by ``desk-app setup`` (or the window's first
        # start), asked twice: never quietly from $DESK_PASSWORD.
        raise ServiceError("the desk has no administrator yet", code="setup_required")
    if state.no_password:
        raise auth.PasswordNotSetError(username)
    password = os.environ.get(PASSWORD_ENV) or keyring_password(username)
    if password is None:
        if not _interactive():
            raise ServiceError("a password is needed", code="password_required")
        password = getpass.getpass(f"Kata sandi / password for {username}: ")
    return authenticate(ctx, username, password)


def open_desk(data_dir: str | Path | None) -> AppContext:
    """Open this workstation's database (``sync.connection.open_workstation``)."""
    from desk_app.sync.connection import open_workstation

    return open_workstation(data_dir)


@contextmanager
def context(args: argparse.Namespace, *, sign_in: bool = True) -> Iterator[AppContext]:
    ctx = open_desk(getattr(args, "data_dir", None))
    try:
        if sign_in:
            username = getattr(args, "user", None) or os.environ.get("DESK_USER", "admin")
            cli_sign_in(ctx, username)
        yield ctx
    finally:
        ctx.close()


def run_handler(handler: Handler, args: argparse.Namespace) -> int:
    lang = lang_of(args)
    try:
        return handler(args)
    except ValidationError as exc:
        for fieldname, code in exc.errors.items():
            print(field_error(fieldname, code, lang), file=sys.stderr)
        return 2
    except ServiceError as exc:
        return fail(error_message(exc.code, exc.values, str(exc), lang))
    except BrokenPipeError:
        raise  # the reader went away (``| head``); ``main`` ends quietly
    except Exception as exc:
        return _database_failure(exc, args, lang)


def _database_failure(exc: Exception, args: argparse.Namespace, lang: str) -> int:
    """The message for a database or disk that cannot be used; anything else re-raised.
    (The database layer is loaded by then: only it raises these.)"""
    from sqlalchemy.exc import DBAPIError

    from desk_app.db import DatabaseError

    if isinstance(exc, DatabaseError):
        if _damaged_workstation_database(exc, args):
            return fail(_damaged_message(args, lang), status=3)
        return fail(error_message(exc.code, exc.values, str(exc), lang), status=3)
    if isinstance(exc, OSError | DBAPIError | sqlite3.Error):
        from desk_app.services.storage import storage_error

        if _damaged_workstation_database(exc, args):
            logging.getLogger("desk_app").error("database damaged", exc_info=exc)
            return fail(_damaged_message(args, lang), status=3)
        problem = storage_error(exc, resolve_data_dir(getattr(args, "data_dir", None)))
        if problem is not None:
            logging.getLogger("desk_app").error("storage problem: %s", problem, exc_info=exc)
            return fail(error_message(problem.code, problem.values, str(problem), lang), status=3)
    raise exc


def _database_path(args: argparse.Namespace) -> Path:
    from desk_app.config import AppPaths

    return AppPaths(resolve_data_dir(getattr(args, "data_dir", None))).database


def _damaged_workstation_database(exc: BaseException, args: argparse.Namespace) -> bool:
    """Whether the error says this workstation's own database file is damaged (not a
    file the command was given, not the disk or the folder)."""
    from desk_app.services.backup import is_damage

    if not is_damage(exc):
        return False
    path = getattr(exc, "values", {}).get("path")
    return path is None or Path(str(path)) == _database_path(args)


def _damaged_message(args: argparse.Namespace, lang: str) -> str:
    path = _database_path(args)
    return error_message("db_damaged", {"path": path}, f"{path} is damaged", lang)


def fail(message: str, status: int = 2) -> int:
    print(f"desk-app: {message}", file=sys.stderr)
    return status


def to_jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def print_json(value: Any) -> None:
    json.dump(to_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    cells = [[str(h) for h in headers]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def datetime_arg(text: str) -> datetime:
    """argparse type: ISO date or date-time; without an offset it is WIB."""
    try:
        return parse_datetime(text)
    except (ValueError, OverflowError):  # OverflowError: year 1 in WIB is before UTC's
        raise argparse.ArgumentTypeError(
            f"not a date/time: {text!r} (use e.g. 2024-11-27 or 2024-11-27T14:30)"
        ) from None


def severity_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value not in (1, 2, 3, 4):
        raise argparse.ArgumentTypeError(f"severity must be 1, 2, 3 or 4, not {text!r}")
    return value


def field_options(
    parser: argparse.ArgumentParser,
    fields: tuple[Field, ...],
    *,
    required: bool,
    spelled: dict[str, tuple[str, str]] | None = None,
    hints: dict[str, str] | None = None,
    types: dict[str, Callable[[str], Any]] | None = None,
    once: frozenset[str] = frozenset(),
) -> list[str]:
    """One option per field of a record's field table that people enter (``imported``),
    so a field added to the table is on the command line too. ``spelled`` maps a field to
    its option and destination where they differ from ``--field-name``; ``hints`` adds to
    the field's English label in ``--help``; ``types`` parses a field's value.

    ``required`` (adding a record) makes the table's required fields required, except
    date-times (they default to now). Lists (codes, phones, a mapping's NAME=VALUE pairs)
    are given by repeating the option, except the fields in ``once``. Returns the
    destinations, in the table's order.
    """
    spelled = spelled or {}
    hints = hints or {}
    types = types or {}
    dests: list[str] = []
    for field in fields:
        if not field.imported:
            continue
        option, dest = spelled.get(field.name, ("--" + field.name.replace("_", "-"), field.name))
        notes = [hints[field.name]] if field.name in hints else []
        options: dict[str, Any] = {
            "dest": dest,
            "required": required and field.required and field.kind != "datetime",
        }
        if field.kind in ("codes", "phones", "mapping") and field.name not in once:
            options["action"] = "append"
            notes.append("repeatable")
        label = field.label("en")
        options["help"] = f"{label} ({'; '.join(notes)})" if notes else label
        if field.kind == "mapping":
            options["type"] = pair_arg
            options["metavar"] = "NAME=VALUE"
        elif field.kind == "bool":
            options["action"] = "store_true"
            options.pop("required")
        elif field.kind == "datetime":
            options["type"] = datetime_arg
            options["metavar"] = "DATETIME"
        elif field.kind in ("code", "codes"):
            options["metavar"] = "CODE"
        elif field.kind == "user":
            options["metavar"] = "USER"
        elif field.kind == "int":
            options["metavar"] = "N"
        elif field.kind in ("text", "multiline"):
            options["metavar"] = "TEXT"
        elif field.kind == "phones":
            options["metavar"] = "PHONE"
        if field.name in types:
            options["type"] = types[field.name]
        parser.add_argument(option, **options)
        dests.append(dest)
    return dests


def pair_arg(text: str) -> tuple[str, str]:
    """argparse type: ``NAME=VALUE``, e.g. ``instagram=@kh.ahmad``."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, not {text!r}")
    return name.strip(), value.strip()

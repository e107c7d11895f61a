"""The ``desk-app`` command. Without a subcommand it starts the desk's window.

Each command group lives in its own module with a ``register(subparsers)`` function;
the modules are listed in ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from desk_app import __version__
from desk_app.cli.common import CliError, add_common, fail, run_handler

COMMAND_MODULES = [
    "desk_app.cli.core",
    "desk_app.cli.incidents",
    "desk_app.cli.contacts",
    "desk_app.cli.sync",
    "desk_app.cli.users",
    "desk_app.cli.backup",
    "desk_app.cli.screenshot",
    "desk_app.cli.report",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desk-app",
        description=(
            "Desk Pilkada — the election-monitoring desk of the Provincial Government of "
            "Central Java. Without a command, opens the desk's window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}")
    add_common(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when they name no command (the window starts), else ``None``.

    Parsed without the command modules: building the whole parser imports every one of
    them, and with them ReportLab, PostgreSQL's dialect and phone-number data, most of
    a second before the window could appear.
    """
    quick = argparse.ArgumentParser(add_help=False)
    add_common(quick, top_level=True)
    args, rest = quick.parse_known_args(list(argv))
    if rest:
        return None
    args.command = None
    args.handler = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    quick = window_args(argv)
    if quick is not None:
        _start_log(quick)
        from desk_app.cli.gui import start_gui

        return run_handler(start_gui, quick)
    parser = build_parser()
    args = parser.parse_args(argv)
    _start_log(args)
    if getattr(args, "handler", None) is None:
        if args.command:
            parser.parse_args([args.command, "--help"])
        from desk_app.cli.gui import start_gui

        return run_handler(start_gui, args)
    try:
        return run_handler(args.handler, args)
    except CliError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        # The reader went away (``desk-app incidents list | head``): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _start_log(args: argparse.Namespace) -> None:
    from desk_app.config import AppPaths, resolve_data_dir
    from desk_app.log import setup_logging

    paths = AppPaths(resolve_data_dir(getattr(args, "data_dir", None)))
    logger = setup_logging(paths.log_file)
    logger.info("desk-app %s: %s", __version__, args.command or "gui")


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())

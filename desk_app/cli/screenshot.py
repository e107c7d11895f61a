"""``desk-app screenshot``: the main window on one tab, rendered off-screen to a PNG."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from desk_app.cli.common import CliError, command, context, datetime_arg, lang_of

TABS = ("wilayah", "insiden", "kontak", "ringkasan")


#: The window as it opens on the common 1366x768 screen (``ui.screenshot.DEFAULT_SIZE``).
DEFAULT_SIZE = "1366x698"


def register(sub: Any) -> None:
    p = command(
        sub,
        "screenshot",
        screenshot,
        "render the main window on one tab to a PNG, off-screen, from the current database",
    )
    p.add_argument("--tab", choices=TABS, default="wilayah", help="the tab to show")
    p.add_argument("-o", "--output", required=True, metavar="FILE.png", help="where to write")
    p.add_argument(
        "--size",
        default=DEFAULT_SIZE,
        metavar="WxH",
        help=f"window size (default {DEFAULT_SIZE}: the window maximized on a 1366x768 screen)",
    )
    p.add_argument(
        "--as-of",
        type=datetime_arg,
        default=None,
        metavar="WHEN",
        help="show the desk as at this date/time (WIB), e.g. 2024-11-26T10:00 for a demo "
        "database of the 2024 election (default: now)",
    )


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise CliError(f"--size must look like 1366x698, not {text!r}") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise CliError(f"--size {text} is out of range (320x240 to 8000x8000)")
    return width, height


def screenshot(args: argparse.Namespace) -> int:
    size = _size(args.size)
    # Qt is loaded here only: the other commands start without it.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from desk_app.ui.i18n import translations_dir
    from desk_app.ui.screenshot import MissingTranslationError, render_screenshot

    output = Path(args.output).expanduser()
    with context(args) as ctx:
        try:
            render_screenshot(
                ctx, args.tab, output, lang=lang_of(args), size=size, as_of=args.as_of
            )
        except MissingTranslationError as exc:
            raise CliError(
                f"no compiled translation for --lang {exc.lang} in {translations_dir()} "
                "(*.qm): run `make translations` first"
            ) from None
    print(output)
    return 0

"""``desk-app`` without a command (or ``desk-app gui``): the desk's window.

Kept apart from the other commands: nothing here loads the database layer, so the window
appears before SQLAlchemy and the models are imported (``desk_app.ui.app``).
"""

from __future__ import annotations

import argparse
import os
import sys


def start_gui(args: argparse.Namespace) -> int:
    problem = window_problem(getattr(args, "lang", None) or os.environ.get("DESK_LANG", "id"))
    if problem:
        print(f"desk-app: {problem}", file=sys.stderr)
        return 1
    from desk_app.ui.app import start_desk

    return start_desk(
        getattr(args, "data_dir", None),
        lang=getattr(args, "lang", None) or os.environ.get("DESK_LANG"),
        username=getattr(args, "user", None) or os.environ.get("DESK_USER", "admin"),
    )


def window_problem(lang: str = "id") -> str:
    """One line on why the window cannot open here (before Qt could abort), else empty."""
    from desk_app import platform_check

    missing = platform_check.check().message(lang)
    if missing:
        return missing
    if platform_check.display_problem():
        if lang == "en":
            return (
                "no display to open the window on (DISPLAY is not set): start it in a "
                "desktop session, or use the commands (desk-app --help)"
            )
        return (
            "tidak ada layar untuk membuka jendela (DISPLAY tidak diatur): jalankan di "
            "sesi desktop, atau gunakan perintah baris (desk-app --help)"
        )
    return ""

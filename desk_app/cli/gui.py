"""``desk-app`` without a command (or ``desk-app gui``): the desk's window.

Kept apart from the other commands: nothing here loads the database layer, so the window
appears before SQLAlchemy and the models are imported (``desk_app.ui.app``).
"""

from __future__ import annotations

import argparse
import os
import sys


def start_gui(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from desk_app.ui.app import start_desk

    return start_desk(
        getattr(args, "data_dir", None),
        lang=getattr(args, "lang", None) or os.environ.get("DESK_LANG"),
        username=getattr(args, "user", None) or os.environ.get("DESK_USER", "admin"),
    )

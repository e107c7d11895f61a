"""Starting the desk again, e.g. so that a new interface language applies.

The window closes first (open forms keep or ask about their changes, and may keep it
open: then nothing restarts); a new process starts with the same arguments, the
language given explicitly so that an earlier ``--lang`` or ``DESK_LANG`` does not win
over the one just chosen; then this one quits.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desk_app.ui.dialogs import message_box

log = logging.getLogger("desk_app.ui.restart")


def restart_command(lang: str, argv: Sequence[str] | None = None) -> tuple[str, list[str]]:
    """The program and arguments that start this desk again, speaking ``lang``."""
    argv = list(sys.argv if argv is None else argv)
    args: list[str] = []
    rest = iter(argv[1:])
    for arg in rest:
        if arg == "--lang":
            next(rest, None)
        elif not arg.startswith("--lang="):
            args.append(arg)
    args += ["--lang", lang]
    if getattr(sys, "frozen", False):  # the PyInstaller folder: the executable itself
        return sys.executable, args
    return sys.executable, ["-m", "desk_app", *args]


def start_detached(program: str, args: list[str]) -> bool:
    ok, _pid = QProcess.startDetached(program, args)
    return bool(ok)


def restart_desk(window: QWidget, lang: str) -> bool:
    """Close ``window`` and start the desk again; False when the window stayed open (an
    open form kept it) or the new process did not start (then the person is told to start
    the desk themselves)."""
    window.close()
    if window.isVisible():
        return False
    program, args = restart_command(lang)
    if not start_detached(program, args):
        log.error("the desk did not start again: %s %s", program, args)
        message_box(
            None,
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("Restart", "Mulai ulang gagal"),
            QCoreApplication.translate(
                "Restart", "Desk Pilkada tidak dapat dimulai ulang. Buka kembali secara manual."
            ),
        ).exec()
        QApplication.quit()
        return False
    log.info("restarting the desk: %s", lang)
    QApplication.quit()
    return True

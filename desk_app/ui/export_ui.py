"""Exports from the tables: asking before personal data leaves the desk, and noting it.

An export of incidents or contacts by a role that sees personal data (reporters' names
and numbers, partners' phones, e-mail and addresses) asks first whether to include it,
as the sitrep does; the default answer leaves it out (masked). Every export is kept in
the audit log with its file name, its number of rows and whether personal data went out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desk_app.services.actor import Actor
from desk_app.ui.context import UiContext
from desk_app.ui.ops import run_op

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportUi", text)


def ask_personal_data(parent: QWidget, actor: Actor, ui: UiContext) -> bool:
    """Whether the export about to be written includes personal data: asked of a role
    that sees it (No, the default, masks it); never for one that does not."""
    if not actor.sees_personal_data:
        return False
    return ui.dialogs.ask(
        parent,
        _tr("Data pribadi dalam ekspor"),
        _tr(
            "Ekspor ini dapat memuat data pribadi: nama dan nomor telepon pelapor, nomor "
            "telepon, surel dan alamat mitra.\n\n"
            "Sertakan data pribadi dalam berkas? Pilih Tidak untuk menyamarkannya. "
            "Ekspor dicatat di log audit (UU PDP)."
        ),
    )


def record_export(
    parent: QWidget, table: str, path: str | Path, rows: int, personal_data: bool, ui: UiContext
) -> None:
    """Note the export in the audit log (on the writer lane)."""
    actor = ui.app.actor
    if actor is None:
        return

    def write(session: Session) -> str:
        from desk_app.services import exporting

        return exporting.record_export(
            session, actor, table, path, rows, personal_data=personal_data
        )

    run_op(parent, write, ui=ui)

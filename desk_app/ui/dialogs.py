"""Message boxes and file pickers, in one place.

Widgets ask the ``Dialogs`` of their ``UiContext`` instead of calling ``QMessageBox`` or
``QFileDialog`` themselves, so a test answers them by handing the widget an
``AnsweringDialogs`` (``tests/ui/desk_helpers.py``) instead of patching Qt classes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Dialogs:
    """The real thing: modal Qt dialogs."""

    def ask(self, parent: QWidget | None, title: str, text: str) -> bool:
        """A yes/no question whose default answer is No; True for Yes."""
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def open_files(
        self, parent: QWidget | None, title: str, directory: str, filters: str
    ) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(parent, title, directory, filters)
        return list(paths)

    def open_file(self, parent: QWidget | None, title: str, directory: str, filters: str) -> str:
        path, _ = QFileDialog.getOpenFileName(parent, title, directory, filters)
        return str(path)

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return str(path)

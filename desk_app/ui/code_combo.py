"""Small input widgets shared by the incidents and contacts screens."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QListWidget,
    QListWidgetItem,
    QWidget,
)


class CodeCombo(QComboBox):
    """A choice among coded items (taxonomy terms, regions, users), showing their names.

    Index 0 may be a placeholder ("— pilih —") whose code is "". Typing the first
    letters of a name selects it — spaces included ("Kota Se…"), which a plain combo
    would take as "open the list" — so the combo works without a mouse.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self._since = QElapsedTimer()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if plain and text and text.isprintable() and not self.isEditable():
            fresh = not self._since.isValid() or self._since.elapsed() > max(
                QApplication.keyboardInputInterval(), 400
            )
            if text == " " and (fresh or not self._typed):
                super().keyPressEvent(event)  # Space alone opens the list
                return
            self._typed = text if fresh else self._typed + text
            self._since.restart()
            self._select_typed()
            event.accept()
            return
        super().keyPressEvent(event)

    def _select_typed(self) -> None:
        wanted = self._typed.casefold()
        texts = [self.itemText(i).casefold() for i in range(self.count())]
        for match in (str.startswith, str.__contains__):
            for i, t in enumerate(texts):
                if self.itemData(i) != "" and match(t, wanted):
                    self.setCurrentIndex(i)
                    return

    def set_items(self, items: Iterable[tuple[str, str]], placeholder: str | None = None) -> None:
        current = self.code()
        self.blockSignals(True)
        self.clear()
        if placeholder is not None:
            self.addItem(placeholder, "")
        for code, label in items:
            self.addItem(label, code)
        self.blockSignals(False)
        self.set_code(current)

    def code(self) -> str:
        data = self.currentData()
        return str(data) if data is not None else ""

    def set_code(self, code: str) -> None:
        index = self.findData(code)
        if index < 0:
            index = 0 if self.count() and self.itemData(0) == "" else -1
        if index >= 0:
            self.setCurrentIndex(index)


class CheckList(QListWidget):
    """Several coded items chosen by ticking them (Space toggles the current one)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_items(self, items: Sequence[tuple[str, str]]) -> None:
        chosen = set(self.codes())
        self.blockSignals(True)
        self.clear()
        for code, label in items:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def codes(self) -> list[str]:
        out = []
        for i in range(self.count()):
            item = self.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_codes(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

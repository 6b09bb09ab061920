"""The questions the experiment-file workflow asks: save changes?, which file?, restore?

`DocumentController` (document.py) asks every question through a `Dialogs`, so tests pass
an object with the same methods that answers without a modal dialog.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Dialogs(QObject):
    """The questions DocumentController asks. Tests pass an object with the same methods."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.window = parent

    def ask_save_changes(self, name: str) -> str:
        """'save', 'discard' or 'cancel'."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to {name}?").format(name=name),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def open_path(self, folder: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open experiment"), folder, self.tr("Experiments (*.json)")
        )
        return Path(path) if path else None

    def save_path(self, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save experiment"), suggested, self.tr("Experiments (*.json)")
        )
        if not path:
            return None
        path = Path(path)
        return path if path.suffix.lower() == ".json" else path.with_name(path.name + ".json")

    def warning(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    def ask_recover(self, saved_at: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window,
            self.tr("Restore unsaved experiment?"),
            self.tr(
                "optviz did not close normally last time. Restore the experiment "
                "autosaved at {time}?"
            ).format(time=saved_at),
            buttons.Yes | buttons.No,
            buttons.Yes,
        )
        return answer == buttons.Yes

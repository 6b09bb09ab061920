"""The keyboard-shortcut sheet (Help › Keyboard shortcuts, F1 and ?).

It is read from the window's actions, so a new action with a shortcut appears without being
listed here. Its texts are translated in the context "Presentation", which shows it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _plain(text: str) -> str:
    """A menu text as a person reads it: '&Open…\\tCtrl+O' → 'Open…', '文件(&F)' → '文件'."""
    text = re.sub(r"\(&\w\)", "", text.split("\t")[0])
    return re.sub(r"&(.)", r"\1", text)


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(shortcut, action, menu) for every action of the window that has a shortcut.

    Read from the window's actions, so a new action appears here without listing it.
    """
    menus: dict[QAction, str] = {}

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{title} › {_plain(action.menu().title())}")
            else:
                menus.setdefault(action, title)

    order: list[QAction] = []
    if isinstance(window, QMainWindow):
        for top in window.menuBar().actions():
            if top.menu() is not None:
                walk(top.menu(), _plain(top.menu().title()))
        order = list(menus)
    for action in [*window.actions(), *window.findChildren(QAction)]:
        if action not in order:
            order.append(action)
    rows = []
    for action in order:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys and action.text():
            rows.append((", ".join(keys), _plain(action.text()), menus.get(action, "")))
    return rows


def shortcut_sheet(window: QWidget) -> QDialog:
    """A dialog listing every keyboard shortcut of the window (not yet shown)."""
    translate = QCoreApplication.translate
    dialog = QDialog(window)
    dialog.setWindowTitle(translate("Presentation", "Keyboard shortcuts"))
    rows = shortcut_rows(window)
    table = QTableWidget(len(rows), 3, dialog)
    table.setHorizontalHeaderLabels(
        [
            translate("Presentation", "Shortcut"),
            translate("Presentation", "Action"),
            translate("Presentation", "Menu"),
        ]  # fmt: skip
    )
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if c == 0:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(r, c, item)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(560, min(120 + 30 * len(rows), 720))
    dialog.table = table
    return dialog

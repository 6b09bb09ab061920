"""A page whose content is built the first time it is needed.

The Training and Concepts tabs hold a dozen plots between them; building them at start-up
cost about 0.4 s before the window's first paint. The page is an empty holder until the
tab is shown (or the program asks for its content). The surface tab's side plots are one
too: the main window builds them right after its first frame (issue #3).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyTab(QWidget):
    content_built = Signal(QWidget)  # the content, just built and placed in the page

    def __init__(
        self,
        build: Callable[[], QWidget],
        parent: QWidget | None = None,
        size_hint: QSize | None = None,
    ):
        """size_hint: what the content will ask for, asked for until it is built (a splitter
        then divides its room as it will with the content)."""
        super().__init__(parent)
        self._build = build
        self._size_hint = size_hint
        self._content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        if self._content is None and self._size_hint is not None:
            return self._size_hint
        return super().sizeHint()

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> QWidget:
        """The page's widget, built now if it was not yet."""
        if self._content is None:
            self._content = self._build()
            self.layout().addWidget(self._content)
            self.content_built.emit(self._content)
        return self._content

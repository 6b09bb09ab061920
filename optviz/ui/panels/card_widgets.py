"""Small widgets of the optimizer cards: a colour swatch button and an eliding combo box."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QMenu,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QToolButton,
    QWidget,
)

from optviz.ui.i18n import FollowsLanguage
from optviz.ui.style import OKABE_ITO, OKABE_ITO_NAMES


@functools.cache  # eight colours, drawn once rather than for every card
def color_icon(color: str, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # Mid grey: the outline shows on a light and on a dark panel (and around the black swatch).
    painter.setPen(QColor(128, 128, 128, 170))
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class ColorButton(FollowsLanguage, QToolButton):
    """A colour swatch; its menu offers the Okabe–Ito colours by name, and "Other…"."""

    color_picked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._color = OKABE_ITO[0]
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setObjectName("colorSwatch")  # no menu arrow: optimizer_card.CARD_STYLE
        # The menu's entries are made when it is first opened (a preset's six cards are on
        # the window's first frame; issue #3).
        self._named_actions: list[QAction] = []
        self._other_action: QAction | None = None
        self.setMenu(QMenu(self))
        super().menu().aboutToShow.connect(self._fill_menu)
        self.set_color(self._color)
        self.retranslate()

    def menu(self) -> QMenu:
        """The colour menu, with its entries."""
        self._fill_menu()
        return super().menu()

    def _fill_menu(self) -> None:
        if self._other_action is not None:
            return
        menu = super().menu()
        for color in OKABE_ITO:
            action = menu.addAction(color_icon(color), "")
            action.triggered.connect(lambda _=False, c=color: self._pick(c))
            self._named_actions.append(action)
        menu.addSeparator()
        self._other_action = menu.addAction("")
        self._other_action.triggered.connect(self._other)
        self._retranslate_menu()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        self.setToolTip(self.tr("Colour of this optimizer's path"))
        self._retranslate_menu()

    def _retranslate_menu(self) -> None:
        if self._other_action is None:
            return
        for action, name in zip(self._named_actions, OKABE_ITO_NAMES, strict=True):
            action.setText(QCoreApplication.translate("ColorButton", name))
        self._other_action.setText(self.tr("Other…"))

    def color(self) -> str:
        return self._color

    def set_color(self, color: str) -> None:
        self._color = color
        self.setIcon(color_icon(color, 18))

    def _pick(self, color: str) -> None:
        self.set_color(color)
        self.color_picked.emit(color)

    def _other(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color), self, self.tr("Optimizer colour"))
        if chosen.isValid():
            self._pick(chosen.name().upper())


class ElidingComboBox(QComboBox):
    """A combo box that elides its current text ("Gradient d…") instead of clipping it."""

    def width_for(self, text: str) -> int:
        """The width that shows `text` in full."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        contents = QSize(metrics.horizontalAdvance(text) + 4, metrics.height())
        size = self.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, contents, self
        )
        return size.width()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, field.width() - 2
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

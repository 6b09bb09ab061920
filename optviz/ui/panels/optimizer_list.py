"""The racing optimizers: an "Add optimizer" button over a scrolling list of cards."""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from optviz.engine.errors import ExperimentError
from optviz.engine.optimizers import optimizer_class
from optviz.ui.i18n import FollowsLanguage
from optviz.ui.panels.optimizer_card import CARD_STYLE, OptimizerCard
from optviz.ui.panels.optimizer_names import CLASSIC_ORDER, display_name, optimizer_names
from optviz.ui.style import OKABE_ITO, color_for, set_themed_style

__all__ = ["OptimizerCard", "OptimizerList"]

CLASSIC_SIX = CLASSIC_ORDER[:6]  # SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam


class OptimizerList(FollowsLanguage, QWidget):
    """Edits the experiment's "optimizers" list.

    Signals: `changed` after every valid edit (never for set_optimizers, never while a card
    is invalid); `selection_changed(index)` when a card is clicked or gets focus (-1: none);
    `validity_changed(bool)`.
    """

    changed = Signal()
    selection_changed = Signal(int)
    validity_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._cards: list[OptimizerCard] = []
        self._selected = -1
        self._steps = 100
        self._valid = True

        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_optimizer())
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)

        container = QWidget()
        set_themed_style(container, CARD_STYLE)  # for every card: one style sheet, not one each
        self._cards_layout = QVBoxLayout(container)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout.setSpacing(4)
        self._cards_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(container)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.scroll, 1)
        QApplication.instance().focusChanged.connect(self._focus_changed)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        self.add_button.setText(self.tr("+  Add optimizer"))
        self.add_button.setToolTip(self.tr("Add the next classic optimizer in an unused colour"))

    # --- public API -----------------------------------------------------------------------

    def set_optimizers(self, entries: list[dict[str, Any]]) -> None:
        """Show experiment optimizer entries; does not emit `changed`.

        Raises ExperimentError ("optimizers[i].name: …") for a name the registry lacks, and
        then leaves the list as it was. The selected index stays if it still exists.
        """
        for i, entry in enumerate(entries):
            try:
                optimizer_class(entry["name"], entry.get("flavor", "torch"))
            except ExperimentError as error:
                raise error.within(f"optimizers[{i}]") from None
        # Existing cards take the new entries: reloading an experiment builds no widgets.
        for card, entry in zip(self._cards, entries, strict=False):
            card.set_entry(copy.deepcopy(entry))
        while len(self._cards) > len(entries):
            card = self._cards.pop()
            card.setParent(None)
            card.deleteLater()
        for entry in entries[len(self._cards) :]:
            card = OptimizerCard(copy.deepcopy(entry), steps=self._steps)
            self._insert(len(self._cards), card)
        if self._selected >= len(entries):
            self._set_selected(-1)
        self._refresh()

    def optimizers(self) -> list[dict[str, Any]]:
        """Entries for the experiment JSON; raises ExperimentError naming the invalid key."""
        out = []
        for i, card in enumerate(self._cards):
            try:
                out.append(card.entry())
            except ExperimentError as error:
                raise error.within(f"optimizers[{i}]") from None
        return out

    def add_optimizer(self, entry: dict[str, Any] | None = None) -> int:
        """Append an entry (default: the next classic optimizer, next unused colour)."""
        if entry is None:
            entry = self._next_entry()
        card = OptimizerCard(copy.deepcopy(entry), steps=self._steps)
        index = self._insert(len(self._cards), card)
        self._refresh()
        self.changed.emit()
        return index

    def remove_optimizer(self, index: int) -> None:
        card = self._cards.pop(index)
        card.setParent(None)
        card.deleteLater()
        if self._selected == index:
            self._set_selected(-1)
        elif self._selected > index:
            self._set_selected(self._selected - 1)
        self._refresh()
        self.changed.emit()

    def duplicate_optimizer(self, index: int) -> int:
        """Insert a copy (own colour, "… copy" label) right after `index`.

        Raises ExperimentError if that card is invalid (its Duplicate button does nothing then).
        """
        entry = self._cards[index].entry()
        entry["color"] = self._unused_color(index + 1)
        entry["label"] = self.tr("{label} copy").format(label=self._cards[index].label())
        new_index = self._insert(index + 1, OptimizerCard(entry, steps=self._steps))
        if self._selected > index:
            self._selected += 1
        self._refresh()
        self.changed.emit()
        return new_index

    def select(self, index: int) -> None:
        """Highlight one card (-1: none); emits selection_changed if it changes."""
        self._set_selected(index)

    def selected_index(self) -> int:
        return self._selected

    def set_steps(self, steps: int) -> None:
        """Forwarded to every schedule preview."""
        self._steps = int(steps)
        for card in self._cards:
            card.set_steps(self._steps)

    def is_valid(self) -> bool:
        return all(card.is_valid() for card in self._cards)

    def cards(self) -> list[OptimizerCard]:
        return list(self._cards)

    def count(self) -> int:
        return len(self._cards)

    # --- internals ------------------------------------------------------------------------

    def _insert(self, index: int, card: OptimizerCard) -> int:
        card.changed.connect(self.changed)
        card.validity_changed.connect(lambda _valid: self._update_validity())
        card.clicked.connect(lambda: self._set_selected(self._cards.index(card)))
        card.remove_requested.connect(lambda: self.remove_optimizer(self._cards.index(card)))
        card.duplicate_requested.connect(
            lambda: card.is_valid() and self.duplicate_optimizer(self._cards.index(card))
        )
        self._cards.insert(index, card)
        self._cards_layout.insertWidget(index, card)
        return index

    def _refresh(self) -> None:
        """Default colours follow positions (as the views draw them); highlight the selection."""
        for i, card in enumerate(self._cards):
            card.set_default_color(color_for(i))
            card.set_selected(i == self._selected)
        self._update_validity()

    def _set_selected(self, index: int) -> None:
        if index == self._selected:
            return
        self._selected = index
        for i, card in enumerate(self._cards):
            card.set_selected(i == index)
        self.selection_changed.emit(index)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        for i, card in enumerate(self._cards):
            if card.isAncestorOf(new):
                self._set_selected(i)
                return

    def _update_validity(self) -> None:
        valid = self.is_valid()
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _unused_color(self, insert_at: int) -> str:
        """The first Okabe–Ito colour no card shows once a card is inserted at `insert_at`.

        Cards without a colour of their own show color_for(position), and positions after
        `insert_at` move down by one.
        """
        used = set()
        for i, card in enumerate(self._cards):
            position = i if i < insert_at else i + 1
            used.add(card.color().upper() if card.has_own_color() else color_for(position))
        for color in OKABE_ITO:
            if color.upper() not in used:
                return color
        return color_for(insert_at)

    def _next_entry(self) -> dict[str, Any]:
        used = {card.name() for card in self._cards if card.flavor() == "torch"}
        names = [*CLASSIC_SIX, *optimizer_names("torch")]
        name = next((n for n in names if n not in used), CLASSIC_SIX[len(self._cards) % 6])
        return {
            "name": name,
            "label": display_name(name, "torch"),
            "color": self._unused_color(len(self._cards)),
        }

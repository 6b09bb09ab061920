"""The step illustration: the selected optimizer's update rule with the current numbers."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

# torch/keras/textbook state names → the symbols the equations use
SYMBOLS = {
    "momentum_buffer": "b",
    "exp_avg": "m",
    "exp_avg_sq": "v",
    "max_exp_avg_sq": "v_max",
    "sum": "G",
    "square_avg": "v",
    "grad_avg": "ḡ",
    "acc_delta": "u",
    "exp_inf": "u",
    "velocity": "v",
    "momentum": "v",
    "accumulator": "G",
    "h": "h",
    "v": "v",
    "m": "m",
}
ARROW_LEGEND = (
    ("#000000", "−η·g (plain gradient step)"),
    ("#CC79A7", "−η·(velocity / first moment)"),
    ("#D55E00", "actual update"),
)


def _vec(v) -> str:
    v = np.asarray(v, dtype=float).ravel()
    return "(" + ", ".join(f"{x:+.4g}" for x in v) + ")"


class EquationsPanel(QWidget):
    """Shows the equations of the selected run's optimizer and the values at one step."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.selector = QComboBox()
        self.selector.setToolTip("Which run the step illustration follows")
        layout.addWidget(self.selector)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.text.font()
        font.setPointSize(11)
        self.text.setFont(font)
        # In a scroll area the text's changing size never re-lays out the window: otherwise
        # every playback frame would resize the plots and repaint them from scratch.
        scroll = QScrollArea()
        scroll.setWidget(self.text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        scroll.setMinimumHeight(190)
        layout.addWidget(scroll, 1)

    def set_runs(self, labels: list[str], colors: list[str]) -> None:
        current = self.selector.currentIndex()
        self.selector.blockSignals(True)
        self.selector.clear()
        for label in labels:
            self.selector.addItem(label)
        self.selector.setCurrentIndex(min(max(current, 0), len(labels) - 1))
        self.selector.blockSignals(False)

    def selected(self) -> int:
        return max(self.selector.currentIndex(), 0)

    def show_step(
        self,
        *,
        title: str,
        equations: tuple[str, ...],
        hyper: dict,
        lr: float,
        step: int,
        position,
        next_position,
        grad,
        states: dict,
        color: str,
        status: str,
    ) -> None:
        rows = [f"<b style='color:{color}'>■</b> <b>{html.escape(title)}</b> — step t = {step + 1}"]
        rows.append("<table cellspacing='2'>")
        for line in equations:
            rows.append(f"<tr><td colspan='2'><code>{html.escape(line)}</code></td></tr>")
        rows.append("</table><hr>")
        values = [("g<sub>t</sub>", _vec(grad)), ("η<sub>t</sub>", f"{lr:.4g}")]
        beta1 = beta2 = None
        betas = hyper.get("betas")
        if betas is not None:
            beta1, beta2 = betas
        for key, value in states.items():
            symbol = SYMBOLS.get(key, key)
            values.append((f"{html.escape(symbol)}<sub>t</sub>", _vec(value)))
            t = step + 1
            if beta1 is not None and key == "exp_avg":
                values.append(("m̂<sub>t</sub>", _vec(np.asarray(value) / (1 - beta1**t))))
            if beta2 is not None and key == "exp_avg_sq":
                values.append(("v̂<sub>t</sub>", _vec(np.asarray(value) / (1 - beta2**t))))
        values.append(("w<sub>t−1</sub>", _vec(position)))
        if next_position is not None and np.isfinite(next_position).all():
            values.append(("w<sub>t</sub>", _vec(next_position)))
            values.append(("Δw", _vec(np.asarray(next_position) - np.asarray(position))))
        elif status != "finished":
            values.append(("", f"<i>run {status}</i>"))
        rows.append("<table cellspacing='3'>")
        for name, value in values:
            rows.append(f"<tr><td align='right'>{name}</td><td>= <code>{value}</code></td></tr>")
        rows.append("</table><br>")
        rows.append(
            " &nbsp; ".join(
                f"<span style='color:{c}'>━➤</span> {html.escape(text)}" for c, text in ARROW_LEGEND
            )
        )
        self.text.setText("".join(rows))

    def clear(self, message: str = "") -> None:
        self.text.setText(html.escape(message))

"""The step illustration: the selected optimizer's update rule with the current numbers."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from optviz.ui.i18n import FollowsLanguage, engine_text


def escape(text: str) -> str:
    """html.escape; `html` (3 ms to import) is not needed for the window's first frame."""
    from html import escape as html_escape

    return html_escape(text)


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
# The arrows' colours in the surface view; None: black there, on the light heatmap, and the
# text colour here, so that the legend also reads on the dark theme.
ARROW_LEGEND = (
    (None, QT_TRANSLATE_NOOP("EquationsPanel", "−η·g (plain gradient step)")),
    ("#CC79A7", QT_TRANSLATE_NOOP("EquationsPanel", "−η·(velocity / first moment)")),
    ("#D55E00", QT_TRANSLATE_NOOP("EquationsPanel", "actual update")),
)
RUN_STATUS = {
    "diverged": QT_TRANSLATE_NOOP("EquationsPanel", "diverged"),
    "stopped": QT_TRANSLATE_NOOP("EquationsPanel", "stopped"),
    "cancelled": QT_TRANSLATE_NOOP("EquationsPanel", "cancelled"),
}


def _vec(v) -> str:
    v = np.asarray(v, dtype=float).ravel()
    return "(" + ", ".join(f"{x:+.4g}" for x in v) + ")"


class EquationsPanel(FollowsLanguage, QWidget):
    """Shows the equations of the selected run's optimizer and the values at one step."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.selector = QComboBox()
        layout.addWidget(self.selector)
        self._labels: list[str] = []
        self._shown_step: dict | None = None  # show_step's arguments, to redraw in a new language
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
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        self.selector.setToolTip(self.tr("Which run the step illustration follows"))
        for i, label in enumerate(self._labels):
            self.selector.setItemText(i, engine_text("Optimizers", label))
        if self._shown_step is not None:
            self.show_step(**self._shown_step)

    def set_runs(self, labels: list[str], colors: list[str]) -> None:
        """labels: the runs' labels; one that names an optimizer ("Momentum") is shown in
        the installed language."""
        current = self.selector.currentIndex()
        self._labels = list(labels)
        self.selector.blockSignals(True)
        self.selector.clear()
        for label in labels:
            self.selector.addItem(engine_text("Optimizers", label))
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
        # Kept so that a language change can redraw the same step.
        self._shown_step = {k: v for k, v in locals().items() if k != "self"}
        title = escape(engine_text("Optimizers", title))
        step_text = escape(self.tr("step t = {t}").format(t=step + 1))
        rows = [f"<b style='color:{color}'>■</b> <b>{title}</b> — {step_text}"]
        rows.append("<table cellspacing='2'>")
        for line in equations:
            rows.append(f"<tr><td colspan='2'><code>{escape(line)}</code></td></tr>")
        rows.append("</table><hr>")
        values = [("g<sub>t</sub>", _vec(grad)), ("η<sub>t</sub>", f"{lr:.4g}")]
        beta1 = beta2 = None
        betas = hyper.get("betas")
        if betas is not None:
            beta1, beta2 = betas
        for key, value in states.items():
            symbol = SYMBOLS.get(key, key)
            values.append((f"{escape(symbol)}<sub>t</sub>", _vec(value)))
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
            shown = QCoreApplication.translate("EquationsPanel", RUN_STATUS.get(status, status))
            text = self.tr("run {status}").format(status=shown)
            values.append(("", f"<i>{escape(text)}</i>"))
        rows.append("<table cellspacing='3'>")
        for name, value in values:
            rows.append(f"<tr><td align='right'>{name}</td><td>= <code>{value}</code></td></tr>")
        rows.append("</table><br>")
        ink = self.palette().color(QPalette.ColorRole.WindowText).name()
        rows.append(
            " &nbsp; ".join(
                f"<span style='color:{c or ink}'>━➤</span> "
                + escape(QCoreApplication.translate("EquationsPanel", text))
                for c, text in ARROW_LEGEND
            )
        )
        self.text.setText("".join(rows))

    def clear(self, message: str = "") -> None:
        self._shown_step = None
        self.text.setText(escape(message))

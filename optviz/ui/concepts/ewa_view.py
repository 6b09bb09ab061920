"""Exponentially weighted averages: a noisy series, its EWA for a few β, and the weight each
past day receives on the last day."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from superqt import QLabeledDoubleSlider

from optviz.engine import concepts
from optviz.ui import style
from optviz.ui.concepts import common

PRESET_BETAS = (0.5, 0.9, 0.98)
PRESET_COLORS = (style.OKABE_ITO[0], style.OKABE_ITO[4], style.OKABE_ITO[2])  # orange, blue, green
CUSTOM_COLOR = style.OKABE_ITO[3]  # vermillion
SERIES_COLOR = "#555555"
INITS = (
    (QT_TRANSLATE_NOOP("EwaView", "S₀ = 0  (lecture)"), "zero"),
    (QT_TRANSLATE_NOOP("EwaView", "S₁ = Y₁  (course code)"), "first"),
)
COURSE_SERIES = QT_TRANSLATE_NOOP(
    "EwaView", "the course's series: torch.manual_seed(0); torch.randn(30) * 10"
)
MAX_VALUES = 100_000
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


class PasteError(ValueError):
    """Why pasted text is not a list of numbers; str() says it in the installed language,
    so a message on screen can be said again after a language switch."""

    def __init__(self, template: str, **fields):
        super().__init__(template.format(**fields))
        self.template, self.fields = template, fields

    def __str__(self) -> str:
        return QCoreApplication.translate("EwaView", self.template).format(**self.fields)


def parse_values(text: str) -> np.ndarray:
    """Numbers separated by commas, spaces, semicolons or new lines; PasteError (a
    ValueError) if none or one is not a number ("−" counts as a minus sign)."""
    parts = [p for p in re.split(r"[\s,;]+", text.replace("−", "-").strip()) if p]
    if not parts:
        raise PasteError(QT_TRANSLATE_NOOP("EwaView", "paste some numbers first"))
    try:
        values = np.array([float(p) for p in parts])
    except ValueError:
        bad = next(p for p in parts if not _is_number(p))
        raise PasteError(
            QT_TRANSLATE_NOOP("EwaView", "not a number: {bad}"), bad=repr(bad)
        ) from None
    if not np.isfinite(values).all():
        raise PasteError(QT_TRANSLATE_NOOP("EwaView", "every value must be finite"))
    if len(values) > MAX_VALUES:
        count = f"{MAX_VALUES:,}"
        raise PasteError(QT_TRANSLATE_NOOP("EwaView", "at most {count} values"), count=count)
    return values


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class EwaView(common.FollowsLanguage, QWidget):
    """The series as points, one EWA curve per ticked β (presets plus a slider), bias
    correction, a new seeded series or pasted values, and the weights bar chart."""

    export_name = "ewa"  # optviz export --view ewa

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.values = concepts.DEMO_TEMPERATURES.copy()
        self.seed = 0
        # Where the values come from, said in the installed language.
        self.describe_source: Callable[[], str] = lambda: self.tr(COURSE_SERIES)
        layout = QHBoxLayout(self)
        layout.addWidget(self._controls())
        plots = QVBoxLayout()
        plots.setContentsMargins(0, 0, 0, 0)  # an exported figure has no grey frame
        self.series_plot = pg.PlotWidget(background="w")
        common.style_plot(self.series_plot)
        self.legend = common.legend(self.series_plot, offset=(10, 10))
        self.points = pg.ScatterPlotItem(
            size=9, pen=pg.mkPen("#222", width=1), brush=pg.mkBrush(SERIES_COLOR)
        )
        self.series_plot.addItem(self.points)
        self.legend.addItem(self.points, "Yₜ")
        self.curves: dict[str, pg.PlotDataItem] = {}
        for beta, color in zip(PRESET_BETAS, PRESET_COLORS, strict=True):
            self.curves[f"{beta:g}"] = self.series_plot.plot(
                pen=pg.mkPen(color, width=style.LINE_WIDTH)
            )
        self.curves["slider"] = self.series_plot.plot(
            pen=pg.mkPen(CUSTOM_COLOR, width=style.LINE_WIDTH + 0.5, style=Qt.PenStyle.DashLine)
        )
        self.weights_plot = pg.PlotWidget(background="w")
        common.style_plot(self.weights_plot)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=CUSTOM_COLOR, pen=None)
        self.weights_plot.addItem(self.bars)
        self.weights_plot.setXLink(self.series_plot)
        plots.addWidget(self.series_plot, 3)
        plots.addWidget(self.weights_plot, 2)
        self.plot_area = QWidget()
        self.plot_area.setLayout(plots)
        self.figure = self.plot_area  # what an export draws
        layout.addWidget(self.plot_area, 1)
        self.retranslate()
        self.redraw()

    # --- controls -----------------------------------------------------------------------

    def _controls(self) -> QWidget:
        panel = QWidget()
        panel.setFixedWidth(330)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)

        self.betas_box = QGroupBox()  # texts: retranslate()
        rows = QVBoxLayout(self.betas_box)
        self.preset_boxes: dict[str, QCheckBox] = {}
        for beta, color in zip(PRESET_BETAS, PRESET_COLORS, strict=True):
            box = QCheckBox()
            box.setStyleSheet(f"QCheckBox {{ color: {color}; font-weight: bold; }}")
            box.setChecked(beta in (0.5, 0.9))  # the two the course shows
            box.toggled.connect(self.redraw)
            rows.addWidget(box)
            self.preset_boxes[f"{beta:g}"] = box
        self.slider_box = QCheckBox()
        self.slider_box.setStyleSheet(f"QCheckBox {{ color: {CUSTOM_COLOR}; font-weight: bold; }}")
        self.slider_box.setChecked(True)
        self.slider_box.toggled.connect(self.redraw)
        rows.addWidget(self.slider_box)
        self.slider = QLabeledDoubleSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0.0, 0.995)
        self.slider.setDecimals(3)
        self.slider.setValue(0.8)
        self.slider.valueChanged.connect(self.redraw)
        rows.addWidget(self.slider)
        self.window_label = QLabel()
        self.window_label.setWordWrap(True)
        rows.addWidget(self.window_label)
        column.addWidget(self.betas_box)

        self.start_box = QGroupBox()
        rows = QVBoxLayout(self.start_box)
        self.init_combo = QComboBox()
        for _text, key in INITS:
            self.init_combo.addItem("", key)
        self.init_combo.currentIndexChanged.connect(self._init_changed)
        rows.addWidget(self.init_combo)
        self.bias_box = QCheckBox()
        self.bias_box.toggled.connect(self.redraw)
        rows.addWidget(self.bias_box)
        column.addWidget(self.start_box)

        self.data_box = QGroupBox()
        rows = QVBoxLayout(self.data_box)
        buttons = QHBoxLayout()
        self.regenerate_button = QPushButton()
        self.regenerate_button.clicked.connect(self.regenerate)
        self.course_button = QPushButton()
        self.course_button.clicked.connect(self.use_course_series)
        buttons.addWidget(self.regenerate_button)
        buttons.addWidget(self.course_button)
        rows.addLayout(buttons)
        self.paste_box = QPlainTextEdit()
        self.paste_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.paste_box.setMinimumHeight(60)
        rows.addWidget(self.paste_box, 1)
        self.use_button = QPushButton()
        self.use_button.clicked.connect(self.use_pasted_values)
        rows.addWidget(self.use_button)
        self.message = common.Caption()
        self.message.setWordWrap(True)
        rows.addWidget(self.message)
        column.addWidget(self.data_box, 1)
        self.export = common.ExportButtons(self)
        column.addWidget(self.export)
        return panel

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange); the captions
        of the values shown are said again from them."""
        common.label_plot(
            self.series_plot,
            self.tr("day t"),
            self.tr("value"),
            self.tr("Series Yₜ and its averages Sₜ"),
        )
        common.label_plot(self.weights_plot, self.tr("day k"), self.tr("weight of Yₖ"))
        self.betas_box.setTitle(self.tr("Averages  Sₜ = β Sₜ₋₁ + (1 − β) Yₜ"))
        for key, box in self.preset_boxes.items():
            days = f"{concepts.effective_window(float(key)):.0f}"
            box.setText(self.tr("β = {beta}   (≈ {days} days)").format(beta=key, days=days))
        self.slider_box.setText(self.tr("your β (dashed; its weights below)"))
        self.start_box.setTitle(self.tr("Start and bias"))
        for i, (text, _key) in enumerate(INITS):
            self.init_combo.setItemText(i, self.tr(text))
        self.bias_box.setText(self.tr("bias correction  Sₜ / (1 − βᵗ)"))
        self.data_box.setTitle(self.tr("Data"))
        self.regenerate_button.setText(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(
            self.tr("a new seed: torch.manual_seed(seed); torch.randn(n) * 10")
        )
        self.course_button.setText(self.tr("Course series"))
        self.paste_box.setPlaceholderText(self.tr("paste your own values: 3.1, 2.7, 4.0 …"))
        self.use_button.setText(self.tr("Use these values"))
        self._caption_weights(self.last_day_weights())

    # --- actions ------------------------------------------------------------------------

    def regenerate(self) -> None:
        self.seed += 1
        n = len(self.values)  # same length, new noise
        self.values = concepts.noisy_series(n, self.seed)
        code = f"torch.manual_seed({self.seed}); torch.randn({n}) * 10"
        self.describe_source = lambda: code
        self.redraw()

    def use_course_series(self) -> None:
        self.seed = 0
        self.values = concepts.DEMO_TEMPERATURES.copy()
        self.describe_source = lambda: self.tr(COURSE_SERIES)
        self.redraw()

    def use_pasted_values(self) -> None:
        try:
            values = parse_values(self.paste_box.toPlainText())
        except PasteError as error:
            style.set_themed_style(self.message, "color: @error;")
            self.message.say(partial(str, error))  # said again after a language switch
            return
        self.values = values
        count = len(values)
        self.describe_source = lambda: self.tr("your {count} values").format(count=count)
        self.redraw()

    def _init_changed(self) -> None:
        first = self.init_combo.currentData() == "first"
        # With S₁ = Y₁ the weights already sum to 1: there is nothing to correct.
        self.bias_box.setEnabled(not first)
        if first:
            self.bias_box.setChecked(False)
        self.redraw()

    # --- drawing ------------------------------------------------------------------------

    def shown_curves(self) -> dict[str, np.ndarray]:
        """β label → the averages drawn now."""
        init, bias = self.init_combo.currentData(), self.bias_box.isChecked()
        out = {}
        for key, box in self.preset_boxes.items():
            if box.isChecked():
                out[f"β = {key}"] = concepts.ewa(self.values, float(key), bias, init)
        if self.slider_box.isChecked():
            out[f"β = {self.slider.value():.3g} (yours)"] = concepts.ewa(
                self.values, self.slider.value(), bias, init
            )
        return out

    def last_day_weights(self) -> np.ndarray:
        """The weight of each Y_k in the last S_t, for your β."""
        return concepts.ewa_weights(
            len(self.values),
            self.slider.value(),
            self.bias_box.isChecked(),
            self.init_combo.currentData(),
        )

    def redraw(self) -> None:
        days = np.arange(1, len(self.values) + 1)
        self.points.setData(days, self.values)
        init, bias = self.init_combo.currentData(), self.bias_box.isChecked()
        for key, box in self.preset_boxes.items():
            curve = self.curves[key]
            if box.isChecked():
                curve.setData(days, concepts.ewa(self.values, float(key), bias, init))
            curve.setVisible(box.isChecked())
        beta = self.slider.value()
        mine = self.curves["slider"]
        mine.setVisible(self.slider_box.isChecked())
        if self.slider_box.isChecked():
            mine.setData(days, concepts.ewa(self.values, beta, bias, init))
        self._relabel()
        weights = self.last_day_weights()
        self.bars.setOpts(x=days, height=weights, width=0.8)
        self._caption_weights(weights)
        self.message.setStyleSheet("color: palette(placeholder-text);")
        self.message.say(lambda: self.tr("Showing {source}.").format(source=self.describe_source()))

    def _caption_weights(self, weights: np.ndarray) -> None:
        """The weights' title and the window of your β, in the installed language."""
        beta = self.slider.value()
        last = "S" + str(len(self.values)).translate(SUBSCRIPTS)
        title = self.tr("Weight of each day in {last} for β = {beta}: they sum to {total}")
        title = title.format(last=last, beta=f"{beta:.3g}", total=f"{weights.sum():.4f}")
        common.label_plot(self.weights_plot, title=title, title_size="12pt")
        window = f"{concepts.effective_window(beta):.3g}"
        self.window_label.setText(
            self.tr("β = {beta} averages ≈ the last 1/(1 − β) = {window} values").format(
                beta=f"{beta:.3g}", window=window
            )
        )

    def _relabel(self) -> None:
        self.legend.clear()
        self.legend.addItem(self.points, "Yₜ")
        for key, box in self.preset_boxes.items():
            if box.isChecked():
                self.legend.addItem(self.curves[key], f"β = {key}")
        if self.slider_box.isChecked():
            self.legend.addItem(self.curves["slider"], f"β = {self.slider.value():.3g}")

    def csv(self) -> str:
        curves = self.shown_curves()
        weights = self.last_day_weights()
        header = ["day", "value", *(f"S_t {name}" for name in curves), "weight on last day"]
        rows = zip(
            range(1, len(self.values) + 1),
            self.values.tolist(),
            *(c.tolist() for c in curves.values()),
            weights.tolist(),
            strict=True,
        )
        return common.csv_text(header, rows)

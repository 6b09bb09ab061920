"""Surface picker with formula and parameters, custom expression, start point, steps, noise."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from optviz.engine.errors import ExpressionError
from optviz.engine.expression import parse_expression
from optviz.engine.surfaces import SURFACES
from optviz.ui.i18n import FollowsLanguage, engine_text, error_text
from optviz.ui.panels.hyper_form import HyperForm
from optviz.ui.style import set_themed_style

CUSTOM = "custom"
ERROR_STYLE = "color: @error;"  # see style.set_themed_style


def _spin(low: float, high: float, decimals: int = 4, step: float = 0.1) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setKeyboardTracking(False)
    return box


class SurfacePanel(FollowsLanguage, QGroupBox):
    """Emits `changed` after every valid edit; invalid input is shown inline and held back."""

    changed = Signal()
    surface_changed = Signal()  # the surface itself (not only start/steps) changed

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.picker = QComboBox()
        for name in SURFACES:
            if name != CUSTOM:
                self.picker.addItem("", name)
        self.picker.addItem("", CUSTOM)
        layout.addWidget(self.picker)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.formula.setStyleSheet("font-size: 12pt;")
        layout.addWidget(self.formula)
        self.description = QLabel()  # in the window's text colour: grey was unreadable on dark
        self.description.setWordWrap(True)
        layout.addWidget(self.description)
        self.expression = QLineEdit()
        layout.addWidget(self.expression)
        self.expression_error = QLabel()
        set_themed_style(self.expression_error, ERROR_STYLE)
        self.expression_error.setWordWrap(True)
        layout.addWidget(self.expression_error)
        self.params_holder = QVBoxLayout()
        layout.addLayout(self.params_holder)
        self.params_form: HyperForm | None = None

        form = QFormLayout()
        start_row = QHBoxLayout()
        self.start_x = _spin(-1e6, 1e6)
        self.start_y = _spin(-1e6, 1e6)
        start_row.addWidget(self.start_x)
        start_row.addWidget(self.start_y)
        self.start_label = QLabel()
        form.addRow(self.start_label, start_row)
        self.steps = QSpinBox()
        self.steps.setRange(1, 1_000_000)
        self.steps.setKeyboardTracking(False)
        self.steps_label = QLabel()
        form.addRow(self.steps_label, self.steps)
        self.noise = _spin(0, 1e6, decimals=3, step=0.05)
        self.noise_label = QLabel()
        form.addRow(self.noise_label, self.noise)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed_label = QLabel()
        form.addRow(self.seed_label, self.seed)
        self.batch = QSpinBox()
        self.batch.setRange(0, 1_000_000)
        self.batch_label = QLabel()
        form.addRow(self.batch_label, self.batch)
        layout.addLayout(form)
        self.retranslate()

        self._loading = False
        self.picker.currentIndexChanged.connect(self._surface_picked)
        self.expression.editingFinished.connect(self._expression_edited)
        for box in (self.start_x, self.start_y, self.noise):
            box.valueChanged.connect(self._edited)
        for box in (self.steps, self.seed, self.batch):
            box.valueChanged.connect(self._edited)
        self._build_params(self.picker.currentData(), {})

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        self.setTitle(self.tr("Surface"))
        for i in range(self.picker.count()):
            name = self.picker.itemData(i)
            title = (
                self.tr("Custom expression…")
                if name == CUSTOM
                else engine_text("Surfaces", SURFACES[name].display_name)
            )
            self.picker.setItemText(i, title)
        self.expression.setPlaceholderText(self.tr("e.g. sin(x)*cos(y) + 0.1*x**2"))
        self.expression.setToolTip(
            self.tr(
                "An expression in x and y: numbers, + − * / **, and functions such as "
                "sin, cos, exp, log, sqrt, abs, tanh"
            )
        )
        self.start_label.setText(self.tr("start (x, y)"))
        self.steps_label.setText(self.tr("steps"))
        self.noise_label.setText(self.tr("noise σ"))
        self.noise.setToolTip(self.tr("σ of Gaussian noise added to every gradient (seeded)"))
        self.seed_label.setText(self.tr("seed"))
        self.batch_label.setText(self.tr("batch size"))
        self.batch.setSpecialValueText(self.tr("full batch"))
        self.batch.setToolTip(self.tr("Mini-batch size for data surfaces (full batch: all points)"))
        cls = SURFACES.get(self.picker.currentData())
        if cls is not None:
            self.description.setText(engine_text("Surfaces", getattr(cls, "description", "")))
        if self.expression_error.text():
            self._check_expression()

    # --- state --------------------------------------------------------------------------

    def surface_name(self) -> str:
        return self.picker.currentData()

    def surface_spec(self) -> dict[str, Any] | None:
        """The surface part of the experiment, or None while the input is invalid."""
        name = self.surface_name()
        if name == CUSTOM:
            text = self.expression.text().strip()
            if not text or self.expression_error.text():
                return None
            return {"name": CUSTOM, "expression": text}
        spec: dict[str, Any] = {"name": name}
        if self.params_form is not None:
            if not self.params_form.is_valid():
                return None
            params = self.params_form.changed_values()
            if params:
                spec["params"] = params
        return spec

    def start(self) -> tuple[float, float]:
        return (self.start_x.value(), self.start_y.value())

    def set_start(self, x: float, y: float) -> None:
        self._loading = True
        self.start_x.setValue(x)
        self.start_y.setValue(y)
        self._loading = False

    def settings(self) -> dict[str, Any]:
        out: dict[str, Any] = {"steps": self.steps.value(), "seed": self.seed.value()}
        if self.noise.value():
            out["noise"] = {"sigma": self.noise.value()}
        if self.batch.value():
            out["batch_size"] = self.batch.value()
        return out

    def load(
        self,
        surface: dict[str, Any],
        start: tuple[float, float],
        steps: int,
        seed: int,
        noise: float,
        batch_size: int | None,
    ) -> None:
        self._loading = True
        try:
            name = surface.get("name", "quadratic_ravine")
            index = self.picker.findData(name)
            self.picker.setCurrentIndex(max(index, 0))
            if name == CUSTOM:
                self.expression.setText(surface.get("expression", ""))
                self._check_expression()
            self._build_params(name, surface.get("params", {}))
            self.start_x.setValue(start[0])
            self.start_y.setValue(start[1])
            self.steps.setValue(steps)
            self.seed.setValue(seed)
            self.noise.setValue(noise)
            self.batch.setValue(batch_size or 0)
        finally:
            self._loading = False

    # --- reactions ------------------------------------------------------------------------

    def _build_params(self, name: str, values: dict) -> None:
        if self.params_form is not None:
            self.params_form.setParent(None)
            self.params_form.deleteLater()
            self.params_form = None
        cls = SURFACES.get(name)
        is_custom = name == CUSTOM
        self.expression.setVisible(is_custom)
        self.expression_error.setVisible(is_custom)
        if cls is not None:
            self.formula.setText(cls.formula)
            self.description.setText(engine_text("Surfaces", getattr(cls, "description", "")))
        if cls is not None and cls.hyperparameters and not is_custom:
            self.params_form = HyperForm(cls.hyperparameters)
            if values:
                self.params_form.set_values(values)
            self.params_form.changed.connect(self._surface_edited)
            self.params_holder.addWidget(self.params_form)
        is_data = bool(cls is not None and getattr(cls, "n_samples", None) is not None) or (
            name == "linear_regression"
        )
        self.batch.setVisible(is_data)
        self.batch_label.setVisible(is_data)

    def _surface_picked(self) -> None:
        if self._loading:
            return
        name = self.surface_name()
        self._build_params(name, {})
        if name != CUSTOM:
            surface = SURFACES[name]()
            self.set_start(*surface.start)
        self._surface_edited()

    def _check_expression(self) -> bool:
        text = self.expression.text().strip()
        if not text:
            self.expression_error.setText(self.tr("Type an expression in x and y."))
            return False
        try:
            parse_expression(text)
        except ExpressionError as error:
            self.expression_error.setText(error_text(error))
            return False
        self.expression_error.setText("")
        return True

    def _expression_edited(self) -> None:
        if self._check_expression():
            self._surface_edited()

    def _surface_edited(self) -> None:
        if not self._loading:
            self.surface_changed.emit()
            self.changed.emit()

    def _edited(self, *_):
        if not self._loading:
            self.changed.emit()

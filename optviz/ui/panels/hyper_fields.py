"""Editors for single hyperparameters, one class per `Hyper.kind`, used by HyperForm.

Each `Field` reads its widget back as a validated value (or raises ExperimentError) and
shows a value without reporting it as an edit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QSpinBox, QWidget

from optviz.engine.errors import ExperimentError
from optviz.engine.hyper import Hyper
from optviz.ui.i18n import engine_text
from optviz.ui.style import set_themed_style

ERROR_COLOR = "@error"  # style.set_themed_style puts in the theme's error red
# Applied to a form (it cascades to its rows) and to mirror fields placed elsewhere.
INVALID_STYLE = (
    f'QLineEdit[invalid="true"] {{ border: 2px solid {ERROR_COLOR};'
    " border-radius: 3px; padding: 1px; }"
    # A border rule would make a spin box drop its native arrows: red text instead.
    f'QSpinBox[invalid="true"], QCheckBox[invalid="true"], QComboBox[invalid="true"]'
    f" {{ color: {ERROR_COLOR}; }}"
)
LOG_SLIDER_RANGE = (1e-5, 10.0)  # learning rates worth showing on a slider, in decades
LABEL_WIDTH = 130  # forms stacked in one panel line up when labels are short
INT_LIMIT = 2**31 - 1  # QSpinBox holds a C int


def format_number(value: float | int) -> str:
    """Shortest text that reads back as the same number: 0.001, 1e-08, 0.9, 2."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = repr(float(value))
    return text.removesuffix(".0")


def format_value(value: Any) -> str:
    """A value as the experiment file spells it: true, 1e-08, "0.9, 0.999", cos."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | tuple):
        return ", ".join(format_number(v) for v in value)
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def parse_number(text: str, what: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        shown = text.strip()
        if not shown:
            raise ExperimentError.of("{path}: must be a number", path=what) from None
        raise ExperimentError.of(
            "{path}: must be a number, got {value}", path=what, value=repr(shown)
        ) from None


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Flip the `invalid` property that INVALID_STYLE draws as a red border."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def hyper_label(hyper: Hyper) -> str:
    """'β₁, β₂ (betas)': the symbol of the equations panel and the keyword of the file (the
    same in every language, like the keyword arguments of torch.optim; tooltips explain)."""
    if not hyper.symbol or hyper.symbol == hyper.name:
        return hyper.name
    return f"{hyper.symbol} ({hyper.name})"


def hyper_tooltip(hyper: Hyper, default: Any) -> str:
    """The hyperparameter's tooltip (in the installed language), its range and default."""
    low = "(" if hyper.low_open else "["
    high = ")" if hyper.high_open else "]"
    lines = [engine_text("Hyperparameters", hyper.tooltip)] if hyper.tooltip else []
    if hyper.low is not None or hyper.high is not None:
        lo = "−∞" if hyper.low is None else format_number(hyper.low)
        hi = "∞" if hyper.high is None else format_number(hyper.high)
        lines.append(
            QCoreApplication.translate("HyperFields", "range {range}").format(
                range=f"{low}{lo}, {hi}{high}"
            )
        )
    if default is not None:
        value = format_value(default)
        if isinstance(default, bool):  # a check box: said in words, not as JSON's true/false
            if default:
                value = QCoreApplication.translate("HyperFields", "on")
            else:
                value = QCoreApplication.translate("HyperFields", "off")
        text = QCoreApplication.translate("HyperFields", "default {value}")
        lines.append(text.format(value=value))
    return "\n".join(lines)


class Field:
    """One hyperparameter's editor: `read()` gives the validated value or raises."""

    def __init__(self, hyper: Hyper, on_edit: Callable[[], None]):
        self.hyper = hyper
        self.on_edit = on_edit
        self.widget: QWidget
        self.parts: list[QWidget] = []  # what turns red

    def read(self) -> Any:
        raise NotImplementedError

    def show(self, value: Any) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Texts of the editor itself in the installed language (HyperForm sets tooltips)."""

    def mark(self, index: int | None) -> None:
        """Red border on the part at `index` (all parts if None); -1 clears."""
        for i, part in enumerate(self.parts):
            set_invalid(part, index is None or i == index)


class FloatField(Field):
    """A line edit (1e-08 and 0.000123 both type comfortably), optionally with a log slider."""

    def __init__(self, hyper, on_edit, slider: bool):
        super().__init__(hyper, on_edit)
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(72)
        self.edit.textChanged.connect(self._text_changed)
        self.parts = [self.edit]
        self.mirrors: list[QLineEdit] = []
        self.slider = None
        if not slider:
            self.widget = self.edit
            return
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit.setMaximumWidth(96)
        row.addWidget(self.edit)
        from superqt import QDoubleSlider  # not imported for the first frame (issue #3)

        self.slider = QDoubleSlider(Qt.Orientation.Horizontal)
        low, high = LOG_SLIDER_RANGE
        if hyper.high is not None:
            high = min(high, hyper.high)
        self.slider.setRange(math.log10(low), math.log10(high))
        self.slider.valueChanged.connect(self._slider_moved)
        row.addWidget(self.slider, 1)
        self.retranslate()

    def retranslate(self) -> None:
        if self.slider is not None:
            self.slider.setToolTip(
                QCoreApplication.translate("HyperFields", "drag: learning rate on a log scale")
            )

    def read(self):
        if self.hyper.default is None and not self.edit.text().strip():
            return None  # an optional number left empty
        return self.hyper.validate(parse_number(self.edit.text(), self.hyper.name), self.hyper.name)

    def show(self, value):
        with QSignalBlocker(self.edit):
            self.edit.setText("" if value is None else format_number(value))
        self._sync(self.edit.text())

    def add_mirror(self, mirror: QLineEdit | None = None) -> QLineEdit:
        """A new line edit kept in sync with this one, or `mirror` made one: text that
        differs from the field's is taken as the user's edit."""
        if mirror is None:
            mirror = QLineEdit(self.edit.text())
        mirror.setToolTip(self.edit.toolTip())
        set_themed_style(mirror, INVALID_STYLE)
        mirror.textChanged.connect(self._mirror_edited)
        self.mirrors.append(mirror)
        self.parts.append(mirror)
        self._mirror_edited(mirror.text())
        return mirror

    def _mirror_edited(self, text: str) -> None:
        if text != self.edit.text():
            self.edit.setText(text)  # validates through _text_changed

    def _text_changed(self, text: str) -> None:
        self._sync(text)
        self.on_edit()

    def _sync(self, text: str) -> None:
        """Show `text` in the mirrors and move the slider, without echoing back."""
        for mirror in self.mirrors:
            if mirror.text() != text:
                with QSignalBlocker(mirror):
                    mirror.setText(text)
        try:
            value = float(text)
        except ValueError:
            return
        if self.slider is not None and value > 0 and math.isfinite(value):
            with QSignalBlocker(self.slider):
                self.slider.setValue(math.log10(value))

    def _slider_moved(self, position: float) -> None:
        # three significant figures: a drag gives 0.0316, not 0.031622776601683794
        self.edit.setText(format_number(float(f"{10**position:.3g}")))


class PairField(Field):
    def __init__(self, hyper, on_edit):
        super().__init__(hyper, on_edit)
        self.widget = QWidget()
        row = QHBoxLayout(self.widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.parts = [QLineEdit(), QLineEdit()]
        for edit in self.parts:
            edit.setMinimumWidth(56)
            edit.textChanged.connect(on_edit)
            row.addWidget(edit)
        self.retranslate()

    def retranslate(self) -> None:
        symbols = self.hyper.symbol.split(", ")
        self.element_names = (
            symbols
            if len(symbols) == 2
            else [
                QCoreApplication.translate("HyperFields", "first"),
                QCoreApplication.translate("HyperFields", "second"),
            ]
        )

    def read(self):
        numbers = [
            parse_number(e.text(), f"{self.hyper.name}[{i}]") for i, e in enumerate(self.parts)
        ]
        return list(self.hyper.validate(numbers, self.hyper.name))

    def show(self, value):
        for edit, number in zip(self.parts, value, strict=True):
            with QSignalBlocker(edit):
                edit.setText(format_number(number))


class FloatsField(Field):
    def __init__(self, hyper, on_edit):
        super().__init__(hyper, on_edit)
        self.widget = QLineEdit()
        self.widget.textChanged.connect(on_edit)
        self.parts = [self.widget]
        self.retranslate()

    def retranslate(self) -> None:
        self.widget.setPlaceholderText(
            QCoreApplication.translate("HyperFields", "comma-separated numbers")
        )

    def read(self):
        items = [t for t in self.widget.text().replace(";", ",").split(",") if t.strip()]
        numbers = [parse_number(t, f"{self.hyper.name}[{i}]") for i, t in enumerate(items)]
        return list(self.hyper.validate(numbers, self.hyper.name))

    def show(self, value):
        with QSignalBlocker(self.widget):
            self.widget.setText(", ".join(format_number(v) for v in value))

    def mark(self, index):
        set_invalid(self.widget, index != -1)


class IntField(Field):
    """A spin box; a hyperparameter whose default is None gets an "auto" value below `low`.

    The spin box keeps its last valid value while the text is out of range ("0" for a
    minimum of 1); `read` judges the text, so the form can say what is wrong.
    """

    def __init__(self, hyper, on_edit, default):
        super().__init__(hyper, on_edit)
        low = -INT_LIMIT if hyper.low is None else int(hyper.low) + hyper.low_open
        high = INT_LIMIT if hyper.high is None else int(hyper.high) - hyper.high_open
        self.optional = default is None
        self.widget = QSpinBox()
        self.widget.setRange(max(low - self.optional, -INT_LIMIT), high)
        self.retranslate()
        # The line edit reports typing and arrow steps alike (valueChanged misses "0" above).
        self.widget.lineEdit().textChanged.connect(on_edit)
        self.parts = [self.widget]

    def retranslate(self) -> None:
        if self.optional:  # the shown text changes: not an edit
            with QSignalBlocker(self.widget), QSignalBlocker(self.widget.lineEdit()):
                self.widget.setSpecialValueText(QCoreApplication.translate("HyperFields", "auto"))

    def read(self):
        text = self.widget.lineEdit().text().strip()
        if self.optional and text == self.widget.specialValueText():
            return None
        try:
            typed = int(text)
        except ValueError:
            raise ExperimentError.of(
                "{path}: must be a whole number, got {value}",
                path=self.hyper.name,
                value=repr(text),
            ) from None
        if self.optional and typed == self.widget.minimum():
            return None
        return self.hyper.validate(typed, self.hyper.name)

    def show(self, value):
        with QSignalBlocker(self.widget), QSignalBlocker(self.widget.lineEdit()):
            self.widget.setValue(self.widget.minimum() if value is None else int(value))


class BoolField(Field):
    def __init__(self, hyper, on_edit):
        super().__init__(hyper, on_edit)
        self.widget = QCheckBox()
        self.widget.toggled.connect(on_edit)
        self.parts = [self.widget]

    def read(self):
        return self.widget.isChecked()

    def show(self, value):
        with QSignalBlocker(self.widget):
            self.widget.setChecked(bool(value))


class ChoiceField(Field):
    def __init__(self, hyper, on_edit):
        super().__init__(hyper, on_edit)
        self.widget = QComboBox()
        for choice in hyper.choices:
            self.widget.addItem(str(choice), choice)
        self.widget.currentIndexChanged.connect(on_edit)
        self.parts = [self.widget]

    def read(self):
        return self.hyper.validate(self.widget.currentData(), self.hyper.name)

    def show(self, value):
        with QSignalBlocker(self.widget):
            self.widget.setCurrentIndex(max(0, self.widget.findData(value)))


def read_back(hyper: Hyper, value: Any) -> Any:
    """What the field for `hyper` reads after showing `value` (validated, or raises
    ExperimentError): pair and list rows give lists."""
    value = hyper.validate(value, hyper.name)
    return list(value) if hyper.kind in ("pair", "floats") else value


def make_field(hyper: Hyper, on_edit: Callable[..., None], default: Any, slider: bool) -> Field:
    """The editor for a hyperparameter's kind; `on_edit` is called after every user edit."""
    kind = hyper.kind
    if kind == "float":
        return FloatField(hyper, on_edit, slider)
    if kind == "int":
        return IntField(hyper, on_edit, default)
    if kind == "bool":
        return BoolField(hyper, on_edit)
    if kind == "choice":
        return ChoiceField(hyper, on_edit)
    if kind == "pair":
        return PairField(hyper, on_edit)
    if kind == "floats":
        return FloatsField(hyper, on_edit)
    raise AssertionError(f"unknown kind {kind}")

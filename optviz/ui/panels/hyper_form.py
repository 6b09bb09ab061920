"""A form for a tuple of `Hyper`: one row per hyperparameter, validated by `Hyper.validate`.

Invalid entries never reach the engine: `changed` fires only while the whole form is
valid; an invalid row shows a red border and the validation message under it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from optviz.engine.errors import ExperimentError
from optviz.engine.hyper import Hyper
from optviz.ui.i18n import FollowsLanguage, error_text
from optviz.ui.panels.hyper_fields import (
    ERROR_COLOR,
    INVALID_STYLE,
    LABEL_WIDTH,
    Field,
    FloatField,
    PairField,
    hyper_label,
    hyper_tooltip,
    make_field,
)
from optviz.ui.style import set_themed_style

ERROR_STYLE = f"color: {ERROR_COLOR}; font-size: 11px;"

# "sgd.nesterov: ..." or "schedule.values[1]: ...": the last key names the row
_MESSAGE = re.compile(r"^(?:[\w]+\.)*(\w+)(?:\[(\d+)\])?: (.*)$", re.DOTALL)


def split_message(message: str) -> tuple[str, int | None, str]:
    """'betas[1]: must be < 1, got 1' -> ('betas', 1, 'must be < 1, got 1')."""
    match = _MESSAGE.match(message)
    if not match:
        return "", None, message
    key, index, text = match.groups()
    return key, None if index is None else int(index), text


def _same(a: Any, b: Any) -> bool:
    """Equal as the experiment file sees it: [0.9, 0.999] == (0.9, 0.999), 1 == 1.0, 0 != False."""
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return list(a) == list(b)
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    return a == b


class HyperForm(FollowsLanguage, QWidget):
    """Rows for a tuple of `Hyper`, with defaults optionally overridden (alias defaults).

    check: optional cross-field check given all values; it raises ExperimentError naming the
    key (e.g. "sgd.nesterov: requires momentum > 0"), shown under that row.
    sliders: names that get a log-scale slider; None means every log-scale float whose
    lower bound is open at 0 (the learning rates).
    """

    changed = Signal()  # a value changed and the whole form is valid
    validity_changed = Signal(bool)

    def __init__(
        self,
        hypers: Iterable[Hyper],
        defaults: Mapping[str, Any] | None = None,
        *,
        check: Callable[[dict[str, Any]], Any] | None = None,
        sliders: Iterable[str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.hypers = tuple(hypers)
        self._defaults = {h.name: (defaults or {}).get(h.name, h.default) for h in self.hypers}
        self._check = check
        if sliders is None:
            sliders = [h.name for h in self.hypers if h.kind == "float" and h.log and h.low_open]
        self._explicit: set[str] = set()
        self._errors: dict[str, str] = {}
        self._fields: dict[str, Field] = {}
        self._error_labels: dict[str, QLabel] = {}
        self._labels: dict[str, QLabel] = {}
        set_themed_style(self, INVALID_STYLE)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, LABEL_WIDTH)
        for i, hyper in enumerate(self.hypers):
            field = self._make_field(hyper, hyper.name in sliders)
            label = QLabel(hyper_label(hyper))
            error = QLabel()
            error.setWordWrap(True)
            set_themed_style(error, ERROR_STYLE)
            error.hide()
            grid.addWidget(label, 2 * i, 0)
            grid.addWidget(field.widget, 2 * i, 1)
            grid.addWidget(error, 2 * i + 1, 0, 1, 2)
            self._fields[hyper.name] = field
            self._labels[hyper.name] = label
            self._error_labels[hyper.name] = error
        self._general_error = QLabel()
        self._general_error.setWordWrap(True)
        set_themed_style(self._general_error, ERROR_STYLE)
        self._general_error.hide()
        grid.addWidget(self._general_error, 2 * len(self.hypers), 0, 1, 2)
        for name, field in self._fields.items():
            field.show(self._defaults[name])
        self._set_tooltips()
        self._validate()

    def _set_tooltips(self) -> None:
        for hyper in self.hypers:
            field = self._fields[hyper.name]
            tooltip = hyper_tooltip(hyper, self._defaults[hyper.name])
            for widget in (self._labels[hyper.name], field.widget, *field.parts):
                widget.setToolTip(tooltip)

    def retranslate(self) -> None:
        """Tooltips, field texts and validation messages in the installed language (run on
        every LanguageChange)."""
        for field in self._fields.values():
            field.retranslate()
        self._set_tooltips()
        self._validate()

    def _make_field(self, hyper: Hyper, slider: bool) -> Field:
        def on_edit(*_):
            self._edited(hyper.name)

        return make_field(hyper, on_edit, self._defaults[hyper.name], slider)

    # --- public API -----------------------------------------------------------------------

    def defaults(self) -> dict[str, Any]:
        return dict(self._defaults)

    def values(self) -> dict[str, Any]:
        """Every value (defaults filled in); raises ExperimentError if a row is invalid."""
        values, errors = self._read()
        if errors:
            error = next(iter(errors.values()))
            key, index, _text = split_message(str(error))
            where = key if index is None else f"{key}[{index}]"  # "sgd.nesterov" → "nesterov"
            raise error.with_path(where) if where and "path" in error.fields else error
        return values

    def changed_values(self) -> dict[str, Any]:
        """Only the values that differ from the defaults."""
        return {k: v for k, v in self.values().items() if not _same(v, self._defaults[k])}

    def explicit_values(self) -> dict[str, Any]:
        """Non-default values plus those given by `set_values` or edited (a file round-trips)."""
        return {
            k: v
            for k, v in self.values().items()
            if k in self._explicit or not _same(v, self._defaults[k])
        }

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Show these values (unknown keys are ignored); does not emit `changed`."""
        for name, value in values.items():
            if name in self._fields:
                self._fields[name].show(value)
                self._explicit.add(name)
        self._validate()

    def reset(self) -> None:
        """Back to the defaults, nothing explicit; does not emit `changed`."""
        self._explicit.clear()
        for name, field in self._fields.items():
            field.show(self._defaults[name])
        self._validate()

    def is_valid(self) -> bool:
        return not self._errors

    def errors(self) -> dict[str, str]:
        """Row name → message ("" for a cross-field message that names no row)."""
        return dict(self._errors)

    def field(self, name: str) -> QWidget:
        """The editor widget of a row (for tests and for focus)."""
        return self._fields[name].widget

    def mirror_field(self, name: str, edit: QLineEdit | None = None) -> QLineEdit:
        """A second line edit for a float row, kept in sync (the lr in a card's header);
        `edit` adopts an existing one, and text typed into it counts as an edit."""
        field = self._fields[name]
        if not isinstance(field, FloatField):
            raise TypeError(f"{name} is not a float row")
        return field.add_mirror(edit)

    # --- validation -----------------------------------------------------------------------

    def _read(self) -> tuple[dict[str, Any], dict[str, ExperimentError]]:
        values: dict[str, Any] = {}
        errors: dict[str, ExperimentError] = {}
        for name, field in self._fields.items():
            try:
                values[name] = field.read()
            except ExperimentError as error:
                errors[name] = error
        if not errors and self._check is not None:
            try:
                self._check(dict(values))
            except ExperimentError as error:
                errors[split_message(str(error))[0]] = error
        return values, errors

    def _edited(self, name: str) -> None:
        self._explicit.add(name)
        if self._validate():
            self.changed.emit()

    def _validate(self) -> bool:
        was_valid = not self._errors
        _, raw_errors = self._read()
        self._errors = {}
        for field in self._fields.values():
            field.mark(-1)
        for label in self._error_labels.values():
            label.hide()
        self._general_error.hide()
        for error in raw_errors.values():
            key, index, _english = split_message(str(error))
            # A translation keeps the message's "{path}: " (a test checks): the same split.
            text = split_message(error_text(error))[2]
            if key not in self._fields:
                self._errors[""] = text
                self._general_error.setText(text)
                self._general_error.show()
                continue
            field = self._fields[key]
            if index is not None and isinstance(field, PairField):
                text = f"{field.element_names[index]}: {text}"
            self._errors[key] = text
            field.mark(index if isinstance(field, PairField) else None)
            self._error_labels[key].setText(text)
            self._error_labels[key].show()
        if was_valid != (not self._errors):
            self.validity_changed.emit(not self._errors)
        return not self._errors

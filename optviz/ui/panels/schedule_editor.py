"""Pick a learning-rate schedule, edit its hyperparameters and warm-up, see its curve."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from optviz.engine.errors import ExperimentError
from optviz.engine.schedules import SCHEDULES, WARMUP_HYPERPARAMETERS, make_schedule
from optviz.ui.i18n import FollowsLanguage, engine_text, error_text
from optviz.ui.panels.hyper_form import HyperForm
from optviz.ui.style import OKABE_ITO, set_themed_style

PREVIEW_HEIGHT = 60
PREVIEW_POINTS = 1000  # evaluating this many steps on the GUI thread is instant
WARMUP_KEYS = tuple(h.name for h in WARMUP_HYPERPARAMETERS)


def preview_curve(spec: dict[str, Any] | None, base_lr: float, steps: int) -> tuple:
    """(steps, learning rates) of a schedule, at most PREVIEW_POINTS of them."""
    schedule = make_schedule(spec, base_lr)
    if steps <= PREVIEW_POINTS:
        return np.arange(steps), np.asarray(schedule.values(steps), dtype=float)
    # A long run: sample lr_at on a grid rather than walk every step.
    at = np.unique(np.linspace(0, steps - 1, PREVIEW_POINTS).round().astype(int))
    return at, np.array([float(np.asarray(schedule.lr_at(int(t)))) for t in at])


def framework_names(name: str) -> str:
    """'torch: CosineAnnealingLR · keras: CosineDecay' for a schedule name."""
    cls = SCHEDULES[name]
    if name == "constant":
        return QCoreApplication.translate("ScheduleEditor", "torch, keras: no scheduler")
    torch_name = cls.torch_name or "—"
    keras_name = cls.keras_name or "—"
    return f"torch: {torch_name} · keras: {keras_name}"


class ScheduleEditor(FollowsLanguage, QWidget):
    """Schedule combo, its HyperForm, warm-up, a 60 px preview and the framework names.

    `spec()` is the last valid schedule spec (None: constant without warm-up); `changed`
    fires when it changes through the UI, never while an entry is invalid.
    """

    changed = Signal()
    validity_changed = Signal(bool)

    def __init__(self, base_lr: float = 0.01, steps: int = 100, parent: QWidget | None = None):
        super().__init__(parent)
        self._base_lr = base_lr
        self._steps = steps
        self._spec: dict[str, Any] | None = None
        self._valid = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        self.combo = QComboBox()
        for name in SCHEDULES:
            self.combo.addItem("", name)  # texts: retranslate()
        self.combo.currentIndexChanged.connect(self._schedule_chosen)
        layout.addWidget(self.combo)

        self.names_label = QLabel()
        set_themed_style(self.names_label, "color: palette(placeholder-text);")
        self.names_label.setWordWrap(True)
        layout.addWidget(self.names_label)

        self._form_slot = QVBoxLayout()
        self._form_slot.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._form_slot)
        self.form = self._new_form("constant")

        self.warmup_form = HyperForm(WARMUP_HYPERPARAMETERS)
        self.warmup_form.changed.connect(self._edited)
        self.warmup_form.validity_changed.connect(self._update_validity)
        layout.addWidget(self.warmup_form)

        self.preview = pg.PlotWidget(background=None, enableMenu=False)
        self.preview.setFixedHeight(PREVIEW_HEIGHT)
        self.preview.hideAxis("left")
        self.preview.hideAxis("bottom")
        self.preview.hideButtons()
        self.preview.setMouseEnabled(False, False)
        self.preview.getViewBox().setBorder(pg.mkPen("#BBBBBB", width=1))
        self._pen = pg.mkPen(OKABE_ITO[4], width=2)
        self.curve = self.preview.plot(pen=self._pen, antialias=True)
        layout.addWidget(self.preview)
        self.caption = QLabel()
        set_themed_style(self.caption, "color: palette(placeholder-text);")
        layout.addWidget(self.caption)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        for i in range(self.combo.count()):
            cls = SCHEDULES[self.combo.itemData(i)]
            self.combo.setItemText(i, engine_text("Schedules", cls.display_name))
            formula = engine_text("Schedules", cls.formula)
            self.combo.setItemData(i, formula, Qt.ItemDataRole.ToolTipRole)
        self._show_names()
        self._refresh()

    # --- public API -----------------------------------------------------------------------

    def spec(self) -> dict[str, Any] | None:
        """The last valid schedule spec for the experiment JSON; None: constant, no warm-up."""
        return None if self._spec is None else dict(self._spec)

    def set_spec(self, spec: dict[str, Any] | None) -> None:
        """Show a spec (from an experiment); does not emit `changed`."""
        spec = dict(spec or {})
        name = spec.pop("name", "constant")
        if name not in SCHEDULES:
            raise ExperimentError.of(
                "{path}: unknown schedule {name}", path="schedule.name", name=repr(name)
            )
        warmup = {k: spec.pop(k) for k in WARMUP_KEYS if k in spec}
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(self.combo.findData(name))
        self._replace_form(name)
        self.form.set_values(spec)
        self.warmup_form.reset()
        self.warmup_form.set_values(warmup)
        self._refresh()

    def set_base_lr(self, base_lr: float) -> None:
        self._base_lr = float(base_lr)
        self._refresh()

    def set_steps(self, steps: int) -> None:
        self._steps = int(steps)
        self._refresh()

    def set_color(self, color: str) -> None:
        """Draw the preview in the optimizer's colour."""
        self._pen = pg.mkPen(QColor(color), width=2)
        self.curve.setPen(self._pen)

    def is_valid(self) -> bool:
        return self._valid

    def errors(self) -> dict[str, str]:
        return {**self.form.errors(), **self.warmup_form.errors()}

    def check(self) -> None:
        """Raise the ExperimentError of the first invalid field ("T_max: …"), if any."""
        self.form.values()
        self.warmup_form.values()

    def name(self) -> str:
        return self.combo.currentData()

    # --- internals ------------------------------------------------------------------------

    def _new_form(self, name: str) -> HyperForm:
        def check(values: dict[str, Any]) -> None:
            make_schedule({"name": name, **values}, self._base_lr)

        hypers = tuple(h for h in SCHEDULES[name].hyperparameters if h.name not in WARMUP_KEYS)
        form = HyperForm(hypers, check=check)
        form.changed.connect(self._edited)
        form.validity_changed.connect(self._update_validity)
        self._form_slot.addWidget(form)
        form.setVisible(bool(hypers))  # after parenting: a parentless widget shown is a window
        return form

    def _replace_form(self, name: str) -> None:
        self.form.hide()
        self.form.deleteLater()
        self.form = self._new_form(name)
        self._show_names()

    def _schedule_chosen(self) -> None:
        name = self.combo.currentData()
        self._replace_form(name)
        # A schedule picked by hand is written out in full, so the file shows what was seen.
        self.form.set_values(self.form.defaults())
        self._edited()

    def _show_names(self) -> None:
        name = self.combo.currentData()
        self.names_label.setText(framework_names(name))
        self.names_label.setToolTip(engine_text("Schedules", SCHEDULES[name].formula))

    def _current_spec(self) -> dict[str, Any] | None:
        name = self.combo.currentData()
        params = {k: v for k, v in self.form.explicit_values().items() if v is not None}
        warmup = self.warmup_form.explicit_values()
        if self.warmup_form.values()["warmup_steps"] == 0:
            warmup = {}
        if name == "constant" and not warmup and not params:
            return None
        return {"name": name, **params, **warmup}

    def _update_validity(self, *_: Any) -> None:
        valid = self.form.is_valid() and self.warmup_form.is_valid()
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)

    def _edited(self) -> None:
        before = self._spec
        self._refresh()
        if self._valid and self._spec != before:
            self.changed.emit()

    def _refresh(self) -> None:
        """Re-read the spec if valid and redraw the preview."""
        self._update_validity()
        steps_given = self.warmup_form.is_valid() and self.warmup_form.values()["warmup_steps"]
        self.warmup_form.field("warmup_start_factor").setEnabled(bool(steps_given))
        if not self._valid:
            return
        self._spec = self._current_spec()
        try:
            steps, rates = preview_curve(self._spec, self._base_lr, max(self._steps, 2))
        except ExperimentError as error:  # e.g. a base lr the schedule cannot use
            self.caption.setText(error_text(error))
            return
        self.curve.setData(steps, rates)
        top = float(np.nanmax(rates)) if rates.size else 1.0
        self.preview.setYRange(0, top if top > 0 else 1.0, padding=0.15)
        self.preview.setXRange(0, max(self._steps - 1, 1), padding=0.02)
        peak = ""
        if top > max(rates[0], rates[-1]) * 1.0001:
            peak = self.tr(" (peak {peak})").format(peak=f"{top:.3g}")
        caption = self.tr("η {first} → {last}{peak} over {steps} steps")
        self.caption.setText(
            caption.format(
                first=f"{rates[0]:.3g}", last=f"{rates[-1]:.3g}", peak=peak, steps=self._steps
            )
        )

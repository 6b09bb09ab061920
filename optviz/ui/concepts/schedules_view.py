"""The schedule gallery: every learning-rate schedule over N steps, several overlaid, each
with its own live parameters, and a button that hands one to the selected optimizer."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from optviz.engine import concepts
from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import Experiment
from optviz.engine.hyper import Hyper
from optviz.engine.schedules import SCHEDULES
from optviz.ui import style
from optviz.ui.concepts import common
from optviz.ui.i18n import engine_text, error_text
from optviz.ui.panels.hyper_form import HyperForm
from optviz.ui.panels.schedule_editor import ScheduleEditor, framework_names

LR_TIP = QT_TRANSLATE_NOOP("Hyperparameters", "the optimizer's lr")
STEPS_TIP = QT_TRANSLATE_NOOP("Hyperparameters", "steps shown")
SETTINGS = (
    Hyper("lr", 0.05, low=0, low_open=True, log=True, symbol="η₀", tooltip=LR_TIP),
    Hyper("steps", 200, kind="int", low=2, high=100_000, symbol="N", tooltip=STEPS_TIP),
)
SHOWN_AT_START = ("step", "exponential", "cosine", "cosine_warm_restarts", "cyclic", "one_cycle")
# Gallery defaults where the schedule's own would show nothing: with η₀ = 0.05, CLR climbs
# to 0.1 and back (its default max_lr 0.1 is absolute).
FIRST_SPECS = {"cyclic": {"name": "cyclic", "max_lr": 0.1, "step_size_up": 25}}
COLORS = style.OKABE_ITO[:7]  # yellow is too faint on white for a thin curve


def curve_style(order: int) -> tuple[str, Qt.PenStyle]:
    """Colour and dash of the order-th curve shown: seven colours, then dashed again."""
    dash = Qt.PenStyle.DashLine if order >= len(COLORS) else Qt.PenStyle.SolidLine
    return COLORS[order % len(COLORS)], dash


def shown_name(name: str) -> str:
    """The schedule's display name in the installed language."""
    return engine_text("Schedules", SCHEDULES[name].display_name)


def shown_formula(name: str) -> str:
    """The schedule's formula in the installed language (some have words in them)."""
    return engine_text("Schedules", SCHEDULES[name].formula)


def _swatch(color: str | None) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color) if color else QColor(0, 0, 0, 0))
    return QIcon(pixmap)


class SchedulesView(common.FollowsLanguage, QWidget):
    """Signal `apply_schedule(spec)`: the selected schedule's experiment spec, e.g.
    {"name": "cosine", "T_max": 200}, for the optimizer selected in the main window."""

    apply_schedule = Signal(dict)
    export_name = "schedules"  # optviz export --view schedules

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.specs: dict[str, dict[str, Any]] = {
            name: dict(FIRST_SPECS.get(name, {"name": name})) for name in SCHEDULES
        }
        self.names = list(SCHEDULES)
        controls = self._controls()
        self.plot = pg.PlotWidget(background="w")
        common.style_plot(self.plot)
        self.legend = common.legend(self.plot)
        self.curves = [self.plot.plot() for _ in self.names]
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.formula.setTextFormat(Qt.TextFormat.RichText)
        self.formula.setStyleSheet("font-size: 12pt;")
        common.plot_column(self, controls, self.plot, self.formula, controls_width=360)
        self.figure = self.plot  # what an export draws
        self.list.setCurrentRow(self.names.index("cosine"))
        self.retranslate()

    def _controls(self) -> QWidget:
        panel, column = common.controls_column()
        self.settings = HyperForm(SETTINGS)
        self.settings.changed.connect(self._settings_changed)
        column.addWidget(self.settings)
        self.list = QListWidget()
        for name in self.names:
            item = QListWidgetItem()  # texts: retranslate()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            shown = name in SHOWN_AT_START
            item.setCheckState(Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setMinimumHeight(150)
        self.list.itemChanged.connect(lambda _item: self.redraw())
        self.list.currentRowChanged.connect(self._selected)
        column.addWidget(self.list, 1)
        self.editor_box = QGroupBox()
        inner = QVBoxLayout(self.editor_box)
        self.editor = ScheduleEditor(base_lr=0.05, steps=200)
        self.editor.preview.hide()  # the big plot shows it
        self.editor.caption.hide()
        self.editor.changed.connect(self._edited)
        inner.addWidget(self.editor)
        column.addWidget(self.editor_box)
        self.log_box = QCheckBox()
        self.log_box.toggled.connect(lambda on: self.plot.getPlotItem().setLogMode(y=on))
        column.addWidget(self.log_box)
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self._apply)
        column.addWidget(self.apply_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        style.set_themed_style(self.message, "color: @error;")
        column.addWidget(self.message)
        self.export = common.ExportButtons(self)
        column.addWidget(self.export)
        return panel

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange), the curves'
        title, legend and problems included."""
        common.label_plot(self.plot, self.tr("step t (updates taken)"), self.tr("learning rate ηₜ"))
        with QSignalBlocker(self.list):
            for k, name in enumerate(self.names):
                item = self.list.item(k)
                item.setText(shown_name(name))
                item.setToolTip(f"{shown_formula(name)}\n{framework_names(name)}")
        self.editor_box.setTitle(self.tr("Parameters of the selected schedule"))
        self.log_box.setText(self.tr("logarithmic η axis"))
        self.apply_button.setText(self.tr("Apply to selected optimizer"))
        self.apply_button.setToolTip(
            self.tr("use this schedule for the optimizer selected in the list")
        )
        self.redraw()

    # --- state --------------------------------------------------------------------------

    def set_experiment(self, experiment: Experiment) -> None:
        """Show the schedules of the experiment's enabled optimizers over its steps.

        The gallery has one η₀ for all curves: the first scheduled optimizer's lr. Two
        optimizers with schedules of one name show the first one's. Without any schedule
        the gallery stays as it is.
        """
        scheduled = [o for o in experiment.optimizers if o.enabled and o.schedule is not None]
        if not scheduled:
            return
        names: list[str] = []
        for optimizer in scheduled:
            name = optimizer.schedule.get("name", "constant")
            if name not in names:
                names.append(name)
                self.specs[name] = {**optimizer.schedule, "name": name}
        steps = max(experiment.steps, 2)  # a curve needs two points
        self.settings.set_values({"lr": scheduled[0].lr, "steps": steps})
        with QSignalBlocker(self.list):
            self.list.setCurrentRow(self.names.index(names[0]))
        self._selected(self.list.currentRow())
        self._settings_changed()
        self.set_shown(names)

    def selected_name(self) -> str:
        return self.names[max(self.list.currentRow(), 0)]

    def selected_spec(self) -> dict[str, Any]:
        return dict(self.specs[self.selected_name()])

    def shown_names(self) -> list[str]:
        return [
            name
            for k, name in enumerate(self.names)
            if self.list.item(k).checkState() == Qt.CheckState.Checked
        ]

    def set_shown(self, names) -> None:
        with QSignalBlocker(self.list):
            for k, name in enumerate(self.names):
                on = name in names
                self.list.item(k).setCheckState(
                    Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
                )
        self.redraw()

    def base_lr_and_steps(self) -> tuple[float, int]:
        values = self.settings.values()
        return values["lr"], values["steps"]

    def curves_shown(self) -> dict[str, np.ndarray]:
        """Schedule name → learning rates of steps 0 … N − 1, for the ticked schedules."""
        base_lr, steps = self.base_lr_and_steps()
        out, problems = {}, []
        for name in self.shown_names():
            try:
                out[name] = concepts.schedule_curve(self.specs[name], base_lr, steps)
            except ExperimentError as error:
                problems.append(f"{shown_name(name)}: {error_text(error)}")
        self.message.setText("\n".join(problems))
        return out

    # --- reactions ----------------------------------------------------------------------

    def _selected(self, row: int) -> None:
        if row < 0:
            return
        self.editor.set_spec(self.specs[self.names[row]])
        self._show_formula()

    def _edited(self) -> None:
        name = self.editor.name()
        self.specs[name] = self.editor.spec() or {"name": "constant"}
        row = self.names.index(name)
        if row != self.list.currentRow():  # picked another schedule in the editor's combo
            with QSignalBlocker(self.list):
                self.list.setCurrentRow(row)
        with QSignalBlocker(self.list):
            self.list.item(row).setCheckState(Qt.CheckState.Checked)
        self._show_formula()
        self.redraw()

    def _settings_changed(self) -> None:
        base_lr, steps = self.base_lr_and_steps()
        self.editor.set_base_lr(base_lr)
        self.editor.set_steps(steps)
        self.redraw()

    def _apply(self) -> None:
        self.apply_schedule.emit(self.selected_spec())

    def _show_formula(self) -> None:
        name = self.selected_name()
        self.formula.setText(
            f"<b>{shown_name(name)}</b>: {shown_formula(name)}<br>"
            f"<span style='color:#555'>{framework_names(name)}</span>"
        )

    def redraw(self) -> None:
        if not self.settings.is_valid():
            return
        base_lr, steps = self.base_lr_and_steps()
        title = self.tr("From η₀ = {lr} over {steps} steps").format(lr=f"{base_lr:g}", steps=steps)
        common.label_plot(self.plot, title=title)
        curves = self.curves_shown()
        self.legend.clear()
        order = 0
        with QSignalBlocker(self.list):
            for k, name in enumerate(self.names):
                curve, item = self.curves[k], self.list.item(k)
                if name not in curves:
                    curve.setVisible(False)
                    item.setIcon(_swatch(None))
                    continue
                color, dash = curve_style(order)
                order += 1
                curve.setPen(pg.mkPen(color, width=style.LINE_WIDTH, style=dash))
                rates = curves[name]
                curve.setData(np.arange(len(rates)), rates)
                curve.setVisible(True)
                item.setIcon(_swatch(color))
                self.legend.addItem(curve, shown_name(name))
        self._show_formula()

    def csv(self) -> str:
        curves = self.curves_shown()
        _, steps = self.base_lr_and_steps()
        header = ["step", *(SCHEDULES[name].display_name for name in curves)]
        rows = zip(range(steps), *(c.tolist() for c in curves.values()), strict=True)
        return common.csv_text(header, rows)

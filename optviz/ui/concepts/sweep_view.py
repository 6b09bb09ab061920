"""Learning-rate sweep: final loss (or steps to a tolerance) against the learning rate, on
log axes, for several optimizers at once, with the divergence edge marked. Clicking a point
hands that learning rate to the optimizer in the main window."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from optviz.engine import concepts, presets
from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import Experiment
from optviz.engine.hyper import Hyper
from optviz.engine.surfaces import SURFACES, make_surface
from optviz.ui import style
from optviz.ui.concepts import common
from optviz.ui.concepts.helper import BackgroundJob, ComputedView, failure_text
from optviz.ui.i18n import engine_text, error_text
from optviz.ui.panels.hyper_form import HyperForm

# Tooltips in the "Hyperparameters" context, where the form translates every tooltip.
STEPS_TIP = QT_TRANSLATE_NOOP("Hyperparameters", "updates per run")
POINTS_TIP = QT_TRANSLATE_NOOP("Hyperparameters", "learning rates, log-spaced")
METRIC_TIP = QT_TRANSLATE_NOOP(
    "Hyperparameters", "final loss − f*, or the first step with loss − f* ≤ tol"
)
TOL_TIP = QT_TRANSLATE_NOOP("Hyperparameters", "for steps_to_tol")
METRICS = ("final_loss", "steps_to_tol")
SETTINGS = (
    Hyper("steps", 300, kind="int", low=1, high=100_000, tooltip=STEPS_TIP),
    Hyper("lr_min", 1e-4, low=0, low_open=True, log=True, symbol="η min"),
    Hyper("lr_max", 10.0, low=0, low_open=True, log=True, symbol="η max"),
    Hyper("points", 100, kind="int", low=2, high=2000, tooltip=POINTS_TIP),
    Hyper("metric", "final_loss", kind="choice", choices=METRICS, tooltip=METRIC_TIP),
    Hyper("tol", 1e-6, low=0, low_open=True, log=True, tooltip=TOL_TIP),
)
LOG_FLOOR = 1e-16  # a run that lands exactly on the minimum still gets a point on log axes


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class SweepView(common.FollowsLanguage, ComputedView):
    """Signal `use_learning_rate(optimizer_index, lr)` when a point is clicked; the index
    is the optimizer's position in the list given to `set_experiment` (default: the six
    classics of the "ravine" preset)."""

    use_learning_rate = Signal(int, float)
    drawn = Signal()  # after a sweep has been drawn (tests wait for it)
    export_name = "sweep"  # optviz export --view sweep

    def __init__(self, job: BackgroundJob, parent: QWidget | None = None):
        super().__init__(job, delay_ms=250, parent=parent)
        self.sweep: concepts.LRSweep | None = None
        self._requested: list[int] = []  # list indices of the optimizers in the request
        self._shown: list[int] = []
        self.entries: list[dict[str, Any]] = []
        self.surface_spec: dict[str, Any] = {}
        self._given_surface: dict[str, Any] = {}
        controls = self._controls()
        self.plot = pg.PlotWidget(background="w")
        common.style_plot(self.plot)
        self.plot.getPlotItem().setLogMode(x=True, y=True)
        # Below the plot, three names a row: inside it, no corner stays free of curves. Where
        # each optimizer starts to diverge is said in the caption (and dashed on the plot).
        self.legend = pg.LegendItem(labelTextSize="11pt", colCount=3)
        self.plot.getPlotItem().layout.addItem(self.legend, 4, 1)
        self.curves: list[pg.PlotDataItem] = []
        self.edges: list[pg.InfiniteLine] = []
        self.status = common.Caption()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 12pt;")
        self.status.say(self._click_hint)
        # Where runs diverge, under the plot and part of an exported figure (the legend
        # below the plot has only the names).
        self.edges_caption = common.Caption()
        self.edges_caption.setWordWrap(True)
        self.edges_caption.setStyleSheet("font-size: 12pt; background: white; padding: 2px;")
        self.figure = QWidget()  # what an export draws
        figure_layout = QVBoxLayout(self.figure)
        figure_layout.setContentsMargins(0, 0, 0, 0)
        figure_layout.setSpacing(0)
        figure_layout.addWidget(self.plot, 1)
        figure_layout.addWidget(self.edges_caption)
        common.plot_column(self, controls, self.figure, self.status)
        self.set_experiment(presets.preset("ravine"))
        self.retranslate()

    def _controls(self) -> QWidget:
        panel, column = common.controls_column()
        self.where_box = QGroupBox()  # texts: retranslate()
        form = QFormLayout(self.where_box)
        self.surface_combo = QComboBox()
        for name in SURFACES:
            self.surface_combo.addItem(common.surface_title(name), name)
        self.surface_combo.currentIndexChanged.connect(self._surface_picked)
        form.addRow(self.surface_combo)
        self.start_x, self.start_y = QDoubleSpinBox(), QDoubleSpinBox()
        start_row = QHBoxLayout()
        for box in (self.start_x, self.start_y):
            box.setRange(-1e4, 1e4)
            box.setDecimals(3)
            box.setSingleStep(0.1)
            box.valueChanged.connect(lambda _v: self._debounced())
            start_row.addWidget(box)
        self.start_label = QLabel()
        form.addRow(self.start_label, start_row)
        column.addWidget(self.where_box)
        self.settings = HyperForm(SETTINGS)
        self.settings.changed.connect(self._debounced)
        column.addWidget(self.settings)
        self.list = QListWidget()
        self.list.setMinimumHeight(120)
        self.list.itemChanged.connect(lambda _item: self._debounced())
        self.list_label = QLabel()
        column.addWidget(self.list_label)
        column.addWidget(self.list, 1)
        self.busy_label = QLabel()
        self.busy_label.setStyleSheet("color: palette(placeholder-text);")
        column.addWidget(self.busy_label)
        self.export = common.ExportButtons(self)
        column.addWidget(self.export)
        return panel

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange), the labels of
        the sweep shown included."""
        self.where_box.setTitle(self.tr("Surface and start"))
        for i in range(self.surface_combo.count()):
            self.surface_combo.setItemText(i, common.surface_title(self.surface_combo.itemData(i)))
        self.start_label.setText(self.tr("start x, y"))
        self.list_label.setText(self.tr("Optimizers (their other settings as in the race):"))
        with QSignalBlocker(self.list):
            for k, entry in enumerate(self.entries):
                self.list.item(k).setText(engine_text("Optimizers", entry["label"]))
        self._busy(self.job.busy)
        self._label_sweep()

    # --- input ----------------------------------------------------------------------------

    def set_experiment(self, experiment: Experiment) -> None:
        """Sweep this experiment's surface, first start, steps and optimizers."""
        surface = make_surface(experiment.surface)
        start = experiment.starts[0] if experiment.starts else surface.start
        self.surface_spec = dict(experiment.surface)
        self._given_surface = dict(experiment.surface)  # its parameters, kept for the combo
        self.entries = []
        for k, spec in enumerate(experiment.optimizers):
            entry = spec.to_dict()
            entry.setdefault("color", style.color_for(k))
            entry.setdefault("label", spec.display_label)
            self.entries.append(entry)
        with QSignalBlocker(self.surface_combo):
            if self.surface_combo.findData(surface.name) < 0:  # a custom expression
                self.surface_combo.addItem(common.surface_title(surface.name), surface.name)
            self.surface_combo.setCurrentIndex(self.surface_combo.findData(surface.name))
        self._set_start(start)
        self.settings.set_values({"steps": experiment.steps})
        with QSignalBlocker(self.list):
            self.list.clear()
            for entry in self.entries:
                label = engine_text("Optimizers", entry["label"])  # "Momentum": the name shown
                item = QListWidgetItem(_swatch(entry["color"]), label)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                on = entry.get("enabled", True)
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                self.list.addItem(item)
        self._debounced()

    def _set_start(self, start) -> None:
        for box, value in zip((self.start_x, self.start_y), start, strict=True):
            with QSignalBlocker(box):
                box.setValue(float(value))

    def _surface_picked(self) -> None:
        name = self.surface_combo.currentData()
        given = self._given_surface
        self.surface_spec = dict(given) if given.get("name") == name else {"name": name}
        self._set_start(make_surface(self.surface_spec).start)
        self._debounced()

    def checked(self) -> list[int]:
        return [
            k
            for k in range(self.list.count())
            if self.list.item(k).checkState() == Qt.CheckState.Checked
        ]

    def document(self) -> dict[str, Any]:
        """The experiment to sweep, as its JSON dict (the lr of each optimizer is swept)."""
        entries = []
        for k in self.checked():
            entry = {key: v for key, v in self.entries[k].items() if key != "enabled"}
            entries.append(entry)
        return {
            "optviz": 1,
            "surface": self.surface_spec,
            "start": [self.start_x.value(), self.start_y.value()],
            "steps": self.settings.values()["steps"],
            "optimizers": entries,
        }

    def learning_rates(self) -> np.ndarray:
        values = self.settings.values()
        return np.logspace(np.log10(values["lr_min"]), np.log10(values["lr_max"]), values["points"])

    def sweep_arguments(self) -> tuple:
        """The arguments of `concepts.lr_sweep` for what the controls show; ExperimentError
        with a sentence for the user when they cannot be swept."""
        values = self.settings.values()  # ExperimentError if a field is invalid
        if not self.checked():
            raise ExperimentError(self.tr("Tick at least one optimizer."))
        if values["lr_min"] >= values["lr_max"]:
            raise ExperimentError(self.tr("η min must be smaller than η max."))
        return self.document(), self.learning_rates(), values["metric"], values["tol"]

    def request(self) -> None:
        if not self.settings.is_valid():
            return  # the form marks the field
        try:
            arguments = self.sweep_arguments()
        except ExperimentError:
            self.status.say(self._arguments_problem)  # said again after a language switch
            return
        self._requested = self.checked()
        self.job.request(concepts.lr_sweep, *arguments)

    def _arguments_problem(self) -> str:
        """Why the controls cannot be swept, in the installed language ("" if they can)."""
        try:
            self.sweep_arguments()
        except ExperimentError as error:
            return error_text(error)
        return ""

    def compute_here(self) -> None:
        arguments = self.sweep_arguments()
        self._requested = self.checked()
        self._show(concepts.lr_sweep(*arguments))

    # --- output ---------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("computing…") if busy else "")

    def _failed(self, error: BaseException) -> None:
        self.status.say(partial(failure_text, error))

    def _show(self, sweep: concepts.LRSweep) -> None:
        self.sweep = sweep
        self._shown = list(self._requested)
        steps_metric = sweep.metric == "steps_to_tol"
        floor_known = np.isfinite(sweep.loss_floor)
        self.plot.getPlotItem().setLogMode(x=True, y=bool(floor_known and not steps_metric))
        while len(self.curves) < len(sweep.labels):
            curve = self.plot.plot(symbol="o", symbolSize=7, connect="finite")
            curve.sigPointsClicked.connect(self._clicked)
            self.curves.append(curve)
            edge = pg.InfiniteLine(angle=90)
            self.plot.addItem(edge)
            self.edges.append(edge)
        for k, curve in enumerate(self.curves):
            visible = k < len(sweep.labels)
            curve.setVisible(visible)
            self.edges[k].setVisible(visible and bool(np.isfinite(sweep.divergence_edge[k])))
            if not visible:
                continue
            color = self.entries[self._shown[k]]["color"]
            curve.setPen(pg.mkPen(color, width=style.LINE_WIDTH))
            curve.setSymbolBrush(pg.mkBrush(color))
            curve.setSymbolPen(pg.mkPen("#222", width=1))
            y = self.shown_values()[k]
            curve.setData(sweep.lrs, y, connect="finite")
            curve.optimizer_row = k
            edge = sweep.divergence_edge[k]
            if np.isfinite(edge):
                self.edges[k].setPen(pg.mkPen(color, width=2.5, style=Qt.PenStyle.DashLine))
                self.edges[k].setValue(np.log10(edge))  # the axis is logarithmic
        self._label_sweep()
        self.edges_caption.say(self._divergence_text)
        self.status.say(self._click_hint)
        self.drawn.emit()

    def _label_sweep(self) -> None:
        """Axis labels, title and legend of the sweep shown, in the installed language."""
        sweep = self.sweep
        if sweep is None:
            common.label_plot(self.plot, self.tr("learning rate η"), self.tr("final loss − f*"))
            return
        if sweep.metric == "steps_to_tol":
            label = self.tr("steps until loss − f* ≤ {tol}").format(tol=f"{sweep.tol:g}")
        elif np.isfinite(sweep.loss_floor):
            label = self.tr("final loss − f*")
        else:
            label = self.tr("final loss")
        common.label_plot(self.plot, self.tr("learning rate η"), label, self._title(sweep))
        self.legend.clear()
        for k, name in enumerate(sweep.labels):
            self.legend.addItem(self.curves[k], engine_text("Optimizers", name))

    def _click_hint(self) -> str:
        return self.tr("Click a point to use that learning rate in the race.")

    def _divergence_text(self) -> str:
        sweep = self.sweep
        edges = [
            self.tr("{optimizer} from η = {lr}").format(
                optimizer=engine_text("Optimizers", name), lr=f"{edge:.3g}"
            )
            for name, edge in zip(sweep.labels, sweep.divergence_edge, strict=True)
            if np.isfinite(edge)
        ]
        if edges:
            text = self.tr("Dashed lines: where runs start to diverge ({edges}).")
            diverged = text.format(edges=self.tr(", ").join(edges))
        else:
            diverged = self.tr("No optimizer diverged at these learning rates.")
        return diverged

    def _title(self, sweep: concepts.LRSweep) -> str:
        """What was swept, so that an exported figure says it: surface, start and steps."""
        surface = make_surface(self.surface_spec)
        name = surface.display_name if surface.name == sweep.surface_name else sweep.surface_name
        x, y = sweep.start
        return self.tr("{surface}<br>from ({x}, {y}), {steps} steps").format(
            surface=engine_text("Surfaces", name), x=f"{x:.3g}", y=f"{y:.3g}", steps=sweep.steps
        )

    def shown_values(self) -> np.ndarray:
        """(k, n): what the curves show (NaN where a run diverged or never arrived)."""
        sweep = self.sweep
        if sweep.metric == "steps_to_tol" or not np.isfinite(sweep.loss_floor):
            return sweep.values
        return np.maximum(sweep.values - sweep.loss_floor, LOG_FLOOR)

    def _clicked(self, curve, points, _event=None) -> None:
        if not len(points):
            return
        # The x axis is logarithmic: the point sits at log10(η); take the nearest swept η.
        x = points[0].pos().x()
        nearest = np.argmin(np.abs(np.log10(self.sweep.lrs) - x))
        self.pick(curve.optimizer_row, float(self.sweep.lrs[nearest]))

    def pick(self, row: int, lr: float) -> None:
        """Send `lr` for the optimizer of sweep row `row` to the race."""
        index, name = self._shown[row], self.sweep.labels[row]
        self.status.say(
            lambda: self.tr("{optimizer}: η = {lr} sent to the optimizer list.").format(
                optimizer=engine_text("Optimizers", name), lr=f"{lr:.4g}"
            )
        )
        self.use_learning_rate.emit(index, lr)

    def csv(self) -> str:
        sweep = self.sweep
        if sweep is None:
            return common.csv_text(["lr"], [])
        header = ["lr"]
        columns = []
        for k, label in enumerate(sweep.labels):
            header += [f"{label} final loss", f"{label} steps to tol", f"{label} diverged at"]
            columns += [sweep.final_loss[k], sweep.steps_to_tol[k], sweep.diverged_at[k]]
        rows = zip(sweep.lrs.tolist(), *(c.tolist() for c in columns), strict=True)
        return common.csv_text(header, rows)

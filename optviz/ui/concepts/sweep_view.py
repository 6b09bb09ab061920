"""Learning-rate sweep: final loss (or steps to a tolerance) against the learning rate, on
log axes, for several optimizers at once, with the divergence edge marked. Clicking a point
hands that learning rate to the optimizer in the main window."""

from __future__ import annotations

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
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from optviz.engine import concepts, presets
from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import Experiment
from optviz.engine.hyper import Hyper
from optviz.engine.surfaces import SURFACES, make_surface
from optviz.ui import style
from optviz.ui.concepts.common import (
    LABEL_STYLE,
    TITLE_SIZE,
    BackgroundJob,
    ExportButtons,
    csv_text,
    legend,
    style_plot,
)
from optviz.ui.i18n import engine_text, error_text
from optviz.ui.panels.hyper_form import HyperForm

# Tooltips in the "Hyperparameters" context, where the form translates every tooltip.
SETTINGS = (
    Hyper(
        "steps",
        300,
        kind="int",
        low=1,
        high=100_000,
        tooltip=QT_TRANSLATE_NOOP("Hyperparameters", "updates per run"),
    ),
    Hyper("lr_min", 1e-4, low=0, low_open=True, log=True, symbol="η min"),
    Hyper("lr_max", 10.0, low=0, low_open=True, log=True, symbol="η max"),
    Hyper(
        "points",
        100,
        kind="int",
        low=2,
        high=2000,
        tooltip=QT_TRANSLATE_NOOP("Hyperparameters", "learning rates, log-spaced"),
    ),
    Hyper(
        "metric",
        "final_loss",
        kind="choice",
        choices=("final_loss", "steps_to_tol"),
        tooltip=QT_TRANSLATE_NOOP(
            "Hyperparameters", "final loss − f*, or the first step with loss − f* ≤ tol"
        ),
    ),
    Hyper(
        "tol",
        1e-6,
        low=0,
        low_open=True,
        log=True,
        tooltip=QT_TRANSLATE_NOOP("Hyperparameters", "for steps_to_tol"),
    ),
)
LOG_FLOOR = 1e-16  # a run that lands exactly on the minimum still gets a point on log axes


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class SweepView(QWidget):
    """Signal `use_learning_rate(optimizer_index, lr)` when a point is clicked; the index
    is the optimizer's position in the list given to `set_experiment` (default: the six
    classics of the "ravine" preset)."""

    use_learning_rate = Signal(int, float)
    drawn = Signal()  # after a sweep has been drawn (tests wait for it)
    export_name = "sweep"  # optviz export --view sweep

    def __init__(self, job: BackgroundJob, parent: QWidget | None = None):
        super().__init__(parent)
        self.job = job
        self.job.finished.connect(self._show)
        self.job.failed.connect(self._failed)
        self.job.busy_changed.connect(self._busy)
        self.sweep: concepts.LRSweep | None = None
        self._requested: list[int] = []  # list indices of the optimizers in the request
        self._shown: list[int] = []
        self.entries: list[dict[str, Any]] = []
        self.surface_spec: dict[str, Any] = {}
        self._given_surface: dict[str, Any] = {}
        self._debounced = qdebounced(self.compute, timeout=250)
        self._stale = True  # settings changed while hidden: compute when shown
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._controls())
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.plot = pg.PlotWidget(background="w")
        style_plot(self.plot, self.tr("learning rate η"), self.tr("final loss − f*"))
        self.figure = self.plot  # what an export draws
        self.plot.getPlotItem().setLogMode(x=True, y=True)
        self.legend = legend(self.plot, offset=(10, -10))
        self.curves: list[pg.PlotDataItem] = []
        self.edges: list[pg.InfiniteLine] = []
        column.addWidget(self.plot, 1)
        self.status = QLabel(self.tr("Click a point to use that learning rate in the race."))
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 12pt;")
        column.addWidget(self.status)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([340, 900])
        QVBoxLayout(self).addWidget(split)
        self.set_experiment(presets.preset("ravine"))

    def _controls(self) -> QWidget:
        panel = QWidget()
        panel.setMinimumWidth(320)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        where = QGroupBox(self.tr("Surface and start"))
        form = QFormLayout(where)
        self.surface_combo = QComboBox()
        for name, cls in SURFACES.items():
            self.surface_combo.addItem(engine_text("Surfaces", cls.display_name), name)
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
        form.addRow(self.tr("start x, y"), start_row)
        column.addWidget(where)
        self.settings = HyperForm(SETTINGS)
        self.settings.changed.connect(self._debounced)
        column.addWidget(self.settings)
        self.list = QListWidget()
        self.list.setMinimumHeight(120)
        self.list.itemChanged.connect(lambda _item: self._debounced())
        column.addWidget(QLabel(self.tr("Optimizers (their other settings as in the race):")))
        column.addWidget(self.list, 1)
        self.busy_label = QLabel()
        self.busy_label.setStyleSheet("color: palette(placeholder-text);")
        column.addWidget(self.busy_label)
        self.export = ExportButtons(self)
        column.addWidget(self.export)
        return panel

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
                self.surface_combo.addItem(
                    engine_text("Surfaces", surface.display_name), surface.name
                )
            self.surface_combo.setCurrentIndex(self.surface_combo.findData(surface.name))
        self._set_start(start)
        self.settings.set_values({"steps": experiment.steps})
        with QSignalBlocker(self.list):
            self.list.clear()
            for entry in self.entries:
                item = QListWidgetItem(_swatch(entry["color"]), entry["label"])
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

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._debounced()

    def sweep_arguments(self) -> tuple:
        """The arguments of `concepts.lr_sweep` for what the controls show; ExperimentError
        with a sentence for the user when they cannot be swept."""
        values = self.settings.values()  # ExperimentError if a field is invalid
        if not self.checked():
            raise ExperimentError(self.tr("Tick at least one optimizer."))
        if values["lr_min"] >= values["lr_max"]:
            raise ExperimentError(self.tr("η min must be smaller than η max."))
        return self.document(), self.learning_rates(), values["metric"], values["tol"]

    def compute(self) -> None:
        """Ask the helper process for a sweep of what the controls show. Only while shown:
        the helper process is not started for a tab nobody looks at."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if not self.settings.is_valid():
            return  # the form marks the field
        try:
            arguments = self.sweep_arguments()
        except ExperimentError as error:
            self.status.setText(error_text(error))
            return
        self._requested = self.checked()
        self.job.request(concepts.lr_sweep, *arguments)

    def compute_now(self) -> None:
        """Sweep in this thread and draw it (`optviz export`): the engine call `compute`
        hands to the helper process, so the same numbers. ExperimentError if it cannot."""
        self._debounced.cancel()  # this sweep replaces one still waiting for its turn
        self._stale = False
        arguments = self.sweep_arguments()
        self._requested = self.checked()
        self._show(concepts.lr_sweep(*arguments))

    # --- output ---------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("computing…") if busy else "")

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _show(self, sweep: concepts.LRSweep) -> None:
        self.sweep = sweep
        self._shown = list(self._requested)
        plot = self.plot.getPlotItem()
        steps_metric = sweep.metric == "steps_to_tol"
        plot.setLogMode(x=True, y=not steps_metric)
        floor_known = np.isfinite(sweep.loss_floor)
        if steps_metric:
            label = self.tr("steps until loss − f* ≤ {tol}").format(tol=f"{sweep.tol:g}")
        elif floor_known:
            label = self.tr("final loss − f*")
        else:
            plot.setLogMode(x=True, y=False)
            label = self.tr("final loss")
        plot.setLabel("left", label, **LABEL_STYLE)
        plot.setTitle(self._title(sweep), size=TITLE_SIZE, color="#222")
        while len(self.curves) < len(sweep.labels):
            curve = self.plot.plot(symbol="o", symbolSize=7, connect="finite")
            curve.sigPointsClicked.connect(self._clicked)
            self.curves.append(curve)
            edge = pg.InfiniteLine(angle=90)
            self.plot.addItem(edge)
            self.edges.append(edge)
        self.legend.clear()
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
            label = sweep.labels[k]
            if np.isfinite(edge):
                self.edges[k].setPen(pg.mkPen(color, width=2.5, style=Qt.PenStyle.DashLine))
                self.edges[k].setValue(np.log10(edge))  # the axis is logarithmic
                label += self.tr("  ✕ diverges from η = {lr}").format(lr=f"{edge:.3g}")
            self.legend.addItem(curve, label)
        dashed = self.tr("Dashed lines: the smallest learning rate that diverged.")
        click = self.tr("Click a point to use that learning rate in the race.")
        self.status.setText(f"{dashed} {click}")
        self.drawn.emit()

    def _title(self, sweep: concepts.LRSweep) -> str:
        """What was swept, so that an exported figure says it: surface, start and steps."""
        surface = make_surface(self.surface_spec)
        name = surface.display_name if surface.name == sweep.surface_name else sweep.surface_name
        x, y = sweep.start
        return self.tr("{surface} from ({x}, {y}), {steps} steps").format(
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
        index = self._shown[row]
        self.status.setText(
            self.tr("{optimizer}: η = {lr} sent to the optimizer list.").format(
                optimizer=self.sweep.labels[row], lr=f"{lr:.4g}"
            )
        )
        self.use_learning_rate.emit(index, lr)

    def csv(self) -> str:
        sweep = self.sweep
        if sweep is None:
            return csv_text(["lr"], [])
        header = ["lr"]
        columns = []
        for k, label in enumerate(sweep.labels):
            header += [f"{label} final loss", f"{label} steps to tol", f"{label} diverged at"]
            columns += [sweep.final_loss[k], sweep.steps_to_tol[k], sweep.diverged_at[k]]
        rows = zip(sweep.lrs.tolist(), *(c.tolist() for c in columns), strict=True)
        return csv_text(header, rows)

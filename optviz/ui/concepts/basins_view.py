"""Basins of attraction: which minimum an optimizer reaches from every start of a grid,
drawn as an image under the contour lines; or how many steps it took, or where it diverged."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from optviz.engine import concepts
from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import Experiment
from optviz.engine.grid import compute_grid
from optviz.engine.hyper import Hyper
from optviz.engine.optimizers import optimizer_class
from optviz.engine.surfaces import SURFACES, make_surface
from optviz.ui.concepts import common
from optviz.ui.concepts.basins_drawing import BY_STEPS, COLOR_BY, basin_colors, basins_csv, key_html
from optviz.ui.concepts.helper import BackgroundJob, ComputedView, failure_text
from optviz.ui.i18n import engine_text
from optviz.ui.panels.hyper_form import HyperForm
from optviz.ui.panels.optimizer_names import display_name, optimizer_names, shown_name

# Tooltips in the "Hyperparameters" context, where the form translates every tooltip.
STEPS_TIP = QT_TRANSLATE_NOOP("Hyperparameters", "updates per start")
GRID_TIP = QT_TRANSLATE_NOOP("Hyperparameters", "starts per side (grid × grid)")
TOL_TIP = QT_TRANSLATE_NOOP(
    "Hyperparameters", "how close to a minimum counts as arriving; empty: 1 % of the view"
)
SETTINGS = (
    Hyper("steps", 500, kind="int", low=1, high=20_000, tooltip=STEPS_TIP),
    Hyper("grid", 200, kind="int", low=2, high=400, tooltip=GRID_TIP),
    Hyper("tol", None, low=0, low_open=True, log=True, tooltip=TOL_TIP),
)
MAX_MINIMA = 8  # beyond this the colours cannot tell basins apart (Rastrigin has 121)
# A first picture that works: learning rates for the view's surfaces, per optimizer.
START_LRS = {"sgd": 0.01, "momentum": 0.002, "nesterov": 0.002, "adagrad": 0.5}
START_LRS |= {"rmsprop": 0.02, "adam": 0.05, "adamw": 0.05, "nadam": 0.05, "radam": 0.05}
CONTOUR_GRID = 256  # samples per side of the grid the contour lines are traced on
CONTOUR_PEN = (30, 30, 30, 120)


def basin_surfaces() -> list[str]:
    """Catalogue surfaces with 1 … MAX_MINIMA known minima."""
    return [n for n, cls in SURFACES.items() if 1 <= len(cls().minima) <= MAX_MINIMA]


class BasinsView(common.FollowsLanguage, ComputedView):
    """The map of one optimizer on one surface, picked here (`set_experiment` picks the
    race's surface and first optimizer instead, for `optviz export --view basins`)."""

    drawn = Signal()  # after a basin map has been drawn (tests wait for it)
    export_name = "basins"  # optviz export --view basins

    def __init__(self, job: BackgroundJob, grid_job: BackgroundJob, parent=None):
        super().__init__(job, delay_ms=300, parent=parent)
        self.grid_job = grid_job
        self.grid_job.finished.connect(self._show_contours)
        self.basin_map: concepts.BasinMap | None = None
        self.cmap = pg.colormap.get("viridis")
        self._contours_of: dict | None = None  # surface whose contours were asked for
        self.surface_spec: dict[str, Any] = {}
        self._given_surface: dict[str, Any] = {}  # from set_experiment, parameters included
        # An optimizer from set_experiment, as given (any flavour, its schedule): mapped
        # until another one is picked or a hyperparameter is edited here.
        self.given_optimizer: dict[str, Any] | None = None
        self._requested_entry: dict[str, Any] = {}
        controls = self._controls()
        self.plot = pg.PlotWidget(background="w")
        common.style_plot(self.plot)
        self.plot.getPlotItem().setAspectLocked(True)
        self.plot.getPlotItem().showGrid(False, False)
        # The map's rectangle stays in view, centred, when the plot is resized (with the
        # aspect locked, a range set once drifts to one side), until the user pans or zooms.
        self._fitted: tuple[float, float, float, float] | None = None
        box = self.plot.getPlotItem().getViewBox()
        box.sigResized.connect(self._fit)
        box.sigRangeChangedManually.connect(self._stop_fitting)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-100)
        self.plot.addItem(self.image)
        self.contours: list[pg.PlotCurveItem] = []
        self.minima = pg.ScatterPlotItem(
            symbol="star", size=24, pen=pg.mkPen("k", width=1.5), brush=pg.mkBrush("w")
        )
        self.minima.setZValue(20)
        self.plot.addItem(self.minima)
        self.start_marker = pg.ScatterPlotItem(
            symbol="x", size=22, pen=pg.mkPen("w", width=1.5), brush=pg.mkBrush("k")
        )
        self.start_marker.setZValue(21)
        self.start_marker.hide()  # shown for an experiment's start (set_experiment)
        self.plot.addItem(self.start_marker)
        self.colorbar = pg.ColorBarItem(
            values=(0, 1), colorMap=self.cmap, interactive=False, width=18
        )
        self.colorbar.getAxis("right").setTickFont(common.TICK_FONT)
        self.plot.getPlotItem().layout.addItem(self.colorbar, 2, 5)  # right of the plot
        self.colorbar.hide()
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.RichText)
        # White and dark like the plot above it, in either theme: together they are the figure.
        self.key.setStyleSheet("font-size: 12pt; color: #222; background: white; padding: 4px;")
        # The key sits under the map like a caption; an export draws the map and its key.
        self.figure = common.plot_column(self, controls, self.plot, self.key, spacing=0)
        self.surface_combo.setCurrentIndex(self.surface_combo.findData("himmelblau"))
        self.optimizer_combo.setCurrentIndex(self.optimizer_combo.findData("adam"))
        self._surface_picked()
        self.retranslate()

    def _controls(self) -> QWidget:
        panel, column = common.controls_column()
        self.choice_box = QGroupBox()  # texts: retranslate()
        form = QFormLayout(self.choice_box)
        self.surface_combo = QComboBox()
        for name in basin_surfaces():
            self.surface_combo.addItem(common.surface_title(name), name)
        self.surface_combo.currentIndexChanged.connect(self._surface_picked)
        self.optimizer_combo = QComboBox()
        for name in optimizer_names("torch"):
            self.optimizer_combo.addItem(shown_name(name, "torch"), name)
        self.optimizer_combo.currentIndexChanged.connect(self._optimizer_picked)
        self.color_combo = QComboBox()
        self.color_combo.addItems(["" for _ in COLOR_BY])  # texts: retranslate()
        self.color_combo.currentIndexChanged.connect(self.redraw)
        self.form_labels = [QLabel() for _ in range(3)]  # texts: retranslate()
        combos = (self.surface_combo, self.optimizer_combo, self.color_combo)
        for label, combo in zip(self.form_labels, combos, strict=True):
            form.addRow(label, combo)
        column.addWidget(self.choice_box)
        self.hyper_box = QGroupBox()
        self.hyper_layout = QVBoxLayout(self.hyper_box)
        self.hyper_form: HyperForm | None = None
        column.addWidget(self.hyper_box)
        self.settings = HyperForm(SETTINGS)
        self.settings.changed.connect(self._debounced)
        self.tol_edit = self.settings.field("tol").findChild(QLineEdit)
        column.addWidget(self.settings)
        column.addStretch(1)
        self.busy_label = common.Caption()
        self.busy_label.setWordWrap(True)
        self.busy_label.setStyleSheet("color: palette(placeholder-text);")
        column.addWidget(self.busy_label)
        self.export = common.ExportButtons(self)
        column.addWidget(self.export)
        return panel

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange), the title
        and key of the map shown included."""
        common.label_plot(self.plot, self.tr("x (start)"), self.tr("y (start)"))
        self.colorbar.getAxis("left").setLabel(self.tr("steps"))
        self.choice_box.setTitle(self.tr("Surface and optimizer"))
        for i in range(self.surface_combo.count()):
            self.surface_combo.setItemText(i, common.surface_title(self.surface_combo.itemData(i)))
        self.surface_combo.setToolTip(
            self.tr("surfaces with at most {count} known minima: one colour per basin").format(
                count=MAX_MINIMA
            )
        )
        for i in range(self.optimizer_combo.count()):
            self.optimizer_combo.setItemText(
                i, shown_name(self.optimizer_combo.itemData(i), "torch")
            )
        for i, text in enumerate(COLOR_BY):
            self.color_combo.setItemText(i, self.tr(text))
        titles = (self.tr("surface"), self.tr("optimizer"), self.tr("colour by"))
        for label, title in zip(self.form_labels, titles, strict=True):
            label.setText(title)
        self.hyper_box.setTitle(self.tr("Hyperparameters"))
        if self.tol_edit is not None:
            self.tol_edit.setPlaceholderText(self.tr("auto"))
        if self.basin_map is not None:
            common.label_plot(self.plot, title=self._title(self.basin_map))
            self.key.setText(self.key_text())

    # --- input ----------------------------------------------------------------------------

    def set_experiment(self, experiment: Experiment) -> None:
        """Map the experiment's surface (its parameters kept) over the experiment's steps
        with its first enabled optimizer as given, and mark the race's start."""
        enabled = [o for o in experiment.optimizers if o.enabled]
        if not enabled:
            raise ExperimentError.of("{path}: enable at least one optimizer", path="optimizers")
        first = enabled[0]
        surface = make_surface(experiment.surface)
        self._given_surface = dict(experiment.surface)
        with QSignalBlocker(self.surface_combo):
            if self.surface_combo.findData(surface.name) < 0:  # not in the list: add it
                self.surface_combo.addItem(common.surface_title(surface.name), surface.name)
            self.surface_combo.setCurrentIndex(self.surface_combo.findData(surface.name))
        if first.flavor == "torch" and self.optimizer_combo.findData(first.name) >= 0:
            with QSignalBlocker(self.optimizer_combo):
                self.optimizer_combo.setCurrentIndex(self.optimizer_combo.findData(first.name))
            self._optimizer_picked()
            self.hyper_form.set_values(first.hyper)  # shown; the map uses them as given
        self.given_optimizer = {
            key: value for key, value in first.to_dict().items() if key not in ("enabled", "color")
        }
        self.given_optimizer.setdefault("label", display_name(first.name, first.flavor))
        self.settings.set_values({"steps": experiment.steps})
        start = experiment.starts[0] if experiment.starts else surface.start
        self.start_marker.setData(pos=[start])
        self.start_marker.show()
        self._surface_picked()

    def optimizer_entry(self) -> dict[str, Any]:
        """The optimizer as an experiment entry: {"name": "adam", "lr": 0.05, …}."""
        if self.given_optimizer is not None:
            return dict(self.given_optimizer)
        name = self.optimizer_combo.currentData()
        entry = {"name": name, **self.hyper_form.changed_values()}
        entry["label"] = display_name(name, "torch")
        return entry

    def _optimizer_picked(self) -> None:
        self.given_optimizer = None
        name = self.optimizer_combo.currentData()
        cls, overrides = optimizer_class(name, "torch")
        if self.hyper_form is not None:
            self.hyper_form.hide()
            self.hyper_form.deleteLater()
        self.hyper_form = HyperForm(cls.hyperparameters, overrides)
        if name in START_LRS:
            self.hyper_form.set_values({cls.lr_key: START_LRS[name]})
        self.hyper_form.changed.connect(self._hyperparameter_edited)
        self.hyper_layout.addWidget(self.hyper_form)
        self._debounced()

    def _hyperparameter_edited(self) -> None:
        self.given_optimizer = None  # the form's values now
        self._debounced()

    def _surface_picked(self) -> None:
        name = self.surface_combo.currentData()
        given = self._given_surface
        self.surface_spec = dict(given) if given.get("name") == name else {"name": name}
        if self.hyper_form is None:
            self._optimizer_picked()
        self._debounced()

    def basins_arguments(self) -> tuple[tuple, dict[str, Any]]:
        """(args, kwargs) of `concepts.basins` for what the controls show; ExperimentError
        if a field is invalid."""
        values = self.settings.values()
        grid = (values["grid"], values["grid"])
        args = (dict(self.surface_spec), self.optimizer_entry(), grid)
        return args, {"steps": values["steps"], "tol": values["tol"]}

    def request(self) -> None:
        """Ask for the map (and the contours of a new surface)."""
        if self.hyper_form is None or not (self.hyper_form.is_valid() and self.settings.is_valid()):
            return
        if self.surface_spec != self._contours_of:
            self._contours_of = dict(self.surface_spec)
            surface = make_surface(self.surface_spec)
            self.grid_job.request(compute_grid, surface, surface.view, CONTOUR_GRID)
        args, kwargs = self.basins_arguments()
        self._requested_entry = args[1]
        self.job.request(concepts.basins, *args, **kwargs)

    def compute_here(self) -> None:
        args, kwargs = self.basins_arguments()
        surface = make_surface(self.surface_spec)
        self._contours_of = dict(self.surface_spec)
        self._show_contours(compute_grid(surface, surface.view, CONTOUR_GRID))
        self._requested_entry = args[1]
        self._show(concepts.basins(*args, **kwargs))

    # --- output ---------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        if busy:
            self.busy_label.say(lambda: self.tr("computing…"))

    def _failed(self, error: BaseException) -> None:
        self.busy_label.say(partial(failure_text, error))

    def _show_contours(self, grid) -> None:
        while len(self.contours) < len(grid.contours):
            curve = pg.PlotCurveItem(pen=pg.mkPen(CONTOUR_PEN, width=1.2), connect="finite")
            curve.setZValue(10)
            self.plot.addItem(curve)
            self.contours.append(curve)
        for k, curve in enumerate(self.contours):
            if k < len(grid.contours) and len(grid.contours[k]):
                points = grid.contours[k]
                curve.setData(points[:, 0], points[:, 1], connect="finite")
                curve.setVisible(True)
            else:
                curve.setVisible(False)

    def _show(self, basin_map: concepts.BasinMap) -> None:
        self.basin_map = basin_map
        self.busy_label.say(self._summary)
        common.label_plot(self.plot, title=self._title(basin_map))
        self._fitted = basin_map.rect
        self._fit()
        self.minima.setData(pos=basin_map.minima)
        self.redraw()
        self.drawn.emit()

    def _fit(self, *_args) -> None:
        if self._fitted is not None:
            xmin, xmax, ymin, ymax = self._fitted
            self.plot.getPlotItem().getViewBox().setRange(
                xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0.02
            )

    def _stop_fitting(self, *_args) -> None:
        self._fitted = None

    def _summary(self) -> str:
        """What the map shown took, in the installed language."""
        found = self.basin_map
        summary = self.tr("{optimizer}: {starts} starts × {steps} steps").format(
            optimizer=engine_text("Optimizers", found.label),
            starts=f"{found.minimum_index.size:,}",
            steps=found.steps,
        )
        arriving = self.tr("arriving = within {tol} of a minimum").format(tol=f"{found.tol:.3g}")
        return f"{summary}; {arriving}"

    def _title(self, basin_map: concepts.BasinMap) -> str:
        """What was mapped, so that an exported figure says it."""
        lr = concepts.optimizer_spec(self._requested_entry).lr
        surface = make_surface(self.surface_spec)
        name = surface.display_name if surface.name == basin_map.surface_name else ""
        ny, nx = basin_map.minimum_index.shape
        title = self.tr("{optimizer} (lr {lr}) on {surface}<br>{nx} × {ny} starts, {steps} steps")
        return title.format(
            optimizer=engine_text("Optimizers", basin_map.label),
            lr=f"{lr:.3g}",
            surface=engine_text("Surfaces", name or basin_map.surface_name),
            nx=nx,
            ny=ny,
            steps=basin_map.steps,
        )

    def colors(self) -> np.ndarray:
        """(ny, nx, 4) RGBA of the map in the chosen colouring."""
        return basin_colors(self.basin_map, self.color_combo.currentIndex(), self.cmap)

    def redraw(self) -> None:
        found = self.basin_map
        if found is None:
            return
        self.image.setImage(self.colors(), autoLevels=False)
        # After setImage: setRect scales by the image's size. Pixel centres on grid points.
        xmin, xmax, ymin, ymax = found.rect
        dx = (xmax - xmin) / (len(found.x) - 1)
        dy = (ymax - ymin) / (len(found.y) - 1)
        self.image.setRect(QRectF(xmin - dx / 2, ymin - dy / 2, xmax - xmin + dx, ymax - ymin + dy))
        by_steps = self.color_combo.currentIndex() == BY_STEPS
        self.colorbar.setVisible(by_steps)
        if by_steps:
            self.colorbar.setLevels((0, max(int(found.steps_to_tol.max()), 1)))
        self.key.setText(self.key_text())

    def key_text(self) -> str:
        mode = self.color_combo.currentIndex()
        return key_html(self.basin_map, mode, self.start_marker.isVisible())

    def csv(self) -> str:
        return basins_csv(self.basin_map)

    def set_surface(self, name: str) -> None:
        with QSignalBlocker(self.surface_combo):
            self.surface_combo.setCurrentIndex(self.surface_combo.findData(name))
        self._surface_picked()

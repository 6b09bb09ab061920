"""Basins of attraction: which minimum an optimizer reaches from every start of a grid,
drawn as an image under the contour lines; or how many steps it took, or where it diverged."""

from __future__ import annotations

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
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from optviz.engine import concepts
from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import Experiment
from optviz.engine.grid import compute_grid
from optviz.engine.hyper import Hyper
from optviz.engine.optimizers import optimizer_class
from optviz.engine.surfaces import SURFACES, make_surface
from optviz.ui import style
from optviz.ui.concepts.common import (
    TICK_FONT,
    TITLE_SIZE,
    BackgroundJob,
    ExportButtons,
    csv_text,
    style_plot,
)
from optviz.ui.i18n import engine_text
from optviz.ui.panels.hyper_form import HyperForm
from optviz.ui.panels.optimizer_card import display_name, optimizer_names

COLOR_BY = (
    QT_TRANSLATE_NOOP("BasinsView", "minimum reached"),
    QT_TRANSLATE_NOOP("BasinsView", "steps to reach it"),
    QT_TRANSLATE_NOOP("BasinsView", "diverged"),
)
# Tooltips in the "Hyperparameters" context, where the form translates every tooltip.
SETTINGS = (
    Hyper(
        "steps",
        500,
        kind="int",
        low=1,
        high=20_000,
        tooltip=QT_TRANSLATE_NOOP("Hyperparameters", "updates per start"),
    ),
    Hyper(
        "grid",
        200,
        kind="int",
        low=2,
        high=400,
        tooltip=QT_TRANSLATE_NOOP("Hyperparameters", "starts per side (grid × grid)"),
    ),
    Hyper(
        "tol",
        None,
        low=0,
        low_open=True,
        log=True,
        tooltip=QT_TRANSLATE_NOOP(
            "Hyperparameters", "how close to a minimum counts as arriving; empty: 1 % of the view"
        ),
    ),
)
MAX_MINIMA = 8  # beyond this the colours cannot tell basins apart (Rastrigin has 121)
# A first picture that works: learning rates for the view's surfaces, per optimizer.
START_LRS = {"sgd": 0.01, "momentum": 0.002, "nesterov": 0.002, "adagrad": 0.5}
START_LRS |= {"rmsprop": 0.02, "adam": 0.05, "adamw": 0.05, "nadam": 0.05, "radam": 0.05}
NOT_REACHED = (225, 225, 225, 255)
DIVERGED = (60, 60, 60, 255)
MINIMUM_COLORS = style.OKABE_ITO[:7]
CONTOUR_PEN = (30, 30, 30, 120)
CONTOUR_GRID = 256  # samples per side of the grid the contour lines are traced on


def _rgba(color: str, alpha: int = 255) -> tuple[int, int, int, int]:
    color = color.lstrip("#")
    return (int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16), alpha)


def basin_surfaces() -> list[str]:
    """Catalogue surfaces with 1 … MAX_MINIMA known minima."""
    return [n for n, cls in SURFACES.items() if 1 <= len(cls().minima) <= MAX_MINIMA]


class BasinsView(QWidget):
    """The map of one optimizer on one surface, picked here (`set_experiment` picks the
    race's surface and first optimizer instead, for `optviz export --view basins`)."""

    drawn = Signal()  # after a basin map has been drawn (tests wait for it)
    export_name = "basins"  # optviz export --view basins

    def __init__(self, job: BackgroundJob, grid_job: BackgroundJob, parent=None):
        super().__init__(parent)
        self.job, self.grid_job = job, grid_job
        self.job.finished.connect(self._show)
        self.job.failed.connect(self._failed)
        self.job.busy_changed.connect(self._busy)
        self.grid_job.finished.connect(self._show_contours)
        self.basin_map: concepts.BasinMap | None = None
        self.cmap = pg.colormap.get("viridis")
        self._debounced = qdebounced(self.compute, timeout=300)
        self._stale = True  # settings changed while hidden: compute when shown
        self._contours_of: dict | None = None  # surface whose contours were asked for
        self.surface_spec: dict[str, Any] = {}
        self._given_surface: dict[str, Any] = {}  # from set_experiment, parameters included
        # An optimizer from set_experiment, as given (any flavour, its schedule): mapped
        # until another one is picked or a hyperparameter is edited here.
        self.given_optimizer: dict[str, Any] | None = None
        self._requested_entry: dict[str, Any] = {}
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._controls())
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)  # the key sits under the map like a caption
        self.plot = pg.PlotWidget(background="w")
        style_plot(self.plot, self.tr("x (start)"), self.tr("y (start)"))
        self.plot.getPlotItem().setAspectLocked(True)
        self.plot.getPlotItem().showGrid(False, False)
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
            values=(0, 1),
            colorMap=self.cmap,
            interactive=False,
            width=18,
            label=self.tr("steps"),
        )
        self.colorbar.getAxis("right").setTickFont(TICK_FONT)
        self.plot.getPlotItem().layout.addItem(self.colorbar, 2, 5)  # right of the plot
        self.colorbar.hide()
        column.addWidget(self.plot, 1)
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.RichText)
        # White and dark like the plot above it, in either theme: together they are the figure.
        self.key.setStyleSheet("font-size: 12pt; color: #222; background: white; padding: 4px;")
        column.addWidget(self.key)
        self.figure = right  # what an export draws: the map and its key
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([340, 900])
        QVBoxLayout(self).addWidget(split)
        self.surface_combo.setCurrentIndex(self.surface_combo.findData("himmelblau"))
        self.optimizer_combo.setCurrentIndex(self.optimizer_combo.findData("adam"))
        self._surface_picked()

    def _controls(self) -> QWidget:
        panel = QWidget()
        panel.setMinimumWidth(320)
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("Surface and optimizer"))
        form = QFormLayout(box)
        self.surface_combo = QComboBox()
        for name in basin_surfaces():
            self.surface_combo.addItem(engine_text("Surfaces", SURFACES[name].display_name), name)
        self.surface_combo.setToolTip(
            self.tr("surfaces with at most {count} known minima: one colour per basin").format(
                count=MAX_MINIMA
            )
        )
        self.surface_combo.currentIndexChanged.connect(self._surface_picked)
        form.addRow(self.tr("surface"), self.surface_combo)
        self.optimizer_combo = QComboBox()
        for name in optimizer_names("torch"):
            self.optimizer_combo.addItem(
                engine_text("Optimizers", display_name(name, "torch")), name
            )
        self.optimizer_combo.currentIndexChanged.connect(self._optimizer_picked)
        form.addRow(self.tr("optimizer"), self.optimizer_combo)
        self.color_combo = QComboBox()
        self.color_combo.addItems([self.tr(text) for text in COLOR_BY])
        self.color_combo.currentIndexChanged.connect(self.redraw)
        form.addRow(self.tr("colour by"), self.color_combo)
        column.addWidget(box)
        self.hyper_box = QGroupBox(self.tr("Hyperparameters"))
        self.hyper_layout = QVBoxLayout(self.hyper_box)
        self.hyper_form: HyperForm | None = None
        column.addWidget(self.hyper_box)
        self.settings = HyperForm(SETTINGS)
        self.settings.changed.connect(self._debounced)
        tol_edit = self.settings.field("tol").findChild(QLineEdit)
        if tol_edit is not None:
            tol_edit.setPlaceholderText(self.tr("auto"))
        column.addWidget(self.settings)
        column.addStretch(1)
        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        self.busy_label.setStyleSheet("color: palette(placeholder-text);")
        column.addWidget(self.busy_label)
        self.export = ExportButtons(self)
        column.addWidget(self.export)
        return panel

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
                shown = engine_text("Surfaces", surface.display_name)
                self.surface_combo.addItem(shown, surface.name)
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

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._debounced()

    def basins_arguments(self) -> tuple[tuple, dict[str, Any]]:
        """(args, kwargs) of `concepts.basins` for what the controls show; ExperimentError
        if a field is invalid."""
        values = self.settings.values()
        grid = (values["grid"], values["grid"])
        args = (dict(self.surface_spec), self.optimizer_entry(), grid)
        return args, {"steps": values["steps"], "tol": values["tol"]}

    def compute(self) -> None:
        """Ask the helper process for the map (and the contours of a new surface). Only
        while shown: the helper process is not started for a tab nobody looks at."""
        if not self.isVisible():
            self._stale = True
            return
        if self.hyper_form is None or not (self.hyper_form.is_valid() and self.settings.is_valid()):
            return
        self._stale = False
        if self.surface_spec != self._contours_of:
            self._contours_of = dict(self.surface_spec)
            surface = make_surface(self.surface_spec)
            self.grid_job.request(compute_grid, surface, surface.view, CONTOUR_GRID)
        args, kwargs = self.basins_arguments()
        self._requested_entry = args[1]
        self.job.request(concepts.basins, *args, **kwargs)

    def compute_now(self) -> None:
        """Map in this thread and draw it (`optviz export`): the engine calls `compute`
        hands to the helper process, so the same numbers. ExperimentError if it cannot."""
        self._debounced.cancel()  # this map replaces one still waiting for its turn
        self._stale = False
        args, kwargs = self.basins_arguments()
        surface = make_surface(self.surface_spec)
        self._contours_of = dict(self.surface_spec)
        self._show_contours(compute_grid(surface, surface.view, CONTOUR_GRID))
        self._requested_entry = args[1]
        self._show(concepts.basins(*args, **kwargs))

    # --- output ---------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        if busy:
            self.busy_label.setText(self.tr("computing…"))

    def _failed(self, message: str) -> None:
        self.busy_label.setText(message)

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
        n = basin_map.minimum_index.size
        summary = self.tr("{optimizer}: {starts} starts × {steps} steps")
        arriving = self.tr("arriving = within {tol} of a minimum")
        self.busy_label.setText(
            summary.format(optimizer=basin_map.label, starts=f"{n:,}", steps=basin_map.steps)
            + "; "
            + arriving.format(tol=f"{basin_map.tol:.3g}")
        )
        self.plot.getPlotItem().setTitle(self._title(basin_map), size=TITLE_SIZE, color="#222")
        xmin, xmax, ymin, ymax = basin_map.rect
        self.plot.getPlotItem().getViewBox().setRange(
            xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0.02
        )
        self.minima.setData(pos=basin_map.minima)
        self.redraw()
        self.drawn.emit()

    def _title(self, basin_map: concepts.BasinMap) -> str:
        """What was mapped, so that an exported figure says it."""
        lr = concepts.optimizer_spec(self._requested_entry).lr
        surface = make_surface(self.surface_spec)
        name = surface.display_name if surface.name == basin_map.surface_name else ""
        ny, nx = basin_map.minimum_index.shape
        title = self.tr("{optimizer} (lr {lr}) on {surface}: {nx} × {ny} starts, {steps} steps")
        return title.format(
            optimizer=basin_map.label,
            lr=f"{lr:.3g}",
            surface=engine_text("Surfaces", name or basin_map.surface_name),
            nx=nx,
            ny=ny,
            steps=basin_map.steps,
        )

    def colors(self) -> np.ndarray:
        """(ny, nx, 4) RGBA of the map in the chosen colouring."""
        found = self.basin_map
        mode = self.color_combo.currentIndex()
        rgba = np.empty(found.minimum_index.shape + (4,), dtype=np.uint8)
        rgba[...] = NOT_REACHED
        if mode == 0:
            for k in range(len(found.minima)):
                rgba[found.minimum_index == k] = _rgba(MINIMUM_COLORS[k % len(MINIMUM_COLORS)])
        elif mode == 1:
            reached = found.steps_to_tol >= 0
            top = max(int(found.steps_to_tol.max()), 1)
            shades = self.cmap.map(found.steps_to_tol[reached] / top, mode="byte")
            rgba[reached] = shades
        else:
            rgba[~found.diverged] = (205, 230, 245, 255)
        rgba[found.diverged] = DIVERGED if mode != 2 else _rgba(style.OKABE_ITO[3])
        return rgba

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
        mode = self.color_combo.currentIndex()
        self.colorbar.setVisible(mode == 1)
        if mode == 1:
            self.colorbar.setLevels((0, max(int(found.steps_to_tol.max()), 1)))
        self.key.setText(self.key_text())

    def key_text(self) -> str:
        found = self.basin_map
        n = found.minimum_index.size
        parts = []
        mode = self.color_combo.currentIndex()
        if mode == 0:
            for k, (mx, my) in enumerate(found.minima):
                share = np.mean(found.minimum_index == k)
                color = MINIMUM_COLORS[k % len(MINIMUM_COLORS)]
                parts.append(_chip(color, f"({mx:.2f}, {my:.2f}): {share:.1%}"))
        elif mode == 1:
            steps = found.steps_to_tol[found.steps_to_tol >= 0]
            if steps.size:
                parts.append(
                    self.tr("steps to arrive: median {median}, 90 % within {p90}").format(
                        median=f"{np.median(steps):.0f}", p90=f"{np.percentile(steps, 90):.0f}"
                    )
                )
        not_reached = np.sum((found.minimum_index < 0) & ~found.diverged) / n
        none = self.tr("no minimum reached: {share}").format(share=f"{not_reached:.1%}")
        parts.append(_chip("#E1E1E1", none))
        diverged_color = style.OKABE_ITO[3] if mode == 2 else "#3C3C3C"
        diverged = self.tr("diverged: {share}").format(share=f"{found.diverged.mean():.1%}")
        parts.append(_chip(diverged_color, diverged))
        if self.start_marker.isVisible():
            start = self.tr("the race's start").replace(" ", "&nbsp;")
            parts.append(f"<b>✕</b>&nbsp;{start}")
        return " &nbsp; ".join(parts)

    def csv(self) -> str:
        found = self.basin_map
        header = ["x", "y", "minimum", "minimum x", "minimum y", "steps to tol", "diverged"]
        header.append("final loss")
        if found is None:
            return csv_text(header, [])
        xs, ys = np.meshgrid(found.x, found.y)
        index = found.minimum_index.ravel()
        target = np.where(index[:, None] >= 0, found.minima[np.maximum(index, 0)], np.nan)
        rows = zip(
            xs.ravel().tolist(),
            ys.ravel().tolist(),
            index.tolist(),
            target[:, 0].tolist(),
            target[:, 1].tolist(),
            found.steps_to_tol.ravel().tolist(),
            found.diverged.ravel().astype(int).tolist(),
            found.final_loss.ravel().tolist(),
            strict=True,
        )
        return csv_text(header, rows)

    def set_surface(self, name: str) -> None:
        with QSignalBlocker(self.surface_combo):
            self.surface_combo.setCurrentIndex(self.surface_combo.findData(name))
        self._surface_picked()


def _chip(color: str, text: str) -> str:
    """A colour square and its meaning, kept on one line."""
    text = text.replace(" ", "&nbsp;")
    return f"<span style='color:{color}; font-size:16pt'>■</span>&nbsp;{text}"

"""Basins of attraction: which minimum an optimizer reaches from every start of a grid,
drawn as an image under the contour lines; or how many steps it took, or where it diverged."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSignalBlocker, Qt, Signal
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
from optviz.engine.grid import compute_grid
from optviz.engine.hyper import Hyper
from optviz.engine.optimizers import optimizer_class
from optviz.engine.surfaces import SURFACES, make_surface
from optviz.ui import style
from optviz.ui.concepts.common import (
    TICK_FONT,
    BackgroundJob,
    ExportButtons,
    csv_text,
    style_plot,
)
from optviz.ui.panels.hyper_form import HyperForm
from optviz.ui.panels.optimizer_card import display_name, optimizer_names

COLOR_BY = ("minimum reached", "steps to reach it", "diverged")
SETTINGS = (
    Hyper("steps", 500, kind="int", low=1, high=20_000, tooltip="updates per start"),
    Hyper("grid", 200, kind="int", low=2, high=400, tooltip="starts per side (grid × grid)"),
    Hyper(
        "tol",
        None,
        low=0,
        low_open=True,
        log=True,
        tooltip="how close to a minimum counts as arriving; empty: 1 % of the view",
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


def _rgba(color: str, alpha: int = 255) -> tuple[int, int, int, int]:
    color = color.lstrip("#")
    return (int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16), alpha)


def basin_surfaces() -> list[str]:
    """Catalogue surfaces with 1 … MAX_MINIMA known minima."""
    return [n for n, cls in SURFACES.items() if 1 <= len(cls().minima) <= MAX_MINIMA]


class BasinsView(QWidget):
    drawn = Signal()  # after a basin map has been drawn (tests wait for it)

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
        self._contours_of: str | None = None  # surface whose contours were asked for
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._controls())
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        self.plot = pg.PlotWidget(background="w")
        style_plot(self.plot, "x (start)", "y (start)")
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
        self.colorbar = pg.ColorBarItem(
            values=(0, 1), colorMap=self.cmap, interactive=False, width=18, label="steps"
        )
        self.colorbar.getAxis("right").setTickFont(TICK_FONT)
        self.plot.getPlotItem().layout.addItem(self.colorbar, 2, 5)  # right of the plot
        self.colorbar.hide()
        column.addWidget(self.plot, 1)
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key.setStyleSheet("font-size: 12pt;")
        column.addWidget(self.key)
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
        box = QGroupBox("Surface and optimizer")
        form = QFormLayout(box)
        self.surface_combo = QComboBox()
        for name in basin_surfaces():
            self.surface_combo.addItem(SURFACES[name].display_name, name)
        self.surface_combo.setToolTip(
            f"surfaces with at most {MAX_MINIMA} known minima: one colour per basin"
        )
        self.surface_combo.currentIndexChanged.connect(self._surface_picked)
        form.addRow("surface", self.surface_combo)
        self.optimizer_combo = QComboBox()
        for name in optimizer_names("torch"):
            self.optimizer_combo.addItem(display_name(name, "torch"), name)
        self.optimizer_combo.currentIndexChanged.connect(self._optimizer_picked)
        form.addRow("optimizer", self.optimizer_combo)
        self.color_combo = QComboBox()
        self.color_combo.addItems(COLOR_BY)
        self.color_combo.currentIndexChanged.connect(self.redraw)
        form.addRow("colour by", self.color_combo)
        column.addWidget(box)
        self.hyper_box = QGroupBox("Hyperparameters")
        self.hyper_layout = QVBoxLayout(self.hyper_box)
        self.hyper_form: HyperForm | None = None
        column.addWidget(self.hyper_box)
        self.settings = HyperForm(SETTINGS)
        self.settings.changed.connect(self._debounced)
        tol_edit = self.settings.field("tol").findChild(QLineEdit)
        if tol_edit is not None:
            tol_edit.setPlaceholderText("auto")
        column.addWidget(self.settings)
        column.addStretch(1)
        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        self.busy_label.setStyleSheet("color: palette(placeholder-text);")
        column.addWidget(self.busy_label)
        self.export = ExportButtons("basins", lambda: self.plot, self.csv)
        column.addWidget(self.export)
        return panel

    # --- input ----------------------------------------------------------------------------

    def optimizer_entry(self) -> dict[str, Any]:
        """The optimizer as an experiment entry: {"name": "adam", "lr": 0.05, …}."""
        name = self.optimizer_combo.currentData()
        entry = {"name": name, **self.hyper_form.changed_values()}
        entry["label"] = display_name(name, "torch")
        return entry

    def _optimizer_picked(self) -> None:
        name = self.optimizer_combo.currentData()
        cls, overrides = optimizer_class(name, "torch")
        if self.hyper_form is not None:
            self.hyper_form.hide()
            self.hyper_form.deleteLater()
        self.hyper_form = HyperForm(cls.hyperparameters, overrides)
        if name in START_LRS:
            self.hyper_form.set_values({cls.lr_key: START_LRS[name]})
        self.hyper_form.changed.connect(self._debounced)
        self.hyper_layout.addWidget(self.hyper_form)
        self._debounced()

    def _surface_picked(self) -> None:
        if self.hyper_form is None:
            self._optimizer_picked()
        self._debounced()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._debounced()

    def compute(self) -> None:
        """Ask the helper process for the map (and the contours of a new surface). Only
        while shown: the helper process is not started for a tab nobody looks at."""
        if not self.isVisible():
            self._stale = True
            return
        if self.hyper_form is None or not (self.hyper_form.is_valid() and self.settings.is_valid()):
            return
        self._stale = False
        name = self.surface_combo.currentData()
        if name != self._contours_of:
            self._contours_of = name
            surface = make_surface({"name": name})
            self.grid_job.request(compute_grid, surface, surface.view, 256)
        values = self.settings.values()
        self.job.request(
            concepts.basins,
            {"name": self.surface_combo.currentData()},
            self.optimizer_entry(),
            (values["grid"], values["grid"]),
            steps=values["steps"],
            tol=values["tol"],
        )

    # --- output ---------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        if busy:
            self.busy_label.setText("computing…")

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
        self.busy_label.setText(
            f"{basin_map.label}: {n:,} starts × {basin_map.steps} steps; "
            f"arriving = within {basin_map.tol:.3g} of a minimum"
        )
        xmin, xmax, ymin, ymax = basin_map.rect
        self.plot.getPlotItem().getViewBox().setRange(
            xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0.02
        )
        self.minima.setData(pos=basin_map.minima)
        self.redraw()
        self.drawn.emit()

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
                    f"steps to arrive: median {np.median(steps):.0f}, "
                    f"90 % within {np.percentile(steps, 90):.0f}"
                )
        not_reached = np.sum((found.minimum_index < 0) & ~found.diverged) / n
        parts.append(_chip("#E1E1E1", f"no minimum reached: {not_reached:.1%}"))
        diverged_color = style.OKABE_ITO[3] if mode == 2 else "#3C3C3C"
        parts.append(_chip(diverged_color, f"diverged: {found.diverged.mean():.1%}"))
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

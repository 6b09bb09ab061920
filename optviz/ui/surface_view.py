"""The main 2D view: heatmap, colour bar, contours, minima, racing trajectories.

Built once; afterwards only `setData` / `setImage` are called (pyqtgraph examples style).
`SurfaceView` is one PlotWidget drawn in layers: the heatmap, colour bar, contours and
gradient field come from `HeatmapMixin` (surface_view_heatmap.py), the trajectories and the
legend from `RunsMixin` (surface_view_runs.py); this module adds the axes, the markers
(minima, saddles, start point, step arrows), the visible range and the mouse.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, Signal

from optviz.ui import style
from optviz.ui.surface_view_heatmap import AXIS_FONT, STATIC, HeatmapMixin, pastel_colormap
from optviz.ui.surface_view_runs import RunsMixin, visible_points

__all__ = ["SurfaceView", "pastel_colormap", "visible_points"]


class SurfaceView(HeatmapMixin, RunsMixin, pg.PlotWidget):
    """Signals: `start_moved(x, y)` when the user clicks or drags the start point,
    `range_changed((xmin, xmax, ymin, ymax))` when zoom/pan settles (to re-sample)."""

    start_moved = Signal(float, float)
    range_changed = Signal(object)

    def __init__(self, parent=None):
        # No pyqtgraph context menu: its transforms (log axes, FFT …) would break the map,
        # and the window has its own export and reset zoom.
        super().__init__(parent, background="w", enableMenu=False)
        plot = self.getPlotItem()
        plot.setAspectLocked(True)
        plot.showGrid(False, False)
        style.plain_axes(plot)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setTickFont(AXIS_FONT)
            axis.setPen(pg.mkPen("#333333", width=1.5))
            axis.setTextPen(pg.mkPen("#222222"))
            axis.setCacheMode(STATIC)
        self.set_axis_labels("x", "y")
        self._build_heatmap(plot)
        self.minima = pg.ScatterPlotItem(
            symbol="star",
            size=style.MARKER_SIZE + 4,
            pen=pg.mkPen("k", width=1.5),
            brush=pg.mkBrush("w"),
        )
        self.saddles = pg.ScatterPlotItem(
            symbol="x", size=style.MARKER_SIZE, pen=pg.mkPen("k", width=1), brush=pg.mkBrush("#777")
        )
        for item in (self.minima, self.saddles):
            item.setZValue(20)
            plot.addItem(item)
        self.start_marker = pg.TargetItem(
            pos=(0, 0),
            size=16,
            symbol="o",
            pen=pg.mkPen("k", width=2),
            brush=pg.mkBrush(255, 255, 255, 220),
            movable=True,
        )
        self.start_marker.setZValue(60)
        self.start_marker.sigPositionChangeFinished.connect(self._start_dragged)
        self._start_editable = True
        plot.addItem(self.start_marker)
        self._build_runs(plot)
        self.step_arrow_items: list[pg.PlotCurveItem] = []
        for color in ("#000000", "#CC79A7", "#D55E00"):
            curve = pg.PlotCurveItem(pen=pg.mkPen(color, width=3), connect="pairs")
            curve.setZValue(55)
            plot.addItem(curve)
            self.step_arrow_items.append(curve)
        self._programmatic_range = False
        plot.getViewBox().sigRangeChangedManually.connect(self._range_moved)
        plot.getViewBox().sigResized.connect(self._resized)
        self.scene().sigMouseClicked.connect(self._clicked)

    def set_axis_labels(self, x: str, y: str) -> None:
        plot = self.getPlotItem()
        style.set_axis_title(plot.getAxis("bottom"), x, "13pt")
        style.set_axis_title(plot.getAxis("left"), y, "13pt")

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate_legend()
        super().changeEvent(event)

    # --- visible range --------------------------------------------------------------------

    def set_view_rect(self, rect) -> None:
        xmin, xmax, ymin, ymax = rect
        self._programmatic_range = True
        self.getPlotItem().getViewBox().setRange(
            xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0
        )
        self._programmatic_range = False

    def view_rect(self) -> tuple[float, float, float, float]:
        (xmin, xmax), (ymin, ymax) = self.getPlotItem().getViewBox().viewRange()
        return (xmin, xmax, ymin, ymax)

    # --- markers --------------------------------------------------------------------------

    def set_markers(self, minima, saddles) -> None:
        self.minima.setData(pos=np.array(minima, dtype=float).reshape(-1, 2))
        self.saddles.setData(pos=np.array(saddles, dtype=float).reshape(-1, 2))

    def set_start_editable(self, editable: bool) -> None:
        """Whether a click or a drag moves the start point (on by default)."""
        self._start_editable = editable
        self.start_marker.movable = editable

    def set_start(self, x: float, y: float) -> None:
        self.start_marker.blockSignals(True)
        self.start_marker.setPos(QPointF(x, y))
        self.start_marker.blockSignals(False)

    def set_step_arrows(self, arrows: list[tuple[float, float, float, float]]) -> None:
        """Up to three arrows (x, y, dx, dy): −η·g, the velocity/first moment, the update."""
        from optviz.engine.grid import arrow_segments  # with contourpy: not at start-up

        for k, curve in enumerate(self.step_arrow_items):
            arrow = None if k >= len(arrows) or arrows[k] is None else np.array([arrows[k]])
            if arrow is not None and np.isfinite(arrow).all() and np.hypot(*arrow[0, 2:]) > 0:
                seg = arrow_segments(arrow.astype(float), head=0.25)
                curve.setData(seg[:, 0], seg[:, 1], connect="pairs")
                curve.setVisible(True)
            else:
                curve.setVisible(False)

    # --- interaction ----------------------------------------------------------------------

    def _clicked(self, event) -> None:
        if not self._start_editable:
            return
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        view_box = self.getPlotItem().getViewBox()
        if not view_box.sceneBoundingRect().contains(event.scenePos()):
            return
        point = view_box.mapSceneToView(event.scenePos())
        self.set_start(point.x(), point.y())
        self.start_moved.emit(point.x(), point.y())

    def _start_dragged(self, *_):
        pos = self.start_marker.pos()
        self.start_moved.emit(pos.x(), pos.y())

    def _resized(self, *_) -> None:
        """A view made larger (a resized window, presentation mode's larger fonts) can show
        more than the heatmap covers: ask for the surface again, as a zoom out does."""
        if self.grid_rect is None:
            return
        shown = self.view_rect()
        cover = self.grid_rect
        if shown[0] < cover[0] or shown[1] > cover[1] or shown[2] < cover[2] or shown[3] > cover[3]:
            self.range_changed.emit(shown)

    def _range_moved(self, *_):
        self._kept_cell = None  # the zoom changed: RunsMixin picks the drawn points again
        if not self._programmatic_range:
            self.range_changed.emit(self.view_rect())

"""The surface view's lower layers: heatmap, colour bar, contour lines, gradient arrows.

`HeatmapMixin` is part of `SurfaceView` (surface_view.py): its items and methods belong to
the view itself, so other modules reach them as `view.image`, `view.colorbar`, `view.lut`.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsItem

from optviz.ui import style
from optviz.ui.colour_bar import ColourBar

STATIC = QGraphicsItem.CacheMode.DeviceCoordinateCache
CONTOURS_PER_TURN = 2
AXIS_FONT = QFont()
AXIS_FONT.setPointSize(11)


def pastel_colormap(name: str = "viridis", whiten: float = 0.45) -> pg.ColorMap:
    """A perceptually ordered map blended towards white so coloured paths stand out on it."""
    base = pg.colormap.get(name)
    positions = np.linspace(0, 1, 64)
    colors = base.map(positions, mode="float")[:, :3]
    colors = (1 - whiten) * colors + whiten
    return pg.ColorMap(positions, (colors * 255).astype(np.uint8))


class HeatmapMixin:
    """The heatmap, colour bar, contours and gradient field of a SurfaceView (a PlotWidget)."""

    def _build_heatmap(self, plot: pg.PlotItem) -> None:
        self.image = pg.ImageItem()
        self.image.setZValue(-100)
        # Static layers are painted once into a pixmap: playback then only redraws paths.
        self.image.setCacheMode(STATIC)
        plot.addItem(self.image)
        self.colormap = pastel_colormap()
        self.image.setColorMap(self.colormap)
        # Not linked to the image: the engine sends the heatmap already coloured (RGBA).
        self.colorbar = ColourBar(self.colormap, width=18)
        plot.layout.addItem(self.colorbar, 2, 5)
        plot.layout.setColumnFixedWidth(4, 5)
        self.colorbar.getAxis("right").setTickFont(AXIS_FONT)
        # Room for tick values and the label side by side (they overlapped by default).
        self.colorbar.getAxis("right").setWidth(82)
        self.lut = self.colorbar.lut  # the engine colours the heatmap with the bar's table
        self.grid_rect: tuple[float, float, float, float] | None = None  # what the heatmap covers
        self._contours: list[pg.PlotCurveItem] = []
        self._contours_on = True
        self._pending_contours: list = []
        self._contour_timer = QTimer(self)
        self._contour_timer.setInterval(0)
        self._contour_timer.timeout.connect(self._draw_some_contours)
        self.contour_pen = pg.mkPen(QColor(40, 40, 40, 110), width=style.CONTOUR_WIDTH)
        self.arrows = pg.PlotCurveItem(
            pen=pg.mkPen(QColor(30, 30, 30, 140), width=1.2), connect="pairs"
        )
        self.arrows.setVisible(False)
        self.arrows.setCacheMode(STATIC)
        plot.addItem(self.arrows)

    def set_grid(self, grid, value_label: str | None = None) -> None:
        """Draw a SurfaceGrid (heatmap, contours, arrows); value_label: the colour bar's
        title, if not the surface's f(x, y)."""
        xmin, xmax, ymin, ymax = grid.rect
        self.grid_rect = grid.rect
        low, high = grid.color_levels
        if grid.rgba is not None:
            self.image.setImage(grid.rgba, autoLevels=False)
        else:
            self.image.setImage(grid.shown, autoLevels=False, levels=(low, high))
        self.image.setRect(pg.QtCore.QRectF(xmin, ymin, xmax - xmin, ymax - ymin))
        self.colorbar.setLevels((low, high))
        label = "log₁₀(f − f_min)" if grid.log_scale else "f(x, y)"
        label = label if value_label is None else value_label
        style.set_axis_title(self.colorbar.getAxis("right"), label, "12pt")
        plot = self.getPlotItem()
        while len(self._contours) < len(grid.contours):
            curve = pg.PlotCurveItem(pen=self.contour_pen, connect="finite")
            curve.setZValue(-50)
            curve.setCacheMode(STATIC)
            plot.addItem(curve)
            self._contours.append(curve)
        for curve in self._contours[len(grid.contours) :]:
            curve.setData([], [])
            curve.setVisible(False)
        # A few levels per event-loop turn: drawing twenty new contour levels at once can
        # take longer than a frame, and the event loop must keep turning.
        self._pending_contours = list(enumerate(grid.contours))
        self._contour_timer.start()
        segments = grid.arrow_segments
        self.arrows.setData(segments[:, 0], segments[:, 1], connect="pairs")

    @property
    def drawing_contours(self) -> bool:
        """True while contour levels of a new grid are still being drawn."""
        return bool(self._pending_contours)

    def flush_contours(self) -> None:
        """Draw every pending contour level now (exports must not catch the view half way)."""
        while self._pending_contours:
            self._draw_some_contours()

    def _draw_some_contours(self) -> None:
        for _ in range(CONTOURS_PER_TURN):
            if not self._pending_contours:
                self._contour_timer.stop()
                return
            k, points = self._pending_contours.pop(0)
            curve = self._contours[k]
            if len(points):
                curve.setData(points[:, 0], points[:, 1], connect="finite")
                curve.setVisible(self._contours_on)
            else:
                curve.setData([], [])
                curve.setVisible(False)

    def show_gradient_field(self, on: bool) -> None:
        self.arrows.setVisible(on)

    def show_contours(self, on: bool) -> None:
        self._contours_on = on
        for curve in self._contours:
            curve.setVisible(on and curve.xData is not None and len(curve.xData) > 0)

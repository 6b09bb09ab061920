"""The main 2D view: heatmap, colour bar, contours, minima, racing trajectories.

Built once; afterwards only `setData` / `setImage` are called (pyqtgraph examples style).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsItem

from optviz.engine.grid import arrow_segments
from optviz.ui import style
from optviz.ui.i18n import engine_text
from optviz.ui.trail_layer import TrailLayer, frozen_step

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


def visible_points(path: np.ndarray, cell: tuple[float, float]) -> np.ndarray:
    """Indices of the points of `path` (n, 2) worth drawing at a pixel size `cell`.

    A point is kept when it falls in a different half-pixel cell than the point before it,
    so zig-zags survive and the long tail of sub-pixel steps near a minimum does not cost
    a painter stroke each (wide antialiased pens are what makes painting slow).
    """
    if len(path) < 3:
        return np.arange(len(path))
    with np.errstate(all="ignore"):
        cells = np.floor(path / np.asarray(cell)[None, :])
    moved = np.empty(len(path), dtype=bool)
    moved[0] = True
    moved[1:] = (cells[1:] != cells[:-1]).any(axis=1) | ~np.isfinite(cells[1:]).all(axis=1)
    return np.flatnonzero(moved)


class SurfaceView(pg.PlotWidget):
    """Signals: `start_moved(x, y)` when the user clicks or drags the start point,
    `range_changed((xmin, xmax, ymin, ymax))` when zoom/pan settles (to re-sample)."""

    start_moved = Signal(float, float)
    range_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        plot = self.getPlotItem()
        plot.setAspectLocked(True)
        plot.showGrid(False, False)
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setTickFont(AXIS_FONT)
            axis.setPen(pg.mkPen("#333333", width=1.5))
            axis.setTextPen(pg.mkPen("#222222"))
            axis.setCacheMode(STATIC)
        self.set_axis_labels("x", "y")
        self.image = pg.ImageItem()
        self.image.setZValue(-100)
        # Static layers are painted once into a pixmap: playback then only redraws paths.
        self.image.setCacheMode(STATIC)
        plot.addItem(self.image)
        self.colormap = pastel_colormap()
        self.image.setColorMap(self.colormap)
        self.colorbar = pg.ColorBarItem(colorMap=self.colormap, interactive=False, width=18)
        # Not linked to the image: the engine sends the heatmap already coloured (RGBA).
        plot.layout.addItem(self.colorbar, 2, 5)
        plot.layout.setColumnFixedWidth(4, 5)
        self.colorbar.getAxis("right").setTickFont(AXIS_FONT)
        # Room for tick values and the label side by side (they overlapped by default).
        self.colorbar.getAxis("right").setWidth(82)
        self.lut = (self.colormap.getLookupTable(0.0, 1.0, 256, alpha=False)).astype(np.uint8)
        self._contours: list[pg.PlotCurveItem] = []
        self._contours_on = True
        self._playing = False
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
        self.legend = pg.LegendItem(
            offset=(-10, 10),
            labelTextSize="12pt",
            brush=pg.mkBrush(255, 255, 255, 215),
            pen=pg.mkPen("#999999"),
        )
        self.legend.setParentItem(plot.getViewBox())
        self._halos: list[pg.PlotCurveItem] = []
        self._curves: list[pg.PlotCurveItem] = []
        # Paths up to a frozen step come from one cached layer; the items above hold the rest.
        self.halo_pen = pg.mkPen(255, 255, 255, 200, width=style.HALO_WIDTH)
        self.trails = TrailLayer()
        self.trails.setZValue(30.5)  # over the live halos, under the live lines
        plot.addItem(self.trails)
        self._trails_key: tuple | None = None
        self._frozen_segments: list[np.ndarray] = []
        self._swa: list[pg.PlotCurveItem] = []
        self.heads = pg.ScatterPlotItem(size=style.HEAD_SIZE, pen=pg.mkPen("k", width=1.5))
        self.ends = pg.ScatterPlotItem(pen=pg.mkPen("k", width=1.5))
        for item in (self.heads, self.ends):
            item.setZValue(50)
            plot.addItem(item)
        self.step_arrows = pg.PlotCurveItem(connect="pairs")
        self.step_arrow_items: list[pg.PlotCurveItem] = []
        for color in ("#000000", "#CC79A7", "#D55E00"):
            curve = pg.PlotCurveItem(pen=pg.mkPen(color, width=3), connect="pairs")
            curve.setZValue(55)
            plot.addItem(curve)
            self.step_arrow_items.append(curve)
        self._positions = np.empty((0, 1, 2))
        self._end_step = np.zeros(0, dtype=int)
        self._status: tuple[str, ...] = ()
        self._colors: list[str] = []
        self._legend_entries: list[tuple[str, str, int]] = []  # (label, status, end step)
        self._step = 0
        self._trail: int | None = None
        self._programmatic_range = False
        self._kept: list[np.ndarray] = []
        self._kept_cell: tuple[float, float] | None = None
        self._kept_version = 0
        plot.getViewBox().sigRangeChangedManually.connect(self._range_moved)
        self.scene().sigMouseClicked.connect(self._clicked)

    # --- surface ------------------------------------------------------------------------

    def set_axis_labels(self, x: str, y: str) -> None:
        style_css = {"font-size": "13pt"}  # no colour: the label follows the theme's text
        self.getPlotItem().setLabel("bottom", x, **style_css)
        self.getPlotItem().setLabel("left", y, **style_css)

    def set_grid(self, grid, value_label: str | None = None) -> None:
        """Draw a SurfaceGrid (heatmap, contours, arrows); value_label: the colour bar's
        title, if not the surface's f(x, y)."""
        xmin, xmax, ymin, ymax = grid.rect
        low, high = grid.color_levels
        if grid.rgba is not None:
            self.image.setImage(grid.rgba, autoLevels=False)
        else:
            self.image.setImage(grid.shown, autoLevels=False, levels=(low, high))
        self.image.setRect(pg.QtCore.QRectF(xmin, ymin, xmax - xmin, ymax - ymin))
        self.colorbar.setLevels((low, high))
        label = "log₁₀(f − f_min)" if grid.log_scale else "f(x, y)"
        label = label if value_label is None else value_label
        self.colorbar.getAxis("right").setLabel(label, **{"font-size": "12pt"})
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

    def set_markers(self, minima, saddles) -> None:
        self.minima.setData(pos=np.array(minima, dtype=float).reshape(-1, 2))
        self.saddles.setData(pos=np.array(saddles, dtype=float).reshape(-1, 2))

    def show_gradient_field(self, on: bool) -> None:
        self.arrows.setVisible(on)

    def show_contours(self, on: bool) -> None:
        self._contours_on = on
        for curve in self._contours:
            curve.setVisible(on and curve.xData is not None and len(curve.xData) > 0)

    def set_start_editable(self, editable: bool) -> None:
        """Whether a click or a drag moves the start point (on by default)."""
        self._start_editable = editable
        self.start_marker.movable = editable

    def set_start(self, x: float, y: float) -> None:
        self.start_marker.blockSignals(True)
        self.start_marker.setPos(QPointF(x, y))
        self.start_marker.blockSignals(False)

    # --- runs ---------------------------------------------------------------------------

    def set_runs(
        self,
        positions: np.ndarray,
        colors: list[str],
        labels: list[str],
        end_step: np.ndarray,
        status: tuple[str, ...],
        legend_runs: list[int],
        swa: np.ndarray | None = None,
    ) -> None:
        """positions: (n_runs, steps + 1, 2). legend_runs: the runs that get a legend entry."""
        plot = self.getPlotItem()
        n = positions.shape[0]
        while len(self._curves) < n:
            halo = pg.PlotCurveItem(pen=self.halo_pen)
            curve = pg.PlotCurveItem()
            swa_curve = pg.PlotCurveItem()
            if not self._playing:
                for item in (halo, curve, swa_curve):
                    item.setCacheMode(STATIC)
            for z, item in ((30, halo), (31, curve), (32, swa_curve)):
                item.setZValue(z)
                plot.addItem(item)
            self._halos.append(halo)
            self._curves.append(curve)
            self._swa.append(swa_curve)
        for k in range(len(self._curves)):
            visible = k < n
            for item in (self._halos[k], self._curves[k], self._swa[k]):
                item.setVisible(visible)
            if visible:
                self._curves[k].setPen(pg.mkPen(colors[k], width=style.LINE_WIDTH))
                self._swa[k].setPen(
                    pg.mkPen(colors[k], width=style.LINE_WIDTH, style=Qt.PenStyle.DashLine)
                )
        self._positions = positions
        self._swa_positions = swa
        self._end_step = np.asarray(end_step)
        self._status = tuple(status)
        self._colors = list(colors)
        self._kept_cell = None
        self._trails_key = None
        self.legend.clear()
        self._legend_entries = [(labels[k], status[k], end_step[k]) for k in legend_runs]
        for k, entry in zip(legend_runs, self._legend_entries, strict=True):
            self.legend.addItem(self._curves[k], self._legend_text(*entry))
        self.set_step(self._step, self._trail)

    def _legend_text(self, label: str, status: str, end_step: int) -> str:
        text = engine_text("Optimizers", label)  # "Momentum" → the installed language
        if status == "diverged":
            text += self.tr("  ✕ diverged @ {step}").format(step=end_step)
        elif status == "stopped":
            text += self.tr("  ■ stopped @ {step}").format(step=end_step)
        return text

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            # The legend's entries in the installed language; their labels keep their size
            # (presentation mode scales it).
            labels = [label for _sample, label in self.legend.items]
            for label, entry in zip(labels, self._legend_entries, strict=True):
                label.setText(self._legend_text(*entry))
            self.legend.updateSize()
        super().changeEvent(event)

    def set_playing(self, playing: bool) -> None:
        """While playing, paths change every frame: drawing them directly is cheapest. While
        paused they are cached, so that anything else that changes (a new surface arriving,
        a tooltip) does not re-stroke every path."""
        mode = QGraphicsItem.CacheMode.NoCache if playing else STATIC
        for item in (*self._halos, *self._curves, *self._swa):
            item.setCacheMode(mode)
        self._playing = playing

    def set_step(self, step: int, trail: int | None = None) -> None:
        """Show every run up to `step`; `trail` keeps only the last N steps (None: all)."""
        self._step, self._trail = step, trail
        n = self._positions.shape[0]
        self._update_kept()
        # A whole path (no trail limit) is drawn from the cached layer up to `frozen`.
        frozen = frozen_step(step) if trail is None else 0
        self._update_trails(frozen)
        heads, head_brushes, ends, end_symbols, end_brushes = [], [], [], [], []
        for k in range(n):
            last = min(step, int(self._end_step[k]))
            first = min(frozen, last) if trail is None else max(0, last - trail)
            segment = self._positions[k, self._drawn(k, first, last)]
            self._halos[k].setData(segment[:, 0], segment[:, 1])
            self._curves[k].setData(segment[:, 0], segment[:, 1])
            if self._swa_positions is not None:
                swa = self._swa_positions[k, first : last + 1]
                self._swa[k].setData(swa[:, 0], swa[:, 1], connect="finite")
            head = self._positions[k, last]
            if np.isfinite(head).all():
                heads.append(head)
                head_brushes.append(pg.mkBrush(self._colors[k]))
            if step >= self._end_step[k] and self._status[k] in ("diverged", "stopped"):
                if np.isfinite(head).all():
                    ends.append(head)
                    end_symbols.append("x" if self._status[k] == "diverged" else "s")
                    end_brushes.append(pg.mkBrush(self._colors[k]))
        self.heads.setData(pos=np.array(heads).reshape(-1, 2), brush=head_brushes)
        self.ends.setData(
            pos=np.array(ends).reshape(-1, 2), symbol=end_symbols, brush=end_brushes, size=22
        )

    def _drawn(self, k: int, first: int, last: int) -> np.ndarray:
        """Indices of run k's points drawn between steps first and last (both included)."""
        kept = self._kept[k]
        lo, hi = np.searchsorted(kept, first), np.searchsorted(kept, last, side="right")
        index = kept[lo:hi]
        if not len(index) or index[-1] != last:
            index = np.append(index, last)
        if index[0] != first:
            index = np.insert(index, 0, first)
        return index

    def _update_trails(self, frozen: int) -> None:
        """Re-paint the cached layer when the frozen step, the runs or the zoom changed."""
        n = self._positions.shape[0]
        ends = tuple(min(frozen, int(self._end_step[k])) for k in range(n))
        key = (ends, self._kept_version, tuple(self._colors))
        if key == self._trails_key:
            return
        self._trails_key = key
        segments = [
            self._positions[k, self._drawn(k, 0, ends[k])] if ends[k] > 0 else np.empty((0, 2))
            for k in range(n)
        ]
        pens = [self._curves[k].opts["pen"] for k in range(n)]
        self.trails.set_paths(segments, self.halo_pen, pens)
        self._frozen_segments = segments

    def drawn_path(self, k: int) -> np.ndarray:
        """The points of run k on screen now, (n, 2): the cached part, then the live part."""
        live = np.column_stack(self._curves[k].getData())
        frozen = self._frozen_segments[k] if k < len(self._frozen_segments) else ()
        return np.vstack([frozen[:-1], live]) if len(frozen) else live

    def _update_kept(self) -> None:
        """Recompute which points are drawn when the runs or the zoom changed."""
        px, py = self.getPlotItem().getViewBox().viewPixelSize()
        cell = (0.5 * px, 0.5 * py)
        if self._kept_cell is not None and np.allclose(cell, self._kept_cell, rtol=0.25):
            return
        self._kept_cell = cell
        self._kept = [visible_points(path, cell) for path in self._positions]
        self._kept_version += 1

    def set_step_arrows(self, arrows: list[tuple[float, float, float, float]]) -> None:
        """Up to three arrows (x, y, dx, dy): −η·g, the velocity/first moment, the update."""
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

    def _range_moved(self, *_):
        self._kept_cell = None
        if not self._programmatic_range:
            self.range_changed.emit(self.view_rect())

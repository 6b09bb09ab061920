"""Drawing curves that grow by thousands of points a second without stalling the GUI.

`CurveBins` fold a race's values into a fixed number of bins as they arrive: a frame then
costs the same after ten million iterations as after ten (the whole history handed to
pyqtgraph every frame cost O(iterations): 28 ms a frame at 100,000). `CurveLayer` paints
several curves in one scene item, `TailRepaint` repaints only the strip where they grew,
and `LightGrid` draws grid lines that cost well under a millisecond (`curve_plot` makes a
plot with one). `TrainingPlots` (training_plots.py) puts them together; each choice here
was measured, see the comments and benchmarks/bench_training.py.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

from optviz.ui.side_plots import LogAxis
from optviz.ui.style import set_axis_title

try:  # pyqtgraph's fast path for thick aliased lines (PlotCurveItem draws them so)
    from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments as line_segments
except ImportError:  # an older pyqtgraph: one path, slower
    line_segments = None

GRID_COLOR = "#B0B0B0"
ASSUMED_WIDTH = 800  # px, for bins chosen before the plot has been laid out
X_PADDING = 0.02  # of the x range 0..total, each side
PATH_MARGIN_PX = 8  # see CurveLayer.paint
AXIS_WIDTH = 52  # px, room for "0.0001" and "10⁻¹⁰"
TICK_FONT = QFont()
TICK_FONT.setPointSize(9)


def curve_plot(log_y: bool) -> pg.PlotWidget:
    """A plot of a race's iterations, white, with a `LightGrid`; its texts are set by
    TrainingPlots.retranslate()."""
    axes = {"left": LogAxis("left")} if log_y else {}  # labels that never overlap
    widget = pg.PlotWidget(background="w", axisItems=axes, enableMenu=False)
    plot = widget.getPlotItem()
    plot.setTitle("", size="11pt", color="#222")  # the style; retranslate() keeps it
    plot.setLogMode(x=False, y=log_y)
    widget.grid = LightGrid(plot)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setTickFont(TICK_FONT)
        axis.setTextPen(pg.mkPen("#222"))
        axis.setPen(pg.mkPen("#555"))
    # A fixed width: labels of a new range ("0.0001") would otherwise widen the axis and
    # lay the plot out again, in several passes (measured: 4 repaints instead of 1).
    plot.getAxis("left").setWidth(AXIS_WIDTH)
    set_axis_title(plot.getAxis("bottom"), "", "10pt")
    widget.setMinimumHeight(120)
    return widget


class LightGrid(pg.PlotCurveItem):
    """Grid lines at the major ticks, as one opaque curve broken by NaNs.

    pyqtgraph's own grids (the axes' or a GridItem) replay a picture of translucent lines
    each time a curve under them changes: ~4 ms a frame, measured. This one paints in
    well under a millisecond and changes only with the range or the plot's size.
    """

    def __init__(self, plot: pg.PlotItem):
        super().__init__(pen=pg.mkPen(GRID_COLOR, width=1), connect="finite", antialias=False)
        self.plot = plot
        self.setZValue(-100)
        view = plot.getViewBox()
        view.addItem(self, ignoreBounds=True)
        view.sigRangeChanged.connect(self.refresh)
        view.sigResized.connect(self.refresh)

    def refresh(self, *_args) -> None:
        view = self.plot.getViewBox()
        (x0, x1), (y0, y1) = view.viewRange()
        xs = self._major("bottom", x0, x1, view.width())
        ys = self._major("left", y0, y1, view.height())
        x = [v for t in xs for v in (t, t, np.nan)] + [v for _ in ys for v in (x0, x1, np.nan)]
        y = [v for _ in xs for v in (y0, y1, np.nan)] + [v for t in ys for v in (t, t, np.nan)]
        self.setData(np.array(x, dtype=float), np.array(y, dtype=float))

    def _major(self, name: str, low: float, high: float, size: float) -> list[float]:
        """The axis's labelled tick values, in view coordinates (log10 on a log axis)."""
        axis = self.plot.getAxis(name)
        if axis.logMode:  # a line per decade
            return [float(v) for v in range(math.ceil(low), math.floor(high) + 1)]
        levels = axis.tickValues(low, high, max(size, 1.0))
        return list(levels[0][1]) if levels else []


class CurveBins:
    """What is drawn of K growing curves (one per optimizer): bins of `size` iterations
    along x = 1, 2, 3 …

    "peak" draws each bin as its lowest and highest value (the noisy raw loss stays a band),
    "mean" as its mean; a bin of one iteration is that point itself, so a short run is drawn
    point by point. NaN values leave no mark (a gap). `add` touches only the bins of the
    new values, and the number of bins is fixed by the plot's width, not by the run's length.
    pyqtgraph's own downsampling ("peak"/"mean", bins of the same size, the point in the
    middle of its bin) went over every value at every frame.
    """

    def __init__(self, total: int, size: int, method: str, k: int = 1):
        self.size, self.method = size, method
        n_bins = -(-total // size)
        # "peak": lowest and highest value; "mean": sum and count of the finite values
        self.first = np.full((n_bins, k), np.nan if method == "peak" else 0.0)
        self.second = np.full((n_bins, k), np.nan if method == "peak" else 0.0)
        self.last = 0  # highest iteration added

    def add(self, iterations: np.ndarray, values: np.ndarray) -> None:
        """values: (n, K) in view coordinates (NaN for none), of increasing iterations."""
        if not len(iterations):
            return
        bins = (iterations - 1) // self.size
        starts = np.flatnonzero(np.diff(bins, prepend=-1))  # where each bin's run begins
        touched = bins[starts]
        if self.method == "peak":
            lows = np.fmin.reduceat(values, starts)
            highs = np.fmax.reduceat(values, starts)
            self.first[touched] = np.fmin(self.first[touched], lows)
            self.second[touched] = np.fmax(self.second[touched], highs)
        else:
            finite = np.isfinite(values)
            self.first[touched] += np.add.reduceat(np.where(finite, values, 0.0), starts)
            self.second[touched] += np.add.reduceat(finite.astype(float), starts)
        self.last = max(self.last, int(iterations[-1]))

    def xy(self, k: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """The points to draw of curve k: (x, y) in view coordinates."""
        n = -(-self.last // self.size)
        x = np.minimum(np.arange(n) * self.size + 1 + self.size // 2, self.last).astype(float)
        if self.method == "mean":
            with np.errstate(invalid="ignore"):
                return x, self.first[:n, k] / self.second[:n, k]  # 0 / 0: no value, NaN
        if self.size == 1:
            return x, self.first[:n, k]
        return np.repeat(x, 2), np.column_stack([self.second[:n, k], self.first[:n, k]]).ravel()


class CurveLayer(pg.GraphicsObject):
    """Several curves in one scene item, painted in one call, in the order they were added.

    As ten PlotCurveItems the loss curves cost ~2 ms a frame, most of it pyqtgraph's
    bookkeeping per item (bounds from the data, pixel sizes, several times a frame) rather
    than drawing. Here the bounding rectangle is the plot's whole x range, set once, and a
    repaint of a strip (`TailRepaint`) draws only the points in that strip: stroking a
    whole 3 px antialiased curve to keep a few pixels of it cost ~0.1 ms per curve.
    """

    def __init__(self, total: int):
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self.curves: list[LayerCurve] = []
        # x: the race's iterations; y: any log10 value a float can have
        self.rect = QRectF(0, -400, total + 1, 800)

    def add(self, pen, antialias: bool | None = None) -> LayerCurve:
        if antialias is None:
            antialias = bool(pg.getConfigOption("antialias"))
        curve = LayerCurve(self, pen, antialias)
        self.curves.append(curve)
        return curve

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect

    def paint(self, painter: QPainter, option, _widget=None) -> None:
        exposed = option.exposedRect
        if exposed.isEmpty():  # not told (a render to an image, say): everything
            exposed = self.rect
        # Points a little beyond the strip too: where a path starts, its pen draws a cap
        # instead of the join a whole curve has there.
        scale = painter.worldTransform().m11()  # device pixels per iteration
        margin = PATH_MARGIN_PX / scale if scale > 0 else 0.0
        left, right = exposed.left() - margin, exposed.right() + margin
        for curve in self.curves:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, curve.antialias)
            painter.setPen(curve.pen)
            curve.draw(painter, left, right)


class LayerCurve:
    """One curve of a `CurveLayer`; `setData(x, y)` as a PlotCurveItem (NaN: a gap), x
    in increasing order."""

    def __init__(self, layer: CurveLayer, pen, antialias: bool):
        self.layer, self.pen, self.antialias = layer, pen, antialias
        # A thick aliased line as separate segments, as PlotCurveItem draws it: stroked as
        # one path, the raw loss's zigzag (a bin's highest, then lowest value) took 25 ms.
        self.segments = line_segments is not None and not antialias and pen.widthF() > 1
        self.x = self.y = np.zeros(0)
        self._whole = None  # the path (or segments) of all points, made when first needed

    def setData(self, x: np.ndarray, y: np.ndarray) -> None:  # noqa: N802 - as pyqtgraph's
        self.x, self.y, self._whole = x, y, None
        self.layer.update()

    def draw(self, painter: QPainter, left: float, right: float) -> None:
        """Draw the curve where it crosses left..right (x), with a point beyond either side."""
        x = self.x
        start = max(0, int(np.searchsorted(x, left)) - 1)
        stop = int(np.searchsorted(x, right, side="right")) + 1
        if start == 0 and stop >= len(x):
            if self._whole is None:
                self._whole = self._shape(x, self.y)
            shape = self._whole
        else:
            shape = self._shape(x[start:stop], self.y[start:stop])
        if self.segments:
            painter.drawLines(*shape.drawargs())
        else:
            painter.drawPath(shape)

    def _shape(self, x: np.ndarray, y: np.ndarray):
        if self.segments:
            return line_segments(x, y, connect="finite", finiteCheck=True)
        return pg.arrayToQPath(x, y, connect="finite")


def bin_size(view: pg.ViewBox, total: int, per_pixel: float) -> int:
    """Iterations per bin for a curve over the x range 0..total of this view."""
    width = view.width() if view.width() > 1 else ASSUMED_WIDTH
    return max(1, int(total * (1 + 2 * X_PADDING) / (width * per_pixel)))


def log10_or_nan(values: np.ndarray) -> np.ndarray:
    """log10 where positive and finite, else NaN: a log axis's view coordinates."""
    with np.errstate(divide="ignore", invalid="ignore"):
        logged = np.log10(values)
    logged[~np.isfinite(logged)] = np.nan
    return logged


def tint(color: str, amount: float) -> QColor:
    """`color` mixed with white: amount 1 is the colour itself, 0 is white."""
    c = QColor(color)
    mix = [round(amount * v + (1 - amount) * 255) for v in (c.red(), c.green(), c.blue())]
    return QColor(*mix)


class TailRepaint:
    """While a race runs, repaint only the strip of the loss plot where the curves grew.

    The curves only grow to the right over a fixed x range, and with a fixed downsampling
    factor the bins left of the new points do not change. Qt's bookkeeping would repaint
    the curves' whole bounding box instead, and every item under it: 2.5× the painting
    time of the strip (measured). Whatever else changes the plot (its range, its size, a
    mark) asks for a full repaint.
    """

    MARGIN_PX = 16  # two 4 px bins of the smoothed curves, and the pens

    def __init__(self, widget: pg.PlotWidget):
        self.widget = widget
        self.view = widget.getPlotItem().getViewBox()
        self.active = False
        self.view.sigRangeChanged.connect(self.full)
        self.view.sigResized.connect(self.full)

    def start(self) -> None:
        self.active = True
        self.widget.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.NoViewportUpdate)
        self.full()

    def stop(self) -> None:
        self.active = False
        self.widget.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.full()

    def full(self, *_args) -> None:
        self.widget.viewport().update()

    def grew(self, x_from: float, x_to: float) -> None:
        """The curves changed between these x values (data coordinates)."""
        if not self.active:
            return
        left = self.view.mapViewToDevice(QPointF(x_from, 0)).x() - self.MARGIN_PX
        right = self.view.mapViewToDevice(QPointF(x_to, 0)).x() + self.MARGIN_PX
        box = self.view.mapRectToDevice(self.view.boundingRect()).toAlignedRect()
        self.widget.viewport().update(QRect(int(left), box.top(), int(right - left), box.height()))

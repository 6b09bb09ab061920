"""The training tab's curves: loss (raw and smoothed), test accuracy and learning rate.

Every item is built once per race (`reset`); progress only updates data (`setData`), at
most as often as the runner delivers it (~20 times a second). Painting is what can stall
the GUI, so each choice here was measured: see the comments and benchmarks/bench_training.py.
"""

from __future__ import annotations

import html
import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsView, QGridLayout, QLabel, QWidget

from optviz.ui import style
from optviz.ui.training_process import Chunk, Ready

TICK_FONT = QFont()
TICK_FONT.setPointSize(9)
# The raw mini-batch loss is a faint band under the smoothed line: the run's colour mixed
# with white, opaque and not antialiased. A translucent or antialiased 2 px line costs 5×
# more to paint (measured: 130 → 25 ms a frame for 5 × 2,000 points), and the GUI must
# never stall.
RAW_TINT = 0.35  # of the colour; the rest is white
LR_REDRAW_INTERVAL = 0.5  # s; learning rates change slowly, their plot need not repaint often
SMOOTH_WIDTH = 3.0
RAW_WIDTH = 2.0
GRID_COLOR = "#B0B0B0"
AXIS_WIDTH = 52  # px, room for "0.0001" and "10⁻¹⁰"
MIN_DECADES = 3  # the loss axis spans at least this many powers of ten


def _plot(title: str, log_y: bool, y_label: str = "") -> pg.PlotWidget:
    widget = pg.PlotWidget(background="w")
    plot = widget.getPlotItem()
    plot.setTitle(title, size="11pt", color="#222")
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
    if y_label:
        plot.setLabel("left", y_label, **{"font-size": "10pt"})
    plot.setLabel("bottom", "iteration", **{"font-size": "10pt"})
    plot.setMenuEnabled(False)
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


def tint(color: str, amount: float) -> QColor:
    """`color` mixed with white: amount 1 is the colour itself, 0 is white."""
    c = QColor(color)
    mix = [round(amount * v + (1 - amount) * 255) for v in (c.red(), c.green(), c.blue())]
    return QColor(*mix)


def _finite(values: np.ndarray) -> np.ndarray:
    """Non-finite → NaN: the curve stops there (drawn with connect="finite")."""
    return np.where(np.isfinite(values), values, np.nan)


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


class TrainingPlots(QWidget):
    """Loss (large, left), test accuracy and learning rate (right), x linked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.loss_plot = _plot("Training loss", log_y=True)
        self.accuracy_plot = _plot("Test accuracy (%)", log_y=False)
        self.lr_plot = _plot("Learning rate", log_y=True)
        self.accuracy_plot.setXLink(self.loss_plot)
        # Fixed: an axis that rescales redraws its labels and the whole plot.
        self.accuracy_plot.getPlotItem().setYRange(0, 100, padding=0.03)
        self.accuracy_plot.getPlotItem().enableAutoRange(y=False)
        self.lr_plot.setXLink(self.loss_plot)
        self.lr_plot.getPlotItem().enableAutoRange(y=False)  # whole decades, see _draw_lr
        for widget in (self.accuracy_plot, self.lr_plot):
            # x follows the loss plot's fixed 0..total; an x auto-range here would move the
            # linked loss plot too, and repaint it a second time.
            widget.getPlotItem().enableAutoRange(x=False)
        # The legend is a line of text above the plots, not a LegendItem: on the curves it
        # would hide some of them (no corner of a loss plot is always empty) and be repainted
        # with them every frame.
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.legend, 0, 0, 1, 2)
        layout.addWidget(self.loss_plot, 1, 0, 2, 1)
        layout.addWidget(self.accuracy_plot, 1, 1)
        layout.addWidget(self.lr_plot, 2, 1)
        layout.setRowStretch(1, 1)
        layout.setRowStretch(2, 1)
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        self.labels: list[str] = []
        self.diverged: set[int] = set()
        self.colors: list[str] = []
        self.raw: list[pg.PlotDataItem] = []
        self.smooth: list[pg.PlotDataItem] = []
        self.accuracy_curves: list[pg.PlotDataItem] = []
        self.lr_curves: list[pg.PlotDataItem] = []
        self.markers: list[pg.PlotDataItem] = []
        self.iterations = 0
        self.loss = self.smooth_loss = self.lr = np.zeros((0, 0))
        self.evaluations: list[int] = []
        self.accuracy: list[np.ndarray] = []
        self.tail = TailRepaint(self.loss_plot)

    def reset(self, ready: Ready, colors: list[str]) -> None:
        """New race: one set of curves per optimizer, empty, on an x range of 0..total."""
        for widget, items in (
            (self.loss_plot, [*self.raw, *self.smooth, *self.markers]),
            (self.accuracy_plot, self.accuracy_curves),
            (self.lr_plot, self.lr_curves),
        ):
            for item in items:
                widget.removeItem(item)  # not clear(): that would remove the grid too
        self.labels, self.colors = list(ready.labels), list(colors)
        self.diverged: set[int] = set()
        self._show_legend()
        k, total = len(ready.labels), ready.total
        self.loss = np.full((total, k), np.nan)
        self.smooth_loss = np.full((total, k), np.nan)
        self.lr = np.full((total, k), np.nan)
        self.iterations = 0
        self.evaluations = [0]
        self.accuracy = [np.asarray(ready.initial_accuracy, dtype=float)]
        self.raw, self.smooth, self.accuracy_curves, self.lr_curves, self.markers = (
            [], [], [], [], []
        )  # fmt: skip
        self._lr_drawn_at = -np.inf
        self._lr_decades: tuple[int, int] | None = None
        self._accuracy_dirty = False
        for color in colors:
            raw = self._curve(
                self.loss_plot, pg.mkPen(tint(color, RAW_TINT), width=RAW_WIDTH), antialias=False
            )
            smooth = self._curve(
                self.loss_plot,
                pg.mkPen(color, width=SMOOTH_WIDTH),
                method="mean",
                per_pixel=0.25,  # smooth already: a point every 4 px draws the same line
            )
            marker = pg.PlotDataItem(
                pen=None, symbol="x", symbolSize=16, symbolPen=pg.mkPen(color, width=3)
            )
            self.loss_plot.addItem(marker)
            self.raw.append(raw)
            self.smooth.append(smooth)
            self.markers.append(marker)
            self.accuracy_curves.append(
                self._curve(
                    self.accuracy_plot,
                    pg.mkPen(color, width=style.LINE_WIDTH),
                    symbol="o",
                    symbolSize=6,
                    symbolBrush=color,
                    symbolPen=None,
                )
            )
            self.lr_curves.append(self._curve(self.lr_plot, pg.mkPen(color, width=2.5)))
        self.loss_plot.getPlotItem().setXRange(0, total, padding=0.02)
        # The loss axis moves in whole decades, only when a curve leaves it: a range that
        # follows every new low would redraw the axis (and everything) every frame.
        self.loss_plot.getPlotItem().enableAutoRange(x=False, y=False)
        self._decades: tuple[int, int] | None = None  # set by the first losses
        self._draw_accuracy()
        self.tail.start()

    @staticmethod
    def _curve(
        widget: pg.PlotWidget,
        pen,
        method: str = "peak",
        per_pixel: float = 0.5,
        **opts,
    ) -> pg.PlotDataItem:
        curve = pg.PlotDataItem(pen=pen, connect="finite", **opts)
        widget.addItem(curve)  # first: PlotItem.addItem imposes its own downsampling mode
        # Draw about `per_pixel` bins per pixel of what is visible, however long the race
        # ("peak" keeps each bin's lowest and highest value, so a noisy curve keeps its
        # band). Painting time grows with the points drawn.
        curve.setDownsampling(auto=True, method=method)
        curve.opts["autoDownsampleFactor"] = per_pixel  # no setter; the default is 5
        curve.setClipToView(True)
        return curve

    def add(self, chunk: Chunk) -> None:
        """Store a chunk's values and redraw the loss curves (the others: `draw_secondary`)."""
        n = len(chunk.iterations)
        drawn_to = self.iterations
        if n:
            rows = chunk.iterations - 1
            self.loss[rows] = _finite(chunk.loss)
            self.smooth_loss[rows] = _finite(chunk.smooth_loss)
            self.lr[rows] = _finite(chunk.lr)
            self.iterations = int(chunk.iterations[-1])
        for iteration, accuracy in zip(chunk.evaluations, chunk.accuracy, strict=True):
            self.evaluations.append(int(iteration))
            self.accuracy.append(accuracy)
        n = self.iterations
        x = np.arange(1, n + 1)
        for k in range(len(self.labels)):
            self.raw[k].setData(x, self.loss[:n, k])
            self.smooth[k].setData(x, self.smooth_loss[:n, k])
        self._accuracy_dirty |= bool(len(chunk.evaluations))
        self.tail.grew(drawn_to, self.iterations)
        if len(chunk.iterations):
            self._fit_loss_axis(chunk.loss)
        self._mark_diverged(chunk)

    def _fit_loss_axis(self, new_loss: np.ndarray) -> None:
        """Keep the losses in view, in whole decades, moving the axis as rarely as possible.

        The top is fixed by the first loss (all networks start equal): one decade above it.
        A spike or a diverging run leaves the chart there rather than squeezing every other
        curve into the bottom of the plot. The bottom only ever moves down.
        """
        finite = new_loss[np.isfinite(new_loss) & (new_loss > 0)]
        if not len(finite):
            return
        low = math.floor(math.log10(finite.min()))
        if self._decades is None:
            first = new_loss[0][np.isfinite(new_loss[0]) & (new_loss[0] > 0)]
            top = math.ceil(math.log10(first.max() if len(first) else finite.max())) + 1
            decades = (min(low, top - MIN_DECADES), top)
        else:
            decades = (min(low, self._decades[0]), self._decades[1])
        if decades != self._decades:
            self._decades = decades
            self.loss_plot.getPlotItem().setYRange(*decades, padding=0.02)

    def draw_secondary(self) -> None:
        """Redraw the accuracy plot if there are new evaluations, the learning rates now and
        then. Called a moment after `add`, so that Qt paints the two halves separately."""
        if self._accuracy_dirty:
            self._draw_accuracy()
        if time.perf_counter() - self._lr_drawn_at >= LR_REDRAW_INTERVAL:
            self._draw_lr()

    def finish(self) -> None:
        """Draw what throttled redraws may have left out (the race has ended)."""
        self._draw_accuracy()
        self._draw_lr()
        self.tail.stop()

    def _draw_lr(self) -> None:
        self._lr_drawn_at = time.perf_counter()
        n = self.iterations
        x = np.arange(1, n + 1)
        for k, curve in enumerate(self.lr_curves):
            curve.setData(x, self.lr[:n, k])
        rates = self.lr[:n][np.isfinite(self.lr[:n]) & (self.lr[:n] > 0)]
        if len(rates):
            # Learning rates differ by powers of ten (SGD 0.01, Adam 0.001): a log axis of
            # whole decades, at least two, so that its labels are decades only.
            high = math.ceil(math.log10(rates.max()) + 1e-9)
            low = min(math.floor(math.log10(rates.min())), high - 2)
            if (low, high) != self._lr_decades:
                self._lr_decades = (low, high)
                self.lr_plot.getPlotItem().setYRange(low, high, padding=0.05)
                # Decades only: over a short range the log axis labels every minor tick too,
                # one on top of the other.
                decades = [(d, f"{10.0**d:g}") for d in range(low, high + 1)]
                self.lr_plot.getAxis("left").setTicks([decades, []])

    def _draw_accuracy(self) -> None:
        self._accuracy_dirty = False
        x = np.array(self.evaluations, dtype=float)
        y = np.array(self.accuracy) * 100
        for k, curve in enumerate(self.accuracy_curves):
            curve.setData(x, _finite(y[:, k]))

    def _mark_diverged(self, chunk: Chunk) -> None:
        """A × at the last finite loss of each diverged optimizer; "(diverged)" in the legend."""
        for k, status in enumerate(chunk.status):
            if status != "diverged" or self.markers[k].xData is not None:
                continue
            finite = np.flatnonzero(np.isfinite(self.loss[: self.iterations, k]))
            if len(finite):
                last = finite[-1]
                # On the chart's top edge if the loss left it there (the axis stops a decade
                # above the first loss).
                top = 10.0 ** self._decades[1] if self._decades else np.inf
                self.markers[k].setData([last + 1], [min(self.loss[last, k], top)])
            self.diverged.add(k)
            self._show_legend()
            self.tail.full()

    def _show_legend(self) -> None:
        entries = []
        for k, (label, color) in enumerate(zip(self.labels, self.colors, strict=True)):
            note = " (diverged)" if k in self.diverged else ""
            entries.append(
                f'<span style="color:{color}; font-weight:bold;">━━ {html.escape(label)}'
                f"{note}</span>"
            )
        mark = ", × diverged" if self.diverged else ""
        self.legend.setText(
            "&nbsp;&nbsp; ".join(entries)
            + f'&nbsp;&nbsp; <span style="color:#555;">(faint: each batch, bold: smoothed{mark})'
            "</span>"
        )

    def curve_data(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The raw loss curve of optimizer k as given to the plot (x, y; before log scale and
        downsampling): for tests."""
        return self.raw[k].getOriginalDataset()

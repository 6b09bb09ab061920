"""The training tab's curves: loss (raw and smoothed), test accuracy and learning rate.

Every item is built once per race (`reset`); progress only updates data (`setData`), at
most as often as the runner delivers it (~20 times a second). Painting is what can stall
the GUI, so each choice here was measured: see the comments and benchmarks/bench_training.py.
The drawing items (binned curves, one-item curve layers, strip repaints, the light grid)
are in training_curves.py.
"""

from __future__ import annotations

import html
import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from optviz.ui import style
from optviz.ui.i18n import FollowsLanguage
from optviz.ui.landscape_view import shown_label
from optviz.ui.training_curves import (
    X_PADDING,
    CurveBins,
    CurveLayer,
    LayerCurve,
    TailRepaint,
    bin_size,
    curve_plot,
    log10_or_nan,
    tint,
)
from optviz.ui.training_process import Chunk, Ready

# The raw mini-batch loss is a faint band under the smoothed line: the run's colour mixed
# with white, opaque and not antialiased. A translucent or antialiased 2 px line costs 5×
# more to paint (measured: 130 → 25 ms a frame for 5 × 2,000 points), and the GUI must
# never stall.
RAW_TINT = 0.35  # of the colour; the rest is white
LR_REDRAW_INTERVAL = 0.5  # s; learning rates change slowly, their plot need not repaint often
SMOOTH_WIDTH = 3.0
RAW_WIDTH = 2.0
MIN_DECADES = 3  # the loss axis spans at least this many powers of ten
# Bins per pixel of the plot's width: raw loss and learning rate one bin per 2 px (drawn as
# its lowest and highest value), the smoothed loss one per 4 px (its mean; already smooth,
# a point every 4 px draws the same line).
RAW_BINS_PER_PIXEL = 0.5
SMOOTH_BINS_PER_PIXEL = 0.25
FIRST_ROWS = 4096  # iterations stored before the storage first grows (then it doubles)
REBIN_DELAY_MS = 150  # after the last resize


def _finite(values: np.ndarray) -> np.ndarray:
    """Non-finite → NaN: the curve stops there (drawn with connect="finite")."""
    return np.where(np.isfinite(values), values, np.nan)


class TrainingPlots(FollowsLanguage, QWidget):
    """Loss (large, left), test accuracy and learning rate (right), x linked."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.loss_plot = curve_plot(log_y=True)
        self.accuracy_plot = curve_plot(log_y=False)
        self.lr_plot = curve_plot(log_y=True)
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
        self.legend.setContentsMargins(6, 0, 0, 0)  # the first swatch clear of the edge
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
        self.labels: list[str] = []  # the racing optimizers', as the race names them
        self.diverged: set[int] = set()
        self.colors: list[str] = []
        self.raw: list[LayerCurve] = []
        self.smooth: list[LayerCurve] = []
        self.accuracy_curves: list[pg.PlotDataItem] = []
        self.lr_curves: list[LayerCurve] = []
        self.layers: dict[pg.PlotWidget, CurveLayer] = {}
        self.markers: list[pg.PlotDataItem] = []
        self.bins: dict[str, CurveBins] = {}  # "raw", "smooth" (loss plot), "lr"
        self.total = 0
        self.iterations = 0
        # Every value so far, rows = iterations; the first `iterations` rows are filled.
        self.loss = self.smooth_loss = self.lr = np.zeros((0, 0))
        self._lr_range = (math.inf, -math.inf)  # finite positive learning rates seen
        self.evaluations: list[int] = []
        self.accuracy: list[np.ndarray] = []
        self.tail = TailRepaint(self.loss_plot)
        # A resize may change the bins; rebuilding them goes over every stored value, so
        # once the plots have settled (a splitter drag resizes them many times a second).
        self._rebin_later = QTimer(self)
        self._rebin_later.setSingleShot(True)
        self._rebin_later.setInterval(REBIN_DELAY_MS)
        self._rebin_later.timeout.connect(self._rebin)
        for widget in (self.loss_plot, self.lr_plot):
            widget.getPlotItem().getViewBox().sigResized.connect(self._rebin_later.start)
        self.retranslate()

    def retranslate(self) -> None:
        """Titles, axis labels and legend in the installed language (also run on every
        LanguageChange)."""
        titles = (self.tr("Training loss"), self.tr("Test accuracy (%)"), self.tr("Learning rate"))
        widgets = (self.loss_plot, self.accuracy_plot, self.lr_plot)
        for widget, title in zip(widgets, titles, strict=True):
            plot = widget.getPlotItem()
            plot.setTitle(title)  # in the size and colour _plot set
            plot.setLabel("bottom", self.tr("iteration"))
        if self.labels:
            self._show_legend()

    def reset(self, ready: Ready, colors: list[str]) -> None:
        """New race: one set of curves per optimizer, empty, on an x range of 0..total."""
        for widget, items in (
            (self.loss_plot, self.markers),
            (self.accuracy_plot, self.accuracy_curves),
            *((widget, [layer]) for widget, layer in self.layers.items()),
        ):
            for item in items:
                widget.removeItem(item)  # not clear(): that would remove the grid too
        self.labels, self.colors = list(ready.labels), list(colors)
        self.diverged: set[int] = set()
        self._show_legend()
        k, total = len(ready.labels), ready.total
        # Room for the first iterations only: a race of 10,000,000 iterations must start at
        # once (3 × 10⁷ × K floats took seconds to allocate); `_store` grows it.
        rows = min(total, FIRST_ROWS)
        self.loss, self.smooth_loss, self.lr = (np.full((rows, k), np.nan) for _ in range(3))
        self._lr_range = (math.inf, -math.inf)
        self.total = total
        self.iterations = 0
        self.evaluations = [0]
        self.accuracy = [np.asarray(ready.initial_accuracy, dtype=float)]
        self.raw, self.smooth, self.accuracy_curves, self.lr_curves, self.markers = (
            [], [], [], [], []
        )  # fmt: skip
        self._lr_drawn_at = -np.inf
        self._lr_decades: tuple[int, int] | None = None
        self._accuracy_dirty = False
        self.layers = {self.loss_plot: CurveLayer(total), self.lr_plot: CurveLayer(total)}
        for widget, layer in self.layers.items():
            widget.addItem(layer, ignoreBounds=True)
        loss_layer, lr_layer = self.layers.values()
        for color in colors:
            raw = loss_layer.add(pg.mkPen(tint(color, RAW_TINT), width=RAW_WIDTH), antialias=False)
            smooth = loss_layer.add(pg.mkPen(color, width=SMOOTH_WIDTH))
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
            self.lr_curves.append(lr_layer.add(pg.mkPen(color, width=2.5)))
        self.loss_plot.getPlotItem().setXRange(0, total, padding=X_PADDING)
        self.bins = {}
        self._rebin()
        # The loss axis moves in whole decades, only when a curve leaves it: a range that
        # follows every new low would redraw the axis (and everything) every frame.
        self.loss_plot.getPlotItem().enableAutoRange(x=False, y=False)
        self._decades: tuple[int, int] | None = None  # set by the first losses
        self._draw_accuracy()
        self.tail.start()

    @staticmethod
    def _curve(widget: pg.PlotWidget, pen, **opts) -> pg.PlotDataItem:
        """A curve of the evaluations (few points, with symbols), downsampled by pyqtgraph."""
        curve = pg.PlotDataItem(pen=pen, connect="finite", **opts)
        widget.addItem(curve)  # first: PlotItem.addItem imposes its own downsampling mode
        # About one bin per 2 px of what is visible, however many evaluations ("peak" keeps
        # each bin's lowest and highest value).
        curve.setDownsampling(auto=True, method="peak")
        curve.opts["autoDownsampleFactor"] = RAW_BINS_PER_PIXEL  # no setter; the default is 5
        curve.setClipToView(True)
        return curve

    def _rebin(self, *_args) -> None:
        """Choose the bins for the plots' widths; rebuild them from the stored values if
        they changed (a new race, a resized plot)."""
        if not self.labels:
            return
        loss_view = self.loss_plot.getPlotItem().getViewBox()
        sizes = {
            "raw": bin_size(loss_view, self.total, RAW_BINS_PER_PIXEL),
            "smooth": bin_size(loss_view, self.total, SMOOTH_BINS_PER_PIXEL),
            "lr": bin_size(self.lr_plot.getPlotItem().getViewBox(), self.total, RAW_BINS_PER_PIXEL),
        }
        methods = {"raw": "peak", "smooth": "mean", "lr": "peak"}
        stored = {"raw": self.loss, "smooth": self.smooth_loss, "lr": self.lr}
        n, k = self.iterations, len(self.labels)
        for name, size in sizes.items():
            if name in self.bins and self.bins[name].size == size:
                continue
            self.bins[name] = CurveBins(self.total, size, methods[name], k)
            self.bins[name].add(np.arange(1, n + 1), log10_or_nan(stored[name][:n]))
        self._draw_loss()
        self._draw_lr()
        self.tail.full()

    def _store(self, rows: np.ndarray, chunk: Chunk) -> None:
        """Keep the chunk's values, doubling the storage when it is full."""
        needed = int(rows[-1]) + 1
        if needed > len(self.loss):
            grown = max(needed, min(self.total, 2 * len(self.loss)))
            for name in ("loss", "smooth_loss", "lr"):
                old = getattr(self, name)
                new = np.full((grown, old.shape[1]), np.nan)
                new[: len(old)] = old
                setattr(self, name, new)
        self.loss[rows] = _finite(chunk.loss)
        self.smooth_loss[rows] = _finite(chunk.smooth_loss)
        self.lr[rows] = _finite(chunk.lr)

    def add(self, chunk: Chunk) -> None:
        """Store a chunk's values and redraw the loss curves (the others: `draw_secondary`)."""
        drawn_to = self.iterations
        iterations = chunk.iterations
        if len(iterations):
            self._store(iterations - 1, chunk)
            self.iterations = int(iterations[-1])
            self.bins["raw"].add(iterations, log10_or_nan(chunk.loss))
            self.bins["smooth"].add(iterations, log10_or_nan(chunk.smooth_loss))
            self.bins["lr"].add(iterations, log10_or_nan(chunk.lr))
            rates = chunk.lr[np.isfinite(chunk.lr) & (chunk.lr > 0)]
            if len(rates):
                low, high = self._lr_range
                self._lr_range = (min(low, rates.min()), max(high, rates.max()))
        for iteration, accuracy in zip(chunk.evaluations, chunk.accuracy, strict=True):
            self.evaluations.append(int(iteration))
            self.accuracy.append(accuracy)
        self._draw_loss()
        self._accuracy_dirty |= bool(len(chunk.evaluations))
        # What changed: from the point of the bin before the first bin that grew.
        widest = max((bins.size for bins in self.bins.values()), default=1)
        self.tail.grew(max(0, drawn_to + 1 - 2 * widest), self.iterations)
        if len(chunk.iterations):
            self._fit_loss_axis(chunk.loss)
        self._mark_diverged(chunk)

    def _draw_loss(self) -> None:
        for curves, name in ((self.raw, "raw"), (self.smooth, "smooth")):
            for k, curve in enumerate(curves):
                curve.setData(*self.bins[name].xy(k))

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
        for k, curve in enumerate(self.lr_curves):
            curve.setData(*self.bins["lr"].xy(k))
        smallest, largest = self._lr_range
        if smallest <= largest:
            # Learning rates differ by powers of ten (SGD 0.01, Adam 0.001): a log axis of
            # whole decades, at least two, so that its labels are decades only.
            high = math.ceil(math.log10(largest) + 1e-9)
            low = min(math.floor(math.log10(smallest)), high - 2)
            if (low, high) != self._lr_decades:
                self._lr_decades = (low, high)
                # Its LogAxis labels what fits: decades, or every few over a wide range.
                self.lr_plot.getPlotItem().setYRange(low, high, padding=0.05)

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
            label = shown_label(label)  # "Momentum" → 动量
            note = self.tr(" (diverged)") if k in self.diverged else ""
            entries.append(
                f'<span style="color:{color}; font-weight:bold;">━━ {html.escape(label)}'
                f"{note}</span>"
            )
        mark = self.tr(", × diverged") if self.diverged else ""
        self.legend.setText(
            "&nbsp;&nbsp; ".join(entries)
            + '&nbsp;&nbsp; <span style="color:#555;">'
            + self.tr("(faint: each batch, bold: smoothed{mark})").format(mark=mark)
            + "</span>"
        )

    def curve_data(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The raw loss curve of optimizer k as stored for the plot (x, y; before log scale
        and binning): for tests."""
        n = self.iterations
        return np.arange(1, n + 1), self.loss[:n, k]

"""Loss, distance-to-minimum and learning-rate curves, linked to the playback position."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from optviz.ui import style
from optviz.ui.i18n import FollowsLanguage

TICK_FONT = QFont()
TICK_FONT.setPointSize(10)
TITLE_SIZE = "12pt"
# The step cursor: a mid grey shows on the light and the dark plot background alike.
CURSOR_COLOR = "#888888"
PLOT_MIN_HEIGHT = 110
SPACING = 2
MIN_HEIGHT = 3 * PLOT_MIN_HEIGHT + 2 * SPACING  # of the three, stacked
# What the three ask for (pyqtgraph's 600×480 a PlotWidget): the main window's placeholder
# asks the same, so its splitter divides the column alike before they are built.
SIZE_HINT = (600, 3 * 480 + 2 * SPACING)


class LogAxis(pg.AxisItem):
    """A log axis whose labels never overlap: 1, 2 and 5 of each decade when a decade has
    room for them (pyqtgraph labels every minor tick of a short range, 0.2 … 3, and 0.6, 0.7,
    0.8, 0.9 overlap below the 1), only the decades when it has not, and only every second,
    fifth … decade when even those would touch (a learning rate from 10⁻³ to 10⁶ in a short
    plot)."""

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph override
        strings = super().logTickStrings(values, scale, spacing)
        values = np.asarray(values, dtype=float)
        mantissas = 10 ** (values % 1.0)
        every, minor = self.label_spacing()
        shown = []
        for text, value, mantissa in zip(strings, values, mantissas, strict=True):
            decade = np.isclose(mantissa, [1, 10], rtol=1e-6).any()
            if decade:
                keep = round(value) % every == 0
            else:
                keep = minor and np.isclose(mantissa, [2, 5], rtol=1e-6).any()
            shown.append(text if keep else "")
        return shown

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802 - pyqtgraph override
        """pyqtgraph's levels, without the decades again among the minor ticks: a label drawn
        twice on the same spot looks bold."""
        levels = super().logTickValues(minVal, maxVal, size, stdTicks)
        major = {round(v, 9) for spacing, values in levels if spacing is not None for v in values}
        return [
            (
                spacing,
                values if spacing is not None else [v for v in values if round(v, 9) not in major],
            )
            for spacing, values in levels
        ]

    def label_spacing(self) -> tuple[int, bool]:
        """(label every n-th decade, label 2 and 5 too) for the axis's length and range."""
        low, high = self.range
        decades = max(abs(high - low), 1e-9)
        rect = self.geometry()
        length = rect.height() if self.orientation in ("left", "right") else rect.width()
        if length <= 0:  # not laid out yet: as if there were room
            return 1, True
        font = self.style.get("tickFont") or QFont()
        line = QFontMetricsF(font).height()
        per_decade = length / decades
        every = next(
            n for n in (1, 2, 5, 10, 20, 50, 100) if n * per_decade >= 1.5 * line or n == 100
        )
        return every, per_decade >= 4 * line


def _plot(log_y: bool) -> pg.PlotWidget:
    # Colours are the light theme's; Presentation's theme_plots re-colours for the dark one.
    axes = {"left": LogAxis("left")} if log_y else {}
    # No context menu (it offers nothing here); without one a plot builds 2–3 ms faster.
    widget = pg.PlotWidget(background="w", axisItems=axes, enableMenu=False)
    plot = widget.getPlotItem()
    plot.setTitle(" ", size=TITLE_SIZE, color="#222")
    plot.setLogMode(x=False, y=log_y)
    plot.showGrid(x=True, y=True, alpha=0.25)
    style.plain_axes(plot)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setTickFont(TICK_FONT)
        axis.setTextPen(pg.mkPen("#222"))
        axis.setPen(pg.mkPen("#555"))
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    widget.setMinimumHeight(PLOT_MIN_HEIGHT)
    return widget


class StepCursor(pg.InfiniteLine):
    """The playback position: outside the views' bounds, and its moves are not reported to
    the view (pyqtgraph re-fits a view that follows its curves whenever any of its items
    moves, even one outside its bounds: all three views, every frame of playback)."""

    def informViewBoundsChanged(self) -> None:  # noqa: N802 - pyqtgraph override
        pass


class SidePlots(FollowsLanguage, QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        self.loss = _plot(log_y=True)
        self.distance = _plot(log_y=True)
        self.lr = _plot(log_y=False)
        self.plots = (self.loss, self.distance, self.lr)
        for widget in self.plots:
            layout.addWidget(widget)
        self.distance.setXLink(self.loss)
        self.lr.setXLink(self.loss)
        self._loss_offset = 0.0
        self.retranslate()
        self._curves: dict[pg.PlotWidget, list[pg.PlotDataItem]] = {w: [] for w in self.plots}
        self._cursors = []
        for widget in self.plots:
            line = StepCursor(
                angle=90,
                pen=pg.mkPen(CURSOR_COLOR, width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine),
            )
            widget.addItem(line, ignoreBounds=True)
            self._cursors.append(line)

    def retranslate(self) -> None:
        """Titles in the installed language (also run on every LanguageChange). The title
        colour is left as it is: the theme sets it."""
        loss = self.tr("loss − f_min") if self._loss_offset else self.tr("loss")
        for widget, title in (
            (self.loss, loss),
            (self.distance, self.tr("distance to minimum")),
            (self.lr, self.tr("learning rate")),
        ):
            widget.getPlotItem().setTitle(title, size=TITLE_SIZE)
        style.set_axis_title(self.lr.getPlotItem().getAxis("bottom"), self.tr("step"), "11pt")

    def set_runs(
        self,
        loss: np.ndarray,
        distance: np.ndarray,
        lr: np.ndarray,
        colors: list[str],
        loss_offset: float = 0.0,
    ) -> None:
        """Arrays (n_runs, steps + 1) — lr (n_runs, steps). `loss_offset` (the surface's
        minimum value) is subtracted so that a log axis works for surfaces with f_min ≠ 0."""
        n = loss.shape[0]
        steps = np.arange(loss.shape[1])
        with np.errstate(all="ignore"):
            shifted = loss - loss_offset
            shifted = np.where(shifted > 0, shifted, np.nan)
            dist = np.where(distance > 0, distance, np.nan)
        retitle = bool(loss_offset) != bool(self._loss_offset)  # "loss" ↔ "loss − f_min"
        self._loss_offset = loss_offset
        if retitle:
            self.retranslate()
        data = {self.loss: shifted, self.distance: dist, self.lr: lr}
        for widget, values in data.items():
            curves = self._curves[widget]
            while len(curves) < n:
                curve = widget.plot()
                # Long runs: draw at most about one point per pixel column.
                curve.setDownsampling(auto=True, method="peak")
                curve.setClipToView(True)
                # Only the step cursor moves during playback: cache the curves as pixmaps.
                curve.curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
                curves.append(curve)
            for k, curve in enumerate(curves):
                if k < n:
                    row = values[k]
                    x = steps[: row.shape[0]]
                    good = np.isfinite(row)
                    curve.setData(x[good], row[good])
                    curve.setPen(pg.mkPen(colors[k], width=style.LINE_WIDTH - 0.5))
                    curve.setVisible(True)
                else:
                    curve.setVisible(False)
        has_minima = np.isfinite(distance).any()
        self.distance.setVisible(bool(has_minima))
        for widget in self.plots:
            widget.getPlotItem().enableAutoRange()

    def set_step(self, step: int) -> None:
        for line in self._cursors:
            line.setValue(step)

"""A colour bar for the surface view: the colour map's gradient beside a value axis.

pyqtgraph's ColorBarItem is a whole PlotItem (a view box, four axes, menus, a level editor
the map does not use) and took 12–16 ms of the window's start-up (issue #3); this is a
gradient and one axis. The axis is a pyqtgraph AxisItem, so the themes and presentation
mode (which re-colour and re-size every AxisItem) reach it as they reach the plots' axes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsGridLayout, QSizePolicy

LABEL_NUDGE = 5  # pyqtgraph's AxisItem.resizeEvent


class _BarAxis(pg.AxisItem):
    """The value axis; the bar's frame takes its pen, so a theme change repaints both."""

    def __init__(self, bar: _Gradient):
        self.bar = bar  # before AxisItem's __init__, which sets the pen
        super().__init__("right")

    def setPen(self, *args, **kwargs) -> None:  # noqa: N802 - pyqtgraph override
        super().setPen(*args, **kwargs)
        self.bar.update()

    def setLabel(self, *args, **kwargs) -> None:  # noqa: N802 - pyqtgraph override
        super().setLabel(*args, **kwargs)
        # pyqtgraph places the title only when the axis is resized, and this one has a fixed
        # width: a larger font would keep the old place and run past the edge.
        self.resizeEvent()


class _Gradient(pg.GraphicsWidget):
    """The colour map from its low end (bottom) to its high end (top), framed."""

    def __init__(self, lut: np.ndarray, width: int):
        super().__init__()
        self.setFixedWidth(width)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.axis: _BarAxis | None = None
        rows = np.ascontiguousarray(lut[::-1, None, :])  # top row: the high end
        image = QImage(rows.data, 1, len(rows), 3, QImage.Format.Format_RGB888)
        self.image = image.copy()  # owns its pixels (`rows` is freed on return)

    def paint(self, painter: QPainter, *_args) -> None:
        rect = QRectF(self.rect())
        painter.drawImage(rect, self.image)
        if self.axis is not None:
            pen = pg.mkPen(self.axis.pen())
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawRect(rect)


class ColourBar(pg.GraphicsWidget):
    """`setLevels((low, high))` sets the values at the two ends; `getAxis("right")` is the
    value axis (as on a ColorBarItem, so callers read alike). `lut`: the colour map's
    (256, 3) uint8 table, the one the heatmap is coloured with."""

    def __init__(self, colormap: pg.ColorMap, width: int = 18):
        super().__init__()
        self.lut = colormap.getLookupTable(0.0, 1.0, 256, alpha=False).astype(np.uint8)
        self.bar = _Gradient(self.lut, width)
        self.axis = _BarAxis(self.bar)  # its range starts as 0 … 1
        self.bar.axis = self.axis
        # "(×0.001)" beside a colour scale puzzles more than it helps, as on the map's axes.
        self.axis.enableAutoSIPrefix(False)
        layout = QGraphicsGridLayout(self)
        # pyqtgraph puts a right axis's title LABEL_NUDGE px beyond the axis: room for it, or
        # the window's edge clips the title's descenders ("log₁₀(f − f_min)" lost its "_").
        layout.setContentsMargins(0, 0, LABEL_NUDGE + 3, 0)
        layout.setHorizontalSpacing(0)
        layout.addItem(self.bar, 0, 0)
        layout.addItem(self.axis, 0, 1)

    def setLevels(self, levels: tuple[float, float]) -> None:  # noqa: N802 - as ColorBarItem
        low, high = (float(v) for v in levels)
        self.axis.setRange(low, high)

    def levels(self) -> tuple[float, float]:
        low, high = self.axis.range
        return (low, high)

    def getAxis(self, name: str) -> pg.AxisItem:  # noqa: N802 - as ColorBarItem
        if name != "right":
            raise KeyError(f"a colour bar has one axis, 'right', not {name!r}")
        return self.axis

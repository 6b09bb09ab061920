"""The finished part of every trajectory, painted once into one cached layer.

While the race plays, each frame used to re-stroke every whole path (six wide antialiased
lines plus their white halos): 17 ms a frame for 2,000-step paths at 1600×1000. The paths
only grow at their heads, so the surface view splits each one at a "frozen" step: the part
before it lives here, cached as one pixmap (all halos first, then all lines, as the
separate items were ordered), and only the short part after it is stroked per frame. The
frozen step moves in whole chunks, so this layer is re-painted once every CHUNK steps.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem

CHUNK = 64  # steps between re-paints of the frozen layer


def frozen_step(step: int) -> int:
    """The step up to which paths are drawn from the cached layer when showing `step`."""
    return (max(step, 0) // CHUNK) * CHUNK


class TrailLayer(pg.GraphicsObject):
    """Paths (halo pen, line pen) drawn in one item; cached in device coordinates."""

    def __init__(self):
        super().__init__()
        self._paths: list[tuple[QPainterPath, object, object]] = []
        self._bounds = QRectF()
        self._margin_px = 0.0
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_paths(self, segments: list[np.ndarray], halo_pen, line_pens: list) -> None:
        """segments: one (n, 2) array per run (n may be 0); line_pens: one pen per run."""
        self.prepareGeometryChange()
        self._paths = []
        bounds = QRectF()
        for segment, pen in zip(segments, line_pens, strict=True):
            if len(segment) < 2:
                continue
            path = pg.arrayToQPath(segment[:, 0], segment[:, 1], connect="finite")
            self._paths.append((path, halo_pen, pen))
            bounds = bounds.united(path.boundingRect())
        self._bounds = bounds
        widths = [halo_pen.widthF(), *(pen.widthF() for pen in line_pens)]
        self._margin_px = max(widths, default=0.0)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        if self._bounds.isNull():
            return QRectF()
        # The pens are cosmetic (pixels): widen the data rectangle by a pen width in pixels.
        px, py = self.pixelWidth() or 0.0, self.pixelHeight() or 0.0
        mx, my = px * self._margin_px, py * self._margin_px
        return self._bounds.adjusted(-mx, -my, mx, my)

    def viewTransformChanged(self) -> None:  # noqa: N802 - pyqtgraph hook
        # The margin is in pixels: a zoom changes it in data units.
        self.prepareGeometryChange()

    def paint(self, painter: QPainter, *_args) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for path, halo, _line in self._paths:
            painter.setPen(halo)
            painter.drawPath(path)
        for path, _halo, line in self._paths:
            painter.setPen(line)
            painter.drawPath(path)

"""The finished part of every trajectory, painted once into one layer of its own.

While the race plays, each frame used to re-stroke every whole path (six wide antialiased
lines plus their white halos): 17 ms a frame for 2,000-step paths at 1600×1000. The paths
only grow at their heads, so the surface view splits each one at a "frozen" step: the part
before it lives here, and only the short part after it is stroked per frame. The frozen step
moves in whole chunks. On screen the layer keeps its own image of the view: when the frozen
step moves on, only the new chunk is stroked onto it (the whole layer was re-stroked, which
made every CHUNK-th frame 20–40 ms long); a zoom, a resize, other runs or a step back paint
it whole again. Halos then lines, per chunk: a later chunk's halo passes over an earlier
line, as the live part of a path always did. Exports (SVG, PDF, images of their own size)
get the paths themselves.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPainterPath
from PySide6.QtWidgets import QWidget

CHUNK = 64  # steps between re-paints of the frozen layer


def frozen_step(step: int) -> int:
    """The step up to which paths are drawn from the cached layer when showing `step`."""
    return (max(step, 0) // CHUNK) * CHUNK


class TrailLayer(pg.GraphicsObject):
    """Paths (halo pen, line pen), drawn in one item from an image of the view it keeps."""

    def __init__(self):
        super().__init__()
        self._segments: list[np.ndarray] = []
        self._pens: tuple = ()  # (halo pen, line pens) the segments were given with
        self._paths: list[tuple[QPainterPath, object, object]] = []
        self._new: list[tuple[QPainterPath, object, object]] = []  # not on the image yet
        self._image: QImage | None = None
        self._image_key: tuple | None = None  # the device transform and size it was made for
        self._bounds = QRectF()
        self._margin_px = 0.0

    def set_paths(self, segments: list[np.ndarray], halo_pen, line_pens: list) -> None:
        """segments: one (n, 2) array per run (n may be 0); line_pens: one pen per run."""
        self.prepareGeometryChange()
        pens = (halo_pen, *line_pens)
        grown = len(pens) == len(self._pens) and all(
            a is b for a, b in zip(pens, self._pens, strict=True)
        )
        grown = grown and all(
            _carries_on(new, old) for new, old in zip(segments, self._segments, strict=True)
        )
        if grown:  # the same paths, longer: stroke only what was added onto the image
            for new, old, pen in zip(segments, self._segments, line_pens, strict=True):
                added = new[max(len(old) - 2, 0) :]  # from the last shared point: it joins
                if len(added) >= 2 and not np.array_equal(new, old):
                    self._new.append((_path(added), halo_pen, pen))
        else:
            self._image = None
            self._new = []
        self._segments, self._pens = [np.array(seg) for seg in segments], pens
        self._paths = []
        bounds = QRectF()
        for segment, pen in zip(segments, line_pens, strict=True):
            if len(segment) < 2:
                continue
            path = _path(segment)
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

    def paint(self, painter: QPainter, _option=None, widget=None) -> None:
        device = painter.device()
        if widget is None or not isinstance(device, QWidget):  # an export: the paths
            _stroke(painter, self._paths)
            return
        transform = painter.transform()
        ratio = device.devicePixelRatioF()
        key = (
            transform.m11(), transform.m12(), transform.m21(), transform.m22(),
            transform.dx(), transform.dy(), device.width(), device.height(), ratio,
        )  # fmt: skip
        if self._image is None or key != self._image_key:
            self._image = QImage(
                round(device.width() * ratio),
                round(device.height() * ratio),
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            self._image.setDevicePixelRatio(ratio)
            self._image.fill(Qt.GlobalColor.transparent)
            self._image_key = key
            self._new = list(self._paths)
        if self._new:
            image_painter = QPainter(self._image)
            image_painter.setTransform(transform)
            _stroke(image_painter, self._new)
            image_painter.end()
            self._new = []
        painter.save()
        painter.resetTransform()
        painter.drawImage(QPointF(0, 0), self._image)
        painter.restore()


def _carries_on(new: np.ndarray, old: np.ndarray) -> bool:
    """Whether path `new` is `old` carried on. `old`'s last point is its end step's, kept
    even where thinning drops it from a longer path: the points before it must be the same.
    """
    if len(old) == 0:
        return True
    return len(new) >= len(old) and np.array_equal(new[: len(old) - 1], old[:-1])


def _path(segment: np.ndarray) -> QPainterPath:
    return pg.arrayToQPath(segment[:, 0], segment[:, 1], connect="finite")


def _stroke(painter: QPainter, paths: list) -> None:
    """All halos first, then all lines."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for path, halo, _line in paths:
        painter.setPen(halo)
        painter.drawPath(path)
    for path, _halo, line in paths:
        painter.setPen(line)
        painter.drawPath(path)

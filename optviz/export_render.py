"""Drawing a view at any size, re-rendered rather than scaled up from a screen grab.

An export of W × H pixels is laid out like a window of W/s × H/s pixels and painted at a
pixel ratio s (`layout_scale`): a 3840 × 2160 image is the 1280 × 720 layout at 3×, as a
high-DPI screen would show it. Qt alone does not get there: pyqtgraph draws with *cosmetic*
pens, whose width stays in device pixels under any transform or pixel ratio (a 4K export
would be all hairlines), caches some layers as pixmaps of screen resolution, and keeps the
legend from scaling. `paint_scene` undoes each of those for the length of one paint.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPicture, QResizeEvent, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsWidget,
    QWidget,
)

from optviz.engine.errors import OptvizError

REFERENCE_SIZE = (1280, 720)  # the layout of an export; bigger ones are it at a higher ratio
# Layout pixels around a plot: the top tick label is centred on the top edge and would be cut.
MARGIN = 8
SMALLEST_LAYOUT = (640, 360)  # smaller exports are this layout at a pixel ratio below 1
RENDER_HINTS = (
    QPainter.RenderHint.Antialiasing
    | QPainter.RenderHint.TextAntialiasing
    # The heatmap is a few hundred samples wide: interpolate it rather than show blocks.
    | QPainter.RenderHint.SmoothPixmapTransform
)


class ExportError(OptvizError):
    """An export could not be made; the message says why, for the user."""


def layout_scale(width: int, height: int) -> float:
    """Device pixels per layout pixel: 3 for 3840 × 2160, 1.5 for 1920 × 1080.

    Between 640 × 360 and 1280 × 720 an export is laid out like a window of its own size;
    smaller ones are the 640 × 360 layout, shrunk.
    """
    large = min(width / REFERENCE_SIZE[0], height / REFERENCE_SIZE[1])
    small = min(1.0, width / SMALLEST_LAYOUT[0], height / SMALLEST_LAYOUT[1])
    return max(large, small)


class ScaledPenPainter(QPainter):
    """A QPainter that widens cosmetic pens by `pen_scale`.

    pyqtgraph items paint in Python and call `setPen` on this very object, so their lines
    come out `pen_scale` times wider, as on a screen with that pixel ratio.
    """

    def __init__(self, device, pen_scale: float):
        super().__init__(device)
        self.pen_scale = pen_scale

    def setPen(self, pen) -> None:  # noqa: N802 - QPainter override
        pen = QPen(pen)
        if pen.isCosmetic() and pen.style() != Qt.PenStyle.NoPen:
            # Width 0 means "one device pixel" to Qt.
            pen.setWidthF(max(pen.widthF(), 1.0) * self.pen_scale)
        super().setPen(pen)


def background_color(widget: QWidget) -> QColor:
    """The colour behind a view (pyqtgraph keeps it on the view, not in the scene)."""
    if isinstance(widget, pg.GraphicsView):
        brush = widget.backgroundBrush()
        if brush.style() != Qt.BrushStyle.NoBrush:
            return brush.color()
    return widget.palette().window().color()


@contextmanager
def laid_out(view: pg.GraphicsView, width: float, height: float) -> Iterator[QRectF]:
    """Lay the scene of `view` out as if the view were `width` × `height` (layout pixels).

    Only the scene changes, never the widget, and it is put back before anything else can
    paint: the window on screen never shows the export's layout. Axis links are undone
    meanwhile: a linked axis follows the other plot's pixels, not its own data.
    """
    central = view.centralWidget
    before, margins = central.geometry(), central.getContentsMargins()
    links = []
    for box in (i for i in view.scene().items() if isinstance(i, pg.ViewBox)):
        for axis in (pg.ViewBox.XAxis, pg.ViewBox.YAxis):
            other = box.linkedView(axis)
            if other is not None:
                links.append((box, axis, other))
                box.linkView(axis, None)
    # Axes widen for longer tick labels and never narrow again: keep their sizes.
    axes = [(a, _axis_size(a)) for a in view.scene().items() if isinstance(a, pg.AxisItem)]
    rect = QRectF(0, 0, width, height)
    central.setContentsMargins(*(max(m, MARGIN) for m in margins))
    central.setGeometry(rect)
    _relayout(central)
    try:
        yield rect
    finally:
        for axis, size in axes:
            _set_axis_size(axis, size)
        central.setContentsMargins(*margins)
        central.setGeometry(before)
        _relayout(central)
        for box, axis, other in links:
            box.linkView(axis, other)


def _axis_size(axis: pg.AxisItem) -> tuple:
    return (
        axis.textWidth,
        axis.textHeight,
        axis.minimumWidth(),
        axis.maximumWidth(),
        axis.minimumHeight(),
        axis.maximumHeight(),
    )


def _set_axis_size(axis: pg.AxisItem, size: tuple) -> None:
    axis.textWidth, axis.textHeight = size[:2]
    axis.setMinimumWidth(size[2])
    axis.setMaximumWidth(size[3])
    axis.setMinimumHeight(size[4])
    axis.setMaximumHeight(size[5])
    axis.picture = None  # drawn again with the screen's sizes


def _relayout(widget: QGraphicsWidget) -> None:
    """Apply a margin change now (Qt would wait for the next event-loop turn)."""
    layout = QGraphicsWidget.layout(widget)  # pyqtgraph's PlotItem hides the method
    if layout is not None:
        layout.activate()


def relayout_plots(widget: QWidget) -> None:
    """`_relayout` the plot of every pyqtgraph view in `widget` (and of `widget` itself)."""
    views = [widget] if isinstance(widget, pg.GraphicsView) else []
    for view in views + widget.findChildren(pg.GraphicsView):
        _relayout(view.centralWidget)


@contextmanager
def _export_state(scene: QGraphicsScene, painter: QPainter, scale: float) -> Iterator[None]:
    """Every item of `scene` ready to be painted at `scale`, and back afterwards."""
    items = scene.items()
    options = {"antialias": True, "painter": painter, "resolutionScale": scale}
    cached, unpinned, axes = [], [], []
    try:
        for item in items:
            if item.cacheMode() != QGraphicsItem.CacheMode.NoCache:
                # A cache is a pixmap at screen resolution, painted without our pens.
                cached.append((item, item.cacheMode()))
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            if item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations:
                parent = item.parentItem()
                # The legend keeps its pixel size under zoom; under our scale it must grow.
                # Safe only where the parent itself is not scaled (the view box is not).
                if parent is None or _only_moves(parent.sceneTransform()):
                    unpinned.append(item)
                    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, False)
            if isinstance(item, pg.AxisItem):
                # Axes replay a QPicture, which bypasses ScaledPenPainter.setPen.
                pen, tick_pen = item.pen(), item.tickPen()
                axes.append((item, pen, tick_pen, tick_pen == pen))
                item.setPen(_widened(pen, scale))
                item.setTickPen(_widened(tick_pen, scale))
            if hasattr(item, "setExportMode"):
                # Scatter symbols are sized in device pixels; pyqtgraph scales them by this.
                item.setExportMode(True, options)
        yield
    finally:
        for item in items:
            if hasattr(item, "setExportMode"):
                item.setExportMode(False)
        for item, pen, tick_pen, tick_follows_pen in axes:
            item.setPen(pen)
            if tick_follows_pen:
                item.setTickPen()
            else:
                item.setTickPen(tick_pen)
        for item in unpinned:
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        for item, mode in cached:
            item.setCacheMode(mode)


def _only_moves(transform: QTransform) -> bool:
    return transform.type().value <= QTransform.TransformationType.TxTranslate.value


def _widened(pen: QPen, scale: float) -> QPen:
    pen = QPen(pen)
    pen.setWidthF(max(pen.widthF(), 1.0) * scale)
    return pen


def paint_scene(view: pg.GraphicsView, painter: QPainter, rect: QRectF, scale: float) -> None:
    """Paint the part `rect` (scene coordinates) of the scene of `view` at `scale`.

    `painter` is a ScaledPenPainter whose transform already maps layout pixels to device
    pixels (it includes `scale`).
    """
    scene = view.scene()
    with _export_state(scene, painter, scale):
        scene.render(painter, rect, rect)


def new_painter(device, scale: float) -> ScaledPenPainter:
    painter = ScaledPenPainter(device, scale)
    painter.setRenderHints(RENDER_HINTS)
    return painter


def render_view(
    view: pg.GraphicsView,
    width: int,
    height: int,
    transparent: bool = False,
    scale: float | None = None,
) -> QImage:
    """A pyqtgraph view (PlotWidget and friends) as a width × height image."""
    scale = layout_scale(width, height) if scale is None else scale
    image = new_image(width, height, None if transparent else background_color(view))
    with laid_out(view, width / scale, height / scale) as rect:
        painter = new_painter(image, scale)
        try:
            painter.scale(scale, scale)
            paint_scene(view, painter, rect, scale)
        finally:
            painter.end()
    return image


def new_image(width: int, height: int, background: QColor | None) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(background if background is not None else QColor(0, 0, 0, 0))
    return image


@contextmanager
def resized(widget: QWidget, width: int, height: int) -> Iterator[None]:
    """The widget at another size for one paint (its layout puts it back on the next turn
    anyway; we do it at once)."""
    hidden = not widget.isVisible()
    if hidden:
        # The first render of a hidden widget lets its parent lay it out (a splitter puts
        # it back to its own size): have that happen now, not during the export's paint.
        scratch = QPicture()
        painter = QPainter(scratch)
        widget.render(painter, QPoint(0, 0))
        painter.end()
    before = widget.size()
    # A hidden widget's parent layout (the Training tab's stacked pages) would put it back to
    # the parent's size when it is painted: it is switched off meanwhile.
    parent = widget.parentWidget()
    held = parent.layout() if hidden and parent is not None else None
    held = held if held is not None and held.isEnabled() else None
    if held is not None:
        held.setEnabled(False)
    widget.resize(width, height)
    if hidden:
        _lay_out_hidden(widget)
    try:
        yield
    finally:
        widget.resize(before)
        if held is not None:
            held.setEnabled(True)


def _lay_out_hidden(widget: QWidget) -> None:
    """Lay out a widget that is not on screen (headless export) at its new size now.

    Qt lays out hidden widgets only when they are shown: their layouts are not yet
    active and their resize events stay pending, so a pyqtgraph view inside would keep
    its old scene size. Activate the layouts and deliver the pending resize events,
    parents before children, then lay out the plots inside the views.
    """
    pending = Qt.WidgetAttribute.WA_PendingResizeEvent
    for child in [widget, *widget.findChildren(QWidget)]:
        if child.layout() is not None:
            child.layout().activate()
        if child.testAttribute(pending):
            child.setAttribute(pending, False)
            QApplication.sendEvent(child, QResizeEvent(child.size(), QSize()))
    relayout_plots(widget)  # a plot's own layout (axes, view box) also waits for a request


def paint_widget(widget: QWidget, painter: ScaledPenPainter, scale: float) -> None:
    """Any widget, with the pyqtgraph views inside it painted again at `scale`.

    QWidget.render paints children with painters of its own, so their pyqtgraph lines would
    be hairlines: each view is painted over with `paint_scene` afterwards.
    """
    widget.render(painter, QPoint(0, 0))
    for view in widget.findChildren(pg.GraphicsView):
        if not view.isVisibleTo(widget) or view.width() <= 0 or view.height() <= 0:
            continue
        origin = view.mapTo(widget, QPoint(0, 0))
        rect = QRectF(0, 0, view.width(), view.height())
        painter.save()
        painter.translate(origin.x(), origin.y())
        painter.setClipRect(rect)
        painter.fillRect(rect, background_color(view))
        paint_scene(view, painter, view.sceneRect(), scale)
        painter.restore()


def render_widget(
    widget: QWidget,
    width: int,
    height: int,
    transparent: bool = False,
    scale: float | None = None,
) -> QImage:
    """Any widget (for example a panel of several plots) as a width × height image."""
    scale = layout_scale(width, height) if scale is None else scale
    image = new_image(width, height, None if transparent else background_color(widget))
    with resized(widget, round(width / scale), round(height / scale)):
        painter = new_painter(image, scale)
        try:
            painter.scale(scale, scale)
            paint_widget(widget, painter, scale)
        finally:
            painter.end()
    return image

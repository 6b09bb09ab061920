"""The main window's views as pictures: which widget draws which view, and drawing it.

render_image(window, "surface", 3840, 2160)  ->  QImage
draw(window, "loss", painter, width, height, scale)  (any paint device: SVG, PDF, ...)

The views of the Concepts tab draw the same way; for them `window` may also be the
ConceptsTab or the concept view itself (`concept_view`).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QPicture
from PySide6.QtWidgets import QApplication, QWidget

from optviz.export_render import (
    ExportError,
    background_color,
    laid_out,
    layout_scale,
    new_image,
    new_painter,
    paint_scene,
    paint_widget,
    relayout_plots,
    resized,
)

VIEWS = ("surface", "3d", "loss", "distance", "lr", "side", "training", "landscape")
VIEW_TITLES = {
    "surface": "Surface (2D)",
    "3d": "Surface (3D)",
    "loss": "Loss curves",
    "distance": "Distance to the minimum",
    "lr": "Learning rate",
    "side": "Loss, distance and learning rate",
    "training": "Training curves",
    "landscape": "Loss landscape",
    "ewa": "Exponentially weighted averages",
    "schedules": "Learning-rate schedules",
    "sweep": "Learning-rate sweep",
    "basins": "Basins of attraction",
    "backprop": "Back-propagation",
}
# The Concepts tab's views, named as the ConceptsTab's attributes. Each has `figure` (the
# widget an export draws) and `csv()` (the numbers its Save CSV writes).
CONCEPT_VIEWS = ("ewa", "schedules", "sweep", "basins", "backprop")
TAB_3D = 1  # the main window builds its 3D view when this tab is first shown
SETTLE_TIMEOUT_S = 5.0
GRID_RESOLUTION = 384  # as the main window's own heatmap


def view_widget(window, view: str) -> QWidget:
    """The widget on screen that draws `view` (the 3D view is created if need be)."""
    if view in CONCEPT_VIEWS:
        return concept_view(window, view).figure
    if view == "surface":
        return window.surface_view
    if view in ("loss", "distance", "lr"):
        return getattr(window.side_plots, view)
    if view == "side":
        return window.side_plots
    if view == "3d":
        if window.view3d is None:
            before = window.tabs.currentIndex()
            window.tabs.setCurrentIndex(TAB_3D)
            window.tabs.setCurrentIndex(before)  # same event-loop turn: nothing flashes
        return window.view3d
    if view == "training":
        tab = getattr(window, "training_tab", None)
        if tab is None:
            raise ExportError.of("this window has no training tab to export")
        return tab.plots  # the curves and their legend, not the settings beside them
    if view == "landscape":
        tab = getattr(window, "training_tab", None)
        if tab is None or tab.landscape.view.landscape is None:
            raise ExportError.of("no loss landscape to export: compute one first")
        return tab.landscape.figure  # its legend and plot
    raise ExportError.of(
        "unknown view {view} (use {known})", view=repr(view), known=", ".join(VIEWS)
    )


def concept_view(holder, view: str) -> QWidget:
    """The Concepts tab's view `view`; `holder` is that view, the ConceptsTab or the window."""
    if getattr(holder, "export_name", None) == view:
        return holder
    tab = getattr(holder, "concepts", holder)  # a MainWindow holds its ConceptsTab there
    return getattr(tab, view)


def opengl_problem() -> str | None:
    """Why the 3D view cannot be drawn here, or None when it can."""
    from optviz.ui.surface_3d import probe_opengl

    return probe_opengl()


def settle(window, timeout_s: float = SETTLE_TIMEOUT_S, view: str = "surface") -> None:
    """Let drawing that the main window spreads over event-loop turns finish.

    The surface view draws new contour levels a few per turn; an export must not catch it
    half way. The training view is drawn as it is (also in the middle of a race).
    """
    if view in ("training", "landscape"):
        return
    if window.answer is None:
        raise ExportError.of("nothing to export yet: the run has not finished")
    deadline = time.monotonic() + timeout_s
    view = window.surface_view
    while view.drawing_contours and time.monotonic() < deadline:
        QApplication.processEvents()


def render_image(
    window,
    view: str,
    width: int,
    height: int,
    transparent: bool = False,
    scale: float | None = None,
    cover: HeatmapCover | None = None,
) -> QImage:
    """`view` of `window` as a width × height image (ARGB32 premultiplied).

    `scale`: device pixels per layout pixel (default `layout_scale`); `cover`: one
    HeatmapCover reused over the frames of an animation.
    """
    scale = layout_scale(width, height) if scale is None else scale
    widget = view_widget(window, view)
    if view == "3d":
        return grab_3d(widget, width, height, scale)
    image = new_image(width, height, None if transparent else background_color(widget))
    painter = new_painter(image, scale)
    try:
        draw(window, view, painter, width, height, scale, cover)
    finally:
        painter.end()
    return image


def draw(
    window,
    view: str,
    painter: QPainter,
    width: float,
    height: float,
    scale: float,
    cover: HeatmapCover | None = None,
) -> None:
    """Paint `view` into (0, 0, width, height) of `painter`, `scale` units per layout pixel."""
    widget = view_widget(window, view)
    if view == "3d":
        pixels = (round(width), round(height))
        painter.drawImage(QRectF(0, 0, width, height), grab_3d(widget, *pixels, scale))
        return
    painter.save()
    try:
        painter.scale(scale, scale)
        if not isinstance(widget, pg.GraphicsView):  # several plots and labels: "side", …
            with resized(widget, round(width / scale), round(height / scale)):
                if view in CONCEPT_VIEWS:
                    _settle_axes(widget, lambda scratch: paint_widget(widget, scratch, scale))
                paint_widget(widget, painter, scale)
            return
        with laid_out(widget, width / scale, height / scale) as rect:
            if view in CONCEPT_VIEWS:
                _settle_axes(widget, lambda scratch: paint_scene(widget, scratch, rect, scale))
            if view == "surface":
                with (cover or HeatmapCover(window)).covering():
                    paint_scene(widget, painter, rect, scale)
            else:
                paint_scene(widget, painter, rect, scale)
    finally:
        painter.restore()


def _settle_axes(widget: QWidget, paint: Callable[[QPainter], None]) -> None:
    """Paint once into a picture nobody sees, then lay the plots out again.

    An axis widens for its longest tick label while it paints, after the layout is made: a
    plot never painted at this size and range before (a concept view built for `optviz
    export`) would draw its axis label over its tick labels.
    """
    scratch = QPicture()
    painter = new_painter(scratch, 1.0)
    try:
        paint(painter)
    finally:
        painter.end()
    relayout_plots(widget)


def grab_3d(view3d, width: int, height: int, scale: float) -> QImage:
    """The 3D scene rendered at width × height, lines and markers `scale` times wider."""
    if not view3d.gl_available:
        raise ExportError.of("the 3D view cannot be drawn: {reason}", reason=view3d.message)
    import pyqtgraph.opengl as gl

    view3d.ensure_gl()
    widened = []
    for gl_view in view3d.findChildren(gl.GLViewWidget):
        for item in gl_view.items:
            if isinstance(item, gl.GLLinePlotItem):
                widened.append((item, "width", item.width))
                item.setData(width=item.width * scale)
            elif isinstance(item, gl.GLScatterPlotItem) and np.isscalar(item.size):
                widened.append((item, "size", item.size))
                item.setData(size=item.size * scale)
    try:
        image = view3d.grab_image(width, height)
    finally:
        for item, key, value in widened:
            item.setData(**{key: value})
    if image is None or image.isNull():
        raise ExportError.of(
            "the 3D view could not be rendered at {width}×{height}", width=width, height=height
        )
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)


class HeatmapCover:
    """Makes the heatmap fill what the surface view shows at an export's shape.

    The view keeps its aspect ratio, so an export of another shape than the window shows
    more of the surface than the window's heatmap covers. Then a grid for the export is
    sampled here (as the engine does for the window, about 0.1 s) and drawn with the
    window's colour and contour levels, so colours match the screen. The grid is kept for
    the next frame of an animation; the window's own grid comes back after each paint.
    """

    def __init__(self, window):
        self.window = window
        self._key: tuple | None = None
        self._grid = None

    @contextmanager
    def covering(self) -> Iterator[None]:
        window, view = self.window, self.window.surface_view
        shown = view.view_rect()
        if window.grid is None or window.answer is None or self._covers(shown):
            yield
            return
        key = (id(window.grid), *np.round(shown, 9))
        if key != self._key:
            xmin, xmax, ymin, ymax = shown
            pad_x, pad_y = 0.02 * (xmax - xmin), 0.02 * (ymax - ymin)
            rect = (xmin - pad_x, xmax + pad_x, ymin - pad_y, ymax + pad_y)
            self._grid = _grid_like(window.grid, window.answer.experiment.surface, rect)
            self._key = key
        _show_grid(view, self._grid)
        try:
            yield
        finally:
            _show_grid(view, window.grid)

    def _covers(self, shown) -> bool:
        image = self.window.surface_view.image
        covered = image.mapRectToParent(image.boundingRect())
        xmin, xmax, ymin, ymax = shown
        slack = 1e-6 * max(xmax - xmin, ymax - ymin)
        return covered.contains(
            QRectF(xmin + slack, ymin + slack, xmax - xmin - 2 * slack, ymax - ymin - 2 * slack)
        )


def _show_grid(view, grid) -> None:
    """SurfaceView.set_grid with every contour level drawn now, not over the next turns."""
    view.set_grid(grid)
    view.flush_contours()


def _grid_like(screen_grid, surface_spec: dict, rect):
    """A grid over `rect` with the colour and contour levels of `screen_grid`."""
    import contourpy

    from optviz.engine.grid import compute_grid, to_shown
    from optviz.engine.surfaces import make_surface

    grid = compute_grid(make_surface(surface_spec), rect, GRID_RESOLUTION, screen_grid.log_scale)
    # The screen's z_min, too: without known minima it depends on the area sampled.
    shown = to_shown(grid.z, screen_grid.z_min, screen_grid.log_scale)
    shown = np.where(np.isfinite(shown), shown, np.nan)
    generator = contourpy.contour_generator(grid.x, grid.y, shown, line_type="ChunkCombinedNan")
    contours = []
    for level in screen_grid.levels:  # as engine.grid draws them, at the screen's levels
        parts = [chunk for chunk in generator.lines(level)[0] if chunk is not None]
        contours.append(np.concatenate(parts) if parts else np.empty((0, 2)))
    # rgba=None: the view colours `shown` itself, with the screen's levels and colour map.
    return dataclasses.replace(
        grid,
        shown=shown,
        z_min=screen_grid.z_min,
        levels=screen_grid.levels,
        contours=tuple(contours),
        color_levels=screen_grid.color_levels,
        rgba=None,
    )

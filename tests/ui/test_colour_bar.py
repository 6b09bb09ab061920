"""The surface view's colour bar: gradient the right way up, values on its axis, a frame that
follows the theme."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QImage, QPainter

from optviz.ui.colour_bar import ColourBar
from optviz.ui.surface_view_heatmap import pastel_colormap

from .conftest import shown


def _render(widget: pg.GraphicsLayoutWidget) -> np.ndarray:
    image = QImage(widget.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    widget.render(painter)
    painter.end()
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    return pixels[:, : 4 * width].reshape(height, width, 4)[..., 2::-1].astype(int)  # BGRA→RGB


def _bar_on_screen(qtbot) -> tuple[pg.GraphicsLayoutWidget, ColourBar]:
    widget = pg.GraphicsLayoutWidget()
    widget.setBackground("w")
    bar = ColourBar(pastel_colormap(), width=30)
    widget.addItem(bar)
    shown(qtbot, widget, 200, 300)
    return widget, bar


def test_the_gradient_runs_from_the_low_colour_at_the_bottom_to_the_high_one_at_the_top(qtbot):
    widget, bar = _bar_on_screen(qtbot)
    colormap = pastel_colormap()
    low, high = (colormap.map(np.array([v]), mode="byte")[0, :3].astype(int) for v in (0.0, 1.0))
    rect = bar.bar.mapRectToScene(bar.bar.rect()).toRect()
    pixels = _render(widget)
    x = rect.center().x()
    top, bottom = pixels[rect.top() + 3, x], pixels[rect.bottom() - 3, x]
    assert np.abs(top - high).max() <= 12 < np.abs(top - low).max()
    assert np.abs(bottom - low).max() <= 12 < np.abs(bottom - high).max()
    assert rect.width() >= 28  # the width asked for (the frame's line may take a pixel)


def test_levels_set_the_axis_values_without_si_prefix(qtbot):
    _widget, bar = _bar_on_screen(qtbot)
    bar.setLevels((0.0, 0.004))
    assert bar.levels() == (0.0, 0.004)
    assert list(bar.getAxis("right").range) == [0.0, 0.004]
    bar.getAxis("right").setLabel("f(x, y)")
    assert "0.001" not in bar.getAxis("right").labelString()  # no "(x0.001)"


def test_the_frame_takes_the_axis_pen_so_a_theme_recolours_it(qtbot, monkeypatch):
    widget, bar = _bar_on_screen(qtbot)
    repaints = []
    monkeypatch.setattr(bar.bar, "update", lambda *args: repaints.append(args))
    bar.getAxis("right").setPen(pg.mkPen("#D55E00", width=1))
    assert repaints  # on screen too, not only in a fresh render
    rect = bar.bar.mapRectToScene(bar.bar.rect()).toRect()
    pixels = _render(widget)
    left_edge = pixels[rect.center().y(), rect.left() : rect.left() + 2]
    assert any(np.abs(p - [0xD5, 0x5E, 0x00]).max() <= 40 for p in left_edge)


def test_the_title_is_not_clipped_by_the_right_edge_of_the_map(qtbot):
    from optviz.ui.surface_view import SurfaceView

    view = shown(qtbot, SurfaceView(), 700, 500)
    axis = view.colorbar.getAxis("right")
    axis.setLabel("log₁₀(f − f_min)", **{"font-size": "12pt"})
    qtbot.wait(10)
    title = axis.label.mapRectToScene(axis.label.boundingRect())
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(title), (title, visible)


def test_the_map_and_the_loss_landscape_show_no_si_prefix_on_any_axis(qtbot):
    from optviz.ui.landscape_view import LandscapeView
    from optviz.ui.surface_view import SurfaceView

    for view in (SurfaceView(), LandscapeView()):
        qtbot.addWidget(view)
        plot = view.getPlotItem()
        axes = [plot.getAxis(name) for name in ("left", "bottom", "top", "right")]
        assert not any(axis.autoSIPrefix for axis in [*axes, view.colorbar.getAxis("right")])

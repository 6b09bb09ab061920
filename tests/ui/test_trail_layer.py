"""The surface view draws each path's finished part from a cached layer and only its head
part as live items: what is on screen must be the same path, whatever the step order."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QGuiApplication

from optviz.ui.app import make_app
from optviz.ui.surface_view import SurfaceView
from optviz.ui.trail_layer import CHUNK, frozen_step
from tests.ui.conftest import shown

STEPS = 4 * CHUNK
COLORS = ["#0072B2", "#D55E00"]


@pytest.fixture
def view(qtbot):
    make_app()
    view = shown(qtbot, SurfaceView(), 800, 600, exposed=False)
    # Two straight runs across the view at y = 0.5 and y = -0.5, x from -1 to 1.
    x = np.linspace(-1, 1, STEPS + 1)
    positions = np.stack([np.c_[x, np.full_like(x, 0.5)], np.c_[x, np.full_like(x, -0.5)]]).astype(
        float
    )
    view.set_runs(positions, COLORS, ["a", "b"], np.array([STEPS, STEPS]), ("ok", "ok"), [])
    view.set_view_rect((-1.2, 1.2, -1.2, 1.2))
    qtbot.waitExposed(view)
    return view


def images(view: SurfaceView) -> list:
    """The view as on screen (the trail layer paints from the image it keeps) and as an
    export renders it (the trail layer strokes its paths)."""
    screen = QGuiApplication.primaryScreen().grabWindow(view.winId()).toImage()
    return [screen, view.grab().toImage()]


def pixels(view: SurfaceView, image, x: float, y: float) -> list[QColor]:
    """The colours of a 1×5 pixel column centred on data point (x, y) (lines are 2.5 px)."""
    scene_point = view.getPlotItem().getViewBox().mapViewToScene(QPointF(x, y))
    centre = view.mapFromScene(scene_point)
    return [image.pixelColor(centre.x(), centre.y() + dy) for dy in range(-2, 3)]


def shows(view: SurfaceView, image, x: float, y: float, hex_color: str) -> bool:
    """Whether the line of `hex_color` passes through data point (x, y) in `image`."""
    want = QColor(hex_color)
    return any(
        max(
            abs(found.red() - want.red()),
            abs(found.green() - want.green()),
            abs(found.blue() - want.blue()),
        )
        <= 30
        for found in pixels(view, image, x, y)
    )


def x_at(step: int) -> float:
    return -1 + 2 * step / STEPS


def test_frozen_step_moves_in_whole_chunks():
    assert [frozen_step(s) for s in (0, CHUNK - 1, CHUNK, 2 * CHUNK + 5)] == [
        0,
        0,
        CHUNK,
        2 * CHUNK,
    ]


@pytest.mark.parametrize(
    "order",
    [(10, 3 * CHUNK + 40), (STEPS, CHUNK + 30), (CHUNK + 1,), (30,), tuple(range(0, STEPS, 7))],
)
def test_path_is_drawn_up_to_the_step_and_not_beyond(view, qtbot, order):
    for step in order:
        view.set_step(step)
        qtbot.wait(10)
    step = order[-1]
    frozen = frozen_step(step)
    checks = []
    if frozen >= 8:  # a point well inside the cached part
        checks.append(x_at(frozen // 2))
    if step - frozen >= 20:  # a point in the live part, away from the head marker
        checks.append(x_at(frozen + 4))
    beyond = x_at(min(step + CHUNK // 2, STEPS))
    for image in images(view):
        for x in checks:
            assert shows(view, image, x, 0.5, COLORS[0]), (order, x)
            assert shows(view, image, x, -0.5, COLORS[1]), (order, x)
        if step + 4 < STEPS:
            assert not shows(view, image, beyond, 0.5, COLORS[0]), (order, beyond)


def test_a_trail_limit_draws_only_the_last_steps(view, qtbot):
    step, trail = 3 * CHUNK, 20
    view.set_step(step, trail)
    qtbot.wait(10)
    for image in images(view):
        assert shows(view, image, x_at(step - 10), 0.5, COLORS[0])
        assert not shows(view, image, x_at(step // 3), 0.5, COLORS[0])

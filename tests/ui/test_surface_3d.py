"""The 3D view: draws with OpenGL where it exists, explains itself where it does not."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel

from optviz.ui.surface_3d import Z_TOP, BoxTransform, Surface3DView
from tests.ui.conftest import shown

ROOT = Path(__file__).resolve().parents[2]
ORANGE, SKY_BLUE, DIVERGED_RED = (0xE6, 0x9F, 0x00), (0x56, 0xB4, 0xE9), (0xE0, 0x00, 0x00)


def rosenbrock_grid(n: int = 64):
    x = np.linspace(-2.0, 2.0, n)
    y = np.linspace(-1.0, 3.0, n)
    z = (1 - x[None, :]) ** 2 + 100 * (y[:, None] - x[None, :] ** 2) ** 2  # row = y
    return x, y, z


def two_runs(steps: int = 30):
    """An orange run that arrives and a sky-blue one that leaves the box and diverges."""
    positions = np.full((2, steps + 1, 2), np.nan)
    positions[0] = np.linspace([-1.5, 2.0], [1.0, 1.0], steps + 1)
    positions[1, :16] = np.linspace([1.5, -0.5], [40.0, -30.0], 16)
    x, y = positions[..., 0], positions[..., 1]
    heights = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    return positions, heights, np.array([steps, 15]), np.array([False, True])


def show_view(qtbot, **kwargs) -> Surface3DView:
    return shown(qtbot, Surface3DView(**kwargs), 400, 300)


def pixels_near(image, rgb, tolerance: int = 40) -> int:
    """How many pixels of a QImage are within `tolerance` (per channel) of `rgb`."""
    image = image.convertToFormat(image.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
    bgr = raw[:, : image.width(), :3].astype(int)
    return int((np.abs(bgr - rgb[::-1]) <= tolerance).all(axis=-1).sum())


def distinct_colours(image) -> int:
    image = image.convertToFormat(image.Format.Format_RGB32)
    raw = np.frombuffer(image.constBits(), np.uint32).reshape(image.height(), -1)
    return len(np.unique(raw[:, : image.width()]))


def test_gl_view_draws_the_surface_the_runs_and_the_divergence_marker(qtbot):
    view = show_view(qtbot)
    view.set_surface(*rosenbrock_grid(), log_scale=True)
    positions, heights, end_step, diverged = two_runs()
    view.set_runs(positions, heights, ["#E69F00", "#56B4E9"], end_step, diverged)
    view.set_step(30, None)
    qtbot.wait(100)

    if not view.gl_available:
        # Only acceptable outside CI, where there may be no display with OpenGL at all.
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must test the 3D view, but: {view.message}")
        assert "needs OpenGL" in view.message
        assert view.findChild(QLabel).isVisible()
        assert view.grab_image(400, 300) is None
        return

    image = view.grab_image(400, 300)
    assert (image.width(), image.height()) == (400, 300)
    assert distinct_colours(image) > 200  # a shaded colormap, not a blank or flat frame
    assert pixels_near(image, ORANGE) > 100
    assert pixels_near(image, SKY_BLUE) > 50
    assert pixels_near(image, DIVERGED_RED) > 20


def test_playback_only_updates_the_existing_items(qtbot):
    view = show_view(qtbot)
    if not view.gl_available:
        assert os.environ.get("CI") != "true", view.message
        return
    view.set_surface(*rosenbrock_grid(512))  # drawn from at most 128 × 128 vertices
    positions, heights, end_step, diverged = two_runs()
    view.set_runs(positions, heights, ["#E69F00", "#56B4E9"], end_step, diverged)
    items = list(view._scene.view.items)
    line = view._scene._run_items[0][2]

    view.set_step(10, trail=3)
    assert line.pos.shape == (4, 3)  # steps 7..10
    for step in range(30):
        view.set_step(step, trail=None)
    assert view._scene.view.items == items
    assert line.pos.shape == (30, 3)
    assert view._scene.surface._z.shape == (128, 128)
    before = view.grab_image(200, 150)
    view.set_dark(True)
    assert view.grab_image(200, 150) != before


def test_two_views_in_one_process_draw_the_same_picture(qtbot):
    # pyqtgraph caches compiled shader programs per process, not per GL context.
    views = [show_view(qtbot), show_view(qtbot)]
    if not views[0].gl_available:
        assert os.environ.get("CI") != "true", views[0].message
        return
    positions, heights, end_step, diverged = two_runs()
    for view in views:
        view.set_surface(*rosenbrock_grid(), log_scale=True)
        view.set_runs(positions, heights, ["#E69F00", "#56B4E9"], end_step, diverged)
    qtbot.wait(50)
    first, second = (view.grab_image(200, 150) for view in views)
    assert first == second
    assert pixels_near(second, ORANGE) > 20


def test_without_opengl_the_view_says_why_and_ignores_data(qtbot):
    view = show_view(qtbot, probe=lambda: "switched off for this test")
    positions, heights, end_step, diverged = two_runs()
    view.set_surface(*rosenbrock_grid(), log_scale=False)
    view.set_runs(positions, heights, ["#E69F00", "#56B4E9"], end_step, diverged)
    view.set_step(5, trail=2)
    view.reset_camera()
    view.set_dark(True)

    assert view.gl_available is False
    assert view.message == (
        "3D view needs OpenGL, which is not available here (switched off for this test). "
        "The 2D view shows the same runs."
    )
    label = view.findChild(QLabel)
    assert label.isVisible() and label.text() == view.message
    assert view.grab_image(400, 300) is None


def test_box_maps_the_grid_to_a_fixed_box_and_clips_runs_to_it():
    x, y, z = rosenbrock_grid()
    box = BoxTransform.fit(x, y, z, log_scale=False)
    corners = box.xy(np.array([[-2.0, -1.0], [2.0, 3.0], [50.0, -50.0], [np.nan, 0.0]]))
    np.testing.assert_allclose(corners[:3], [[-1, -1], [1, 1], [1, -1]])
    assert np.isnan(corners[3, 0])
    heights = box.height(np.array([z.min(), z.max(), 1e300, np.inf, np.nan]))
    np.testing.assert_allclose(heights[:4], [0, Z_TOP, Z_TOP, Z_TOP])
    assert np.isnan(heights[4])

    log_box = BoxTransform.fit(x, y, z, log_scale=True)
    log_heights = log_box.height(np.array([z.min(), 1.0, 10.0, 100.0, z.max()]))
    assert np.all(np.diff(log_heights) > 0)
    assert log_heights[0] == 0 and log_heights[-1] == pytest.approx(Z_TOP)

    flat = BoxTransform.fit(x, y, np.full_like(z, 3.0), log_scale=True)
    assert np.all(flat.height(np.array([3.0, 3.0 + 1e-12])) == 0)


def test_surface_rejects_a_grid_in_the_wrong_orientation(qtbot):
    view = Surface3DView(probe=lambda: "not needed")
    qtbot.addWidget(view)
    x, y, z = rosenbrock_grid()
    with pytest.raises(ValueError, match=r"z must have shape \(len\(y\), len\(x\)\)"):
        view.set_surface(x[:10], y, z[:, :20])


SCRIPT = textwrap.dedent(
    """
    import sys
    import numpy as np
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from optviz.ui.surface_3d import Surface3DView

    app = QApplication(sys.argv[:1])
    view = Surface3DView()
    view.resize(400, 300)
    view.show()
    x = np.linspace(-2, 2, 80)
    y = np.linspace(-1, 3, 60)
    view.set_surface(x, y, (1 - x) ** 2 + 100 * (y[:, None] - x**2) ** 2, True)
    positions = np.stack([np.linspace([-1.5, 2], [1, 1], 21), np.linspace([1.5, -1], [9, 9], 21)])
    heights = (1 - positions[..., 0]) ** 2 + 100 * (positions[..., 1] - positions[..., 0] ** 2) ** 2
    view.set_runs(positions, heights, ["#E69F00", "#56B4E9"], np.array([20, 12]),
                  np.array([False, True]))
    steps = iter(range(21))
    timer = QTimer(interval=20, timeout=lambda: view.set_step(next(steps, 20), 5))
    timer.start()
    QTimer.singleShot(500, view.close)
    QTimer.singleShot(600, app.quit)
    code = app.exec()
    print("gl_available", view.gl_available)
    sys.exit(code)
    """
)


def run_script(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_program_showing_the_3d_view_exits_with_code_0():
    proc = run_script(dict(os.environ))  # the same display and platform as this test run
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Traceback" not in output and "Error while drawing" not in output, output
    if os.environ.get("CI") == "true":
        assert "gl_available True" in proc.stdout, output


def test_on_the_offscreen_platform_the_view_falls_back_and_exits_with_code_0():
    proc = run_script(dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "gl_available False" in proc.stdout

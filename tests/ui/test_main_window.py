"""The main window, driven like a user would (pytest-qt)."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication

from optviz.engine import experiment, presets
from optviz.ui.app import make_app
from optviz.ui.main_window import MainWindow

RUN_TIMEOUT = 20_000


@pytest.fixture
def window(open_window):
    return open_window(1280, 720)


def test_preset_is_drawn_with_one_path_per_optimizer(window, qtbot):
    result = window.answer.result
    assert result.n_runs == 6
    qtbot.waitUntil(lambda: window.grid is not None, timeout=RUN_TIMEOUT)
    for k in range(6):
        path = window.surface_view.drawn_path(k)
        end = result.end_step[k]
        # Sub-pixel steps are thinned out, but each path runs from the start to its end.
        assert 2 <= len(path) <= end + 1
        assert tuple(path[0]) == tuple(result.positions[k, 0])
        assert tuple(path[-1]) == tuple(result.positions[k, end])
        # Every drawn point is a point of the run, in step order (cached part, then live).
        steps = [int(np.flatnonzero((result.positions[k] == p).all(axis=1))[0]) for p in path]
        assert steps == sorted(steps)


def test_changing_a_learning_rate_changes_the_drawn_trajectory(window, qtbot):
    before = window.surface_view.drawn_path(0)
    entries = window.optimizer_list.optimizers()
    entries[0]["lr"] = 0.001
    with qtbot.waitSignal(window.run_drawn, timeout=RUN_TIMEOUT):
        window.optimizer_list.set_optimizers(entries)
        window.optimizer_list.changed.emit()
    after = window.surface_view.drawn_path(0)
    assert window.answer.experiment.optimizers[0].hyper["lr"] == 0.001
    assert not np.allclose(before[-1], after[-1])


def test_clicking_the_map_sets_the_start(window, qtbot):
    view = window.surface_view
    vb = view.getPlotItem().getViewBox()
    target = QPointF(1.0, -2.0)
    scene_point = vb.mapViewToScene(target)
    widget_point = view.mapFromScene(scene_point)
    with qtbot.waitSignal(window.run_drawn, timeout=RUN_TIMEOUT):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=widget_point)
    start = window.answer.result.positions[0, 0]
    assert np.allclose(start, (1.0, -2.0), atol=0.1)
    assert np.allclose(window.surface_panel.start(), start)


def test_play_pause_and_step_move_the_head(window, qtbot):
    bar = window.playback
    bar.reset()
    assert bar.step == 0
    head0 = window.surface_view.heads.data["x"].copy()
    bar.step_by(1)
    assert bar.step == 1
    assert not np.allclose(window.surface_view.heads.data["x"], head0)
    bar.speed.setCurrentIndex(bar.speed.findData(300))
    bar.play()
    qtbot.waitUntil(lambda: bar.step > 20, timeout=5000)
    bar.pause()
    paused_at = bar.step
    qtbot.wait(200)
    assert bar.step == paused_at


def test_playing_draws_the_heads_with_one_symbol_per_run(window):
    """pyqtgraph's symbol atlas keys on the brush object: a new brush per frame made it render
    and keep a new symbol every frame (420 after 400 frames), slowing playback down."""
    bar = window.playback
    for step in range(0, 150, 2):
        bar.set_step(step)
        QApplication.processEvents()
    assert len(window.surface_view.heads.fragmentAtlas) == window.answer.result.n_runs


def test_invalid_value_shows_inline_error_and_does_not_run(window, qtbot):
    requests = []
    window.worker.run_done.connect(lambda answer: requests.append(answer))
    window.surface_panel.picker.setCurrentIndex(window.surface_panel.picker.findData("custom"))
    window.surface_panel.expression.setText("__import__('os').system('x')")
    window.surface_panel.expression.editingFinished.emit()
    qtbot.wait(600)
    assert "not" in window.surface_panel.expression_error.text()
    assert window.surface_panel.surface_spec() is None
    assert requests == []


def test_worker_cancels_a_stale_run(qtbot):
    make_app()
    from optviz.ui.worker import EngineWorker

    worker = EngineWorker()
    long = experiment.from_dict(
        {
            "optviz": 1,
            "surface": {"name": "rosenbrock"},
            "steps": 200_000,
            "optimizers": [{"name": "adam"}],
        }
    )
    short = presets.preset("textbook")
    cancelled, done = [], []
    worker.cancelled.connect(cancelled.append)
    worker.run_done.connect(done.append)
    first = worker.request_run(long)
    qtbot.wait(50)
    second = worker.request_run(short)
    qtbot.waitUntil(lambda: bool(done and cancelled), timeout=RUN_TIMEOUT)
    assert cancelled == [first]
    assert [a.request for a in done] == [second]
    assert worker.stop()


def test_gui_never_stalls_while_the_worker_runs_a_long_experiment(window, qtbot):
    doc = presets.document("rosenbrock")
    doc["steps"] = 10_000
    del doc["start"]
    # Ten starts per optimizer keep the engine busy for seconds on any machine.
    doc["starts"] = [[-1.5 + 0.1 * k, 2.0] for k in range(10)]
    long = experiment.from_dict(doc)
    beats = []
    timer = QTimer()
    timer.setInterval(5)
    # Wall time and the GUI thread's own CPU time: a gap in which the GUI thread was merely
    # waiting for a busy CPU is the machine's doing, one in which it computed is ours.
    timer.timeout.connect(lambda: beats.append((time.perf_counter(), time.thread_time())))
    with qtbot.waitSignal(window.run_drawn, timeout=120_000):
        window.load_experiment(long)  # builds the panels, then posts the run to the worker
        # Laying out and painting the new panels is the GUI's own job: not part of the measure.
        QApplication.processEvents()
        started = (time.perf_counter(), time.thread_time())
        timer.start()
    timer.stop()
    answer = window.answer
    assert answer.result.steps == 10_000
    assert answer.finished_at - started[0] > 0.3, "the run was too short to measure anything"
    during = np.array([started, *[b for b in beats if b[0] <= answer.finished_at]])
    assert len(during) > 10
    wall = np.diff(during[:, 0])
    busy = np.diff(during[:, 1])
    assert busy.max() < 0.050, (
        f"the GUI thread computed {busy.max() * 1000:.0f} ms without returning to the event loop"
    )
    assert np.median(wall) < 0.020, f"event loop turned only every {np.median(wall) * 1000:.0f} ms"


def test_a_screenshot_has_every_contour_level_even_if_drawing_them_lags(qtbot, tmp_path):
    from optviz.ui.app import _arm_screenshot

    app = make_app()
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(800, 600)
    win.show()
    # A busy machine: the timer that draws the contour levels a few at a time never fires.
    win.surface_view._contour_timer.start = lambda *args: None
    pending_at_grab = []
    grab = win.grab
    win.grab = lambda *args: (pending_at_grab.append(win.surface_view.drawing_contours), grab())[1]
    out = tmp_path / "shot.png"
    _arm_screenshot(app, win, out, (800, 600), "surface", {"code": 0})
    win.load_preset("ravine")
    qtbot.waitUntil(out.exists, timeout=RUN_TIMEOUT)
    assert pending_at_grab == [False]
    drawn = [c for c in win.surface_view._contours if c.isVisible() and len(c.xData)]
    assert len(drawn) == len(win.grid.contours) > 10


def test_a_larger_window_gets_a_heatmap_that_covers_what_it_shows(open_window, qtbot):
    win = open_window(900, 600)
    qtbot.waitUntil(lambda: win.grid is not None, timeout=RUN_TIMEOUT)
    xmin, xmax, _ymin, _ymax = win.grid.rect
    with qtbot.waitSignal(win.grid_drawn, timeout=RUN_TIMEOUT):
        win.resize(1900, 600)  # the map gets much wider: its x range grows past the grid
    shown = win.surface_view.view_rect()
    assert shown[0] < xmin and shown[1] > xmax  # it did grow beyond the first grid
    cover = win.grid.rect
    assert cover[0] <= shown[0] and cover[1] >= shown[1]
    assert cover[2] <= shown[2] and cover[3] >= shown[3]

"""The loss landscape in the training tab: computed by the helper process that trained the
networks, drawn by the surface view (pytest-qt)."""

from __future__ import annotations

import time

import pytest

TIMEOUT = 60_000
TINY = {"dataset": "digits", "hidden": [16], "iterations": 40, "eval_every": 10, "batch_size": 64}
# A network large enough that a 101 × 101 grid takes seconds: time to cancel it.
SLOW = {**TINY, "hidden": [64, 64]}
TWO = [{"name": "sgd", "lr": 0.1, "label": "SGD"}, {"name": "adam", "lr": 0.01, "label": "Adam"}]


@pytest.fixture
def tab(training_tab):
    return training_tab  # tests/ui/conftest.py


def train(tab, qtbot, training=TINY) -> None:
    tab.set_training(training, TWO)
    with qtbot.waitSignal(tab.finished, timeout=TIMEOUT):
        assert tab.start()


def choose_grid(tab, n: int) -> None:
    panel = tab.landscape
    if panel.resolution.findData(n) < 0:
        panel.resolution.addItem(f"{n} × {n}", n)
    panel.resolution.setCurrentIndex(panel.resolution.findData(n))


def test_a_landscape_after_training_shows_the_grid_and_one_path_per_optimizer(tab, qtbot):
    panel = tab.landscape
    assert not panel.compute_button.isEnabled()  # nothing trained yet
    train(tab, qtbot)
    assert panel.compute_button.isEnabled()
    choose_grid(tab, 21)
    rows = []
    tab.runner.landscape_progress.connect(lambda done, total: rows.append((done, total)))
    with qtbot.waitSignal(tab.runner.landscape_ready, timeout=TIMEOUT) as ready:
        panel.compute_button.click()
        assert panel.progress_row.isVisible() and not panel.compute_button.isEnabled()
    landscape, grid = ready.args
    assert landscape.loss.shape == (21, 21) and landscape.center == 1  # Adam, as shown
    assert rows == [(i, 21) for i in range(1, 22)]
    view = panel.view
    assert view.image.image.shape[:2] == grid.rgba.shape[:2]
    assert any(curve.isVisible() for curve in view._contours)
    assert view.n_paths == 2
    assert view.getPlotItem().getAxis("bottom").labelText.startswith("PC1 (")
    assert "Adam (centre)" in panel.legend.text()
    assert tab.views.currentWidget() is panel
    assert not panel.progress_row.isVisible() and panel.compute_button.isEnabled()


def test_cancel_mid_way_leaves_the_tab_usable(tab, qtbot):
    panel = tab.landscape
    train(tab, qtbot, SLOW)
    choose_grid(tab, 101)
    with qtbot.waitSignal(tab.runner.landscape_progress, timeout=TIMEOUT):
        panel.compute_button.click()
    with qtbot.waitSignal(tab.runner.landscape_cancelled, timeout=5000):
        panel.cancel_button.click()
    assert "cancelled" in panel.info.text()
    assert not panel.progress_row.isVisible() and panel.compute_button.isEnabled()
    # The helper answers the next request, with random directions this time ...
    panel.method.setCurrentIndex(1)
    choose_grid(tab, 21)
    with qtbot.waitSignal(tab.runner.landscape_ready, timeout=TIMEOUT):
        panel.compute_button.click()
    assert panel.view.n_paths == 2
    assert panel.view.getPlotItem().getAxis("bottom").labelText == "direction 1"
    # ... and a new race starts.
    train(tab, qtbot)
    assert panel.view.n_paths == 0  # the old landscape is gone with its networks


def test_a_landscape_while_paused_then_the_race_resumes(tab, qtbot):
    tab.set_training({**TINY, "iterations": 100_000, "eval_every": 1000}, TWO)
    assert tab.start()
    qtbot.waitUntil(lambda: tab.iteration >= 30, timeout=TIMEOUT)
    assert not tab.landscape.compute_button.isEnabled()  # not while training
    with qtbot.waitSignal(tab.runner.paused, timeout=10_000):
        tab.pause_button.click()
    choose_grid(tab, 21)
    with qtbot.waitSignal(tab.runner.landscape_ready, timeout=TIMEOUT):
        tab.landscape.compute_button.click()
    assert tab.landscape.view.n_paths == 2
    paused_at = tab.iteration
    tab.resume_button.click()
    qtbot.waitUntil(lambda: tab.iteration >= paused_at + 20, timeout=TIMEOUT)
    assert not tab.landscape.compute_button.isEnabled()
    with qtbot.waitSignal(tab.finished, timeout=10_000):
        tab.stop()


def test_shutting_down_mid_landscape_ends_the_helper_at_once(tab, qtbot):
    train(tab, qtbot, SLOW)
    choose_grid(tab, 101)
    with qtbot.waitSignal(tab.runner.landscape_progress, timeout=TIMEOUT):
        tab.landscape.compute_button.click()
    process = tab.runner._worker
    started = time.perf_counter()
    assert tab.shutdown(3000)  # ended on its own, not terminated
    assert time.perf_counter() - started < 1.5
    assert not process.is_alive() and process.exitcode == 0

"""Fixtures shared by the UI tests."""

from __future__ import annotations

import pytest

from optviz.ui.app import make_app
from optviz.ui.main_window import MainWindow
from optviz.ui.training_tab import TrainingTab

RUN_TIMEOUT = 20_000


def shown(qtbot, widget, width: int, height: int, exposed: bool = True):
    """`widget` on screen at width × height, closed with the test; waits until it is
    exposed unless `exposed` is False. Returns it."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    if exposed:
        qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def open_window(qtbot):
    """Open a shown MainWindow of a given size with the ravine preset run and drawn."""
    opened = []

    def open_(width: int = 1280, height: int = 720) -> MainWindow:
        make_app()
        win = MainWindow()
        qtbot.addWidget(win)
        win.resize(width, height)
        win.show()
        with qtbot.waitSignal(win.run_drawn, timeout=RUN_TIMEOUT):
            win.load_preset("ravine")
        opened.append(win)
        return win

    yield open_
    for win in opened:
        win.worker.stop()


@pytest.fixture
def training_tab(qtbot):
    """A shown TrainingTab of its own (no main window); its helper process ends with it."""
    make_app()
    widget = shown(qtbot, TrainingTab(), 1280, 720)
    yield widget
    assert widget.shutdown(5000)

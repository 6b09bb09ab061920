"""Fixtures shared by the UI tests."""

from __future__ import annotations

import pytest

from optviz.ui.app import make_app
from optviz.ui.main_window import MainWindow
from optviz.ui.training_tab import TrainingTab

RUN_TIMEOUT = 20_000


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
    widget = TrainingTab()
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    assert widget.shutdown(5000)

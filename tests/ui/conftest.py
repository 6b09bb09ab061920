"""Fixtures shared by the UI tests."""

from __future__ import annotations

import pytest

from optviz.ui.app import make_app
from optviz.ui.main_window import MainWindow

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

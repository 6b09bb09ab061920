"""Guards against known bugs of the Qt binding we depend on."""

from __future__ import annotations

import sys

from optviz.ui.app import make_app
from optviz.ui.surface_view import SurfaceView
from tests.ui.conftest import shown


def test_qt_calls_returning_nothing_do_not_leak_references_to_none():
    # PySide6 6.12.0 loses a reference to None on every wrapped call that returns nothing
    # (setObjectName, processEvents, update, paint ...); pyproject.toml pins around it.
    from PySide6.QtCore import QObject

    make_app()
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(1000):
        obj.setObjectName("x")
    assert sys.getrefcount(None) - before > -100


def test_painting_does_not_leak_references_to_none(qtbot):
    # PySide6 6.12.0 passes `widget=None` to QGraphicsItem.paint without a reference; on
    # Python 3.11 the interpreter aborts ("deallocating None") after a few thousand frames.
    make_app()
    view = shown(qtbot, SurfaceView(), 400, 300, exposed=False)
    view.set_markers([(0.0, 0.0)], [])
    qtbot.wait(50)
    before = sys.getrefcount(None)
    for _ in range(100):
        view.viewport().repaint()
    after = sys.getrefcount(None)
    assert after - before > -50, f"None lost {before - after} references in 100 repaints"

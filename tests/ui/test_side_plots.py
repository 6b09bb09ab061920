"""Log axes (side plots, training curves) label what fits, so labels never overlap."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from optviz.ui.app import make_app
from optviz.ui.side_plots import LogAxis


def test_a_log_axis_labels_one_two_and_five_only():
    make_app()
    axis = LogAxis("left")
    axis.setLogMode(False, True)
    shown = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 2, 3, 20, 50]
    strings = axis.tickStrings(list(np.log10(shown)), 1.0, 1.0)
    labelled = [value for value, text in zip(shown, strings, strict=True) if text]
    assert labelled == [0.2, 0.5, 1, 2, 20, 50]


def test_a_short_log_axis_over_many_decades_labels_only_every_few_decades():
    make_app()
    axis = LogAxis("left")
    axis.setLogMode(False, True)
    axis.setGeometry(QRectF(0, 0, 60, 90))  # the training tab's learning-rate plot
    axis.setRange(-3, 7)  # 10⁻³ … 10⁷
    decades = list(range(-3, 8))
    strings = axis.tickStrings(decades, 1.0, 1.0)
    labelled = [d for d, text in zip(decades, strings, strict=True) if text]
    line = QFontMetricsF(axis.style["tickFont"] or QFont()).height()
    gaps = np.diff(labelled) * 90 / 10  # pixels between neighbouring labels
    assert len(labelled) >= 2 and gaps.min() >= 1.5 * line
    axis.setGeometry(QRectF(0, 0, 60, 900))  # a tall axis has room for every decade
    assert all(axis.tickStrings(decades, 1.0, 1.0))


def test_a_decade_is_one_tick_not_a_major_and_a_minor_one():
    make_app()
    axis = LogAxis("left")
    axis.setLogMode(False, True)
    levels = axis.tickValues(-2.2, 2.3, 400)  # 0.006 … 200
    values = [round(v, 9) for _spacing, level in levels for v in level]
    assert len(values) == len(set(values))
    assert {-2, -1, 0, 1, 2} <= set(values)


def test_moving_the_step_cursor_does_not_re_fit_the_views(qtbot):
    """pyqtgraph re-fitted all three views whenever the cursor moved: every playback frame."""
    from optviz.ui.side_plots import SidePlots

    make_app()
    plots = SidePlots()
    qtbot.addWidget(plots)
    steps = np.arange(51)
    loss = np.vstack([np.exp(-steps / 10), np.exp(-steps / 20)])
    plots.set_runs(loss, loss, np.full((2, 50), 0.1), ["#E69F00", "#56B4E9"])
    views = [plot.getPlotItem().getViewBox() for plot in plots.plots]
    for _ in range(3):  # fitted as the first paints do (a linked view follows the next)
        for view in views:
            view.prepareForPaint()
    fits = []
    for view in views:  # a re-fit measures every curve: count those measurements

        def measured(*args, view=view, **kwargs):
            fits.append(view)
            return type(view).childrenBounds(view, *args, **kwargs)

        view.childrenBounds = measured
    for step in range(0, 50, 5):
        plots.set_step(step)
        for view in views:
            view.prepareForPaint()  # what each frame's paint does
    assert plots._cursors[0].value() == 45
    assert [view.autoRangeEnabled()[1] for view in views] == [True] * 3  # still following
    assert fits == []

"""The side plots' log axes label 1, 2 and 5 of each decade, so labels never overlap."""

from __future__ import annotations

import numpy as np

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

"""Colours and sizes shared by every view (projector rule: lines ≥ 2 px, Okabe–Ito colours)."""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-
# vision deficiency. Yellow comes last because it is weak on light backgrounds.
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#0072B2",  # blue
    "#CC79A7",  # reddish purple
    "#000000",  # black
    "#F0E442",  # yellow
)
# Shown in the colour menu of an optimizer card, translated in the "ColorButton" context.
OKABE_ITO_NAMES = (
    QT_TRANSLATE_NOOP("ColorButton", "orange"),
    QT_TRANSLATE_NOOP("ColorButton", "sky blue"),
    QT_TRANSLATE_NOOP("ColorButton", "bluish green"),
    QT_TRANSLATE_NOOP("ColorButton", "vermillion"),
    QT_TRANSLATE_NOOP("ColorButton", "blue"),
    QT_TRANSLATE_NOOP("ColorButton", "reddish purple"),
    QT_TRANSLATE_NOOP("ColorButton", "black"),
    QT_TRANSLATE_NOOP("ColorButton", "yellow"),
)

LINE_WIDTH = 2.5  # trajectories; never below 2 px
HALO_WIDTH = 5.0  # a light outline under each trajectory keeps it visible on any heatmap
CONTOUR_WIDTH = 1.0
HEAD_SIZE = 14
MARKER_SIZE = 16


def color_for(index: int) -> str:
    return OKABE_ITO[index % len(OKABE_ITO)]


# --- colours that follow the theme ------------------------------------------------------------
# No single red reads well on both a white and a dark grey window (4.5:1 contrast needs a
# darker red on white than on #2B2B2B), so error texts take one of two.
ERROR_ON_LIGHT = "#B00020"
ERROR_ON_DARK = "#FF7A7A"
_THEMED_CSS = "optviz_themed_css"


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the window colour of `palette` (default: the application's) is dark."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def plain_axes(plot) -> None:
    """No SI prefix on any axis of a pyqtgraph PlotItem: "x (x0.001)" puzzles more than it
    helps. Off on the hidden axes too: with it on, every change of the range re-lays each
    axis's (hidden) label, ~0.2 ms a time (issue #3)."""
    for name in ("left", "bottom", "top", "right"):
        plot.getAxis(name).enableAutoSIPrefix(False)


def set_axis_title(axis, text: str, size: str) -> None:
    """A pyqtgraph axis's title at font `size`, in the colour the theme gave the axis.

    pyqtgraph's `setLabel(text, **style)` replaces the whole style, colour included: a title
    set again after a switch to the dark theme (a new surface, a zoom, another language)
    came out black on black."""
    axis.setLabel(text, **{**axis.labelStyle, "font-size": size})


def error_color(palette: QPalette | None = None) -> str:
    return ERROR_ON_DARK if is_dark(palette) else ERROR_ON_LIGHT


# The widgets given a themed style sheet. Not QApplication.allWidgets(): walking every
# widget also reaches ones Qt is destroying (deleteLater), and touching those crashed the
# interpreter (a segfault in the test suite, once in a few runs).
_themed: weakref.WeakSet[QWidget] = weakref.WeakSet()


def set_themed_style(widget: QWidget, css: str) -> None:
    """Give `widget` a style sheet that follows the theme: "@error" stands for error_color(),
    and palette(...) roles are looked up again when refresh_themed_styles() runs (Qt resolves
    them once, when the style sheet is set)."""
    widget.setProperty(_THEMED_CSS, css)
    widget.setStyleSheet(css.replace("@error", error_color()))
    _themed.add(widget)


def refresh_themed_styles() -> None:
    """Re-apply every style sheet set with set_themed_style (after the palette changed)."""
    for widget in list(_themed):
        if not shiboken6.isValid(widget):  # its C++ side is gone already
            _themed.discard(widget)
            continue
        css = widget.property(_THEMED_CSS)
        if css:
            widget.setStyleSheet(css.replace("@error", error_color()))

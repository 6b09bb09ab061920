"""Light and dark themes, each also in a high-contrast variant for presentation mode.

`palette_for` gives the application palette of a theme and `theme_plots` re-colours the
pyqtgraph views; `Presentation` (presentation.py) decides which theme is in effect.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class PlotTheme:
    """What the plots need to know about a theme."""

    name: str
    background: str
    foreground: str


PLOT_THEMES = {
    ("light", False): PlotTheme("light", "#FFFFFF", "#222222"),
    ("dark", False): PlotTheme("dark", "#1E1E1E", "#E6E6E6"),
    ("light", True): PlotTheme("light", "#FFFFFF", "#000000"),
    ("dark", True): PlotTheme("dark", "#000000", "#FFFFFF"),
}
# (window, window text, base, text, button, highlight, highlighted text, placeholder, link)
_PALETTES = {
    ("dark", False): ("#2B2B2B", "#E6E6E6", "#1E1E1E", "#E6E6E6", "#353535", "#0072B2",
                      "#FFFFFF", "#9A9A9A", "#56B4E9"),
    ("light", True): ("#FFFFFF", "#000000", "#FFFFFF", "#000000", "#EDEDED", "#003DA5",
                      "#FFFFFF", "#404040", "#003DA5"),
    ("dark", True): ("#000000", "#FFFFFF", "#000000", "#FFFFFF", "#1A1A1A", "#FFD700",
                     "#000000", "#C0C0C0", "#FFD700"),
}  # fmt: skip


def palette_for(theme: str, high_contrast: bool, light: QPalette) -> QPalette:
    """The application palette of a theme; `light` is the style's own (normal light) one."""
    colors = _PALETTES.get((theme, high_contrast))
    if colors is None:
        return QPalette(light)
    window, window_text, base, text, button, highlight, on_highlight, placeholder, link = colors
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    for r, color in (
        (role.Window, window), (role.WindowText, window_text), (role.Base, base),
        (role.AlternateBase, button), (role.Text, text), (role.Button, button),
        (role.ButtonText, window_text), (role.ToolTipBase, base), (role.ToolTipText, text),
        (role.Highlight, highlight), (role.HighlightedText, on_highlight),
        (role.PlaceholderText, placeholder), (role.Link, link), (role.BrightText, "#FF5555"),
        (role.Light, button), (role.Midlight, button), (role.Mid, placeholder),
        (role.Dark, placeholder), (role.Shadow, "#000000"),
    ):  # fmt: skip
        palette.setColor(r, QColor(color))
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, r, QColor(placeholder))
    return palette


def theme_plots(root: QWidget, theme: PlotTheme) -> None:
    """Backgrounds, axes (colour bars' too) and titles of every pyqtgraph view under `root`.

    The default of `Presentation(apply_plot_theme=...)`; a window with its own idea of
    plot colours passes a function of its own. Transparent views (a schedule preview on
    its card) stay transparent.
    """
    for view in root.findChildren(pg.GraphicsView):
        if view.backgroundBrush().style() != Qt.BrushStyle.NoBrush:
            view.setBackground(theme.background)
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem):
                item.setPen(pg.mkPen(theme.foreground, width=item.pen().widthF()))
                item.setTextPen(pg.mkPen(theme.foreground))
            elif isinstance(item, pg.PlotItem) and item.titleLabel.text:
                item.titleLabel.setText(item.titleLabel.text, color=theme.foreground)

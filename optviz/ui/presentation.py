"""Presentation mode and the choice of light or dark theme, for one window.

Presentation mode (F5) is for a projector at the front of a classroom: full screen, every
font 1.5× (the application font, fonts set on widgets, pyqtgraph axes, titles and legends),
a high-contrast palette, the mouse cursor hidden after 3 s without movement and the left
panel folded into a slim bar. Leaving restores each of these as it was.

Views that draw text themselves can read `Presentation.scale` (1.0 outside presentation
mode) and listen to `scale_changed`.

The palettes and plot colours of the themes are in themes.py; the keyboard-shortcut sheet
(Help › Keyboard shortcuts, whose action `Presentation` owns) in shortcut_sheet.py; the
About text in about.py. Their names are importable from here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCursor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QStyle, QToolBar, QWidget

from optviz.ui.about import DATASETS, DEPENDENCIES, DOWNLOADS, about_html
from optviz.ui.shortcut_sheet import shortcut_rows, shortcut_sheet
from optviz.ui.style import refresh_themed_styles
from optviz.ui.themes import PLOT_THEMES, PlotTheme, palette_for, theme_plots

__all__ = [
    "CURSOR_POLL_MS",
    "DATASETS",
    "DEPENDENCIES",
    "DOWNLOADS",
    "FONT_SCALE",
    "IDLE_MS",
    "PLOT_THEMES",
    "PlotTheme",
    "Presentation",
    "about_html",
    "palette_for",
    "shortcut_rows",
    "shortcut_sheet",
    "theme_plots",
]

FONT_SCALE = 1.5
IDLE_MS = 3000  # hide the cursor after this long without movement
CURSOR_POLL_MS = 200  # most widgets get no mouse-move events without a button held: poll


def _scaled_font(font: QFont, factor: float) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        scaled.setPixelSize(round(font.pixelSize() * factor))
    return scaled


def _scaled_size(size: str, factor: float) -> str:
    """'12pt' → '18pt' (pyqtgraph's text sizes are CSS strings)."""
    match = re.fullmatch(r"\s*([0-9.]+)\s*(pt|px)\s*", size or "")
    if match is None:
        return size
    return f"{float(match.group(1)) * factor:g}{match.group(2)}"


class Presentation(QObject):
    """Presentation mode and themes for one window.

    Actions to put in menus (each also added to the window, so its shortcut works with the
    menu bar out of sight): `presentation_action` (F5), `dark_action`, `panel_action`
    (Ctrl+B), `shortcuts_action` (F1 and ?). Signals: `active_changed(bool)`,
    `scale_changed(float)`, `theme_changed(str)`.
    """

    active_changed = Signal(bool)
    scale_changed = Signal(float)
    theme_changed = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        dock: QWidget | None = None,
        apply_plot_theme: Callable[[PlotTheme], None] | None = None,
        *,
        settings: QSettings | None = None,
        font_scale: float = FONT_SCALE,
        idle_ms: int = IDLE_MS,
    ):
        super().__init__(window)
        self.window = window
        self.dock = dock
        self.font_scale = font_scale
        self._apply_plot_theme = apply_plot_theme or (lambda theme: theme_plots(window, theme))
        self.settings = settings or QSettings("optviz", "optviz")
        app = QApplication.instance()
        self._style_name = app.style().name()
        self._light_palette = QPalette(app.palette())
        self.theme = "light"
        self._active = False
        self._saved: dict = {}  # what presentation mode changed, to put back on leaving
        self._widget_fonts: dict[QWidget, tuple[QFont, QFont]] = {}
        self._plot_texts: dict[object, tuple] = {}  # item → (original, scaled, apply)
        self._cursor_hidden = False
        self._cursor_pos = QCursor.pos()
        self._idle_ms = idle_ms
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_ms)
        self._idle.timeout.connect(self._hide_cursor)
        self._poll = QTimer(self)
        self._poll.setInterval(CURSOR_POLL_MS)
        self._poll.timeout.connect(self._check_cursor)

        self.presentation_action = self._action("F5", True)
        self.presentation_action.toggled.connect(self.set_active)
        self.dark_action = self._action(None, True)
        self.dark_action.toggled.connect(lambda on: self.set_theme("dark" if on else "light"))
        self.panel_action = self._action("Ctrl+B", True)
        self.panel_action.setEnabled(dock is not None)
        self.shortcuts_action = self._action(None, False)
        self.shortcuts_action.setShortcuts([QKeySequence("F1"), QKeySequence("?")])
        self.shortcuts_action.triggered.connect(self.show_shortcut_sheet)
        if dock is not None:
            self.panel_action.setChecked(not dock.isHidden())
            self.panel_action.toggled.connect(dock.setVisible)
            dock.visibilityChanged.connect(self._dock_visibility_changed)

        # The slim bar that stands in for the folded panel.
        self.bar = QToolBar(window)
        self.bar.setObjectName("presentation-bar")
        self.bar.setMovable(False)
        self.bar.setFloatable(False)
        self.bar.toggleViewAction().setVisible(False)
        self.bar.addAction(self.panel_action)
        self.bar.addAction(self.presentation_action)
        self._update_bar_icons()
        window.addToolBar(Qt.ToolBarArea.LeftToolBarArea, self.bar)
        self.bar.hide()
        self.retranslate()
        window.installEventFilter(self)

        saved = self.settings.value("theme", "light")
        if saved in ("light", "dark") and saved != self.theme:
            self.dark_action.setChecked(saved == "dark")

    def retranslate(self) -> None:
        """Texts in the installed language (also run on the window's LanguageChange)."""
        self.presentation_action.setText(self.tr("&Presentation mode"))
        self.dark_action.setText(self.tr("&Dark theme"))
        self.panel_action.setText(self.tr("Show p&anel"))
        self.panel_action.setToolTip(self.tr("Show or hide the experiment panel (Ctrl+B)"))
        self.shortcuts_action.setText(self.tr("Keyboard &shortcuts"))
        self.bar.setWindowTitle(self.tr("Presentation"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)

    # --- state ------------------------------------------------------------------------------

    @property
    def scale(self) -> float:
        """Font scale views should apply to text they size themselves (1.0 normally)."""
        return self.font_scale if self._active else 1.0

    def is_active(self) -> bool:
        return self._active

    @property
    def cursor_hidden(self) -> bool:
        return self._cursor_hidden

    def toggle(self) -> None:
        self.set_active(not self._active)

    def enter(self) -> None:
        self.set_active(True)

    def leave(self) -> None:
        self.set_active(False)

    def set_active(self, active: bool) -> None:
        if active == self._active:
            return
        self._active = active
        self.presentation_action.blockSignals(True)
        self.presentation_action.setChecked(active)
        self.presentation_action.blockSignals(False)
        if active:
            self._enter()
        else:
            self._leave()
        self._apply_theme()
        self._update_bar_icons()
        self.active_changed.emit(active)
        self.scale_changed.emit(self.scale)

    def set_theme(self, theme: str) -> None:
        """'light' or 'dark' (presentation mode shows its high-contrast variant)."""
        if theme not in ("light", "dark"):
            raise ValueError(f"theme: 'light' or 'dark', got {theme!r}")
        self.theme = theme
        self.dark_action.blockSignals(True)
        self.dark_action.setChecked(theme == "dark")
        self.dark_action.blockSignals(False)
        self.settings.setValue("theme", theme)
        self._apply_theme()
        self.theme_changed.emit(theme)

    def plot_theme(self) -> PlotTheme:
        return PLOT_THEMES[(self.theme, self._active)]

    # --- entering and leaving -----------------------------------------------------------------

    def _enter(self) -> None:
        window, app = self.window, QApplication.instance()
        self._saved = {
            "state": window.windowState(),
            "geometry": window.saveGeometry(),
            "app_font": QFont(app.font()),
            "dock_visible": self.dock is not None and not self.dock.isHidden(),
        }
        app.setFont(_scaled_font(app.font(), self.font_scale))
        self.refresh_fonts()
        if self.dock is not None:
            self.dock.hide()
            self.bar.show()
        window.showFullScreen()
        self._cursor_pos = QCursor.pos()
        self._idle.start()
        self._poll.start()

    def _leave(self) -> None:
        window, app, saved = self.window, QApplication.instance(), self._saved
        self._poll.stop()
        self._idle.stop()
        self._show_cursor()
        app.setFont(saved["app_font"])
        self._restore_fonts()
        self.bar.hide()
        if self.dock is not None:
            self.dock.setVisible(saved["dock_visible"])
        window.setWindowState(saved["state"])
        if not saved["state"] & Qt.WindowState.WindowMaximized:
            window.restoreGeometry(saved["geometry"])

    def _apply_theme(self) -> None:
        app = QApplication.instance()
        plain = self.theme == "light" and not self._active
        # Native styles on Windows and macOS ignore much of a custom palette; Fusion honours it.
        wanted = self._style_name if plain else "fusion"
        if app.style().name().lower() != wanted.lower():
            app.setStyle(wanted)
        app.setPalette(palette_for(self.theme, self._active, self._light_palette))
        refresh_themed_styles()  # style sheets that use palette(...) or the error red
        self._apply_plot_theme(self.plot_theme())

    def adopt(self, part: QWidget) -> None:
        """Theme a part of the window built after it was themed (a lazily built tab or pane),
        and scale its fonts in presentation mode. The plot theme is applied to the whole
        window again (the function that applies it knows only the window). Plots are built
        in the light theme's colours, so there is nothing to do in it."""
        if self.theme != "light" or self._active:
            self._apply_plot_theme(self.plot_theme())
            self.refresh_fonts()

    # --- fonts --------------------------------------------------------------------------------

    def refresh_fonts(self) -> None:
        """Scale fonts that appeared or were reset since entering (call after redrawing)."""
        if not self._active:
            return
        factor = self.font_scale
        for widget in [self.window, *self.window.findChildren(QWidget)]:
            if not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):
                continue
            record = self._widget_fonts.get(widget)
            if record is not None and widget.font() == record[1]:
                continue  # already ours
            scaled = _scaled_font(widget.font(), factor)
            self._widget_fonts[widget] = (QFont(widget.font()), scaled)
            widget.setFont(scaled)
        for view in self.window.findChildren(pg.GraphicsView):
            for item in view.scene().items():
                self._scale_plot_text(item, factor)

    def _scale_plot_text(self, item, factor: float) -> None:
        """pyqtgraph text the application font does not reach: fonts and sizes set in code."""
        if isinstance(item, pg.AxisItem):
            self._scale(item, item.style.get("tickFont"), _scaled_font, item.setTickFont)
            size = item.labelStyle.get("font-size")
            self._scale((item, "label"), size, _scaled_size, lambda s: self._axis_label(item, s))
            # An axis of fixed width (a colour bar's) drops tick labels that no longer fit:
            # let it size itself to its text while presenting.
            vertical = item.orientation in ("left", "right")
            fixed = item.fixedWidth if vertical else item.fixedHeight
            resize = item.setWidth if vertical else item.setHeight
            self._scale((item, "extent"), fixed, lambda _extent, _factor: None, resize)
        elif isinstance(item, pg.LegendItem):
            size = item.opts.get("labelTextSize")
            self._scale(item, size, _scaled_size, lambda s: self._legend_size(item, s))
        elif isinstance(item, pg.LabelItem) and not isinstance(item.parentItem(), pg.LegendItem):
            self._scale(
                item, item.opts.get("size"), _scaled_size, lambda s: item.setText(item.text, size=s)
            )

    def _scale(self, key, current, scale: Callable, apply: Callable) -> None:
        if current is None:
            return
        record = self._plot_texts.get(key)
        if record is not None and current == record[1]:
            return
        scaled = scale(current, self.font_scale)
        self._plot_texts[key] = (current, scaled, apply)
        apply(scaled)

    @staticmethod
    def _legend_size(legend: pg.LegendItem, size: str) -> None:
        legend.setLabelTextSize(size)
        for _sample, label in legend.items:
            label.setText(label.text)  # setLabelTextSize only records the size

    @staticmethod
    def _axis_label(axis: pg.AxisItem, size: str) -> None:
        axis.labelStyle = {**axis.labelStyle, "font-size": size}
        axis.label.setHtml(axis.labelString())
        if hasattr(axis, "_adjustSize"):  # pyqtgraph re-measures the axis here
            axis._adjustSize()

    def _restore_fonts(self) -> None:
        for widget, (original, _scaled) in self._widget_fonts.items():
            if shiboken6.isValid(widget):
                widget.setFont(original)
        self._widget_fonts.clear()
        for key, (original, _scaled, apply) in self._plot_texts.items():
            item = key[0] if isinstance(key, tuple) else key
            if shiboken6.isValid(item):
                apply(original)
        self._plot_texts.clear()

    # --- cursor and panel ---------------------------------------------------------------------

    def _check_cursor(self) -> None:
        position = QCursor.pos()
        if position != self._cursor_pos:
            self._cursor_pos = position
            self._show_cursor()
            self._idle.start()

    def _hide_cursor(self) -> None:
        if self._active and not self._cursor_hidden:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self._cursor_hidden = True

    def _show_cursor(self) -> None:
        if self._cursor_hidden:
            QApplication.restoreOverrideCursor()
            self._cursor_hidden = False

    def _dock_visibility_changed(self, visible: bool) -> None:
        if not shiboken6.isValid(self.window):  # the window is being destroyed
            return
        self.panel_action.blockSignals(True)
        self.panel_action.setChecked(not self.dock.isHidden())
        self.panel_action.blockSignals(False)
        self._update_bar_icons()

    def _update_bar_icons(self) -> None:
        style, pixmap = self.window.style(), QStyle.StandardPixmap
        shown = self.panel_action.isChecked()
        self.panel_action.setIcon(
            style.standardIcon(pixmap.SP_ArrowLeft if shown else pixmap.SP_ArrowRight)
        )
        self.presentation_action.setIcon(style.standardIcon(pixmap.SP_TitleBarNormalButton))

    def _action(self, shortcut: str | None, checkable: bool) -> QAction:
        action = QAction(self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.setCheckable(checkable)
        self.window.addAction(action)
        return action

    # --- help ---------------------------------------------------------------------------------

    def show_shortcut_sheet(self) -> QDialog:
        dialog = shortcut_sheet(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

"""Presentation mode, light and dark themes, the shortcut sheet and the About text.

Presentation mode (F5) is for a projector at the front of a classroom: full screen, every
font 1.5× (the application font, fonts set on widgets, pyqtgraph axes, titles and legends),
a high-contrast palette, the mouse cursor hidden after 3 s without movement and the left
panel folded into a slim bar. Leaving restores each of these as it was.

Views that draw text themselves can read `Presentation.scale` (1.0 outside presentation
mode) and listen to `scale_changed`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QCursor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from optviz.ui.style import refresh_themed_styles

FONT_SCALE = 1.5
IDLE_MS = 3000  # hide the cursor after this long without movement
CURSOR_POLL_MS = 200  # most widgets get no mouse-move events without a button held: poll


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


def _plain(text: str) -> str:
    """A menu text as a person reads it: '&Open…\\tCtrl+O' → 'Open…', '文件(&F)' → '文件'."""
    text = re.sub(r"\(&\w\)", "", text.split("\t")[0])
    return re.sub(r"&(.)", r"\1", text)


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """(shortcut, action, menu) for every action of the window that has a shortcut.

    Read from the window's actions, so a new action appears here without listing it.
    """
    menus: dict[QAction, str] = {}

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{title} › {_plain(action.menu().title())}")
            else:
                menus.setdefault(action, title)

    order: list[QAction] = []
    if isinstance(window, QMainWindow):
        for top in window.menuBar().actions():
            if top.menu() is not None:
                walk(top.menu(), _plain(top.menu().title()))
        order = list(menus)
    for action in [*window.actions(), *window.findChildren(QAction)]:
        if action not in order:
            order.append(action)
    rows = []
    for action in order:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys and action.text():
            rows.append((", ".join(keys), _plain(action.text()), menus.get(action, "")))
    return rows


def shortcut_sheet(window: QWidget) -> QDialog:
    """A dialog listing every keyboard shortcut of the window (not yet shown)."""
    translate = QCoreApplication.translate
    dialog = QDialog(window)
    dialog.setWindowTitle(translate("Presentation", "Keyboard shortcuts"))
    rows = shortcut_rows(window)
    table = QTableWidget(len(rows), 3, dialog)
    table.setHorizontalHeaderLabels(
        [
            translate("Presentation", "Shortcut"),
            translate("Presentation", "Action"),
            translate("Presentation", "Menu"),
        ]  # fmt: skip
    )
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if c == 0:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(r, c, item)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(560, min(120 + 30 * len(rows), 720))
    dialog.table = table
    return dialog


# --- About ----------------------------------------------------------------------------------

DEPENDENCIES = (
    # (distribution, shown as, licence)
    (
        "PySide6-Essentials",
        QT_TRANSLATE_NOOP("About", "Qt for Python (PySide6) and Qt"),
        "LGPL-3.0",
    ),
    ("pyqtgraph", "pyqtgraph", "MIT"),
    ("numpy", "NumPy", "BSD-3-Clause"),
    ("contourpy", "contourpy", "BSD-3-Clause"),
    ("superqt", "superqt", "BSD-3-Clause"),
    ("platformdirs", "platformdirs", "MIT"),
    ("PyOpenGL", "PyOpenGL", "BSD-3-Clause"),
)
DATASETS = (
    # (name, credit, licence, licence link)
    ("MNIST", "Yann LeCun, Corinna Cortes, Christopher J. C. Burges", "CC BY-SA 3.0",
     "https://creativecommons.org/licenses/by-sa/3.0/"),
    ("Fashion-MNIST", "Zalando Research (Han Xiao, Kashif Rasul, Roland Vollgraf)", "MIT",
     "https://github.com/zalandoresearch/fashion-mnist/blob/master/LICENSE"),
    (QT_TRANSLATE_NOOP("About", "UCI Optical Recognition of Handwritten Digits"),
     "E. Alpaydin, C. Kaynak", "CC BY 4.0",
     "https://creativecommons.org/licenses/by/4.0/"),
)  # fmt: skip


DOWNLOADS = QT_TRANSLATE_NOOP(
    "About", "The digits ship with optviz; MNIST and Fashion-MNIST are downloaded when asked for."
)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def about_html() -> str:
    """The About dialog's text: version, dependencies with licences, data-set credits."""
    from optviz import __version__

    translate = QCoreApplication.translate  # two names are descriptions; credits are names
    rows = "".join(
        f"<tr><td>{html.escape(translate('About', shown))}</td>"
        f"<td>{html.escape(_version(dist))}</td><td>{html.escape(licence)}</td></tr>"
        for dist, shown, licence in DEPENDENCIES
    )
    data = "".join(
        f"<li><b>{html.escape(translate('About', name))}</b> — {html.escape(credit)}; "
        f"<a href='{link}'>{html.escape(licence)}</a></li>"
        for name, credit, licence, link in DATASETS
    )
    tagline = QCoreApplication.translate("About", "See how gradient-descent optimizers move.")
    free = QCoreApplication.translate("About", "optviz is free software under the MIT licence.")
    built_with = QCoreApplication.translate("About", "Built with")
    data_sets = QCoreApplication.translate("About", "Data sets")
    downloads = QCoreApplication.translate("About", DOWNLOADS)
    return (
        f"<h3>optviz {html.escape(__version__)}</h3><p>{tagline}</p><p>{free}</p>"
        f"<h4>{built_with}</h4><table cellspacing='6'>{rows}</table>"
        f"<h4>{data_sets}</h4><ul>{data}</ul><p>{downloads}</p>"
    )

"""Presentation mode, themes, the shortcut sheet and the About text, on the real main window."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QCursor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from optviz import __version__
from optviz.ui.presentation import Presentation, about_html, shortcut_rows, shortcut_sheet

RUN_TIMEOUT = 20_000


@pytest.fixture
def window(open_window):
    return open_window(1000, 600)


@pytest.fixture
def presentation(window, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    shown = Presentation(window, dock=window.dock, settings=settings, idle_ms=150)
    yield shown
    shown.leave()
    shown.set_theme("light")


def text_sizes(window):
    """What presentation mode scales: fonts set on widgets and pyqtgraph text sizes."""
    equations = window.equations.text.font().pointSizeF()  # set with setFont in the panel
    axis = window.surface_view.getPlotItem().getAxis("bottom").style["tickFont"].pointSizeF()
    legend = window.surface_view.legend.opts["labelTextSize"]
    title = window.side_plots.lr.getPlotItem().getAxis("bottom").labelStyle["font-size"]
    return equations, axis, legend, title


def test_presentation_mode_scales_fonts_goes_full_screen_and_leaving_restores_it(
    window, presentation, qtbot
):
    app = QApplication.instance()
    font_before = app.font().pointSizeF()
    sizes_before = text_sizes(window)
    palette_before = app.palette().color(QPalette.ColorRole.Window)
    assert presentation.scale == 1.0

    presentation.presentation_action.trigger()  # what F5 does
    assert presentation.is_active()
    assert presentation.scale == 1.5
    assert app.font().pointSizeF() == pytest.approx(1.5 * font_before)
    equations, axis, legend, title = text_sizes(window)
    assert equations == pytest.approx(1.5 * sizes_before[0])
    assert axis == pytest.approx(1.5 * sizes_before[1])
    assert legend == "18pt" and sizes_before[2] == "12pt"
    _sample, label = window.surface_view.legend.items[0]
    assert "font-size:18pt" in label.item.toHtml().replace(" ", "")
    assert title == "16.5pt" and sizes_before[3] == "11pt"
    # The platform may refuse full screen; the requested state is what we can check.
    assert window.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.waitUntil(lambda: window.dock.isHidden() and presentation.bar.isVisible())
    assert app.palette().color(QPalette.ColorRole.WindowText).name() == "#000000"
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#ffffff"

    presentation.presentation_action.trigger()
    assert not presentation.is_active()
    assert app.font().pointSizeF() == pytest.approx(font_before)
    assert text_sizes(window) == sizes_before
    assert not window.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.waitUntil(lambda: window.dock.isVisible() and presentation.bar.isHidden())
    assert app.palette().color(QPalette.ColorRole.Window) == palette_before


def test_text_redrawn_during_presentation_is_scaled_again(window, presentation, qtbot):
    presentation.enter()
    window.side_plots.lr.getPlotItem().setTitle("learning rate", size="12pt")  # a redraw
    presentation.refresh_fonts()
    assert window.side_plots.lr.getPlotItem().titleLabel.opts["size"] == "18pt"
    presentation.leave()
    assert window.side_plots.lr.getPlotItem().titleLabel.opts["size"] == "12pt"


def test_the_panel_folds_into_a_slim_bar_and_comes_back_with_its_toggle(
    window, presentation, qtbot
):
    presentation.enter()
    qtbot.waitUntil(window.dock.isHidden)
    assert presentation.panel_action in presentation.bar.actions()
    presentation.panel_action.trigger()
    qtbot.waitUntil(window.dock.isVisible)
    presentation.panel_action.trigger()
    qtbot.waitUntil(window.dock.isHidden)


def test_the_cursor_hides_when_idle_and_returns_on_movement(window, presentation, qtbot):
    presentation.enter()
    qtbot.waitUntil(lambda: presentation.cursor_hidden, timeout=3_000)
    assert QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor
    QCursor.setPos(QCursor.pos() + QPoint(17, 9))
    qtbot.waitUntil(lambda: not presentation.cursor_hidden, timeout=3_000)
    assert QApplication.overrideCursor() is None
    presentation.leave()
    assert QApplication.overrideCursor() is None


def test_dark_theme_colours_widgets_and_plots_and_light_restores_them(window, presentation):
    app = QApplication.instance()
    light = app.palette().color(QPalette.ColorRole.Window)
    presentation.dark_action.trigger()
    assert presentation.theme == "dark"
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert window.surface_view.backgroundBrush().color().lightness() < 80
    colour_bar = window.surface_view.colorbar.getAxis("right")
    assert colour_bar.textPen().color().lightness() > 180
    assert presentation.settings.value("theme") == "dark"
    presentation.dark_action.trigger()
    assert app.palette().color(QPalette.ColorRole.Window) == light
    assert window.surface_view.backgroundBrush().color() == pg.mkColor("w")


def test_the_shortcut_sheet_lists_the_windows_actions_including_new_ones(window, presentation):
    rows = shortcut_rows(window)
    assert ("Space", "Play / pause", "Playback") in rows
    assert ("F5", "Presentation mode", "") in rows
    assert any(keys == "F1, ?" for keys, _action, _menu in rows)
    added = QAction("Export &movie", window)
    added.setShortcut(QKeySequence("Ctrl+M"))
    window.addAction(added)
    assert ("Ctrl+M", "Export movie", "") in shortcut_rows(window)
    sheet = shortcut_sheet(window)
    cells = [sheet.table.item(r, 1).text() for r in range(sheet.table.rowCount())]
    assert "Export movie" in cells and "Play / pause" in cells
    sheet.deleteLater()


def test_about_names_the_version_licences_and_data_set_credits():
    text = about_html()
    assert __version__ in text
    for expected in ("LGPL-3.0", "pyqtgraph", "MIT", "BSD-3-Clause", "MNIST",
                     "LeCun", "Cortes", "Burges", "CC BY-SA 3.0", "Fashion-MNIST", "Zalando",
                     "Alpaydin", "Kaynak", "CC BY 4.0"):  # fmt: skip
        assert expected in text


def test_parts_built_after_the_theme_was_set_are_themed_too(open_window):
    """The Training tab is built when first shown, the side plots after the first frame:
    in the dark theme their plots are dark like the rest (they were white)."""
    window = open_window(1000, 600)
    window.presentation.set_theme("dark")
    try:
        assert not window._training_page.built
        window.tabs.setCurrentWidget(window._training_page)
        views = window.training_tab.findChildren(pg.GraphicsView)
        assert views
        assert all(view.backgroundBrush().color().lightness() < 80 for view in views)
    finally:
        window.presentation.set_theme("light")


def test_titles_set_again_on_the_dark_theme_keep_its_colour(open_window, qtbot):
    """A new surface sets the map's axis titles and the colour bar's title again; pyqtgraph's
    setLabel dropped the theme's colour, so they came out black on the dark background."""
    window = open_window(1000, 600)
    window.presentation.set_theme("dark")
    try:
        with qtbot.waitSignal(window.grid_drawn, timeout=RUN_TIMEOUT):
            window.load_preset("batch_sizes")  # other axis names, another colour-bar title
        plot = window.surface_view.getPlotItem()
        titles = [plot.getAxis("bottom"), plot.getAxis("left")]
        titles.append(window.surface_view.colorbar.getAxis("right"))
        assert "slope" in titles[0].labelText
        for axis in titles:
            assert pg.mkColor(axis.labelStyle["color"]).lightness() > 180, axis.labelStyle
    finally:
        window.presentation.set_theme("light")


def test_a_new_grid_during_presentation_keeps_the_colour_bar_title_scaled(open_window, qtbot):
    window = open_window(1000, 600)
    qtbot.waitUntil(lambda: window.grid is not None, timeout=RUN_TIMEOUT)
    title = window.surface_view.colorbar.getAxis("right")
    assert title.labelStyle["font-size"] == "12pt"
    window.presentation.enter()
    try:
        assert title.labelStyle["font-size"] == "18pt"
        with qtbot.waitSignal(window.grid_drawn, timeout=RUN_TIMEOUT):
            window._request_grid_for_view()  # what a zoom does
        assert title.labelStyle["font-size"] == "18pt"
    finally:
        window.presentation.leave()
    assert title.labelStyle["font-size"] == "12pt"

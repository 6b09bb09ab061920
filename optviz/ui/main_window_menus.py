"""The main window's menu bar, and the commands only the menus give (About, copy as code,
language, export, copy image). A part of `MainWindow` (main_window.py).

Every action is also added to the window, so its shortcut works with the menu bar out of
sight; the shortcut sheet (Help › Keyboard shortcuts) lists them from there. Texts are
translated in the context "MainWindow", where `i18n.retranslate_menus` looks them up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from optviz.engine import presets
from optviz.ui import i18n
from optviz.ui.about import about_html

# Not self.tr(): lupdate would file those texts under this mixin's name; they belong to
# "MainWindow", the context the run-time language switch looks the window's texts up in.
translate = QCoreApplication.translate


class MenusMixin:
    """The menus of MainWindow. `_build_menus` reads the window's document, presentation,
    surface view and playback bar, and sets `log_action`, `contour_action` and
    `arrows_action` on it."""

    def _action(self, menu, text: str, slot, shortcut=None, checkable=False, checked=False):
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        if checkable:
            action.setCheckable(True)
            action.setChecked(checked)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        document, presentation = self.document, self.presentation
        file_menu = bar.addMenu(translate("MainWindow", "&File"))
        file_menu.addActions([document.new_action, document.open_action])
        file_menu.addMenu(document.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([document.save_action, document.save_as_action])
        file_menu.addSeparator()
        self._action(file_menu, translate("MainWindow", "&Export…"), self.export_dialog, "Ctrl+E")
        self._action(
            file_menu, translate("MainWindow", "&Copy image"), self.copy_image, "Ctrl+Shift+C"
        )
        self._action(
            file_menu,
            translate("MainWindow", "Copy as &PyTorch code"),
            lambda: self.copy_code("torch"),
        )
        self._action(
            file_menu,
            translate("MainWindow", "Copy as &Keras code"),
            lambda: self.copy_code("keras"),
        )
        file_menu.addSeparator()
        self._action(file_menu, translate("MainWindow", "&Quit"), self.request_quit, "Ctrl+Q")
        preset_menu = bar.addMenu(translate("MainWindow", "&Presets"))
        for name in presets.NAMES:
            action = QAction(translate("Presets", presets.title(name)), self)
            action.triggered.connect(lambda _=False, n=name: self.load_preset(n, ask=True))
            preset_menu.addAction(action)
        view = bar.addMenu(translate("MainWindow", "&View"))
        self.log_action = self._action(
            view, translate("MainWindow", "&Log colour scale"), self._toggle_log, checkable=True
        )
        self.contour_action = self._action(
            view,
            translate("MainWindow", "&Contour lines"),
            self.surface_view.show_contours,
            checkable=True,
            checked=True,
        )
        self.arrows_action = self._action(
            view,
            translate("MainWindow", "&Gradient field"),
            self.surface_view.show_gradient_field,
            checkable=True,
        )
        self._action(view, translate("MainWindow", "Reset &zoom"), self._reset_zoom, "Ctrl+0")
        view.addSeparator()
        view.addActions(
            [presentation.presentation_action, presentation.panel_action, presentation.dark_action]
        )
        languages = view.addMenu(translate("MainWindow", "La&nguage"))
        group = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
        play = bar.addMenu(translate("MainWindow", "P&layback"))
        step_by = self.playback.step_by
        for text, slot, shortcut in (
            (translate("MainWindow", "Play / pause\tSpace"), self.playback.toggle, "Space"),
            (translate("MainWindow", "Step forward\t→"), lambda: step_by(1), "Right"),
            (translate("MainWindow", "Step back\t←"), lambda: step_by(-1), "Left"),
            (translate("MainWindow", "First step\tHome"), lambda: step_by(-(10**9)), "Home"),
            (translate("MainWindow", "Last step\tEnd"), lambda: step_by(10**9), "End"),
            (translate("MainWindow", "Reset\tR"), self.playback.reset, "R"),
        ):
            self._action(play, text, slot, shortcut)
        help_menu = bar.addMenu(translate("MainWindow", "&Help"))
        help_menu.addAction(presentation.shortcuts_action)  # F1 and ?
        self._action(help_menu, translate("MainWindow", "&About optviz"), self.show_about)

    def show_about(self) -> None:
        QMessageBox.about(self, translate("MainWindow", "About optviz"), about_html())

    def copy_code(self, framework: str) -> None:
        """The enabled optimizers as PyTorch ("torch") or tf.keras ("keras") code."""
        from optviz.engine import codegen  # only when asked: 30 ms of start-up

        exp = self.current_experiment()
        if exp is None:
            return
        if framework == "torch":
            text, message = (
                codegen.torch_snippet(exp),
                translate("MainWindow", "PyTorch code copied to the clipboard"),
            )
        else:
            text, message = (
                codegen.keras_snippet(exp),
                translate("MainWindow", "Keras code copied to the clipboard"),
            )
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(message, 5000)

    def set_language(self, language: str) -> None:
        i18n.save_language(language)
        i18n.install_translator(QApplication.instance(), language)
        i18n.retranslate_widgets(self)
        self.statusBar().showMessage(
            translate("MainWindow", "The language has been switched."), 5000
        )

    def export_dialog(self) -> None:
        from optviz.ui.export_dialog import ExportDialog

        if getattr(self, "_export_dialog", None) is None:
            self._export_dialog = ExportDialog(self)
        self._export_dialog.show()
        self._export_dialog.raise_()

    def copy_image(self) -> None:
        from optviz import export

        view = "3d" if self.tabs.currentIndex() == 1 else "surface"
        try:
            export.copy_image_to_clipboard(self, view)
        except export.ExportError as error:
            self.statusBar().showMessage(i18n.error_text(error), 5000)
            return
        self.statusBar().showMessage(translate("MainWindow", "Image copied to the clipboard"), 3000)

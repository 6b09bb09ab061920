"""The experiment-file workflow of a window: New, Open, Save, prompts, drag and drop.

`DocumentController` knows the window only through three callables and the panels'
`changed` signals, so it works for any window that can describe its experiment:

    document = DocumentController(window, window.current_experiment,
                                  window.load_experiment, [panel.changed, ...])

Unsaved changes are found by comparing the experiment the panels describe with the one
last loaded or saved (editing a value back is not a change). While there are any, the
experiment is autosaved, and a crash's autosave is offered back at the next start
(document_autosave.py); File › Open Recent is document_recent.py.

Every question goes through `self.dialogs` (a `Dialogs`, document_dialogs.py), so tests pass
a stand-in; `open`, `save_as` and `load` do their work without asking anything.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from optviz.engine import experiment as experiment_io
from optviz.engine.errors import OptvizError
from optviz.engine.experiment import Experiment
from optviz.ui.document_autosave import (
    AUTOSAVE_NAME,
    CLEAN_EXIT_NAME,
    RECOVERY_NAME,
    AutosaveMixin,
    user_data_dir,
)
from optviz.ui.document_dialogs import Dialogs
from optviz.ui.document_recent import MAX_RECENT, RecentFilesMixin
from optviz.ui.i18n import error_text

__all__ = [
    "AUTOSAVE_NAME",
    "CLEAN_EXIT_NAME",
    "MAX_RECENT",
    "RECOVERY_NAME",
    "Dialogs",
    "DocumentController",
    "dropped_experiment",
    "user_data_dir",
]


class DocumentController(AutosaveMixin, RecentFilesMixin, QObject):
    """Owns the experiment file of one window. Signals: `modified_changed(bool)`,
    `file_changed(object)` (a Path or None), `saved(object)` (the Path written).

    Autosave and recovery (`autosave_now`, `offer_recovery`, `close_requested` ...) come
    from AutosaveMixin, the recent files (`recent_files`, `clear_recent_files`) from
    RecentFilesMixin.
    """

    modified_changed = Signal(bool)
    file_changed = Signal(object)
    saved = Signal(object)

    def __init__(
        self,
        window: QWidget,
        get_experiment: Callable[[], Experiment | None],
        load_experiment: Callable[[Experiment, str], None],
        changed_signals: list,
        *,
        new_experiment: Callable[[], Experiment] | None = None,
        settings: QSettings | None = None,
        data_dir: Path | None = None,
        dialogs: Any = None,
        autosave_interval_s: float = 30.0,
        autosave_delay_ms: int = 1500,
    ):
        super().__init__(window)
        self.window = window
        self._get_experiment = get_experiment
        self._load_experiment = load_experiment
        self._new_experiment = new_experiment or _default_experiment
        self.settings = settings or QSettings("optviz", "optviz")
        self.data_dir = Path(data_dir) if data_dir is not None else user_data_dir()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.dialogs = dialogs or Dialogs(window)
        self.current_file: Path | None = None
        self._name = ""  # shown when there is no file (a preset's title, "Untitled")
        self._name_source: tuple[str, str] | None = None  # (context, English) to translate it
        self._snapshot: dict | None = None  # the experiment as last loaded or saved
        self._recovered = False  # a recovered experiment stays unsaved until saved
        self._modified = False
        self._autosaved_text: str | None = None

        self._check_timer = _single_shot(self, 80, self._refresh_modified)
        self._autosave_soon = _single_shot(self, autosave_delay_ms, self.autosave_now)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(int(autosave_interval_s * 1000))
        self._autosave_timer.timeout.connect(self.autosave_now)
        self._autosave_timer.start()
        for signal in changed_signals:
            signal.connect(self._changed)

        self.new_action = self._action(self.new, QKeySequence.StandardKey.New)
        self.open_action = self._action(self.open_dialog, QKeySequence.StandardKey.Open)
        self.save_action = self._action(self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = self._action(self.save_as_dialog, QKeySequence.StandardKey.SaveAs)
        self.recent_menu = QMenu(window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.retranslate()

        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self._recovery = self._set_aside_crash_autosave()
        self._update_title()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on the window's LanguageChange)."""
        self.new_action.setText(self.tr("&New"))
        self.open_action.setText(self.tr("&Open…"))
        self.save_action.setText(self.tr("&Save"))
        self.save_as_action.setText(self.tr("Save &As…"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self._fill_recent_menu()
        if self._name_source is not None:
            self._name = QCoreApplication.translate(*self._name_source)
        self._update_title()

    # --- state ------------------------------------------------------------------------------

    def is_modified(self) -> bool:
        """Whether the panels differ from the file (checked now, not after the debounce)."""
        self._refresh_modified()
        return self._modified

    def display_name(self) -> str:
        if self.current_file is not None:
            return self.current_file.name
        return self._name or self.tr("Untitled")

    # --- loading ------------------------------------------------------------------------------

    def load(
        self,
        experiment: Experiment,
        title: str = "",
        path: Path | None = None,
        title_context: str = "",
    ) -> None:
        """Show an experiment (no questions asked); `path` is the file it came from, if any.

        title_context: `title` is English, translated in this context (now and after a
        language change), as a preset's title is.
        """
        self._name_source = (title_context, title) if title_context and title else None
        if self._name_source is not None:
            title = QCoreApplication.translate(*self._name_source)
        self._load_experiment(experiment, title)
        self._name = title or experiment.title
        self._set_file(Path(path) if path is not None else None)
        self._recovered = False
        self._take_snapshot()

    def load_with_prompt(
        self, experiment: Experiment, title: str = "", title_context: str = ""
    ) -> bool:
        """`load` after offering to save unsaved changes (the Presets menu)."""
        if not self.maybe_save():
            return False
        self.load(experiment, title, title_context=title_context)
        return True

    def new(self) -> bool:
        return self.load_with_prompt(self._new_experiment(), "")

    def open(self, path: Path) -> bool:
        """Open an experiment file; a bad file is reported and nothing changes."""
        path = Path(path)
        try:
            experiment = experiment_io.load(path)
        except OptvizError as error:
            self.dialogs.warning(
                self.tr("Cannot open experiment"), f"{path.name}: {error_text(error)}"
            )
            return False
        self.load(experiment, path.name, path)
        self._add_recent(path)
        self.settings.setValue("last_folder", str(path.parent))
        return True

    def open_with_prompt(self, path: Path) -> bool:
        """`open` after offering to save unsaved changes (recent files, drag and drop)."""
        return self.maybe_save() and self.open(path)

    def open_dialog(self) -> bool:
        if not self.maybe_save():
            return False
        path = self.dialogs.open_path(self._last_folder())
        return path is not None and self.open(path)

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.current_file is None:
            return self.save_as_dialog()
        return self.save_as(self.current_file)

    def save_as(self, path: Path) -> bool:
        """Write the experiment to `path` (atomically); it becomes the current file."""
        path = Path(path)
        experiment = self._get_experiment()
        if experiment is None:
            self.dialogs.warning(
                self.tr("Cannot save"),
                self.tr("The experiment has errors: fix the highlighted settings."),
            )
            return False
        try:
            experiment_io.save(experiment, path)
        except OSError as error:
            self.dialogs.warning(self.tr("Cannot save"), f"{path}: {error.strerror or error}")
            return False
        self._set_file(path)
        self._recovered = False
        self._snapshot = experiment.to_dict()
        self._set_modified(False)
        self._add_recent(path)
        self.settings.setValue("last_folder", str(path.parent))
        self._remove_autosave()
        status = getattr(self.window, "statusBar", None)
        if callable(status):
            status().showMessage(self.tr("Saved {path}").format(path=path), 5000)
        self.saved.emit(path)
        return True

    def save_as_dialog(self) -> bool:
        suggested = self.current_file or Path(self._last_folder()) / "experiment.json"
        path = self.dialogs.save_path(str(suggested))
        return path is not None and self.save_as(path)

    def maybe_save(self) -> bool:
        """Before unsaved changes would be lost: Save / Discard / Cancel. True: go ahead."""
        if not self.is_modified():
            return True
        answer = self.dialogs.ask_save_changes(self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    # --- window settings ----------------------------------------------------------------------

    def save_window_settings(self) -> None:
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        if hasattr(self.window, "saveState"):
            self.settings.setValue("window/state", self.window.saveState())
        self.settings.sync()

    def restore_window_settings(self) -> bool:
        """Geometry and dock layout of the last session; False if there were none."""
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.window.restoreGeometry(geometry):
            return False
        state = self.settings.value("window/state")
        if state is not None and hasattr(self.window, "restoreState"):
            self.window.restoreState(state)
        return True

    # --- drag and drop ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.LanguageChange:
            self.retranslate()
        elif watched is self.window and kind in _DROP_EVENTS:
            path = dropped_experiment(event.mimeData())
            if path is None:
                return False
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                # Ask (and open) after the drop returns: a modal dialog inside the drop
                # handler would keep the file manager waiting.
                QTimer.singleShot(0, lambda: self.open_with_prompt(path))
            return True
        return super().eventFilter(watched, event)

    # --- internals ----------------------------------------------------------------------------

    def _action(self, slot, shortcut) -> QAction:
        action = QAction(self.window)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)
        return action

    def _changed(self, *_: Any) -> None:
        self._check_timer.start()
        self._autosave_soon.start()

    def _take_snapshot(self) -> None:
        experiment = self._get_experiment()
        self._snapshot = experiment.to_dict() if experiment is not None else None
        self._refresh_modified()

    def _refresh_modified(self) -> None:
        self._check_timer.stop()
        if self._recovered:
            modified = True
        else:
            experiment = self._get_experiment()
            modified = experiment is None or experiment.to_dict() != self._snapshot
        self._set_modified(modified)

    def _set_modified(self, modified: bool) -> None:
        changed = modified != self._modified
        self._modified = modified
        self.window.setWindowModified(modified)
        if not modified:
            self._autosave_soon.stop()
        if changed:
            self.modified_changed.emit(modified)

    def _set_file(self, path: Path | None) -> None:
        changed = path != self.current_file
        self.current_file = path
        if hasattr(self.window, "current_file"):
            self.window.current_file = path  # the window's own attribute stays true
        self.window.setWindowFilePath(str(path) if path is not None else "")
        self._update_title()
        if changed:
            self.file_changed.emit(path)

    def _update_title(self) -> None:
        self.window.setWindowTitle(f"{self.display_name()}[*] — optviz")
        self.window.setWindowModified(self._modified)

    def _last_folder(self) -> str:
        return str(self.settings.value("last_folder", str(Path.home())))


_DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


def dropped_experiment(mime) -> Path | None:
    """The first local .json file among dropped URLs, or None."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".json"):
            return Path(url.toLocalFile())
    return None


def _single_shot(parent: QObject, ms: int, slot) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer


def _default_experiment() -> Experiment:
    from optviz.engine import presets

    return presets.preset(presets.DEFAULT)

"""The experiment-file workflow of a window: New, Open, Save, recent files, autosave, recovery.

`DocumentController` knows the window only through three callables and the panels'
`changed` signals, so it works for any window that can describe its experiment:

    document = DocumentController(window, window.current_experiment,
                                  window.load_experiment, [panel.changed, ...])

Unsaved changes are found by comparing the experiment the panels describe with the one
last loaded or saved (editing a value back is not a change). While there are any, the
experiment is written to <user data>/autosave.json every `autosave_interval_s` seconds and
shortly after each edit. A clean exit deletes it and touches `clean-exit`; an autosave
newer than that marker at start-up is a crash's leftover and is offered back
(`has_recovery()` / `recover()` / `offer_recovery()`).

Every question goes through `self.dialogs` (a `Dialogs`), so tests pass a stand-in; `open`,
`save_as` and `load` do their work without asking anything.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QEvent,
    QLocale,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from optviz.engine import experiment as experiment_io
from optviz.engine.errors import OptvizError
from optviz.engine.experiment import Experiment
from optviz.ui.i18n import error_text

MAX_RECENT = 8
AUTOSAVE_NAME = "autosave.json"
RECOVERY_NAME = "recovery.json"  # a crash's autosave, set aside until the user decides
CLEAN_EXIT_NAME = "clean-exit"


def user_data_dir() -> Path:
    """QStandardPaths.AppDataLocation (created if missing)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(folder or Path.home() / ".optviz")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Dialogs(QObject):
    """The questions DocumentController asks. Tests pass an object with the same methods."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.window = parent

    def ask_save_changes(self, name: str) -> str:
        """'save', 'discard' or 'cancel'."""
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to {name}?").format(name=name),
            buttons.Save | buttons.Discard | buttons.Cancel,
            buttons.Save,
        )
        return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")

    def open_path(self, folder: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open experiment"), folder, self.tr("Experiments (*.json)")
        )
        return Path(path) if path else None

    def save_path(self, suggested: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save experiment"), suggested, self.tr("Experiments (*.json)")
        )
        if not path:
            return None
        path = Path(path)
        return path if path.suffix.lower() == ".json" else path.with_name(path.name + ".json")

    def warning(self, title: str, text: str) -> None:
        QMessageBox.warning(self.window, title, text)

    def ask_recover(self, saved_at: str) -> bool:
        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window,
            self.tr("Restore unsaved experiment?"),
            self.tr(
                "optviz did not close normally last time. Restore the experiment "
                "autosaved at {time}?"
            ).format(time=saved_at),
            buttons.Yes | buttons.No,
            buttons.Yes,
        )
        return answer == buttons.Yes


class DocumentController(QObject):
    """Owns the experiment file of one window. Signals: `modified_changed(bool)`,
    `file_changed(object)` (a Path or None), `saved(object)` (the Path written)."""

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

    # --- closing, autosave and recovery -------------------------------------------------------

    def close_requested(self, ask: bool = True) -> bool:
        """From the window's closeEvent. False: the user cancelled, keep the window open.

        ask=False (a close the program started, e.g. on SIGTERM) asks nothing and keeps
        unsaved changes in the autosave, to be offered back at the next start.
        """
        if ask and not self.maybe_save():
            return False
        self._autosave_timer.stop()
        self._autosave_soon.stop()
        if ask or not self.is_modified():
            self._remove_autosave()
            (self.data_dir / CLEAN_EXIT_NAME).write_text(time.strftime("%Y-%m-%d %H:%M:%S\n"))
        else:
            self.autosave_now()
        return True

    @property
    def autosave_path(self) -> Path:
        return self.data_dir / AUTOSAVE_NAME

    def autosave_now(self) -> bool:
        """Write unsaved changes to the autosave file; True if it was written."""
        if not self.is_modified():
            return False
        experiment = self._get_experiment()
        if experiment is None:  # mid-edit: the last valid autosave stays
            return False
        text = experiment.to_json()
        if text == self._autosaved_text and self.autosave_path.exists():
            return False
        try:
            experiment_io.atomic_write(self.autosave_path, text)
        except OSError:
            return False  # a full disk must not interrupt the lesson
        source = str(self.current_file) if self.current_file is not None else ""
        self.settings.setValue("autosave/source_file", source)
        self.settings.setValue("autosave/name", self._name)
        self._autosaved_text = text
        return True

    def has_recovery(self) -> bool:
        return self._recovery is not None and self._recovery.exists()

    def recovery_time(self) -> str:
        """When the experiment to recover was autosaved, in the user's locale."""
        if not self.has_recovery():
            return ""
        when = QDateTime.fromSecsSinceEpoch(int(self._recovery.stat().st_mtime))
        return QLocale().toString(when, QLocale.FormatType.ShortFormat)

    def recover(self) -> bool:
        """Load the crash's autosave; it stays unsaved (and autosaved) until saved."""
        if not self.has_recovery():
            return False
        try:
            experiment = experiment_io.load(self._recovery)
        except OptvizError as error:
            self.dialogs.warning(self.tr("Cannot restore the experiment"), error_text(error))
            self.discard_recovery()
            return False
        source = self.settings.value("autosave/source_file", "") or ""
        name = self.settings.value("autosave/name", "") or ""
        self.load(experiment, name, Path(source) if source else None)
        self._recovered = True
        self._refresh_modified()
        self.autosave_now()
        self.discard_recovery()
        return True

    def discard_recovery(self) -> None:
        if self._recovery is not None:
            self._recovery.unlink(missing_ok=True)
        self._recovery = None

    def offer_recovery(self) -> bool:
        """Ask whether to restore a crash's autosave; True if it was restored."""
        if not self.has_recovery():
            return False
        if self.dialogs.ask_recover(self.recovery_time()):
            return self.recover()
        self.discard_recovery()
        return False

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

    # --- recent files -------------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):  # QSettings gives one string for a one-element list
            value = [value]
        return [Path(p) for p in (value or []) if p]

    def clear_recent_files(self) -> None:
        self.settings.setValue("recent_files", [])
        self._fill_recent_menu()

    def _add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent_files", [str(p) for p in [path, *files][:MAX_RECENT]])
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        files = self.recent_files()
        for number, path in enumerate(files, start=1):
            action = menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not files:
            menu.addAction(self.tr("No recent files")).setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("&Clear list"))
        clear.setEnabled(bool(files))
        clear.triggered.connect(self.clear_recent_files)

    def _open_recent(self, path: Path) -> bool:
        if not path.exists():
            self.dialogs.warning(
                self.tr("Cannot open experiment"),
                self.tr("{path} no longer exists.").format(path=path),
            )
            files = [p for p in self.recent_files() if p != path]
            self.settings.setValue("recent_files", [str(p) for p in files])
            self._fill_recent_menu()
            return False
        return self.open_with_prompt(path)

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

    def _remove_autosave(self) -> None:
        self.autosave_path.unlink(missing_ok=True)
        self._autosaved_text = None

    def _set_aside_crash_autosave(self) -> Path | None:
        """A leftover autosave newer than the clean-exit marker is a crash's: keep it apart,
        so this session's autosaves cannot overwrite it before the user decides."""
        autosave, marker = self.autosave_path, self.data_dir / CLEAN_EXIT_NAME
        recovery = self.data_dir / RECOVERY_NAME
        if autosave.exists():
            if marker.exists() and marker.stat().st_mtime >= autosave.stat().st_mtime:
                autosave.unlink(missing_ok=True)  # stale: the last exit was clean
            else:
                os.replace(autosave, recovery)
        return recovery if recovery.exists() else None


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

"""Autosave and crash recovery, a part of `DocumentController` (document.py).

While there are unsaved changes, the experiment is written to <user data>/autosave.json
(every `autosave_interval_s` seconds and shortly after each edit: the controller's timers
call `autosave_now`). A clean exit deletes it and touches `clean-exit`; an autosave newer
than that marker at start-up is a crash's leftover: it is set aside as recovery.json and
offered back (`has_recovery()` / `recover()` / `offer_recovery()`).

The methods use the controller's `data_dir`, `settings`, `dialogs`, `current_file` and its
timers; their texts are translated in the context "DocumentController".
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QStandardPaths

from optviz.engine import experiment as experiment_io
from optviz.engine.errors import OptvizError
from optviz.ui.i18n import error_text

AUTOSAVE_NAME = "autosave.json"
RECOVERY_NAME = "recovery.json"  # a crash's autosave, set aside until the user decides
CLEAN_EXIT_NAME = "clean-exit"

# Not self.tr(): lupdate would file those texts under this mixin's name.
translate = QCoreApplication.translate


def user_data_dir() -> Path:
    """QStandardPaths.AppDataLocation (created if missing)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(folder or Path.home() / ".optviz")
    path.mkdir(parents=True, exist_ok=True)
    return path


class AutosaveMixin:
    """Closing, autosave and recovery: the methods of DocumentController that keep unsaved
    changes safe across a crash."""

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
            self.dialogs.warning(
                translate("DocumentController", "Cannot restore the experiment"),
                error_text(error),
            )
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

"""The data set picker of the training tab: which set, where its files are, download.

MNIST and Fashion-MNIST are looked for in ``data_dir()/<name>`` or in a folder the user
chose ("Use folder…", remembered in QSettings). "Download…" runs `download_dataset` on a
background thread, with a progress bar and Cancel. The bundled digits need nothing.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from optviz.engine import download
from optviz.engine.datasets import (
    DATASETS,
    FILE_ROLES,
    IDX_FILES,
    dataset_folder,
    find_file,
)
from optviz.engine.errors import OptvizError
from optviz.ui.i18n import error_text

CHOICES = (
    ("digits", QT_TRANSLATE_NOOP("DataPanel", "Digits (bundled, offline)")),
    ("mnist", "MNIST"),  # names, the same in every language
    ("fashion-mnist", "Fashion-MNIST"),
)
# The class names of the engine's data sets that are words (the engine never imports Qt),
# listed for lupdate; the tab shows them with engine_text("Datasets", name). A test checks
# that this list is complete.
CLASS_NAMES = (
    QT_TRANSLATE_NOOP("Datasets", "T-shirt/top"),
    QT_TRANSLATE_NOOP("Datasets", "Trouser"),
    QT_TRANSLATE_NOOP("Datasets", "Pullover"),
    QT_TRANSLATE_NOOP("Datasets", "Dress"),
    QT_TRANSLATE_NOOP("Datasets", "Coat"),
    QT_TRANSLATE_NOOP("Datasets", "Sandal"),
    QT_TRANSLATE_NOOP("Datasets", "Shirt"),
    QT_TRANSLATE_NOOP("Datasets", "Sneaker"),
    QT_TRANSLATE_NOOP("Datasets", "Bag"),
    QT_TRANSLATE_NOOP("Datasets", "Ankle boot"),
)
SETTINGS_KEY = "training/folder/{name}"
ERROR_COLOR = "#B00020"


class _DownloadBridge(QObject):
    """Carries the download thread's news to the GUI thread (queued signals)."""

    progress = Signal(str, int, int)  # file name, bytes done, bytes total (0: unknown)
    done = Signal(str, str)  # folder ("" if it failed), error message ("" if none)


class DataPanel(QWidget):
    """Signals: `changed()` when the data set or its folder changes; `busy_changed(bool)`
    while a download runs."""

    changed = Signal()
    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._folders: dict[str, str] = {}
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._bridge = _DownloadBridge(self)
        self._bridge.progress.connect(self._download_progress)
        self._bridge.done.connect(self._download_done)
        self._files_done = 0

        self.combo = QComboBox()
        for name, _title in CHOICES:
            self.combo.addItem("", name)  # texts: retranslate()
        self.combo.currentIndexChanged.connect(self._dataset_chosen)
        self.download_button = QPushButton()
        self.download_button.clicked.connect(self.start_download)
        self.folder_button = QPushButton()
        self.folder_button.clicked.connect(self.choose_folder)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_download)
        progress_row = QHBoxLayout()
        progress_row.setContentsMargins(0, 0, 0, 0)
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress_row = QWidget()
        self.progress_row.setLayout(progress_row)
        self.progress_row.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.credit = QLabel()
        self.credit.setWordWrap(True)
        self.credit.setStyleSheet("color: #555; font-size: 9pt;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.combo)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.status)
        layout.addWidget(self.credit)
        self.retranslate()
        self._dataset_chosen()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        for i, (_name, title) in enumerate(CHOICES):
            self.combo.setItemText(i, self.tr(title))
        self.combo.setToolTip(self.tr("Images the network learns to classify"))
        self.download_button.setText(self.tr("Download…"))
        self.download_button.setToolTip(
            self.tr("Fetch the four files (about 11–30 MB) and check them")
        )
        self.folder_button.setText(self.tr("Use folder…"))
        self.folder_button.setToolTip(
            self.tr("Use the four IDX files you already have in a folder")
        )
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()  # the status line
        super().changeEvent(event)

    # --- public API -----------------------------------------------------------------------

    def dataset(self) -> str:
        return self.combo.currentData()

    def set_dataset(self, name: str) -> None:
        index = self.combo.findData(name)
        if index < 0:
            raise OptvizError.of(
                "{path}: unknown data set {name}", path="training.dataset", name=repr(name)
            )
        self.combo.setCurrentIndex(index)

    def folder(self, name: str | None = None) -> Path | None:
        """Where the files of `name` (default: the current set) are looked for; None for
        the bundled digits."""
        name = name or self.dataset()
        if not DATASETS[name].folder:
            return None
        chosen = self._folders.get(name) or QSettings("optviz", "optviz").value(
            SETTINGS_KEY.format(name=name)
        )
        return Path(chosen) if chosen else dataset_folder(name)

    def set_folder(self, name: str, folder: str | Path | None) -> None:
        """Look for `name` in `folder` from now on (None: back to the default folder)."""
        settings = QSettings("optviz", "optviz")
        if folder is None:
            self._folders.pop(name, None)
            settings.remove(SETTINGS_KEY.format(name=name))
        else:
            self._folders[name] = str(folder)
            settings.setValue(SETTINGS_KEY.format(name=name), str(folder))
        self.refresh()
        self.changed.emit()

    def missing_files(self, name: str | None = None) -> list[str]:
        """The IDX files of `name` not found in its folder ([] for the digits)."""
        folder = self.folder(name)
        if folder is None:
            return []
        return [IDX_FILES[r] for r in FILE_ROLES if find_file(folder, IDX_FILES[r]) is None]

    def problem(self) -> str:
        """Why training cannot start on this data set now ("" if it can)."""
        name = self.dataset()
        missing = self.missing_files()
        if not missing:
            return ""
        if len(missing) == 1:
            text = self.tr(
                "{title}: {files} is missing in {folder}. Download it, choose a folder that "
                "holds its four files, or train on the bundled digits."
            )
        else:
            text = self.tr(
                "{title}: {files} are missing in {folder}. Download it, choose a folder that "
                "holds its four files, or train on the bundled digits."
            )
        return text.format(
            title=DATASETS[name].title, files=", ".join(missing), folder=self.folder()
        )

    def is_downloading(self) -> bool:
        return self._thread is not None

    def refresh(self) -> None:
        """Update the status and credit lines for the current data set."""
        name = self.dataset()
        info = DATASETS[name]
        self.credit.setText(self.tr("Data: {credit}").format(credit=info.credit))
        self.download_button.setEnabled(info.downloadable and not self.is_downloading())
        self.folder_button.setEnabled(bool(info.folder) and not self.is_downloading())
        folder = self.folder()
        if folder is None:
            self.status.setText(
                self.tr("Bundled with optviz: 1,797 images of 8×8 pixels. No download.")
            )
            self.status.setStyleSheet("")
            return
        missing = self.missing_files()
        if not missing:
            self.status.setText(
                self.tr("Ready: all four files are in {folder}").format(folder=folder)
            )
            self.status.setStyleSheet("")
        else:
            found = 4 - len(missing)
            self.status.setText(
                self.tr("Looking in {folder}: {found} of 4 files found; missing {files}.").format(
                    folder=folder, found=found, files=", ".join(missing)
                )
            )
            self.status.setStyleSheet(f"color: {ERROR_COLOR};")

    # --- folder and download --------------------------------------------------------------

    def choose_folder(self) -> None:
        name = self.dataset()
        start = str(self.folder() or Path.home())
        chosen = QFileDialog.getExistingDirectory(
            self,
            self.tr("Folder with the four {title} files").format(title=DATASETS[name].title),
            start,
        )
        if chosen:
            self.set_folder(name, chosen)

    def start_download(self) -> None:
        """Download the current data set into its folder, on a background thread."""
        name = self.dataset()
        if self.is_downloading() or not DATASETS[name].downloadable:
            return
        folder = self.folder()
        self._cancel.clear()
        self._files_done = 0
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("connecting…"))
        self.progress_row.show()
        # A daemon thread, not a QThreadPool worker: a stalled connection (15 s timeout)
        # must never hold up quitting the application.
        self._thread = threading.Thread(
            target=self._download, args=(name, folder), name="optviz-download", daemon=True
        )
        self._thread.start()
        self.refresh()
        self.busy_changed.emit(True)

    def cancel_download(self) -> None:
        self._cancel.set()
        self.progress.setFormat(self.tr("cancelling…"))

    def _download(self, name: str, folder: Path) -> None:
        """Runs on the download thread; talks to the GUI only through the bridge's signals."""
        bridge = self._bridge
        try:
            result = download.download_dataset(
                name, folder, progress=bridge.progress.emit, should_stop=self._cancel.is_set
            )
        except download.DownloadCancelled:
            # QCoreApplication.translate is thread-safe (installing a translator is not).
            cancelled = QCoreApplication.translate(
                "DataPanel", "Download cancelled; it resumes where it stopped next time."
            )
            bridge.done.emit("", cancelled)
        except OptvizError as error:
            bridge.done.emit("", error_text(error))  # translate is thread-safe
        except Exception as error:  # a bug: say so rather than leave the bar hanging
            bug = QCoreApplication.translate("DataPanel", "internal error: {error}")
            bridge.done.emit("", bug.format(error=f"{type(error).__name__}: {error}"))
        else:
            bridge.done.emit(str(result), "")

    def _download_progress(self, file_name: str, done: int, total: int) -> None:
        role = next((i for i, r in enumerate(FILE_ROLES) if IDX_FILES[r] == file_name), 0)
        fraction = done / total if total else 0.0
        self.progress.setValue(int(1000 * (role + fraction) / len(FILE_ROLES)))
        size = f"{done / 1e6:.1f} / {total / 1e6:.1f} MB" if total else f"{done / 1e6:.1f} MB"
        self.progress.setFormat(f"{file_name}: {size}")

    def _download_done(self, folder: str, error: str) -> None:
        if self._thread is not None:
            self._thread.join(1.0)
        self._thread = None
        self.progress_row.hide()
        self.refresh()
        if error:
            self.status.setText(error)
            self.status.setStyleSheet(f"color: {ERROR_COLOR};")
        else:
            self.status.setText(
                self.tr("Downloaded and checked: all four files are in {folder}").format(
                    folder=folder
                )
            )
        self.busy_changed.emit(False)
        self.changed.emit()

    def shutdown(self) -> None:
        """Ask a running download to stop (its daemon thread never blocks the exit)."""
        self._cancel.set()

    def _dataset_chosen(self, _index: int = 0) -> None:
        self.refresh()
        self.changed.emit()

"""File ▸ Export…: a view, a format and a size, a live preview, then Save….

Images are written at once; animations frame by frame with a progress bar and Cancel,
while the window stays usable. Every problem is shown in the dialog as a sentence.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QSettings, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from optviz import export
from optviz.export_animation import MAX_DURATION_S, MAX_FPS, AnimationExport
from optviz.export_render import layout_scale
from optviz.ui.i18n import error_text
from optviz.ui.style import set_themed_style

# Texts in English, shown through QCoreApplication.translate("ExportDialog", …).
FORMAT_TITLES = {
    "png": QT_TRANSLATE_NOOP("ExportDialog", "PNG image"),
    "svg": QT_TRANSLATE_NOOP("ExportDialog", "SVG (vector)"),
    "pdf": QT_TRANSLATE_NOOP("ExportDialog", "PDF (vector)"),
    "gif": QT_TRANSLATE_NOOP("ExportDialog", "GIF animation"),
    "mp4": QT_TRANSLATE_NOOP("ExportDialog", "MP4 video"),
    "csv": QT_TRANSLATE_NOOP("ExportDialog", "CSV data (trajectories)"),
    "json": QT_TRANSLATE_NOOP("ExportDialog", "JSON data (trajectories)"),
}
SIZE_PRESETS = (
    (QT_TRANSLATE_NOOP("ExportDialog", "1920 × 1080 (Full HD)"), (1920, 1080)),
    (QT_TRANSLATE_NOOP("ExportDialog", "3840 × 2160 (4K)"), (3840, 2160)),
    (QT_TRANSLATE_NOOP("ExportDialog", "A4 landscape, 300 dpi (3508 × 2480)"), (3508, 2480)),
    (QT_TRANSLATE_NOOP("ExportDialog", "1280 × 720 (HD)"), (1280, 720)),
    (QT_TRANSLATE_NOOP("ExportDialog", "Custom"), None),
)
# export.VIEW_TITLES (optviz/export_views.py) as lupdate should see them: a title changed
# there shows in English until it is listed here and translated.
VIEW_TITLES = (
    QT_TRANSLATE_NOOP("ExportDialog", "Surface (2D)"),
    QT_TRANSLATE_NOOP("ExportDialog", "Surface (3D)"),
    QT_TRANSLATE_NOOP("ExportDialog", "Loss curves"),
    QT_TRANSLATE_NOOP("ExportDialog", "Distance to the minimum"),
    QT_TRANSLATE_NOOP("ExportDialog", "Learning rate"),
    QT_TRANSLATE_NOOP("ExportDialog", "Loss, distance and learning rate"),
    QT_TRANSLATE_NOOP("ExportDialog", "Training curves"),
    QT_TRANSLATE_NOOP("ExportDialog", "Loss landscape"),
    QT_TRANSLATE_NOOP("ExportDialog", "Exponentially weighted averages"),
    QT_TRANSLATE_NOOP("ExportDialog", "Learning-rate schedules"),
    QT_TRANSLATE_NOOP("ExportDialog", "Learning-rate sweep"),
    QT_TRANSLATE_NOOP("ExportDialog", "Basins of attraction"),
    QT_TRANSLATE_NOOP("ExportDialog", "Back-propagation"),
)
PREVIEW_SIZE = QSize(360, 220)
PREVIEW_STYLE = "background: palette(base); border: 1px solid palette(mid);"
ERROR_STYLE = "color: @error; font-weight: bold;"  # see style.set_themed_style


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExportDialog", text)


class ExportDialog(QDialog):
    """Export a view of `window` (a MainWindow) to an image, animation or data file."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window = window
        self.job: AnimationExport | None = None
        self.last_path: Path | None = None

        self.view = QComboBox()
        for name in export.VIEWS:
            if name in ("training", "landscape") and getattr(window, "training_tab", None) is None:
                continue
            self.view.addItem("", name)
        self.format = QComboBox()
        for name in export.FORMATS:
            self.format.addItem("", name)
        self.size_preset = QComboBox()
        for _title, size in SIZE_PRESETS:
            self.size_preset.addItem("", size)
        self.width = self._spin(export.MIN_SIDE, export.MAX_SIZE[0], 1920, " px")
        self.height = self._spin(export.MIN_SIDE, export.MAX_SIZE[1], 1080, " px")
        size_row = QHBoxLayout()
        size_row.addWidget(self.width)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height)
        self.transparent = QCheckBox()
        self.fps = self._spin(1, MAX_FPS["mp4"], 30, " fps")
        self.duration = QDoubleSpinBox()
        self.duration.setRange(0.0, MAX_DURATION_S)
        self.duration.setDecimals(1)
        self.duration.setSuffix(" s")

        form = QFormLayout()
        self.form_labels = [QLabel() for _ in range(5)]  # view, format, size, rate, duration
        form.addRow(self.form_labels[0], self.view)
        form.addRow(self.form_labels[1], self.format)
        form.addRow(self.form_labels[2], self.size_preset)
        form.addRow("", _row_widget(size_row))
        form.addRow("", self.transparent)
        form.addRow(self.form_labels[3], self.fps)
        form.addRow(self.form_labels[4], self.duration)

        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_themed_style(self.preview, PREVIEW_STYLE)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.retranslate()
        self.save_button.clicked.connect(self.save_dialog)
        self.copy_button.clicked.connect(self.copy)
        self.buttons.rejected.connect(self.close)

        top = QHBoxLayout()
        top.addLayout(form, 1)
        top.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout.addLayout(progress_row)
        layout.addWidget(self.buttons)

        self._refresh_preview = qdebounced(self.update_preview, timeout=150)
        for signal in (
            self.view.currentIndexChanged,
            self.format.currentIndexChanged,
            self.width.valueChanged,
            self.height.valueChanged,
            self.transparent.toggled,
        ):
            signal.connect(self._changed)
        self.size_preset.currentIndexChanged.connect(self._preset_chosen)
        window.run_drawn.connect(self._changed)
        self._changed()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        self.setWindowTitle(self.tr("Export"))
        for i in range(self.view.count()):
            self.view.setItemText(i, _tr(export.VIEW_TITLES[self.view.itemData(i)]))
        for i in range(self.format.count()):
            self.format.setItemText(i, _tr(FORMAT_TITLES[self.format.itemData(i)]))
        for i, (title, _size) in enumerate(SIZE_PRESETS):
            self.size_preset.setItemText(i, _tr(title))
        self.transparent.setText(self.tr("Transparent background"))
        self.duration.setSpecialValueText(self.tr("automatic"))  # 0: the window's speed
        self.duration.setToolTip(self.tr("Length of the race; automatic plays 30 steps per second"))
        titles = (
            self.tr("View"),
            self.tr("Format"),
            self.tr("Size"),
            self.tr("Frame rate"),
            self.tr("Duration"),
        )
        for label, title in zip(self.form_labels, titles, strict=True):
            label.setText(title)
        self.cancel_button.setText(self.tr("Cancel export"))
        self.save_button.setText(self.tr("Save…"))
        self.copy_button.setText(self.tr("Copy image"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.chosen_format() in export.DATA_FORMATS:
                self.update_preview()  # its text
        super().changeEvent(event)

    @staticmethod
    def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        return spin

    # --- the choices ----------------------------------------------------------------------

    def chosen_format(self) -> str:
        return self.format.currentData()

    def chosen_view(self) -> str:
        return self.view.currentData()

    def chosen_size(self) -> tuple[int, int]:
        return self.width.value(), self.height.value()

    def set_choice(self, view=None, fmt=None, size=None) -> None:
        """Set view, format and size the way a user would (tests and menu shortcuts)."""
        if view is not None:
            self.view.setCurrentIndex(self.view.findData(view))
        if fmt is not None:
            self.format.setCurrentIndex(self.format.findData(fmt))
        if size is not None:
            index = self.size_preset.findData(tuple(size))
            self.size_preset.setCurrentIndex(index if index >= 0 else len(SIZE_PRESETS) - 1)
            self.width.setValue(size[0])
            self.height.setValue(size[1])

    def _preset_chosen(self) -> None:
        size = self.size_preset.currentData()
        if size is not None:
            self.width.setValue(size[0])
            self.height.setValue(size[1])
        self._changed()

    def _changed(self, *_args) -> None:
        fmt = self.chosen_format()
        is_data = fmt in export.DATA_FORMATS
        is_animation = fmt in export.ANIMATION_FORMATS
        custom = self.size_preset.currentData() is None
        for widget in (self.view, self.size_preset):
            widget.setEnabled(not is_data and self.job is None)
        for widget in (self.width, self.height):
            widget.setEnabled(custom and not is_data and self.job is None)
        self.transparent.setEnabled(fmt == "png")
        self.fps.setEnabled(is_animation)
        self.duration.setEnabled(is_animation)
        self.fps.setMaximum(MAX_FPS.get(fmt, 60))
        self._show_message("")
        self._refresh_preview()

    # --- preview --------------------------------------------------------------------------

    def update_preview(self) -> None:
        """Draw the export's layout, small (the same composition as the file)."""
        fmt = self.chosen_format()
        if fmt in export.DATA_FORMATS:
            answer = self.window.answer
            text = self.tr("No run yet") if answer is None else self.tr(
                "{runs} runs × {steps} steps\none row per run and step"
            ).format(runs=answer.result.n_runs, steps=answer.result.steps)  # fmt: skip
            self.preview.setPixmap(QPixmap())
            self.preview.setText(text)
            return
        width, height = self.chosen_size()
        fit = min(PREVIEW_SIZE.width() / width, PREVIEW_SIZE.height() / height)
        small = (max(1, round(width * fit)), max(1, round(height * fit)))
        try:
            image = export.render_image(
                self.window,
                self.chosen_view(),
                *small,
                transparent=self.transparent.isChecked() and fmt == "png",
                scale=layout_scale(width, height) * fit,
            )
        except Exception as error:  # noqa: BLE001 - shown as text, never a traceback
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_readable(error))
            return
        self.preview.setText("")
        self.preview.setPixmap(QPixmap.fromImage(image))

    # --- saving ---------------------------------------------------------------------------

    def save_dialog(self) -> None:
        fmt = self.chosen_format()
        settings = QSettings("optviz", "optviz")
        folder = Path(settings.value("export_folder", str(Path.home())))
        name = f"optviz-{self.chosen_view() if fmt not in export.DATA_FORMATS else 'runs'}"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export"),
            str(folder / f"{name}.{fmt}"),
            f"{_tr(FORMAT_TITLES[fmt])} (*.{fmt})",
        )
        if path:
            path = Path(path)
            if path.suffix.lower() != f".{fmt}":
                path = path.with_name(path.name + f".{fmt}")
            settings.setValue("export_folder", str(path.parent))
            self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        """Export to `path` with the dialog's choices. Animations only start here: the
        result comes later (`job.finished` / `failed` / `cancelled`). False on an error."""
        path = Path(path)
        fmt = self.chosen_format()
        width, height = self.chosen_size()
        self.last_path = path
        try:
            if fmt in export.ANIMATION_FORMATS:
                self._start_animation(path, width, height)
                return True
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                if fmt in export.DATA_FORMATS:
                    export.export_data(self.window, path)
                else:
                    transparent = self.transparent.isChecked() and fmt == "png"
                    export.export_image(
                        self.window, self.chosen_view(), path, width, height, transparent
                    )
            finally:
                QApplication.restoreOverrideCursor()
        except Exception as error:  # noqa: BLE001 - the user gets a sentence, not a traceback
            self._show_message(_readable(error), error=True)
            return False
        self._show_message(self.tr("Saved {path}").format(path=path))
        return True

    def copy(self) -> None:
        try:
            export.copy_image_to_clipboard(self.window, self.chosen_view())
        except Exception as error:  # noqa: BLE001
            self._show_message(_readable(error), error=True)
            return
        self._show_message(self.tr("Copied to the clipboard"))

    def _start_animation(self, path: Path, width: int, height: int) -> None:
        duration = self.duration.value() or None
        job = AnimationExport(
            self.window, path, self.fps.value(), duration, width, height, self.chosen_view()
        )
        self.job = job
        job.progress.connect(self._progress)
        saved, cancelled = self.tr("Saved {path}"), self.tr("Export cancelled; nothing was written")
        job.finished.connect(lambda written: self._job_ended(saved.format(path=written)))
        job.failed.connect(lambda message: self._job_ended(message, error=True))
        job.cancelled.connect(lambda: self._job_ended(cancelled))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.save_button.setEnabled(False)
        self._changed()
        self._show_message(self.tr("Writing {name}…").format(name=path.name))
        job.start()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _job_ended(self, message: str, error: bool = False) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.save_button.setEnabled(True)
        self._changed()
        self._show_message(message, error=error)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _show_message(self, text: str, error: bool = False) -> None:
        set_themed_style(self.message, ERROR_STYLE if error else "")
        self.message.setText(text)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.cancel()
        super().closeEvent(event)


def _row_widget(layout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


def _readable(error: Exception) -> str:
    if isinstance(error, OSError):
        text = QCoreApplication.translate("ExportDialog", "Could not write {file}: {reason}")
        the_file = QCoreApplication.translate("ExportDialog", "the file")
        return text.format(file=error.filename or the_file, reason=error.strerror or error)
    if isinstance(error, export.ExportError):
        return error_text(error)
    text = QCoreApplication.translate("ExportDialog", "Internal error: {kind}: {error}")
    return text.format(kind=type(error).__name__, error=error)

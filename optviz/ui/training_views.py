"""The training tab's pictures and table: first-layer weights as tiles, test images with
the predicted labels, and the results of the race."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from optviz.ui import style
from optviz.ui.i18n import FollowsLanguage
from optviz.ui.landscape_view import shown_label
from optviz.ui.training_process import GAP

CORRECT_COLOR = style.OKABE_ITO[2]  # bluish green
WRONG_COLOR = style.OKABE_ITO[3]  # vermillion
SAMPLE_PIXELS = 44
SAMPLE_WIDTH = 68  # px per test image and its caption (long class names wrap)


class WeightsView(QWidget):
    """One ImageItem of first-layer weight tiles: blue negative, white zero, orange positive."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self.tr("First-layer weights"))
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground("w")
        self.canvas.ci.setContentsMargins(0, 0, 0, 0)
        self.view = self.canvas.addViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self.view.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setLookupTable(weight_lut())
        self.view.addItem(self.image)
        self.canvas.setMinimumSize(150, 150)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.canvas, 1)
        self.shape: tuple[int, int] | None = None

    def set_title(self, text: str) -> None:
        self.title.setText(text)

    def set_mosaic(self, mosaic: np.ndarray) -> None:
        self.image.setImage(mosaic, autoLevels=False, levels=(0, 255))
        if mosaic.shape != self.shape:
            self.shape = mosaic.shape
            self.view.autoRange(padding=0.01)

    def clear_image(self) -> None:
        self.image.clear()
        self.shape = None


def weight_lut() -> np.ndarray:
    """(256, 3) uint8: 0..254 blue → white → vermillion (Okabe–Ito ends), 255 the gap."""
    blue = np.array(QColor(style.OKABE_ITO[4]).getRgb()[:3], dtype=float)
    red = np.array(QColor(style.OKABE_ITO[3]).getRgb()[:3], dtype=float)
    white = np.full(3, 255.0)
    t = np.linspace(-1, 1, GAP)[:, None]
    colours = np.where(t < 0, white + (blue - white) * -t, white + (red - white) * t)
    lut = np.vstack([colours, [[60, 60, 60]]])
    return np.rint(lut).astype(np.uint8)


class SampleStrip(QWidget):
    """A few test images, each with what the selected network predicts: "pred 3 ✓"."""

    def __init__(self, columns: int = 4, parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.title = QLabel(self.tr("Test images"))
        self.title.setStyleSheet("font-weight: bold;")
        self.grid = QGridLayout()
        self.grid.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        self.images: list[QLabel] = []
        self.captions: list[QLabel] = []
        self.labels = np.zeros(0, dtype=np.int64)
        self.class_names: tuple[str, ...] = ()

    def set_samples(self, images: np.ndarray, labels: np.ndarray, class_names) -> None:
        """images: (n, h, w) floats in [0, 1]; labels: (n,) true classes."""
        for widget in self.images + self.captions:
            widget.setParent(None)
            widget.deleteLater()
        self.images, self.captions = [], []
        self.labels, self.class_names = np.asarray(labels), tuple(class_names)
        for i, pixels in enumerate(images):
            picture = QLabel()
            picture.setPixmap(_pixmap(pixels, SAMPLE_PIXELS))
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            picture.setToolTip(
                self.tr("true class: {name}").format(name=self.class_names[self.labels[i]])
            )
            caption = QLabel("…")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            caption.setFixedWidth(SAMPLE_WIDTH)
            caption.setStyleSheet("font-size: 9pt;")
            row, col = divmod(i, self.columns)
            self.grid.addWidget(picture, 2 * row, col)
            self.grid.addWidget(caption, 2 * row + 1, col)
            self.images.append(picture)
            self.captions.append(caption)

    def set_predictions(self, predictions: np.ndarray) -> None:
        for caption, predicted, true in zip(self.captions, predictions, self.labels, strict=False):
            name = self.class_names[int(predicted)]
            # "pred 3 ✓" for digits; a class name says it alone ("Sneaker ✓").
            shown = self.tr("pred {name}").format(name=name) if len(name) <= 2 else name
            text = f"{shown} {'✓' if predicted == true else '✗'}"
            if caption.text() == text:
                continue  # a style sheet change re-polishes the label: only when needed
            caption.setText(text)
            color = CORRECT_COLOR if predicted == true else WRONG_COLOR
            caption.setStyleSheet(f"font-size: 9pt; color: {color};")
            caption.setToolTip(
                self.tr("predicted {predicted}, true {true}").format(
                    predicted=name, true=self.class_names[int(true)]
                )
            )

    def caption_texts(self) -> list[str]:
        return [caption.text() for caption in self.captions]


def _pixmap(pixels: np.ndarray, size: int) -> QPixmap:
    """A grey-level image (floats in [0, 1]) as a pixmap of size×size, pixels kept square."""
    grey = np.ascontiguousarray(np.clip(pixels * 255, 0, 255).astype(np.uint8))
    height, width = grey.shape
    image = QImage(grey.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(image).scaled(
        size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )


class ResultsTable(FollowsLanguage, QTableWidget):
    """One row per racing optimizer: final loss, best test accuracy, seconds, status."""

    RECENT = 50  # the final loss is the mean over this many last iterations (less noisy)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 5, parent)  # optimizer, final loss, best accuracy, seconds, status
        for column in range(self.columnCount()):
            self.setHorizontalHeaderItem(column, QTableWidgetItem())  # texts: retranslate()
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)  # compact
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.horizontalHeader()
        # Fixed widths: resizing to contents on every update would lay the tab out again.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(40)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # What each row's texts say, to say it again in another language: the optimizer's
        # label as the race names it, and (status, stopped at, iteration of the best accuracy).
        self.labels: list[str] = []
        self._rows: list[tuple[str, int | None, int | None]] = []
        self.retranslate()

    def retranslate(self) -> None:
        """Headers, their tool tips and the rows' texts in the installed language (also run
        on every LanguageChange)."""
        headers = (self.tr("Optimizer"), self.tr("Final loss"), self.tr("Best acc."),
                   self.tr("Seconds"), self.tr("Status"))  # fmt: skip
        for column, text in enumerate(headers):
            self.horizontalHeaderItem(column).setText(text)
        self.horizontalHeaderItem(1).setToolTip(
            self.tr("Mean mini-batch loss of the last {n} iterations").format(n=self.RECENT)
        )
        self.horizontalHeaderItem(2).setToolTip(self.tr("Highest test accuracy of the evaluations"))
        self.horizontalHeaderItem(3).setToolTip(
            self.tr("Time spent in this optimizer's forward, backward and update passes")
        )
        if not self.labels:
            return
        for row, label in enumerate(self.labels):
            self.item(row, 0).setText(f"■ {shown_label(label)}")
            self._show_row(row)
        self.resizeColumnToContents(0)  # "动量" ↔ "Momentum"

    def reset(self, labels: list[str], colors: list[str]) -> None:
        """New race; labels: the racing optimizers', as the race names them."""
        self.labels = list(labels)
        self._rows = [("running", None, None)] * len(labels)
        names = [shown_label(label) for label in labels]  # "Momentum" → 动量
        self.setRowCount(len(labels))
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        widest = max(names, key=metrics.horizontalAdvance)
        for column, sample in enumerate((f"■ {widest}", "0.0000 ", "100.0% ", "Seconds ")):
            width = max(
                metrics.horizontalAdvance(sample),
                metrics.horizontalAdvance(self.horizontalHeaderItem(column).text() + "  "),
            )
            self.setColumnWidth(column, width + 12)
        for row, (name, color) in enumerate(zip(names, colors, strict=True)):
            item = QTableWidgetItem(f"■ {name}")
            item.setForeground(QColor(color))
            font = QFont()
            font.setBold(True)
            item.setFont(font)
            self.setItem(row, 0, item)
            for column in range(1, self.columnCount()):
                self.setItem(row, column, QTableWidgetItem("—"))
            self._show_row(row)

    def update_row(
        self,
        row: int,
        loss: np.ndarray,
        evaluations: list[int],
        accuracy: np.ndarray,
        status: str,
        stopped_at: int | None,
        seconds: float | None = None,
    ) -> None:
        """loss: this optimizer's mini-batch losses so far; accuracy: (m,) at evaluations."""
        if status != "diverged" and len(recent := last_finite(loss, self.RECENT)):
            self.item(row, 1).setText(_number(recent.mean()))
        best_at = self._rows[row][2]
        finite = np.flatnonzero(np.isfinite(accuracy))
        if len(finite):
            best = finite[np.argmax(accuracy[finite])]
            self.item(row, 2).setText(f"{accuracy[best]:.1%}")
            best_at = evaluations[best]
        if seconds is not None:
            self.item(row, 3).setText(f"{seconds:.2f}")
        self._rows[row] = (status, stopped_at, best_at)
        self._show_row(row)

    def _show_row(self, row: int) -> None:
        """The row's texts in words: the status, a diverged loss, when the best accuracy was."""
        status, stopped_at, best_at = self._rows[row]
        if status == "diverged":
            self.item(row, 1).setText(self.tr("∞ (diverged)"))
        if best_at is not None:
            self.item(row, 2).setToolTip(
                self.tr("at iteration {iteration}").format(iteration=f"{best_at:,}")
            )
        text = {
            "running": self.tr("running"),
            "finished": self.tr("finished"),
            "diverged": self.tr("diverged"),
            "early_stopped": self.tr("early stopped"),
            "stopped": self.tr("stopped"),
        }.get(status, status.replace("_", " "))
        if stopped_at is not None and status in ("diverged", "early_stopped"):
            text = self.tr("{status} at {iteration}").format(
                status=text, iteration=f"{stopped_at:,}"
            )
        item = self.item(row, 4)
        item.setText(text)
        bad = status == "diverged"
        item.setForeground(QColor(style.OKABE_ITO[3] if bad else "#222222"))
        font = QFont()
        font.setBold(bad)
        item.setFont(font)

    def status_texts(self) -> list[str]:
        return [self.item(row, 4).text() for row in range(self.rowCount())]


def last_finite(values: np.ndarray, count: int) -> np.ndarray:
    """The last `count` finite values, in order. Looked for from the end, in blocks that
    double: the whole history of a long race, scanned at every update, added up."""
    parts: list[np.ndarray] = []
    found, end, block = 0, len(values), 2 * count
    while end > 0 and found < count:
        start = max(0, end - block)
        part = values[start:end]
        parts.append(part[np.isfinite(part)])
        found += len(parts[-1])
        end, block = start, 2 * block
    return np.concatenate(parts[::-1])[-count:] if parts else values[:0]


def _number(value: float) -> str:
    """4 decimals for everyday losses, powers of ten for tiny ones (2.31e-08)."""
    return f"{value:.4f}" if value >= 0.01 else f"{value:.2e}"

"""What the concept views share: the helper process for heavy engine calls, Save image/CSV
buttons, and plot styling that stays legible on a 1280×720 projector.

Heavy work (a learning-rate sweep, a 40,000-start basin map) runs in a helper process, as
in `optviz.ui.worker`: in a thread of this process its many small NumPy calls would hold
the GIL that the GUI thread needs to paint. The functions submitted are the engine's own
module-level functions (`concepts.lr_sweep`, `concepts.basins`, `grid.compute_grid`), so
the helper process never imports Qt.
"""

from __future__ import annotations

import concurrent.futures as futures
import csv
import io
import multiprocessing
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsItem,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QWidget,
)

from optviz.engine import concepts
from optviz.engine.errors import OptvizError
from optviz.ui.i18n import error_text

TICK_FONT = QFont()
TICK_FONT.setPointSize(11)
LABEL_STYLE = {"font-size": "12pt", "color": "#222"}
TITLE_SIZE = "13pt"


def style_plot(widget: pg.PlotWidget, x_label: str, y_label: str, title: str = "") -> None:
    """Large ticks and labels, a light grid, no context menu (it offers nothing here)."""
    plot = widget.getPlotItem()
    for name, label in (("bottom", x_label), ("left", y_label)):
        axis = plot.getAxis(name)
        axis.setTickFont(TICK_FONT)
        axis.setTextPen(pg.mkPen("#222"))
        axis.setPen(pg.mkPen("#555", width=1.5))
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        axis.enableAutoSIPrefix(False)  # "(x0.001)" on an axis puzzles more than it helps
        plot.setLabel(name, label, **LABEL_STYLE)
    if title:
        plot.setTitle(title, size=TITLE_SIZE, color="#222")
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setMenuEnabled(False)


def legend(widget: pg.PlotWidget, offset=(-10, 10)) -> pg.LegendItem:
    item = widget.getPlotItem().addLegend(
        offset=offset,
        labelTextSize="11pt",
        brush=pg.mkBrush(255, 255, 255, 220),
        pen=pg.mkPen("#999999"),
    )
    return item


def csv_text(header: Sequence[str], rows) -> str:
    """CSV with a header row; floats written with repr precision (what was computed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, float):
        return "" if value != value else repr(value)  # NaN: an empty cell
    if hasattr(value, "item"):  # NumPy scalar
        return _cell(value.item())
    return value


class ExportButtons(QWidget):
    """'Save image…' (PNG or SVG) and 'Save CSV…' for one concept view, written as
    `optviz export --view NAME` writes them (`optviz.export.export_concept`), atomically.

    `view` has `export_name` ("ewa", …), `figure` (the widget drawn) and `csv()`.
    """

    IMAGE_FILTERS = ("png", "svg")

    def __init__(self, view: QWidget):
        super().__init__()
        self.view = view
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.image_button = QPushButton(self.tr("Save image…"))
        self.image_button.setToolTip(self.tr("the figure as PNG (pixels) or SVG (vector lines)"))
        self.csv_button = QPushButton(self.tr("Save CSV…"))
        self.csv_button.setToolTip(self.tr("the numbers drawn, as a table"))
        self.image_button.clicked.connect(lambda: self._ask(self.IMAGE_FILTERS))
        self.csv_button.clicked.connect(lambda: self._ask(("csv",)))
        layout.addWidget(self.image_button)
        layout.addWidget(self.csv_button)

    def image_size(self) -> QSize:
        """Twice the figure's size on screen (sharp on a slide), as Copy image does."""
        figure = self.view.figure
        size = figure.size() if figure.isVisible() else QSize(640, 360)
        return QSize(2 * size.width(), 2 * size.height())

    def save(self, path: str | os.PathLike) -> Path:
        """Write the figure (.png, .svg, .pdf) or the numbers (.csv), by the suffix."""
        from optviz.export import export_concept

        size = self.image_size()
        return export_concept(self.view, self.view.export_name, path, size.width(), size.height())

    def save_png(self, path: str | os.PathLike) -> Path:
        return self.save(Path(path).with_suffix(".png"))

    def save_svg(self, path: str | os.PathLike) -> Path:
        return self.save(Path(path).with_suffix(".svg"))

    def save_csv(self, path: str | os.PathLike) -> Path:
        return self.save(Path(path).with_suffix(".csv"))

    def _filter(self, fmt: str) -> str:
        titles = {
            "png": self.tr("PNG image (*.png)"),
            "svg": self.tr("SVG drawing (*.svg)"),
            "csv": self.tr("CSV table (*.csv)"),
        }
        return titles[fmt]

    def _ask(self, formats: Sequence[str]) -> None:
        filters = [self._filter(fmt) for fmt in formats]
        start = str(Path.home() / f"{self.view.export_name}.{formats[0]}")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save"), start, ";;".join(filters))
        if not path:
            return
        path = Path(path)
        # A name typed without (or with another) suffix gets the chosen filter's.
        if path.suffix.lower().lstrip(".") not in formats:
            chosen_format = formats[filters.index(chosen)] if chosen in filters else formats[0]
            path = path.with_suffix(f".{chosen_format}")
        try:
            self.save(path)
        except OptvizError as error:
            QMessageBox.warning(self, self.tr("Cannot save"), error_text(error))
        except OSError as error:
            QMessageBox.warning(self, self.tr("Cannot save"), f"{path}: {error.strerror or error}")


# --- the helper process -----------------------------------------------------------------------


class HelperPool:
    """One helper process for the concept views, started on first use and kept warm.

    `OPTVIZ_ENGINE=thread` uses a thread instead (as `EngineWorker` does).
    """

    def __init__(self, mode: str | None = None):
        self.mode = mode or os.environ.get("OPTVIZ_ENGINE", "process")
        self._pool: futures.Executor | None = None
        self.stopped = False

    @property
    def started(self) -> bool:
        return self._pool is not None

    def submit(self, fn, *args, **kwargs) -> futures.Future:
        if self._pool is None:
            self._pool = self._make_pool()
        try:
            return self._pool.submit(fn, *args, **kwargs)
        except futures.BrokenExecutor:  # the helper died: start a new one
            self._pool = self._make_pool()
            return self._pool.submit(fn, *args, **kwargs)

    def _make_pool(self) -> futures.Executor:
        if self.mode == "thread":
            return futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="optviz-concepts")
        pool = futures.ProcessPoolExecutor(
            max_workers=1, mp_context=multiprocessing.get_context("spawn")
        )
        pool.submit(concepts.effective_window, 0.5)  # start it and import the engine now
        return pool

    def stop(self) -> None:
        self.stopped = True
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class BackgroundJob(QObject):
    """One kind of computation for one view: at most one in flight, the newest wins.

    A request made while another runs waits; when the running one ends its answer is
    dropped if a newer request is waiting, and the newest is started. So a view stays
    at most one computation behind, and never shows an outdated answer.
    """

    finished = Signal(object)  # the engine's answer
    failed = Signal(str)  # a message for the user
    busy_changed = Signal(bool)
    _answered = Signal(int, object)  # from the executor's thread to the GUI thread

    def __init__(self, pool: HelperPool, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = pool
        self._latest = 0
        self._running: int | None = None
        self._waiting: tuple | None = None
        self._answered.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._running is not None

    @property
    def settled(self) -> bool:
        """Nothing running or waiting: the newest answer (if any) has been delivered."""
        return self._running is None and self._waiting is None

    def request(self, fn, *args, **kwargs) -> int:
        self._latest += 1
        self._waiting = (self._latest, fn, args, kwargs)
        if self._running is None:
            self._start_waiting()
        return self._latest

    def _start_waiting(self) -> None:
        if self.pool.stopped or self._waiting is None:
            return
        number, fn, args, kwargs = self._waiting
        self._waiting = None
        self._running = number
        future = self.pool.submit(fn, *args, **kwargs)
        future.add_done_callback(lambda done: self._answered.emit(number, done))
        self.busy_changed.emit(True)

    def _deliver(self, number: int, future: futures.Future) -> None:
        self._running = None
        if self.pool.stopped:
            return
        if self._waiting is not None:
            self._start_waiting()
            return
        self.busy_changed.emit(False)
        if number != self._latest or future.cancelled():
            return
        error = future.exception()
        if error is None:
            self.finished.emit(future.result())
        elif isinstance(error, OptvizError):
            self.failed.emit(error_text(error))
        elif isinstance(error, futures.BrokenExecutor):
            self.failed.emit(
                self.tr("the helper process stopped unexpectedly; change a setting to retry")
            )
        else:
            self.failed.emit(
                self.tr("internal error: {kind}: {error}").format(
                    kind=type(error).__name__, error=error
                )
            )

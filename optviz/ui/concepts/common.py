"""What the concept views share: plot styling that stays legible on a 1280×720 projector,
the controls-and-figure layout, captions that follow a language switch, and Save image/CSV
buttons. Heavy computations run in the helper process of `optviz.ui.concepts.helper`."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from optviz.engine.errors import OptvizError
from optviz.engine.surfaces import SURFACES, CustomSurface
from optviz.ui.i18n import FollowsLanguage, engine_text, error_text
from optviz.ui.style import plain_axes, set_axis_title

TICK_FONT = QFont()
TICK_FONT.setPointSize(11)
LABEL_SIZE = "12pt"  # in the axis text colour (#222, or the theme's)
TITLE_SIZE = "13pt"


def style_plot(widget: pg.PlotWidget) -> None:
    """Large ticks, a light grid, no context menu (it offers nothing here); the labels
    come from `label_plot`."""
    plot = widget.getPlotItem()
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setTickFont(TICK_FONT)
        axis.setTextPen(pg.mkPen("#222"))
        axis.setPen(pg.mkPen("#555", width=1.5))
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plain_axes(plot)
    plot.showGrid(x=True, y=True, alpha=0.2)
    plot.setMenuEnabled(False)


def label_plot(
    widget: pg.PlotWidget,
    x_label: str | None = None,
    y_label: str | None = None,
    title: str | None = None,
    title_size: str = TITLE_SIZE,
) -> None:
    """Axis labels and title, large and dark; None leaves that one as it is."""
    plot = widget.getPlotItem()
    for name, label in (("bottom", x_label), ("left", y_label)):
        if label is not None:
            set_axis_title(plot.getAxis(name), label, LABEL_SIZE)
    if title is not None:
        plot.setTitle(title, size=title_size, color="#222")
        # pyqtgraph gives a title one line (30 px): make room for a title of two ("<br>").
        height = max(30.0, plot.titleLabel.item.boundingRect().height())
        plot.titleLabel.setMaximumHeight(height)
        plot.layout.setRowFixedHeight(0, height)


def legend(widget: pg.PlotWidget, offset=(-10, 10)) -> pg.LegendItem:
    item = widget.getPlotItem().addLegend(
        offset=offset,
        labelTextSize="11pt",
        brush=pg.mkBrush(255, 255, 255, 220),
        pen=pg.mkPen("#999999"),
    )
    return item


def surface_title(name: str) -> str:
    """A surface's display name in the installed language ("custom": a typed expression)."""
    return engine_text("Surfaces", SURFACES.get(name, CustomSurface).display_name)


# --- layout ----------------------------------------------------------------------------------


def controls_column(min_width: int = 320) -> tuple[QWidget, QVBoxLayout]:
    """The panel of a view's controls and the column to fill it with."""
    panel = QWidget()
    panel.setMinimumWidth(min_width)
    column = QVBoxLayout(panel)
    column.setContentsMargins(0, 0, 0, 0)
    return panel, column


def plot_column(
    view: QWidget,
    controls: QWidget,
    *figure_parts: QWidget,
    controls_width: int = 340,
    controls_left: bool = True,
    spacing: int | None = None,
) -> QWidget:
    """Lay `view` out as its controls and its figure side by side, in a splitter that gives
    the figure the extra width; the figure is `figure_parts` stacked, the first one taking
    the extra height. Returns the figure: what an export draws. No margins around it, so an
    exported figure has no grey frame."""
    figure = QWidget()
    column = QVBoxLayout(figure)
    column.setContentsMargins(0, 0, 0, 0)
    if spacing is not None:
        column.setSpacing(spacing)
    first, *rest = figure_parts
    column.addWidget(first, 1)
    for part in rest:
        column.addWidget(part)
    split = QSplitter(Qt.Orientation.Horizontal)
    sides = [controls, figure] if controls_left else [figure, controls]
    for side in sides:
        split.addWidget(side)
    split.setStretchFactor(sides.index(figure), 1)
    split.setSizes([controls_width if side is controls else 900 for side in sides])
    QVBoxLayout(view).addWidget(split)
    return figure


class Caption(FollowsLanguage, QLabel):
    """A label whose text is made from the view's state by a function (`say`), and made
    again in the new language when the language changes: a caption of the last result
    never stays in the old one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._make_text: Callable[[], str] = str  # str() is ""

    def say(self, make_text: Callable[[], str]) -> None:
        self._make_text = make_text
        self.setText(make_text())

    def retranslate(self) -> None:
        self.setText(self._make_text())


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


class ExportButtons(FollowsLanguage, QWidget):
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
        self.image_button = QPushButton()  # texts: retranslate()
        self.csv_button = QPushButton()
        self.image_button.clicked.connect(lambda: self._ask(self.IMAGE_FILTERS))
        self.csv_button.clicked.connect(lambda: self._ask(("csv",)))
        layout.addWidget(self.image_button)
        layout.addWidget(self.csv_button)
        self.retranslate()

    def retranslate(self) -> None:
        """Button texts and tooltips in the installed language; FollowsLanguage runs this
        again when the language changes."""
        self.image_button.setText(self.tr("Save image…"))
        self.image_button.setToolTip(self.tr("the figure as PNG (pixels) or SVG (vector lines)"))
        self.csv_button.setText(self.tr("Save CSV…"))
        self.csv_button.setToolTip(self.tr("the numbers drawn, as a table"))

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

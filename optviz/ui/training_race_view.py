"""What a training race shows: its status line and steps/s, divergence reports, the curves
and the loss landscape (two pages), the first-layer weights and test-image predictions of
one chosen optimizer, and the results table.

`TrainingTab` runs the race and hands this widget what the runner reports, in order:
`begin` (a race is starting), `show_ready`, `add` for each delivery, then `finish` or
`fail`. The loss curves are redrawn as a delivery arrives, the other views a moment later
(`SECOND_PASS_MS`), so that Qt paints the two halves in separate passes and neither holds
up the event loop for long.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from optviz.ui import style
from optviz.ui.i18n import FollowsLanguage, engine_text
from optviz.ui.landscape_view import LandscapePanel, shown_label
from optviz.ui.panels.optimizer_names import display_name
from optviz.ui.training_plots import TrainingPlots
from optviz.ui.training_process import Chunk, Ready
from optviz.ui.training_views import ResultsTable, SampleStrip, WeightsView

SECOND_PASS_MS = 20  # after the loss curves: the other views (see `add`)
RATE_WINDOW = 1.0  # s of training the steps/s figure averages over
STATE_TEXT = {
    "idle": QT_TRANSLATE_NOOP("RaceView", "Ready"),
    "starting": QT_TRANSLATE_NOOP("RaceView", "Starting…"),
    "running": QT_TRANSLATE_NOOP("RaceView", "Training"),
    "paused": QT_TRANSLATE_NOOP("RaceView", "Paused"),
    "stopping": QT_TRANSLATE_NOOP("RaceView", "Stopping…"),
}


class RaceView(FollowsLanguage, QWidget):
    """The right-hand side of the training tab: draws what it is handed, runs nothing."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ready: Ready | None = None
        self.iteration = 0
        self.runner_state = "idle"  # kept by the tab; the status line shows it as it goes
        self.colors: list[str] = []  # of the racing optimizers
        self._status: tuple[str, ...] = ()
        self._stopped_at: tuple[int | None, ...] = ()
        self._reported: set[int] = set()
        self._rates: deque[tuple[float, int]] = deque()
        self._rate_shown_at = 0.0
        self._state_shown_at = 0.0
        self._started_at = 0.0
        self._pending_picture: Chunk | None = None
        self._table_dirty = False
        # What the texts set in code show, for a LanguageChange to show it again (see
        # retranslate): the status line, the steps/s figure, the divergence reports
        # (optimizer, iteration) and the last predictions drawn.
        self._status_text: Callable[[], str] = lambda: self.tr(STATE_TEXT["idle"])
        self._rate: float | None = None
        self._divergences: list[tuple[int, int]] = []
        self._predictions: np.ndarray | None = None
        self._second_pass = QTimer(self)
        self._second_pass.setSingleShot(True)
        self._second_pass.setInterval(SECOND_PASS_MS)
        self._second_pass.timeout.connect(self._draw_rest)

        self.status_label = QLabel()  # texts: retranslate()
        self.status_label.setStyleSheet("font-size: 11pt; font-weight: bold;")
        self.rate_label = QLabel("")
        self.rate_label.setStyleSheet("font-size: 11pt;")
        header = QHBoxLayout()
        header.addWidget(self.status_label, 1)
        header.addWidget(self.rate_label)
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        self.report_label.setStyleSheet(f"color: {style.OKABE_ITO[3]}; font-weight: bold;")
        self.report_label.hide()
        self.plots = TrainingPlots()
        self.landscape = LandscapePanel()
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.plots, "")
        self.views.addTab(self.landscape, "")
        self.shown = QComboBox()
        self.shown.currentIndexChanged.connect(self._shown_changed)
        self.weights = WeightsView()
        self.samples = SampleStrip(columns=8)
        self.table = ResultsTable()
        shown_row = QHBoxLayout()
        shown_row.setContentsMargins(0, 0, 0, 0)
        self.shown_label = QLabel()
        shown_row.addWidget(self.shown_label)
        shown_row.addWidget(self.shown)
        shown_row.addStretch(1)
        # Bottom: the weights (left, square) | samples in a row over the results table.
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addLayout(shown_row)
        results_layout.addWidget(self.samples)
        results_layout.addWidget(self.table, 1)
        bottom = _splitter(Qt.Orientation.Horizontal, {self.weights: (1, 300), results: (2, 590)})
        split = _splitter(Qt.Orientation.Vertical, {self.views: (3, 380), bottom: (2, 300)})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.report_label)
        layout.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange); the plots
        and the table translate their own."""
        self.views.setTabText(0, self.tr("Curves"))
        self.views.setTabText(1, self.tr("Loss landscape"))
        self.rate_label.setToolTip(
            self.tr("Iterations per second (all optimizers take one step each)")
        )
        self.shown.setToolTip(self.tr("Whose weights and predictions to show"))
        self.shown_label.setText(self.tr("Network of"))
        self.status_label.setText(self._status_text())
        self._show_rate()
        self._show_divergences()
        if self.ready is None:
            translate = QCoreApplication.translate
            self.weights.set_title(translate("WeightsView", "First-layer weights"))
            self.samples.title.setText(translate("SampleStrip", "Test images"))
            return
        for i, label in enumerate(self._labels()):
            self.shown.setItemText(i, label)
            self.landscape.center.setItemText(i, label)
        self._update_pictures_title()
        self.samples.set_samples(
            self.ready.sample_images, self.ready.sample_labels, self._class_names()
        )
        if self._predictions is not None:
            self.samples.set_predictions(self._predictions)

    def _labels(self) -> list[str]:
        """The racing optimizers' labels in the installed language."""
        return [shown_label(label) for label in self.ready.labels]

    def _class_names(self) -> tuple[str, ...]:
        """The data set's class names in the installed language (Fashion-MNIST's are words)."""
        return tuple(engine_text("Datasets", name) for name in self.ready.class_names)

    # --- what the race reports, in order ----------------------------------------------------

    def begin(self, optimizers: list[dict[str, Any]], colors: list[str]) -> None:
        """A race of these optimizers (entries of the experiment JSON) is starting: forget the
        last one and show the curves page."""
        self.ready = None
        self.colors = list(colors)
        self.iteration = 0
        self._reported = set()
        self._divergences = []
        self._predictions = None
        self._rates.clear()
        self._rate = None
        self.report_label.hide()
        self.rate_label.setText("")
        self.shown.blockSignals(True)
        self.shown.clear()
        names = [entry["name"] for entry in optimizers]
        for entry in optimizers:
            name = entry.get("label") or display_name(entry["name"], entry.get("flavor", "torch"))
            self.shown.addItem(shown_label(name))  # "Adam", as the legends say, not "adam"
        # Adam's network first if it races (the textbook's winner), else the last one.
        self.shown.setCurrentIndex(names.index("adam") if "adam" in names else len(names) - 1)
        self.shown.blockSignals(False)
        self.landscape.clear()
        labels = [self.shown.itemText(i) for i in range(self.shown.count())]
        self.landscape.set_optimizers(labels, self.shown.currentIndex())
        self.views.setCurrentWidget(self.plots)
        self._started_at = time.perf_counter()

    def show_ready(self, ready: Ready) -> None:
        self.ready = ready
        self._status = ("running",) * len(ready.labels)
        self.plots.reset(ready, self.colors)
        self.table.reset(list(ready.labels), self.colors)
        self.samples.set_samples(ready.sample_images, ready.sample_labels, self._class_names())
        self.weights.clear_image()
        self._update_pictures_title()
        self.show_state("running")

    def add(self, chunk: Chunk) -> None:
        """Loss curves now; the rest a moment later (`_draw_rest`), so that Qt paints the two
        halves in separate passes and neither holds up the event loop for long."""
        if self.ready is None:
            return
        self.plots.add(chunk)
        self.iteration = max(self.iteration, chunk.iteration)
        if chunk.weights is not None and chunk.selected == self.shown.currentIndex():
            self._pending_picture = chunk
        if len(chunk.evaluations) or chunk.status != self._status:
            self._table_dirty = True
        self._status, self._stopped_at = chunk.status, chunk.stopped_at
        self._report_divergence(chunk)
        self._update_rate(chunk)
        if not self._second_pass.isActive():
            self._second_pass.start()

    def _draw_rest(self) -> None:
        if self.ready is None:
            return
        self.plots.draw_secondary()
        picture, self._pending_picture = self._pending_picture, None
        if picture is not None and picture.selected == self.shown.currentIndex():
            self.weights.set_mosaic(picture.weights)
            self.samples.set_predictions(picture.predictions)
            self._predictions = picture.predictions
        if self._table_dirty:
            self._table_dirty = False
            self._update_table(self._status, self._stopped_at)
        now = time.perf_counter()
        if now - self._state_shown_at > 0.25:  # readable; each new text lays the header out
            self._state_shown_at = now
            self.show_state(self.runner_state)

    def finish(self, results: list[dict[str, Any]], how: str) -> None:
        """The race ended ("finished" or "stopped"); results: one `Race.result()` each."""
        if self.ready is not None:
            self._second_pass.stop()
            self._draw_rest()
            self.plots.finish()
            statuses = tuple(r["status"] for r in results)
            stops = tuple(r["stopped_at"] for r in results)
            self._update_table(statuses, stops, [r["seconds"] for r in results])
        seconds = f"{time.perf_counter() - self._started_at:.1f}"
        if how == "finished":
            total = f"{self.ready.total if self.ready else self.iteration:,}"
            self._set_status(
                lambda: self.tr("Finished {total} iterations in {seconds} s").format(
                    total=total, seconds=seconds
                )
            )
        else:
            iteration = f"{self.iteration:,}"
            self._set_status(
                lambda: self.tr("Stopped at iteration {iteration} in {seconds} s").format(
                    iteration=iteration, seconds=seconds
                )
            )

    def fail(self) -> None:
        """The race could not start or broke off (the tab shows why)."""
        if self.ready is not None:
            self._second_pass.stop()
            self.plots.finish()
        if self.ready is None:
            self._set_status(lambda: self.tr("Not started"))
        else:
            self._set_status(lambda: self.tr("Failed"))

    def _update_table(self, statuses, stops, seconds: list[float] | None = None) -> None:
        evaluations = self.plots.evaluations
        accuracy = np.array(self.plots.accuracy)
        n = self.plots.iterations
        for k in range(len(statuses)):
            self.table.update_row(
                k,
                self.plots.loss[:n, k],
                evaluations,
                accuracy[:, k],
                statuses[k],
                stops[k],
                None if seconds is None else seconds[k],
            )

    def _report_divergence(self, chunk: Chunk) -> None:
        for k, status in enumerate(chunk.status):
            if status == "diverged" and k not in self._reported:
                self._reported.add(k)
                self._divergences.append((k, chunk.stopped_at[k]))
                self._show_divergences()

    def _show_divergences(self) -> None:
        if not self._divergences or self.ready is None:
            return
        labels = self._labels()
        lines = [
            self.tr(
                "{name} diverged at iteration {iteration}: its loss stopped being a finite "
                "number (try a smaller learning rate)."
            ).format(name=labels[k], iteration=f"{iteration:,}")
            for k, iteration in self._divergences
        ]
        self.report_label.setText("\n".join(lines))
        self.report_label.show()

    def _update_rate(self, chunk: Chunk) -> None:
        if not len(chunk.iterations):
            return
        self._rates.append((chunk.active_seconds, chunk.iteration))
        while len(self._rates) > 2 and chunk.active_seconds - self._rates[0][0] > RATE_WINDOW:
            self._rates.popleft()
        now = time.perf_counter()
        (t0, i0), (t1, i1) = self._rates[0], self._rates[-1]
        if t1 > t0 and now - self._rate_shown_at > 0.25:  # readable, not flickering
            self._rate_shown_at = now
            self._rate = (i1 - i0) / (t1 - t0)
            self._show_rate()

    def _show_rate(self) -> None:
        if self._rate is not None:
            self.rate_label.setText(self.tr("{rate} steps/s").format(rate=f"{self._rate:,.0f}"))

    # --- the status line ----------------------------------------------------------------------

    def show_state(self, state: str) -> None:
        """A runner state in the status line, with the race's progress once it runs."""
        if self.ready is None or state == "starting":
            self._set_status(lambda: self.tr(STATE_TEXT.get(state, state)))
            return
        epoch = self.iteration / max(1, self.ready.iterations_per_epoch)
        values = {
            "iteration": f"{self.iteration:,}",
            "total": f"{self.ready.total:,}",
            "epoch": f"{epoch:.1f}",
            "images": f"{self.ready.n_train:,}",
        }
        self._set_status(
            lambda: self.tr(
                "{state} · iteration {iteration} / {total} · epoch {epoch} · "
                "{images} training images"
            ).format(state=self.tr(STATE_TEXT.get(state, state)), **values)
        )

    def _set_status(self, text: Callable[[], str]) -> None:
        """Show the status line; `text` gives it in the installed language."""
        self._status_text = text
        self.status_label.setText(text())

    # --- whose network is shown --------------------------------------------------------------

    def _shown_changed(self, index: int) -> None:
        if index >= 0:
            self._update_pictures_title()

    def _update_pictures_title(self) -> None:
        if self.ready is None:
            return
        name = self.shown.currentText()
        units = self.ready.layer_sizes[1]
        side = "×".join(str(n) for n in self.ready.sample_images.shape[1:])
        drawn = min(units, 100)
        if drawn < units:
            count = self.tr("{drawn} of {units}").format(drawn=drawn, units=units)
        else:
            count = f"{units}"
        self.weights.set_title(
            self.tr("{name}: first-layer weights ({count} × {side})").format(
                name=name, count=count, side=side
            )
        )
        self.samples.title.setText(self.tr("Test images, {name}'s predictions").format(name=name))


def _splitter(orientation: Qt.Orientation, parts: dict[QWidget, tuple[int, int]]) -> QSplitter:
    """A splitter of these widgets, each with its (stretch factor, first size in px)."""
    split = QSplitter(orientation)
    for i, (widget, (stretch, _size)) in enumerate(parts.items()):
        split.addWidget(widget)
        split.setStretchFactor(i, stretch)
    split.setSizes([size for _stretch, size in parts.values()])
    return split

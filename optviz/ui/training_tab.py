"""The training tab: race optimizers training a real network on MNIST-like images, live.

Left: data set, network, training settings, the racing optimizers, Start / Pause / Resume /
Stop. Right: loss, test accuracy and learning-rate curves (or, on the second page, the
loss landscape around the trained weights), the first-layer weights and a few test images
with the predictions of one chosen optimizer, and the results table.

The race runs in a helper process (`TrainingRunner`); this widget only draws what it
reports. The main window saves and loads the tab with `training_experiment()` /
`set_training()`, and calls `shutdown()` from its closeEvent.
"""

from __future__ import annotations

import dataclasses
import time
from collections import deque
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from optviz.engine.errors import OptvizError
from optviz.ui import style
from optviz.ui.i18n import engine_text, error_text
from optviz.ui.landscape_view import LandscapePanel, shown_label
from optviz.ui.training_form import TEXTBOOK_RACE, TrainingSettings
from optviz.ui.training_plots import TrainingPlots
from optviz.ui.training_process import Chunk, LandscapeRequest, Ready
from optviz.ui.training_runner import TrainingRunner
from optviz.ui.training_views import ResultsTable, SampleStrip, WeightsView

__all__ = ["TEXTBOOK_RACE", "TrainingTab"]

SECOND_PASS_MS = 20  # after the loss curves: the other views (see `_progress`)
RATE_WINDOW = 1.0  # s of training the steps/s figure averages over
STATE_TEXT = {
    "idle": QT_TRANSLATE_NOOP("TrainingTab", "Ready"),
    "starting": QT_TRANSLATE_NOOP("TrainingTab", "Starting…"),
    "running": QT_TRANSLATE_NOOP("TrainingTab", "Training"),
    "paused": QT_TRANSLATE_NOOP("TrainingTab", "Paused"),
    "stopping": QT_TRANSLATE_NOOP("TrainingTab", "Stopping…"),
}
# The texts TrainingPlots and ResultsTable set once, when built (in the language installed
# then); TrainingTab.retranslate sets them again, in their classes' contexts, after a
# language change.
PLOT_TITLES = ("Training loss", "Test accuracy (%)", "Learning rate")
TABLE_HEADERS = ("Optimizer", "Final loss", "Best acc.", "Seconds", "Status")
TABLE_TIPS = {
    1: "Mean mini-batch loss of the last {n} iterations",
    2: "Highest test accuracy of the evaluations",
    3: "Time spent in this optimizer's forward, backward and update passes",
}


class TrainingTab(QWidget):
    """Signals: `started()`; `finished(results)` with one `Race.result()` dict per racing
    optimizer (status "finished", "diverged", "early_stopped" or "stopped"); `failed(msg)`;
    `state_changed(state)` ("idle", "starting", "running", "paused", "stopping")."""

    started = Signal()
    finished = Signal(object)
    failed = Signal(str)
    state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, runner: TrainingRunner | None = None):
        super().__init__(parent)
        self.runner = runner or TrainingRunner(self)
        self.results: list[dict[str, Any]] | None = None
        self.iteration = 0
        self.ready: Ready | None = None
        self._colors: list[str] = []  # of the racing optimizers
        self._racing: list[int] = []  # their indices in the optimizer list
        self._status: tuple[str, ...] = ()
        self._reported: set[int] = set()
        self._rates: deque[tuple[float, int]] = deque()
        self._rate_shown_at = 0.0
        self._state_shown_at = 0.0
        self._started_at = 0.0
        self._stopped_at: tuple[int | None, ...] = ()
        self._pending_picture: Chunk | None = None
        self._table_dirty = False
        # What the texts set in code show, for a LanguageChange to show it again (see
        # retranslate): the status line, the steps/s figure, the divergence reports (optimizer,
        # iteration), the table's last update and the last predictions drawn.
        self._status_text: Callable[[], str] = lambda: self.tr(STATE_TEXT["idle"])
        self._rate: float | None = None
        self._divergences: list[tuple[int, int]] = []
        self._table_update: tuple | None = None
        self._predictions: np.ndarray | None = None
        self._second_pass = QTimer(self)
        self._second_pass.setSingleShot(True)
        self._second_pass.setInterval(SECOND_PASS_MS)
        self._second_pass.timeout.connect(self._draw_rest)

        # --- left: settings ---
        self.settings = TrainingSettings()
        # Short names for the parts a caller (and a test) works with.
        self.data = self.settings.data
        self.form = self.settings.form
        self.optimizer_list = self.settings.optimizer_list
        self.start_button = self.settings.start_button
        self.pause_button = self.settings.pause_button
        self.resume_button = self.settings.resume_button
        self.stop_button = self.settings.stop_button
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)

        # --- right: what the race shows ---
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
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(self.weights)
        bottom.addWidget(results)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 2)
        bottom.setSizes([300, 590])
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.views)
        right_split.addWidget(bottom)
        right_split.setStretchFactor(0, 3)
        right_split.setStretchFactor(1, 2)
        right_split.setSizes([380, 300])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(header)
        right_layout.addWidget(self.report_label)
        right_layout.addWidget(right_split, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.settings)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([390, 890])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

        # --- wiring ---
        self.runner.ready.connect(self._ready)
        self.runner.progress.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.state_changed.connect(self._state_changed)
        self.runner.paused.connect(lambda _iteration: self._show_state("paused"))
        self.runner.landscape_available.connect(self.landscape.set_available)
        self.runner.landscape_progress.connect(self.landscape.show_progress)
        self.runner.landscape_ready.connect(self._landscape_ready)
        self.runner.landscape_cancelled.connect(
            lambda: self.landscape.show_message(lambda: self.tr("Loss landscape cancelled."))
        )
        self.runner.landscape_failed.connect(self._landscape_failed)
        self.landscape.compute_requested.connect(self.compute_landscape)
        self.landscape.cancel_requested.connect(self.cancel_landscape)
        self.optimizer_list.selection_changed.connect(self._list_selection)
        self._state_changed("idle")
        self.retranslate()

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
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
        self._retranslate_views()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _retranslate_views(self) -> None:
        """The plots', pictures' and table's texts, and the optimizer names the race shows."""
        translate = QCoreApplication.translate
        plots = (self.plots.loss_plot, self.plots.accuracy_plot, self.plots.lr_plot)
        for widget, title in zip(plots, PLOT_TITLES, strict=True):
            widget.getPlotItem().setTitle(translate("TrainingPlots", title))  # keeps its style
            widget.getPlotItem().setLabel("bottom", translate("TrainingPlots", "iteration"))
        for column, header in enumerate(TABLE_HEADERS):
            self.table.horizontalHeaderItem(column).setText(translate("ResultsTable", header))
        for column, tip in TABLE_TIPS.items():
            tip = translate("ResultsTable", tip).format(n=self.table.RECENT)
            self.table.horizontalHeaderItem(column).setToolTip(tip)
        if self.ready is None:
            self.weights.set_title(translate("WeightsView", "First-layer weights"))
            self.samples.title.setText(translate("SampleStrip", "Test images"))
            return
        labels = self._labels()
        for i, label in enumerate(labels):
            self.shown.setItemText(i, label)
            self.landscape.center.setItemText(i, label)
            self.table.item(i, 0).setText(f"■ {label}")
        self.table.resizeColumnToContents(0)  # "动量" ↔ "Momentum"
        self.plots.labels = labels
        self.plots._show_legend()  # TrainingPlots has no retranslate() of its own (yet)
        if self._table_update is not None:
            self._update_table(*self._table_update)
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

    # --- the experiment's "training" section ------------------------------------------------

    def set_training(self, training: dict[str, Any], optimizers: list[dict[str, Any]]) -> None:
        """Show a "training" section and its optimizers (entries of the experiment JSON).

        Raises ExperimentError for an invalid section or an unknown optimizer, and then
        changes nothing.
        """
        self.settings.set_training(training, optimizers)

    def training_section(self) -> dict[str, Any]:
        """The "training" object of the experiment; raises ExperimentError if invalid."""
        return self.settings.training_section()

    def training_experiment(self) -> dict[str, Any]:
        """The experiment JSON (a dict) with "training" and "optimizers", validated; raises
        ExperimentError naming the invalid key."""
        return self.settings.training_experiment()

    # --- control --------------------------------------------------------------------------

    def start(self) -> bool:
        """Validate the settings and start the race; False (and an inline error) if invalid."""
        if self.runner.is_active:
            return False
        try:
            job, self._racing, self._colors = self.settings.job()
        except OptvizError as error:
            self.settings.show_error(error_text(error))
            return False
        self.settings.clear_error()
        self.results = None
        self.ready = None
        self.iteration = 0
        self._reported = set()
        self._divergences = []
        self._table_update = None
        self._predictions = None
        self._rates.clear()
        self._rate = None
        self.report_label.hide()
        self.rate_label.setText("")
        self.shown.blockSignals(True)
        self.shown.clear()
        names = [entry["name"] for entry in job.optimizers]
        for entry in job.optimizers:
            self.shown.addItem(shown_label(entry.get("label") or entry["name"]))
        # Adam's network first if it races (the textbook's winner), else the last one.
        self.shown.setCurrentIndex(names.index("adam") if "adam" in names else len(names) - 1)
        self.shown.blockSignals(False)
        self.landscape.clear()
        labels = [self.shown.itemText(i) for i in range(self.shown.count())]
        self.landscape.set_optimizers(labels, self.shown.currentIndex())
        self.views.setCurrentWidget(self.plots)
        self._started_at = time.perf_counter()
        self.runner.start(job, selected=self.shown.currentIndex())
        self.started.emit()
        return True

    def pause(self) -> None:
        self.runner.pause()

    def resume(self) -> None:
        self.runner.resume()
        self._show_state("running")

    def stop(self) -> None:
        """End the race early; `finished` follows with what was trained so far."""
        self.runner.stop()

    def is_running(self) -> bool:
        return self.runner.is_active

    # --- loss landscape ---------------------------------------------------------------------

    def compute_landscape(self) -> bool:
        """Ask the helper for the loss landscape chosen on the panel (the race must be paused
        or over); False if it cannot compute one now."""
        method, resolution, center = self.landscape.request_values()
        request = LandscapeRequest(
            center=center, method=method, resolution=resolution, lut=self.landscape.view.lut
        )
        if not self.runner.request_landscape(request):
            return False
        self.landscape.show_started()
        self.views.setCurrentWidget(self.landscape)
        return True

    def cancel_landscape(self) -> None:
        self.runner.cancel_landscape()

    def discard_networks(self) -> None:
        """Let the helper of the last race go (it keeps the networks for landscapes)."""
        self.runner.discard()
        self.landscape.clear()

    def _landscape_ready(self, landscape, grid) -> None:
        self.landscape.show_landscape(landscape, grid, self._colors)

    def _landscape_failed(self, message: str) -> None:
        self.landscape.show_message(
            lambda: self.tr("No loss landscape: {reason}").format(reason=message)
        )

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop training and any download, waiting up to `timeout_ms`; for closeEvent."""
        self.data.shutdown()
        return self.runner.shutdown(timeout_ms)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)

    # --- what the race reports --------------------------------------------------------------

    def _ready(self, ready: Ready) -> None:
        self.ready = ready
        self._status = ("running",) * len(ready.labels)
        labels = self._labels()
        self.plots.reset(dataclasses.replace(ready, labels=tuple(labels)), self._colors)
        self.table.reset(labels, self._colors)
        self.samples.set_samples(ready.sample_images, ready.sample_labels, self._class_names())
        self.weights.clear_image()
        self._update_pictures_title()
        self._show_state("running")

    def _progress(self, chunk: Chunk) -> None:
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
            self._show_state(self.runner.state)

    def _finished(self, results: list[dict[str, Any]], how: str) -> None:
        self.results = results
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
        self.finished.emit(results)

    def _failed(self, message: str) -> None:
        if self.ready is not None:
            self._second_pass.stop()
            self.plots.finish()
        self.settings.show_error(message)
        if self.ready is None:
            self._set_status(lambda: self.tr("Not started"))
        else:
            self._set_status(lambda: self.tr("Failed"))
        self.failed.emit(message)

    def _update_table(self, statuses, stops, seconds: list[float] | None = None) -> None:
        self._table_update = (statuses, stops, seconds)
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

    # --- state and errors -------------------------------------------------------------------

    def _state_changed(self, state: str) -> None:
        self.settings.show_state(state)
        if state != "idle":
            self._show_state(state)
        self.state_changed.emit(state)

    def _show_state(self, state: str) -> None:
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

    def error_text(self) -> str:
        """The inline error shown under the buttons ("" if none)."""
        return self.settings.error_text()

    # --- which optimizer's network is shown --------------------------------------------------

    def _shown_changed(self, index: int) -> None:
        if index >= 0:
            self.runner.set_selected(index)
            self._update_pictures_title()

    def _list_selection(self, index: int) -> None:
        """Clicking an optimizer's card shows its network, if it is racing."""
        if index in self._racing and self.shown.count() == len(self._racing):
            self.shown.setCurrentIndex(self._racing.index(index))

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

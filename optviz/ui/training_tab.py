"""The training tab: race optimizers training a real network on MNIST-like images, live.

Left (`TrainingSettings`): data set, network, training settings, the racing optimizers,
Start / Pause / Resume / Stop. Right (`RaceView`): loss, test accuracy and learning-rate
curves (or, on the second page, the loss landscape around the trained weights), the
first-layer weights and a few test images with the predictions of one chosen optimizer,
and the results table.

The race runs in a helper process (`TrainingRunner`); this widget starts it, hands what it
reports to the view and turns the landscape page's buttons into requests. The main window
saves and loads the tab with `training_experiment()` / `set_training()`, and calls
`shutdown()` from its closeEvent.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from optviz.engine.errors import OptvizError
from optviz.ui.i18n import error_text
from optviz.ui.training_form import TEXTBOOK_RACE, TrainingSettings
from optviz.ui.training_process import LandscapeRequest
from optviz.ui.training_race_view import RaceView
from optviz.ui.training_runner import TrainingRunner

__all__ = ["TEXTBOOK_RACE", "TrainingTab"]


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
        self._racing: list[int] = []  # the racing optimizers' indices in the optimizer list
        self._discard_when_over = False  # see discard_networks

        self.settings = TrainingSettings()
        self.race_view = RaceView()
        # Short names for the parts a caller (and a test) works with.
        self.data = self.settings.data
        self.form = self.settings.form
        self.optimizer_list = self.settings.optimizer_list
        self.start_button = self.settings.start_button
        self.pause_button = self.settings.pause_button
        self.resume_button = self.settings.resume_button
        self.stop_button = self.settings.stop_button
        view = self.race_view
        self.plots, self.landscape, self.views = view.plots, view.landscape, view.views
        self.weights, self.samples, self.table = view.weights, view.samples, view.table
        self.shown = view.shown
        self.status_label, self.rate_label = view.status_label, view.rate_label
        self.report_label = view.report_label
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.settings)
        split.addWidget(self.race_view)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([390, 890])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.shown.currentIndexChanged.connect(self._shown_changed)
        self.optimizer_list.selection_changed.connect(self._list_selection)
        self.runner.ready.connect(view.show_ready)
        self.runner.progress.connect(view.add)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.runner.state_changed.connect(self._state_changed)
        self.runner.paused.connect(lambda _iteration: view.show_state("paused"))
        self.runner.landscape_available.connect(self.landscape.set_available)
        self.runner.landscape_progress.connect(self.landscape.show_progress)
        self.runner.landscape_ready.connect(self._landscape_ready)
        self.runner.landscape_cancelled.connect(
            lambda: self.landscape.show_message(lambda: self.tr("Loss landscape cancelled."))
        )
        self.runner.landscape_failed.connect(self._landscape_failed)
        self.landscape.compute_requested.connect(self.compute_landscape)
        self.landscape.cancel_requested.connect(self.cancel_landscape)
        self._state_changed("idle")

    @property
    def iteration(self) -> int:
        """The last iteration the race reported."""
        return self.race_view.iteration

    # --- the experiment's "training" section ------------------------------------------------

    def set_training(self, training: dict[str, Any], optimizers: list[dict[str, Any]]) -> None:
        """Show a "training" section and its optimizers (entries of the experiment JSON).

        The last race no longer describes what is shown: its networks go (a race still
        running is stopped), and the loss landscape waits for the next race. Raises
        ExperimentError for an invalid section or an unknown optimizer, and then changes
        nothing.
        """
        self.settings.set_training(training, optimizers)
        self.discard_networks()

    def training_section(self) -> dict[str, Any]:
        """The "training" object of the experiment; raises ExperimentError if invalid."""
        return self.settings.training_section()

    def training_experiment(self) -> dict[str, Any]:
        """The experiment JSON (a dict) with "training" and "optimizers", validated; raises
        ExperimentError naming the invalid key."""
        return self.settings.training_experiment()

    # --- control --------------------------------------------------------------------------

    def start(self) -> bool:
        """Validate the settings and start the race; False (and an inline error) if invalid.
        The last race's networks go (`TrainingRunner.start` lets its helper go)."""
        if self.runner.is_active:
            return False
        try:
            job, self._racing, colors = self.settings.job()
        except OptvizError as error:
            self.settings.show_error(error_text(error))
            return False
        self.settings.clear_error()
        self.results = None
        self._discard_when_over = False
        self.race_view.begin(list(job.optimizers), colors)
        self.runner.start(job, selected=self.shown.currentIndex())
        self.started.emit()
        return True

    def pause(self) -> None:
        self.runner.pause()

    def resume(self) -> None:
        self.runner.resume()
        self.race_view.show_state("running")

    def stop(self) -> None:
        """End the race early; `finished` follows with what was trained so far."""
        self.runner.stop()

    def is_running(self) -> bool:
        return self.runner.is_active

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop training and any download, waiting up to `timeout_ms`; for closeEvent."""
        self.data.shutdown()
        return self.runner.shutdown(timeout_ms)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)

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
        """Let the helper of the last race go, with the networks it keeps for landscapes
        (~90 MB for the textbook race); the landscape page then has nothing to offer until
        the next race. A race still running is stopped, and let go once it has ended."""
        if self.runner.is_active:
            self._discard_when_over = True
            self.runner.stop()
            return
        self.runner.discard()
        self.landscape.clear()
        self.landscape.set_optimizers([], -1)

    def _landscape_ready(self, landscape, grid) -> None:
        self.landscape.show_landscape(landscape, grid, self.race_view.colors)

    def _landscape_failed(self, message: str) -> None:
        self.landscape.show_message(
            lambda: self.tr("No loss landscape: {reason}").format(reason=message)
        )

    # --- how the race ends --------------------------------------------------------------------

    def _finished(self, results: list[dict[str, Any]], how: str) -> None:
        self.results = results
        self.race_view.finish(results, how)
        if self._discard_when_over:
            self._discard_when_over = False
            self.discard_networks()
        self.finished.emit(results)

    def _failed(self, message: str) -> None:
        self._discard_when_over = False  # the helper has gone already
        self.race_view.fail()
        self.settings.show_error(message)
        self.failed.emit(message)

    def _state_changed(self, state: str) -> None:
        self.settings.show_state(state)
        self.race_view.runner_state = state
        if state != "idle":
            self.race_view.show_state(state)
        self.state_changed.emit(state)

    def error_text(self) -> str:
        """The inline error shown under the buttons ("" if none)."""
        return self.settings.error_text()

    # --- which optimizer's network is shown --------------------------------------------------

    def _shown_changed(self, index: int) -> None:
        if index >= 0:
            self.runner.set_selected(index)

    def _list_selection(self, index: int) -> None:
        """Clicking an optimizer's card shows its network, if it is racing."""
        if index in self._racing and self.shown.count() == len(self._racing):
            self.shown.setCurrentIndex(self._racing.index(index))

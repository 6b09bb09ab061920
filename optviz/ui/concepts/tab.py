"""The Concepts tab: one sub-tab per idea of the course (EWA, schedules, learning-rate
sweep, basins of attraction, back-propagation); and one such view alone, drawn for an
experiment, for `optviz export --view sweep` (`view_for_export`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from optviz.engine.experiment import Experiment
from optviz.ui.concepts.backprop_view import BackpropView
from optviz.ui.concepts.basins_view import BasinsView
from optviz.ui.concepts.common import FollowsLanguage
from optviz.ui.concepts.ewa_view import EwaView
from optviz.ui.concepts.helper import BackgroundJob, HelperPool
from optviz.ui.concepts.schedules_view import SchedulesView
from optviz.ui.concepts.sweep_view import SweepView


class ConceptsTab(FollowsLanguage, QWidget):
    """Signals for the main window:
    `apply_schedule(spec)`: give the selected optimizer this schedule spec (a dict);
    `use_learning_rate(optimizer_index, lr)`: set that optimizer's learning rate, the index
    counting the optimizers of the experiment last given to `set_experiment`.

    Heavy views (sweep, basins) compute in one helper process, started when first needed;
    `stop()` ends it (also called when the application quits).
    """

    apply_schedule = Signal(dict)
    use_learning_rate = Signal(int, float)

    def __init__(self, parent: QWidget | None = None, mode: str | None = None):
        super().__init__(parent)
        self.pool = HelperPool(mode)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.ewa = EwaView()
        self.schedules = SchedulesView()
        self.sweep = SweepView(BackgroundJob(self.pool, self))
        self.basins = BasinsView(BackgroundJob(self.pool, self), BackgroundJob(self.pool, self))
        self.backprop = BackpropView()
        for view in (self.ewa, self.schedules, self.sweep, self.basins, self.backprop):
            self.tabs.addTab(view, "")  # titles: retranslate()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.schedules.apply_schedule.connect(self.apply_schedule)
        self.sweep.use_learning_rate.connect(self.use_learning_rate)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self.retranslate()

    def retranslate(self) -> None:
        """Tab titles in the installed language (also run on every LanguageChange); each
        view translates its own texts."""
        for view, title in (
            (self.ewa, self.tr("Averages (EWA)")),
            (self.schedules, self.tr("Schedules")),
            (self.sweep, self.tr("Learning-rate sweep")),
            (self.basins, self.tr("Basins")),
            (self.backprop, self.tr("Back-propagation")),
        ):
            self.tabs.setTabText(self.tabs.indexOf(view), title)

    def set_experiment(self, experiment: Experiment) -> None:
        """Sweep the race's surface, start, steps and optimizers."""
        self.sweep.set_experiment(experiment)

    def stop(self) -> None:
        """End the helper process (waits for a computation in progress, at most ~2 s)."""
        self.pool.stop()


def view_for_export(name: str, experiment: Experiment) -> QWidget:
    """The concept view `name` drawn for `experiment`, never shown (`optviz export`).

    The sweep and the basin map are computed here, in this thread, by the engine call the
    view would hand to its helper process. EWA and back-propagation show their defaults;
    the schedules, the experiment's schedules if it has any (else the gallery's defaults).
    """
    if name == "ewa":
        view = EwaView()
    elif name == "backprop":
        view = BackpropView()
    elif name == "schedules":
        view = SchedulesView()
        view.set_experiment(experiment)
    elif name == "sweep":
        view = SweepView(BackgroundJob(HelperPool("thread")))  # never used: compute_now
        view.set_experiment(experiment)
        view.compute_now()
    elif name == "basins":
        job = BackgroundJob(HelperPool("thread"))
        view = BasinsView(job, BackgroundJob(job.pool))
        view.set_experiment(experiment)
        view.compute_now()
    else:
        raise ValueError(f"unknown concept view {name!r}")
    # A widget that was never shown is laid out from its window, whatever size it is given:
    # the figure becomes a (hidden) window of its own, so an export can size it.
    view.figure.setParent(None)
    return view

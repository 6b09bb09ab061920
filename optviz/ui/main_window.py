"""The main window: panels on the left, the surface view and its side plots in the middle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from superqt.utils import qdebounced

from optviz.engine import experiment as experiment_io
from optviz.engine import presets
from optviz.engine.errors import OptvizError
from optviz.engine.optimizers import optimizer_class
from optviz.ui import i18n, style
from optviz.ui.document import DocumentController
from optviz.ui.equations_panel import EquationsPanel
from optviz.ui.lazy_tab import LazyTab
from optviz.ui.panels.optimizer_list import OptimizerList
from optviz.ui.panels.playback import PlaybackBar
from optviz.ui.panels.surface_panel import SurfacePanel
from optviz.ui.presentation import Presentation, about_html
from optviz.ui.side_plots import SidePlots
from optviz.ui.surface_view import SurfaceView
from optviz.ui.worker import EngineWorker, RunAnswer

GRID_RESOLUTION = 384


class MainWindow(QMainWindow):
    """Signals `run_drawn` after a run's result has been drawn and `grid_drawn` after a
    surface grid has been drawn (tests and the screenshot mode wait for them)."""

    run_drawn = Signal()
    grid_drawn = Signal()
    training_edited = Signal()  # the training tab's settings or optimizers were edited

    def __init__(self, worker: EngineWorker | None = None):
        super().__init__()
        self.setWindowTitle("optviz")
        self.setMinimumSize(640, 400)
        self.worker = worker or EngineWorker(self)
        self.answer: RunAnswer | None = None
        self.grid = None
        self.current_file: Path | None = None
        self._loading = False
        self._surface_key: Any = None
        self._log_override: bool | None = None
        self._extra_starts: tuple = ()
        self._base = None
        self.pending_experiment = None
        # What File › Save writes: the surface race or the training race, whichever was
        # loaded or edited last (an experiment file holds one optimizer list).
        self.document_kind = "surface"
        self.run_colors: list[str] = []

        # --- central area ---
        self.surface_view = SurfaceView()
        self.side_plots = SidePlots()
        self.equations = EquationsPanel()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.side_plots)
        right.addWidget(self.equations)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setMinimumWidth(280)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.surface_view)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.split, self.tr("Surface"))
        self.view3d = None
        self._3d_holder = QWidget()
        QVBoxLayout(self._3d_holder)
        self.tabs.addTab(self._3d_holder, "3D")
        # Built when first shown (or asked for): they are not part of the first frame.
        self._training_page = LazyTab(self._make_training_tab)
        self.tabs.addTab(self._training_page, self.tr("Training"))
        self._concepts_page = LazyTab(self._make_concepts_tab)
        self.tabs.addTab(self._concepts_page, self.tr("Concepts"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.playback = PlaybackBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.playback)
        self.setCentralWidget(central)

        # --- left dock ---
        self.surface_panel = SurfacePanel()
        self.optimizer_list = OptimizerList()
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.addWidget(self.surface_panel)
        panel_layout.addWidget(self.optimizer_list, 1)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        style.set_themed_style(self.error_label, "color: @error; font-weight: bold;")
        panel_layout.addWidget(self.error_label)
        scroll = QScrollArea()
        scroll.setWidget(panel)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(300)
        self.dock = QDockWidget(self.tr("Experiment"), self)
        self.dock.setObjectName("experiment-dock")
        self.dock.setWidget(scroll)
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.resizeDocks([self.dock], [400], Qt.Orientation.Horizontal)

        self.document = DocumentController(
            self,
            self.document_experiment,
            self.load_document,
            [self.surface_panel.changed, self.optimizer_list.changed, self.training_edited],
        )
        self.presentation = Presentation(self, dock=self.dock)
        self._quitting = False
        self._engine_started = False
        self._build_menus()
        self.statusBar().showMessage(self.tr("Ready"))

        # --- wiring ---
        self._debounced_run = qdebounced(self._start_run, timeout=120)
        self._debounced_grid = qdebounced(self._request_grid_for_view, timeout=200)
        self.surface_panel.changed.connect(self._edited)
        self.surface_panel.changed.connect(self._surface_document)
        self.optimizer_list.changed.connect(self._surface_document)
        self.surface_panel.surface_changed.connect(self._surface_changed)
        self.optimizer_list.changed.connect(self._edited)
        self.optimizer_list.selection_changed.connect(self._select_optimizer)
        self.surface_view.start_moved.connect(self._start_moved)
        self.surface_view.range_changed.connect(lambda _rect: self._debounced_grid())
        self.playback.step_changed.connect(self._draw_step)
        self.playback.playing_changed.connect(self.surface_view.set_playing)
        self.playback.trail_changed.connect(lambda _t: self._draw_step(self.playback.step))
        self.equations.selector.currentIndexChanged.connect(
            lambda _i: self._draw_step(self.playback.step)
        )
        self.worker.run_done.connect(self._run_done)
        self.worker.grid_done.connect(self._grid_done)
        self.worker.failed.connect(self._failed)
        # Legends and titles are re-made with each run: scale them in presentation mode.
        self.run_drawn.connect(self.presentation.refresh_fonts)

    # --- menus --------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None, checkable=False, checked=False):
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        if checkable:
            action.setCheckable(True)
            action.setChecked(checked)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        document, presentation = self.document, self.presentation
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([document.new_action, document.open_action])
        file_menu.addMenu(document.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([document.save_action, document.save_as_action])
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Export…"), self.export_dialog, "Ctrl+E")
        self._action(file_menu, self.tr("&Copy image"), self.copy_image, "Ctrl+Shift+C")
        self._action(file_menu, self.tr("Copy as &PyTorch code"), lambda: self.copy_code("torch"))
        self._action(file_menu, self.tr("Copy as &Keras code"), lambda: self.copy_code("keras"))
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.request_quit, "Ctrl+Q")
        preset_menu = bar.addMenu(self.tr("&Presets"))
        for name in presets.NAMES:
            action = QAction(QCoreApplication.translate("Presets", presets.title(name)), self)
            action.triggered.connect(lambda _=False, n=name: self.load_preset(n, ask=True))
            preset_menu.addAction(action)
        view = bar.addMenu(self.tr("&View"))
        self.log_action = self._action(
            view, self.tr("&Log colour scale"), self._toggle_log, checkable=True
        )
        self.contour_action = self._action(
            view,
            self.tr("&Contour lines"),
            self.surface_view.show_contours,
            checkable=True,
            checked=True,
        )
        self.arrows_action = self._action(
            view, self.tr("&Gradient field"), self.surface_view.show_gradient_field, checkable=True
        )
        self._action(view, self.tr("Reset &zoom"), self._reset_zoom, "Ctrl+0")
        view.addSeparator()
        view.addActions(
            [presentation.presentation_action, presentation.panel_action, presentation.dark_action]
        )
        languages = view.addMenu(self.tr("La&nguage"))
        group = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
        play = bar.addMenu(self.tr("P&layback"))
        self._action(play, self.tr("Play / pause\tSpace"), self.playback.toggle, "Space")
        self._action(play, self.tr("Step forward\t→"), lambda: self.playback.step_by(1), "Right")
        self._action(play, self.tr("Step back\t←"), lambda: self.playback.step_by(-1), "Left")
        self._action(
            play, self.tr("First step\tHome"), lambda: self.playback.step_by(-(10**9)), "Home"
        )
        self._action(play, self.tr("Last step\tEnd"), lambda: self.playback.step_by(10**9), "End")
        self._action(play, self.tr("Reset\tR"), self.playback.reset, "R")
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(presentation.shortcuts_action)  # F1 and ?
        self._action(help_menu, self.tr("&About optviz"), self.show_about)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About optviz"), about_html())

    def copy_code(self, framework: str) -> None:
        """The enabled optimizers as PyTorch ("torch") or tf.keras ("keras") code."""
        from optviz.engine import codegen  # only when asked: 30 ms of start-up

        exp = self.current_experiment()
        if exp is None:
            return
        if framework == "torch":
            text, message = (
                codegen.torch_snippet(exp),
                self.tr("PyTorch code copied to the clipboard"),
            )
        else:
            text, message = (
                codegen.keras_snippet(exp),
                self.tr("Keras code copied to the clipboard"),
            )
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage(message, 5000)

    def set_language(self, language: str) -> None:
        i18n.save_language(language)
        i18n.install_translator(QApplication.instance(), language)
        i18n.retranslate_widgets(self)
        self.statusBar().showMessage(self.tr("The language has been switched."), 5000)

    # --- documents ----------------------------------------------------------------------

    def load_preset(self, name: str, ask: bool = False) -> None:
        """ask: offer to save unsaved changes first (the Presets menu)."""
        title = presets.title(name)  # translated by the document, also after a switch
        if ask:
            self.document.load_with_prompt(presets.preset(name), title, title_context="Presets")
        else:
            self.document.load(presets.preset(name), title, title_context="Presets")

    def load_experiment(self, exp, title: str = "") -> None:
        from optviz.engine.surfaces import make_surface

        surface = make_surface(exp.surface)
        start = exp.starts[0] if exp.starts else surface.start
        self._loading = True
        try:
            self._extra_starts = exp.starts[1:] if exp.starts and len(exp.starts) > 1 else ()
            self.surface_panel.load(
                exp.surface, start, exp.steps, exp.seed, exp.noise_sigma or 0.0, exp.batch_size
            )
            entries = [o.to_dict() for o in exp.optimizers]
            for k, entry in enumerate(entries):
                entry.setdefault("color", style.color_for(k))
            self.optimizer_list.set_optimizers(entries)
            self.optimizer_list.set_steps(exp.steps)
        finally:
            self._loading = False
        self._base = exp
        self._log_override = None
        self.log_action.blockSignals(True)
        self.log_action.setChecked(surface.log_scale)
        self.log_action.blockSignals(False)
        self.playback.pause()
        self.playback.set_steps(exp.steps)
        self.playback.set_step(exp.steps)
        self._surface_key = None
        self._edited()
        if self.isVisible():
            self._debounced_run.flush()

    def current_experiment(self):
        """The experiment the panels describe, or None (with the reason shown) if invalid."""
        spec = self.surface_panel.surface_spec()
        if spec is None:
            self._show_error(self.tr("Fix the surface settings (see the message in the panel)."))
            return None
        if not self.optimizer_list.is_valid():
            self._show_error(self.tr("Fix the highlighted optimizer settings."))
            return None
        optimizers = self.optimizer_list.optimizers()
        if not any(o.get("enabled", True) for o in optimizers):
            self._show_error(self.tr("Enable at least one optimizer."))
            return None
        doc: dict[str, Any] = {
            "optviz": 1,
            "surface": spec,
            **self.surface_panel.settings(),
            "optimizers": optimizers,
        }
        starts = [list(self.surface_panel.start()), *[list(p) for p in self._extra_starts]]
        if len(starts) == 1:
            doc["start"] = starts[0]
        else:
            doc["starts"] = starts
        base = getattr(self, "_base", None)
        if base is not None:
            for key, value in base.to_dict().items():
                if key in ("stop", "bound", "swa", "title", "view"):
                    doc[key] = value
        try:
            exp = experiment_io.from_dict(doc)
        except OptvizError as error:
            self._show_error(i18n.error_text(error))
            return None
        self._show_error("")
        return exp

    def open_dialog(self) -> None:
        self.document.open_dialog()

    def open_file(self, path: Path) -> bool:
        return self.document.open(Path(path))

    def save_dialog(self) -> None:
        self.document.save_as_dialog()

    # --- reacting to edits ------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        if message:
            self.statusBar().showMessage(message)

    def _edited(self) -> None:
        if self._loading:
            return
        self.optimizer_list.set_steps(self.surface_panel.steps.value())
        self._debounced_run()

    def _surface_changed(self) -> None:
        self._log_override = None
        self._surface_key = None

    def _start_moved(self, x: float, y: float) -> None:
        self.surface_panel.set_start(x, y)
        self._extra_starts = ()
        self._edited()

    def _start_run(self) -> None:
        exp = self.current_experiment()
        if exp is None:
            return
        self.pending_experiment = exp
        key = repr(exp.surface)
        if key != self._surface_key:
            self._surface_key = key
            from optviz.engine.surfaces import make_surface

            surface = make_surface(exp.surface)
            self._axis_labels(surface)
            rect = exp.view or surface.view
            if self._log_override is None:
                self.log_action.blockSignals(True)
                self.log_action.setChecked(surface.log_scale)
                self.log_action.blockSignals(False)
            self.surface_view.set_view_rect(rect)
            # With the aspect ratio locked the view shows more than `rect`: sample all of it.
            self._request_grid(self._covering(rect))
        self.statusBar().showMessage(self.tr("Running…"))
        self.worker.request_run(exp)

    def _axis_labels(self, surface) -> None:
        default = (
            (self.tr("w (slope)"), self.tr("b (intercept)")) if surface.n_samples else ("x", "y")
        )
        labels = getattr(surface, "axis_labels", default)
        self.surface_view.set_axis_labels(*labels)

    def _request_grid(self, rect) -> None:
        spec = self.surface_panel.surface_spec()
        if spec is None:
            return
        xmin, xmax, ymin, ymax = rect
        pad_x, pad_y = 0.15 * (xmax - xmin), 0.15 * (ymax - ymin)
        padded = (xmin - pad_x, xmax + pad_x, ymin - pad_y, ymax + pad_y)
        self.worker.request_grid(
            spec, padded, GRID_RESOLUTION, self.log_action.isChecked(), self.surface_view.lut
        )

    def _covering(self, rect):
        """The union of `rect` and what the view actually shows."""
        shown = self.surface_view.view_rect()
        return (
            min(rect[0], shown[0]),
            max(rect[1], shown[1]),
            min(rect[2], shown[2]),
            max(rect[3], shown[3]),
        )

    def _request_grid_for_view(self) -> None:
        self._request_grid(self.surface_view.view_rect())

    def _toggle_log(self, on: bool) -> None:
        self._log_override = on
        self._request_grid_for_view()

    def _reset_zoom(self) -> None:
        exp = getattr(self, "pending_experiment", None)
        if exp is None:
            return
        from optviz.engine.surfaces import make_surface

        rect = exp.view or make_surface(exp.surface).view
        self.surface_view.set_view_rect(rect)
        self._request_grid(self._covering(rect))

    # --- results ------------------------------------------------------------------------

    def _grid_done(self, _request: int, grid) -> None:
        self.grid = grid
        self.surface_view.set_grid(grid)
        if self.view3d is not None:
            self._push_3d_surface()
        self.grid_drawn.emit()

    def _failed(self, _request: int, kind: str, message: str) -> None:
        self._show_error(message)

    def _run_done(self, answer: RunAnswer) -> None:
        self.answer = answer
        result = answer.result
        exp = answer.experiment
        enabled = [o for o in exp.optimizers if o.enabled]
        all_specs = list(exp.optimizers)
        colors, legend_runs = [], []
        for r in range(result.n_runs):
            spec = enabled[result.optimizer_index[r]]
            colors.append(spec.color or style.color_for(all_specs.index(spec)))
            if result.start_index[r] == 0:
                legend_runs.append(r)
        self.run_colors = colors
        self.surface_view.set_markers(answer.minima, answer.saddles)
        self.surface_view.set_start(*result.positions[0, 0])
        self.surface_view.set_runs(
            result.positions,
            colors,
            list(result.labels),
            result.end_step,
            result.status,
            legend_runs,
            swa=result.swa_positions,
        )
        offset = 0.0
        if answer.minima:
            finite = result.loss[np.isfinite(result.loss)]
            offset = float(self.grid.z_min) if self.grid is not None else 0.0
            if finite.size and finite.min() < offset:
                offset = float(finite.min())
        self.side_plots.set_runs(result.loss, answer.distance, result.lr, colors, offset)
        self.equations.set_runs(list(result.labels), colors)
        self.playback.set_steps(result.steps)
        if self.view3d is not None:
            self._push_3d_runs()
        self._draw_step(self.playback.step)
        diverged = [
            result.labels[r] for r in range(result.n_runs) if result.status[r] == "diverged"
        ]
        message = self.tr("{runs} runs × {steps} steps in {ms} ms").format(
            runs=result.n_runs, steps=result.steps, ms=f"{answer.seconds * 1000:.0f}"
        )
        if diverged:
            message = self.tr("{message} — diverged: {labels}").format(
                message=message, labels=", ".join(diverged)
            )
        self.statusBar().showMessage(message)
        self.run_drawn.emit()

    def _select_optimizer(self, index: int) -> None:
        if self.answer is None:
            return
        enabled = [k for k, o in enumerate(self.answer.experiment.optimizers) if o.enabled]
        if index in enabled:
            run = int(np.flatnonzero(self.answer.result.optimizer_index == enabled.index(index))[0])
            self.equations.selector.setCurrentIndex(run)

    def _draw_step(self, step: int) -> None:
        if self.answer is None:
            return
        trail = self.playback.trail_length()
        self.surface_view.set_step(step, trail)
        self.side_plots.set_step(step)
        if self.view3d is not None and self.tabs.currentIndex() == 1:
            self.view3d.set_step(step, trail)
        self._illustrate(step)

    def _illustrate(self, step: int) -> None:
        result = self.answer.result
        run = self.equations.selected()
        if run >= result.n_runs:
            return
        enabled = [o for o in self.answer.experiment.optimizers if o.enabled]
        spec = enabled[result.optimizer_index[run]]
        cls, _ = optimizer_class(spec.name, spec.flavor)
        t = min(step, int(result.end_step[run]))
        if t >= result.steps or t >= result.end_step[run]:
            t = max(0, min(int(result.end_step[run]), result.steps) - 1)
        position = result.positions[run, t]
        next_position = result.positions[run, t + 1]
        grad = result.grads[run, t]
        lr = float(result.lr[run, t]) if result.steps else 0.0
        states = {key: values[t + 1] for key, values in result.states[run].items()}
        arrows = [(position[0], position[1], -lr * grad[0], -lr * grad[1])]
        first = next(
            (
                states[k]
                for k in ("exp_avg", "momentum_buffer", "velocity", "m", "v")
                if k in states
            ),
            None,
        )
        if first is not None and spec.flavor == "torch":
            arrows.append((position[0], position[1], -lr * first[0], -lr * first[1]))
        elif first is not None:
            arrows.append((position[0], position[1], first[0], first[1]))
        else:
            arrows.append(None)
        if np.isfinite(next_position).all():
            delta = next_position - position
            arrows.append((position[0], position[1], delta[0], delta[1]))
        self.surface_view.set_step_arrows(arrows)
        self.equations.show_step(
            title=result.labels[run],
            equations=cls.equations,
            hyper=result.resolved[run],
            lr=lr,
            step=t,
            position=position,
            next_position=next_position,
            grad=grad,
            states=states,
            color=self.run_colors[run],
            status=result.status[run],
        )

    # --- 3D -----------------------------------------------------------------------------

    # --- training and concepts tabs (built on first use) ------------------------------------

    @property
    def training_tab(self):
        return self._training_page.content()

    @property
    def concepts(self):
        return self._concepts_page.content()

    def _make_training_tab(self):
        from optviz.ui.training_tab import TrainingTab

        tab = TrainingTab()
        for signal in (tab.form.changed, tab.data.changed, tab.optimizer_list.changed):
            signal.connect(self._training_document)
        return tab

    # --- the document: a surface race or a training race ----------------------------------

    def document_experiment(self):
        """The experiment File › Save writes, or None (with the reason shown) if invalid."""
        if self.document_kind != "training":
            return self.current_experiment()
        tab = self.training_tab
        try:
            return experiment_io.from_dict(tab.training_experiment())
        except OptvizError as error:
            tab.settings.show_error(i18n.error_text(error))
            return None

    def load_document(self, exp, title: str = "") -> None:
        """Show an opened experiment: a training race in the Training tab, else the surface."""
        if exp.training is None:
            self.document_kind = "surface"
            self.load_experiment(exp, title)
            if self.tabs.currentWidget() is self._training_page:
                self.tabs.setCurrentIndex(0)
            return
        tab = self.training_tab
        tab.set_training(exp.training, [o.to_dict() for o in exp.optimizers])
        self.document_kind = "training"
        self.tabs.setCurrentWidget(self._training_page)

    def _surface_document(self) -> None:
        if not self._loading:
            self.document_kind = "surface"

    def _training_document(self) -> None:
        self.document_kind = "training"
        self.training_edited.emit()

    def _make_concepts_tab(self):
        from optviz.ui.concepts import ConceptsTab

        concepts = ConceptsTab()
        concepts.apply_schedule.connect(self._apply_schedule)
        concepts.use_learning_rate.connect(self._use_learning_rate)
        return concepts

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, LazyTab):
            page.content()
        # The training tab has its own settings column: give it the room of the dock.
        self.dock.setVisible(page is not self._training_page)
        self.playback.setVisible(index in (0, 1))  # it moves the surface race only
        if page is self._concepts_page:
            exp = self.current_experiment()
            if exp is not None:
                self.concepts.set_experiment(exp)
            return
        if index != 1:
            return
        if self.view3d is None:
            from optviz.ui.surface_3d import Surface3DView

            self.view3d = Surface3DView()
            self._3d_holder.layout().addWidget(self.view3d)
            if self.grid is not None:
                self._push_3d_surface()
            if self.answer is not None:
                self._push_3d_runs()
        self._draw_step(self.playback.step)

    def _push_3d_surface(self) -> None:
        grid = self.grid
        self.view3d.set_surface(grid.x, grid.y, grid.z, grid.log_scale)

    def _push_3d_runs(self) -> None:
        result = self.answer.result
        self.view3d.set_runs(
            result.positions,
            result.loss,
            self.run_colors,
            result.end_step,
            np.array([s == "diverged" for s in result.status]),
        )

    # --- lifetime -----------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        # Start the engine processes after the window's first paint: spawning them earlier
        # puts two more Python start-ups on the CPUs while the first frame is being drawn.
        if not self._engine_started:
            self._engine_started = True
            QTimer.singleShot(0, self.worker.warm_up)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._engine_started:  # a window that is never painted still gets its engine
            QTimer.singleShot(1000, self.worker.warm_up)

    # --- export -------------------------------------------------------------------------

    def export_dialog(self) -> None:
        from optviz.ui.export_dialog import ExportDialog

        if getattr(self, "_export_dialog", None) is None:
            self._export_dialog = ExportDialog(self)
        self._export_dialog.show()
        self._export_dialog.raise_()

    def copy_image(self) -> None:
        from optviz import export

        view = "3d" if self.tabs.currentIndex() == 1 else "surface"
        try:
            export.copy_image_to_clipboard(self, view)
        except export.ExportError as error:
            self.statusBar().showMessage(i18n.error_text(error), 5000)
            return
        self.statusBar().showMessage(self.tr("Image copied to the clipboard"), 3000)

    # --- from the concepts tab ---------------------------------------------------------

    def _edit_optimizer(self, index: int, change) -> None:
        entries = self.optimizer_list.optimizers()
        if not 0 <= index < len(entries):
            return
        change(entries[index])
        self.optimizer_list.set_optimizers(entries)
        self.optimizer_list.select(index)
        self.optimizer_list.changed.emit()

    def _apply_schedule(self, spec: dict) -> None:
        index = max(self.optimizer_list.selected_index(), 0)
        self._edit_optimizer(index, lambda entry: entry.__setitem__("schedule", dict(spec)))
        self.statusBar().showMessage(
            self.tr("Schedule {name} applied to optimizer {index}").format(
                name=spec.get("name"), index=index + 1
            ),
            5000,
        )

    def _use_learning_rate(self, index: int, lr: float) -> None:
        def change(entry: dict) -> None:
            cls, _ = optimizer_class(entry["name"], entry.get("flavor", "torch"))
            entry[cls.lr_key] = float(f"{lr:.6g}")

        self._edit_optimizer(index, change)
        self.tabs.setCurrentIndex(0)

    def request_quit(self) -> None:
        """Quit as the user asked to (Ctrl+Q): unsaved changes are offered for saving."""
        self._quitting = True
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Ask about unsaved changes when a person closes the window; a close the program
        # started (SIGTERM, tests) asks nothing and keeps the changes in the autosave.
        ask = event.spontaneous() or self._quitting
        self._quitting = False
        if not self.document.close_requested(ask=ask):
            event.ignore()
            return
        self.presentation.leave()
        self.document.save_window_settings()
        self.playback.pause()
        if getattr(self, "_export_dialog", None) is not None:
            self._export_dialog.cancel()
        if self._concepts_page.built:
            self.concepts.stop()
        if self._training_page.built:
            self.training_tab.shutdown()
        self.worker.stop()
        super().closeEvent(event)

"""The main window: panels on the left, the surface view and its side plots in the middle.

`MainWindow` is one class written in four files:

    main_window.py        the layout, the wiring of signals, the surface grid, closing
    main_window_menus.py  the menu bar and the commands only the menus give
    main_window_race.py   the surface race: panels → worker → drawn paths, step by step
    main_window_tabs.py   the Training, Concepts and 3D tabs; which race File › Save writes
"""

from __future__ import annotations

import threading
from importlib import import_module
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from optviz.ui import style
from optviz.ui.debounce import Debounced
from optviz.ui.document import DocumentController
from optviz.ui.equations_panel import EquationsPanel
from optviz.ui.lazy_tab import LazyTab
from optviz.ui.main_window_menus import MenusMixin
from optviz.ui.main_window_race import SurfaceRaceMixin
from optviz.ui.main_window_tabs import TabsMixin
from optviz.ui.panels.optimizer_list import OptimizerList
from optviz.ui.panels.playback import PlaybackBar
from optviz.ui.panels.surface_panel import SurfacePanel
from optviz.ui.presentation import Presentation
from optviz.ui.side_plots import MIN_HEIGHT as SIDE_PLOTS_MIN_HEIGHT
from optviz.ui.side_plots import SIZE_HINT as SIDE_PLOTS_SIZE_HINT
from optviz.ui.side_plots import SidePlots
from optviz.ui.surface_view import SurfaceView
from optviz.ui.worker import EngineWorker, RunAnswer

GRID_RESOLUTION = 384
RUN_DEBOUNCE_MS = 120  # edits within this time start one run


class MainWindow(MenusMixin, SurfaceRaceMixin, TabsMixin, QMainWindow):
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
        # Built right after the first frame (issue #3: three plots, ~25 ms to build and more
        # to paint), before the first run's results arrive; or when first asked for.
        self._side_page = LazyTab(SidePlots, size_hint=QSize(*SIDE_PLOTS_SIZE_HINT))
        self._side_page.setMinimumHeight(SIDE_PLOTS_MIN_HEIGHT)
        self.equations = EquationsPanel()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self._side_page)
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
        for page in (self._side_page, self._training_page, self._concepts_page):
            page.content_built.connect(self.presentation.adopt)
        self._quitting = False
        # The start-up's steps after the first frame, each after a paint pass of the window.
        self._after_paint = [self._after_first_frame, self._after_side_plots]
        self._build_menus()
        self.statusBar().showMessage(self.tr("Ready"))

        # --- wiring ---
        self._debounced_run = Debounced(self._start_run, RUN_DEBOUNCE_MS)
        self._debounced_grid = Debounced(self._request_grid_for_view, 200)
        # The run of an experiment loaded while the window is not shown yet: it starts at
        # the first paint, or after RUN_DEBOUNCE_MS in a window that is never shown.
        self._loaded_run = QTimer(self)
        self._loaded_run.setSingleShot(True)
        self._loaded_run.setInterval(RUN_DEBOUNCE_MS)
        self._loaded_run.timeout.connect(self._start_run)
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
        # Legends and titles are re-made with each run, the colour bar's title with each grid:
        # scale them in presentation mode.
        self.run_drawn.connect(self.presentation.refresh_fonts)
        self.grid_drawn.connect(self.presentation.refresh_fonts)

    @property
    def side_plots(self) -> SidePlots:
        """Loss, distance to the minimum and learning rate against the step."""
        return self._side_page.content()

    # --- the surface grid: the colour map behind the paths, asked for as the view moves --

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

    def _grid_done(self, _request: int, grid) -> None:
        self.grid = grid
        self.surface_view.set_grid(grid)
        if self.view3d is not None:
            self._push_3d_surface()
        self.grid_drawn.emit()

    # --- lifetime -----------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self._after_paint:  # the next step of the start-up, after this paint pass
            QTimer.singleShot(0, self._after_paint.pop(0))

    def _after_first_frame(self) -> None:
        """The side plots and the loaded experiment's run: the first frame does not wait for
        them (issue #3); the side plots' own paint comes next."""
        self._side_page.content()
        if self._loaded_run.isActive():
            self._loaded_run.stop()
            self._start_run()

    def _after_side_plots(self) -> None:
        """The engine processes (spawning them earlier puts two more Python start-ups on the
        CPUs while the window is drawn) and superqt's import (the debouncers and the
        optimizer cards' details need it)."""
        self.worker.warm_up()
        # Off the GUI thread: its ~70 ms would stall the event loop (a run's results, the
        # first clicks). Whoever needs superqt before the import is over waits for the rest.
        threading.Thread(target=import_module, args=("superqt",), name="import-superqt").start()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._after_paint:  # a window that is never painted still gets its engine
            QTimer.singleShot(1000, self.worker.warm_up)

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

"""The one bridge between the GUI and the engine: engine calls off the GUI thread, results
back by signal as NumPy arrays.

The GUI thread never computes. `request_run` / `request_grid` only post the request; the
answer arrives as a Qt signal. The engine itself runs in a helper process, started once in
the background and kept warm: the engine makes many small NumPy calls, and in a thread of
this process each of them would hold the GIL that the GUI thread needs to paint (we measured
event-loop stalls of 0.2–0.5 s that way). A newer request makes an older one stale: the
engine polls a shared "latest request" number, gives up early, and a stale answer is never
emitted. `OPTVIZ_ENGINE=thread` runs the engine on a thread of this process instead.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from optviz.engine.errors import OptvizError
from optviz.engine.experiment import Experiment

if TYPE_CHECKING:
    from concurrent import futures


@dataclass(frozen=True, eq=False)
class RunAnswer:
    """A RunResult plus what the views need from the surface, computed off the GUI thread."""

    request: int
    experiment: Experiment
    result: Any  # RunResult
    distance: np.ndarray  # (n_runs, steps + 1) to the nearest known minimum (NaN if none)
    minima: tuple[tuple[float, float], ...]
    saddles: tuple[tuple[float, float], ...]
    seconds: float  # engine time
    finished_at: float  # time.perf_counter() when the answer reached this process


# --- what runs in the engine process ------------------------------------------------------

_latest_run: Any = None  # shared number of the newest run request
_cache: Any = None  # RunCache of the engine process: a slider drag re-runs one optimizer


def _init_engine(latest_run, lower_priority: bool = False) -> None:
    global _latest_run
    _latest_run = latest_run
    if lower_priority and hasattr(os, "nice"):
        os.nice(5)  # on a busy machine the GUI gets the CPU first
    _exit_with_parent()


def _exit_with_parent() -> None:
    """In an engine process: end it when the app that started it is gone. An app that
    crashes or is killed cannot shut its pool down, and idle workers would stay forever."""
    parent = multiprocessing.parent_process()
    if parent is None:  # the engine runs on a thread of the app itself
        return

    def watch() -> None:
        parent.join()  # returns when the parent process has ended
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="optviz-parent-watch").start()


def _warm_up() -> bool:
    import optviz.engine.grid  # noqa: F401
    import optviz.engine.runner  # noqa: F401

    return True


def _run(request: int, experiment: Experiment):
    global _cache
    from optviz.engine import runner
    from optviz.engine.run_cache import RunCache
    from optviz.engine.surfaces import make_surface

    started = time.perf_counter()
    surface = make_surface(experiment.surface)
    if _cache is None:
        _cache = RunCache()
    result = _cache.run(
        experiment, should_stop=lambda: _latest_run.value != request, surface=surface
    )
    distance = runner.distance_to_minima(result.positions, surface.minima)
    return (
        result,
        distance,
        tuple(surface.minima),
        tuple(surface.saddles),
        time.perf_counter() - started,
    )


def _grid(surface_spec: dict, rect, resolution: int, log_scale, lut):
    from optviz.engine.grid import compute_grid
    from optviz.engine.surfaces import make_surface

    return compute_grid(make_surface(surface_spec), rect, resolution, log_scale, lut=lut)


class _SharedNumber:
    """Stands in for multiprocessing.Value when the engine runs on a thread."""

    value = 0


# --- the Qt side --------------------------------------------------------------------------


class EngineWorker(QObject):
    """Owns the engine process. Create once; `stop()` before the application quits."""

    run_done = Signal(object)  # RunAnswer
    grid_done = Signal(int, object)  # request id, SurfaceGrid
    failed = Signal(int, str, str)  # request id, kind ("run"/"grid"), message for the user
    cancelled = Signal(int)
    # Futures finish on the executor's own thread; these carry the answer to the GUI thread.
    _run_finished = Signal(int, object, object)
    _grid_finished = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None, mode: str | None = None):
        super().__init__(parent)
        self._ids = itertools.count(1)
        self.latest_grid = 0
        self.stopping = False
        self.mode = mode or os.environ.get("OPTVIZ_ENGINE", "process")
        self._run_finished.connect(self._deliver_run)
        self._grid_finished.connect(self._deliver_grid)
        # The shared "latest request" number, and concurrent.futures, are made and imported
        # with the engine (after the window's first frame: ~3 ms of its start-up, issue #3).
        self._shared: Any = None
        self._pool: futures.Executor | None = None  # started by warm_up() or the first request
        app = QCoreApplication.instance()
        if app is not None:  # never leave the engine running at exit
            app.aboutToQuit.connect(self.stop)

    def warm_up(self) -> None:
        """Start the engine processes now (the main window calls this after its first paint,
        so that starting them does not compete with the window for the CPU)."""
        if self._pool is None and not self.stopping:
            self._pool = self._make_pool()

    @property
    def _latest(self) -> Any:
        if self._shared is None:
            if self.mode == "thread":
                self._shared = _SharedNumber()
            else:
                self._shared = multiprocessing.get_context("spawn").Value("q", 0, lock=False)
        return self._shared

    def _make_pool(self) -> futures.Executor:
        from concurrent import futures

        if self.mode == "thread":
            _init_engine(self._latest)
            return futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="optviz-engine")
        context = multiprocessing.get_context("spawn")
        # Two processes: a slow run never delays the surface grid of a new view.
        pool = futures.ProcessPoolExecutor(
            max_workers=2,
            mp_context=context,
            initializer=_init_engine,
            initargs=(self._latest, True),
        )
        for _ in range(2):
            pool.submit(_warm_up)  # start the processes now, in the background
        return pool

    @property
    def latest_run(self) -> int:
        return self._latest.value

    def request_run(self, experiment: Experiment) -> int:
        request = next(self._ids)
        self._latest.value = request  # makes any run in progress stale
        future = self._submit(_run, request, experiment)
        if future is not None:
            future.add_done_callback(lambda f: self._run_finished.emit(request, experiment, f))
        return request

    def request_grid(
        self,
        surface_spec: dict,
        rect,
        resolution: int = 384,
        log_scale: bool | None = None,
        lut: np.ndarray | None = None,
    ) -> int:
        """`lut`: the heatmap's colour table; the engine colours the image with it."""
        request = next(self._ids)
        self.latest_grid = request
        future = self._submit(_grid, dict(surface_spec), tuple(rect), resolution, log_scale, lut)
        if future is not None:
            future.add_done_callback(partial(self._grid_finished.emit, request, None))
        return request

    def _submit(self, fn, *args) -> futures.Future | None:
        from concurrent import futures

        if self.stopping:
            return None
        self.warm_up()
        try:
            return self._pool.submit(fn, *args)
        except futures.BrokenExecutor:  # the engine process died: start a new one
            self._pool = self._make_pool()
            return self._pool.submit(fn, *args)

    def _deliver_run(self, request: int, experiment: Experiment, future) -> None:
        if self.stopping:
            return
        error = _error(future)
        if error == "cancelled" or request != self.latest_run:
            self.cancelled.emit(request)
        elif error is not None:
            self.failed.emit(request, "run", error)
        else:
            result, distance, minima, saddles, seconds = future.result()
            self.run_done.emit(
                RunAnswer(
                    request=request,
                    experiment=experiment,
                    result=result,
                    distance=distance,
                    minima=minima,
                    saddles=saddles,
                    seconds=seconds,
                    finished_at=time.perf_counter(),
                )
            )

    def _deliver_grid(self, request: int, _unused, future) -> None:
        if self.stopping or request != self.latest_grid:
            return
        error = _error(future)
        if error is not None and error != "cancelled":
            self.failed.emit(request, "grid", error)
        elif error is None:
            self.grid_done.emit(request, future.result())

    def stop(self, timeout_ms: int = 3000) -> bool:
        """Ask the engine to give up and wait for it to end. True if it ended."""
        if self.stopping:
            return True
        self.stopping = True
        if self._shared is not None:  # else no engine was started
            self._shared.value = -1
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        return True


def _error(future: futures.Future) -> str | None:
    """None if the future has a result; "cancelled"; or a message for the user."""
    from concurrent import futures

    from optviz.engine.runner import Cancelled
    from optviz.ui.i18n import error_text  # here: the engine process need not import QtWidgets

    if future.cancelled():
        return "cancelled"
    error = future.exception()
    if error is None:
        return None
    if isinstance(error, Cancelled):
        return "cancelled"
    if isinstance(error, OptvizError):
        return error_text(error)  # it crossed from the engine process pickled, fields and all
    if isinstance(error, futures.BrokenExecutor):
        return QCoreApplication.translate(
            "Worker", "the engine process stopped unexpectedly; the next change starts a new one"
        )
    text = QCoreApplication.translate("Worker", "internal error: {kind}: {error}")
    return text.format(kind=type(error).__name__, error=error)

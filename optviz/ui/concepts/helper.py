"""The helper process of the concept views and the views drawn from its answers.

Heavy work (a learning-rate sweep, a 40,000-start basin map) runs in a helper process, as
in `optviz.ui.worker`: in a thread of this process its many small NumPy calls would hold
the GIL that the GUI thread needs to paint. The functions submitted are the engine's own
module-level functions (`concepts.lr_sweep`, `concepts.basins`, `grid.compute_grid`), so
the helper process never imports Qt.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
import os

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget
from superqt.utils import qdebounced

from optviz.engine import concepts
from optviz.engine.errors import OptvizError
from optviz.ui.i18n import error_text


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
    failed = Signal(object)  # the exception: failure_text(error) says it to the user
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
        else:
            self.failed.emit(error)


def failure_text(error: BaseException) -> str:
    """Why a computation of the helper process failed, in the installed language."""
    if isinstance(error, OptvizError):
        return error_text(error)
    if isinstance(error, futures.BrokenExecutor):
        return QCoreApplication.translate(
            "BackgroundJob", "the helper process stopped unexpectedly; change a setting to retry"
        )
    return QCoreApplication.translate("BackgroundJob", "internal error: {kind}: {error}").format(
        kind=type(error).__name__, error=error
    )


class ComputedView(QWidget):
    """A concept view drawn from an answer of the helper process (the sweep, the basin map).

    An edit calls `self._debounced()`: `delay_ms` after the last one `compute()` runs, but
    only while the view is shown (the helper process is not started for a tab nobody looks
    at); a view edited while hidden computes when it is shown. A subclass asks `self.job`
    in `request()`, computes the same in this thread in `compute_here()` (`optviz export`),
    and draws what comes back in `_show(answer)`, `_failed(error)` and `_busy(busy)`.
    """

    def __init__(self, job: BackgroundJob, delay_ms: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.job = job
        self.job.finished.connect(self._show)
        self.job.failed.connect(self._failed)
        self.job.busy_changed.connect(self._busy)
        self._debounced = qdebounced(self.compute, timeout=delay_ms)
        self._stale = True  # settings changed while hidden: compute when shown

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._debounced()

    def compute(self) -> None:
        """Ask the helper process for the figure of what the controls show, if shown."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.request()

    def compute_now(self) -> None:
        """Compute in this thread and draw it (`optviz export`): the engine call `compute`
        hands to the helper process, so the same numbers. ExperimentError if it cannot."""
        self._debounced.cancel()  # this answer replaces one still waiting for its turn
        self._stale = False
        self.compute_here()

    def request(self) -> None:
        raise NotImplementedError

    def compute_here(self) -> None:
        raise NotImplementedError

    def _show(self, answer) -> None:
        raise NotImplementedError

    def _failed(self, error: BaseException) -> None:
        raise NotImplementedError

    def _busy(self, busy: bool) -> None:
        raise NotImplementedError

"""Runs a training race off the GUI thread and hands its progress to the GUI by signal.

The race runs in a spawned helper process (`training_process.race_loop`). A reader thread
moves its messages from the pipe into a deque; a QTimer on the GUI thread empties the
deque 20 times a second and emits what arrived, merged into one `Chunk`, so the views
redraw at most that often whatever the step rate. The GUI thread never reads the pipe
itself: a message is written in pieces, and reading one whose rest the (busy, lower
priority) helper has not written yet blocked the event loop for 40 ms (measured). Pause,
resume, stop and the selected optimizer are shared flags the race reads between
iterations.

While a race runs, Python's automatic garbage collection is paused and only the young
generations are collected, at each delivery: a full collection of a GUI's heap took 80 ms
(measured), a stall the user would see in the live curves. It resumes when the race ends.

When the race is over the helper stays, holding the trained networks, so that a loss
landscape can be computed where the weights are (`request_landscape`; also while
paused). It goes when a new race starts, on `discard()` and on `shutdown()`.

``OPTVIZ_ENGINE=thread`` runs the race on a thread of this process instead (measured:
longer stalls and a slower race, see benchmarks/bench_training.py; kept for debugging).
"""

from __future__ import annotations

import collections
import gc
import multiprocessing
import os
import queue
import threading
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from optviz.ui.i18n import error_text
from optviz.ui.training_process import (
    CHILD_ENV,
    Chunk,
    Control,
    LandscapeRequest,
    TrainingJob,
    child_main,
    race_loop,
)

POLL_MS = 50  # 20 deliveries a second: smooth enough, and leaves the CPU to the race
LAST_MESSAGES = ("error",)  # after it the helper ends; after "done" it stays
LANDSCAPE_ENDS = ("landscape", "landscape_cancelled", "landscape_error")
READ_TIMEOUT = 0.05  # s; how often the reader thread looks at its stop flag


class TrainingRunner(QObject):
    """Owns one race at a time. States: "idle", "starting", "running", "paused", "stopping".

    Signals: `ready(Ready)`, `progress(Chunk)`, `paused(iteration)`, `resumed(iteration)`,
    `finished(results, how)` with the `Race.result()` dicts and how "finished"/"stopped",
    `failed(message)`, `state_changed(state)`.

    Loss landscape: `landscape_progress(rows_done, n_rows)`, then one of
    `landscape_ready(LossLandscape, SurfaceGrid)`, `landscape_cancelled()`,
    `landscape_failed(message)`; `landscape_available(bool)` when `can_compute_landscape`
    changes.
    """

    ready = Signal(object)
    progress = Signal(object)
    paused = Signal(int)
    resumed = Signal(int)
    finished = Signal(object, str)
    failed = Signal(str)
    state_changed = Signal(str)
    landscape_progress = Signal(int, int)
    landscape_ready = Signal(object, object)
    landscape_cancelled = Signal()
    landscape_failed = Signal(str)
    landscape_available = Signal(bool)

    def __init__(self, parent: QObject | None = None, mode: str | None = None):
        super().__init__(parent)
        self.mode = mode or os.environ.get("OPTVIZ_ENGINE", "process")
        self.state = "idle"
        self._worker: Any = None  # multiprocessing.Process or threading.Thread
        self._control: Control | None = None
        self._reader: _Reader | None = None
        self._retired: list[Any] = []  # workers that sent their last message, still exiting
        self._race_over = False  # the worker sent "done" and stays for landscapes
        self._landscape_busy = False
        self._available = False
        self._gc_paused = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        app = QCoreApplication.instance()
        if app is not None:  # never leave a race running at exit
            app.aboutToQuit.connect(self.shutdown)

    # --- control --------------------------------------------------------------------------

    @property
    def is_active(self) -> bool:
        """A race is starting, running, paused or stopping."""
        return self.state != "idle"

    @property
    def can_compute_landscape(self) -> bool:
        """A helper holds networks (the race is paused or over) and computes nothing."""
        return (
            self._worker is not None
            and not self._landscape_busy
            and (self._race_over or self.state == "paused")
        )

    def start(self, job: TrainingJob, selected: int = 0) -> None:
        if self.is_active:
            raise RuntimeError("a race is already running")
        self.discard()
        if self.mode == "thread":
            messages: Any = queue.Queue()
            self._control = Control()
            self._worker = threading.Thread(
                target=race_loop,
                args=(job, messages, self._control),
                name="optviz-training",
                daemon=True,
            )
        else:
            context = multiprocessing.get_context("spawn")
            messages = context.Queue()
            self._control = Control(context)
            self._worker = context.Process(
                target=child_main,
                args=(job, messages, self._control),
                name="optviz-training",
                daemon=True,  # never outlives this process
            )
        self._control.selected.value = selected
        if self.mode == "thread":
            self._worker.start()
        else:
            with _environment(CHILD_ENV):  # read by the child's NumPy when it starts
                self._worker.start()
        self._reader = _Reader(messages)
        self._set_state("starting")
        self._pause_gc()
        self._timer.start()

    def pause(self) -> None:
        if self.state in ("starting", "running") and self._control is not None:
            self._control.pause.set()

    def resume(self) -> None:
        if self._control is not None and self.state in ("starting", "running", "paused"):
            self._control.pause.clear()

    def stop(self) -> None:
        """Ask the race to end; `finished(results, "stopped")` follows within milliseconds."""
        if self._control is not None and self.is_active:
            self._control.stop.set()
            self._control.pause.clear()
            self._set_state("stopping")

    def request_landscape(self, request: LandscapeRequest) -> bool:
        """Ask the helper for a loss landscape; False if it cannot compute one now."""
        if not self.can_compute_landscape:
            return False
        self._control.cancel.clear()
        self._control.requests.put(request)
        self._landscape_busy = True
        self._update_available()
        return True

    def cancel_landscape(self) -> None:
        """`landscape_cancelled()` follows within a grid point (milliseconds)."""
        if self._landscape_busy and self._control is not None:
            self._control.cancel.set()

    def discard(self) -> None:
        """Let the helper of a finished race go, and its networks with it."""
        if self._worker is None or not self._race_over:
            return
        self._control.quit.set()
        self._control.cancel.set()
        self._retired.append(self._worker)
        self._release()

    def set_selected(self, index: int) -> None:
        """Whose first-layer weights and predictions to send."""
        if self._control is not None:
            self._control.selected.value = int(index)

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop any race and wait up to `timeout_ms` for it to end; no signals follow.

        True if it ended on its own (a helper process that did not is terminated)."""
        self._timer.stop()
        deadline = time.monotonic() + timeout_ms / 1000
        ended = True
        if self._worker is not None:
            if self._control is not None:
                self._control.stop.set()
                self._control.quit.set()
                self._control.cancel.set()
                self._control.pause.clear()
            # The reader keeps emptying the pipe meanwhile: a child blocks at exit until
            # its last messages are read.
            self._worker.join(max(0.0, deadline - time.monotonic()))
            if self._worker.is_alive():
                ended = False
                self._retired.append(self._worker)
            self._release()
        for worker in self._retired:
            worker.join(max(0.0, deadline - time.monotonic()))
            if worker.is_alive():
                ended = False
                if isinstance(worker, multiprocessing.process.BaseProcess):
                    worker.terminate()  # stuck: do not let it hold up the exit
                    worker.join(1.0)
        self._retired = []
        self._set_state("idle")
        return ended

    # --- delivery -------------------------------------------------------------------------

    def _poll(self) -> None:
        chunks: list[Chunk] = []
        reader = self._reader
        while reader is not None and reader.inbox:
            kind, payload = reader.inbox.popleft()
            if kind == "progress":
                chunks.append(payload)
                continue
            if chunks:
                self.progress.emit(Chunk.merge(chunks))
                chunks = []
            self._handle(kind, payload)
            if self._reader is not reader:  # that was the last message
                break
        if chunks:
            self.progress.emit(Chunk.merge(chunks))
        if self._gc_paused:
            gc.collect(1)  # the young objects of this delivery: well under a millisecond
        self._retired = [w for w in self._retired if w.is_alive()]
        worker = self._worker
        if worker is not None and not worker.is_alive() and self._reader.drained():
            code = getattr(worker, "exitcode", None)
            message = self.tr("the training process stopped unexpectedly (exit code {code})")
            message = message.format(code=code)
            race_over, busy = self._race_over, self._landscape_busy
            self._release()
            self._set_state("idle")
            if not race_over:
                self.failed.emit(message)
            elif busy:
                self.landscape_failed.emit(message)
        elif worker is None and not self._retired:
            self._timer.stop()

    def _handle(self, kind: str, payload: Any) -> None:
        if kind == "ready":
            if self.state == "starting":
                self._set_state("running")
            self.ready.emit(payload)
        elif kind == "paused":
            if self.state != "stopping":
                self._set_state("paused")
            self.paused.emit(int(payload))
        elif kind == "resumed":
            if self.state != "stopping":
                self._set_state("running")
            self.resumed.emit(int(payload))
        elif kind == "done":
            # The worker stays with its networks until `discard()`; a new race may start
            # right away (and discards it).
            self._race_over = True
            self._resume_gc()
            self._set_state("idle")
            self._update_available()
            results, how = payload
            self.finished.emit(results, how)
        elif kind in LAST_MESSAGES:
            # The worker ends by itself now; it is joined later, off the GUI's way.
            self._retired.append(self._worker)
            self._release()
            self._set_state("idle")
            self.failed.emit(error_text(payload))
        elif kind == "landscape_progress":
            self.landscape_progress.emit(*payload)
        elif kind in LANDSCAPE_ENDS:
            self._landscape_busy = False
            self._update_available()
            if kind == "landscape":
                self.landscape_ready.emit(*payload)
            elif kind == "landscape_cancelled":
                self.landscape_cancelled.emit()
            else:
                self.landscape_failed.emit(error_text(payload))

    def _release(self) -> None:
        """Forget the current worker (the caller has joined or retired it)."""
        self._resume_gc()
        self._worker = None
        if self._reader is not None:
            self._reader.close()
        self._reader = None
        self._control = None
        self._race_over = False
        self._landscape_busy = False
        self._update_available()

    def _update_available(self) -> None:
        available = self.can_compute_landscape
        if available != self._available:
            self._available = available
            self.landscape_available.emit(available)

    def _pause_gc(self) -> None:
        if not self._gc_paused and gc.isenabled():
            gc.disable()
            self._gc_paused = True

    def _resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)
            self._update_available()


class _Reader:
    """A daemon thread that moves messages from a queue into `inbox` (a deque, which the
    GUI thread can empty without ever waiting), until the last message or `close()`."""

    def __init__(self, messages: Any):
        self.messages = messages
        self.inbox: collections.deque = collections.deque()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="optviz-training-reader")
        self._thread.daemon = True
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                message = self.messages.get(timeout=READ_TIMEOUT)
            except queue.Empty:
                continue
            except (OSError, EOFError, ValueError):  # the queue closed under us
                return
            self.inbox.append(message)
            if message[0] in LAST_MESSAGES:
                return

    def drained(self) -> bool:
        """Nothing left to read or to deliver (the worker has ended)."""
        return not self.inbox and (not self._thread.is_alive() or _empty(self.messages))

    def close(self) -> None:
        self._stop.set()
        if hasattr(self.messages, "cancel_join_thread"):  # a multiprocessing queue
            # The thread notices the flag within READ_TIMEOUT; the pipe is closed by the
            # queue's finalizer once nobody holds it, never under a reading thread.
            self.messages.cancel_join_thread()


def _empty(messages: Any) -> bool:
    try:
        return messages.empty()
    except (OSError, ValueError):
        return True


class _environment:
    """Set environment variables for the duration of a `with` block (a child inherits them)."""

    def __init__(self, values: dict[str, str]):
        self.values = values
        self.saved: dict[str, str | None] = {}

    def __enter__(self) -> None:
        for key, value in self.values.items():
            self.saved[key] = os.environ.get(key)
            os.environ[key] = value

    def __exit__(self, *_exc) -> None:
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

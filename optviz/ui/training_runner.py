"""Runs a training race off the GUI thread and hands its progress to the GUI by signal.

The race runs in a spawned helper process (`training_process.race_loop`); a QTimer on the
GUI thread drains its queue about 30 times a second and emits what arrived, merged into
one `Chunk`, so the views redraw at most that often whatever the step rate. Pause, resume,
stop and the selected optimizer are shared flags the race reads between iterations.
``OPTVIZ_ENGINE=thread`` runs the race on a thread of this process instead (measured:
GUI stalls, see benchmarks/bench_training.py; kept for debugging).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from optviz.ui.training_process import (
    CHILD_ENV,
    Chunk,
    Control,
    TrainingJob,
    child_main,
    race_loop,
)

POLL_MS = 33  # ~30 deliveries a second
POLL_BUDGET = 0.010  # s of unpickling per poll at most; the rest waits for the next one


class TrainingRunner(QObject):
    """Owns one race at a time. States: "idle", "starting", "running", "paused", "stopping".

    Signals: `ready(Ready)`, `progress(Chunk)`, `paused(iteration)`, `resumed(iteration)`,
    `finished(results, how)` with the `Race.result()` dicts and how "finished"/"stopped",
    `failed(message)`, `state_changed(state)`.
    """

    ready = Signal(object)
    progress = Signal(object)
    paused = Signal(int)
    resumed = Signal(int)
    finished = Signal(object, str)
    failed = Signal(str)
    state_changed = Signal(str)

    def __init__(self, parent: QObject | None = None, mode: str | None = None):
        super().__init__(parent)
        self.mode = mode or os.environ.get("OPTVIZ_ENGINE", "process")
        self.state = "idle"
        self._worker: Any = None  # multiprocessing.Process or threading.Thread
        self._messages: Any = None
        self._control: Control | None = None
        self._retired: list[Any] = []  # workers that sent their last message, still exiting
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

    def start(self, job: TrainingJob, selected: int = 0) -> None:
        if self.is_active:
            raise RuntimeError("a race is already running")
        if self.mode == "thread":
            self._messages = queue.Queue()
            self._control = Control()
            self._control.selected.value = selected
            self._worker = threading.Thread(
                target=race_loop,
                args=(job, self._messages, self._control),
                name="optviz-training",
                daemon=True,
            )
            self._worker.start()
        else:
            context = multiprocessing.get_context("spawn")
            self._messages = context.Queue()
            self._control = Control(context)
            self._control.selected.value = selected
            self._worker = context.Process(
                target=child_main,
                args=(job, self._messages, self._control),
                name="optviz-training",
                daemon=True,  # never outlives this process
            )
            with _environment(CHILD_ENV):  # read by the child's NumPy when it starts
                self._worker.start()
        self._set_state("starting")
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
                self._control.pause.clear()
            while self._worker.is_alive():
                self._drain()  # a child blocks at exit until its queue is read
                if time.monotonic() >= deadline:
                    ended = False
                    break
                self._worker.join(0.01)
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
        deadline = time.perf_counter() + POLL_BUDGET
        chunks: list[Chunk] = []
        while time.perf_counter() < deadline:
            try:
                kind, payload = self._messages.get_nowait()
            except queue.Empty:
                break
            except (OSError, EOFError, ValueError):  # the queue broke with its process
                break
            if kind == "progress":
                chunks.append(payload)
                continue
            if chunks:
                self.progress.emit(Chunk.merge(chunks))
                chunks = []
            self._handle(kind, payload)
            if self._worker is None:  # that was the last message
                break
        if chunks:
            self.progress.emit(Chunk.merge(chunks))
        self._retired = [w for w in self._retired if w.is_alive()]
        worker = self._worker
        if worker is not None and not worker.is_alive() and self._messages_empty():
            code = getattr(worker, "exitcode", None)
            self._release()
            self._set_state("idle")
            self.failed.emit(f"the training process stopped unexpectedly (exit code {code})")
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
        elif kind in ("done", "error"):
            # The last message: the worker ends by itself; it is joined later, off the GUI's
            # way, and a new race may start right away.
            self._retired.append(self._worker)
            self._release()
            self._set_state("idle")
            if kind == "done":
                results, how = payload
                self.finished.emit(results, how)
            else:
                self.failed.emit(str(payload))

    def _messages_empty(self) -> bool:
        try:
            return self._messages.empty()
        except (OSError, ValueError):
            return True

    def _drain(self) -> None:
        try:
            while True:
                self._messages.get_nowait()
        except (queue.Empty, OSError, EOFError, ValueError):
            pass

    def _release(self) -> None:
        """Forget the current worker (the caller has joined or retired it)."""
        self._worker = None
        if self._messages is not None and hasattr(self._messages, "cancel_join_thread"):
            self._messages.close()
            self._messages.cancel_join_thread()
        self._messages = None
        self._control = None

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)


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

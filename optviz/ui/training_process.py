"""The training race off the GUI: `race_loop` drives `Race.steps()` and posts progress.

No Qt in this module: it is what the helper process imports (``spawn`` starts a fresh
interpreter, so everything it runs must be importable: no lambdas, no closures).

Why a process and not a thread: the race makes many small NumPy calls (element-wise
updates, biases, ReLU masks) that hold the GIL; on a thread of the GUI process they made
the event loop stall longer and more often (see benchmarks/bench_training.py). In its own
process the race shares nothing with the GUI but a queue and three flags, and runs with
one BLAS thread at a lower priority without touching the GUI's.

Progress goes out in batches (`Chunk`, built by training_chunks.ChunkBuilder), at most ~20
a second whatever the step rate; first-layer weights and the sample predictions of the
selected optimizer at most ~10 a second. training_messages lists every message the helper
posts and the `Control` flags it obeys.

After "done" the helper stays, holding the trained networks and their weight snapshots,
until `Control.quit` is set (a new race, the tab discards it, the application closes) or
the GUI process is gone. Then and while paused it answers `LandscapeRequest`s from
`Control.requests`: progress after each row of the grid, then the landscape, or
"landscape_cancelled" (`Control.cancel`, resume, stop or quit), or the error. The contours
and the coloured heatmap are computed here too: the GUI only draws.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import queue
import time
from dataclasses import replace
from typing import Any

import numpy as np

from optviz.engine.datasets import load_dataset
from optviz.engine.errors import OptvizError
from optviz.engine.grid import sampled_grid
from optviz.engine.landscape import LandscapeCancelled, landscape_of_race
from optviz.engine.training import Race, TrainingConfig
from optviz.ui.training_chunks import GAP, ChunkBuilder, sample_rows
from optviz.ui.training_messages import Chunk, Control, LandscapeRequest, Ready, TrainingJob

# What the GUI modules import from here (the messages live in training_messages).
__all__ = [
    "CHILD_ENV",
    "GAP",
    "Chunk",
    "Control",
    "LandscapeRequest",
    "Ready",
    "TrainingJob",
    "child_main",
    "race_loop",
]

PARENT_CHECK_INTERVAL = 0.5  # s; a child whose GUI died stops on its own
CHILD_NICE = 5  # see child_main
LANDSCAPE_LEVELS = 16  # contour levels of a loss landscape, evenly spaced in log10(loss)
LANDSCAPE_SMOOTH = 8  # the heatmap is interpolated this much finer than the grid
REQUEST_POLL = 0.05  # s; how often an idle helper looks for requests and the quit flag
# BLAS threads of the helper: small matrices gain nothing from threads, and on a two-core
# machine a second BLAS thread takes the GUI's core (measured 7× slower steps with two).
CHILD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _prepare(job: TrainingJob) -> tuple[Race, Ready, np.ndarray]:
    config = TrainingConfig.from_dict(job.training)
    dataset = load_dataset(config.dataset, folder=job.folder)
    race = Race(config, job.optimizers, dataset, record_snapshots=job.record_snapshots)
    rows = sample_rows(dataset.y_test)
    sample_x = dataset.x_test[rows]
    ready = Ready(
        labels=tuple(race.labels),
        total=race.total,
        iterations_per_epoch=race.iterations_per_epoch,
        eval_every=config.eval_every,
        n_train=len(race.x_train),
        n_test=len(dataset.x_test),
        layer_sizes=(dataset.n_features, *config.hidden, dataset.n_classes),
        sample_images=sample_x.reshape(len(rows), *dataset.image_shape),
        sample_labels=dataset.y_test[rows],
        class_names=dataset.class_names,
        initial_accuracy=np.full(race.n_optimizers, np.nan),
        source=dataset.source,
    )
    return race, ready, sample_x


def _internal_error(error: Exception) -> OptvizError:
    """A bug, reported rather than dying silently (as text: the error may not pickle)."""
    return OptvizError.of(
        "internal error: {kind}: {error}", kind=type(error).__name__, error=str(error)
    )


def race_loop(job: TrainingJob, messages: Any, control: Control) -> None:
    """Run the race of `job`, posting messages (see training_messages) to `messages`
    (a queue); between iterations obey `control`. Never raises: errors become messages."""
    try:
        race, ready, sample_x = _prepare(job)
    except OptvizError as error:
        messages.put(("error", error))
        return
    except MemoryError:
        messages.put(("error", OptvizError.of("not enough memory for this data set and network")))
        return
    except Exception as error:  # a bug: report it rather than die silently
        messages.put(("error", _internal_error(error)))
        return
    parent = multiprocessing.parent_process()  # None on a thread
    next_parent_check = time.perf_counter() + PARENT_CHECK_INTERVAL
    builder = ChunkBuilder(race, sample_x)
    how = "finished"
    steps = race.steps()
    try:
        first = next(steps)  # evaluates the initial weights, then runs iteration 1
        initial = np.array([history[0][1] for history in race.test_accuracy])
        messages.put(("ready", replace(ready, initial_accuracy=initial)))
        for report in itertools.chain([first], steps):
            builder.add(report)
            if control.stop.is_set():
                how = "stopped"
                break
            now = time.perf_counter()
            if builder.due(now, control.selected.value):
                messages.put(("progress", builder.flush(now, control.selected.value)))
            if control.pause.is_set():
                if not _pause(race, builder, messages, control):
                    how = "stopped"
                    break
            if parent is not None and now >= next_parent_check:
                next_parent_check = now + PARENT_CHECK_INTERVAL
                if not parent.is_alive():
                    return  # the GUI is gone: nobody to report to
    except Exception as error:
        messages.put(("error", _internal_error(error)))
        return
    finally:
        steps.close()
    now = time.perf_counter()
    messages.put(("progress", builder.flush(now, control.selected.value, pictures=True)))
    results = race.result()
    if how == "stopped":
        for result in results:
            if result["status"] == "running":
                result["status"] = "stopped"
    messages.put(("done", (results, how)))
    _serve(race, messages, control)


def _serve(race: Race, messages: Any, control: Control) -> None:
    """After the race: answer landscape requests until told to quit or the GUI is gone."""
    parent = multiprocessing.parent_process()
    while not control.quit.is_set():
        if parent is not None and not parent.is_alive():
            return
        try:
            request = control.requests.get(timeout=REQUEST_POLL)
        except queue.Empty:
            continue
        except (OSError, EOFError, ValueError):  # the GUI closed the queue
            return
        _answer(race, request, messages, control, paused=False)
    if hasattr(messages, "cancel_join_thread"):
        # Nobody reads any more: do not wait at exit for the pipe to take the last message.
        messages.cancel_join_thread()


def _answer_waiting(race: Race, messages: Any, control: Control) -> None:
    """While paused: answer a landscape request if one is waiting."""
    try:
        request = control.requests.get_nowait()
    except queue.Empty:
        return
    except (OSError, EOFError, ValueError):
        return
    _answer(race, request, messages, control, paused=True)


def _answer(
    race: Race, request: LandscapeRequest, messages: Any, control: Control, paused: bool
) -> None:
    """Compute the requested landscape, posting progress, then the result or why not."""
    parent = multiprocessing.parent_process()

    def should_stop() -> bool:
        return (
            control.cancel.is_set()
            or control.quit.is_set()
            or (paused and (control.stop.is_set() or not control.pause.is_set()))
            or (parent is not None and not parent.is_alive())
        )

    def progress(done: int, total: int) -> None:
        messages.put(("landscape_progress", (done, total)))

    try:
        landscape = landscape_of_race(
            race,
            center=min(max(request.center, 0), race.n_optimizers - 1),
            method=request.method,
            resolution=request.resolution,
            n_examples=request.n_examples,
            seed=race.config.seed,
            progress=progress,
            should_stop=should_stop,
        )
        grid = sampled_grid(
            landscape.alphas,
            landscape.betas,
            landscape.loss,
            log_scale=True,
            z_min=0.0,  # log10(loss) itself: comparable between centres and methods
            n_levels=LANDSCAPE_LEVELS,
            lut=request.lut,
            smooth=LANDSCAPE_SMOOTH,
        )
    except LandscapeCancelled:
        messages.put(("landscape_cancelled", None))
    except OptvizError as error:
        messages.put(("landscape_error", error))
    except MemoryError:
        messages.put(
            ("landscape_error", OptvizError.of("not enough memory for this loss landscape"))
        )
    except Exception as error:  # a bug: report it rather than die silently
        messages.put(("landscape_error", _internal_error(error)))
    else:
        messages.put(("landscape", (landscape, grid)))


def _pause(race: Race, builder: ChunkBuilder, messages: Any, control: Control) -> bool:
    """Wait while paused (still answering a change of the selected optimizer).
    False if stopped meanwhile."""
    builder.pause_clock()
    selected = control.selected.value
    messages.put(("progress", builder.flush(time.perf_counter(), selected, pictures=True)))
    messages.put(("paused", race.iteration))
    while control.pause.is_set() and not control.stop.is_set():
        control.stop.wait(0.02)
        if control.selected.value != selected:
            selected = control.selected.value
            messages.put(("progress", builder.flush(time.perf_counter(), selected)))
        _answer_waiting(race, messages, control)
    builder.resume_clock()
    if control.stop.is_set():
        return False
    messages.put(("resumed", race.iteration))
    return True


def child_main(job: TrainingJob, messages: Any, control: Control) -> None:
    """Entry point of the helper process."""
    if hasattr(os, "nice"):
        try:
            # A little below the GUI, as the surface engine: the GUI wins a contested CPU.
            # Not lower: at nice 10 a busy GUI slowed the race by 15–30 % (measured).
            os.nice(CHILD_NICE)
        except OSError:
            pass
    race_loop(job, messages, control)

"""The training race off the GUI: `race_loop` drives `Race.steps()` and posts progress.

No Qt in this module: it is what the helper process imports (``spawn`` starts a fresh
interpreter, so everything it runs must be importable: no lambdas, no closures).

Why a process and not a thread: the race makes many small NumPy calls (element-wise
updates, biases, ReLU masks) that hold the GIL; on a thread of the GUI process they made
the event loop stall longer and more often (see benchmarks/bench_training.py). In its own
process the race shares nothing with the GUI but a queue and three flags, and runs with
one BLAS thread at a lower priority without touching the GUI's.

Progress goes out in batches (`Chunk`), at most ~20 a second whatever the step rate;
first-layer weights and the sample predictions of the selected optimizer at most ~10 a
second. Messages are ``(kind, payload)`` tuples:
``("ready", Ready)``, ``("progress", Chunk)``, ``("paused", iteration)``,
``("resumed", iteration)``, ``("done", (results, how))`` with how "finished" or
"stopped", and ``("error", OptvizError)``: the error itself, pickled with its template
and fields, for the GUI to show in its language (`i18n.error_text`).

After "done" the helper stays, holding the trained networks and their weight snapshots,
until `Control.quit` is set (a new race, the tab discards it, the application closes) or
the GUI process is gone. Then and while paused it answers `LandscapeRequest`s from
`Control.requests` with ``("landscape_progress", (rows_done, n_rows))`` after each row of
the grid, then ``("landscape", (LossLandscape, SurfaceGrid))``,
``("landscape_cancelled", None)`` (`Control.cancel`, resume, stop or quit) or
``("landscape_error", OptvizError)``. The contours and the coloured heatmap are computed here
too: the GUI only draws.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import os
import queue
import threading
import time
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from optviz.engine.datasets import load_dataset
from optviz.engine.errors import OptvizError
from optviz.engine.grid import sampled_grid
from optviz.engine.landscape import N_EXAMPLES, LandscapeCancelled, landscape_of_race
from optviz.engine.training import Race, RaceProgress, TrainingConfig

SEND_INTERVAL = 1 / 20  # s between progress messages (the GUI draws at most that often)
PICTURE_INTERVAL = 0.1  # s between weight mosaics (and sample predictions)
PARENT_CHECK_INTERVAL = 0.5  # s; a child whose GUI died stops on its own
N_SAMPLES = 8  # test images shown with their predicted labels
MAX_TILES = 100  # first-layer units drawn as tiles
GAP = 255  # mosaic value between tiles; weights are 0..254, 127 = zero
CHILD_NICE = 5  # see child_main
LANDSCAPE_LEVELS = 16  # contour levels of a loss landscape, evenly spaced in log10(loss)
LANDSCAPE_SMOOTH = 8  # the heatmap is interpolated this much finer than the grid
REQUEST_POLL = 0.05  # s; how often an idle helper looks for requests and the quit flag
# BLAS threads of the helper: small matrices gain nothing from threads, and on a two-core
# machine a second BLAS thread takes the GUI's core (measured 7× slower steps with two).
CHILD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass(frozen=True)
class TrainingJob:
    """What the helper needs: the experiment's "training" section, the enabled optimizer
    entries, and the folder holding the IDX files (None: ``data_dir()/<name>``)."""

    training: dict[str, Any]
    optimizers: tuple[dict[str, Any], ...]
    folder: str | None = None
    record_snapshots: bool = True  # weight snapshots for the loss landscape


@dataclass(frozen=True)
class LandscapeRequest:
    """A loss landscape around optimizer `center`'s weights (index among the racing ones);
    method "pca" or "random"; lut: (n, 3) uint8 heatmap colours, low values first."""

    center: int
    method: str = "pca"
    resolution: int = 31
    n_examples: int = N_EXAMPLES
    lut: np.ndarray | None = None


@dataclass(frozen=True)
class Ready:
    """Sent once, after the data set is loaded and the networks are built."""

    labels: tuple[str, ...]
    total: int  # iterations
    iterations_per_epoch: int
    eval_every: int
    n_train: int
    n_test: int
    layer_sizes: tuple[int, ...]
    sample_images: np.ndarray  # (N_SAMPLES, h, w) float32 in [0, 1]
    sample_labels: np.ndarray  # (N_SAMPLES,) int64
    class_names: tuple[str, ...]
    initial_accuracy: np.ndarray  # (K,) test accuracy of the shared initial weights
    source: str


@dataclass(frozen=True)
class Chunk:
    """Progress since the previous chunk; K optimizers, n iterations, m evaluations."""

    iterations: np.ndarray  # (n,) int64
    loss: np.ndarray  # (n, K) mini-batch loss; NaN once an optimizer has stopped
    smooth_loss: np.ndarray  # (n, K) debiased exponential moving average of the loss
    lr: np.ndarray  # (n, K)
    evaluations: np.ndarray  # (m,) int64 iterations with a test accuracy
    accuracy: np.ndarray  # (m, K)
    epoch: int
    status: tuple[str, ...]
    stopped_at: tuple[int | None, ...]
    active_seconds: float  # wall time spent training so far, pauses excluded
    selected: int = 0  # whose weights and predictions these are
    weights: np.ndarray | None = None  # (H, W) uint8 mosaic, see `weight_mosaic`
    predictions: np.ndarray | None = None  # (N_SAMPLES,) int64

    @property
    def iteration(self) -> int:
        return int(self.iterations[-1]) if len(self.iterations) else 0

    @staticmethod
    def merge(chunks: list[Chunk]) -> Chunk:
        """One chunk for several in a row (the newest pictures and status win)."""
        if len(chunks) == 1:
            return chunks[0]
        last = chunks[-1]
        pictured = [c for c in chunks if c.weights is not None]
        picture = pictured[-1] if pictured else last
        return Chunk(
            iterations=np.concatenate([c.iterations for c in chunks]),
            loss=np.concatenate([c.loss for c in chunks]),
            smooth_loss=np.concatenate([c.smooth_loss for c in chunks]),
            lr=np.concatenate([c.lr for c in chunks]),
            evaluations=np.concatenate([c.evaluations for c in chunks]),
            accuracy=np.concatenate([c.accuracy for c in chunks]),
            epoch=last.epoch,
            status=last.status,
            stopped_at=last.stopped_at,
            active_seconds=last.active_seconds,
            selected=picture.selected,
            weights=picture.weights,
            predictions=picture.predictions,
        )


class Control:
    """Flags the GUI sets and the race reads between iterations: stop, pause, selected;
    for the loss landscape a queue of `LandscapeRequest`s, cancel, and quit (the helper
    ends).

    With a multiprocessing context they are shared with a helper process; without one,
    plain threading objects for a race on a thread.
    """

    def __init__(self, context: Any = None):
        if context is None:
            self.stop = threading.Event()
            self.pause = threading.Event()
            self.cancel = threading.Event()
            self.quit = threading.Event()
            self.selected = _Number()
            self.requests: Any = queue.Queue()
        else:
            self.stop = context.Event()
            self.pause = context.Event()
            self.cancel = context.Event()
            self.quit = context.Event()
            self.selected = context.Value("i", 0, lock=False)
            self.requests = context.Queue()


class _Number:
    """Stands in for multiprocessing.Value on a thread."""

    value = 0


def smoothing_window(total: int) -> int:
    """Iterations the smoothed loss averages over: about 1/40 of the run, 5 to 100."""
    return max(5, min(100, total // 40))


def weight_mosaic(weights: np.ndarray, max_tiles: int = MAX_TILES) -> np.ndarray:
    """Weights (n, h, w) → one uint8 image of tiles in a near-square grid, 1 px apart.

    Each tile is scaled to its own spread (its pattern matters, not its size): ±3 standard
    deviations (or its largest |w| if smaller) span 0..254, 127 is zero; `GAP` (255) fills
    the space between tiles.
    """
    n = min(len(weights), max_tiles)
    h, w = weights.shape[1:]
    cols = math.ceil(math.sqrt(n)) if n else 1
    rows = math.ceil(n / cols) if n else 1
    out = np.full((rows * (h + 1) + 1, cols * (w + 1) + 1), GAP, dtype=np.uint8)
    tiles = np.nan_to_num(weights[:n].astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)
    flat = tiles.reshape(n, -1)
    scale = np.minimum(np.abs(flat).max(axis=1), 3 * flat.std(axis=1)) if n else np.ones(0)
    scale[scale == 0] = 1
    levels = np.rint((np.clip(tiles / scale[:, None, None], -1, 1) + 1) * 127).astype(np.uint8)
    for i in range(n):
        top, left = 1 + (i // cols) * (h + 1), 1 + (i % cols) * (w + 1)
        out[top : top + h, left : left + w] = levels[i]
    return out


def sample_rows(labels: np.ndarray, n: int = N_SAMPLES) -> np.ndarray:
    """Test rows to show: the first image of class 0, 1, … (then the next ones), n in all."""
    firsts = [int(np.flatnonzero(labels == c)[0]) for c in np.unique(labels)]
    rest = [i for i in range(len(labels)) if i not in set(firsts)]
    return np.array((firsts + rest)[:n], dtype=np.int64)


class _ChunkBuilder:
    """Collects RaceProgress reports into Chunks, with the smoothed loss."""

    def __init__(self, race: Race, sample_x: np.ndarray):
        self.race = race
        self.sample_x = sample_x
        k = race.n_optimizers
        self.beta = 1 - 1 / smoothing_window(race.total)
        self.average = np.zeros(k)
        self.count = 0
        self.epoch = 0
        self.reports: list[RaceProgress] = []
        self.smooth: list[np.ndarray] = []
        self.active_seconds = 0.0
        self.resumed_at = time.perf_counter()
        self.last_sent = self.last_picture = -math.inf
        self.pictured = -1  # optimizer of the last weights sent

    def add(self, report: RaceProgress) -> None:
        self.count += 1
        # Debiased EMA (as Adam's m̂): no drag towards the zero it starts from.
        with np.errstate(invalid="ignore", over="ignore"):
            self.average = self.beta * self.average + (1 - self.beta) * report.loss
        self.smooth.append(self.average / (1 - self.beta**self.count))
        self.reports.append(report)
        self.epoch = report.epoch

    def due(self, now: float, selected: int) -> bool:
        if not self.reports:
            return selected != self.pictured
        last = self.reports[-1]
        return (
            now - self.last_sent >= SEND_INTERVAL
            or last.test_accuracy is not None
            or selected != self.pictured
        )

    def pause_clock(self) -> None:
        self.active_seconds += time.perf_counter() - self.resumed_at

    def resume_clock(self) -> None:
        self.resumed_at = time.perf_counter()

    def flush(self, now: float, selected: int, pictures: bool = False) -> Chunk:
        race, k = self.race, self.race.n_optimizers
        reports, self.reports = self.reports, []
        smooth, self.smooth = self.smooth, []
        evaluated = [r for r in reports if r.test_accuracy is not None]
        selected = min(max(selected, 0), k - 1)
        weights = predictions = None
        if pictures or selected != self.pictured or now - self.last_picture >= PICTURE_INTERVAL:
            weights = weight_mosaic(race.first_layer_weights(selected))
            with np.errstate(all="ignore"):
                predictions = race.predict(selected, self.sample_x)
            self.last_picture, self.pictured = now, selected
        self.last_sent = now
        running = self.active_seconds + (now - self.resumed_at)
        return Chunk(
            iterations=np.array([r.iteration for r in reports], dtype=np.int64),
            loss=np.array([r.loss for r in reports]).reshape(-1, k),
            smooth_loss=np.array(smooth).reshape(-1, k),
            lr=np.array([r.lr for r in reports]).reshape(-1, k),
            evaluations=np.array([r.iteration for r in evaluated], dtype=np.int64),
            accuracy=np.array([r.test_accuracy for r in evaluated]).reshape(-1, k),
            epoch=self.epoch,
            status=tuple(race.status),
            stopped_at=tuple(race.stopped_at),
            active_seconds=running,
            selected=selected,
            weights=weights,
            predictions=predictions,
        )


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
    """Run the race of `job`, posting messages (see the module docstring) to `messages`
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
    builder = _ChunkBuilder(race, sample_x)
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


def _pause(race: Race, builder: _ChunkBuilder, messages: Any, control: Control) -> bool:
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

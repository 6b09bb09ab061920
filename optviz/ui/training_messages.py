"""What passes between the GUI and the training helper process (training_process.py).

The GUI sends a `TrainingJob` when the helper starts, sets the flags of `Control` and puts
`LandscapeRequest`s in its queue. The helper posts ``(kind, payload)`` tuples:
``("ready", Ready)``, ``("progress", Chunk)``, ``("paused", iteration)``,
``("resumed", iteration)``, ``("done", (results, how))`` with how "finished" or
"stopped", and ``("error", OptvizError)``: the error itself, pickled with its template
and fields, for the GUI to show in its language (`i18n.error_text`). For a landscape:
``("landscape_progress", (rows_done, n_rows))`` after each row of the grid, then
``("landscape", (LossLandscape, SurfaceGrid))``, ``("landscape_cancelled", None)`` or
``("landscape_error", OptvizError)``.

No Qt here: the helper imports this module, and unpickles these classes by their module path.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

from optviz.engine.landscape import N_EXAMPLES


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
    weights: np.ndarray | None = None  # (H, W) uint8, see training_chunks.weight_mosaic
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

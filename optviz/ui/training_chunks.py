"""Progress in batches: `ChunkBuilder` collects the race's reports into `Chunk` messages,
with the smoothed loss and, at most ~10 times a second, a mosaic of the selected optimizer's
first-layer weights and its predictions for a few test images.

No Qt here: it runs in the training helper process (training_process.py).
"""

from __future__ import annotations

import math
import time

import numpy as np

from optviz.engine.training import Race, RaceProgress
from optviz.ui.training_messages import Chunk

SEND_INTERVAL = 1 / 20  # s between progress messages (the GUI draws at most that often)
PICTURE_INTERVAL = 0.1  # s between weight mosaics (and sample predictions)
N_SAMPLES = 8  # test images shown with their predicted labels
MAX_TILES = 100  # first-layer units drawn as tiles
GAP = 255  # mosaic value between tiles; weights are 0..254, 127 = zero


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


class ChunkBuilder:
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

"""The training race: K optimizers train K copies of one MLP, headless, one step at a time.

Fair by construction: every optimizer starts from the same initial weights (one network
initialised from the seed, copied per optimizer) and sees the same mini-batches (one
seeded permutation of the training set per epoch, shared by all). An epoch has ⌈N/B⌉
iterations: when B does not divide N the last batch of the epoch is the smaller
remainder (like torch's DataLoader with ``drop_last=False``).

`Race.steps()` is a generator, so a GUI worker can pause or stop between iterations;
`run()` drives it to the end.

Numbering: iteration i (1..total) is the i-th update. ``loss[i − 1]`` is the mini-batch
loss measured during iteration i, before its update; the test accuracy at iteration i is
measured after it (iteration 0: the shared initial weights).
"""

from __future__ import annotations

import copy
import itertools
import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from optviz.engine.datasets import Dataset, load_dataset
from optviz.engine.errors import ExperimentError
from optviz.engine.landscape import flatten
from optviz.engine.mlp import MLP
from optviz.engine.optimizers import make_optimizer
from optviz.engine.training_config import TrainingConfig
from optviz.engine.training_specs import SPEC_META_KEYS, as_spec_dict

# Weight snapshots kept per optimizer for the loss landscape (see Race.trajectory): the
# default network's 110k float32 weights take 440 KB a snapshot.
MAX_SNAPSHOTS = 50


@dataclass(frozen=True)
class RaceProgress:
    """What one iteration produced; K = number of optimizers, NaN for finished ones."""

    iteration: int  # iterations done, 1..total
    total: int
    epoch: int  # the epoch this iteration's batch came from, from 0
    loss: np.ndarray  # (K,) mini-batch loss measured during this iteration
    lr: np.ndarray  # (K,) learning rate of this iteration's update
    test_accuracy: np.ndarray | None = None  # (K,) at evaluation iterations
    validation_loss: np.ndarray | None = None  # (K,) at evaluations, with a validation split
    status: tuple[str, ...] = ()  # per optimizer: "running", "diverged", "early_stopped"


def batch_order(n: int, batch_size: int | None, seed: int) -> Iterator[tuple[int, Any]]:
    """Endless (epoch, rows) pairs: a seeded permutation per epoch cut into batches.

    rows is an index array, or ``slice(None)`` when a batch is the whole set (no copy).
    """
    if batch_size is None or batch_size >= n:
        for epoch in itertools.count():
            yield epoch, slice(None)
    rng = np.random.default_rng([seed, 1])
    for epoch in itertools.count():
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            yield epoch, order[start : start + batch_size]


class Race:
    """K optimizers training K copies of one network on the same batches.

    optimizer_specs: dicts like ``{"name": "adam", "flavor": "torch", "label": "Adam",
    "lr": 0.001, "schedule": {...}}``; specs with ``"enabled": False`` are left out.
    Call `steps()` once and drive it; the other methods may be called between steps,
    from the same thread.

    record_snapshots: keep flat float32 copies of each network's weights (initial, every
    `eval_every` iterations, at most `max_snapshots`) for `trajectory` and the loss
    landscape; when full, every other one is dropped and the interval doubles.
    """

    def __init__(
        self,
        config: TrainingConfig,
        optimizer_specs: Sequence[dict[str, Any]],
        dataset: Dataset,
        record_snapshots: bool = False,
        max_snapshots: int = MAX_SNAPSHOTS,
    ):
        self.config = config
        self.dataset = dataset
        self.specs = [as_spec_dict(s) for s in optimizer_specs]
        self.specs = [s for s in self.specs if s.get("enabled", True)]
        if not self.specs:
            raise ExperimentError.of("{path}: enable at least one optimizer", path="optimizers")
        self._split(config.validation_fraction)
        n_train = len(self.x_train)
        batch = n_train if config.batch_size is None else min(config.batch_size, n_train)
        self.iterations_per_epoch = math.ceil(n_train / batch)
        self.total = (
            config.epochs * self.iterations_per_epoch if config.epochs else config.iterations
        )
        initial = MLP(
            dataset.n_features, config.hidden, dataset.n_classes, config.activation,
            config.init, config.weight_decay, config.seed,
        )  # fmt: skip
        self.nets: list[MLP] = []
        self.optimizers = []
        self.schedules = []
        self.labels: list[str] = []
        for k, spec in enumerate(self.specs):
            net = copy.deepcopy(initial)
            hyper = {key: v for key, v in spec.items() if key not in SPEC_META_KEYS}
            try:
                # One flat vector per network: the update is element-wise, so this is
                # the same arithmetic as per layer, with a tenth of the NumPy calls.
                optimizer = make_optimizer(
                    spec["name"], [net.flat], spec.get("flavor", "torch"), **hyper
                )
                schedule = _make_schedule(spec.get("schedule"), optimizer.lr)
            except (ExperimentError, KeyError) as error:
                raise ExperimentError.of(
                    "{path}: {error}", path=f"optimizers[{k}]", error=error
                ) from None
            self.nets.append(net)
            self.optimizers.append(optimizer)
            self.schedules.append(schedule)
            self.labels.append(spec.get("label") or _default_label(spec["name"], optimizer))
        n = len(self.specs)
        self.status = ["running"] * n
        self.stopped_at: list[int | None] = [None] * n
        self.losses: list[list[float]] = [[] for _ in range(n)]
        self.lrs: list[list[float]] = [[] for _ in range(n)]
        self.test_accuracy: list[list[list[float]]] = [[] for _ in range(n)]
        self.validation_loss: list[list[list[float]]] = [[] for _ in range(n)]
        self.seconds = np.zeros(n)
        self.iteration = 0
        self._best_validation = np.full(n, np.inf)
        self._evaluations_without_improvement = np.zeros(n, dtype=int)
        self._started = False
        self.record_snapshots = record_snapshots
        self.max_snapshots = max(2, max_snapshots)
        self.snapshot_every = config.eval_every  # iterations; doubles when thinned
        self.snapshots: list[list[tuple[int, np.ndarray]]] = [[] for _ in range(n)]

    def _split(self, fraction: float) -> None:
        x, y = self.dataset.x_train, self.dataset.y_train
        self.x_validation = self.y_validation = None
        n_validation = round(len(x) * fraction)
        if fraction and not 0 < n_validation < len(x):
            raise ExperimentError.of(
                "{path}: {fraction} of {count} samples leaves no validation or no training data",
                path="training.validation_fraction",
                fraction=f"{fraction:g}",
                count=len(x),
            )
        if len(x) == 0:
            raise ExperimentError.of(
                "{path}: {name} has no training data",
                path="training.dataset",
                name=self.dataset.name,
            )
        if n_validation:
            order = np.random.default_rng([self.config.seed, 2]).permutation(len(x))
            keep, held_out = order[:-n_validation], order[-n_validation:]
            self.x_validation, self.y_validation = x[held_out], y[held_out]
            x, y = x[keep], y[keep]
        self.x_train, self.y_train = x, y

    @property
    def n_optimizers(self) -> int:
        return len(self.nets)

    def steps(self) -> Iterator[RaceProgress]:
        """Advance every running optimizer by one iteration per yield, all on the same batch.

        Ends after `total` iterations or when no optimizer is running any more.
        """
        if self._started:
            raise RuntimeError("Race.steps() can run only once")
        self._started = True
        for schedule in self.schedules:
            if getattr(schedule, "stateful", False):
                schedule.reset(1)
        self._evaluate(0)
        self._record_snapshots()
        batches = batch_order(len(self.x_train), self.config.batch_size, self.config.seed)
        k_all = range(self.n_optimizers)
        while self.iteration < self.total and "running" in self.status:
            epoch, rows = next(batches)
            x, labels = self.x_train[rows], self.y_train[rows]
            step = self.iteration  # schedules count updates from 0
            losses = np.full(self.n_optimizers, np.nan)
            lrs = np.full(self.n_optimizers, np.nan)
            for k in k_all:
                if self.status[k] == "running":
                    losses[k], lrs[k] = self._step(k, step, x, labels)
            self.iteration += 1
            evaluated = self.iteration % self.config.eval_every == 0
            if evaluated or self.iteration == self.total:
                accuracy, validation = self._evaluate(self.iteration)
            else:
                accuracy = validation = None
            if self.iteration % self.snapshot_every == 0:
                self._record_snapshots()
            yield RaceProgress(
                self.iteration, self.total, epoch, losses, lrs, accuracy, validation,
                tuple(self.status),
            )  # fmt: skip

    def _step(self, k: int, step: int, x: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
        start = time.perf_counter()
        optimizer, schedule = self.optimizers[k], self.schedules[k]
        optimizer.lr = float(np.ravel(schedule.lr_at(step))[0])
        # Overflow on the way to divergence is expected; the non-finite loss reports it.
        with np.errstate(over="ignore", invalid="ignore"):
            loss, flat_grad = self.nets[k].loss_and_flat_grad(x, labels)
            self.losses[k].append(loss)
            self.lrs[k].append(optimizer.lr)
            if math.isfinite(loss):
                optimizer.step([flat_grad])
                if getattr(schedule, "stateful", False):
                    schedule.observe(step, np.array([loss]))
        if not math.isfinite(loss):  # a result, not an error: the others go on
            self.status[k] = "diverged"
            self.stopped_at[k] = step + 1
        self.seconds[k] += time.perf_counter() - start
        return loss, optimizer.lr

    def _evaluate(self, iteration: int) -> tuple[np.ndarray, np.ndarray | None]:
        """Test accuracy (and validation loss, early stopping) of the running optimizers."""
        n = self.n_optimizers
        accuracy = np.full(n, np.nan)
        validation = None if self.x_validation is None else np.full(n, np.nan)
        patience = self.config.early_stopping_patience
        for k in range(n):
            if self.status[k] != "running":
                continue
            net = self.nets[k]
            accuracy[k] = net.accuracy(self.dataset.x_test, self.dataset.y_test)
            self.test_accuracy[k].append([iteration, float(accuracy[k])])
            if validation is None:
                continue
            validation[k] = net.loss(self.x_validation, self.y_validation)
            self.validation_loss[k].append([iteration, float(validation[k])])
            if validation[k] < self._best_validation[k]:
                self._best_validation[k] = validation[k]
                self._evaluations_without_improvement[k] = 0
            else:
                self._evaluations_without_improvement[k] += 1
                if patience and self._evaluations_without_improvement[k] >= patience:
                    self.status[k] = "early_stopped"
                    self.stopped_at[k] = iteration
        return accuracy, validation

    def _record_snapshots(self) -> None:
        if not self.record_snapshots:
            return
        for k, net in enumerate(self.nets):
            if self.status[k] == "running":
                self.snapshots[k].append((self.iteration, flatten(net.params)))
        if max(len(s) for s in self.snapshots) > self.max_snapshots:
            # Keep every other one: the same iterations for every optimizer, 0 always.
            self.snapshot_every *= 2
            every = self.snapshot_every
            self.snapshots = [
                [(i, w) for i, w in kept if i % every == 0] for kept in self.snapshots
            ]

    def trajectory(self, k: int) -> np.ndarray:
        """Optimizer k's recorded weights and its current ones, (n, n_params) float32, from
        the shared initial weights on (only the current ones without record_snapshots)."""
        current = flatten(self.nets[k].params)
        kept = [w for _, w in self.snapshots[k]]
        if not kept or not np.array_equal(kept[-1], current):
            kept.append(current)
        return np.stack(kept)

    def result(self) -> list[dict[str, Any]]:
        """Per optimizer: label, resolved hyperparameters, curves, time, status (JSON-ready).

        loss/lr: one value per iteration run; test_accuracy, validation_loss:
        [[iteration, value], ...]; seconds: time in its own forward, backward and update.
        """
        out = []
        for k, spec in enumerate(self.specs):
            optimizer = self.optimizers[k]
            status = self.status[k]
            if status == "running" and self.iteration == self.total:
                status = "finished"
            out.append(
                {
                    "label": self.labels[k],
                    "name": spec["name"],
                    "flavor": spec.get("flavor", "torch"),
                    "hyperparameters": _plain(optimizer.hyper),
                    "schedule": spec.get("schedule"),
                    "loss": list(self.losses[k]),
                    "lr": list(self.lrs[k]),
                    "test_accuracy": [list(p) for p in self.test_accuracy[k]],
                    "validation_loss": [list(p) for p in self.validation_loss[k]],
                    "seconds": float(self.seconds[k]),
                    "status": status,
                    "stopped_at": self.stopped_at[k],
                }
            )
        return out

    def first_layer_weights(self, k: int) -> np.ndarray:
        """Optimizer k's first-layer weights as images: (n_hidden1, *image_shape), a copy."""
        weights = self.nets[k].params[0]
        return weights.T.reshape(weights.shape[1], *self.dataset.image_shape).copy()

    def predict(self, k: int, x: np.ndarray) -> np.ndarray:
        """Class labels that optimizer k's network predicts for the rows of x, (n,) int64."""
        return self.nets[k].predict(x)


def run(
    config: TrainingConfig,
    optimizer_specs: Sequence[dict[str, Any]],
    dataset: Dataset | None = None,
    progress: Callable[[RaceProgress], None] | None = None,
) -> list[dict[str, Any]]:
    """Run a whole race (loading `config.dataset` if no dataset is given); see `Race.result`."""
    if dataset is None:
        dataset = load_dataset(config.dataset)
    race = Race(config, optimizer_specs, dataset)
    for report in race.steps():
        if progress is not None:
            progress(report)
    return race.result()


def _make_schedule(spec: dict[str, Any] | None, base_lr: float):
    """The spec's schedule (None: the constant base_lr) from engine.schedules."""
    from optviz.engine.schedules import make_schedule  # lazy: only the race needs it

    return make_schedule(spec, base_lr)


def _default_label(name: str, optimizer: Any) -> str:
    """The class's display name ("Adam"), or the alias itself ("momentum" → "Momentum")."""
    return optimizer.display_name if name == optimizer.name else name.capitalize()


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Tuples (betas) → lists, NumPy scalars → Python numbers: JSON-ready."""
    out = {}
    for key, value in values.items():
        if isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, np.generic):
            value = value.item()
        out[key] = value
    return out

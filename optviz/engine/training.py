"""The training race: several optimizers train the same MLP, headless, one step at a time.

Fair by construction: every optimizer starts from the same initial weights (one network
initialised from the seed, copied per optimizer) and sees the same mini-batches (one
seeded permutation of the training set per epoch, shared by all). An epoch has ⌈N/B⌉
iterations: when B does not divide N the last batch of the epoch is the smaller
remainder (like torch's DataLoader with ``drop_last=False``).

`Race.steps()` is a generator, so a GUI worker can pause or stop between iterations;
`run()` drives it to the end, and `train_cli()` is ``optviz train`` (progress on stderr,
curves as JSON or CSV).

Numbering: iteration i (1..total) is the i-th update. ``loss[i − 1]`` is the mini-batch
loss measured during iteration i, before its update; the test accuracy at iteration i is
measured after it (iteration 0: the shared initial weights).
"""

from __future__ import annotations

import copy
import csv
import io
import itertools
import json
import math
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from optviz.engine.datasets import DATASETS, Dataset, load_dataset
from optviz.engine.errors import ExperimentError, OptvizError
from optviz.engine.hyper import Hyper, resolve
from optviz.engine.landscape import flatten
from optviz.engine.mlp import ACTIVATIONS, INITS, MLP
from optviz.engine.optimizers import make_optimizer

# Weight snapshots kept per optimizer for the loss landscape (see Race.trajectory): the
# default network's 110k float32 weights take 440 KB a snapshot.
MAX_SNAPSHOTS = 50

# Keys of an optimizer spec that are not optimizer hyperparameters.
SPEC_META_KEYS = ("name", "flavor", "label", "color", "enabled", "schedule")

TRAINING_HYPERS = (
    Hyper("dataset", "digits", kind="choice", choices=tuple(DATASETS)),
    Hyper("hidden", (100, 100, 100, 100), kind="floats", low=1, tooltip="neurons per layer"),
    Hyper("activation", "relu", kind="choice", choices=ACTIVATIONS),
    Hyper("init", "he", kind="choice", choices=INITS, tooltip="He √(2/n) or Xavier √(1/n)"),
    Hyper("weight_decay", 0.0, low=0, symbol="λ", tooltip="adds ½·λ·ΣW² to the loss"),
    Hyper("batch_size", 128, kind="int", low=1, tooltip="samples per update; null: all"),
    Hyper("iterations", 2000, kind="int", low=1, tooltip="updates per optimizer"),
    Hyper("epochs", None, kind="int", low=1, tooltip="if set, replaces iterations"),
    Hyper("eval_every", 100, kind="int", low=1, tooltip="test accuracy every n iterations"),
    Hyper("seed", 0, kind="int", low=0, tooltip="initial weights and batch order"),
    Hyper(
        "validation_fraction",
        0.0,
        low=0,
        high=1,
        high_open=True,
        tooltip="part of the training set held out for early stopping",
    ),
    Hyper(
        "early_stopping_patience",
        None,
        kind="int",
        low=1,
        tooltip="stop after this many evaluations without a lower validation loss",
    ),
)
_OPTIONAL = ("batch_size", "epochs", "early_stopping_patience")  # null is allowed


@dataclass(frozen=True)
class TrainingConfig:
    """The race set-up shared by all optimizers (the experiment's "training" object)."""

    dataset: str = "digits"
    hidden: tuple[int, ...] = (100, 100, 100, 100)
    activation: str = "relu"
    init: str = "he"
    weight_decay: float = 0.0
    batch_size: int | None = 128  # None: the full training set every iteration
    iterations: int = 2000
    epochs: int | None = None  # if set, iterations = epochs · ⌈N/B⌉
    eval_every: int = 100
    seed: int = 0
    validation_fraction: float = 0.0
    early_stopping_patience: int | None = None  # in evaluations; needs a validation split

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str = "training") -> TrainingConfig:
        """Validate a plain dict (JSON); raises ExperimentError naming the key path."""
        given = {k: v for k, v in data.items() if not (k in _OPTIONAL and v is None)}
        values = resolve(TRAINING_HYPERS, given, path)
        for key in _OPTIONAL:
            if key in data and data[key] is None:
                values[key] = None
        hidden = []
        for i, size in enumerate(values["hidden"]):
            if not float(size).is_integer():
                raise ExperimentError.of(
                    "{path}: must be a whole number, got {value}",
                    path=f"{path}.hidden[{i}]",
                    value=size,
                )
            hidden.append(int(size))
        values["hidden"] = tuple(hidden)
        config = cls(**values)
        if config.early_stopping_patience and not config.validation_fraction:
            raise ExperimentError.of(
                "{path}: needs validation_fraction > 0", path=f"{path}.early_stopping_patience"
            )
        return config

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["hidden"] = list(self.hidden)
        return out


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
        self.specs = [_as_dict(s) for s in optimizer_specs]
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


# --- optviz train ---------------------------------------------------------------------------


def train_cli(experiment: Any, out: Path | None, log: IO[str] | None = None) -> int:
    """``optviz train``: run the experiment's race, progress on `log` (stderr), curves to
    `out` (.json or .csv, written atomically) or as JSON to stdout. Returns the exit code.

    Raises an OptvizError (one line for the user) for an invalid "training" section, bad
    optimizer specs or a missing data set.
    """
    from optviz.engine.experiment import atomic_write

    log = sys.stderr if log is None else log
    if experiment.training is None:
        raise ExperimentError.of(
            "{path}: missing (the experiment has no {section} section)",
            path="training",
            section='"training"',
        )
    config = TrainingConfig.from_dict(experiment.training)
    specs = [_as_dict(spec) for spec in experiment.optimizers]
    dataset = load_dataset(config.dataset)
    race = Race(config, specs, dataset)
    print(_describe(race), file=log, flush=True)
    since_last = [[] for _ in range(race.n_optimizers)]  # losses since the last line
    started = time.perf_counter()
    try:
        for report in race.steps():
            for k, loss in enumerate(report.loss):
                since_last[k].append(loss)
            if report.test_accuracy is not None:
                print(_progress_line(race, report, since_last), file=log, flush=True)
                since_last = [[] for _ in range(race.n_optimizers)]
    except KeyboardInterrupt:
        raise OptvizError.of(
            "interrupted at iteration {iteration}; nothing written", iteration=race.iteration
        ) from None
    results = race.result()
    for result in results:
        if result["status"] == "diverged":
            print(
                f"optviz: {result['label']} diverged at iteration {result['stopped_at']} "
                "(its loss is no longer a finite number)",
                file=log,
            )
    document = training_json(results)
    if out is None:
        json.dump(document, sys.stdout)
        sys.stdout.write("\n")
        sys.stdout.flush()
    else:
        text = training_csv(results) if out.suffix.lower() == ".csv" else json.dumps(document)
        atomic_write(out, text if text.endswith("\n") else text + "\n")
        print(f"optviz: wrote {len(results)} runs to {out}", file=log)
    print(f"optviz: done in {time.perf_counter() - started:.2f} s", file=log)
    return 0


def training_json(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """`Race.result()` as the ``optviz train`` document (non-finite numbers become null):

    ``{"runs": [{"label", "optimizer": {"name", "flavor", <hyperparameters>, "schedule"?},
    "loss": [per iteration], "lr": [...], "test_accuracy": [[iteration, accuracy], ...],
    "validation_loss"?: [[iteration, loss], ...], "seconds", "status", "stopped_at"}]}``
    """
    runs = []
    for result in results:
        optimizer = {"name": result["name"], "flavor": result["flavor"]}
        optimizer.update(result["hyperparameters"])
        if result.get("schedule") is not None:
            optimizer["schedule"] = result["schedule"]
        run = {
            "label": result["label"],
            "optimizer": optimizer,
            "loss": [_finite_or_none(v) for v in result["loss"]],
            "lr": [_finite_or_none(v) for v in result["lr"]],
            "test_accuracy": [[int(i), _finite_or_none(a)] for i, a in result["test_accuracy"]],
            "seconds": result["seconds"],
            "status": result["status"],
            "stopped_at": result["stopped_at"],
        }
        if result["validation_loss"]:
            run["validation_loss"] = [
                [int(i), _finite_or_none(v)] for i, v in result["validation_loss"]
            ]
        runs.append(run)
    return {"runs": runs}


def training_csv(results: Sequence[dict[str, Any]]) -> str:
    """Long format, one row per run and iteration: ``run,label,iteration,loss,lr,
    test_accuracy,status``. Iteration 0 holds only the initial test accuracy; test_accuracy
    is empty between evaluations, loss and lr are empty after a run stopped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["run", "label", "iteration", "loss", "lr", "test_accuracy", "status"])
    for r, result in enumerate(results):
        accuracy = {int(i): a for i, a in result["test_accuracy"]}
        last = max([len(result["loss"]), *accuracy])
        for i in range(last + 1):
            loss = result["loss"][i - 1] if 0 < i <= len(result["loss"]) else None
            lr = result["lr"][i - 1] if 0 < i <= len(result["lr"]) else None
            writer.writerow(
                [
                    r,
                    result["label"],
                    i,
                    _csv_number(loss),
                    _csv_number(lr),
                    _csv_number(accuracy.get(i)),
                    result["status"],
                ]
            )
    return buffer.getvalue()


def _describe(race: Race) -> str:
    config, data = race.config, race.dataset
    sizes = "-".join(str(n) for n in (data.n_features, *config.hidden, data.n_classes))
    batch = "full batch" if config.batch_size is None else f"batch {config.batch_size}"
    return (
        f"optviz: training {sizes} ({config.activation}, {config.init}) on {data.name}: "
        f"{len(race.x_train):,} training / {len(data.x_test):,} test images, {batch}, "
        f"{race.total:,} iterations, {race.n_optimizers} optimizers: {', '.join(race.labels)}"
    )


def _progress_line(race: Race, report: RaceProgress, since_last: list[list[float]]) -> str:
    """`iteration 100/2000  SGD loss 1.234 acc 56.7%  Adam …`; loss: the mean mini-batch loss
    since the previous line."""
    width = len(str(report.total))
    parts = [f"iteration {report.iteration:>{width}}/{report.total}"]
    for k, label in enumerate(race.labels):
        status = report.status[k] if report.status else "running"
        if status == "diverged":
            parts.append(f"{label} diverged at {race.stopped_at[k]}")
            continue
        losses = np.asarray(since_last[k], dtype=float)
        losses = losses[np.isfinite(losses)]  # NaN: iterations after it stopped
        loss = f"{losses.mean():.4f}" if len(losses) else "—"
        accuracy = report.test_accuracy[k]
        accuracy_text = f"{accuracy:.1%}" if math.isfinite(accuracy) else "—"
        mark = "" if status == "running" else f" ({status.replace('_', ' ')})"
        parts.append(f"{label} loss {loss} acc {accuracy_text}{mark}")
    return "  ".join(parts)


def _finite_or_none(value: Any) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _csv_number(value: Any) -> str:
    if value is None:
        return ""
    return repr(float(value))


def _make_schedule(spec: dict[str, Any] | None, base_lr: float):
    """The spec's schedule (None: the constant base_lr) from engine.schedules."""
    from optviz.engine.schedules import make_schedule  # lazy: only the race needs it

    return make_schedule(spec, base_lr)


def _default_label(name: str, optimizer: Any) -> str:
    """The class's display name ("Adam"), or the alias itself ("momentum" → "Momentum")."""
    return optimizer.display_name if name == optimizer.name else name.capitalize()


def _as_dict(spec: Any) -> dict[str, Any]:
    """A spec dict (copied), also from an object with `to_dict()` such as OptimizerSpec."""
    if hasattr(spec, "to_dict"):
        spec = spec.to_dict()
    if not isinstance(spec, dict) or "name" not in spec:
        raise ExperimentError.of(
            "{path}: each must be an object with a name, got {value}",
            path="optimizers",
            value=repr(spec),
        )
    return dict(spec)


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

"""Many descents in one vectorised loop: what learning-rate sweeps and basin maps run on.

`descend` is the runner's step loop without the recording: runs are columns of one
(2, n) position array, one optimizer per group of runs, and `opt.lr` a (1, n) array when
each run has its own learning rate (optimizers.py: lr may be any broadcastable array).
It keeps only what the sweep and the basin map need per run (where and when it ended,
when it first came close), so 40,000 runs × 500 steps fit in a few megabytes.

Every run equals a single `runner.run` of that optimizer from that start with that lr:
the same arithmetic in the same order, the same divergence rule (non-finite, or a
coordinate beyond `bound`), the same noise and mini-batches (one stream shared by all
runs, as a single run draws it). Stop rules are not applied: every run takes all its steps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import OptimizerSpec, from_dict
from optviz.engine.optimizers import make_optimizer
from optviz.engine.runner import Cancelled, batch_streams
from optviz.engine.schedules import make_schedule
from optviz.engine.surfaces import Surface


@dataclass(frozen=True, eq=False)
class RunGroup:
    """Runs of one optimizer. starts: (n, 2); lrs: (n,) one learning rate per run, or None
    for the spec's own (a schedule then starts from each run's lr)."""

    spec: OptimizerSpec
    starts: np.ndarray
    lrs: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class Descent:
    """Per run, in group order (n_runs = all groups' runs); a row is a step, as in RunResult.

    final_position: (n_runs, 2) at end_step; final_loss: (n_runs,) the loss there
    end_step: (n_runs,) last valid row, as RunResult.end_step
    diverged_at: (n_runs,) first row that left the finite, bounded region; −1 if none
    first_below: (n_runs,) first row with loss ≤ loss_target, −1 if never (None: no target)
    first_near: (n_runs, n_minima) first row within `radius` of each minimum, −1 if never
    """

    final_position: np.ndarray
    final_loss: np.ndarray
    end_step: np.ndarray
    diverged_at: np.ndarray
    first_below: np.ndarray | None
    first_near: np.ndarray | None


def descend(
    surface: Surface,
    groups: Sequence[RunGroup],
    steps: int,
    *,
    seed: int = 0,
    noise_sigma: float | None = None,
    batch_size: int | None = None,
    bound: float = 1e6,
    loss_target: float | None = None,
    minima=None,
    radius: float = 0.0,
    should_stop: Callable[[], bool] | None = None,
) -> Descent:
    """Run every group for `steps` updates; see the module docstring."""
    starts = [np.asarray(g.starts, np.float64).reshape(-1, 2) for g in groups]
    sizes = [len(s) for s in starts]
    n = sum(sizes)
    edges = np.cumsum([0, *sizes])
    slices = [slice(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]
    # Coordinate-major, (2, n): x and y are contiguous rows, which makes the surface and
    # the bookkeeping twice as fast as the runner's (n, 2). Every update is element-wise,
    # so the layout changes no number; a per-run lr is then shaped (1, n).
    current = np.concatenate(starts).T.copy()
    optimizers, schedules = [], []
    for group, cols in zip(groups, slices, strict=True):
        spec = group.spec
        optimizers.append(
            make_optimizer(spec.name, [current[:, cols]], spec.flavor, **spec.resolved())
        )
        schedules.append(_schedule(group, optimizers[-1].lr, cols.stop - cols.start, steps))
    sigma = np.repeat(
        [g.spec.noise if g.spec.noise is not None else (noise_sigma or 0.0) for g in groups],
        sizes,
    )[None, :]
    noisy = bool(sigma.any())
    noise_rng = np.random.default_rng([seed, 1])  # the runner's stream for one start
    batch_groups = []
    if surface.n_samples:
        per_run = np.repeat(
            [
                g.spec.batch_size if g.spec.batch_size is not None else batch_size or 0
                for g in groups
            ],
            sizes,
        )
        batch_groups = batch_streams(surface, per_run, seed)  # the runner's own streams
    track = _Tracker(n, steps, bound, loss_target, minima, radius)
    grad = np.empty((2, n))

    with np.errstate(all="ignore"):
        for t in range(steps):
            if should_stop is not None and should_stop():
                raise Cancelled
            x, y = current
            if batch_groups:
                value = surface.value(x, y)
                for cols, batches in batch_groups:
                    grad[0, cols], grad[1, cols] = surface.batch_grad(
                        x[cols], y[cols], next(batches)
                    )
            else:
                value, grad[0], grad[1] = surface.value_and_grad(x, y)
            value = np.broadcast_to(value, (n,))
            track.observe(t, current, value)
            if t:
                for cols, (schedule, _) in zip(slices, schedules, strict=True):
                    if schedule.stateful:
                        schedule.observe(t - 1, value[cols])
            if noisy:
                grad += noise_rng.standard_normal((1, 2)).T * sigma
            if not track.alive.any():
                break
            track.remember(current, value)
            for opt, (schedule, table), cols in zip(optimizers, schedules, slices, strict=True):
                if table is None:
                    lr = schedule.lr_at(t)
                    opt.lr = lr[None, :] if isinstance(lr, np.ndarray) and lr.ndim == 1 else lr
                else:
                    opt.lr = table[t]
                opt.step([grad[:, cols]])
        else:
            value = np.broadcast_to(surface.value(current[0], current[1]), (n,))
            track.observe(steps, current, value)
    return track.result(current, value)


def _schedule(group: RunGroup, spec_lr, n: int, steps: int):
    """(schedule, lr table or None when stateful); the table is (steps,) for one lr or
    (steps, 1, n) for one lr per run."""
    if group.lrs is None:
        base = spec_lr
    else:
        base = np.asarray(group.lrs, np.float64).reshape(1, -1)
        if base.shape[1] != n:
            raise ExperimentError.of(
                "{path}: need one learning rate per start ({expected}), got {count}",
                path="lrs",
                expected=n,
                count=base.size,
            )
    schedule = make_schedule(group.spec.schedule, base)
    if schedule.stateful:
        schedule.reset(n)
        return schedule, None
    return schedule, np.moveaxis(np.asarray(schedule.values(steps), np.float64), -1, 0)


class _Tracker:
    """Per-run bookkeeping of `descend`: the runner's divergence rule, the end of each run,
    and the first step below a loss target / within `radius` of each minimum."""

    def __init__(self, n, steps, bound, loss_target, minima, radius):
        self.bound, self.loss_target = bound, loss_target
        self.alive = np.ones(n, dtype=bool)
        self.end_step = np.full(n, steps)
        self.diverged_at = np.full(n, -1)
        self.final_position = np.full((2, n), np.nan)
        self.final_loss = np.full(n, np.nan)
        self.first_below = None if loss_target is None else np.full(n, -1)
        self.minima = np.asarray(minima if minima is not None else (), np.float64).reshape(-1, 2)
        self.first_near = np.full((len(self.minima), n), -1)
        self.not_near = np.ones((len(self.minima), n), dtype=bool)
        self.radius_sq = float(radius) ** 2
        self.previous = np.full((2, n), np.nan)
        self.previous_value = np.full(n, np.nan)
        self._a, self._b = np.empty(n), np.empty(n)
        self._hit, self._ok = np.empty(n, dtype=bool), np.empty(n, dtype=bool)

    def observe(self, row: int, current: np.ndarray, value: np.ndarray) -> None:
        """Row `row` (positions after `row` updates). Runs found diverged earlier hold NaN,
        which fails every comparison: they never come close to anything again."""
        x, y = current
        a, b, hit, ok = self._a, self._b, self._hit, self._ok
        if self.first_below is not None:
            np.less_equal(value, self.loss_target, out=hit)
            hit &= self.first_below < 0
            self.first_below[hit] = row
        for k, (mx, my) in enumerate(self.minima):
            np.subtract(x, mx, out=a)
            a *= a
            np.subtract(y, my, out=b)
            b *= b
            a += b
            np.less_equal(a, self.radius_sq, out=hit)
            hit &= self.not_near[k]
            if hit.any():
                self.first_near[k, hit] = row
                self.not_near[k, hit] = False
        # The runner's rule; NaN fails every comparison, so one test catches NaN, ±inf and
        # the bound.
        np.abs(x, out=a)
        np.abs(y, out=b)
        np.maximum(a, b, out=a)
        np.less_equal(a, self.bound, out=ok)
        np.abs(value, out=b)
        ok &= b < np.inf
        np.logical_not(ok, out=ok)
        ok &= self.alive
        if ok.any():
            runs = np.flatnonzero(ok)
            finite = np.isfinite(current[:, runs]).all(axis=0)
            self.diverged_at[runs] = row
            self.end_step[runs] = np.where(finite, row, row - 1)
            self.final_position[:, runs] = np.where(
                finite, current[:, runs], self.previous[:, runs]
            )
            self.final_loss[runs] = np.where(finite, value[runs], self.previous_value[runs])
            self.alive[runs] = False
            current[:, runs] = np.nan  # out of the race; the runs are independent

    def remember(self, current: np.ndarray, value: np.ndarray) -> None:
        """Keep this row: a run that turns non-finite next ends here (as in the runner)."""
        self.previous[...] = current
        self.previous_value = value

    def result(self, current: np.ndarray, value: np.ndarray) -> Descent:
        alive = self.alive
        self.final_position[:, alive] = current[:, alive]
        self.final_loss[alive] = value[alive]
        return Descent(
            final_position=self.final_position.T.copy(),
            final_loss=self.final_loss,
            end_step=self.end_step,
            diverged_at=self.diverged_at,
            first_below=self.first_below,
            first_near=self.first_near.T.copy() if len(self.minima) else None,
        )


def optimizer_spec(data: OptimizerSpec | dict) -> OptimizerSpec:
    """An OptimizerSpec from its JSON dict (validated as in an experiment file)."""
    if isinstance(data, OptimizerSpec):
        return data
    return from_dict({"optviz": 1, "optimizers": [data]}).optimizers[0]

"""run(experiment) → RunResult: K optimizers × M starts × T steps, vectorised.

All runs share one position array of shape (K·M, 2); each optimizer owns a view of its M
rows and updates it in place, so the surface gradient is evaluated once per step for every
run. Runs are fair: every optimizer sees the same gradient noise and the same mini-batches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from optviz.engine.experiment import Experiment
from optviz.engine.optimizers import make_optimizer
from optviz.engine.schedules import make_schedule
from optviz.engine.surfaces import Surface, make_surface

FINISHED, DIVERGED, STOPPED, CANCELLED = "finished", "diverged", "stopped", "cancelled"
CHECK_EVERY = 16  # steps between divergence checks when no stop rule needs every step


class Cancelled(Exception):
    """Raised inside `run` when `should_stop()` says so (a newer request replaced this one)."""


@dataclass(frozen=True, eq=False)
class RunResult:
    """Everything a view draws. Run r is optimizer ``optimizer_index[r]`` from start
    ``start_index[r]``; runs are optimizer-major in file order.

    positions: (n_runs, steps + 1, 2), row 0 the start; NaN after a run ended early
    loss: (n_runs, steps + 1) the full (noise-free) loss at each position
    grads: (n_runs, steps + 1, 2) the gradient used for the update from each position
           (noisy / mini-batch when configured); the last row is the exact gradient.
           None when states were not recorded (many runs).
    lr: (n_runs, steps) learning rate used for each update
    states: per run, {state name: (steps + 1, 2)}; row 0 is zero (before the first step)
    end_step: (n_runs,) index of the last valid row
    diverged_at: (n_runs,) step at which the run diverged, -1 if it did not
    swa_positions: (n_runs, steps + 1, 2) averaged iterate, NaN before the SWA start
    """

    labels: tuple[str, ...]
    optimizer_index: np.ndarray
    start_index: np.ndarray
    positions: np.ndarray
    loss: np.ndarray
    grads: np.ndarray | None
    lr: np.ndarray
    states: tuple[dict[str, np.ndarray], ...]
    status: tuple[str, ...]
    end_step: np.ndarray
    diverged_at: np.ndarray
    resolved: tuple[dict[str, Any], ...]
    swa_positions: np.ndarray | None = None
    surface_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def n_runs(self) -> int:
        return self.positions.shape[0]

    @property
    def steps(self) -> int:
        return self.positions.shape[1] - 1


def run(
    experiment: Experiment,
    should_stop: Callable[[], bool] | None = None,
    surface: Surface | None = None,
    record_states: bool | None = None,
) -> RunResult:
    """Run every enabled optimizer of `experiment` from every start point.

    Arrays in the result are time-major buffers seen through transposed views.
    record_states: keep each optimizer's state per step (default: when ≤ 256 runs).
    """
    surface = surface or make_surface(experiment.surface)
    specs = [o for o in experiment.optimizers if o.enabled]
    starts = np.array(experiment.starts or (surface.start,), dtype=np.float64)
    n_opt, n_starts, steps = len(specs), len(starts), experiment.steps
    n_runs = n_opt * n_starts
    # Separate streams, so that one optimizer's run does not depend on which others race.
    noise_rng = np.random.default_rng([experiment.seed, 1])
    rules = experiment.stop_rules

    current = np.tile(starts, (n_opt, 1))  # (n_runs, 2), optimizers update views of it
    # Optimizer k's runs are rows slices[k] of every per-run array.
    slices = [slice(k * n_starts, (k + 1) * n_starts) for k in range(n_opt)]
    views = [current[rows] for rows in slices]
    optimizers, schedules, resolved = [], [], []
    for spec, view in zip(specs, views, strict=True):
        hyper = spec.resolved()
        opt = make_optimizer(spec.name, [view], spec.flavor, **hyper)
        schedule = make_schedule(spec.schedule, opt.lr)
        if schedule.stateful:
            schedule.reset(n_starts)
        optimizers.append(opt)
        schedules.append(schedule)
        resolved.append(hyper)

    # Time-major buffers: each step writes one contiguous block. np.empty keeps the
    # allocation lazy; rows after a run's end are set to NaN once, at the end.
    positions = np.empty((steps + 1, n_runs, 2))
    loss = np.empty((steps + 1, n_runs))
    lrs = np.empty((steps, n_runs))
    if record_states is None:
        record_states = n_runs <= 256
    # Gradient history only with the states: for 10,000 starts it would be most of the
    # memory traffic of a run.
    grads = np.empty((steps + 1, n_runs, 2)) if record_states else None
    grad_buffer = np.empty((n_runs, 2))
    # Each optimizer's gradient argument, made once: the loop only passes it.
    grad_args = [[grad_buffer[rows]] for rows in slices]
    # Every optimizer's state arrays are views into one block, `state_now`: recording them
    # is one copy per step instead of one per array (a third of a lecture run's time).
    layout = [(k, key) for k, opt in enumerate(optimizers) for key in opt.state_keys]
    layout = layout if record_states else []
    state_now = np.zeros((len(layout), n_starts, 2))
    state_all = np.zeros((steps + 1, len(layout), n_starts, 2))
    # Optimizers update their state arrays in place (tests/engine/test_runner.py checks
    # every optimizer), so the block stays the state.
    for i, (k, key) in enumerate(layout):
        state = optimizers[k].state[0]
        state_now[i] = state[key]
        state[key] = state_now[i]
    state_hist = [{} for _ in optimizers]
    for i, (k, key) in enumerate(layout):
        state_hist[k][key] = state_all[:, i]
    # Stateless schedules are tabulated once: the loop only indexes.
    lr_tables: list[Any] = [
        None if sch.stateful else _lr_table(sch, steps, n_starts) for sch in schedules
    ]
    for k, table in enumerate(lr_tables):
        if table is not None:
            lrs[:, slices[k]] = table.reshape(steps, -1)
            if table.ndim == 1:
                lr_tables[k] = table.tolist()
    positions[0] = current
    alive = np.ones(n_runs, dtype=bool)
    some_ended = False  # as `not alive.all()`, without a NumPy call per step
    end_step = np.full(n_runs, steps)
    diverged_at = np.full(n_runs, -1)
    status = np.array([FINISHED] * n_runs, dtype=object)
    best_loss = np.full(n_runs, np.inf)
    since_best = np.zeros(n_runs, dtype=int)
    sigma = np.repeat(
        [s.noise if s.noise is not None else (experiment.noise_sigma or 0.0) for s in specs],
        n_starts,
    )[:, None]
    noisy = bool(sigma.any())
    # Runs with the same batch size share one stream of mini-batches (a fair race).
    batch_groups: list[tuple[np.ndarray, Any]] = []
    if surface.n_samples:
        sizes = np.repeat(
            [
                s.batch_size if s.batch_size is not None else (experiment.batch_size or 0)
                for s in specs
            ],
            n_starts,
        )
        batch_groups = batch_streams(surface, sizes, experiment.seed)
    bound = experiment.bound
    grad_tol, patience, min_delta = rules["grad_tol"], rules["patience"], rules["min_delta"]
    last_row = steps

    # Divergence is looked for in blocks of rows (cheap), unless a rule needs every step.
    stateful = any(schedule.stateful for schedule in schedules)
    block = 1 if (grad_tol or patience or stateful) else CHECK_EVERY
    checked = 0  # rows before this one have been checked
    dead = np.zeros(n_runs, dtype=bool)  # runs found diverged (frozen, NaN later)

    def check(upto: int) -> None:
        """Mark runs whose rows checked..upto-1 left the finite, bounded region."""
        nonlocal checked, some_ended
        if upto <= checked:
            return
        rows = positions[checked:upto]
        losses = loss[checked:upto]
        # NaN propagates through max/min and fails every comparison, so one test catches
        # NaN, ±inf and the bound. First the whole block's extremes (4× faster than per
        # run); only when they fail, each run's.
        if (
            rows.max() <= bound
            and rows.min() >= -bound
            and losses.max() < np.inf
            and losses.min() > -np.inf
        ):
            checked = upto
            return
        flat = rows.reshape(len(rows), -1)
        top, low = flat.max(axis=0).reshape(-1, 2), flat.min(axis=0).reshape(-1, 2)
        ok = (top <= bound).all(axis=1) & (low >= -bound).all(axis=1)
        ok &= (losses.max(axis=0) < np.inf) & (losses.min(axis=0) > -np.inf)
        hit = ~ok & ~dead
        if hit.any():
            runs = np.flatnonzero(hit)
            # Only the runs that left the region: which row did it first.
            part = rows[:, runs]
            size = np.maximum(np.abs(part[..., 0]), np.abs(part[..., 1]))
            bad_rows = ~((size <= bound) & (np.abs(losses[:, runs]) < np.inf))
            first = checked + bad_rows.argmax(axis=0)
            for run, row in zip(runs.tolist(), first.tolist(), strict=True):
                if row > end_step[run]:  # it had already stopped before
                    continue
                diverged_at[run] = row
                status[run] = DIVERGED
                # A diverged row is kept when finite (drawn off the map).
                finite = np.isfinite(positions[row, run]).all()
                end_step[run] = row if finite else row - 1
                alive[run] = False
                some_ended = True
                dead[run] = True
        checked = upto

    with np.errstate(all="ignore"):
        last_row = steps
        for t in range(steps):
            if should_stop is not None and should_stop():
                raise Cancelled
            x, y = current[:, 0], current[:, 1]
            g = grad_buffer
            if batch_groups:
                value = surface.value(x, y)
                for rows, batches in batch_groups:
                    gx, gy = surface.batch_grad(x[rows], y[rows], next(batches))
                    g[rows, 0] = gx
                    g[rows, 1] = gy
            else:
                value, g[:, 0], g[:, 1] = surface.value_and_grad(x, y)
            loss[t] = value
            if block == 1:
                check(t + 1)
            if stateful and t:
                for k, schedule in enumerate(schedules):
                    if schedule.stateful:
                        schedule.observe(t - 1, value[slices[k]])
            if patience:
                improved = value < best_loss - min_delta
                best_loss = np.where(improved, value, best_loss)
                since_best = np.where(improved, 0, since_best + 1)
                tired = alive & (since_best >= patience)
                if tired.any():
                    _end(tired, t, STOPPED, alive, end_step, status)
                    some_ended = True
            if noisy:
                # The same noise for every optimizer from the same start: a fair race.
                g += np.tile(noise_rng.standard_normal((n_starts, 2)), (n_opt, 1)) * sigma
            if grad_tol:
                small = alive & (np.hypot(g[:, 0], g[:, 1]) < grad_tol)
                if small.any():
                    _end(small, t, STOPPED, alive, end_step, status)
                    some_ended = True
            if block == 1 and not alive.any():
                last_row = t
                break
            if grads is not None:
                grads[t] = g
            all_alive = not some_ended
            for k, opt in enumerate(optimizers):
                table = lr_tables[k]
                if table is None:
                    lr = schedules[k].lr_at(t)
                    lr = lr[:, None] if isinstance(lr, np.ndarray) and lr.ndim == 1 else lr
                    lrs[t, slices[k]] = np.ravel(lr)
                else:
                    lr = table[t]  # a Python float for scalar schedules (faster arithmetic)
                opt.lr = lr
                opt.step(grad_args[k])
            if layout:
                state_all[t + 1] = state_now
            if not all_alive:  # ended runs stay where they are
                np.copyto(current, positions[t], where=~alive[:, None])
            positions[t + 1] = current
            if block > 1 and (t + 1) % block == 0:
                check(t + 1)
                if not alive.any():
                    last_row = t + 1
                    break
        if last_row == steps:
            final_x, final_y = positions[steps, :, 0], positions[steps, :, 1]
            loss[steps] = surface.value(final_x, final_y)
        check(last_row + 1)
        if last_row < steps or (end_step < steps).any():
            after_end = np.arange(steps + 1)[:, None] > end_step[None, :]
            after_end[last_row + 1 :] = True
            positions[after_end] = np.nan
            loss[after_end] = np.nan
            lrs[after_end[1:]] = np.nan
            if grads is not None:
                grads[after_end] = np.nan
        if grads is not None:
            last = np.arange(n_runs)
            final = positions[end_step, last]
            fx, fy = surface.grad(final[:, 0], final[:, 1])
            grads[end_step, last, 0] = fx
            grads[end_step, last, 1] = fy

    swa = _swa(positions, experiment.swa_start) if experiment.swa_start is not None else None
    labels = []
    for spec in specs:
        label = spec.display_label
        labels.extend(
            [label] * n_starts if n_starts == 1 else [f"{label} #{m + 1}" for m in range(n_starts)]
        )
    run_states = tuple(
        {key: hist[key][:, m] for key in hist} for hist in state_hist for m in range(n_starts)
    )
    return RunResult(
        labels=tuple(labels),
        optimizer_index=np.repeat(np.arange(n_opt), n_starts),
        start_index=np.tile(np.arange(n_starts), n_opt),
        positions=positions.transpose(1, 0, 2),
        loss=loss.T,
        grads=grads.transpose(1, 0, 2) if grads is not None else None,
        lr=lrs.T,
        states=run_states,
        status=tuple(status),
        end_step=end_step,
        diverged_at=diverged_at,
        resolved=tuple(r for r in resolved for _ in range(n_starts)),
        swa_positions=swa,
        surface_name=surface.name,
    )


def _lr_table(schedule, steps: int, n_starts: int) -> np.ndarray:
    """(steps, n_starts) or (steps,) learning rates of a stateless schedule."""
    values = np.asarray(schedule.values(steps), dtype=np.float64)
    if values.ndim == 1:
        return values
    # base_lr of shape (n, 1) gives (n, 1, steps): time first, one column per start.
    return values.reshape(-1, steps).T.reshape(steps, -1, 1)


def _end(mask, step, why, alive, end_step, status) -> None:
    end_step[mask] = step
    status[mask] = why
    alive &= ~mask


def batch_streams(surface: Surface, sizes: np.ndarray, seed: int) -> list[tuple[np.ndarray, Any]]:
    """(rows, stream of index arrays) per batch size in `sizes` (one entry per run, 0 for the
    full batch). Each size has its own seeded stream, so a run's batches depend only on the
    seed and its batch size, never on which other runs race (the run cache relies on it)."""
    return [
        (
            np.flatnonzero(sizes == size),
            _batches(surface, size or None, np.random.default_rng([seed, 2, size])),
        )
        for size in dict.fromkeys(sizes.tolist())
    ]


def _batches(surface: Surface, batch_size: int | None, rng: np.random.Generator):
    """Index arrays of successive mini-batches, reshuffled each epoch; shared by all runs."""
    n = surface.n_samples
    size = n if batch_size is None else min(batch_size, n)
    while True:
        order = rng.permutation(n) if size < n else np.arange(n)
        for begin in range(0, n, size):
            yield order[begin : begin + size]


def _swa(positions: np.ndarray, start: int) -> np.ndarray:
    """Running mean of the iterates from `start` on (Izmailov et al. 2018), per run."""
    steps_plus_one, n_runs, _ = positions.shape
    out = np.full((n_runs, steps_plus_one, 2), np.nan)
    tail = positions[start:].transpose(1, 0, 2)
    counts = np.arange(1, tail.shape[1] + 1)[None, :, None]
    out[:, start:] = np.cumsum(tail, axis=1) / counts
    return out


def distance_to_minima(positions: np.ndarray, minima) -> np.ndarray:
    """(n_runs, steps + 1): Euclidean distance to the nearest known minimum (NaN if none)."""
    if not len(minima):
        return np.full(positions.shape[:2], np.nan)
    points = np.asarray(minima, dtype=np.float64)  # (n_minima, 2)
    diff = positions[:, :, None, :] - points[None, None, :, :]
    return np.sqrt((diff**2).sum(axis=-1)).min(axis=-1)

"""Learning-rate sweep: every optimizer of an experiment once per learning rate, all in
one vectorised `descend` loop (one lr per run, as an array), each run equal to a single
`runner.run` with that lr."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from optviz.engine.concepts_descent import RunGroup, descend
from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import Experiment, from_dict
from optviz.engine.surfaces import Surface, make_surface

METRICS = ("final_loss", "steps_to_tol")


@dataclass(frozen=True, eq=False)
class LRSweep:
    """One optimizer per row k, one learning rate per column i.

    final_loss: (k, n) loss at the last valid step (as a single run's loss[end_step])
    steps_to_tol: (k, n) first step with f − f* ≤ tol, −1 if never (needs known minima)
    diverged_at: (k, n) step at which the run diverged, −1 if it did not
    values: (k, n) the chosen metric, NaN where the run diverged or never got there
    divergence_edge: (k,) the smallest lr that diverged, NaN if none did
    loss_floor: f*, the lowest known minimum value of the surface (NaN if none is known)
    """

    labels: tuple[str, ...]
    lrs: np.ndarray
    metric: str
    tol: float
    final_loss: np.ndarray
    steps_to_tol: np.ndarray
    diverged_at: np.ndarray
    values: np.ndarray
    divergence_edge: np.ndarray
    start: tuple[float, float]
    steps: int
    surface_name: str
    loss_floor: float


def lr_sweep(
    experiment: Experiment | dict,
    lrs,
    metric: str = "final_loss",
    tol: float = 1e-6,
    should_stop: Callable[[], bool] | None = None,
) -> LRSweep:
    """Every enabled optimizer of `experiment` from its first start, once per lr in `lrs`.

    One vectorised loop for all optimizers × learning rates; schedules start from each lr.
    `experiment` may be an Experiment or its JSON dict (validated).
    """
    if isinstance(experiment, dict):
        experiment = from_dict(experiment)
    if metric not in METRICS:
        raise ExperimentError.of(
            "{path}: must be one of {options}, got {value}",
            path="metric",
            options=", ".join(METRICS),
            value=repr(metric),
        )
    lrs = np.asarray(lrs, dtype=np.float64)
    if lrs.ndim != 1 or not len(lrs) or not (np.isfinite(lrs) & (lrs > 0)).all():
        raise ExperimentError.of(
            "{path}: must be a non-empty list of positive learning rates", path="lrs"
        )
    surface = make_surface(experiment.surface)
    start = tuple(experiment.starts[0]) if experiment.starts else tuple(surface.start)
    specs = [o for o in experiment.optimizers if o.enabled]
    if not specs:
        raise ExperimentError.of("{path}: enable at least one optimizer", path="optimizers")
    lowest = _lowest_minimum(surface)
    if lowest is None and metric == "steps_to_tol":
        raise ExperimentError.of(
            "{path}: {metric} needs a surface with known minima",
            path="metric",
            metric="steps_to_tol",
        )
    target = None if lowest is None else lowest + float(tol)
    starts = np.tile(np.asarray(start, np.float64), (len(lrs), 1))
    found = descend(
        surface,
        [RunGroup(spec, starts, lrs) for spec in specs],
        experiment.steps,
        seed=experiment.seed,
        noise_sigma=experiment.noise_sigma,
        batch_size=experiment.batch_size,
        bound=experiment.bound,
        loss_target=target,
        should_stop=should_stop,
    )
    shape = (len(specs), len(lrs))
    diverged_at = found.diverged_at.reshape(shape)
    final_loss = found.final_loss.reshape(shape)
    if found.first_below is not None:
        steps_to_tol = found.first_below.reshape(shape)
    else:
        steps_to_tol = np.full(shape, -1)
    diverged = diverged_at >= 0
    if metric == "final_loss":
        values = np.where(diverged, np.nan, final_loss)
    else:
        values = np.where(diverged | (steps_to_tol < 0), np.nan, steps_to_tol.astype(float))
    edge = np.array([lrs[row].min() if row.any() else np.nan for row in diverged])
    return LRSweep(
        labels=tuple(spec.display_label for spec in specs),
        lrs=lrs,
        metric=metric,
        tol=float(tol),
        final_loss=final_loss,
        steps_to_tol=steps_to_tol,
        diverged_at=diverged_at,
        values=values,
        divergence_edge=edge,
        start=(float(start[0]), float(start[1])),
        steps=experiment.steps,
        surface_name=surface.name,
        loss_floor=np.nan if lowest is None else lowest,
    )


def _lowest_minimum(surface: Surface) -> float | None:
    if not surface.minima:
        return None
    points = np.asarray(surface.minima, np.float64)
    return float(np.min(surface.value(points[:, 0], points[:, 1])))

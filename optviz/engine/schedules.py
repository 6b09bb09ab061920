"""Learning-rate schedules with torch.optim.lr_scheduler / tf.keras names and semantics.

Step indexing: ``lr_at(step)`` is the learning rate of optimizer update number ``step + 1``,
so ``step`` counts the updates already taken. In torch that is the lr after ``step`` calls
of ``scheduler.step()`` (one per iteration); in keras it is ``schedule(optimizer.iterations)``.

``base_lr`` is the optimizer's learning rate: a float, or an array (a learning-rate sweep
passes shape (n, 1)); formulas broadcast, so ``lr_at`` returns base_lr's shape.

Import them from here. This module holds the registry (`SCHEDULES`, in menu order), the
linear warm-up any schedule can have in front (`WarmUp`) and `make_schedule`. The base
class is in `schedules_base`, the schedules themselves in `schedules_decay` (fixed decay
rules), `schedules_cyclic` (cosine and cycles) and `schedules_plateau` (follows the loss).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from optviz.engine.errors import ExperimentError
from optviz.engine.hyper import resolve
from optviz.engine.schedules_base import PATH, Schedule, _int, _positive
from optviz.engine.schedules_cyclic import Cosine, CosineWarmRestarts, Cyclic, OneCycle
from optviz.engine.schedules_decay import (
    Constant,
    Exponential,
    InverseTime,
    MultiStep,
    PiecewiseConstant,
    Polynomial,
    StepDecay,
)
from optviz.engine.schedules_plateau import ReduceOnPlateau

__all__ = [
    "Constant",
    "Cosine",
    "CosineWarmRestarts",
    "Cyclic",
    "Exponential",
    "InverseTime",
    "MultiStep",
    "OneCycle",
    "PATH",
    "PiecewiseConstant",
    "Polynomial",
    "ReduceOnPlateau",
    "SCHEDULES",
    "Schedule",
    "StepDecay",
    "WARMUP_HYPERPARAMETERS",
    "WarmUp",
    "list_schedules",
    "make_schedule",
]


WARMUP_HYPERPARAMETERS = (
    _int("warmup_steps", 0, 0, "steps of linear warm-up, 0 for none"),
    _positive("warmup_start_factor", 0.1, "first lr as a fraction of the schedule's", high=1),
)


class WarmUp(Schedule):
    """Linear warm-up in front of any schedule (torch: SequentialLR([LinearLR, inner], [W])).

    For t < W: lr = inner.lr_at(0) · (f + (1 − f) · t / W), so update 1 uses f times the
    inner schedule's first lr; from t = W the inner schedule starts at its own step 0:
    lr = inner.lr_at(t − W). Metadata is the inner schedule's, plus the warm-up keys.
    """

    def __init__(self, inner: Schedule, warmup_steps: int, warmup_start_factor: float):
        self.inner, self.base_lr = inner, inner.base_lr
        self.warmup_steps, self.start_factor = warmup_steps, warmup_start_factor
        self.params = {**inner.params, "warmup_steps": warmup_steps}
        self.params["warmup_start_factor"] = warmup_start_factor
        for key in ("name", "display_name", "torch_name", "keras_name", "stateful"):
            setattr(self, key, getattr(inner, key))
        self.hyperparameters = inner.hyperparameters + WARMUP_HYPERPARAMETERS
        self.formula = f"η_t = η(0)·(f + (1 − f)·t / W) for t < W, then {inner.formula}, t → t − W"

    def lr_at(self, step):
        if step >= self.warmup_steps:
            return self.inner.lr_at(step - self.warmup_steps)
        f = self.start_factor
        return self.inner.lr_at(0) * (f + (1 - f) * step / self.warmup_steps)

    def reset(self, n_runs: int) -> None:
        self.inner.reset(n_runs)

    def observe(self, step: int, loss: np.ndarray) -> None:
        """Losses during warm-up are not judged; the inner schedule counts from its step 0."""
        if step >= self.warmup_steps:
            self.inner.observe(step - self.warmup_steps, loss)


# --- registry, in menu order ----------------------------------------------------------------

_MENU = (Constant, StepDecay, MultiStep, Exponential, InverseTime, PiecewiseConstant)
_MENU += (Polynomial, Cosine, CosineWarmRestarts, Cyclic, OneCycle, ReduceOnPlateau)
SCHEDULES: dict[str, type[Schedule]] = {cls.name: cls for cls in _MENU}


def make_schedule(spec: dict[str, Any] | None, base_lr: float | np.ndarray) -> Schedule:
    """Build a schedule from its spec: {"name", its hyperparameters, optional warm-up keys}.

    None, {} and {"name": "constant"} all give the constant schedule.
    """
    spec = {} if spec is None else spec
    if not isinstance(spec, dict):
        raise ExperimentError.of(
            "{path}: must be an object with a name, got {value}", path=PATH, value=repr(spec)
        )
    params = dict(spec)
    name = params.pop("name", "constant")
    if not isinstance(name, str) or name not in SCHEDULES:
        known = ", ".join(SCHEDULES)
        raise ExperimentError.of(
            "{path}: unknown schedule {name} (known: {names})",
            path=f"{PATH}.name",
            name=repr(name),
            names=known,
        )
    warmup_keys = [h.name for h in WARMUP_HYPERPARAMETERS if h.name in params]
    warmup = resolve(WARMUP_HYPERPARAMETERS, {k: params.pop(k) for k in warmup_keys}, PATH)
    schedule = SCHEDULES[name](base_lr, **params)
    if warmup["warmup_steps"] == 0:
        return schedule
    return WarmUp(schedule, warmup["warmup_steps"], warmup["warmup_start_factor"])


def list_schedules() -> list[dict[str, Any]]:
    """Plain-data description of every schedule, for `optviz list`."""
    keys = ("name", "display_name", "torch_name", "keras_name", "formula")
    return [
        {**{key: getattr(cls, key) for key in keys}, "hyperparameters": _describe(cls)}
        for cls in SCHEDULES.values()
    ]


def _describe(cls: type[Schedule]) -> list[dict[str, Any]]:
    out = [h.describe() for h in cls.hyperparameters]
    for entry in out:  # list defaults are tuples (immutable); JSON wants lists
        if isinstance(entry["default"], tuple):
            entry["default"] = list(entry["default"])
    return out

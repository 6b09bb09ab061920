"""Schedules that decay by a fixed rule of the step.

Constant, step, multi-step, exponential, inverse-time, piecewise constant and polynomial.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import Any

import numpy as np

from optviz.engine.errors import ExperimentError
from optviz.engine.hyper import Hyper
from optviz.engine.schedules_base import PATH, Schedule, _flag, _int, _positive


def _whole_numbers(values: tuple, key: str, low: int, increasing: bool) -> tuple[int, ...]:
    """Turn a validated "floats" list into ints >= low (strictly increasing if asked)."""
    out: list[int] = []
    for i, value in enumerate(values):
        where = f"{PATH}.{key}[{i}]"
        if not float(value).is_integer():
            raise ExperimentError.of(
                "{path}: must be a whole number, got {value}", path=where, value=repr(value)
            )
        if value < low:
            raise ExperimentError.of(
                "{path}: must be >= {low}, got {value}", path=where, low=low, value=f"{value:g}"
            )
        if increasing and out and value <= out[-1]:
            raise ExperimentError.of(
                "{path}: must be greater than the one before, got {value}",
                path=where,
                value=f"{value:g}",
            )
        out.append(int(value))
    return tuple(out)


def _progress(step: int, params: dict[str, Any]) -> float:
    """t / decay_steps, floored when staircase (keras)."""
    p = step / params["decay_steps"]
    return math.floor(p) if params["staircase"] else p


GAMMA = _positive("gamma", 0.1, "multiplicative factor", symbol="γ")
STAIRCASE = _flag("staircase", "decay in whole steps: ⌊t / decay_steps⌋")


class Constant(Schedule):
    """The optimizer's learning rate, unchanged."""

    name = "constant"
    display_name = "Constant"
    formula = "η_t = η₀"

    def lr_at(self, step):
        return self.base_lr

    def values(self, steps: int) -> np.ndarray:
        return np.multiply.outer(np.asarray(self.base_lr, dtype=float), np.ones(steps))


class StepDecay(Schedule):
    """torch StepLR: multiply by gamma every step_size steps."""

    name = "step"
    display_name = "Step decay"
    torch_name = "StepLR"
    formula = "η_t = η₀ · γ^⌊t / step_size⌋"
    hyperparameters = (_int("step_size", 30, 1, "steps between decays"), GAMMA)

    def lr_at(self, step):
        return self.base_lr * self.params["gamma"] ** (step // self.params["step_size"])


class MultiStep(Schedule):
    """torch MultiStepLR: multiply by gamma at each milestone (a repeated one counts twice)."""

    name = "multistep"
    display_name = "Multi-step decay"
    torch_name = "MultiStepLR"
    formula = "η_t = η₀ · γ^(number of milestones ≤ t)"
    hyperparameters = (
        Hyper("milestones", (30, 80), kind="floats", tooltip="steps at which lr is multiplied"),
        GAMMA,
    )

    def _check(self, params):
        # torch keeps a Counter of milestones, so their order does not matter
        self.milestones = sorted(_whole_numbers(params["milestones"], "milestones", 1, False))

    def lr_at(self, step):
        return self.base_lr * self.params["gamma"] ** bisect_right(self.milestones, step)


class Exponential(Schedule):
    """keras ExponentialDecay; torch ExponentialLR(gamma) is decay_steps=1, decay_rate=gamma."""

    name = "exponential"
    display_name = "Exponential decay"
    torch_name = "ExponentialLR"
    keras_name = "ExponentialDecay"
    formula = "η_t = η₀ · rate^(t / decay_steps)   (⌊t / decay_steps⌋ if staircase)"
    hyperparameters = (
        _positive("decay_rate", 0.96, "factor per decay_steps steps"),
        _int("decay_steps", 10, 1, "steps per unit of decay"),
        STAIRCASE,
    )

    def lr_at(self, step):
        return self.base_lr * self.params["decay_rate"] ** _progress(step, self.params)


class InverseTime(Schedule):
    """keras InverseTimeDecay."""

    name = "inverse_time"
    display_name = "Inverse-time decay"
    keras_name = "InverseTimeDecay"
    formula = "η_t = η₀ / (1 + rate · t / decay_steps)   (⌊t / decay_steps⌋ if staircase)"
    hyperparameters = (
        Hyper("decay_rate", 0.5, low=0, tooltip="how fast the 1/t decay sets in"),
        _int("decay_steps", 10, 1, "steps per unit of decay"),
        STAIRCASE,
    )

    def lr_at(self, step):
        return self.base_lr / (1 + self.params["decay_rate"] * _progress(step, self.params))


class PiecewiseConstant(Schedule):
    """keras PiecewiseConstantDecay: absolute lrs (base_lr is ignored), t <= boundary inclusive."""

    name = "piecewise_constant"
    display_name = "Piecewise constant"
    keras_name = "PiecewiseConstantDecay"
    formula = "η_t = values[i] for boundaries[i−1] < t ≤ boundaries[i] (values[0] for t ≤ b₀)"
    hyperparameters = (
        Hyper("boundaries", (50, 100), kind="floats", tooltip="steps, strictly increasing"),
        Hyper("values", (0.1, 0.05, 0.01), kind="floats", low=0, tooltip="one per interval"),
    )

    def _check(self, params):
        self.boundaries = _whole_numbers(params["boundaries"], "boundaries", 0, True)
        self.lr_values = params["values"]
        if len(self.lr_values) != len(self.boundaries) + 1:
            raise ExperimentError.of(
                "{path}: must have one more entry than boundaries ({expected}), got {count}",
                path=f"{PATH}.values",
                expected=len(self.boundaries) + 1,
                count=len(self.lr_values),
            )

    def lr_at(self, step):
        # bisect_left counts the boundaries < step: the index keras picks
        return self._shaped(self.lr_values[bisect_left(self.boundaries, step)])


class Polynomial(Schedule):
    """keras PolynomialDecay (end_learning_rate is absolute).

    torch PolynomialLR(total_iters=T, power=p) is decay_steps=T, end_learning_rate=0.
    With cycle, decay_steps grows to the first multiple of itself that is >= t.
    """

    name = "polynomial"
    display_name = "Polynomial decay"
    torch_name = "PolynomialLR"
    keras_name = "PolynomialDecay"
    formula = "η_t = (η₀ − η_end)(1 − min(t, T) / T)^power + η_end,  T = decay_steps"
    hyperparameters = (
        _int("decay_steps", 100, 1, "steps to reach end_learning_rate"),
        Hyper("end_learning_rate", 1e-4, low=0, symbol="η_end", tooltip="absolute"),
        Hyper("power", 1.0, low=0, tooltip="1 is a straight line"),
        _flag("cycle", "restart the decay, each time over a longer span"),
    )

    def lr_at(self, step):
        p = self.params
        decay_steps = p["decay_steps"]
        if p["cycle"]:
            decay_steps *= 1 if step == 0 else math.ceil(step / decay_steps)
        else:
            step = min(step, decay_steps)
        end = p["end_learning_rate"]
        return (self.base_lr - end) * (1 - step / decay_steps) ** p["power"] + end

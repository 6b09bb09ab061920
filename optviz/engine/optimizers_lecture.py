"""The lecture flavour: Andrew Ng's notation (Deep Learning Specialization, course 2).

Exponentially weighted averages with β and (1 − β), started at 0; the step size is α.
Choices where the lectures leave room (each documented on its class):
- keyword names: ``learning_rate`` (α), ``beta`` (Momentum, RMSprop), ``beta1``/``beta2``
  and ``epsilon`` (Adam); ``alpha`` is avoided because torch's RMSprop uses it for β.
- ε sits outside the square root, √s + ε, as on the lecture slides; ε = 1e-8.
- RMSprop's β defaults to 0.9, the value of the course's tf.keras code (ρ = 0.9); the slides
  call it β₂ and the Adam slide suggests 0.999 for it.
- Momentum and RMSprop are not bias-corrected (the lectures say it is rarely needed there);
  Adam is. State keys are the lecture's letters: ``v`` (average of g), ``s`` (of g²).
"""

from __future__ import annotations

import numpy as np

from optviz.engine.optimizers import register
from optviz.engine.optimizers_base import Optimizer, eps_hyper, lr_hyper, rate_hyper


class LectureOptimizer(Optimizer):
    flavor = "lecture"
    lr_key = "learning_rate"


def _alpha(default: float):
    return lr_hyper(default, name="learning_rate", symbol="α")


_EPSILON = eps_hyper(1e-8, "epsilon")


@register
class SGD(LectureOptimizer):
    """Gradient descent: w ← w − α dw."""

    name = "sgd"
    display_name = "Gradient descent"
    hyperparameters = (_alpha(0.01),)
    equations = ("w ← w − α dw",)

    def _update(self, p, g, state):
        p -= self.lr * g


@register
class Momentum(LectureOptimizer):
    """Momentum: v ← β v + (1 − β) dw;  w ← w − α v  (v₀ = 0, no bias correction).

    Equals torch's SGD(momentum=β, dampening=β) with the same α except on the first step
    (torch starts its buffer at g, here v₁ = (1 − β) g).
    """

    name = "momentum"
    display_name = "Momentum"
    hyperparameters = (
        _alpha(0.01),
        rate_hyper("beta", 0.9, "β", "weight of the past in the average (≈ 1/(1 − β) steps)"),
    )
    state_keys = ("v",)
    equations = ("v ← β v + (1 − β) dw", "w ← w − α v")

    def _update(self, p, g, state):
        beta, v = self.hyper["beta"], state["v"]
        v *= beta
        v += (1 - beta) * g
        p -= self.lr * v


@register
class RMSprop(LectureOptimizer):
    """RMSprop: s ← β s + (1 − β) dw²;  w ← w − α dw / (√s + ε)  (s₀ = 0)."""

    name = "rmsprop"
    display_name = "RMSprop"
    hyperparameters = (
        _alpha(0.01),
        rate_hyper("beta", 0.9, "β", "weight of the past in the average of dw²"),
        _EPSILON,
    )
    state_keys = ("s",)
    equations = ("s ← β s + (1 − β) dw²", "w ← w − α dw / (√s + ε)")

    def _update(self, p, g, state):
        beta, s = self.hyper["beta"], state["s"]
        s *= beta
        s += (1 - beta) * g * g
        denom = np.sqrt(s)
        denom += self.hyper["epsilon"]
        p -= self.lr * g / denom


@register
class Adam(LectureOptimizer):
    """Adam with bias correction, ε outside the square root (the lecture form).

    v ← β₁ v + (1 − β₁) dw;  s ← β₂ s + (1 − β₂) dw²;  v̂ = v / (1 − β₁ᵗ);  ŝ = s / (1 − β₂ᵗ);
    w ← w − α v̂ / (√ŝ + ε)
    """

    name = "adam"
    display_name = "Adam"
    hyperparameters = (
        _alpha(0.001),
        rate_hyper("beta1", 0.9, "β₁", "weight of the past in the average of dw (momentum)"),
        rate_hyper("beta2", 0.999, "β₂", "weight of the past in the average of dw² (RMSprop)"),
        _EPSILON,
    )
    state_keys = ("v", "s")
    equations = (
        "v ← β₁ v + (1 − β₁) dw",
        "s ← β₂ s + (1 − β₂) dw²",
        "v̂ ← v / (1 − β₁ᵗ),  ŝ ← s / (1 − β₂ᵗ)",
        "w ← w − α v̂ / (√ŝ + ε)",
    )

    def _update(self, p, g, state):
        h, t = self.hyper, self.t
        b1, b2 = h["beta1"], h["beta2"]
        v, s = state["v"], state["s"]
        v *= b1
        v += (1 - b1) * g
        s *= b2
        s += (1 - b2) * g * g
        s_hat = s / (1 - b2**t)
        denom = np.sqrt(s_hat, out=s_hat)
        denom += h["epsilon"]
        p -= self.lr * (v / (1 - b1**t)) / denom

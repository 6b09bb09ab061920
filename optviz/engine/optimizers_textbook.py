"""The textbook flavour: *Deep Learning from Scratch* (Saito), ch. 6, ``common/optimizer.py``.

Each class does the book's arithmetic in the book's order, so a run reproduces the book's
figures to the last bit (tests/engine/test_optimizers_textbook.py replays the book's code).
The book fixes ε = 1e-7 in the code; it is not a hyperparameter there, nor here. State keys
are the book's attribute names: ``v`` (velocity), ``h`` (sum or average of g²), ``m``.
"""

from __future__ import annotations

import math

import numpy as np

from optviz.engine.optimizers import register
from optviz.engine.optimizers_base import Optimizer, lr_hyper, rate_hyper

EPS = 1e-7  # the book's hard-coded constant


class TextbookOptimizer(Optimizer):
    flavor = "textbook"
    lr_key = "lr"


_MOMENTUM = rate_hyper("momentum", 0.9, "α", "fraction of the velocity kept each step")


@register
class SGD(TextbookOptimizer):
    """SGD: W ← W − η ∂L/∂W."""

    name = "sgd"
    display_name = "SGD"
    hyperparameters = (lr_hyper(0.01),)
    equations = ("W ← W − η ∂L/∂W",)

    def _update(self, p, g, state):
        p -= self.lr * g


@register
class Momentum(TextbookOptimizer):
    """Momentum: v ← α v − η ∂L/∂W;  W ← W + v  (v₀ = 0)."""

    name = "momentum"
    display_name = "Momentum"
    hyperparameters = (lr_hyper(0.01), _MOMENTUM)
    state_keys = ("v",)
    equations = ("v ← α v − η ∂L/∂W", "W ← W + v")

    def _update(self, p, g, state):
        v = state["v"]
        v *= self.hyper["momentum"]
        v -= self.lr * g
        p += v


@register
class Nesterov(TextbookOptimizer):
    """Nesterov, as the book's code writes it (Bengio et al. 2012, arXiv:1212.0901).

    v ← α v − η g;  W ← W + α² v − (1 + α) η g
    """

    name = "nesterov"
    display_name = "Nesterov"
    hyperparameters = (lr_hyper(0.01), _MOMENTUM)
    state_keys = ("v",)
    equations = ("v ← α v − η ∂L/∂W", "W ← W + α² v − (1 + α) η ∂L/∂W")

    def _update(self, p, g, state):
        mu, v = self.hyper["momentum"], state["v"]
        v *= mu
        v -= self.lr * g
        p += mu * mu * v
        p -= (1 + mu) * self.lr * g


@register
class AdaGrad(TextbookOptimizer):
    """AdaGrad: h ← h + g ⊙ g;  W ← W − η g / (√h + 1e-7)."""

    name = "adagrad"
    display_name = "AdaGrad"
    hyperparameters = (lr_hyper(0.01),)
    state_keys = ("h",)
    equations = ("h ← h + ∂L/∂W ⊙ ∂L/∂W", "W ← W − η ∂L/∂W / (√h + ε)")

    def _update(self, p, g, state):
        h = state["h"]
        h += g * g
        denom = np.sqrt(h)
        denom += EPS
        p -= self.lr * g / denom


@register
class RMSprop(TextbookOptimizer):
    """RMSprop: h ← ρ h + (1 − ρ) g ⊙ g;  W ← W − η g / (√h + 1e-7)  (ρ = decay_rate)."""

    name = "rmsprop"
    display_name = "RMSprop"
    hyperparameters = (
        lr_hyper(0.01),
        rate_hyper("decay_rate", 0.99, "ρ", "decay rate of the running average of g²"),
    )
    state_keys = ("h",)
    equations = ("h ← ρ h + (1 − ρ) ∂L/∂W ⊙ ∂L/∂W", "W ← W − η ∂L/∂W / (√h + ε)")

    def _update(self, p, g, state):
        decay, h = self.hyper["decay_rate"], state["h"]
        h *= decay
        h += (1 - decay) * g * g
        denom = np.sqrt(h)
        denom += EPS
        p -= self.lr * g / denom


@register
class Adam(TextbookOptimizer):
    """Adam in the book's "ε-hat" form (the bias corrections fold into the step size).

    ηₜ = η √(1 − β₂ᵗ) / (1 − β₁ᵗ);  m ← m + (1 − β₁)(g − m);  v ← v + (1 − β₂)(g² − v);
    W ← W − ηₜ m / (√v + 1e-7)
    """

    name = "adam"
    display_name = "Adam"
    hyperparameters = (
        lr_hyper(0.001),
        rate_hyper("beta1", 0.9, "β₁", "decay rate of the running average of g"),
        rate_hyper("beta2", 0.999, "β₂", "decay rate of the running average of g²"),
    )
    state_keys = ("m", "v")
    equations = (
        "m ← m + (1 − β₁)(∂L/∂W − m)",
        "v ← v + (1 − β₂)(∂L/∂W² − v)",
        "ηₜ ← η √(1 − β₂ᵗ) / (1 − β₁ᵗ)",
        "W ← W − ηₜ m / (√v + ε)",
    )

    def _update(self, p, g, state):
        b1, b2, t = self.hyper["beta1"], self.hyper["beta2"], self.t
        lr_t = self.lr * math.sqrt(1.0 - b2**t) / (1.0 - b1**t)
        m, v = state["m"], state["v"]
        d = g - m
        d *= 1 - b1
        m += d
        d = g * g
        d -= v
        d *= 1 - b2
        v += d
        denom = np.sqrt(v)
        denom += EPS
        p -= lr_t * m / denom

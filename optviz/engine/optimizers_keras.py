"""The tf.keras flavour: Keras 3 (and tf.keras ≥ 2.11) update rules, defaults and names.

Sources, read line by line: keras-team/keras ``keras/src/optimizers/{sgd,adagrad,rmsprop,
adam}.py`` (``update_step``) and keras-team/tf-keras ``tf_keras/optimizers/*.py`` (the
2.11+ optimizers, same rules). Keras puts ε *inside* the square root for Adagrad and
RMSprop, √(v + ε), and uses the "ε-hat" form for Adam. The legacy tf.keras ≤ 2.10
optimizers (``optimizer_v2``) differ for Adagrad only: lr g / (√acc + ε).

State keys are the names Keras gives its optimizer variables: ``momentum`` (SGD's
velocity, Adam's first moment), ``velocity`` (RMSprop's and Adam's running g²),
``accumulator``, ``average_gradient``, ``velocity_hat``. Keras computes in float32 by
default; here every array keeps the parameter's dtype (float64 on the surfaces).
Keras' optional decoupled ``weight_decay`` and gradient clipping are not modelled.
"""

from __future__ import annotations

import math

import numpy as np

from optviz.engine.hyper import Hyper
from optviz.engine.optimizers import ALIASES, register
from optviz.engine.optimizers_base import Optimizer, eps_hyper, flag_hyper, lr_hyper, rate_hyper


def _learning_rate(default: float) -> Hyper:
    return lr_hyper(default, name="learning_rate")


_EPSILON = eps_hyper(
    1e-7, "epsilon", "ε-hat: small constant that keeps the denominator away from 0"
)


class KerasOptimizer(Optimizer):
    flavor = "keras"
    lr_key = "learning_rate"


@register
class SGD(KerasOptimizer):
    """keras.optimizers.SGD.

    momentum 0:  w ← w − η g
    momentum μ:  v ← μ v − η g;  w ← w + v    (nesterov: w ← w + μ v − η g, with the new v)
    """

    name = "sgd"
    display_name = "SGD"
    hyperparameters = (
        _learning_rate(0.01),
        rate_hyper("momentum", 0.0, "μ", "fraction of the velocity kept each step", closed=True),
        flag_hyper("nesterov", "look-ahead: w ← w + μ v − η g"),
    )
    state_keys = ("momentum",)
    equations = ("v ← μ v − η g", "w ← w + v")

    def _used_state_keys(self, hyper):
        # Keras creates no momentum variable for momentum 0 (and nesterov is then plain SGD)
        return type(self).state_keys if hyper["momentum"] != 0 else ()

    def _update(self, p, g, state):
        h = self.hyper
        mu, lr = h["momentum"], self.lr
        if mu == 0:
            p -= g * lr
            return
        v = state["momentum"]
        v *= mu
        v -= g * lr
        if h["nesterov"]:
            p += v * mu - g * lr
        else:
            p += v


@register
class Adagrad(KerasOptimizer):
    """keras.optimizers.Adagrad (ε inside the square root).

    acc ← acc + g²  (acc₀ = 0.1);  w ← w − η g / √(acc + ε)
    """

    name = "adagrad"
    display_name = "Adagrad"
    hyperparameters = (
        _learning_rate(0.001),
        Hyper(
            "initial_accumulator_value", 0.1, low=0, symbol="acc₀", tooltip="starting value of acc"
        ),
        _EPSILON,
    )
    state_keys = ("accumulator",)
    equations = ("acc ← acc + g²", "w ← w − η g / √(acc + ε)")

    def _init_state(self, p):
        return {"accumulator": np.full_like(p, self.hyper["initial_accumulator_value"])}

    def _update(self, p, g, state):
        acc = state["accumulator"]
        acc += g * g
        denom = acc + self.hyper["epsilon"]
        np.sqrt(denom, out=denom)
        p -= self.lr * g / denom


@register
class RMSprop(KerasOptimizer):
    """keras.optimizers.RMSprop (ε inside the square root).

    v ← ρ v + (1 − ρ) g²;  [ḡ ← ρ ḡ + (1 − ρ) g;  v' = v − ḡ²];  Δ = η g / √(v' + ε)
    without momentum w ← w − Δ;  with momentum m ← μ m + Δ, w ← w − m
    """

    name = "rmsprop"
    display_name = "RMSprop"
    hyperparameters = (
        _learning_rate(0.001),
        rate_hyper("rho", 0.9, "ρ", "decay rate of the running average of g²"),
        rate_hyper("momentum", 0.0, "μ", "momentum applied to the normalised step"),
        _EPSILON,
        flag_hyper("centered", "divide by the variance of g, not the mean of g²"),
    )
    state_keys = ("velocity", "momentum", "average_gradient")
    equations = ("v ← ρ v + (1 − ρ) g²", "w ← w − η g / √(v + ε)")

    def _used_state_keys(self, hyper):
        keep = {"velocity": True, "momentum": hyper["momentum"] > 0}
        keep["average_gradient"] = hyper["centered"]
        return tuple(key for key in type(self).state_keys if keep[key])

    def _update(self, p, g, state):
        h = self.hyper
        rho = h["rho"]
        v = state["velocity"]
        v *= rho
        v += (1 - rho) * (g * g)  # Keras: rho * v + (1 - rho) * square(g)
        if h["centered"]:
            average_gradient = state["average_gradient"]
            average_gradient *= rho
            average_gradient += (1 - rho) * g
            denom = v - average_gradient * average_gradient
            denom += h["epsilon"]
        else:
            denom = v + h["epsilon"]
        np.sqrt(denom, out=denom)
        increment = self.lr * g
        increment /= denom
        if h["momentum"] > 0:
            m = state["momentum"]
            m *= h["momentum"]
            m += increment
            p -= m
        else:
            p -= increment


@register
class Adam(KerasOptimizer):
    """keras.optimizers.Adam ("ε-hat" form: the bias corrections fold into the step size).

    m ← m + (1 − β₁)(g − m);  v ← v + (1 − β₂)(g² − v);  [v ← max(v̂, v)];
    ηₜ = η √(1 − β₂ᵗ) / (1 − β₁ᵗ);  w ← w − ηₜ m / (√v + ε)
    """

    name = "adam"
    display_name = "Adam"
    hyperparameters = (
        _learning_rate(0.001),
        rate_hyper("beta_1", 0.9, "β₁", "decay rate of the running average of g"),
        rate_hyper("beta_2", 0.999, "β₂", "decay rate of the running average of g²"),
        _EPSILON,
        flag_hyper("amsgrad", "divide by the largest v so far (AMSGrad)"),
    )
    state_keys = ("momentum", "velocity", "velocity_hat")
    equations = (
        "m ← β₁ m + (1 − β₁) g",
        "v ← β₂ v + (1 − β₂) g²",
        "ηₜ ← η √(1 − β₂ᵗ) / (1 − β₁ᵗ)",
        "w ← w − ηₜ m / (√v + ε)",
    )

    def _used_state_keys(self, hyper):
        return type(self).state_keys if hyper["amsgrad"] else type(self).state_keys[:2]

    def _update(self, p, g, state):
        h = self.hyper
        b1, b2, t = h["beta_1"], h["beta_2"], self.t
        alpha = self.lr * math.sqrt(1 - b2**t) / (1 - b1**t)
        m, v = state["momentum"], state["velocity"]
        d = g - m
        d *= 1 - b1
        m += d
        d = g * g
        d -= v
        d *= 1 - b2
        v += d
        if h["amsgrad"]:
            v = np.maximum(state["velocity_hat"], v, out=state["velocity_hat"])
        denom = np.sqrt(v)
        denom += h["epsilon"]
        p -= m * alpha / denom


ALIASES[("keras", "momentum")] = ("sgd", {"momentum": 0.9})
ALIASES[("keras", "nesterov")] = ("sgd", {"momentum": 0.9, "nesterov": True})

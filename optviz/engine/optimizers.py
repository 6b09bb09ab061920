"""Optimizers with torch.optim's names, defaults and semantics (PyTorch 2.x).

One class per optimizer. The same class serves the 2D surfaces (one parameter shaped
(n_starts, 2)) and the MLP (a list of weight arrays). Every operation is element-wise, so
hyperparameters such as ``lr`` may also be NumPy arrays that broadcast against the
parameters (a learning-rate sweep runs 100 learning rates as 100 rows of one array).

Other flavours (tf.keras, the textbook) live in their own modules and register here.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from optviz.engine.errors import ExperimentError
from optviz.engine.hyper import Hyper, resolve

Array = np.ndarray


class Optimizer:
    """Base class. Subclasses declare metadata and implement `_update`.

    params: list of arrays updated in place by `step(grads)`.
    state: one dict per parameter, torch's names (``exp_avg``, ``momentum_buffer`` ...).
    """

    name: ClassVar[str]
    flavor: ClassVar[str] = "torch"
    display_name: ClassVar[str]
    hyperparameters: ClassVar[tuple[Hyper, ...]]
    lr_key: ClassVar[str] = "lr"
    state_keys: ClassVar[tuple[str, ...]] = ()
    equations: ClassVar[tuple[str, ...]] = ()  # the update rule, one line each, UI symbols

    def __init__(self, params: list[Array], **hyper: Any):
        self.hyper = resolve(self.hyperparameters, hyper, self.name)
        self._check(self.hyper)
        self.params = params
        self.lr = self.hyper[self.lr_key]
        self.state: list[dict[str, Array]] = [{} for _ in params]
        self.t = 0  # number of steps taken

    def _check(self, hyper: dict[str, Any]) -> None:
        """Cross-field checks (e.g. nesterov needs momentum); raise ExperimentError."""

    def step(self, grads: list[Array]) -> None:
        """Apply one update with the current `self.lr`; parameters change in place."""
        self.t += 1
        for p, g, s in zip(self.params, grads, self.state, strict=True):
            self._update(p, g, s)

    def _update(self, p: Array, g: Array, state: dict[str, Array]) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """torch.optim.SGD.

    g ← g + λ w;  b ← μ b + (1 − τ) g  (b₁ = g);  g ← g + μ b if nesterov else b;  w ← w − η g
    """

    name = "sgd"
    display_name = "SGD"
    hyperparameters = (
        Hyper("lr", 1e-3, low=0, low_open=True, log=True, symbol="η", tooltip="learning rate"),
        Hyper("momentum", 0.0, low=0, high=1, high_open=True, symbol="μ"),
        Hyper("dampening", 0.0, low=0, high=1, symbol="τ"),
        Hyper("weight_decay", 0.0, low=0, symbol="λ", tooltip="L2 penalty added to the gradient"),
        Hyper("nesterov", False, kind="bool"),
    )
    state_keys = ("momentum_buffer",)
    equations = ("b ← μ b + (1 − τ) g", "w ← w − η b")

    def _check(self, hyper):
        if hyper["nesterov"] and (hyper["momentum"] <= 0 or hyper["dampening"] != 0):
            raise ExperimentError(f"{self.name}.nesterov: requires momentum > 0 and dampening 0")

    def _update(self, p, g, state):
        h = self.hyper
        if h["weight_decay"]:
            g = g + h["weight_decay"] * p
        mu = h["momentum"]
        if mu:
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = state["momentum_buffer"] = np.array(g, dtype=p.dtype, copy=True)
            else:
                buf *= mu
                buf += (1 - h["dampening"]) * g
            g = g + mu * buf if h["nesterov"] else buf
        p -= self.lr * g


# --- registry -----------------------------------------------------------------------------

OPTIMIZERS: dict[tuple[str, str], type[Optimizer]] = {}
# alias name -> (real name, default overrides), per flavour
ALIASES: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}


def register(cls: type[Optimizer]) -> type[Optimizer]:
    OPTIMIZERS[(cls.flavor, cls.name)] = cls
    return cls


register(SGD)
ALIASES[("torch", "momentum")] = ("sgd", {"momentum": 0.9})
ALIASES[("torch", "nesterov")] = ("sgd", {"momentum": 0.9, "nesterov": True})


def optimizer_class(name: str, flavor: str = "torch") -> tuple[type[Optimizer], dict[str, Any]]:
    """Class and alias defaults for an optimizer name; raises ExperimentError if unknown."""
    _load_flavours()
    if (flavor, name) in ALIASES:
        real, overrides = ALIASES[(flavor, name)]
        return OPTIMIZERS[(flavor, real)], dict(overrides)
    if (flavor, name) in OPTIMIZERS:
        return OPTIMIZERS[(flavor, name)], {}
    flavours = sorted({f for f, _ in OPTIMIZERS})
    if flavor not in flavours:
        raise ExperimentError(f"flavor: unknown flavour {flavor!r} (known: {', '.join(flavours)})")
    names = sorted({n for f, n in [*OPTIMIZERS, *ALIASES] if f == flavor})
    raise ExperimentError(f"name: unknown optimizer {name!r} (known: {', '.join(names)})")


def make_optimizer(
    name: str, params: list[Array], flavor: str = "torch", **hyper: Any
) -> Optimizer:
    """Build an optimizer by name (aliases such as ``momentum`` fill their defaults first)."""
    cls, overrides = optimizer_class(name, flavor)
    return cls(params, **{**overrides, **hyper})


def _load_flavours() -> None:
    """Import the modules that register the other flavours (kept lazy to avoid cycles)."""

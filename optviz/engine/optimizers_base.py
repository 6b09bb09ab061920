"""The base class of every optimizer, and the helpers the optimizer modules share.

One class per optimizer. The same class serves the 2D surfaces (one parameter shaped
(n_starts, 2)) and the MLP (a list of weight arrays). Every operation is element-wise, so
``lr`` may also be a NumPy array that broadcasts against the parameters (a learning-rate
sweep runs 100 learning rates as 100 rows of one array: lr (100, 1) against w (100, 2)).

Here: `Optimizer`, the in-place updates rounded like torch (`lerp_`, `ema_sq_`,
`weight_decay`) and the hyperparameter declarations (`lr_hyper`, `BETAS` ...) that give a
name the same bounds and tooltip in every flavour. The registry is `optviz.engine.optimizers`.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from optviz.engine.hyper import Hyper, resolve

Array = np.ndarray


class Optimizer:
    """Base class. Subclasses declare metadata and implement `_update`.

    params: list of arrays updated in place by `step(grads)`.
    state: one dict per parameter, torch's names (``exp_avg``, ``momentum_buffer`` ...),
    created on the first step. The class attribute `state_keys` lists every array an
    optimizer can keep; the instance attribute lists those this configuration keeps
    (SGD without momentum keeps no ``momentum_buffer``), each shaped like its parameter.
    """

    name: ClassVar[str]
    flavor: ClassVar[str] = "torch"
    display_name: ClassVar[str]
    hyperparameters: ClassVar[tuple[Hyper, ...]]
    lr_key: ClassVar[str] = "lr"
    state_keys: tuple[str, ...] = ()
    equations: ClassVar[tuple[str, ...]] = ()  # the update rule, one line each, UI symbols

    def __init__(self, params: list[Array], **hyper: Any):
        self.hyper = resolve(self.hyperparameters, hyper, self.name)
        self._check(self.hyper)
        self.params = params
        self.lr = self.hyper[self.lr_key]
        self.state_keys = self._used_state_keys(self.hyper)
        # Created now rather than on the first step (as torch does): the same values, and
        # a step has nothing to check. The runner may swap in arrays of its own buffers.
        self.state: list[dict[str, Any]] = [self._init_state(p) for p in params]
        self.t = 0  # number of steps taken
        self.wd = self.hyper.get("weight_decay", 0.0)  # tested before calling weight_decay

    def _check(self, hyper: dict[str, Any]) -> None:
        """Cross-field checks (e.g. nesterov needs momentum); raise ExperimentError."""

    def _used_state_keys(self, hyper: dict[str, Any]) -> tuple[str, ...]:
        """The state arrays this configuration keeps (default: all of `state_keys`)."""
        return type(self).state_keys

    def _init_state(self, p: Array) -> dict[str, Any]:
        """State of one parameter before its first update (default: zeros)."""
        return {key: np.zeros_like(p) for key in self.state_keys}

    def step(self, grads: list[Array]) -> None:
        """Apply one update with the current `self.lr`; parameters change in place."""
        self.t += 1
        if len(grads) == 1:  # the surfaces' case: skip the loop's overhead
            self._update(self.params[0], grads[0], self.state[0])
            return
        for p, g, s in zip(self.params, grads, self.state, strict=True):
            self._update(p, g, s)

    def _update(self, p: Array, g: Array, state: dict[str, Any]) -> None:
        raise NotImplementedError


def lerp_(m: Array, g: Array, weight: float) -> None:
    """m ← m + weight (g − m) in place, rounded like torch's ``lerp_`` (two branches)."""
    d = g - m
    if weight < 0.5:
        d *= weight
        m += d
    else:
        d *= 1 - weight
        np.subtract(g, d, out=m)


def ema_sq_(v: Array, g: Array, beta: float) -> None:
    """v ← β v + (1 − β) g² in place, rounded like torch's ``mul_(β).addcmul_(g, g)``."""
    v *= beta
    v += (1 - beta) * g * g


def weight_decay(opt: Optimizer, p: Array, g: Array, decoupled: bool = False) -> Array:
    """torch's weight decay: returns g + λ w, or (decoupled) shrinks w ← w (1 − η λ)."""
    wd = opt.hyper["weight_decay"]
    if wd and decoupled:
        p *= 1 - opt.lr * wd
    return g + wd * p if wd and not decoupled else g


# Shared hyperparameter declarations: same names, bounds and tooltips everywhere.
def lr_hyper(default: float, name: str = "lr", symbol: str = "η") -> Hyper:
    tip = "learning rate: how far each step moves"
    return Hyper(name, default, low=0, low_open=True, log=True, symbol=symbol, tooltip=tip)


def rate_hyper(name: str, default: float, symbol: str, tooltip: str, closed=False) -> Hyper:
    """A decay rate or momentum in [0, 1) ([0, 1] if closed)."""
    return Hyper(name, default, low=0, high=1, high_open=not closed, symbol=symbol, tooltip=tooltip)


def eps_hyper(default: float, name: str = "eps", tooltip: str = "") -> Hyper:
    tip = tooltip or "small constant added to the denominator to avoid division by zero"
    return Hyper(name, default, low=0, log=True, symbol="ε", tooltip=tip)


_BETAS_TIP = "decay rates of the running averages of the gradient and of its square"
BETAS = Hyper(
    "betas", (0.9, 0.999), "pair", 0, 1, high_open=True, symbol="β₁, β₂", tooltip=_BETAS_TIP
)
_L2 = "L2 penalty: λ w is added to the gradient"
_DECOUPLED = "decay the weights directly (w ← w (1 − η λ)) instead of adding λ w to g"


def weight_decay_hyper(default: float = 0.0, tooltip: str = _L2) -> Hyper:
    return Hyper("weight_decay", default, low=0, symbol="λ", tooltip=tooltip)


def flag_hyper(name: str, tooltip: str) -> Hyper:
    """An on/off switch; the equations panel writes it by its name."""
    return Hyper(name, False, kind="bool", symbol=name, tooltip=tooltip)

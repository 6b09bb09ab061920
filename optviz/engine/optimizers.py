"""Optimizers with torch.optim's names, defaults and semantics (PyTorch 2.x).

One class per optimizer. The same class serves the 2D surfaces (one parameter shaped
(n_starts, 2)) and the MLP (a list of weight arrays). Every operation is element-wise, so
``lr`` may also be a NumPy array that broadcasts against the parameters (a learning-rate
sweep runs 100 learning rates as 100 rows of one array: lr (100, 1) against w (100, 2)).

The order of the arithmetic follows torch's single-tensor code path, so float64 runs agree
with torch.optim to rounding (tests/engine/data/torch_golden.json). Scalars (bias
corrections, step sizes) are Python floats: a step is a handful of NumPy calls.

Other flavours (tf.keras, the textbook, the lecture notation) live in their own modules
and register here.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

import numpy as np

from optviz.engine.errors import ExperimentError
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


class SGD(Optimizer):
    """torch.optim.SGD.

    g ← g + λ w;  b ← μ b + (1 − τ) g  (b₁ = g);  g ← g + μ b if nesterov else b;  w ← w − η g
    """

    name = "sgd"
    display_name = "SGD"
    hyperparameters = (
        lr_hyper(1e-3),
        rate_hyper("momentum", 0.0, "μ", "fraction of the previous step kept (0 = plain SGD)"),
        rate_hyper("dampening", 0.0, "τ", "scales down the new gradient in the buffer", True),
        weight_decay_hyper(),
        flag_hyper("nesterov", "look-ahead: step along g + μ b instead of b"),
    )
    state_keys = ("momentum_buffer",)
    equations = ("b ← μ b + (1 − τ) g   (b₁ = g)", "w ← w − η b")

    def _check(self, hyper):
        if hyper["nesterov"] and (hyper["momentum"] <= 0 or hyper["dampening"] != 0):
            raise ExperimentError.of(
                "{path}: requires momentum > 0 and dampening 0", path=f"{self.name}.nesterov"
            )

    def _used_state_keys(self, hyper):
        return type(self).state_keys if hyper["momentum"] else ()

    def _update(self, p, g, state):
        h = self.hyper
        if self.wd:
            g = weight_decay(self, p, g)
        mu = h["momentum"]
        if mu:
            buf = state["momentum_buffer"]
            if self.t == 1:
                buf[...] = g  # torch starts the buffer at the first gradient, not at 0
            else:
                buf *= mu
                buf += (1 - h["dampening"]) * g if h["dampening"] else g
            g = g + mu * buf if h["nesterov"] else buf
        p -= self.lr * g


class Adagrad(Optimizer):
    """torch.optim.Adagrad.

    g ← g + λ w;  s ← s + g²;  w ← w − η / (1 + (t − 1) δ) · g / (√s + ε)
    """

    name = "adagrad"
    display_name = "Adagrad"
    hyperparameters = (
        lr_hyper(1e-2),
        Hyper("lr_decay", 0.0, low=0, symbol="δ", tooltip="η is divided by 1 + (t − 1) δ"),
        weight_decay_hyper(),
        Hyper("initial_accumulator_value", 0.0, low=0, symbol="s₀", tooltip="starting value of s"),
        eps_hyper(1e-10),
    )
    state_keys = ("sum",)
    equations = ("s ← s + g²", "w ← w − η g / (√s + ε)")

    def _init_state(self, p):
        return {"sum": np.full_like(p, self.hyper["initial_accumulator_value"])}

    def _update(self, p, g, state):
        h = self.hyper
        if self.wd:
            g = weight_decay(self, p, g)
        clr = self.lr / (1 + (self.t - 1) * h["lr_decay"])
        s = state["sum"]
        s += g * g
        std = np.sqrt(s)
        std += h["eps"]
        p -= clr * g / std


class RMSprop(Optimizer):
    """torch.optim.RMSprop (ε outside the square root; centered subtracts the mean²).

    v ← α v + (1 − α) g²;  [ḡ ← α ḡ + (1 − α) g;  v' = v − ḡ²];  d = √v' + ε;
    without momentum w ← w − η g / d;  with momentum b ← μ b + g / d, w ← w − η b
    """

    name = "rmsprop"
    display_name = "RMSprop"
    hyperparameters = (
        lr_hyper(1e-2),
        rate_hyper("alpha", 0.99, "α", "decay rate of the running average of g²"),
        eps_hyper(1e-8),
        weight_decay_hyper(),
        rate_hyper("momentum", 0.0, "μ", "momentum applied to the normalised step"),
        flag_hyper("centered", "divide by the variance of g, not the mean of g²"),
    )
    state_keys = ("square_avg", "grad_avg", "momentum_buffer")
    equations = ("v ← α v + (1 − α) g²", "w ← w − η g / (√v + ε)")

    def _used_state_keys(self, hyper):
        keep = {"square_avg": True, "grad_avg": hyper["centered"]}
        keep["momentum_buffer"] = hyper["momentum"] > 0
        return tuple(key for key in type(self).state_keys if keep[key])

    def _update(self, p, g, state):
        h = self.hyper
        if self.wd:
            g = weight_decay(self, p, g)
        alpha = h["alpha"]
        v = state["square_avg"]
        ema_sq_(v, g, alpha)
        if h["centered"]:
            grad_avg = state["grad_avg"]
            lerp_(grad_avg, g, 1 - alpha)
            denom = v - grad_avg * grad_avg
            np.sqrt(denom, out=denom)
        else:
            denom = np.sqrt(v)
        denom += h["eps"]
        if h["momentum"] > 0:
            buf = state["momentum_buffer"]
            buf *= h["momentum"]
            buf += g / denom
            p -= self.lr * buf
        else:
            p -= self.lr * g / denom


class Adam(Optimizer):
    """torch.optim.Adam (ε outside the square root of the bias-corrected v).

    m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²;  [v ← max(v_max, v)];
    w ← w − η · m / (1 − β₁ᵗ) / (√v / √(1 − β₂ᵗ) + ε)
    """

    name = "adam"
    display_name = "Adam"
    decoupled: ClassVar[bool] = False  # AdamW decays the weights instead of the gradient
    hyperparameters = (
        lr_hyper(1e-3),
        BETAS,
        eps_hyper(1e-8),
        weight_decay_hyper(),
        flag_hyper("amsgrad", "divide by the largest v so far (AMSGrad)"),
    )
    state_keys = ("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
    equations = (
        "m ← β₁ m + (1 − β₁) g",
        "v ← β₂ v + (1 − β₂) g²",
        "m̂ ← m / (1 − β₁ᵗ)",
        "v̂ ← v / (1 − β₂ᵗ)",
        "w ← w − η m̂ / (√v̂ + ε)",
    )

    def _used_state_keys(self, hyper):
        return type(self).state_keys if hyper["amsgrad"] else type(self).state_keys[:2]

    def _update(self, p, g, state):
        h = self.hyper
        b1, b2 = h["betas"]
        lr, t = self.lr, self.t
        if self.wd:
            g = weight_decay(self, p, g, self.decoupled)
        m, v = state["exp_avg"], state["exp_avg_sq"]
        lerp_(m, g, 1 - b1)
        ema_sq_(v, g, b2)
        if h["amsgrad"]:
            v = np.maximum(state["max_exp_avg_sq"], v, out=state["max_exp_avg_sq"])
        denom = np.sqrt(v)
        denom /= (1 - b2**t) ** 0.5
        denom += h["eps"]
        p -= lr / (1 - b1**t) * m / denom


class AdamW(Adam):
    """torch.optim.AdamW: Adam with decoupled weight decay, w ← w (1 − η λ) before the step."""

    name = "adamw"
    display_name = "AdamW"
    decoupled = True
    hyperparameters = tuple(
        weight_decay_hyper(1e-2, _DECOUPLED) if h.name == "weight_decay" else h
        for h in Adam.hyperparameters
    )
    equations = ("w ← w (1 − η λ)", *Adam.equations)


class NAdam(Optimizer):
    """torch.optim.NAdam (Dozat 2016, with torch's momentum schedule μₜ).

    μₜ = β₁ (1 − ½ · 0.96^(t ψ));  m, v as Adam;  v̂ = v / (1 − β₂ᵗ);
    w ← w − η (1 − μₜ) / (1 − Πμ₁..ₜ) · g / (√v̂ + ε) − η μₜ₊₁ / (1 − Πμ₁..ₜ₊₁) · m / (√v̂ + ε)
    """

    name = "nadam"
    display_name = "NAdam"
    hyperparameters = (
        lr_hyper(2e-3),
        BETAS,
        eps_hyper(1e-8),
        weight_decay_hyper(),
        Hyper("momentum_decay", 4e-3, low=0, symbol="ψ", tooltip="how fast μₜ warms up to β₁"),
        flag_hyper("decoupled_weight_decay", _DECOUPLED),
    )
    state_keys = ("exp_avg", "exp_avg_sq")
    equations = (
        "μₜ = β₁ (1 − ½ · 0.96^(t ψ))",
        "m ← β₁ m + (1 − β₁) g",
        "v ← β₂ v + (1 − β₂) g²",
        "v̂ ← v / (1 − β₂ᵗ)",
        "w ← w − η [(1 − μₜ) g / (1 − Πμ) + μₜ₊₁ m / (1 − Πμ·μₜ₊₁)] / (√v̂ + ε)",
    )

    def _init_state(self, p):
        # mu_product is a Python float (the product μ₁…μₜ), not an array to draw
        return {**super()._init_state(p), "mu_product": 1.0}

    def _update(self, p, g, state):
        h = self.hyper
        b1, b2 = h["betas"]
        lr, t, psi = self.lr, self.t, h["momentum_decay"]
        if self.wd:
            g = weight_decay(self, p, g, h["decoupled_weight_decay"])
        mu = b1 * (1.0 - 0.5 * (0.96 ** (t * psi)))
        mu_next = b1 * (1.0 - 0.5 * (0.96 ** ((t + 1) * psi)))
        mu_product = state["mu_product"] = state["mu_product"] * mu
        m, v = state["exp_avg"], state["exp_avg_sq"]
        lerp_(m, g, 1 - b1)
        ema_sq_(v, g, b2)
        denom = v / (1 - b2**t)
        np.sqrt(denom, out=denom)
        denom += h["eps"]
        p -= lr * (1.0 - mu) / (1.0 - mu_product) * g / denom
        p -= lr * mu_next / (1.0 - mu_product * mu_next) * m / denom


class RAdam(Optimizer):
    """torch.optim.RAdam (Liu et al. 2019): Adam once the variance estimate is reliable.

    ρ∞ = 2 / (1 − β₂) − 1;  ρₜ = ρ∞ − 2 t β₂ᵗ / (1 − β₂ᵗ);  m̂ = m / (1 − β₁ᵗ)
    ρₜ > 5: w ← w − η m̂ · r · √(1 − β₂ᵗ) / (√v + ε),  r = √((ρₜ−4)(ρₜ−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρₜ))
    otherwise (the first steps): w ← w − η m̂
    """

    name = "radam"
    display_name = "RAdam"
    hyperparameters = (
        lr_hyper(1e-3),
        BETAS,
        eps_hyper(1e-8),
        weight_decay_hyper(),
        flag_hyper("decoupled_weight_decay", _DECOUPLED),
    )
    state_keys = ("exp_avg", "exp_avg_sq")
    equations = (
        "m ← β₁ m + (1 − β₁) g",
        "v ← β₂ v + (1 − β₂) g²",
        "m̂ ← m / (1 − β₁ᵗ)",
        "ρₜ > 5:  w ← w − η r m̂ √(1 − β₂ᵗ) / (√v + ε)",
        "ρₜ ≤ 5:  w ← w − η m̂",
    )

    def _update(self, p, g, state):
        h = self.hyper
        b1, b2 = h["betas"]
        lr, t = self.lr, self.t
        if self.wd:
            g = weight_decay(self, p, g, h["decoupled_weight_decay"])
        m, v = state["exp_avg"], state["exp_avg_sq"]
        lerp_(m, g, 1 - b1)
        ema_sq_(v, g, b2)
        bias_correction2 = 1 - b2**t
        step = m / (1 - b1**t)
        step *= lr
        rho_inf = 2 / (1 - b2) - 1
        rho_t = rho_inf - 2 * t * (b2**t) / bias_correction2
        if rho_t > 5.0:  # torch's threshold: below it the variance estimate is too noisy
            adaptive = np.sqrt(v)
            adaptive += h["eps"]
            np.reciprocal(adaptive, out=adaptive)  # torch computes scalar / tensor this way
            adaptive *= bias_correction2**0.5
            step *= adaptive
            rect = (rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t)
            step *= rect**0.5
        p -= step


class Adadelta(Optimizer):
    """torch.optim.Adadelta (Zeiler 2012): steps in the units of w, η only scales them.

    v ← ρ v + (1 − ρ) g²;  Δ = √(u + ε) / √(v + ε) · g;  u ← ρ u + (1 − ρ) Δ²;  w ← w − η Δ
    """

    name = "adadelta"
    display_name = "Adadelta"
    hyperparameters = (
        lr_hyper(1.0),
        rate_hyper("rho", 0.9, "ρ", "decay rate of the running averages", closed=True),
        eps_hyper(1e-6),
        weight_decay_hyper(),
    )
    state_keys = ("square_avg", "acc_delta")
    equations = (
        "v ← ρ v + (1 − ρ) g²",
        "Δ ← √(u + ε) / √(v + ε) · g",
        "u ← ρ u + (1 − ρ) Δ²",
        "w ← w − η Δ",
    )

    def _update(self, p, g, state):
        h = self.hyper
        if self.wd:
            g = weight_decay(self, p, g)
        rho, eps = h["rho"], h["eps"]
        v, u = state["square_avg"], state["acc_delta"]
        ema_sq_(v, g, rho)
        std = v + eps
        np.sqrt(std, out=std)
        delta = u + eps
        np.sqrt(delta, out=delta)
        delta /= std
        delta *= g
        ema_sq_(u, delta, rho)
        p -= self.lr * delta


class Adamax(Optimizer):
    """torch.optim.Adamax: Adam with the infinity norm in place of √v.

    m ← β₁ m + (1 − β₁) g;  u ← max(β₂ u, |g| + ε);  w ← w − η / (1 − β₁ᵗ) · m / u
    """

    name = "adamax"
    display_name = "Adamax"
    hyperparameters = (lr_hyper(2e-3), BETAS, eps_hyper(1e-8), weight_decay_hyper())
    state_keys = ("exp_avg", "exp_inf")
    equations = ("m ← β₁ m + (1 − β₁) g", "u ← max(β₂ u, |g| + ε)", "w ← w − η m / ((1 − β₁ᵗ) u)")

    def _update(self, p, g, state):
        h = self.hyper
        b1, b2 = h["betas"]
        if self.wd:
            g = weight_decay(self, p, g)
        m, u = state["exp_avg"], state["exp_inf"]
        lerp_(m, g, 1 - b1)
        u *= b2
        abs_g = np.abs(g)
        abs_g += h["eps"]
        np.maximum(u, abs_g, out=u)
        p -= self.lr / (1 - b1**self.t) * m / u


# --- registry -----------------------------------------------------------------------------

OPTIMIZERS: dict[tuple[str, str], type[Optimizer]] = {}
# alias name -> (real name, default overrides), per flavour
ALIASES: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
FLAVOUR_MODULES = ("keras", "textbook", "lecture")  # optviz.engine.optimizers_<flavour>


def register(cls: type[Optimizer]) -> type[Optimizer]:
    OPTIMIZERS[(cls.flavor, cls.name)] = cls
    return cls


for _cls in (SGD, Adagrad, RMSprop, Adam, AdamW, NAdam, RAdam, Adadelta, Adamax):
    register(_cls)
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
        raise ExperimentError.of(
            "{path}: unknown flavour {name} (known: {names})",
            path="flavor",
            name=repr(flavor),
            names=", ".join(flavours),
        )
    names = sorted({n for f, n in [*OPTIMIZERS, *ALIASES] if f == flavor})
    raise ExperimentError.of(
        "{path}: unknown optimizer {name} (known: {names})",
        path="name",
        name=repr(name),
        names=", ".join(names),
    )


def make_optimizer(
    name: str, params: list[Array], flavor: str = "torch", **hyper: Any
) -> Optimizer:
    """Build an optimizer by name (aliases such as ``momentum`` fill their defaults first)."""
    cls, overrides = optimizer_class(name, flavor)
    return cls(params, **{**overrides, **hyper})


def list_optimizers() -> list[dict[str, Any]]:
    """Every (flavour, name), aliases included, as plain data for `optviz list`."""
    _load_flavours()
    out = []
    for flavor in ("torch", *FLAVOUR_MODULES):
        names = [n for f, n in OPTIMIZERS if f == flavor] + [n for f, n in ALIASES if f == flavor]
        for name in names:
            cls, overrides = optimizer_class(name, flavor)
            hypers = []
            for h in cls.hyperparameters:
                described = h.describe()
                described["default"] = overrides.get(h.name, h.default)
                hypers.append(described)
            out.append(
                {
                    "flavor": flavor,
                    "name": name,
                    "display_name": cls.display_name,
                    "lr_key": cls.lr_key,
                    "hyperparameters": hypers,
                    "equations": list(cls.equations),
                }
            )
    return out


def _load_flavours() -> None:
    """Import the modules that register the other flavours (kept lazy to avoid cycles)."""
    for flavour in FLAVOUR_MODULES:
        importlib.import_module(f"optviz.engine.optimizers_{flavour}")

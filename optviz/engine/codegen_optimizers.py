"""The torch.optim and tf.keras.optimizers call for an optimizer of any flavour.

A call that takes the same steps as optviz's optimizer (at a constant learning rate, up to
rounding) has `exact` set; one that differs carries notes naming the difference (where ε
sits, how the momentum buffer starts, what has no equivalent).
"""

from __future__ import annotations

from typing import Any

from optviz.engine.codegen_call import KERAS_OPTIM, TORCH_OPTIM, Call, tidy
from optviz.engine.experiment import OptimizerSpec
from optviz.engine.optimizers import optimizer_class

TORCH_CLASSES = {
    "sgd": "SGD", "adagrad": "Adagrad", "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW",
    "nadam": "NAdam", "radam": "RAdam", "adadelta": "Adadelta", "adamax": "Adamax",
}  # fmt: skip
KERAS_CLASSES = {
    "sgd": "SGD", "adagrad": "Adagrad", "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW",
    "nadam": "Nadam", "radam": "Adam", "adadelta": "Adadelta", "adamax": "Adamax",
}  # fmt: skip

EPS_HAT = (
    "keras' epsilon is 'ε-hat', added to √v before the bias correction; torch adds eps to √v̂ "
    "after it. Same value, nearly the same steps; they coincide as ε → 0."
)
EPS_INSIDE = "keras puts epsilon inside the square root, g / √(v + ε); torch outside, g / (√v + ε)."
MOMENTUM_LR = (
    "With a learning-rate schedule, torch scales the whole buffer by the current lr while "
    "keras keeps each past step at the lr it was taken with."
)
L2_VS_DECOUPLED = (
    "torch weight_decay adds λ w to the gradient (L2); keras' weight_decay shrinks w directly "
    "(decoupled, as AdamW). Without momentum or adaptive scaling the two agree."
)


def _given_or_set(spec: OptimizerSpec) -> tuple[type, dict[str, Any], list[str]]:
    """Class, resolved values, and the names worth writing: given, alias-set, or not off."""
    cls, overrides = optimizer_class(spec.name, spec.flavor)
    values = spec.resolved()
    explicit = set(spec.hyper) | set(overrides)
    keys = [
        h.name
        for h in cls.hyperparameters
        if h.name != cls.lr_key and (h.name in explicit or values[h.name] not in (0, False))
    ]
    return cls, values, keys


def _torch(name: str, kwargs: dict[str, Any], notes=(), exact=True) -> Call:
    items = tuple(kwargs.items())
    return Call(TORCH_OPTIM + TORCH_CLASSES[name], ("params",), items, tuple(notes), exact)


def _keras(name: str, kwargs: dict[str, Any], notes=(), exact=True) -> Call:
    return Call(KERAS_OPTIM + KERAS_CLASSES[name], (), tuple(kwargs.items()), tuple(notes), exact)


def torch_optimizer(spec: OptimizerSpec) -> Call:
    """The torch.optim call closest to `spec` (any flavour)."""
    cls, h, keys = _given_or_set(spec)
    if spec.flavor == "torch":
        return _torch(cls.name, {"lr": h["lr"], **{k: h[k] for k in keys}})
    if spec.flavor == "keras":
        return _torch_from_keras(cls.name, h, keys)
    if spec.flavor == "textbook":
        return _torch_from_textbook(cls.name, h)
    return _torch_from_lecture(cls.name, h)


def keras_optimizer(spec: OptimizerSpec) -> Call:
    """The tf.keras.optimizers call closest to `spec` (any flavour)."""
    cls, h, keys = _given_or_set(spec)
    if spec.flavor == "keras":
        return _keras(cls.name, {"learning_rate": h["learning_rate"], **{k: h[k] for k in keys}})
    if spec.flavor == "torch":
        return _keras_from_torch(cls.name, h)
    if spec.flavor == "textbook":
        return _keras_from_textbook(cls.name, h)
    return _keras_from_lecture(cls.name, h)


def _torch_from_keras(name: str, h: dict, keys: list[str]) -> Call:
    lr = h["learning_rate"]
    if name == "sgd":
        kwargs = {"lr": lr, "momentum": h["momentum"], "nesterov": h["nesterov"]}
        kwargs = {k: v for k, v in kwargs.items() if k == "lr" or v}
        notes = [MOMENTUM_LR] if h["momentum"] else []
        return _torch("sgd", kwargs, notes)
    if name == "adagrad":
        kwargs = {"lr": lr, "initial_accumulator_value": h["initial_accumulator_value"]}
        return _torch(name, {**kwargs, "eps": h["epsilon"]}, [EPS_INSIDE], exact=False)
    if name == "rmsprop":
        kwargs = {"lr": lr, "alpha": h["rho"], "eps": h["epsilon"]}
        kwargs.update({k: h[k] for k in ("momentum", "centered") if h[k]})
        return _torch(name, kwargs, [EPS_INSIDE], exact=False)
    kwargs = {"lr": lr, "betas": (h["beta_1"], h["beta_2"]), "eps": h["epsilon"]}
    if h["amsgrad"]:
        kwargs["amsgrad"] = True
    return _torch(name, kwargs, [EPS_HAT], exact=False)


def _keras_from_torch(name: str, h: dict) -> Call:
    lr, wd = h["lr"], h.get("weight_decay", 0.0)
    notes: list[str] = []
    exact = not wd  # optviz's keras flavour models no weight decay: never claim it
    if name == "sgd":
        kwargs = {"learning_rate": lr, "momentum": h["momentum"], "nesterov": h["nesterov"]}
        kwargs = {k: v for k, v in kwargs.items() if k == "learning_rate" or v}
        if h["momentum"]:
            notes.append(MOMENTUM_LR)
        if h["dampening"]:
            notes.append(
                f"keras has no dampening: its momentum is torch's with dampening=0; "
                f"dampening={h['dampening']!r} scales new gradients in the buffer by "
                f"{tidy(1 - h['dampening'])!r} (after the first step)."
            )
            exact = False
        if wd:
            kwargs["weight_decay"] = wd
            notes.append(L2_VS_DECOUPLED)
        return _keras(name, kwargs, notes, exact)
    if name == "adagrad":
        kwargs = {
            "learning_rate": lr,
            "initial_accumulator_value": h["initial_accumulator_value"],
            "epsilon": h["eps"],
        }
        notes.append(EPS_INSIDE + " keras' default initial_accumulator_value is 0.1, torch's 0.")
        if h["lr_decay"]:
            notes.append(
                "keras has no lr_decay; the same decay is the learning rate "
                f"InverseTimeDecay(initial_learning_rate={lr!r}, decay_steps=1, "
                f"decay_rate={h['lr_decay']!r})."
            )
        exact = False
    elif name == "rmsprop":
        kwargs = {"learning_rate": lr, "rho": h["alpha"], "epsilon": h["eps"]}
        kwargs.update({k: h[k] for k in ("momentum", "centered") if h[k]})
        notes.append(EPS_INSIDE)
        exact = False
    elif name == "adadelta":
        kwargs = {"learning_rate": lr, "rho": h["rho"], "epsilon": h["eps"]}
        notes.append("Same update rule; keras' defaults differ (learning_rate 0.001, ε 1e-7).")
    else:  # the Adam family
        kwargs = {"learning_rate": lr}
        decoupled = name == "adamw" or h.get("decoupled_weight_decay", False)
        if wd and decoupled:  # both frameworks: w ← w (1 − η λ) before the step
            kwargs["weight_decay"] = wd
        kwargs.update({"beta_1": h["betas"][0], "beta_2": h["betas"][1], "epsilon": h["eps"]})
        if h.get("amsgrad"):
            kwargs["amsgrad"] = True
        notes.append(_ADAM_FAMILY_NOTES[name])
        exact = False
    if wd and "weight_decay" not in kwargs:
        notes.append(
            "torch weight_decay adds λ w to the gradient (L2); keras has no such option "
            "(its weight_decay is decoupled, as AdamW): add an L2 regulariser to the model."
        )
    return _keras(name, kwargs, notes, exact)


_ADAM_FAMILY_NOTES = {
    "adam": EPS_HAT,
    "adamw": EPS_HAT,
    "nadam": (
        "keras Nadam warms its momentum up as β₁(1 − ½·0.96ᵗ); torch as β₁(1 − ½·0.96^(t·ψ)), "
        "ψ = momentum_decay: different steps, most of all early on."
    ),
    "radam": (
        "keras has no RAdam; Adam is the closest. RAdam's first steps (ρₜ ≤ 5) are plain "
        "momentum steps, later ones Adam steps scaled by the rectification r."
    ),
    "adamax": (
        "keras adds epsilon to the norm, m / (u + ε) with u = max(β₂ u, |g|); torch inside "
        "the max, u = max(β₂ u, |g| + ε)."
    ),
}


def _torch_from_textbook(name: str, h: dict) -> Call:
    lr = h["lr"]
    if name == "sgd":
        return _torch("sgd", {"lr": lr})
    if name == "momentum":
        return _torch("sgd", {"lr": lr, "momentum": h["momentum"]})
    if name == "nesterov":
        return _torch(
            "sgd",
            {"lr": lr, "momentum": h["momentum"], "nesterov": True},
            [
                "The book updates v first and then takes W += α² v − (1 + α) η g with the new v; "
                "torch steps along g + μ b. Both look ahead; the steps differ."
            ],  # fmt: skip
            exact=False,
        )
    if name == "adagrad":
        return _torch(name, {"lr": lr, "eps": 1e-07})
    if name == "rmsprop":
        return _torch(name, {"lr": lr, "alpha": h["decay_rate"], "eps": 1e-07})
    betas = (h["beta1"], h["beta2"])
    notes = ["The book's Adam is the keras form: " + EPS_HAT]
    return _torch("adam", {"lr": lr, "betas": betas, "eps": 1e-07}, notes, exact=False)


def _keras_from_textbook(name: str, h: dict) -> Call:
    lr = h["lr"]
    if name == "sgd":
        return _keras("sgd", {"learning_rate": lr})
    if name == "momentum":
        return _keras("sgd", {"learning_rate": lr, "momentum": h["momentum"]})
    if name == "nesterov":
        note = (
            "The book updates v first and then takes W += α² v − (1 + α) η g with the new v; "
            "keras takes w += μ v − η g. Both look ahead; the steps differ."
        )
        kwargs = {"learning_rate": lr, "momentum": h["momentum"], "nesterov": True}
        return _keras("sgd", kwargs, [note], exact=False)
    if name == "adagrad":
        kwargs = {"learning_rate": lr, "initial_accumulator_value": 0.0, "epsilon": 1e-07}
        return _keras(name, kwargs, ["The book: g / (√h + 1e-7). " + EPS_INSIDE], exact=False)
    if name == "rmsprop":
        kwargs = {"learning_rate": lr, "rho": h["decay_rate"], "epsilon": 1e-07}
        return _keras(name, kwargs, ["The book: g / (√h + 1e-7). " + EPS_INSIDE], exact=False)
    kwargs = {"learning_rate": lr, "beta_1": h["beta1"], "beta_2": h["beta2"], "epsilon": 1e-07}
    return _keras("adam", kwargs)


def _lecture_momentum(h: dict, lr_key: str) -> tuple[dict, list[str]]:
    alpha, beta = h["learning_rate"], h["beta"]
    note = (
        f"Lecture momentum v = β v + (1 − β) dw, w −= α v is this buffer times (1 − β): "
        f"the same steps with lr = α(1 − β) = {alpha!r} × (1 − {beta!r})."
    )
    return {lr_key: tidy(alpha * (1 - beta)), "momentum": beta}, [note]


def _torch_from_lecture(name: str, h: dict) -> Call:
    alpha = h["learning_rate"]
    if name == "sgd":
        return _torch("sgd", {"lr": alpha})
    if name == "momentum":
        kwargs, notes = _lecture_momentum(h, "lr")
        notes.append(
            f"SGD(lr={alpha!r}, momentum={h['beta']!r}, dampening={h['beta']!r}) follows the "
            "lecture's rule except at the first step (torch starts its buffer at b₁ = g, not "
            "(1 − β) g), so its path differs a little."
        )
        return _torch("sgd", kwargs, notes)
    if name == "rmsprop":
        return _torch(name, {"lr": alpha, "alpha": h["beta"], "eps": h["epsilon"]})
    kwargs = {"lr": alpha, "betas": (h["beta1"], h["beta2"]), "eps": h["epsilon"]}
    return _torch("adam", kwargs)


def _keras_from_lecture(name: str, h: dict) -> Call:
    alpha = h["learning_rate"]
    if name == "sgd":
        return _keras("sgd", {"learning_rate": alpha})
    if name == "momentum":
        kwargs, notes = _lecture_momentum(h, "learning_rate")
        return _keras("sgd", kwargs, [*notes, MOMENTUM_LR])
    if name == "rmsprop":
        kwargs = {"learning_rate": alpha, "rho": h["beta"], "epsilon": h["epsilon"]}
        return _keras(name, kwargs, ["The lecture: dw / (√s + ε). " + EPS_INSIDE], exact=False)
    kwargs = {"learning_rate": alpha, "beta_1": h["beta1"], "beta_2": h["beta2"]}
    notes = ["The lecture's Adam is torch's form. " + EPS_HAT]
    return _keras("adam", {**kwargs, "epsilon": h["epsilon"]}, notes, exact=False)

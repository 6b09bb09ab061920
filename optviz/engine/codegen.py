"""Copy as code: an experiment's optimizers as torch.optim and tf.keras calls.

Every enabled optimizer becomes one self-contained block (parameters, optimizer, schedule)
that a student can paste into a notebook. The mapping between flavours is honest: a call
that takes the same steps as optviz (at a constant learning rate, up to rounding) says so;
one that differs carries a comment naming the difference (where ε sits, how the momentum
buffer starts, what has no equivalent). tests/engine/test_codegen.py replays every "same
steps" claim with optviz's own optimizers.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from optviz.engine.experiment import Experiment, OptimizerSpec
from optviz.engine.optimizers import optimizer_class
from optviz.engine.schedules import Schedule, WarmUp, make_schedule

TORCH_CLASSES = {
    "sgd": "SGD", "adagrad": "Adagrad", "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW",
    "nadam": "NAdam", "radam": "RAdam", "adadelta": "Adadelta", "adamax": "Adamax",
}  # fmt: skip
KERAS_CLASSES = {
    "sgd": "SGD", "adagrad": "Adagrad", "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW",
    "nadam": "Nadam", "radam": "Adam", "adadelta": "Adadelta", "adamax": "Adamax",
}  # fmt: skip
TORCH_OPTIM = "torch.optim."
TORCH_SCHED = "torch.optim.lr_scheduler."
KERAS_OPTIM = "tf.keras.optimizers."
KERAS_SCHED = "tf.keras.optimizers.schedules."

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


class Code(str):
    """A keyword value written verbatim (a variable name or a lambda), not as a literal."""


@dataclass(frozen=True)
class Call:
    """One constructor call of the snippet, with what a reader must know about it.

    exact: the call takes the same steps as optviz's optimizer at a constant learning rate.
    """

    function: str  # "torch.optim.Adam"
    args: tuple[str, ...] = ()  # positional arguments, as code
    kwargs: tuple[tuple[str, Any], ...] = ()
    notes: tuple[str, ...] = ()
    exact: bool = True

    def code(self) -> str:
        parts = [*self.args, *(f"{key}={literal(value)}" for key, value in self.kwargs)]
        return f"{self.function}({', '.join(parts)})"


def literal(value: Any) -> str:
    """Python source for a value: 1e-08, (0.9, 0.999), True, "cos"."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, bool | int):
        return repr(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"no literal for {value!r}")


def tidy(x: float) -> float:
    """A computed number without float noise: 0.01 * (1 - 0.9) → 0.001."""
    return float(f"{x:.12g}")


# --- optimizers -----------------------------------------------------------------------------


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


def _lr_scale(spec: OptimizerSpec) -> float:
    """Factor from optviz's lr to the generated call's lr (lecture momentum: 1 − β)."""
    if spec.flavor == "lecture" and optimizer_class(spec.name, spec.flavor)[0].name == "momentum":
        return 1 - spec.resolved()["beta"]
    return 1.0


# --- schedules --------------------------------------------------------------------------------


def _inner(schedule: Schedule) -> Schedule:
    return schedule.inner if isinstance(schedule, WarmUp) else schedule


def _lambda_lr(body: str, note: str) -> Call:
    kwargs = (("lr_lambda", Code(f"lambda t: {body}")),)
    return Call(TORCH_SCHED + "LambdaLR", ("optimizer",), kwargs, (note,))


def _non_default(p: dict, defaults: dict) -> tuple[tuple[str, Any], ...]:
    return tuple((k, p[k]) for k, default in defaults.items() if p[k] != default)


def torch_scheduler(schedule: Schedule, lr: float, steps: int) -> Call | None:
    """The torch.optim.lr_scheduler call for one schedule (without its warm-up).

    `lr` is the optimizer's learning rate in the generated call; `schedule` was built on it,
    so its absolute values (end, max and min learning rates) are in the same units.
    """
    p, name, opt = schedule.params, schedule.name, ("optimizer",)
    sched = TORCH_SCHED
    if name == "constant":
        return None
    if name == "step":
        return Call(sched + "StepLR", opt, (("step_size", p["step_size"]), ("gamma", p["gamma"])))
    if name == "multistep":
        kwargs = (("milestones", list(schedule.milestones)), ("gamma", p["gamma"]))
        return Call(sched + "MultiStepLR", opt, kwargs)
    if name == "exponential":
        rate, every = p["decay_rate"], p["decay_steps"]
        if every == 1:
            return Call(sched + "ExponentialLR", opt, (("gamma", rate),))
        if p["staircase"]:
            return Call(sched + "StepLR", opt, (("step_size", every), ("gamma", rate)))
        gamma = Code(f"{rate!r} ** (1 / {every})")
        return Call(sched + "ExponentialLR", opt, (("gamma", gamma),))
    if name == "inverse_time":
        rate, every = p["decay_rate"], p["decay_steps"]
        progress = f"(t // {every})" if p["staircase"] else f"t / {every}"
        body = f"1 / (1 + {rate!r} * {progress})"
        return _lambda_lr(body, "torch has no InverseTimeDecay: LambdaLR multiplies lr by it.")
    if name == "piecewise_constant":
        values = [tidy(v) for v in schedule.lr_values]
        boundaries = list(schedule.boundaries)
        body = f"{values}[sum(t > b for b in {boundaries})] / {lr!r}"
        note = "torch has no PiecewiseConstantDecay: LambdaLR multiplies lr by value / lr."
        return _lambda_lr(body, note)
    if name == "polynomial":
        every, end, power = p["decay_steps"], tidy(p["end_learning_rate"]), p["power"]
        if end == 0 and not p["cycle"]:
            kwargs = (("total_iters", every), ("power", power))
            return Call(sched + "PolynomialLR", opt, kwargs)
        span = f"({every} * max(1, -(-t // {every})))" if p["cycle"] else str(every)
        done = f"t / {span}" if p["cycle"] else f"min(t, {every}) / {every}"
        body = f"(({lr!r} - {end!r}) * (1 - {done}) ** {power!r} + {end!r}) / {lr!r}"
        note = "torch's PolynomialLR decays to 0 without cycles: LambdaLR gives keras' form."
        return _lambda_lr(body, note)
    if name == "cosine":
        kwargs = (("T_max", p["T_max"]), *_non_default({"eta_min": tidy(p["eta_min"])}, {}))
        kwargs = tuple((k, v) for k, v in kwargs if k == "T_max" or v)
        return Call(sched + "CosineAnnealingLR", opt, kwargs)
    if name == "cosine_warm_restarts":
        kwargs = (("T_0", p["T_0"]), *_non_default(p, {"T_mult": 1, "eta_min": 0.0}))
        return Call(sched + "CosineAnnealingWarmRestarts", opt, kwargs)
    if name == "cyclic":
        kwargs = (
            ("base_lr", lr),
            ("max_lr", tidy(p["max_lr"])),
            ("step_size_up", p["step_size_up"]),
        )
        kwargs += _non_default(p, {"step_size_down": None, "mode": "triangular"})
        if p["mode"] == "exp_range":
            kwargs += (("gamma", p["gamma"]),)
        return Call(sched + "CyclicLR", opt, (*kwargs, ("cycle_momentum", False)))
    if name == "one_cycle":
        kwargs = (("max_lr", tidy(p["max_lr"])), ("total_steps", p["total_steps"]))
        defaults = {"pct_start": 0.3, "anneal_strategy": "cos", "div_factor": 25.0}
        defaults.update({"final_div_factor": 1e4, "three_phase": False})
        kwargs += _non_default(p, defaults)
        notes = ()
        if steps > p["total_steps"]:
            notes = (
                f"torch raises an error after total_steps={p['total_steps']} steps; "
                "optviz holds the last learning rate.",
            )
        return Call(sched + "OneCycleLR", opt, (*kwargs, ("cycle_momentum", False)), notes)
    # reduce_on_plateau
    defaults = {"factor": 0.1, "patience": 10, "threshold": 1e-4, "threshold_mode": "rel"}
    defaults.update({"cooldown": 0, "min_lr": 0.0})
    kwargs = (("mode", "min"), *_non_default(p, defaults))
    note = "Call scheduler.step(loss) after every update: optviz watches the loss each step."
    return Call(sched + "ReduceLROnPlateau", opt, kwargs, (note,))


def keras_schedule(schedule: Schedule, lr: float, steps: int) -> Call | None:
    """The tf.keras learning-rate schedule (or callback) for one schedule, warm-up included.

    None for a constant learning rate; a Call with function "" (no code) and a note when
    keras has no equivalent.
    """
    inner, p = _inner(schedule), _inner(schedule).params
    name, sched = inner.name, KERAS_SCHED
    warmup = schedule if isinstance(schedule, WarmUp) else None
    notes: list[str] = []
    if warmup is not None and name != "cosine":
        notes.append(
            "keras schedules have no warm-up option except CosineDecay's: subclass "
            "tf.keras.optimizers.schedules.LearningRateSchedule to ramp linearly from "
            f"{warmup.start_factor!r}·lr over the first {warmup.warmup_steps} steps."
        )
    start = ("initial_learning_rate", lr)
    if name == "constant":
        return Call("", notes=tuple(notes)) if notes else None
    if name == "step":
        kwargs = (start, ("decay_steps", p["step_size"]), ("decay_rate", p["gamma"]))
        call = Call(sched + "ExponentialDecay", (), (*kwargs, ("staircase", True)))
    elif name == "multistep":
        boundaries, values, k = [], [lr], 0
        for milestone in sorted(set(inner.milestones)):
            k += inner.milestones.count(milestone)
            boundaries.append(milestone - 1)  # keras: values[i + 1] once step > boundary
            values.append(tidy(lr * p["gamma"] ** k))
        kwargs = (("boundaries", boundaries), ("values", values))
        call = Call(sched + "PiecewiseConstantDecay", (), kwargs)
    elif name in ("exponential", "inverse_time"):
        kwargs = (start, ("decay_steps", p["decay_steps"]), ("decay_rate", p["decay_rate"]))
        kwargs += (("staircase", True),) if p["staircase"] else ()
        call = Call(sched + inner.keras_name, (), kwargs)
    elif name == "piecewise_constant":
        values = [tidy(v) for v in inner.lr_values]
        kwargs = (("boundaries", list(inner.boundaries)), ("values", values))
        call = Call(sched + "PiecewiseConstantDecay", (), kwargs)
    elif name == "polynomial":
        kwargs = (start, ("decay_steps", p["decay_steps"]))
        kwargs += (("end_learning_rate", tidy(p["end_learning_rate"])), ("power", p["power"]))
        call = Call(
            sched + "PolynomialDecay", (), kwargs + ((("cycle", True),) if p["cycle"] else ())
        )
    elif name == "cosine":
        alpha = tidy(p["eta_min"] / lr)
        kwargs = (start, ("decay_steps", p["T_max"])) + ((("alpha", alpha),) if alpha else ())
        if warmup is not None:
            first = tidy(lr * warmup.start_factor)
            kwargs = (("initial_learning_rate", first), *kwargs[1:])
            kwargs += (("warmup_target", lr), ("warmup_steps", warmup.warmup_steps))
        if steps > p["T_max"] + (warmup.warmup_steps if warmup else 0):
            notes.append(
                "After decay_steps keras holds the lowest learning rate; torch's "
                "CosineAnnealingLR (and optviz) climbs back up again."
            )
        call = Call(sched + "CosineDecay", (), kwargs)
    elif name == "cosine_warm_restarts":
        alpha = tidy(p["eta_min"] / lr)
        kwargs = (start, ("first_decay_steps", p["T_0"]), ("t_mul", float(p["T_mult"])))
        kwargs += (("m_mul", 1.0),) + ((("alpha", alpha),) if alpha else ())
        call = Call(sched + "CosineDecayRestarts", (), kwargs)
    elif name == "reduce_on_plateau":
        kwargs = (("monitor", "loss"), ("factor", p["factor"]), ("patience", p["patience"] + 1))
        kwargs += (("min_delta", p["threshold"]), ("cooldown", p["cooldown"]))
        kwargs += (("min_lr", tidy(p["min_lr"])),)
        notes.append(
            "A callback for model.fit(callbacks=[...]), checked once per epoch. keras reduces "
            "after `patience` bad epochs, torch after more than `patience`: hence + 1."
        )
        if p["threshold_mode"] == "rel":
            notes.append("keras' min_delta is absolute; torch's threshold here is relative.")
        call = Call("tf.keras.callbacks.ReduceLROnPlateau", (), kwargs)
    else:
        torch_name = inner.torch_name
        notes.append(
            f"keras has no built-in {inner.display_name.lower()} schedule (torch: {torch_name}); "
            "subclass tf.keras.optimizers.schedules.LearningRateSchedule with "
            f"{inner.formula}."
        )
        return Call("", notes=tuple(notes))
    return Call(call.function, call.args, call.kwargs, (*call.notes, *notes))


# --- snippets ---------------------------------------------------------------------------------


def _comments(texts) -> list[str]:
    lines = []
    for text in texts:
        lines += textwrap.wrap(text, 86, initial_indent="# ", subsequent_indent="# ")
    return lines


def _heading(index: int, spec: OptimizerSpec) -> str:
    label = " ".join(spec.display_label.split())  # the legend's name
    return f"# --- {label} (optimizers[{index}], {spec.flavor} flavour) ---"


def _verdict(spec: OptimizerSpec, call: Call, framework: str) -> list[str]:
    """Whether the call reproduces optviz's optimizer, and the notes that explain it."""
    notes = [n for n in call.notes if n != MOMENTUM_LR or spec.schedule is not None]
    if spec.flavor == framework and not notes:
        return []
    cls, _ = optimizer_class(spec.name, spec.flavor)
    source = f"optviz's {spec.flavor} {cls.display_name}"
    if call.exact:
        first = f"Same steps as {source} (at a constant learning rate)."
    else:
        first = f"Closest {framework} call; it differs from {source}:"
    return _comments([first, *notes])


def _start(experiment: Experiment) -> tuple[float, float] | None:
    if experiment.training is not None:
        return None
    if experiment.starts:
        return experiment.starts[0]
    from optviz.engine.surfaces import make_surface

    return tuple(make_surface(experiment.surface).start)


def _enabled(experiment: Experiment):
    return [(i, spec) for i, spec in enumerate(experiment.optimizers) if spec.enabled]


def torch_snippet(experiment: Experiment) -> str:
    """PyTorch code for every enabled optimizer: one self-contained block each."""
    start = _start(experiment)
    lines = ["import torch", ""]
    lines += _comments([_title(experiment) + " One block per optimizer; each is complete."])
    lines += [
        "# for step in range(" + str(experiment.steps) + "):",
        "#     optimizer.zero_grad()",
        "#     loss = f(params)  # " + _loss_hint(experiment),
        "#     loss.backward()",
        "#     optimizer.step()",
        "#     scheduler.step()  # if the block has a scheduler",
    ]
    if start is not None:
        point = literal([float(start[0]), float(start[1])])
        params = f"params = [torch.tensor({point}, dtype=torch.float64, requires_grad=True)]"
    else:
        params = "params = list(model.parameters())"
    for index, spec in _enabled(experiment):
        call = torch_optimizer(spec)
        lines += ["", _heading(index, spec), *_verdict(spec, call, "torch"), params]
        lines.append(f"optimizer = {call.code()}")
        lines += _torch_schedule_lines(spec, call, experiment.steps)
    return "\n".join(lines) + "\n"


def _torch_schedule_lines(spec: OptimizerSpec, call: Call, steps: int) -> list[str]:
    if spec.schedule is None:
        return []
    lr = dict(call.kwargs)["lr"]
    schedule = _schedule_for(spec, lr)
    inner = torch_scheduler(_inner(schedule), lr, steps)
    if not isinstance(schedule, WarmUp):
        return [] if inner is None else [*_comments(inner.notes), f"scheduler = {inner.code()}"]
    w = schedule.warmup_steps
    warm = Call(
        TORCH_SCHED + "LinearLR",
        ("optimizer",),
        (("start_factor", schedule.start_factor), ("total_iters", w)),
    )
    if inner is None:
        return [f"scheduler = {warm.code()}"]
    lines = _comments(inner.notes)
    if abs(schedule.inner.lr_at(0) - lr) > 1e-12 * abs(lr):
        lines += _comments(
            ["optviz warms up to the schedule's first learning rate; LinearLR to lr itself."]
        )
    if schedule.stateful:
        lines += _comments(["SequentialLR cannot pass the loss on: after the warm-up switch "
                            "to the plateau scheduler by hand."])  # fmt: skip
        return [*lines, f"warmup = {warm.code()}", f"scheduler = {inner.code()}"]
    sequence = Call(
        TORCH_SCHED + "SequentialLR",
        ("optimizer",),
        (("schedulers", Code("[warmup, main]")), ("milestones", [w])),
    )
    return [*lines, f"warmup = {warm.code()}", f"main = {inner.code()}",
            f"scheduler = {sequence.code()}"]  # fmt: skip


def _schedule_for(spec: OptimizerSpec, lr: float) -> Schedule:
    """The spec's schedule on the generated call's lr (absolute values scaled alike)."""
    scale = _lr_scale(spec)
    params = dict(spec.schedule or {})
    for key in ("end_learning_rate", "max_lr", "eta_min", "min_lr"):
        if key in params:
            params[key] = params[key] * scale
    if "values" in params:
        params["values"] = [v * scale for v in params["values"]]
    return make_schedule(params, lr)


def keras_snippet(experiment: Experiment) -> str:
    """tf.keras code for every enabled optimizer: one self-contained block each."""
    start = _start(experiment)
    lines = ["import tensorflow as tf", ""]
    lines += _comments([_title(experiment) + " One block per optimizer; each is complete."])
    if start is not None:
        point = literal([float(start[0]), float(start[1])])
        lines.append(f"# w = tf.Variable({point}, dtype=tf.float64)")
    lines += [
        "# for step in range(" + str(experiment.steps) + "):",
        "#     with tf.GradientTape() as tape:",
        "#         loss = f(w)  # " + _loss_hint(experiment),
        "#     optimizer.apply_gradients([(tape.gradient(loss, w), w)])",
    ]
    for index, spec in _enabled(experiment):
        call = keras_optimizer(spec)
        lines += ["", _heading(index, spec), *_verdict(spec, call, "keras")]
        schedule_line: list[str] = []
        kwargs = dict(call.kwargs)
        if spec.schedule is not None:
            lr = kwargs["learning_rate"]
            schedule = keras_schedule(_schedule_for(spec, lr), lr, experiment.steps)
            if schedule is not None:
                lines += _comments(schedule.notes)
                if schedule.function.startswith(KERAS_SCHED):
                    lines.append(f"schedule = {schedule.code()}")
                    kwargs["learning_rate"] = Code("schedule")
                elif schedule.function:
                    schedule_line = [f"callback = {schedule.code()}"]
        call = Call(call.function, call.args, tuple(kwargs.items()), call.notes, call.exact)
        lines += [f"optimizer = {call.code()}", *schedule_line]
    return "\n".join(lines) + "\n"


def _title(experiment: Experiment) -> str:
    title = " ".join(experiment.title.split())
    return f"optviz experiment “{title}”." if title else "optviz experiment."


def _loss_hint(experiment: Experiment) -> str:
    if experiment.training is not None:
        return "the network's loss on a mini-batch"
    from optviz.engine.surfaces import make_surface

    return f"the surface {make_surface(experiment.surface).formula}"

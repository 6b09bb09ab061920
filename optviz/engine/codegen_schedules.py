"""The torch.optim.lr_scheduler call and the tf.keras schedule (or callback) for one
learning-rate schedule, with notes where a framework's form differs from optviz's.
"""

from __future__ import annotations

from typing import Any

from optviz.engine.codegen_call import KERAS_SCHED, TORCH_SCHED, Call, Code, tidy
from optviz.engine.schedules import Schedule, WarmUp


def without_warmup(schedule: Schedule) -> Schedule:
    """The schedule a warm-up wraps, or the schedule itself."""
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
    inner, p = without_warmup(schedule), without_warmup(schedule).params
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

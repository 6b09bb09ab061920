"""Copy as code: an experiment's optimizers as torch.optim and tf.keras calls.

Every enabled optimizer becomes one self-contained block (parameters, optimizer, schedule)
that a student can paste into a notebook. The mapping between flavours is honest: a call
that takes the same steps as optviz (at a constant learning rate, up to rounding) says so;
one that differs carries a comment naming the difference (where ε sits, how the momentum
buffer starts, what has no equivalent). tests/engine/test_codegen.py replays every "same
steps" claim with optviz's own optimizers.

This module assembles the snippets. The calls in them come from `codegen_optimizers` (one
optimizer of any flavour) and `codegen_schedules` (one learning-rate schedule), both built
of the `Call`s of `codegen_call`.
"""

from __future__ import annotations

import textwrap

from optviz.engine.codegen_call import KERAS_SCHED, TORCH_SCHED, Call, Code, literal
from optviz.engine.codegen_optimizers import MOMENTUM_LR, keras_optimizer, torch_optimizer
from optviz.engine.codegen_schedules import keras_schedule, torch_scheduler, without_warmup
from optviz.engine.experiment import Experiment, OptimizerSpec
from optviz.engine.optimizers import optimizer_class
from optviz.engine.schedules import Schedule, WarmUp, make_schedule

__all__ = [
    "Call",
    "keras_optimizer",
    "keras_schedule",
    "keras_snippet",
    "torch_optimizer",
    "torch_scheduler",
    "torch_snippet",
]


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
    inner = torch_scheduler(without_warmup(schedule), lr, steps)
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


def _lr_scale(spec: OptimizerSpec) -> float:
    """Factor from optviz's lr to the generated call's lr (lecture momentum: 1 − β)."""
    if spec.flavor == "lecture" and optimizer_class(spec.name, spec.flavor)[0].name == "momentum":
        return 1 - spec.resolved()["beta"]
    return 1.0


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

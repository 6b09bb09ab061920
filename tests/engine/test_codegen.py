"""Copy as code: exact calls for the README example, valid Python, honest "same steps" claims."""

from __future__ import annotations

import ast
from bisect import bisect_left

import numpy as np
import pytest

from optviz.engine import codegen, presets
from optviz.engine.experiment import from_dict, loads
from optviz.engine.optimizers import FLAVOUR_MODULES, list_optimizers, make_optimizer
from optviz.engine.schedules import SCHEDULES, make_schedule

README_EXAMPLE = """{"optviz": 1,
 "surface": {"name": "rosenbrock", "params": {"a": 1, "b": 100}},
 "start": [-1.5, 2.0],
 "steps": 300, "seed": 0,
 "noise": {"sigma": 0.0},
 "optimizers": [
   {"name": "adam", "lr": 0.05, "betas": [0.9, 0.999], "label": "Adam",
    "schedule": {"name": "cosine", "T_max": 300}},
   {"name": "sgd", "lr": 0.001, "momentum": 0.9, "nesterov": true}]}"""

# torch.optim and tf.keras names as their documentation lists them (torch 2.x, Keras 3).
TORCH_OPTIMIZERS = {"SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "NAdam", "RAdam", "Adadelta",
                    "Adamax"}  # fmt: skip
TORCH_SCHEDULERS = {
    "StepLR", "MultiStepLR", "ExponentialLR", "LambdaLR", "PolynomialLR", "CosineAnnealingLR",
    "CosineAnnealingWarmRestarts", "CyclicLR", "OneCycleLR", "ReduceLROnPlateau", "LinearLR",
    "SequentialLR",
}  # fmt: skip
KERAS_OPTIMIZERS = {
    "SGD": {"learning_rate", "momentum", "nesterov", "weight_decay"},
    "Adagrad": {"learning_rate", "initial_accumulator_value", "epsilon", "weight_decay"},
    "RMSprop": {"learning_rate", "rho", "momentum", "epsilon", "centered", "weight_decay"},
    "Adam": {"learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad", "weight_decay"},
    "AdamW": {"learning_rate", "weight_decay", "beta_1", "beta_2", "epsilon", "amsgrad"},
    "Nadam": {"learning_rate", "beta_1", "beta_2", "epsilon", "weight_decay"},
    "Adadelta": {"learning_rate", "rho", "epsilon", "weight_decay"},
    "Adamax": {"learning_rate", "beta_1", "beta_2", "epsilon", "weight_decay"},
}
KERAS_SCHEDULES = {
    "ExponentialDecay": {"initial_learning_rate", "decay_steps", "decay_rate", "staircase"},
    "InverseTimeDecay": {"initial_learning_rate", "decay_steps", "decay_rate", "staircase"},
    "PiecewiseConstantDecay": {"boundaries", "values"},
    "PolynomialDecay": {
        "initial_learning_rate",
        "decay_steps",
        "end_learning_rate",
        "power",
        "cycle",
    },  # fmt: skip
    "CosineDecay": {
        "initial_learning_rate",
        "decay_steps",
        "alpha",
        "warmup_target",
        "warmup_steps",
    },  # fmt: skip
    "CosineDecayRestarts": {
        "initial_learning_rate",
        "first_decay_steps",
        "t_mul",
        "m_mul",
        "alpha",
    },  # fmt: skip
}


def every_optimizer_experiment(schedule=None):
    """One experiment with every (flavour, name) of the registry, aliases included."""
    entries = []
    for entry in list_optimizers():
        item = {"name": entry["name"], "flavor": entry["flavor"]}
        if schedule is not None:
            item["schedule"] = schedule
        entries.append(item)
    return from_dict({"optviz": 1, "start": [1.0, -0.5], "steps": 120, "optimizers": entries})


def calls(source: str) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)]


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def keyword_values(call: ast.Call) -> dict:
    return {k.arg: ast.literal_eval(k.value) for k in call.keywords}


def test_readme_example_gives_the_exact_torch_calls():
    snippet = codegen.torch_snippet(loads(README_EXAMPLE))
    assert "torch.optim.Adam(params, lr=0.05, betas=(0.9, 0.999), eps=1e-08)" in snippet
    assert "torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=300)" in snippet
    assert "torch.optim.SGD(params, lr=0.001, momentum=0.9, nesterov=True)" in snippet
    assert "torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)" in snippet


def test_readme_example_gives_the_exact_keras_calls_and_says_where_epsilon_differs():
    snippet = codegen.keras_snippet(loads(README_EXAMPLE))
    assert (
        "schedule = tf.keras.optimizers.schedules.CosineDecay("
        "initial_learning_rate=0.05, decay_steps=300)"
    ) in snippet
    assert (
        "tf.keras.optimizers.Adam(learning_rate=schedule, beta_1=0.9, beta_2=0.999, epsilon=1e-08)"
    ) in snippet
    assert "tf.keras.optimizers.SGD(learning_rate=0.001, momentum=0.9, nesterov=True)" in snippet
    adam_block = snippet.split("# --- Adam")[1].split("# --- SGD")[0]
    assert "ε-hat" in adam_block


@pytest.mark.parametrize("name", presets.NAMES)
def test_snippets_of_every_preset_are_valid_python(name):
    experiment = presets.preset(name)
    for snippet in (codegen.torch_snippet(experiment), codegen.keras_snippet(experiment)):
        ast.parse(snippet)


@pytest.mark.parametrize("schedule", [None, *({"name": n} for n in SCHEDULES)])
def test_torch_snippet_uses_only_real_torch_names(schedule):
    snippet = codegen.torch_snippet(every_optimizer_experiment(schedule))
    for call in calls(snippet):
        name = dotted(call.func)
        if name.startswith("torch.optim.lr_scheduler."):
            assert name.rsplit(".", 1)[1] in TORCH_SCHEDULERS
            assert dotted(call.args[0]) == "optimizer"
        elif name.startswith("torch.optim."):
            cls_name = name.rsplit(".", 1)[1]
            assert cls_name in TORCH_OPTIMIZERS
            # optviz's torch flavour uses torch's keyword names: every keyword must be one
            engine = make_optimizer(cls_name.lower(), [np.zeros(2)])
            assert {k.arg for k in call.keywords} <= set(engine.hyper)
        else:  # the parameters, and builtins inside LambdaLR's lambda
            assert name in ("torch.tensor", "sum", "min", "max")


@pytest.mark.parametrize("warmup", [0, 10])
@pytest.mark.parametrize("schedule", [None, *SCHEDULES])
def test_keras_snippet_uses_only_real_keras_names(schedule, warmup):
    spec = None if schedule is None else {"name": schedule, "warmup_steps": warmup}
    snippet = codegen.keras_snippet(every_optimizer_experiment(spec))
    for call in calls(snippet):
        name = dotted(call.func)
        keywords = {k.arg for k in call.keywords}
        if name.startswith("tf.keras.optimizers.schedules."):
            assert keywords <= KERAS_SCHEDULES[name.rsplit(".", 1)[1]]
        elif name.startswith("tf.keras.optimizers."):
            assert keywords <= KERAS_OPTIMIZERS[name.rsplit(".", 1)[1]]
        else:
            assert name == "tf.keras.callbacks.ReduceLROnPlateau"


def test_each_block_is_headed_by_the_name_in_the_legend():
    experiment = from_dict(
        {"optviz": 1, "optimizers": [{"name": "momentum"}, {"name": "adam", "label": "Mine"}]}
    )
    for snippet in (codegen.torch_snippet(experiment), codegen.keras_snippet(experiment)):
        assert "# --- Momentum (optimizers[0]" in snippet  # not its class, "SGD"
        assert "# --- Mine (optimizers[1]" in snippet


def test_disabled_optimizers_are_left_out():
    experiment = from_dict(
        {"optviz": 1, "optimizers": [{"name": "adam"}, {"name": "sgd", "enabled": False}]}
    )
    snippet = codegen.torch_snippet(experiment)
    assert "torch.optim.Adam(" in snippet
    assert "torch.optim.SGD(" not in snippet


# --- every "same steps" claim, replayed with optviz's own optimizers -------------------------

HESSIAN = np.array([[1.0, 0.45], [0.45, 0.3]])  # a tilted ravine: every optimizer moves


def trajectory(optimizer, steps=40) -> np.ndarray:
    w = optimizer.params[0]
    path = [w.copy()]
    for _ in range(steps):
        optimizer.step([w @ HESSIAN])
        path.append(w.copy())
    return np.array(path)


VARIATIONS = [
    {},
    {"lr": 0.03},
    {"lr": 0.05, "momentum": 0.8},
    {"lr": 0.05, "momentum": 0.7, "nesterov": True},
    {"learning_rate": 0.04},
    {"learning_rate": 0.05, "momentum": 0.8},
    {"learning_rate": 0.02, "beta": 0.8},
    {"learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99},
    {"lr": 0.2, "decay_rate": 0.9},
]


def claims():
    """(spec, framework) for every optimizer whose generated call claims the same steps."""
    found = []
    for entry in list_optimizers():
        names = {h["name"] for h in entry["hyperparameters"]}
        for variation in VARIATIONS:
            if not set(variation) <= names:
                continue
            spec = from_dict(
                {
                    "optviz": 1,
                    "optimizers": [{"name": entry["name"], "flavor": entry["flavor"], **variation}],
                }  # fmt: skip
            ).optimizers[0]
            for framework, render in (("torch", codegen.torch_optimizer),
                                      ("keras", codegen.keras_optimizer)):  # fmt: skip
                if render(spec).exact:
                    name = f"{spec.flavor}-{spec.name}-{sorted(spec.hyper.items())}-{framework}"
                    found.append(pytest.param(spec, framework, id=name))
    return found


class KerasAdadelta:
    """keras.optimizers.Adadelta's update_step (Keras 3), which optviz does not model."""

    def __init__(self, params, learning_rate, rho, epsilon):
        self.params, self.lr, self.rho, self.eps = params, learning_rate, rho, epsilon
        self.accumulated_grad = np.zeros_like(params[0])
        self.accumulated_delta = np.zeros_like(params[0])

    def step(self, grads):
        (g,), rho, eps = grads, self.rho, self.eps
        self.accumulated_grad = rho * self.accumulated_grad + (1 - rho) * g * g
        delta = -(np.sqrt(self.accumulated_delta + eps) * g) / np.sqrt(self.accumulated_grad + eps)
        self.accumulated_delta = rho * self.accumulated_delta + (1 - rho) * delta * delta
        self.params[0] += self.lr * delta


@pytest.mark.parametrize(("spec", "framework"), claims())
def test_a_call_that_claims_the_same_steps_takes_them(spec, framework):
    render = codegen.torch_optimizer if framework == "torch" else codegen.keras_optimizer
    (call,) = calls(render(spec).code())
    name = dotted(call.func).rsplit(".", 1)[1].lower()
    start = [np.array([1.0, -0.5])]
    if (framework, name) == ("keras", "adadelta"):
        generated = KerasAdadelta(start, **keyword_values(call))
    else:
        generated = make_optimizer(name, start, framework, **keyword_values(call))
    original = make_optimizer(spec.name, [np.array([1.0, -0.5])], spec.flavor, **spec.hyper)
    np.testing.assert_allclose(trajectory(generated), trajectory(original), rtol=1e-9, atol=1e-12)


def test_the_claims_cover_every_flavour():
    flavours = {p.values[0].flavor for p in claims()}
    assert flavours == {"torch", *FLAVOUR_MODULES}


def test_lecture_momentum_maps_to_torch_with_lr_alpha_times_one_minus_beta():
    spec = from_dict(
        {
            "optviz": 1,
            "optimizers": [
                {"name": "momentum", "flavor": "lecture", "learning_rate": 0.01, "beta": 0.9}
            ],
        }  # fmt: skip
    ).optimizers[0]
    code = codegen.torch_optimizer(spec).code()
    assert code == "torch.optim.SGD(params, lr=0.001, momentum=0.9)"
    assert "α(1 − β)" in " ".join(codegen.torch_optimizer(spec).notes)


def test_torch_flavour_rendered_as_keras_explains_every_difference():
    for entry in list_optimizers():
        if entry["flavor"] != "torch":
            continue
        spec = from_dict({"optviz": 1, "optimizers": [{"name": entry["name"]}]}).optimizers[0]
        call = codegen.keras_optimizer(spec)
        assert call.exact or call.notes, entry["name"]


# --- schedules: what the generated code computes equals optviz's schedule --------------------


def torch_lambda(call: codegen.Call):
    (value,) = [v for k, v in call.kwargs if k == "lr_lambda"]
    return eval(str(value), {})  # a lambda made of builtins only


@pytest.mark.parametrize(
    "spec",
    [
        {"name": "inverse_time", "decay_rate": 0.5, "decay_steps": 10},
        {"name": "inverse_time", "decay_rate": 0.5, "decay_steps": 10, "staircase": True},
        {"name": "piecewise_constant", "boundaries": [20, 50], "values": [0.1, 0.05, 0.01]},
        {"name": "polynomial", "decay_steps": 60, "end_learning_rate": 0.001, "power": 2},
        {"name": "polynomial", "decay_steps": 30, "end_learning_rate": 0.001, "cycle": True},
    ],
)
def test_lambda_schedulers_reproduce_the_optviz_schedule(spec):
    lr = 0.1
    schedule = make_schedule(spec, lr)
    call = codegen.torch_scheduler(schedule, lr, 100)
    assert call.function == "torch.optim.lr_scheduler.LambdaLR"
    factor = torch_lambda(call)
    got = [lr * factor(t) for t in range(100)]
    np.testing.assert_allclose(got, schedule.values(100), rtol=1e-12)


def test_multistep_becomes_keras_piecewise_constant_with_the_same_rates():
    lr = 0.1
    schedule = make_schedule({"name": "multistep", "milestones": [30, 30, 80], "gamma": 0.5}, lr)
    call = codegen.keras_schedule(schedule, lr, 120)
    kwargs = dict(call.kwargs)
    keras = [kwargs["values"][bisect_left(kwargs["boundaries"], t)] for t in range(120)]
    np.testing.assert_allclose(keras, schedule.values(120), rtol=1e-12)


def test_warm_up_becomes_linear_lr_and_sequential_lr_in_torch_and_cosine_warmup_in_keras():
    experiment = from_dict(
        {"optviz": 1, "steps": 100, "optimizers": [{"name": "adam", "lr": 0.01, "schedule": {
            "name": "cosine", "T_max": 90, "warmup_steps": 10, "warmup_start_factor": 0.1}}]}
    )  # fmt: skip
    torch_code = codegen.torch_snippet(experiment)
    assert (
        "warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=10)"
    ) in torch_code
    assert "main = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=90)" in torch_code
    assert (
        "scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[warmup, main], "
        "milestones=[10])"
    ) in torch_code
    keras_code = codegen.keras_snippet(experiment)
    assert (
        "CosineDecay(initial_learning_rate=0.001, decay_steps=90, warmup_target=0.01, "
        "warmup_steps=10)"
    ) in keras_code


def test_schedules_without_a_keras_equivalent_get_a_comment_not_code():
    experiment = every_optimizer_experiment({"name": "one_cycle"})
    snippet = codegen.keras_snippet(experiment)
    assert "schedules." not in snippet.replace("tf.keras.optimizers.schedules.Learning", "")
    assert "keras has no built-in one-cycle schedule (torch: OneCycleLR)" in snippet.replace(
        "\n# ", " "
    )

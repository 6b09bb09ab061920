"""Write tests/engine/data/torch_golden.json: real torch.optim trajectories on Rosenbrock.

Run by hand when torch changes (torch is not a dependency of optviz, nor of the tests):

    pip install torch          # CPU wheel is enough
    python tests/engine/make_torch_golden.py

Every run starts at a point, takes STEPS steps of one torch optimizer in float64 on
f(x, y) = (1 − x)² + 100 (y − x²)², with the gradient written out by hand (no autograd, so
the test can compute the same gradient bit for bit), and stores every position.
tests/engine/test_optimizers_torch.py replays the runs with optviz's optimizers.
"""

from __future__ import annotations

import json
import pathlib

import torch

STEPS = 30
STARTS = ((-1.5, 2.0), (0.5, -0.5), (1.2, 1.0))
# (torch class name, optviz name, keyword arguments); lr chosen so no run diverges
RUNS = (
    ("SGD", "sgd", {"lr": 1e-3}),
    ("SGD", "sgd", {"lr": 5e-4, "momentum": 0.9}),
    ("SGD", "sgd", {"lr": 5e-4, "momentum": 0.8, "dampening": 0.5}),
    ("SGD", "sgd", {"lr": 5e-4, "momentum": 0.9, "nesterov": True}),
    ("SGD", "sgd", {"lr": 1e-3, "momentum": 0.5, "weight_decay": 0.1}),
    ("Adagrad", "adagrad", {"lr": 0.1}),
    ("Adagrad", "adagrad", {"lr": 0.2, "lr_decay": 0.05, "initial_accumulator_value": 0.5}),
    ("Adagrad", "adagrad", {"lr": 0.1, "weight_decay": 0.1, "eps": 1e-6}),
    ("RMSprop", "rmsprop", {"lr": 1e-2}),
    ("RMSprop", "rmsprop", {"lr": 1e-3, "alpha": 0.9, "momentum": 0.9, "centered": True}),
    ("RMSprop", "rmsprop", {"lr": 1e-2, "alpha": 0.3, "weight_decay": 0.1, "centered": True}),
    ("Adam", "adam", {"lr": 0.05}),
    ("Adam", "adam", {"lr": 0.05, "betas": (0.8, 0.99), "amsgrad": True, "weight_decay": 0.1}),
    ("Adam", "adam", {"lr": 0.05, "betas": (0.3, 0.9), "eps": 1e-3}),
    ("AdamW", "adamw", {"lr": 0.05}),
    ("AdamW", "adamw", {"lr": 0.05, "weight_decay": 0.5, "amsgrad": True}),
    ("NAdam", "nadam", {"lr": 0.05}),
    ("NAdam", "nadam", {"lr": 0.05, "momentum_decay": 0.02, "weight_decay": 0.1}),
    ("NAdam", "nadam", {"lr": 0.05, "weight_decay": 0.2, "decoupled_weight_decay": True}),
    ("RAdam", "radam", {"lr": 1e-3}),
    ("RAdam", "radam", {"lr": 5e-4, "betas": (0.9, 0.9)}),
    ("RAdam", "radam", {"lr": 1e-3, "weight_decay": 0.2, "decoupled_weight_decay": True}),
    ("RAdam", "radam", {"lr": 1e-3, "weight_decay": 0.1}),
    ("Adadelta", "adadelta", {}),
    ("Adadelta", "adadelta", {"lr": 2.0, "rho": 0.5, "eps": 1e-4, "weight_decay": 0.1}),
    ("Adamax", "adamax", {"lr": 0.05}),
    ("Adamax", "adamax", {"lr": 0.05, "betas": (0.5, 0.9), "weight_decay": 0.1}),
)


def rosenbrock_grad(x: float, y: float) -> tuple[float, float]:
    """∂f/∂x = −2 (1 − x) − 400 x (y − x²),  ∂f/∂y = 200 (y − x²), in Python floats."""
    r = y - x * x
    return -2.0 * (1.0 - x) - 400.0 * x * r, 200.0 * r


def trajectory(cls_name: str, hyper: dict, start: tuple[float, float]) -> list[list[float]]:
    w = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    kwargs = dict(hyper)
    if "betas" in kwargs:
        kwargs["betas"] = tuple(kwargs["betas"])
    # foreach=False: the plain per-tensor code path (the CPU default, made explicit)
    opt = getattr(torch.optim, cls_name)([w], foreach=False, **kwargs)
    points = [w.tolist()]
    for _ in range(STEPS):
        w.grad = torch.tensor(rosenbrock_grad(*w.tolist()), dtype=torch.float64)
        opt.step()
        points.append(w.tolist())
    return points


def main() -> None:
    # float64 everywhere, including torch's scalar state (step, NAdam's mu_product)
    torch.set_default_dtype(torch.float64)
    runs = []
    for cls_name, name, hyper in RUNS:
        for start in STARTS:
            points = trajectory(cls_name, hyper, start)
            # repr() of a float is the shortest string that reads back to the same
            # double: at most 17 significant digits, exact round trip
            runs.append({"name": name, "hyper": hyper, "start": list(start), "points": points})
    data = {
        "about": "torch.optim trajectories on Rosenbrock, float64; see make_torch_golden.py",
        "torch_version": torch.__version__,
        "steps": STEPS,
        "runs": runs,
    }
    path = pathlib.Path(__file__).parent / "data" / "torch_golden.json"
    path.parent.mkdir(exist_ok=True)
    text = json.dumps(data, separators=(",", ":"))
    path.write_text(text.replace(',{"name"', ',\n{"name"') + "\n", encoding="utf-8")
    print(f"wrote {len(runs)} runs to {path}")


if __name__ == "__main__":
    main()

"""Ready-made experiments: each loads a whole race in one click (`optviz --preset NAME`)."""

from __future__ import annotations

import functools
import json

from optviz.engine.experiment import Experiment, from_dict

_DOCUMENTS: dict[str, dict] = {
    "ravine": {
        "title": "Ravine: SGD zig-zags, Momentum overshoots, adaptive methods rescale",
        "surface": {"name": "rotated_quadratic", "params": {"kappa": 20, "angle_deg": 30}},
        "start": [-4.0, 3.0],
        "steps": 150,
        "optimizers": [
            {"name": "sgd", "label": "SGD", "lr": 0.09},
            {"name": "momentum", "label": "Momentum", "lr": 0.01},
            {"name": "nesterov", "label": "Nesterov", "lr": 0.01},
            {"name": "adagrad", "label": "AdaGrad", "lr": 0.8},
            {"name": "rmsprop", "label": "RMSprop", "lr": 0.03},
            {"name": "adam", "label": "Adam", "lr": 0.15},
        ],
    },
    "textbook": {
        "title": "The textbook figure: x²/20 + y² from (−7, 2), 30 iterations",
        "surface": {"name": "quadratic_ravine"},
        "start": [-7.0, 2.0],
        "steps": 30,
        "optimizers": [
            {"name": "sgd", "flavor": "textbook", "label": "SGD", "lr": 0.95},
            {"name": "momentum", "flavor": "textbook", "label": "Momentum", "lr": 0.1},
            {"name": "adagrad", "flavor": "textbook", "label": "AdaGrad", "lr": 1.5},
            {"name": "adam", "flavor": "textbook", "label": "Adam", "lr": 0.3},
        ],
    },
    "saddle": {
        "title": "Saddle escape: plain GD on the ridge is stuck; noise and momentum escape",
        "surface": {"name": "saddle"},
        "start": [-1.5, 0.0],
        "steps": 80,
        "optimizers": [
            {"name": "sgd", "label": "GD (no noise)", "lr": 0.05},
            {"name": "sgd", "label": "SGD + noise", "lr": 0.05, "noise": 0.3},
            {"name": "momentum", "label": "Momentum + noise", "lr": 0.02, "noise": 0.3},
            {"name": "adam", "label": "Adam + noise", "lr": 0.05, "noise": 0.3},
        ],
    },
    "local_minima": {
        "title": "Local vs global minimum: who gets trapped in the shallow basin?",
        "surface": {"name": "two_basin"},
        "steps": 200,
        "optimizers": [
            {"name": "sgd", "label": "SGD", "lr": 0.1},
            {"name": "momentum", "label": "Momentum", "lr": 0.05},
            {"name": "rmsprop", "label": "RMSprop", "lr": 0.05},
            {"name": "adam", "label": "Adam", "lr": 0.1},
        ],
    },
    "plateau": {
        "title": "Plateau: tiny gradients; adaptive methods cross it faster",
        "surface": {"name": "plateau"},
        "steps": 300,
        "optimizers": [
            {"name": "sgd", "label": "SGD", "lr": 0.1},
            {"name": "momentum", "label": "Momentum", "lr": 0.1},
            {"name": "rmsprop", "label": "RMSprop", "lr": 0.02},
            {"name": "adam", "label": "Adam", "lr": 0.05},
        ],
    },
    "rosenbrock": {
        "title": "Rosenbrock valley: finding the valley is easy, following it is hard",
        "surface": {"name": "rosenbrock"},
        "start": [-1.5, 2.0],
        "steps": 500,
        "optimizers": [
            {"name": "sgd", "label": "SGD", "lr": 0.0005},
            {"name": "momentum", "label": "Momentum", "lr": 0.0005},
            {"name": "nesterov", "label": "Nesterov", "lr": 0.0005},
            {"name": "adagrad", "label": "AdaGrad", "lr": 0.5},
            {"name": "rmsprop", "label": "RMSprop", "lr": 0.01},
            {"name": "adam", "label": "Adam", "lr": 0.05},
        ],
    },
    "batch_sizes": {
        "title": "Batch vs mini-batch vs stochastic gradient descent on linear regression",
        "surface": {"name": "linear_regression"},
        "steps": 150,
        "seed": 0,
        "optimizers": [
            {"name": "sgd", "label": "Full batch", "lr": 0.05},
            {"name": "sgd", "label": "Mini-batch 16", "lr": 0.05, "batch_size": 16},
            {"name": "sgd", "label": "Stochastic (batch 1)", "lr": 0.05, "batch_size": 1},
        ],
    },
}

DEFAULT = "ravine"
NAMES: tuple[str, ...] = tuple(_DOCUMENTS)


def title(name: str) -> str:
    return _DOCUMENTS[name]["title"]


def document(name: str) -> dict:
    """The preset as an experiment document (a fresh copy)."""
    return json.loads(json.dumps({"optviz": 1, **_DOCUMENTS[name]}))


@functools.cache
def preset(name: str) -> Experiment:
    """The preset as a validated Experiment (built on first use)."""
    return from_dict(document(name))

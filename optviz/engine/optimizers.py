"""Optimizers with torch.optim's names, defaults and semantics (PyTorch 2.x): the registry.

Import them from here: `make_optimizer(name, params, flavor, **hyper)`, `optimizer_class`,
`list_optimizers`. The base class `Optimizer` and the helpers every optimizer shares live in
`optimizers_base` (the flavour modules import them from there), torch's classes in
`optimizers_torch`; the other flavours (tf.keras, the textbook, the lecture notation) live
in their own modules and register here.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

from optviz.engine.errors import ExperimentError
from optviz.engine.optimizers_base import Array, Optimizer
from optviz.engine.optimizers_torch import (
    SGD,
    Adadelta,
    Adagrad,
    Adam,
    Adamax,
    AdamW,
    NAdam,
    RAdam,
    RMSprop,
)

__all__ = [
    "ALIASES",
    "Adadelta",
    "Adagrad",
    "Adam",
    "AdamW",
    "Adamax",
    "FLAVOUR_MODULES",
    "NAdam",
    "OPTIMIZERS",
    "Optimizer",
    "RAdam",
    "RMSprop",
    "SGD",
    "list_optimizers",
    "make_optimizer",
    "optimizer_class",
    "register",
]


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


@functools.cache  # once: every optimizer lookup asks (a preset's cards, hundreds of times)
def _load_flavours() -> None:
    """Import the modules that register the other flavours (kept lazy to avoid cycles)."""
    for flavour in FLAVOUR_MODULES:
        importlib.import_module(f"optviz.engine.optimizers_{flavour}")

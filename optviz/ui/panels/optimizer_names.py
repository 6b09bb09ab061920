"""Optimizer names as the cards and the concept views offer them, and an entry's values
read as a card's form would read them."""

from __future__ import annotations

from typing import Any

from optviz.engine import optimizers as registry
from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import OptimizerSpec
from optviz.ui.i18n import engine_text
from optviz.ui.panels.hyper_fields import read_back

# The classic order of the textbooks; other names follow in registry order.
CLASSIC_ORDER = (
    "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
    "adamw", "nadam", "radam", "adadelta", "adamax",
)  # fmt: skip


def flavours() -> list[str]:
    """Every registered flavour, torch first."""
    registry._load_flavours()
    found = list(dict.fromkeys(flavor for flavor, _ in registry.OPTIMIZERS))
    return sorted(found, key=lambda f: (f != "torch", found.index(f)))


def optimizer_names(flavor: str) -> list[str]:
    """Names and aliases of one flavour, classic ones first."""
    registry._load_flavours()
    names = [n for f, n in [*registry.OPTIMIZERS, *registry.ALIASES] if f == flavor]
    names = list(dict.fromkeys(names))
    rank = {name: i for i, name in enumerate(CLASSIC_ORDER)}
    return sorted(names, key=lambda n: (rank.get(n, len(rank)), names.index(n)))


def display_name(name: str, flavor: str) -> str:
    """'Momentum' for the torch alias, the class's own display name otherwise (in English:
    it becomes the label in the experiment file)."""
    return OptimizerSpec(name, flavor).display_label


def shown_name(name: str, flavor: str) -> str:
    """display_name in the installed language, for menus and placeholders."""
    return engine_text("Optimizers", display_name(name, flavor))


def read_back_values(
    cls: Any, overrides: dict[str, Any], given: dict[str, Any]
) -> dict[str, Any] | None:
    """`given` as the form would read it back (each value validated, then the optimizer's
    cross-field rules on all of them), or None if one is invalid."""
    values = {}
    try:
        for hyper in cls.hyperparameters:
            if hyper.name in given:
                values[hyper.name] = read_back(hyper, given[hyper.name])
        defaults = {h.name: overrides.get(h.name, h.default) for h in cls.hyperparameters}
        cls([], **{**defaults, **values})
    except ExperimentError:
        return None
    return values

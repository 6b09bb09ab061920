"""The race's set-up shared by all optimizers: `TrainingConfig`, the experiment's "training"
object, validated against `TRAINING_HYPERS` (the declaration the training form and the
translations read too).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from optviz.engine.datasets import DATASETS
from optviz.engine.errors import ExperimentError
from optviz.engine.hyper import Hyper, resolve
from optviz.engine.mlp import ACTIVATIONS, INITS

TRAINING_HYPERS = (
    Hyper("dataset", "digits", kind="choice", choices=tuple(DATASETS)),
    Hyper("hidden", (100, 100, 100, 100), kind="floats", low=1, tooltip="neurons per layer"),
    Hyper("activation", "relu", kind="choice", choices=ACTIVATIONS),
    Hyper("init", "he", kind="choice", choices=INITS, tooltip="He √(2/n) or Xavier √(1/n)"),
    Hyper("weight_decay", 0.0, low=0, symbol="λ", tooltip="adds ½·λ·ΣW² to the loss"),
    Hyper("batch_size", 128, kind="int", low=1, tooltip="samples per update; null: all"),
    Hyper("iterations", 2000, kind="int", low=1, tooltip="updates per optimizer"),
    Hyper("epochs", None, kind="int", low=1, tooltip="if set, replaces iterations"),
    Hyper("eval_every", 100, kind="int", low=1, tooltip="test accuracy every n iterations"),
    Hyper("seed", 0, kind="int", low=0, tooltip="initial weights and batch order"),
    Hyper(
        "validation_fraction",
        0.0,
        low=0,
        high=1,
        high_open=True,
        tooltip="part of the training set held out for early stopping",
    ),
    Hyper(
        "early_stopping_patience",
        None,
        kind="int",
        low=1,
        tooltip="stop after this many evaluations without a lower validation loss",
    ),
)
_OPTIONAL = ("batch_size", "epochs", "early_stopping_patience")  # null is allowed


@dataclass(frozen=True)
class TrainingConfig:
    """The race set-up shared by all optimizers (the experiment's "training" object)."""

    dataset: str = "digits"
    hidden: tuple[int, ...] = (100, 100, 100, 100)
    activation: str = "relu"
    init: str = "he"
    weight_decay: float = 0.0
    batch_size: int | None = 128  # None: the full training set every iteration
    iterations: int = 2000
    epochs: int | None = None  # if set, iterations = epochs · ⌈N/B⌉
    eval_every: int = 100
    seed: int = 0
    validation_fraction: float = 0.0
    early_stopping_patience: int | None = None  # in evaluations; needs a validation split

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: str = "training") -> TrainingConfig:
        """Validate a plain dict (JSON); raises ExperimentError naming the key path."""
        given = {k: v for k, v in data.items() if not (k in _OPTIONAL and v is None)}
        values = resolve(TRAINING_HYPERS, given, path)
        for key in _OPTIONAL:
            if key in data and data[key] is None:
                values[key] = None
        hidden = []
        for i, size in enumerate(values["hidden"]):
            if not float(size).is_integer():
                raise ExperimentError.of(
                    "{path}: must be a whole number, got {value}",
                    path=f"{path}.hidden[{i}]",
                    value=size,
                )
            hidden.append(int(size))
        values["hidden"] = tuple(hidden)
        config = cls(**values)
        if config.early_stopping_patience and not config.validation_fraction:
            raise ExperimentError.of(
                "{path}: needs validation_fraction > 0", path=f"{path}.early_stopping_patience"
            )
        return config

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["hidden"] = list(self.hidden)
        return out

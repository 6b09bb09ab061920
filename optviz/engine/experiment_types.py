"""An experiment as Python objects: the frozen dataclasses `Experiment` and `OptimizerSpec`,
whose `to_dict` gives back exactly what the file said, with the format version and the stop
rules. Reading, validating and saving the file is `optviz.engine.experiment`, which
re-exports these.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from optviz.engine.hyper import Hyper, resolve

FORMAT_VERSION = 1

STOP_HYPERS = (
    Hyper("grad_tol", 0.0, low=0, tooltip="stop a run when the gradient norm falls below this"),
    Hyper(
        "patience",
        0,
        kind="int",
        low=0,
        tooltip="stop after this many steps without loss improvement (0 = never)",
    ),
    Hyper("min_delta", 0.0, low=0, tooltip="smallest loss decrease that counts as improvement"),
)


@dataclass(frozen=True)
class OptimizerSpec:
    """One racing optimizer: engine name, flavour, label and the hyperparameters given."""

    name: str
    flavor: str = "torch"
    label: str = ""
    color: str | None = None
    enabled: bool = True
    hyper: dict[str, Any] = field(default_factory=dict)  # as given (without defaults)
    schedule: dict[str, Any] | None = None
    noise: float | None = None  # overrides the experiment's noise σ for this optimizer
    batch_size: int | None = None  # overrides the experiment's batch size (data surfaces)

    def resolved(self) -> dict[str, Any]:
        """All hyperparameters with defaults (alias defaults included)."""
        from optviz.engine.optimizers import optimizer_class

        cls, overrides = optimizer_class(self.name, self.flavor)
        return resolve(cls.hyperparameters, {**overrides, **self.hyper}, self.name)

    @property
    def display_label(self) -> str:
        """The label, or the optimizer's name as people write it ("SGD", "Momentum")."""
        if self.label:
            return self.label
        from optviz.engine.optimizers import ALIASES, optimizer_class

        cls, _ = optimizer_class(self.name, self.flavor)
        return self.name.title() if (self.flavor, self.name) in ALIASES else cls.display_name

    @property
    def lr(self) -> float:
        from optviz.engine.optimizers import optimizer_class

        cls, _ = optimizer_class(self.name, self.flavor)
        return self.resolved()[cls.lr_key]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.flavor != "torch":
            out["flavor"] = self.flavor
        if self.label:
            out["label"] = self.label
        if self.color:
            out["color"] = self.color
        if not self.enabled:
            out["enabled"] = False
        out.update(_plain(self.hyper))
        if self.schedule is not None:
            out["schedule"] = dict(self.schedule)
        if self.noise is not None:
            out["noise"] = self.noise
        if self.batch_size is not None:
            out["batch_size"] = self.batch_size
        return out


@dataclass(frozen=True)
class Experiment:
    surface: dict[str, Any] = field(default_factory=lambda: {"name": "quadratic_ravine"})
    starts: tuple[tuple[float, float], ...] | None = None  # None: the surface's own start
    steps: int = 100
    seed: int = 0
    noise_sigma: float | None = None  # None: not given (no noise)
    batch_size: int | None = None
    optimizers: tuple[OptimizerSpec, ...] = ()
    stop: dict[str, Any] = field(default_factory=dict)  # as given; see STOP_HYPERS
    bound: float = 1e6  # |coordinate| beyond this counts as diverged
    swa_start: int | None = None
    title: str = ""
    view: tuple[float, float, float, float] | None = None
    training: dict[str, Any] | None = None
    multiple_starts: bool = False  # written as "starts" rather than "start"

    @property
    def stop_rules(self) -> dict[str, Any]:
        return resolve(STOP_HYPERS, self.stop, "stop")

    def with_changes(self, **changes: Any) -> Experiment:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"optviz": FORMAT_VERSION}
        if self.title:
            out["title"] = self.title
        out["surface"] = _plain(self.surface)
        if self.starts is not None:
            if self.multiple_starts or len(self.starts) != 1:
                out["starts"] = [list(p) for p in self.starts]
            else:
                out["start"] = list(self.starts[0])
        out["steps"] = self.steps
        out["seed"] = self.seed
        if self.noise_sigma is not None:
            out["noise"] = {"sigma": self.noise_sigma}
        if self.batch_size is not None:
            out["batch_size"] = self.batch_size
        if self.stop:
            out["stop"] = dict(self.stop)
        if self.bound != 1e6:
            out["bound"] = self.bound
        if self.swa_start is not None:
            out["swa"] = {"start": self.swa_start}
        if self.view is not None:
            out["view"] = list(self.view)
        out["optimizers"] = [o.to_dict() for o in self.optimizers]
        if self.training is not None:
            out["training"] = dict(self.training)
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value

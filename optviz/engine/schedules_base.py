"""The base class of every learning-rate schedule, and the hyperparameter helpers they share.

`Schedule.lr_at(step)` is the learning rate of optimizer update number ``step + 1`` (see
`optviz.engine.schedules`, the registry, for the step indexing and ``base_lr``'s shape).
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from optviz.engine.hyper import Hyper, resolve

PATH = "schedule"


class Schedule:
    """Base class: metadata declared once, `lr_at(step)` per subclass."""

    name: ClassVar[str]
    display_name: ClassVar[str]
    hyperparameters: ClassVar[tuple[Hyper, ...]] = ()
    torch_name: ClassVar[str | None] = None
    keras_name: ClassVar[str | None] = None
    formula: ClassVar[str]
    stateful: ClassVar[bool] = False

    def __init__(self, base_lr: float | np.ndarray, **params: Any):
        self.base_lr = float(base_lr) if np.ndim(base_lr) == 0 else np.asarray(base_lr, float)
        optional = {h.name for h in self.hyperparameters if h.default is None}
        params = {k: v for k, v in params.items() if not (k in optional and v is None)}
        self.params = resolve(self.hyperparameters, params, PATH)
        self._check(self.params)

    def _check(self, params: dict[str, Any]) -> None:
        """Cross-field checks and conversions; raise ExperimentError naming the key."""

    def lr_at(self, step: int) -> float | np.ndarray:
        raise NotImplementedError

    def values(self, steps: int) -> np.ndarray:
        """[lr_at(0), …, lr_at(steps − 1)] with time on the last axis: (*lr.shape, steps)."""
        lrs = [np.asarray(self.lr_at(t), dtype=float) for t in range(steps)]
        return np.stack(lrs, axis=-1) if lrs else np.empty(np.shape(self.lr_at(0)) + (0,))

    def _shaped(self, lr: float) -> float | np.ndarray:
        """An absolute lr (one that ignores base_lr), in base_lr's shape."""
        if np.ndim(self.base_lr) == 0:
            return float(lr)
        return np.full(np.shape(self.base_lr), lr, dtype=float)


def _int(name: str, default: int | None, low: int, tooltip: str) -> Hyper:
    return Hyper(name, default, kind="int", low=low, tooltip=tooltip)


def _positive(name: str, default: float, tooltip: str, **more: Any) -> Hyper:
    return Hyper(name, default, low=0, low_open=True, tooltip=tooltip, **more)


def _flag(name: str, tooltip: str) -> Hyper:
    return Hyper(name, False, kind="bool", tooltip=tooltip)

"""Hyperparameter metadata: declared once, read by validation, the UI forms and `optviz list`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from optviz.engine.errors import ExperimentError


@dataclass(frozen=True)
class Hyper:
    """One keyword argument of an optimizer, schedule or surface.

    kind: "float", "int", "bool", "choice", "pair" (two floats, e.g. betas) or
    "floats" (a list of floats, e.g. piecewise-constant values).
    low/high bound the value (and every element of a pair/list); *_open makes the bound strict.
    """

    name: str
    default: Any
    kind: str = "float"
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[Any, ...] = ()
    log: bool = False
    tooltip: str = ""
    symbol: str = ""  # how the equations panel writes it, e.g. "β₁"
    extra: dict[str, Any] = field(default_factory=dict)

    def validate(self, value: Any, path: str) -> Any:
        """Return the value normalised to its kind, or raise ExperimentError naming `path`."""
        kind = self.kind
        if kind == "bool":
            if not isinstance(value, bool):
                raise ExperimentError.of(
                    "{path}: must be true or false, got {value}", path=path, value=repr(value)
                )
            return value
        if kind == "choice":
            if value not in self.choices:
                options = ", ".join(repr(c) for c in self.choices)
                raise ExperimentError.of(
                    "{path}: must be one of {options}, got {value}",
                    path=path,
                    options=options,
                    value=repr(value),
                )
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                else:
                    raise ExperimentError.of(
                        "{path}: must be a whole number, got {value}", path=path, value=repr(value)
                    )
            self._check_range(value, path)
            return value
        if kind == "float":
            return self._number(value, path)
        if kind in ("pair", "floats"):
            if not isinstance(value, list | tuple):
                raise ExperimentError.of(
                    "{path}: must be a list of numbers, got {value}", path=path, value=repr(value)
                )
            if kind == "pair" and len(value) != 2:
                raise ExperimentError.of(
                    "{path}: must be a list of two numbers, got {value}",
                    path=path,
                    value=repr(value),
                )
            return tuple(self._number(v, f"{path}[{i}]") for i, v in enumerate(value))
        raise AssertionError(f"unknown kind {kind}")

    def _number(self, value: Any, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ExperimentError.of(
                "{path}: must be a number, got {value}", path=path, value=repr(value)
            )
        value = float(value)
        if not math.isfinite(value):
            raise ExperimentError.of(
                "{path}: must be a finite number, got {value}", path=path, value=repr(value)
            )
        self._check_range(value, path)
        return value

    def _check_range(self, value: float, path: str) -> None:
        if self.low is not None:
            fields = {"path": path, "low": f"{self.low:g}", "value": f"{value:g}"}
            if self.low_open and not value > self.low:
                raise ExperimentError.of("{path}: must be > {low}, got {value}", **fields)
            if not self.low_open and not value >= self.low:
                raise ExperimentError.of("{path}: must be >= {low}, got {value}", **fields)
        if self.high is not None:
            fields = {"path": path, "high": f"{self.high:g}", "value": f"{value:g}"}
            if self.high_open and not value < self.high:
                raise ExperimentError.of("{path}: must be < {high}, got {value}", **fields)
            if not self.high_open and not value <= self.high:
                raise ExperimentError.of("{path}: must be <= {high}, got {value}", **fields)

    def describe(self) -> dict[str, Any]:
        """Plain-data description, for `optviz list --json`."""
        out: dict[str, Any] = {"name": self.name, "kind": self.kind, "default": self.default}
        for key in ("low", "high", "choices", "tooltip"):
            value = getattr(self, key)
            if value not in (None, (), ""):
                out[key] = list(value) if isinstance(value, tuple) else value
        return out


def resolve(hypers: tuple[Hyper, ...], given: dict[str, Any], path: str) -> dict[str, Any]:
    """Fill defaults, reject unknown keys, validate each value. Returns a new dict."""
    known = {h.name: h for h in hypers}
    for key in given:
        if key not in known:
            names = ", ".join(known) or "none"
            raise ExperimentError.of(
                "{path}: unknown key (known: {names})", path=f"{path}.{key}", names=names
            )
    out = {}
    for h in hypers:
        value = given.get(h.name, h.default)
        out[h.name] = h.validate(value, f"{path}.{h.name}") if h.name in given else value
    return out

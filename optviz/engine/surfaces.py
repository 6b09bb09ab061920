"""Loss surfaces f(x, y) for the optimizer races: the registry and `make_surface`.

A `Surface` gives `value(x, y)`, the analytic `grad(x, y)` and what the UI needs to draw it
(`view`, `start`, `minima`, `saddles`, `formula` ...). The surfaces themselves live in
`surfaces_basic` (teaching surfaces), `surfaces_benchmark` (classic test functions) and
`surfaces_data` (linear regression, with mini-batches); this module collects them in menu
order and adds `CustomSurface`, a surface typed by the user.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from optviz.engine.errors import ExperimentError, ExpressionError
from optviz.engine.expression import Expression, parse_expression, usable_name
from optviz.engine.hyper import Hyper
from optviz.engine.surfaces_base import Point, Surface, View, as_xy
from optviz.engine.surfaces_basic import (
    Bowl,
    MonkeySaddle,
    Plateau,
    QuadraticRavine,
    RotatedQuadratic,
    Saddle,
    TwoBasin,
)
from optviz.engine.surfaces_benchmark import (
    Ackley,
    Beale,
    Booth,
    GoldsteinPrice,
    Himmelblau,
    Matyas,
    Rastrigin,
    Rosenbrock,
    SixHumpCamel,
    StyblinskiTang,
)
from optviz.engine.surfaces_data import LinearRegression

__all__ = [
    "SURFACES",
    "CustomSurface",
    "Point",
    "Surface",
    "View",
    "make_surface",
]

SURFACES: dict[str, type[Surface]] = {
    cls.name: cls
    for cls in (
        QuadraticRavine,
        Bowl,
        RotatedQuadratic,
        Saddle,
        MonkeySaddle,
        Rosenbrock,
        Beale,
        Himmelblau,
        Booth,
        Matyas,
        SixHumpCamel,
        Rastrigin,
        Ackley,
        StyblinskiTang,
        GoldsteinPrice,
        Plateau,
        TwoBasin,
        LinearRegression,
    )
}


class CustomSurface(Surface):
    """A surface from a user expression such as ``sin(x) * cos(y) + a * x**2``.

    Unlike the catalogue surfaces it takes the expression, the values of the expression's
    parameters and an optional view. Raises ExpressionError (with a position) for a bad
    expression and ExperimentError ("surface.params.a: ...") for bad parameters or view.
    """

    name = "custom"
    display_name = "Custom expression"
    description = "A surface you type: any expression of x, y and your own parameters."
    formula = ""
    latex = ""
    default_view: View = (-5.0, 5.0, -5.0, 5.0)

    def __init__(
        self,
        expression: str,
        params: dict[str, float] | None = None,
        view: Sequence[float] | None = None,
    ):
        self.params = _check_custom_params(params if params is not None else {})
        self.expression: Expression = parse_expression(expression, self.params)
        self.formula = expression
        self.latex = self.expression.latex
        # Per instance: the UI builds its parameter form from these, as for other surfaces.
        self.hyperparameters = tuple(
            Hyper(name, value, symbol=name) for name, value in self.params.items()
        )
        self.view = self.default_view if view is None else check_view(view, "surface.view")
        xmin, xmax, ymin, ymax = self.view
        # Off-centre, so that a symmetric surface does not start at a stationary point.
        self.start = (xmin + 0.2 * (xmax - xmin), ymin + 0.8 * (ymax - ymin))

    def __repr__(self) -> str:
        return f"CustomSurface({self.formula!r}, params={self.params!r})"

    def value(self, x, y):
        return self.expression.value(x, y)

    def grad(self, x, y):
        x, y = as_xy(x, y)
        return self.expression.grad(x, y)


def _check_custom_params(params: Any) -> dict[str, float]:
    if not isinstance(params, dict):
        raise ExperimentError.of(
            "{path}: must be an object, got {value}", path="surface.params", value=repr(params)
        )
    checked = {}
    for name, value in params.items():
        path = f"surface.params.{name}"
        if not usable_name(name):
            raise ExperimentError.of(
                "{path}: not a usable parameter name (a letter-first name other than "
                "x, y, pi, e and the function names)",
                path=path,
            )
        checked[name] = Hyper(name, 0.0).validate(value, path)
    return checked


def check_view(view: Any, path: str) -> View:
    """A valid (xmin, xmax, ymin, ymax) of finite floats, or ExperimentError naming `path`."""
    if not isinstance(view, list | tuple) or len(view) != 4:
        raise ExperimentError.of(
            "{path}: must be [xmin, xmax, ymin, ymax], got {value}", path=path, value=repr(view)
        )
    xmin, xmax, ymin, ymax = Hyper("view", (), kind="floats").validate(view, path)
    if not (xmin < xmax and ymin < ymax) or not math.isfinite(xmax - xmin + ymax - ymin):
        raise ExperimentError.of(
            "{path}: needs xmin < xmax and ymin < ymax, got {value}",
            path=path,
            value=repr(list(view)),
        )
    return (xmin, xmax, ymin, ymax)


def make_surface(spec: dict) -> Surface:
    """Build a surface from its experiment spec, or raise ExperimentError naming the key.

    spec: {"name": "rosenbrock", "params": {...}} or {"name": "custom", "expression":
    "x**2 + a*y**2", "params": {"a": 3}}; "params" is optional and so is "view"
    ([xmin, xmax, ymin, ymax], replacing the surface's recommended view).
    """
    if not isinstance(spec, dict):
        raise ExperimentError.of(
            "{path}: must be an object with a 'name', got {value}", path="surface", value=repr(spec)
        )
    known = ", ".join([*SURFACES, CustomSurface.name])
    name = spec.get("name")
    if name is None:
        raise ExperimentError.of(
            "{path}: missing (known: {names})", path="surface.name", names=known
        )
    if not isinstance(name, str) or (name not in SURFACES and name != CustomSurface.name):
        raise ExperimentError.of(
            "{path}: unknown surface {name} (known: {names})",
            path="surface.name",
            name=repr(name),
            names=known,
        )
    keys = (
        ("name", "params", "view", "expression") if name == "custom" else ("name", "params", "view")
    )
    for key in spec:
        if key not in keys:
            raise ExperimentError.of(
                "{path}: unknown key (known: {names})", path=f"surface.{key}", names=", ".join(keys)
            )
    params = spec.get("params", {})
    if not isinstance(params, dict) or not all(isinstance(key, str) for key in params):
        raise ExperimentError.of(
            "{path}: must be an object, got {value}", path="surface.params", value=repr(params)
        )
    view = spec.get("view")
    if name != CustomSurface.name:
        surface = SURFACES[name](**params)
        if view is not None:
            surface.view = check_view(view, "surface.view")
        return surface
    expression = spec.get("expression")
    if expression is None:
        raise ExperimentError.of("{path}: missing", path="surface.expression")
    if not isinstance(expression, str):
        raise ExperimentError.of(
            "{path}: must be text, got {value}", path="surface.expression", value=repr(expression)
        )
    try:
        return CustomSurface(expression, params, view)
    except ExpressionError as error:
        raise ExperimentError.of(
            "{path}: {error}", path="surface.expression", error=error
        ) from error

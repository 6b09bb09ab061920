"""The `Surface` base class and the small numerical helpers the surface catalogue shares.

Import surfaces from `optviz.engine.surfaces`; this module exists so that the catalogue can
be split over several files without circular imports.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np

from optviz.engine.hyper import Hyper, resolve

Array = np.ndarray
Point = tuple[float, float]
View = tuple[float, float, float, float]


class Surface:
    """A loss surface f(x, y) with its analytic gradient and what the UI needs to show it.

    Subclasses declare the metadata as class attributes, or as instance attributes set in
    `__init__` when they depend on the parameters. `value` and `grad` broadcast over any
    shapes of x and y; overflow far outside the view is left to the caller (no errstate here).
    """

    name: ClassVar[str]
    display_name: ClassVar[str]
    formula: ClassVar[str]  # plain text with unicode, as the UI shows it
    latex: ClassVar[str]
    description: ClassVar[str]  # one sentence: what the surface teaches
    hyperparameters: ClassVar[tuple[Hyper, ...]] = ()

    view: View = (-5.0, 5.0, -5.0, 5.0)  # recommended (xmin, xmax, ymin, ymax)
    start: Point = (-3.0, 3.0)  # recommended start point
    minima: tuple[Point, ...] = ()  # every known minimum, global and local
    saddles: tuple[Point, ...] = ()  # known saddle points, () if none are known
    log_scale: bool = False  # True when values in the view span many orders of magnitude
    n_samples: int | None = None  # only data surfaces (mini-batches) set this

    def __init__(self, **params: Any):
        self.params = resolve(self.hyperparameters, params, "surface.params")

    def __repr__(self) -> str:
        args = ", ".join(f"{key}={value!r}" for key, value in self.params.items())
        return f"{type(self).__name__}({args})"

    @property
    def global_minima(self) -> tuple[Point, ...]:
        """The listed minima whose value is the lowest (ties within rounding all count)."""
        if not self.minima:
            return ()
        points = np.array(self.minima, dtype=float)
        values = self.value(points[:, 0], points[:, 1])
        lowest = values.min()
        tolerance = 1e-9 * (1.0 + abs(lowest))
        return tuple(m for m, v in zip(self.minima, values, strict=True) if v <= lowest + tolerance)

    def value(self, x: Array, y: Array) -> Array:
        raise NotImplementedError

    def grad(self, x: Array, y: Array) -> tuple[Array, Array]:
        raise NotImplementedError

    def value_and_grad(self, x: Array, y: Array) -> tuple[Array, Array, Array]:
        """f, ∂f/∂x, ∂f/∂y in one call; surfaces that share work between them override it
        (the runner calls this once per step)."""
        gx, gy = self.grad(x, y)
        return self.value(x, y), gx, gy


def as_xy(x, y) -> tuple[Array, Array]:
    """x and y as float arrays of their broadcast shape (views, no copies)."""
    return np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))


def lattice(view: View) -> list[Point]:
    """The integer points inside `view`: seeds for the egg-crate surfaces' local minima."""
    xmin, xmax, ymin, ymax = view
    xs = range(int(np.ceil(xmin)), int(np.floor(xmax)) + 1)
    ys = range(int(np.ceil(ymin)), int(np.floor(ymax)) + 1)
    return [(float(i), float(j)) for i in xs for j in ys]


def refine(
    surface: Surface, seeds, kind: str = "minimum", within: View | None = None
) -> tuple[Point, ...]:
    """Polish approximate stationary points with Newton's method.

    Keeps the points that converge to a stationary point of the requested `kind`
    ("minimum": positive-definite Hessian, "saddle": indefinite) inside `within`, without
    duplicates, in the order of their seeds. The Hessian is a central difference of the
    analytic gradient, accurate enough for Newton to reach the rounding floor.
    """
    points = np.array(seeds, dtype=float).reshape(-1, 2)
    converged = np.zeros(len(points), dtype=bool)
    with np.errstate(all="ignore"):
        for _ in range(60):
            gx, gy = surface.grad(points[:, 0], points[:, 1])
            a, b, c, d = _entries(_hessian(surface, points))
            det = a * d - b * c
            step_x = (d * gx - b * gy) / det
            step_y = (a * gy - c * gx) / det
            points = points - np.stack([step_x, step_y], axis=1)
            size = np.hypot(step_x, step_y)
            converged = size <= 1e-12 * (1.0 + np.hypot(points[:, 0], points[:, 1]))
            if converged.all():
                break
        a, b, c, d = _entries(_hessian(surface, points))
    det = a * d - b * c
    wanted = det > 0 if kind == "minimum" else det < 0
    if kind == "minimum":
        wanted &= a + d > 0
    keep = converged & wanted & np.isfinite(points).all(axis=1)
    if within is not None:
        xmin, xmax, ymin, ymax = within
        keep &= (points[:, 0] >= xmin) & (points[:, 0] <= xmax)
        keep &= (points[:, 1] >= ymin) & (points[:, 1] <= ymax)
    found: list[Point] = []
    for px, py in points[keep]:
        if all(np.hypot(px - qx, py - qy) > 1e-6 * (1.0 + abs(px) + abs(py)) for qx, qy in found):
            found.append((float(px), float(py)))
    return tuple(found)


def _hessian(surface: Surface, points: Array) -> Array:
    """(n, 2, 2) Hessians by central differences of the analytic gradient, symmetrised."""
    h = 1e-5 * (1.0 + np.abs(points))
    columns = []
    for axis in range(2):
        shift = np.zeros_like(points)
        shift[:, axis] = h[:, axis]
        plus = np.stack(surface.grad(*(points + shift).T), axis=1)
        minus = np.stack(surface.grad(*(points - shift).T), axis=1)
        columns.append((plus - minus) / (2.0 * h[:, axis : axis + 1]))
    hessian = np.stack(columns, axis=2)  # hessian[:, i, j] = ∂g_i/∂x_j
    return 0.5 * (hessian + hessian.transpose(0, 2, 1))


def _entries(hessian: Array) -> tuple[Array, Array, Array, Array]:
    return hessian[:, 0, 0], hessian[:, 0, 1], hessian[:, 1, 0], hessian[:, 1, 1]

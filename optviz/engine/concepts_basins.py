"""Basins of attraction: one optimizer from every start of a grid (40,000 starts in one
vectorised `descend` loop), and which known minimum each run reaches, how fast, or whether
it diverges."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from optviz.engine.concepts_descent import RunGroup, descend, optimizer_spec
from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import OptimizerSpec
from optviz.engine.surfaces import Surface, make_surface


@dataclass(frozen=True, eq=False)
class BasinMap:
    """Where each start of a grid ends. Arrays are (ny, nx), [i, j] the start (x[j], y[i]).

    minimum_index: index into `minima` of the minimum the run ends within `tol` of, −1 none
    steps_to_tol: first step within `tol` of that minimum, −1 when minimum_index is −1
    diverged: the run left the finite, bounded region
    """

    x: np.ndarray
    y: np.ndarray
    minima: np.ndarray  # (n_minima, 2)
    minimum_index: np.ndarray
    steps_to_tol: np.ndarray
    diverged: np.ndarray
    final_loss: np.ndarray
    tol: float
    steps: int
    label: str
    surface_name: str

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return (float(self.x[0]), float(self.x[-1]), float(self.y[0]), float(self.y[-1]))


def basins(
    surface: Surface | dict,
    optimizer: OptimizerSpec | dict,
    grid: tuple[int, int] = (200, 200),
    rect: tuple[float, float, float, float] | None = None,
    steps: int = 500,
    tol: float | None = None,
    *,
    seed: int = 0,
    noise_sigma: float | None = None,
    bound: float = 1e6,
    should_stop: Callable[[], bool] | None = None,
) -> BasinMap:
    """Run `optimizer` from every point of an nx × ny grid over `rect` (default: the view).

    tol: how close to a minimum counts as arriving (default 1 % of the shorter side of rect).
    Every minimum is checked at every step, so the cost grows with their number.
    """
    surface = make_surface(surface) if isinstance(surface, dict) else surface
    spec = optimizer_spec(optimizer)
    if not surface.minima:
        raise ExperimentError.of(
            "{path}: {surface} lists no known minima", path="surface", surface=surface.display_name
        )
    nx, ny = (int(v) for v in grid)
    if nx < 2 or ny < 2:
        raise ExperimentError.of(
            "{path}: needs at least 2 × 2 points, got {nx} × {ny}", path="grid", nx=nx, ny=ny
        )
    xmin, xmax, ymin, ymax = rect or surface.view
    tol = 0.01 * min(xmax - xmin, ymax - ymin) if tol is None else float(tol)
    x, y = np.linspace(xmin, xmax, nx), np.linspace(ymin, ymax, ny)
    starts = np.stack(np.meshgrid(x, y), axis=-1).reshape(-1, 2)  # row i·nx + j: (x[j], y[i])
    points = np.asarray(surface.minima, np.float64)
    found = descend(
        surface,
        [RunGroup(spec, starts)],
        steps,
        seed=seed,
        noise_sigma=noise_sigma,
        bound=bound,
        minima=points,
        radius=tol,
        should_stop=should_stop,
    )
    diverged = found.diverged_at >= 0
    gaps = np.hypot(*(found.final_position[:, None, :] - points[None, :, :]).transpose(2, 0, 1))
    nearest = np.argmin(np.where(np.isfinite(gaps), gaps, np.inf), axis=1)
    reached = (gaps[np.arange(len(nearest)), nearest] <= tol) & ~diverged
    index = np.where(reached, nearest, -1)
    first = found.first_near[np.arange(len(nearest)), nearest]
    steps_to_tol = np.where(reached, first, -1)
    return BasinMap(
        x=x,
        y=y,
        minima=points,
        minimum_index=index.reshape(ny, nx),
        steps_to_tol=steps_to_tol.reshape(ny, nx),
        diverged=diverged.reshape(ny, nx),
        final_loss=found.final_loss.reshape(ny, nx),
        tol=tol,
        steps=int(steps),
        label=spec.display_label,
        surface_name=surface.name,
    )

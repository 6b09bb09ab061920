"""Where things go in the 3D scene: the surface and the runs mapped into a fixed box.

Scene box: x and y of the surface grid each map to [-1, 1]; heights map to [0, Z_TOP].
Plain NumPy (and a pyqtgraph colour map): no OpenGL here, the scene only receives arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg

Z_TOP = 1.2  # 0.6 of the xy span (2): hilly enough to read, flat enough to see over
LIFT = 0.02  # trajectories float this far above the surface so facets do not hide them
MAX_VERTICES_PER_AXIS = 128  # a 512² grid costs much and shows nothing more at this size


def _transformed(values: np.ndarray, z_min: float, log_scale: bool, log_offset: float):
    """Loss values → the quantity the heights are linear in: z, or log10(z - z_min + offset)."""
    big = np.finfo(float).max
    values = np.nan_to_num(values, nan=np.nan, posinf=big, neginf=-big)
    if not log_scale:
        return values
    return np.log10(np.maximum(values - z_min, 0.0) + log_offset)


@dataclass(frozen=True)
class BoxTransform:
    """Maps surface coordinates and loss values into the scene box (and clips to it)."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    z_min: float
    log_scale: bool
    log_offset: float  # the "tiny" in log10(z - z_min + tiny)
    t_range: tuple[float, float]  # transformed values mapped to 0 and Z_TOP

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, z: np.ndarray, log_scale: bool) -> BoxTransform:
        finite = z[np.isfinite(z)]
        z_min, z_max = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        # A thousandth of the range: values below it rest on the floor. A smaller offset turns
        # a narrow valley (Rosenbrock) into a canyon whose sampled floor is all spikes.
        log_offset = max((z_max - z_min) * 1e-3, 1e-12)
        low, high = _transformed(np.array([z_min, z_max]), z_min, log_scale, log_offset)
        if z_max - z_min <= 1e-9 * max(1.0, abs(z_min), abs(z_max)):
            high = np.inf  # a flat surface stays flat instead of stretching rounding noise
        x_range, y_range = (float(x[0]), float(x[-1])), (float(y[0]), float(y[-1]))
        return cls(x_range, y_range, z_min, log_scale, log_offset, (float(low), float(high)))

    def height(self, values: np.ndarray) -> np.ndarray:
        """Loss values → scene heights in [0, Z_TOP] (NaN stays NaN)."""
        low, high = self.t_range
        t = _transformed(
            np.asarray(values, dtype=float), self.z_min, self.log_scale, self.log_offset
        )
        with np.errstate(over="ignore", invalid="ignore"):  # ±inf losses clip to the box
            unit = (t - low) / (high - low)
        return Z_TOP * np.clip(unit, 0.0, 1.0)

    def xy(self, points: np.ndarray) -> np.ndarray:
        """Surface (x, y), shape (..., 2) → scene (x, y) in [-1, 1]², clipped to the box."""
        out = np.empty(points.shape, dtype=float)
        for axis, (low, high) in enumerate((self.x_range, self.y_range)):
            clipped = np.clip(points[..., axis], min(low, high), max(low, high))
            out[..., axis] = 2.0 * (clipped - low) / ((high - low) or 1.0) - 1.0
        return out


def rgba(color: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """A colour name or hex string → (red, green, blue, alpha) floats, as GL items take them."""
    red, green, blue, _ = pg.mkColor(color).getRgbF()
    return (red, green, blue, alpha)


def _even_indices(n: int) -> np.ndarray:
    """At most MAX_VERTICES_PER_AXIS indices spread over 0..n-1, both ends included."""
    return np.unique(np.linspace(0, n - 1, min(n, MAX_VERTICES_PER_AXIS)).round().astype(int))


def surface_mesh(box: BoxTransform, x: np.ndarray, y: np.ndarray, z: np.ndarray) -> tuple:
    """The surface grid in the box, at most MAX_VERTICES_PER_AXIS vertices per axis:
    (xs (mx,), ys (my,), heights (mx, my), colours (mx * my, 4)), as GLSurfacePlotItem takes
    them. x (nx,), y (ny,), z (ny, nx) with z[i, j] = f(x[j], y[i])."""
    ix, iy = _even_indices(x.size), _even_indices(y.size)
    scene_xy = box.xy(np.stack(np.broadcast_arrays(x[ix], y[iy][:, None]), axis=-1))
    heights = np.nan_to_num(box.height(z[np.ix_(iy, ix)]), nan=Z_TOP)
    colors = pg.colormap.get("viridis").map(heights / Z_TOP, mode="float")
    # GLSurfacePlotItem wants z as (len(x), len(y)): transpose our row = y layout.
    return (
        scene_xy[0, :, 0],
        scene_xy[:, 0, 1],
        heights.T,
        colors.transpose(1, 0, 2).reshape(-1, 4),
    )


@dataclass
class SceneRuns:
    """Runs mapped into the scene box once (`map_runs`), so each step only slices."""

    points: np.ndarray  # (n_runs, steps + 1, 3), NaN rows where the run has no position
    finite: np.ndarray  # (n_runs, steps + 1) bool
    last_finite: np.ndarray  # (n_runs, steps + 1): last finite row ≤ each step, or -1
    colors: list[tuple[float, float, float, float]]
    end_step: np.ndarray  # (n_runs,)
    diverged: np.ndarray  # (n_runs,) bool

    def paths_at(self, step: int, trail: int | None) -> tuple:
        """What the scene shows at `step`, keeping the last `trail` steps (None: all):
        (segments: one (n, 3) array or None per run, heads (h, 3), head colours (h, 4),
        diverged markers (d, 3))."""
        segments, heads, head_colors, diverged_points = [], [], [], []
        for r in range(len(self.colors)):
            last = min(step, int(self.end_step[r]), self.points.shape[1] - 1)
            first = 0 if trail is None else max(0, last - trail)
            if last < 0:
                segments.append(None)
                continue
            rows = slice(first, last + 1)
            segments.append(self.points[r, rows][self.finite[r, rows]])
            head_row = self.last_finite[r, last]
            if head_row >= 0:
                heads.append(self.points[r, head_row])
                head_colors.append(self.colors[r])
                if self.diverged[r] and step >= self.end_step[r]:
                    diverged_points.append(self.points[r, head_row])
        return (
            segments,
            np.reshape(heads, (-1, 3)),
            np.reshape(head_colors, (-1, 4)),
            np.reshape(diverged_points, (-1, 3)),
        )


def map_runs(
    box: BoxTransform,
    positions: np.ndarray,
    heights: np.ndarray,
    colors: list[str],
    end_step: np.ndarray,
    diverged: np.ndarray,
) -> SceneRuns:
    """Runs (see `Surface3DView.set_runs`) → points in the box, LIFT above the surface."""
    finite = ~(np.isnan(positions).any(axis=2) | np.isnan(heights))
    points = np.concatenate([box.xy(positions), box.height(heights)[..., None] + LIFT], axis=2)
    rows = np.where(finite, np.arange(finite.shape[1]), -1)
    return SceneRuns(
        points,
        finite,
        np.maximum.accumulate(rows, axis=1),
        [rgba(color) for color in colors],
        end_step,
        diverged,
    )

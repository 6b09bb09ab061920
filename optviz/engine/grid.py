"""Sampling a surface on a grid for drawing: heatmap values, contour lines, gradient field.

Pure NumPy + contourpy; the GUI's worker calls this so the GUI thread only draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import contourpy
import numpy as np

from optviz.engine.surfaces import Surface

LOG_FLOOR = 1e-12  # keeps log10(f − f_min) finite at the minimum itself


@dataclass(frozen=True, eq=False)
class SurfaceGrid:
    """x: (nx,), y: (ny,), z: (ny, nx) with z[i, j] = f(x[j], y[i]).

    shown: what the heatmap draws (z, or log10(z − z_min + floor) when log_scale)
    levels: contour levels in `shown` units; contours[k]: (n, 2) points with NaN rows
    between separate lines (draw with connect='finite').
    arrows: (m, 4) gradient-field arrows x, y, dx, dy (descent direction, scaled to fit).
    color_levels: the `shown` values mapped to the two ends of the colour map
    rgba: (ny, nx, 4) uint8 heatmap coloured with the given lookup table (None without one),
          so that the GUI thread only has to draw it
    """

    rect: tuple[float, float, float, float]
    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    shown: np.ndarray
    log_scale: bool
    z_min: float
    levels: np.ndarray
    contours: tuple[np.ndarray, ...]
    arrows: np.ndarray
    color_levels: tuple[float, float] = (0.0, 1.0)
    rgba: np.ndarray | None = None

    @property
    def arrow_segments(self) -> np.ndarray:
        """(6 m, 2): shaft and two barbs of each arrow, for a `connect='pairs'` curve."""
        return arrow_segments(self.arrows)


def to_shown(values: np.ndarray, z_min: float, log_scale: bool) -> np.ndarray:
    """The heatmap's transform, also used for the colour of loss values elsewhere."""
    if not log_scale:
        return values
    with np.errstate(all="ignore"):
        return np.log10(np.maximum(values - z_min, 0.0) + LOG_FLOOR)


def compute_grid(
    surface: Surface,
    rect: tuple[float, float, float, float],
    resolution: int = 512,
    log_scale: bool | None = None,
    n_levels: int = 20,
    n_arrows: int = 21,
    lut: np.ndarray | None = None,
) -> SurfaceGrid:
    """Sample `surface` on a grid over `rect`. `lut`: (n, 3 or 4) uint8 colour table for the
    heatmap, low values first."""
    xmin, xmax, ymin, ymax = rect
    log_scale = surface.log_scale if log_scale is None else log_scale
    aspect = (ymax - ymin) / (xmax - xmin)
    nx = resolution
    ny = int(np.clip(round(resolution * aspect), 64, 2 * resolution))
    x = np.linspace(xmin, xmax, nx)
    y = np.linspace(ymin, ymax, ny)
    with np.errstate(all="ignore"):
        z = surface.value(x[None, :], y[:, None])
        z = np.broadcast_to(z, (ny, nx)).astype(np.float64)
    finite = np.isfinite(z)
    z_min = float(z[finite].min()) if finite.any() else 0.0
    known = [float(surface.value(np.float64(mx), np.float64(my))) for mx, my in surface.minima]
    known = [v for v in known if np.isfinite(v)]
    if known:  # the true minimum value makes log scales comparable across zooms
        z_min = min(z_min, min(known))
    shown = to_shown(z, z_min, log_scale)
    shown = np.where(np.isfinite(shown), shown, np.nan)
    levels = _levels(shown, n_levels, log_scale)
    contours = tuple(_lines(x, y, shown, level) for level in levels)
    color_levels = _color_levels(shown)
    rgba = _colorize(shown, color_levels, lut) if lut is not None else None
    return SurfaceGrid(
        rect=tuple(float(v) for v in rect),
        x=x,
        y=y,
        z=z,
        shown=shown,
        log_scale=log_scale,
        z_min=z_min,
        levels=levels,
        contours=contours,
        arrows=_arrows(surface, rect, n_arrows),
        color_levels=color_levels,
        rgba=rgba,
    )


def sampled_grid(
    x: np.ndarray,
    y: np.ndarray,
    z: np.ndarray,
    log_scale: bool = False,
    z_min: float | None = None,
    n_levels: int = 20,
    lut: np.ndarray | None = None,
    smooth: int = 1,
) -> SurfaceGrid:
    """A SurfaceGrid of values sampled elsewhere (the loss landscape), without arrows.

    z: (ny, nx) with z[i, j] at (x[j], y[i]); z_min: subtracted before the log (None: the
    smallest finite z; 0 gives a plain log10 z); smooth: the coloured heatmap is
    interpolated (bilinear) this many times finer, so a coarse grid is not drawn as blocks.
    """
    z = np.asarray(z, dtype=np.float64)
    finite = np.isfinite(z)
    if z_min is None:
        z_min = float(z[finite].min()) if finite.any() else 0.0
    with np.errstate(all="ignore"):
        shown = to_shown(z, z_min, log_scale)
    shown = np.where(np.isfinite(shown), shown, np.nan)
    levels = _levels(shown, n_levels, log_scale)
    color_levels = _color_levels(shown)
    return SurfaceGrid(
        rect=(float(x[0]), float(x[-1]), float(y[0]), float(y[-1])),
        x=np.asarray(x, dtype=np.float64),
        y=np.asarray(y, dtype=np.float64),
        z=z,
        shown=shown,
        log_scale=log_scale,
        z_min=z_min,
        levels=levels,
        contours=tuple(_lines(x, y, shown, level) for level in levels),
        arrows=np.empty((0, 4)),
        color_levels=color_levels,
        rgba=_colorize(_upsample(shown, smooth), color_levels, lut) if lut is not None else None,
    )


def _upsample(values: np.ndarray, factor: int) -> np.ndarray:
    """Bilinear interpolation onto a grid `factor` times finer, (ny, nx) →
    (factor·(ny − 1) + 1, factor·(nx − 1) + 1); the corners stay where they were."""
    for axis in (0, 1):
        n = values.shape[axis]
        if factor <= 1 or n < 2:
            continue
        t = np.linspace(0, n - 1, factor * (n - 1) + 1)
        left = np.minimum(t.astype(int), n - 2)
        weight = np.expand_dims(t - left, 1 - axis)
        below, above = np.take(values, left, axis), np.take(values, left + 1, axis)
        values = below * (1 - weight) + above * weight
    return values


def arrow_segments(arrows: np.ndarray, head: float = 0.35) -> np.ndarray:
    """(m, 4) arrows x, y, dx, dy → (6 m, 2) points: shaft, then two barbs at ±25°."""
    if not len(arrows):
        return np.empty((0, 2))
    x, y, dx, dy = arrows.T
    tip_x, tip_y = x + dx, y + dy
    out = [np.stack([x, y], 1), np.stack([tip_x, tip_y], 1)]
    cos, sin = np.cos(np.radians(25)), np.sin(np.radians(25))
    for sign in (1.0, -1.0):
        # the backwards direction (−dx, −dy) turned by ±25°, scaled to the head size
        bx = -dx * cos - sign * -dy * sin
        by = sign * -dx * sin + -dy * cos
        out += [np.stack([tip_x, tip_y], 1), np.stack([tip_x + head * bx, tip_y + head * by], 1)]
    return np.stack(out, axis=1).reshape(-1, 2)


def _color_levels(shown: np.ndarray) -> tuple[float, float]:
    finite = shown[np.isfinite(shown)]
    if not finite.size:
        return (0.0, 1.0)
    low, high = np.percentile(finite, [0, 99.5])
    if not high > low:
        high = low + 1.0
    return (float(low), float(high))


def _colorize(shown: np.ndarray, levels: tuple[float, float], lut: np.ndarray) -> np.ndarray:
    """Map values to colours (NaN → transparent)."""
    low, high = levels
    lut = np.asarray(lut, dtype=np.uint8)
    if lut.shape[1] == 3:
        lut = np.concatenate([lut, np.full((len(lut), 1), 255, np.uint8)], axis=1)
    with np.errstate(invalid="ignore"):
        index = np.clip((shown - low) / (high - low) * (len(lut) - 1), 0, len(lut) - 1)
    rgba = lut[np.nan_to_num(index, nan=0).astype(np.intp)]
    rgba[~np.isfinite(shown)] = 0
    return rgba


def _levels(shown: np.ndarray, n_levels: int, log_scale: bool) -> np.ndarray:
    values = shown[np.isfinite(shown)]
    if values.size == 0:
        return np.array([])
    low, high = np.percentile(values, [0.5, 97.0])
    if not high > low:
        return np.array([])
    fractions = np.linspace(0, 1, n_levels + 2)[1:-1]
    if not log_scale:
        # Quadratic spacing: bowls get evenly spaced rings, dense near the minimum.
        fractions = fractions**2
    return low + (high - low) * fractions


def _lines(x: np.ndarray, y: np.ndarray, shown: np.ndarray, level: float) -> np.ndarray:
    generator = contourpy.contour_generator(x, y, shown, line_type="ChunkCombinedNan")
    (chunks,) = generator.lines(level)
    parts = [c for c in chunks if c is not None]
    if not parts:
        return np.empty((0, 2))
    return np.concatenate(parts) if len(parts) > 1 else parts[0]


def _arrows(surface: Surface, rect, n: int) -> np.ndarray:
    xmin, xmax, ymin, ymax = rect
    gx_points = np.linspace(xmin, xmax, n + 2)[1:-1]
    gy_points = np.linspace(ymin, ymax, n + 2)[1:-1]
    px, py = np.meshgrid(gx_points, gy_points)
    with np.errstate(all="ignore"):
        gx, gy = surface.grad(px, py)
        gx = np.broadcast_to(gx, px.shape)
        gy = np.broadcast_to(gy, px.shape)
        norm = np.hypot(gx, gy)
        # Direction of steepest descent; length grows with |∇f| but saturates so that
        # steep cliffs do not swamp the picture.
        scale = np.tanh(norm / (np.nanmedian(norm) + 1e-300)) / (norm + 1e-300)
    cell = 0.45 * min((xmax - xmin), (ymax - ymin)) / n
    dx, dy = -gx * scale * cell, -gy * scale * cell
    out = np.stack([px.ravel(), py.ravel(), dx.ravel(), dy.ravel()], axis=1)
    return out[np.isfinite(out).all(axis=1)]

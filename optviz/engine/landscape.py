"""Loss-landscape slices of the MLP: the loss on a plane through weight space.

Li, Xu, Taylor, Studer and Goldstein (2018), "Visualizing the Loss Landscape of Neural Nets",
NeurIPS, https://arxiv.org/abs/1712.09913. With θ* the centre (one optimizer's final
weights) and two directions δ, η of the same size as θ, the slice is

    f(α, β) = L(θ* + α·δ + β·η)

sampled on an N × N grid of (α, β), with L the network's loss on a fixed subset of the
training set. Weights travel as flat float32 vectors (`flatten`): W1, b1, W2, b2, … in the
order of `MLP.params`.

Two choices of (δ, η):

- **filter-normalised random** (`random_direction`): Gaussian, each filter rescaled to the
  norm of the same filter of θ*, so that the plot's scale means the same in every layer;
- **PCA of the paths** (`pca_directions`): the two directions along which the optimizers'
  weight snapshots spread most, so that their paths lie (nearly) in the plane. Random
  directions in 10⁵ dimensions are almost orthogonal to any path: projected on them the
  paths shrink to a point (the paper's section 7 makes this point).

Each path is drawn as its snapshots projected on the plane (`project`).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from optviz.engine.errors import OptvizError
from optviz.engine.mlp import MLP, _activate

METHODS = ("pca", "random")
N_EXAMPLES = 1000  # training images the loss is averaged over
MARGIN = 0.25  # of the paths' extent, added on each side of the grid
RANDOM_HALF_WIDTH = 1.0  # the paper's α, β ∈ [−1, 1] for filter-normalised directions


class LandscapeCancelled(Exception):
    """`should_stop()` returned True before the grid was complete."""


@dataclass(frozen=True, eq=False)
class LossLandscape:
    """One slice. loss[i, j] = L(θ* + alphas[j]·δ + betas[i]·η) (float32; inf or NaN where
    the network overflows); paths[k]: (n_k, 2) optimizer k's snapshots as (α, β), first row
    the shared initial weights, last row its final ones."""

    method: str  # "pca" or "random"
    alphas: np.ndarray  # (N,)
    betas: np.ndarray  # (N,)
    loss: np.ndarray  # (N, N)
    paths: tuple[np.ndarray, ...]
    labels: tuple[str, ...]
    status: tuple[str, ...]  # per optimizer, as in the race: "running", "diverged", …
    center: int  # index of the optimizer whose final weights are θ*
    explained_variance: np.ndarray | None  # (2,) fraction of the spread along δ, η (PCA)
    n_examples: int
    seconds: float

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return (float(self.alphas[0]), float(self.alphas[-1]),
                float(self.betas[0]), float(self.betas[-1]))  # fmt: skip

    @property
    def axis_labels(self) -> tuple[str, str]:
        """'PC1 (93.1 %)', 'PC2 (4.2 %)' or 'direction 1', 'direction 2'."""
        if self.explained_variance is None:
            return ("direction 1", "direction 2")
        first, second = self.explained_variance * 100
        return (f"PC1 ({first:.1f} %)", f"PC2 ({second:.1f} %)")


def flatten(params: Sequence[np.ndarray]) -> np.ndarray:
    """All parameters in one new float32 vector, (n_params,)."""
    return np.concatenate([np.ravel(p) for p in params]).astype(np.float32, copy=False)


def unflatten(vector: np.ndarray, like: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Views into `vector` shaped like the arrays of `like` (writing to them writes to it)."""
    out, start = [], 0
    for array in like:
        out.append(vector[start : start + array.size].reshape(array.shape))
        start += array.size
    return out


def random_direction(params: Sequence[np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """A filter-normalised Gaussian direction for the network with these parameters, flat.

    Li et al., eq. (1): d_{i,j} ← d_{i,j} / ‖d_{i,j}‖ · ‖θ_{i,j}‖ for filter j of layer i.
    A dense layer's filter is one output neuron: a column of W (fan_in, fan_out). Biases
    get a zero direction, as the paper does for biases and batch-norm parameters.
    """
    parts = []
    for i, array in enumerate(params):
        if i % 2:  # a bias
            parts.append(np.zeros(array.size, dtype=np.float32))
            continue
        direction = rng.standard_normal(array.shape)
        norms = np.linalg.norm(direction, axis=0)
        direction *= np.linalg.norm(array, axis=0) / np.maximum(norms, 1e-12)
        parts.append(direction.astype(np.float32).ravel())
    return np.concatenate(parts)


def pca_directions(snapshots: np.ndarray, center: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The top two principal directions of the snapshots around `center`, and their shares.

    snapshots: (n, p); returns directions (2, p) float32, orthonormal, and the explained
    variance ratios (2,) = s₁²/Σs², s₂²/Σs² of the singular values s of M = snapshots − center
    (as in the paper, the rows are θ_i − θ*, not centred on their mean).

    The right singular vectors of M are those of its economy SVD M = U S Vᵀ, computed
    through the n × n Gram matrix M Mᵀ = U S² Uᵀ and V = Mᵀ U S⁻¹: with n ≈ 200 snapshots
    and p ≈ 110,000 weights that takes 0.1 s, where LAPACK's SVD of M takes 6 s.
    """
    m = np.asarray(snapshots, dtype=np.float32) - center[None, :]
    gram = (m @ m.T).astype(np.float64)
    eigenvalues, u = np.linalg.eigh(gram)  # ascending
    eigenvalues, u = eigenvalues[::-1], u[:, ::-1]
    total = float(np.clip(eigenvalues, 0, None).sum())
    if len(eigenvalues) < 2 or not eigenvalues[1] > 1e-10 * total:
        raise OptvizError.of(
            "PCA needs the paths to spread in two directions: train a few more iterations, "
            "or use random directions"
        )
    directions = (m.T @ u[:, :2].astype(np.float32)).T.astype(np.float64)
    # Re-orthonormalise in float64 (Gram–Schmidt): the float32 product is only close.
    directions[0] /= np.linalg.norm(directions[0])
    directions[1] -= (directions[1] @ directions[0]) * directions[0]
    directions[1] /= np.linalg.norm(directions[1])
    return directions.astype(np.float32), eigenvalues[:2] / total


def project(points: np.ndarray, center: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """Coordinates (α, β) of each point's w − θ* in the plane: (n, p) → (n, 2).

    The least-squares solution of α·δ + β·η ≈ w − θ*, from the 2 × 2 normal equations
    G [α β]ᵀ = [δ·(w − θ*), η·(w − θ*)]ᵀ with G = [[δ·δ, δ·η], [η·δ, η·η]]; for orthonormal
    (PCA) directions G is the identity and α, β are plain dot products. Exact when w lies
    in the plane, also for random directions, which are not orthogonal.
    """
    d = np.asarray(directions, dtype=np.float64)
    rhs = (np.asarray(points, dtype=np.float64) - center[None, :]) @ d.T  # (n, 2)
    return np.linalg.solve(d @ d.T, rhs.T).T


def frame(paths: Sequence[np.ndarray], min_half_width: float = 0.0) -> tuple[float, ...]:
    """(α_min, α_max, β_min, β_max) covering θ* (0, 0) and the finite points of the paths,
    with a `MARGIN` on each side; each axis at least ±min_half_width and at least a tenth
    of the other axis."""
    points = np.concatenate([np.zeros((1, 2)), *[np.reshape(p, (-1, 2)) for p in paths]])
    points = points[np.isfinite(points).all(axis=1)]
    low, high = points.min(axis=0), points.max(axis=0)
    pad = MARGIN * np.maximum(high - low, 1e-12)
    low, high = np.minimum(low - pad, -min_half_width), np.maximum(high + pad, min_half_width)
    span = high - low
    for axis in (0, 1):  # never a sliver: a tenth of the other axis at least
        missing = 0.1 * span[1 - axis] - span[axis]
        if missing > 0:
            low[axis] -= missing / 2
            high[axis] += missing / 2
    return (float(low[0]), float(high[0]), float(low[1]), float(high[1]))


def loss_grid(
    net: MLP,
    center: np.ndarray,
    directions: np.ndarray,
    alphas: np.ndarray,
    betas: np.ndarray,
    x: np.ndarray,
    labels: np.ndarray,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> np.ndarray:
    """loss[i, j] = net's loss at center + alphas[j]·δ + betas[i]·η on (x, labels), float32.

    Calls progress(rows_done, n_rows) after each row; raises LandscapeCancelled as soon as
    should_stop() (asked before each point) returns True. `net` is not changed.
    """
    d1, d2 = (np.asarray(d, dtype=np.float32) for d in directions)
    shapes = net.params
    n_first = shapes[0].size
    w1, w1_d1, w1_d2 = (v[:n_first].reshape(shapes[0].shape) for v in (center, d1, d2))
    # The first layer is linear in its weights: x(W + αD₁ + βD₂) = xW + α·xD₁ + β·xD₂, so
    # its three products are computed once and each point costs only the small layers
    # above (784-100-…: 70 % of the multiply-adds are in the first layer; 3× faster).
    x = np.asarray(x, dtype=net.dtype)
    products = [x @ w for w in (w1, w1_d1, w1_d2)]
    point = np.empty_like(center)
    params = unflatten(point, shapes)
    tail = copy.copy(net)  # the layers above the first, on views into `point`
    tail.params = params[2:]
    decay = 0.5 * net.weight_decay
    loss = np.empty((len(betas), len(alphas)), dtype=np.float32)
    hidden = np.empty_like(products[0])
    with np.errstate(all="ignore"):  # far from θ* the loss may overflow: inf, drawn as such
        for i, beta in enumerate(betas):
            for j, alpha in enumerate(alphas):
                if should_stop is not None and should_stop():
                    raise LandscapeCancelled
                np.multiply(d1, alpha, out=point)
                point += beta * d2
                point += center
                np.multiply(products[1], alpha, out=hidden)
                hidden += beta * products[2]
                hidden += products[0]
                hidden += params[1]
                _activate(hidden, net.activation)
                value = tail.loss(hidden, labels, batch=len(hidden))
                if decay:  # the tail's loss has the decay of its own weights only
                    value += decay * float(np.vdot(params[0], params[0]))
                loss[i, j] = value
            if progress is not None:
                progress(i + 1, len(betas))
    return loss


def training_subset(x: np.ndarray, labels: np.ndarray, n: int, seed: int):
    """n rows of the training set (all if fewer), chosen by `seed`, in their order."""
    if n >= len(x):
        return x, labels
    rows = np.sort(np.random.default_rng([seed, 3]).choice(len(x), n, replace=False))
    return x[rows], labels[rows]


def landscape_of_race(
    race: Any,
    center: int,
    method: str = "pca",
    resolution: int = 31,
    n_examples: int = N_EXAMPLES,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> LossLandscape:
    """The slice around optimizer `center`'s current weights with every optimizer's path.

    race: a `training.Race` made with record_snapshots=True. Diverged optimizers are drawn
    but do not shape the plane or the frame. Raises OptvizError for a centre that is not
    finite or paths too short for PCA, LandscapeCancelled when stopped.
    """
    if method not in METHODS:
        raise OptvizError.of(
            "landscape method: one of {options}, got {value}",
            options=", ".join(METHODS),
            value=repr(method),
        )
    started = time.perf_counter()
    label = race.labels[center]
    paths_flat = [race.trajectory(k) for k in range(race.n_optimizers)]
    theta = paths_flat[center][-1]
    if race.status[center] == "diverged" or not np.isfinite(theta).all():
        raise OptvizError.of(
            "{label} diverged: centre the landscape on another optimizer", label=label
        )
    counted = [
        k for k in range(race.n_optimizers)
        if race.status[k] != "diverged" and np.isfinite(paths_flat[k]).all()
    ]  # fmt: skip
    if method == "pca":
        snapshots = np.concatenate([paths_flat[k] for k in counted])
        directions, explained = pca_directions(snapshots, theta)
        min_half_width = 0.0
    else:
        rng = np.random.default_rng([seed, 4])
        params = unflatten(theta, race.nets[center].params)
        directions = np.stack([random_direction(params, rng), random_direction(params, rng)])
        explained, min_half_width = None, RANDOM_HALF_WIDTH
    with np.errstate(all="ignore"):  # a diverged path's weights may be inf or NaN
        paths = [project(p, theta, directions) for p in paths_flat]
    paths = [np.where(np.isfinite(p), p, np.nan) for p in paths]
    if method == "pca":
        # SVD signs are arbitrary: turn the plane so that the paths run left to right and
        # upwards (the shared start at α, β ≤ 0).
        signs = np.where(paths[center][0] > 0, -1.0, 1.0)
        directions = directions * signs[:, None].astype(np.float32)
        paths = [p * signs for p in paths]
    alpha_min, alpha_max, beta_min, beta_max = frame([paths[k] for k in counted], min_half_width)
    # The others end where they leave the frame's neighbourhood: a diverged path reaches
    # coordinates of 10¹⁵, which nobody can see and which break the drawing.
    low, high = np.array([alpha_min, beta_min]), np.array([alpha_max, beta_max])
    low, high = low - (high - low), high + (high - low)
    for k in set(range(race.n_optimizers)) - set(counted):
        inside = ((paths[k] >= low) & (paths[k] <= high)).all(axis=1)
        paths[k][np.cumprod(inside) == 0] = np.nan
    alphas = np.linspace(alpha_min, alpha_max, resolution)
    betas = np.linspace(beta_min, beta_max, resolution)
    x, labels = training_subset(race.x_train, race.y_train, n_examples, seed)
    loss = loss_grid(
        race.nets[center], theta, directions, alphas, betas, x, labels, progress, should_stop
    )
    return LossLandscape(
        method=method,
        alphas=alphas,
        betas=betas,
        loss=loss,
        paths=tuple(paths),
        labels=tuple(race.labels),
        status=tuple(race.status),
        center=center,
        explained_variance=explained,
        n_examples=len(x),
        seconds=time.perf_counter() - started,
    )

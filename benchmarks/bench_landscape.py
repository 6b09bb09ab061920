"""Loss-landscape speed on the default network (784-100-100-100-100-10), one BLAS thread as
in the training helper process:

    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_landscape.py

(1) a 31 × 31 grid on 1,000 images, seconds — vs evaluating `MLP.loss` at every point
    (the first-layer products reused: target ≥ 2× faster);
(2) PCA of 4 optimizers × 51 snapshots, seconds — vs LAPACK's economy SVD of the same
    (204 × 109,810) matrix.
"""

from __future__ import annotations

import time

import numpy as np

from optviz.engine.landscape import flatten, loss_grid, pca_directions, random_direction, unflatten
from optviz.engine.mlp import MLP


def seconds(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    rng = np.random.default_rng(0)
    net = MLP(784)
    x = rng.random((1000, 784), dtype=np.float32)
    labels = rng.integers(0, 10, 1000)
    center = flatten(net.params)
    directions = np.stack([random_direction(net.params, rng) for _ in range(2)])
    axis = np.linspace(-1, 1, 31)

    def naive() -> None:
        other = MLP(784)
        for beta in axis:
            for alpha in axis:
                point = center + alpha * directions[0] + beta * directions[1]
                other.set_params(unflatten(point, net.params))
                other.loss(x, labels)

    fast = seconds(lambda: loss_grid(net, center, directions, axis, axis, x, labels))
    slow = seconds(naive)
    print(f"31 × 31 grid, 1,000 images: {fast:.2f} s (MLP.loss at each point: {slow:.2f} s, "
          f"{slow / fast:.1f}× slower)")  # fmt: skip

    snapshots = center + 0.01 * rng.standard_normal((204, center.size)).astype(np.float32)
    pca = seconds(lambda: pca_directions(snapshots, center))
    svd = seconds(lambda: np.linalg.svd(snapshots - center, full_matrices=False))
    print(f"PCA of 204 snapshots: {pca:.2f} s (LAPACK SVD: {svd:.2f} s, {svd / pca:.0f}× slower)")


if __name__ == "__main__":
    main()

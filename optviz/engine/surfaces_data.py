"""Surfaces defined by a data set, where mini-batches give a noisy gradient."""

from __future__ import annotations

import numpy as np

from optviz.engine.hyper import Hyper
from optviz.engine.surfaces_base import Surface, as_xy


class LinearRegression(Surface):
    """Mean-squared error of the line w·x + b on a seeded synthetic data set.

    The loss is a quadratic in (w, b), so it is computed from five sufficient statistics
    (the means of x², x, y, x·y and y²) instead of a loop over the samples: a 512×512 grid
    costs the same as for any other surface. The surface's coordinates are (w, b).
    """

    name = "linear_regression"
    display_name = "Linear regression (MSE)"
    formula = "L(w, b) = mean((w·xᵢ + b − yᵢ)²)"
    latex = r"L(w, b) = \frac{1}{N}\sum_{i=1}^{N} (w x_i + b - y_i)^2"
    description = (
        "A real loss: mean-squared error of a line fitted to noisy points; mini-batches make "
        "the gradient noisy, and features far from zero make the valley narrow."
    )
    hyperparameters = (
        Hyper("n_samples", 200, kind="int", low=2, high=1_000_000, symbol="N"),
        Hyper("noise", 0.5, low=0, symbol="σ", tooltip="standard deviation of the noise"),
        Hyper("seed", 0, kind="int", low=0, tooltip="random seed of the data set"),
        Hyper("true_slope", 2.0, symbol="w*", tooltip="slope the data are drawn from"),
        Hyper("true_intercept", -1.0, symbol="b*", tooltip="intercept the data are drawn from"),
    )
    # Features drawn from [0, 3] (not centred on 0): the Hessian 2·[[E x², E x], [E x, 1]]
    # then has a condition number near 20, a ravine like those of real models.
    feature_range = (0.0, 3.0)

    def __init__(self, **params):
        super().__init__(**params)
        p = self.params
        rng = np.random.default_rng(p["seed"])
        self.n_samples = p["n_samples"]
        self.data_x = rng.uniform(*self.feature_range, size=self.n_samples)
        noise = p["noise"] * rng.standard_normal(self.n_samples)
        self.data_y = p["true_slope"] * self.data_x + p["true_intercept"] + noise
        self._stats = self._statistics(self.data_x, self.data_y)
        # The least-squares solution, in closed form from the normal equations.
        mean_xx, mean_x, mean_y, mean_xy, _ = self._stats
        variance = mean_xx - mean_x**2
        slope = float((mean_xy - mean_x * mean_y) / variance)
        intercept = float(mean_y - slope * mean_x)
        self.minima = ((slope, intercept),)
        self.view = (slope - 4.0, slope + 4.0, intercept - 4.0, intercept + 4.0)
        self.start = (slope - 3.0, intercept + 3.0)

    @staticmethod
    def _statistics(xs, ys):
        return np.mean(xs * xs), np.mean(xs), np.mean(ys), np.mean(xs * ys), np.mean(ys * ys)

    @staticmethod
    def _loss(w, b, stats):
        # mean((w x + b − y)²) expanded; exact up to rounding for every w, b.
        mean_xx, mean_x, mean_y, mean_xy, mean_yy = stats
        return (
            w * w * mean_xx
            + 2.0 * w * b * mean_x
            + b * b
            - 2.0 * w * mean_xy
            - 2.0 * b * mean_y
            + mean_yy
        )

    @staticmethod
    def _loss_grad(w, b, stats):
        mean_xx, mean_x, mean_y, mean_xy, _ = stats
        return (
            2.0 * (w * mean_xx + b * mean_x - mean_xy),
            2.0 * (w * mean_x + b - mean_y),
        )

    def _batch_stats(self, indices):
        indices = np.asarray(indices)
        if indices.ndim != 1 or indices.size == 0 or not np.issubdtype(indices.dtype, np.integer):
            raise ValueError("indices must be a non-empty 1-D array of integers")
        return self._statistics(self.data_x[indices], self.data_y[indices])

    def value(self, x, y):
        return self._loss(x, y, self._stats)

    def grad(self, x, y):
        x, y = as_xy(x, y)
        return self._loss_grad(x, y, self._stats)

    def batch_value(self, x, y, indices):
        """The loss on the samples `indices` only (1-D integer array, repeats allowed)."""
        return self._loss(x, y, self._batch_stats(indices))

    def batch_grad(self, x, y, indices):
        """The exact gradient of `batch_value`."""
        x, y = as_xy(x, y)
        return self._loss_grad(x, y, self._batch_stats(indices))

"""Teaching surfaces: quadratics, saddles, a plateau and two basins.

Each one isolates a single difficulty (ill-conditioning, a saddle, a vanishing gradient, a
local minimum) so that the difference between optimizers is easy to see.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from optviz.engine.hyper import Hyper
from optviz.engine.surfaces_base import Surface, as_xy, refine


class QuadraticRavine(Surface):
    name = "quadratic_ravine"
    display_name = "Quadratic ravine"
    formula = "x²/20 + y²"
    latex = r"\frac{x^2}{20} + y^2"
    description = (
        "The textbook ravine: 20 times steeper across than along, so plain gradient descent "
        "zig-zags while momentum and Adam run down the floor."
    )
    view = (-10.0, 10.0, -5.0, 5.0)
    start = (-7.0, 2.0)
    minima = ((0.0, 0.0),)

    def value(self, x, y):
        return x**2 / 20.0 + y**2

    def grad(self, x, y):
        x, y = as_xy(x, y)
        return x / 10.0, 2.0 * y


class Bowl(Surface):
    name = "bowl"
    display_name = "Round bowl"
    formula = "s (x² + y²)"
    latex = r"s\,(x^2 + y^2)"
    description = (
        "A perfectly round bowl: every method heads straight for the centre; a learning "
        "rate above 1/s makes plain gradient descent diverge."
    )
    hyperparameters = (
        Hyper("scale", 1.0, low=0, low_open=True, log=True, symbol="s", tooltip="curvature / 2"),
    )
    view = (-5.0, 5.0, -5.0, 5.0)
    start = (-4.0, 3.0)
    minima = ((0.0, 0.0),)

    def value(self, x, y):
        return self.params["scale"] * (x**2 + y**2)

    def grad(self, x, y):
        x, y = as_xy(x, y)
        scale = self.params["scale"]
        return 2.0 * scale * x, 2.0 * scale * y


class RotatedQuadratic(Surface):
    name = "rotated_quadratic"
    display_name = "Rotated ill-conditioned quadratic"
    formula = "½ (u² + κ v²),  u = x cos θ + y sin θ,  v = −x sin θ + y cos θ"
    latex = (
        r"\tfrac{1}{2}\left(u^2 + \kappa v^2\right),\quad "
        r"u = x\cos\theta + y\sin\theta,\ v = -x\sin\theta + y\cos\theta"
    )
    description = (
        "A quadratic whose curvatures differ by the condition number κ, with axes turned by "
        "θ so that no coordinate lines up with the valley: per-coordinate methods lose their edge."
    )
    hyperparameters = (
        Hyper("kappa", 10.0, low=1, log=True, symbol="κ", tooltip="condition number"),
        Hyper("angle_deg", 30.0, low=-180, high=180, symbol="θ", tooltip="rotation in degrees"),
    )
    view = (-5.0, 5.0, -5.0, 5.0)
    start = (-4.0, 2.0)
    minima = ((0.0, 0.0),)

    def __init__(self, **params):
        super().__init__(**params)
        theta = np.radians(self.params["angle_deg"])
        self._cos, self._sin = cos, sin = float(np.cos(theta)), float(np.sin(theta))
        kappa = self.params["kappa"]
        self._hessian = (
            cos * cos + kappa * sin * sin,
            (1 - kappa) * cos * sin,
            sin * sin + kappa * cos * cos,
        )

    def _rotated(self, x, y):
        cos, sin = self._cos, self._sin
        return cos, sin, x * cos + y * sin, -x * sin + y * cos

    def value(self, x, y):
        _, _, u, v = self._rotated(x, y)
        return 0.5 * (u**2 + self.params["kappa"] * v**2)

    def grad(self, x, y):
        x, y = as_xy(x, y)
        cos, sin, u, v = self._rotated(x, y)
        kv = self.params["kappa"] * v
        # chain rule: ∂u/∂x = cos θ, ∂u/∂y = sin θ, ∂v/∂x = −sin θ, ∂v/∂y = cos θ
        return u * cos - kv * sin, u * sin + kv * cos

    def value_and_grad(self, x, y):
        # With the Hessian H = Rᵀ diag(1, κ) R: ∇f = H w and f = ½ wᵀ H w (fewer NumPy calls
        # than rotating first: this is most of a lecture run's surface time).
        hxx, hxy, hyy = self._hessian
        gx = hxx * x
        gx += hxy * y
        gy = hxy * x
        gy += hyy * y
        value = x * gx
        value += y * gy
        value *= 0.5
        return value, gx, gy


class Saddle(Surface):
    name = "saddle"
    display_name = "Saddle"
    formula = "x² − y²"
    latex = r"x^2 - y^2"
    description = (
        "A saddle point at the origin: started exactly on the ridge y = 0, gradient descent "
        "walks into the saddle and stays there; any noise or a tiny offset lets it escape."
    )
    view = (-2.0, 2.0, -2.0, 2.0)
    start = (-1.5, 0.0)  # exactly on y = 0, so that the lesson works
    saddles = ((0.0, 0.0),)

    def value(self, x, y):
        return x**2 - y**2

    def grad(self, x, y):
        x, y = as_xy(x, y)
        return 2.0 * x, -2.0 * y


class MonkeySaddle(Surface):
    name = "monkey_saddle"
    display_name = "Monkey saddle"
    formula = "x³ − 3xy²"
    latex = r"x^3 - 3xy^2"
    description = (
        "A flat, degenerate saddle with three downhill valleys: the gradient fades like r², "
        "so descent stalls near the origin long before it escapes."
    )
    view = (-2.0, 2.0, -2.0, 2.0)
    start = (1.5, 0.05)
    saddles = ((0.0, 0.0),)

    def value(self, x, y):
        return x**3 - 3.0 * x * y**2

    def grad(self, x, y):
        x, y = as_xy(x, y)
        return 3.0 * x**2 - 3.0 * y**2, -6.0 * x * y


class Plateau(Surface):
    name = "plateau"
    display_name = "Plateau with a well"
    formula = "1 − exp(−(x² + y²)/2)"
    latex = r"1 - e^{-(x^2 + y^2)/2}"
    description = (
        "A wide plateau around a single round well: at the start the gradient is about 1e-4, "
        "so plain gradient descent barely moves while Adam walks off the edge."
    )
    # The gradient's size is r·exp(−r²/2): 0.03 at r = 3, 1.3e-3 at r = 4, 1.3e-4 at the start
    # (r ≈ 4.57) and 1e-6 at r = 5.6, so most of the view is flat to the eye and to SGD.
    view = (-6.0, 6.0, -6.0, 6.0)
    start = (-4.2, 1.8)
    minima = ((0.0, 0.0),)

    def value(self, x, y):
        return 1.0 - np.exp(-0.5 * (x**2 + y**2))

    def grad(self, x, y):
        x, y = as_xy(x, y)
        well = np.exp(-0.5 * (x**2 + y**2))
        return x * well, y * well


class TwoBasin(Surface):
    name = "two_basin"
    display_name = "Two basins"
    formula = (
        "0.08 (x² + y²) − 2 exp(−((x − 1.5)² + (y − 1)²)/2.88)"
        " − exp(−((x + 1.8)² + (y + 1.2)²)/1.28)"
    )
    latex = (
        r"0.08\,(x^2 + y^2) - 2\,e^{-((x - 1.5)^2 + (y - 1)^2)/2.88}"
        r" - e^{-((x + 1.8)^2 + (y + 1.2)^2)/1.28}"
    )
    description = (
        "A shallow local minimum beside a deeper global one: plain descent stays in the "
        "nearer basin, momentum can roll over the saddle into the deeper one."
    )
    # (depth, centre x, centre y, width σ) of each Gaussian well: depth·exp(−|p − c|²/(2σ²)).
    # Tuned so that the shallow minimum lies 0.3 below the saddle and 1.1 above the global
    # one: from the start, plain descent (lr 0.1) stays in it while heavy-ball momentum
    # (lr 0.05, μ 0.9) rolls over the saddle into the deep basin.
    wells = ((2.0, 1.5, 1.0, 1.2), (1.0, -1.8, -1.2, 0.8))
    bowl = 0.08
    view = (-5.0, 5.0, -4.0, 4.0)
    start = (-4.0, -3.0)

    @cached_property
    def minima(self):
        # Not analytic: Newton from the centres of the wells, which the bowl barely shifts.
        return refine(self, [(cx, cy) for _, cx, cy, _ in self.wells])

    @cached_property
    def saddles(self):
        return refine(self, [(-0.3, -0.2)], kind="saddle")

    def value(self, x, y):
        total = self.bowl * (x**2 + y**2)
        for depth, cx, cy, width in self.wells:
            total = total - depth * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * width**2))
        return total

    def grad(self, x, y):
        x, y = as_xy(x, y)
        gx, gy = 2.0 * self.bowl * x, 2.0 * self.bowl * y
        for depth, cx, cy, width in self.wells:
            well = depth * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * width**2)) / width**2
            gx = gx + well * (x - cx)
            gy = gy + well * (y - cy)
        return gx, gy

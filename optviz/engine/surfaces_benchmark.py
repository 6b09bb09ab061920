"""Classic optimisation test functions in two dimensions.

Formulas and known minima follow the Virtual Library of Simulation Experiments
(https://www.sfu.ca/~ssurjano/optimization.html). Where minima or saddles are only known
approximately, the literature values are polished with Newton's method (`refine`), so the
listed points are stationary to rounding accuracy.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np

from optviz.engine.hyper import Hyper
from optviz.engine.surfaces_base import Surface, as_xy, lattice, refine

TAU = 2.0 * np.pi


class Rosenbrock(Surface):
    name = "rosenbrock"
    display_name = "Rosenbrock valley"
    formula = "(a − x)² + b (y − x²)²"
    latex = r"(a - x)^2 + b\,(y - x^2)^2"
    description = (
        "A long curved valley with a flat floor: easy to reach, slow to follow to the "
        "minimum at (a, a²)."
    )
    hyperparameters = (
        Hyper("a", 1.0, symbol="a", tooltip="minimum at (a, a²)"),
        Hyper("b", 100.0, low=0, symbol="b", tooltip="steepness of the valley walls"),
    )
    start = (-1.5, 2.0)
    log_scale = True

    def __init__(self, **params):
        super().__init__(**params)
        a = self.params["a"]
        half_width = max(2.0, abs(a) + 1.0)
        self.view = (-half_width, half_width, -1.0, max(3.0, a * a + 1.0))
        self.minima = ((a, a * a),)

    def value(self, x, y):
        a, b = self.params["a"], self.params["b"]
        return (a - x) ** 2 + b * (y - x**2) ** 2

    def grad(self, x, y):
        x, y = as_xy(x, y)
        a, b = self.params["a"], self.params["b"]
        valley = y - x**2
        return -2.0 * (a - x) - 4.0 * b * x * valley, 2.0 * b * valley

    def value_and_grad(self, x, y):
        a, b = self.params["a"], self.params["b"]
        off = a - x
        valley = y - x * x
        b_valley = b * valley
        value = off * off + b_valley * valley
        return value, -2.0 * off - 4.0 * x * b_valley, 2.0 * b_valley


class Beale(Surface):
    name = "beale"
    display_name = "Beale"
    formula = "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"
    latex = r"(1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2"
    description = (
        "Flat arms and steep walls around a narrow valley to the minimum at (3, 0.5); "
        "values span many orders of magnitude."
    )
    view = (-4.5, 4.5, -4.5, 4.5)
    start = (1.0, 1.5)
    minima = ((3.0, 0.5),)
    log_scale = True

    @cached_property
    def saddles(self):
        # (0, 1) lies on the line x = 0, where f is constant in y; the other is numerical.
        return refine(self, [(0.0, 1.0), (0.1005, -2.6445)], kind="saddle")

    def _terms(self, x, y):
        return 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3

    def value(self, x, y):
        t1, t2, t3 = self._terms(x, y)
        return t1**2 + t2**2 + t3**2

    def grad(self, x, y):
        x, y = as_xy(x, y)
        t1, t2, t3 = self._terms(x, y)
        gx = 2.0 * (t1 * (y - 1.0) + t2 * (y**2 - 1.0) + t3 * (y**3 - 1.0))
        gy = 2.0 * x * (t1 + 2.0 * t2 * y + 3.0 * t3 * y**2)
        return gx, gy


class Himmelblau(Surface):
    name = "himmelblau"
    display_name = "Himmelblau"
    formula = "(x² + y − 11)² + (x + y² − 7)²"
    latex = r"(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
    description = "Four equally deep minima: where you start decides which one you reach."
    view = (-5.0, 5.0, -5.0, 5.0)
    start = (-0.5, 0.5)
    log_scale = True

    @cached_property
    def minima(self):
        seeds = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
        return refine(self, seeds)

    @cached_property
    def saddles(self):
        seeds = [(0.086677, 2.884254), (-3.073026, -0.081353), (3.385154, 0.073852)]
        return refine(self, [*seeds, (-0.127961, -1.953715)], kind="saddle")

    def value(self, x, y):
        return (x**2 + y - 11.0) ** 2 + (x + y**2 - 7.0) ** 2

    def grad(self, x, y):
        x, y = as_xy(x, y)
        p, q = x**2 + y - 11.0, x + y**2 - 7.0
        return 4.0 * x * p + 2.0 * q, 2.0 * p + 4.0 * y * q


class Booth(Surface):
    name = "booth"
    display_name = "Booth"
    formula = "(x + 2y − 7)² + (2x + y − 5)²"
    latex = r"(x + 2y - 7)^2 + (2x + y - 5)^2"
    description = "A tilted quadratic bowl (condition number 9) with its minimum at (1, 3)."
    view = (-10.0, 10.0, -10.0, 10.0)
    start = (-6.0, 8.0)
    minima = ((1.0, 3.0),)

    def value(self, x, y):
        return (x + 2.0 * y - 7.0) ** 2 + (2.0 * x + y - 5.0) ** 2

    def grad(self, x, y):
        x, y = as_xy(x, y)
        p, q = x + 2.0 * y - 7.0, 2.0 * x + y - 5.0
        return 2.0 * p + 4.0 * q, 4.0 * p + 2.0 * q


class Matyas(Surface):
    name = "matyas"
    display_name = "Matyas"
    formula = "0.26 (x² + y²) − 0.48 xy"
    latex = r"0.26\,(x^2 + y^2) - 0.48\,xy"
    description = "A flat diagonal valley (condition number 25) along which plain descent crawls."
    view = (-10.0, 10.0, -10.0, 10.0)
    start = (8.0, 3.0)
    minima = ((0.0, 0.0),)

    def value(self, x, y):
        return 0.26 * (x**2 + y**2) - 0.48 * x * y

    def grad(self, x, y):
        x, y = as_xy(x, y)
        return 0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x


class SixHumpCamel(Surface):
    name = "six_hump_camel"
    display_name = "Six-hump camel"
    formula = "(4 − 2.1x² + x⁴/3) x² + xy + (4y² − 4) y²"
    latex = r"\left(4 - 2.1x^2 + \tfrac{x^4}{3}\right) x^2 + xy + (4y^2 - 4)\,y^2"
    description = "Six minima, two of them global, with saddles between: a test of getting trapped."
    view = (-2.2, 2.2, -1.1, 1.1)
    start = (-1.9, 0.2)

    @cached_property
    def minima(self):
        seeds = [(0.0898, -0.7126), (-0.0898, 0.7126), (-1.7036, 0.7961), (1.7036, -0.7961)]
        return refine(self, [*seeds, (-1.6071, -0.5687), (1.6071, 0.5687)])

    @cached_property
    def saddles(self):
        seeds = [(0.0, 0.0), (1.1092, -0.7683), (-1.1092, 0.7683), (1.6381, 0.2287)]
        seeds += [(-1.6381, -0.2287), (1.2961, 0.6051), (-1.2961, -0.6051)]
        return refine(self, seeds, kind="saddle")

    def value(self, x, y):
        return (4.0 - 2.1 * x**2 + x**4 / 3.0) * x**2 + x * y + (4.0 * y**2 - 4.0) * y**2

    def grad(self, x, y):
        x, y = as_xy(x, y)
        return 8.0 * x - 8.4 * x**3 + 2.0 * x**5 + y, x - 8.0 * y + 16.0 * y**3


class Rastrigin(Surface):
    name = "rastrigin"
    display_name = "Rastrigin"
    formula = "2A + x² − A cos(2πx) + y² − A cos(2πy)"
    latex = r"2A + x^2 - A\cos(2\pi x) + y^2 - A\cos(2\pi y)"
    description = (
        "An egg crate of local minima on top of a bowl: plain gradient descent stops in "
        "the nearest dimple."
    )
    hyperparameters = (Hyper("A", 10.0, low=0, symbol="A", tooltip="depth of the dimples"),)
    view = (-5.12, 5.12, -5.12, 5.12)
    start = (-4.6, 3.3)

    @cached_property
    def minima(self):
        # The global minimum first, then one local minimum near each integer point of the
        # recommended view if A is large enough (none when A is 0). A view set by the user
        # does not change the list.
        view = type(self).view
        return refine(self, [(0.0, 0.0), *lattice(view)], within=view)

    def value(self, x, y):
        a = self.params["A"]
        return 2.0 * a + x**2 - a * np.cos(TAU * x) + y**2 - a * np.cos(TAU * y)

    def grad(self, x, y):
        x, y = as_xy(x, y)
        a = self.params["A"]
        return 2.0 * x + TAU * a * np.sin(TAU * x), 2.0 * y + TAU * a * np.sin(TAU * y)


class Ackley(Surface):
    name = "ackley"
    display_name = "Ackley"
    formula = "−20 exp(−0.2 √(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20"
    latex = (
        r"-20\,e^{-0.2\sqrt{\frac{1}{2}(x^2 + y^2)}}"
        r" - e^{\frac{1}{2}(\cos 2\pi x + \cos 2\pi y)} + e + 20"
    )
    description = (
        "A nearly flat, dimpled outer region around one deep funnel at the origin, where "
        "the gradient jumps (a kink)."
    )
    view = (-5.0, 5.0, -5.0, 5.0)
    start = (-4.2, 3.7)

    @cached_property
    def minima(self):
        # The global minimum (0, 0) is a kink, not a smooth stationary point: Newton cannot
        # polish it, so it is listed as it is; one local minimum sits near each integer point.
        view = type(self).view
        seeds = [point for point in lattice(view) if point != (0.0, 0.0)]
        return ((0.0, 0.0), *refine(self, seeds, within=view))

    def value(self, x, y):
        radius = np.sqrt(0.5 * (x**2 + y**2))
        ripple = 0.5 * (np.cos(TAU * x) + np.cos(TAU * y))
        return -20.0 * np.exp(-0.2 * radius) - np.exp(ripple) + np.e + 20.0

    def grad(self, x, y):
        x, y = as_xy(x, y)
        radius = np.sqrt(0.5 * (x**2 + y**2))
        # The radial term's gradient 2 e^(-0.2 r) (x, y) / r has no limit at the origin; use 0
        # there (a valid subgradient), avoiding 0/0.
        funnel = 2.0 * np.exp(-0.2 * radius) / np.where(radius > 0, radius, np.inf)
        ripple = np.pi * np.exp(0.5 * (np.cos(TAU * x) + np.cos(TAU * y)))
        return funnel * x + ripple * np.sin(TAU * x), funnel * y + ripple * np.sin(TAU * y)


class StyblinskiTang(Surface):
    name = "styblinski_tang"
    display_name = "Styblinski–Tang"
    formula = "½ (x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)"
    latex = r"\tfrac{1}{2}\left(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y\right)"
    description = (
        "Four minima at the corners of a square, only one of them global, separated by "
        "gentle saddles."
    )
    view = (-5.0, 5.0, -5.0, 5.0)
    start = (0.5, 4.0)

    # In one dimension the minima are near -2.9035 and 2.7468, the maximum near 0.1567.
    @cached_property
    def minima(self):
        low, high = -2.9035, 2.7468
        return refine(self, [(low, low), (low, high), (high, low), (high, high)])

    @cached_property
    def saddles(self):
        low, top, high = -2.9035, 0.1567, 2.7468
        return refine(self, [(low, top), (top, low), (high, top), (top, high)], kind="saddle")

    def value(self, x, y):
        return 0.5 * (x**4 - 16.0 * x**2 + 5.0 * x + y**4 - 16.0 * y**2 + 5.0 * y)

    def grad(self, x, y):
        x, y = as_xy(x, y)
        return 2.0 * x**3 - 16.0 * x + 2.5, 2.0 * y**3 - 16.0 * y + 2.5


class GoldsteinPrice(Surface):
    name = "goldstein_price"
    display_name = "Goldstein–Price"
    formula = (
        "[1 + (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)] · "
        "[30 + (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]"
    )
    latex = (
        r"\left[1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2)\right]"
        r"\left[30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36xy + 27y^2)\right]"
    )
    description = (
        "Values from 3 to a million with several local minima: step sizes must adapt to the scale."
    )
    view = (-2.0, 2.0, -2.0, 2.0)
    start = (-1.0, 1.0)
    log_scale = True

    @cached_property
    def minima(self):
        return refine(self, [(0.0, -1.0), (-0.6, -0.4), (1.8, 0.2), (1.2, 0.8)])

    @cached_property
    def saddles(self):
        seeds = [(-0.4, -0.6), (1.2, -0.2), (1.4, 0.6), (0.6, 0.4)]
        return refine(self, seeds, kind="saddle")

    @staticmethod
    def _factors(x, y):
        u, v = x + y + 1.0, 2.0 * x - 3.0 * y
        p = 19.0 - 14.0 * x + 3.0 * x**2 - 14.0 * y + 6.0 * x * y + 3.0 * y**2
        q = 18.0 - 32.0 * x + 12.0 * x**2 + 48.0 * y - 36.0 * x * y + 27.0 * y**2
        return u, v, p, q, 1.0 + u**2 * p, 30.0 + v**2 * q

    def value(self, x, y):
        *_, first, second = self._factors(x, y)
        return first * second

    def grad(self, x, y):
        x, y = as_xy(x, y)
        u, v, p, q, first, second = self._factors(x, y)
        # ∂p/∂x = ∂p/∂y = -14 + 6x + 6y;  ∂q/∂x = -32 + 24x - 36y,  ∂q/∂y = 48 - 36x + 54y
        first_d = 2.0 * u * p + u**2 * (-14.0 + 6.0 * x + 6.0 * y)  # same for x and y
        second_dx = 4.0 * v * q + v**2 * (-32.0 + 24.0 * x - 36.0 * y)
        second_dy = -6.0 * v * q + v**2 * (48.0 - 36.0 * x + 54.0 * y)
        return first_d * second + first * second_dx, first_d * second + first * second_dy

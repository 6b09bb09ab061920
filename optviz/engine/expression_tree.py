"""The parsed tree of a user expression: values, exact derivatives and LaTeX.

Each node has `constant` (True when it does not depend on x or y), `value(x, y)`,
`dual(x, y)` -> (value, ∂/∂x, ∂/∂y) for forward-mode differentiation, and `latex()` with a
`precedence` that decides the parentheses. `optviz.engine.expression` builds the tree.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

_LN10 = math.log(10.0)
_LN2 = math.log(2.0)


def _sigmoid(u):
    return 0.5 * (1.0 + np.tanh(0.5 * u))  # tanh form: no overflow for large |u|


# name -> (function, derivative as a function of the argument u and the value f, LaTeX name)
FUNCTIONS: dict[str, tuple[Callable, Callable, str]] = {
    "sin": (np.sin, lambda u, f: np.cos(u), r"\sin"),
    "cos": (np.cos, lambda u, f: -np.sin(u), r"\cos"),
    "tan": (np.tan, lambda u, f: 1.0 + f * f, r"\tan"),
    "exp": (np.exp, lambda u, f: f, r"\exp"),
    "log": (np.log, lambda u, f: 1.0 / u, r"\ln"),
    "ln": (np.log, lambda u, f: 1.0 / u, r"\ln"),
    "log10": (np.log10, lambda u, f: 1.0 / (u * _LN10), r"\log_{10}"),
    "log2": (np.log2, lambda u, f: 1.0 / (u * _LN2), r"\log_{2}"),
    "sqrt": (np.sqrt, lambda u, f: 0.5 / f, ""),
    "abs": (np.abs, lambda u, f: np.sign(u), ""),
    "tanh": (np.tanh, lambda u, f: 1.0 - f * f, r"\tanh"),
    "sinh": (np.sinh, lambda u, f: np.cosh(u), r"\sinh"),
    "cosh": (np.cosh, lambda u, f: np.sinh(u), r"\cosh"),
    "arctan": (np.arctan, lambda u, f: 1.0 / (1.0 + u * u), r"\arctan"),
    "atan": (np.arctan, lambda u, f: 1.0 / (1.0 + u * u), r"\arctan"),
    "arcsin": (np.arcsin, lambda u, f: 1.0 / np.sqrt(1.0 - u * u), r"\arcsin"),
    "asin": (np.arcsin, lambda u, f: 1.0 / np.sqrt(1.0 - u * u), r"\arcsin"),
    "arccos": (np.arccos, lambda u, f: -1.0 / np.sqrt(1.0 - u * u), r"\arccos"),
    "acos": (np.arccos, lambda u, f: -1.0 / np.sqrt(1.0 - u * u), r"\arccos"),
    "sigmoid": (_sigmoid, lambda u, f: f * (1.0 - f), r"\sigma"),
}
CONSTANTS = {"pi": math.pi, "π": math.pi, "e": math.e}

# Each node has `constant` (True when it does not depend on x or y), `value(x, y)`,
# `dual(x, y)` -> (value, d/dx, d/dy) and `latex()` with `precedence` for parentheses.


class Number:
    precedence = 5

    def __init__(self, number: float, latex: str):
        # A NumPy scalar, so that log(0) or 1e200 * 1e200 give inf like arrays do instead of
        # raising as Python floats would.
        self.number, self._latex, self.constant = np.float64(number), latex, True

    def value(self, x, y):
        return self.number

    def dual(self, x, y):
        return self.number, 0.0, 0.0

    def latex(self):
        return self._latex


class Variable:
    precedence = 5
    constant = False

    def __init__(self, name: str):
        self.name = name

    def value(self, x, y):
        return x if self.name == "x" else y

    def dual(self, x, y):
        return (x, 1.0, 0.0) if self.name == "x" else (y, 0.0, 1.0)

    def latex(self):
        return self.name


class Negate:
    precedence = 3

    def __init__(self, operand):
        self.operand, self.constant = operand, operand.constant

    def value(self, x, y):
        return -self.operand.value(x, y)

    def dual(self, x, y):
        v, dx, dy = self.operand.dual(x, y)
        return -v, _scale(-1.0, dx), _scale(-1.0, dy)

    def latex(self):
        return "-" + _wrap(self.operand, self.precedence)


class Binary:
    _precedence = {"+": 1, "-": 1, "*": 2, "/": 2, "**": 4}

    def __init__(self, op: str, left, right):
        self.op, self.left, self.right = op, left, right
        self.constant = left.constant and right.constant
        self.precedence = self._precedence[op]

    def value(self, x, y):
        u, v = self.left.value(x, y), self.right.value(x, y)
        op = self.op
        if op == "+":
            return u + v
        if op == "-":
            return u - v
        if op == "*":
            return u * v
        if op == "/":
            return np.divide(u, v)
        return np.power(u, v)

    def dual(self, x, y):
        u, ux, uy = self.left.dual(x, y)
        v, vx, vy = self.right.dual(x, y)
        op = self.op
        if op == "+":
            return u + v, _add(ux, vx), _add(uy, vy)
        if op == "-":
            return u - v, _add(ux, _scale(-1.0, vx)), _add(uy, _scale(-1.0, vy))
        if op == "*":
            return u * v, _add(_scale(v, ux), _scale(u, vx)), _add(_scale(v, uy), _scale(u, vy))
        if op == "/":
            q = np.divide(u, v)
            inverse = np.divide(1.0, v)
            dx = _scale(inverse, _add(ux, _scale(-q, vx)))
            return q, dx, _scale(inverse, _add(uy, _scale(-q, vy)))
        p = np.power(u, v)
        # d(u^v) = v u^(v-1) du + u^v ln(u) dv. The ln(u) term only when v depends on x or y,
        # so that a negative base with a constant exponent keeps a finite derivative.
        slope = 0.0 if self.right.constant and v == 0 else v * np.power(u, v - 1.0)
        dx, dy = _scale(slope, ux), _scale(slope, uy)
        if not self.right.constant:
            log_term = p * np.log(u)
            dx, dy = _add(dx, _scale(log_term, vx)), _add(dy, _scale(log_term, vy))
        return p, dx, dy

    def latex(self):
        left, right = self.left.latex(), self.right.latex()
        if self.op == "/":
            return rf"\frac{{{left}}}{{{right}}}"
        if self.op == "**":
            return f"{_wrap(self.left, self.precedence + 1)}^{{{right}}}"
        right = _wrap(self.right, self.precedence + (self.op in "-*"))
        left = _wrap(self.left, self.precedence)
        symbol = {"+": " + ", "-": " - ", "*": r" \cdot "}[self.op]
        return left + symbol + right


class Call:
    precedence = 5

    def __init__(self, name: str, argument):
        self.name, self.argument, self.constant = name, argument, argument.constant
        self.function, self.derivative, self._latex_name = FUNCTIONS[name]

    def value(self, x, y):
        return self.function(self.argument.value(x, y))

    def dual(self, x, y):
        u, ux, uy = self.argument.dual(x, y)
        f = self.function(u)
        slope = self.derivative(u, f)
        return f, _scale(slope, ux), _scale(slope, uy)

    def latex(self):
        inner = self.argument.latex()
        if self.name == "sqrt":
            return rf"\sqrt{{{inner}}}"
        if self.name == "abs":
            return rf"\left|{inner}\right|"
        return rf"{self._latex_name}\left({inner}\right)"


def _is_zero(derivative) -> bool:
    """True for a derivative known to be exactly zero (a plain float 0, not an array)."""
    return isinstance(derivative, float) and derivative == 0.0


def _scale(factor, derivative):
    """factor · derivative for the chain rule, with 0 · inf = 0.

    A zero inner derivative stays zero where the outer slope is infinite: d/dx sqrt(y) is 0
    at y = 0, and sqrt(x² + y²) gets the subgradient 0 at the origin instead of a NaN that
    would end an optimizer's run.
    """
    if _is_zero(derivative):
        return 0.0
    return np.where(derivative == 0, 0.0, factor * derivative)


def _add(a, b):
    if _is_zero(a):
        return b
    return a if _is_zero(b) else a + b


def _wrap(node, min_precedence: int) -> str:
    text = node.latex()
    return rf"\left({text}\right)" if node.precedence < min_precedence else text


def format_number(number: float) -> str:
    text = f"{number:.12g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \cdot 10^{{{int(exponent)}}}"
    return text

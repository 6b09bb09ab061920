"""A safe parser for user-typed surfaces such as ``sin(x) * cos(y) + a * x**2``.

The text is parsed with ``ast.parse(..., mode="eval")`` and walked against a strict whitelist;
nothing is ever passed to eval, exec or compile. The accepted grammar:

- numbers (no complex, no booleans), the names ``x`` and ``y``, the constants ``pi`` (or
  ``π``) and ``e``, and the caller's named parameters;
- ``+ - * / **``, unary ``-`` and ``+``; ``^`` also means power, as in maths (it is
  translated to ``**`` before parsing, so ``-x^2`` is ``-(x**2)``); the characters
  ``−``, ``×`` and ``·`` are read as ``-``, ``*`` and ``*``;
- calls with one positional argument of the functions in `FUNCTIONS`
  (`optviz.engine.expression_tree`, which also holds the derivatives).

Gradients are exact: forward-mode differentiation over the parsed tree (each node returns
its value and its two partial derivatives). Size limits (`MAX_LENGTH`, `MAX_NODES`) and the
exponent limit keep evaluation cheap whatever the input, and every number is a float, so
``9**9**9`` can neither hang nor allocate.
"""

from __future__ import annotations

import ast
import io
import keyword
import math
import tokenize
from typing import Any

import numpy as np

from optviz.engine.errors import ExpressionError
from optviz.engine.expression_tree import (
    CONSTANTS,
    FUNCTIONS,
    Binary,
    Call,
    Negate,
    Number,
    Variable,
    format_number,
)

MAX_LENGTH = 500  # characters
MAX_NODES = 200  # expression nodes in the parsed tree
MAX_EXPONENT = 100.0  # largest |constant exponent|
MAX_EXPONENT_LITERAL = 1e6  # largest |number| anywhere inside a non-constant exponent

Array = np.ndarray
RESERVED = frozenset({"x", "y", *CONSTANTS, *FUNCTIONS})
_ALLOWED_FUNCTIONS = ", ".join(FUNCTIONS)
_TRANSLATIONS = {"^": "**", "−": "-", "×": "*", "·": "*", "\t": " ", "\n": " ", "\r": " "}
_TRANSLATIONS |= {"\x0b": " ", "\x0c": " "}


class Expression:
    """A parsed expression f(x, y); build it with `parse_expression`."""

    def __init__(self, text: str, tree: Any, parameters: dict[str, float]):
        self.text = text
        self.parameters = dict(parameters)
        self.parameter_names = tuple(parameters)
        self._tree = tree
        self.latex = tree.latex()

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    def value(self, x, y) -> Array:
        """f at (x, y); any shapes that broadcast. Non-finite results stay, silently."""
        x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
        with np.errstate(all="ignore"):
            return np.array(np.broadcast_to(self._tree.value(x, y), x.shape), dtype=float)

    def grad(self, x, y) -> tuple[Array, Array]:
        """(∂f/∂x, ∂f/∂y), exact up to rounding, shaped like broadcast(x, y)."""
        x, y = np.broadcast_arrays(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
        with np.errstate(all="ignore"):
            _, dx, dy = self._tree.dual(x, y)
            return (
                np.array(np.broadcast_to(dx, x.shape), dtype=float),
                np.array(np.broadcast_to(dy, x.shape), dtype=float),
            )


def parse_expression(text: str, parameters: dict[str, float] | None = None) -> Expression:
    """Parse `text` into an `Expression` of x, y and the named `parameters`.

    Raises ExpressionError(message, position): the message starts with the 1-based column,
    position is the 0-based character offset in `text` (None for problems with `parameters`).
    """
    if not isinstance(text, str):
        raise ExpressionError(f"the expression must be text, got {type(text).__name__}", None)
    parameters = _check_parameters(parameters or {})
    if len(text) > MAX_LENGTH:
        raise _error(
            MAX_LENGTH, f"the expression is too long ({len(text)} characters, at most {MAX_LENGTH})"
        )
    if not text.strip():
        raise _error(0, "the expression is empty")
    return Expression(text, _Parser(text, parameters).parse(), parameters)


def _check_parameters(parameters: dict) -> dict[str, float]:
    if not isinstance(parameters, dict):
        raise ExpressionError("parameters must be a dict of name -> number", None)
    checked = {}
    for name, number in parameters.items():
        if not usable_name(name):
            raise ExpressionError(
                f"parameter {name!r}: not a valid parameter name "
                "(use a letter-first name other than x, y, pi, e or a function name)",
                None,
            )
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise ExpressionError(f"parameter {name!r}: must be a number, got {number!r}", None)
        if not math.isfinite(number):
            raise ExpressionError(f"parameter {name!r}: must be finite, got {number!r}", None)
        checked[name] = float(number)
    return checked


def usable_name(name) -> bool:
    """Whether `name` can be a parameter: an identifier that is not a keyword or reserved."""
    return (
        isinstance(name, str)
        and name.isidentifier()
        and not keyword.iskeyword(name)
        and name not in RESERVED
    )


def _error(position: int, reason: str) -> ExpressionError:
    return ExpressionError(f"column {position + 1}: {reason}", position)


_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_OPERATOR_SYMBOLS = {
    ast.Mod: "%",
    ast.FloorDiv: "//",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitAnd: "&",
}
_FORBIDDEN = {
    ast.Attribute: "attribute access ('.') is not allowed",
    ast.Subscript: "indexing ('[...]') is not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples are not allowed (or a stray comma)",
    ast.Set: "sets are not allowed",
    ast.Dict: "dicts are not allowed",
    ast.Compare: "comparisons are not allowed",
    ast.BoolOp: "'and' / 'or' are not allowed",
    ast.IfExp: "'if ... else' is not allowed",
    ast.NamedExpr: "':=' is not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.Starred: "'*' unpacking is not allowed",
    ast.Slice: "slices are not allowed",
}


class _Parser:
    """Turns the text into a tree of the node classes above, or raises ExpressionError."""

    def __init__(self, text: str, parameters: dict[str, float]):
        self.parameters = parameters
        pieces, self.origin = [], []  # origin[i]: index in `text` of translated character i
        for index, char in enumerate(text):
            replacement = _TRANSLATIONS.get(char, char)
            pieces.append(replacement)
            self.origin.extend([index] * len(replacement))
        self.origin.append(len(text))
        self.source = "".join(pieces)
        self.encoded = self.source.encode("utf-8")

    def parse(self):
        self.prescan()
        try:
            tree = ast.parse(self.source, mode="eval")
        except SyntaxError as error:
            offset = error.offset or 0  # 1-based characters; 0 or None at the end of the text
            at = offset - 1 if 0 < offset <= len(self.source) else len(self.source)
            reason = error.msg
            if at == len(self.source) and reason == "invalid syntax":
                reason = "the expression ends too early"
            if "null bytes" in reason:
                reason, at = "the expression contains a null character", self.source.find("\0")
            raise _error(self.origin[at], reason) from None
        except (ValueError, RecursionError, MemoryError):
            raise _error(0, "the expression is too complex to parse") from None
        count = sum(isinstance(node, ast.expr) for node in ast.walk(tree))
        if count > MAX_NODES:
            raise _error(0, f"the expression is too complex ({count} parts, at most {MAX_NODES})")
        return self.convert(tree.body)

    def prescan(self) -> None:
        """Reject what would make ast.parse print a warning: escapes in strings (\\d) and a
        number glued to a name (1if, 2x); ast.parse has no switch to silence them, and
        changing the global warning filters is not thread-safe."""
        previous = None
        try:
            for token in tokenize.generate_tokens(io.StringIO(self.source).readline):
                at = self.origin[token.start[1]]
                if token.type == tokenize.STRING and "\\" in token.string:
                    raise _error(at, "text strings are not allowed")
                glued = previous is not None and previous.end == token.start
                if glued and previous.type == tokenize.NUMBER and token.type == tokenize.NAME:
                    if keyword.iskeyword(token.string):
                        raise _error(at, f"'{token.string}' is not allowed")
                    number, name = previous.string, token.string
                    raise _error(at, f"a name right after a number: write {number}*{name}")
                previous = token
        except (tokenize.TokenError, SyntaxError):
            pass  # ast.parse reports these with a better message

    def position_in_source(self, byte_offset: int) -> int:
        """Character offset in the source of a UTF-8 byte offset (ast's col_offset)."""
        return len(self.encoded[:byte_offset].decode("utf-8", "ignore"))

    def position(self, byte_offset: int) -> int:
        """Character offset in the original text of a UTF-8 byte offset in the source."""
        return self.origin[min(self.position_in_source(byte_offset), len(self.origin) - 1)]

    def fail(self, node, reason: str) -> ExpressionError:
        return _error(self.position(node.col_offset), reason)

    def convert(self, node):
        kind = type(node)
        if kind is ast.Constant:
            return self.number(node)
        if kind is ast.Name:
            return self.name(node)
        if kind is ast.UnaryOp:
            operand = self.convert(node.operand)
            if isinstance(node.op, ast.USub):
                return Negate(operand)
            if isinstance(node.op, ast.UAdd):
                return operand
            symbol = "not" if isinstance(node.op, ast.Not) else "~"
            raise self.fail(node, f"'{symbol}' is not allowed")
        if kind is ast.BinOp:
            return self.binary(node)
        if kind is ast.Call:
            return self.call(node)
        if kind is ast.Attribute:
            self.convert(node.value)  # report a problem further left first
            end = self.position(node.end_col_offset)
            dot = self.source.rfind(".", 0, end)
            at = self.origin[dot] if dot >= 0 else self.position(node.col_offset)
            raise _error(at, f"attribute access ('.{node.attr}') is not allowed")
        if kind is ast.Subscript:
            self.convert(node.value)
        if kind in _FORBIDDEN:
            raise self.fail(node, _FORBIDDEN[kind])
        raise self.fail(node, f"{kind.__name__.lower()} is not allowed")

    def number(self, node):
        number = node.value
        if isinstance(number, bool) or number is None or number is Ellipsis:
            raise self.fail(node, f"'{number}' is not allowed; use numbers, x, y and parameters")
        if isinstance(number, complex):
            raise self.fail(node, "complex numbers are not allowed")
        if isinstance(number, str | bytes):
            raise self.fail(node, "text strings are not allowed")
        try:
            value = float(number)
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            raise self.fail(node, "number too large")
        return Number(value, format_number(value))

    def name(self, node):
        name = node.id
        if name in ("x", "y"):
            return Variable(name)
        if name in self.parameters:
            return Number(self.parameters[name], name)
        if name in CONSTANTS:
            return Number(CONSTANTS[name], r"\pi" if name != "e" else "e")
        if name in FUNCTIONS:
            raise self.fail(node, f"'{name}' is a function; call it like {name}(x)")
        allowed = ", ".join(["x", "y", "pi", "e", *self.parameters])
        raise self.fail(node, f"unknown name '{name}' (allowed: {allowed})")

    def binary(self, node):
        left = self.convert(node.left)
        op = _OPERATORS.get(type(node.op))
        if op is None:
            symbol = _OPERATOR_SYMBOLS.get(type(node.op), "?")
            at = self.source.find(symbol, self.position_in_source(node.left.end_col_offset))
            where = self.origin[at] if at >= 0 else self.position(node.col_offset)
            raise _error(where, f"operator '{symbol}' is not allowed (allowed: + - * / ** ^)")
        right = self.convert(node.right)
        if op == "**":
            self.check_exponent(node.right, right)
        return Binary(op, left, right)

    def check_exponent(self, node, exponent) -> None:
        if exponent.constant:
            with np.errstate(all="ignore"):
                value = float(exponent.value(0.0, 0.0))
            if abs(value) > MAX_EXPONENT:  # inf too; nan (e.g. acos(2)) is harmless
                raise self.fail(node, f"exponent too large (at most {MAX_EXPONENT:g} in size)")
            return
        for inner in ast.walk(node):
            if isinstance(inner, ast.Constant) and abs(inner.value) > MAX_EXPONENT_LITERAL:
                raise self.fail(inner, "exponent too large (a number in it exceeds 1e6)")

    def call(self, node):
        function = node.func
        if not isinstance(function, ast.Name):
            self.convert(function)  # reports the real problem (attribute, call of a call ...)
            raise self.fail(node, "only calls of named functions are allowed")
        if function.id not in FUNCTIONS:
            raise self.fail(
                node, f"'{function.id}' is not an allowed function (allowed: {_ALLOWED_FUNCTIONS})"
            )
        if node.keywords:
            raise self.fail(node.keywords[0], "keyword arguments are not allowed")
        if len(node.args) != 1:
            got = len(node.args)
            raise self.fail(node, f"{function.id} takes exactly one argument, got {got}")
        return Call(function.id, self.convert(node.args[0]))

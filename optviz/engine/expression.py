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
from optviz.engine.expression_reasons import FORBIDDEN, syntax_reason
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

    Raises ExpressionError: its message starts with the 1-based column, its `position` is
    the 0-based character offset in `text` (None for problems with `parameters`).
    """
    if not isinstance(text, str):
        raise ExpressionError.of(
            "the expression must be text, got {kind}", kind=type(text).__name__
        )
    parameters = _check_parameters(parameters or {})
    if len(text) > MAX_LENGTH:
        raise ExpressionError.at(
            MAX_LENGTH,
            "the expression is too long ({length} characters, at most {most})",
            length=len(text),
            most=MAX_LENGTH,
        )
    if not text.strip():
        raise ExpressionError.at(0, "the expression is empty")
    return Expression(text, _Parser(text, parameters).parse(), parameters)


def _check_parameters(parameters: dict) -> dict[str, float]:
    if not isinstance(parameters, dict):
        raise ExpressionError.of("parameters must be a dict of name -> number")
    checked = {}
    for name, number in parameters.items():
        if not usable_name(name):
            raise ExpressionError.of(
                "parameter {name}: not a valid parameter name "
                "(use a letter-first name other than x, y, pi, e or a function name)",
                name=repr(name),
            )
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise ExpressionError.of(
                "parameter {name}: must be a number, got {value}",
                name=repr(name),
                value=repr(number),
            )
        if not math.isfinite(number):
            raise ExpressionError.of(
                "parameter {name}: must be finite, got {value}", name=repr(name), value=repr(number)
            )
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
            if "null bytes" in error.msg:
                at = self.origin[self.source.find("\0")]
                raise ExpressionError.at(at, "the expression contains a null character") from None
            if at == len(self.source) and error.msg == "invalid syntax":
                raise ExpressionError.at(self.origin[at], "the expression ends too early") from None
            template, fields = syntax_reason(error.msg)
            raise ExpressionError.at(self.origin[at], template, **fields) from None
        except (ValueError, RecursionError, MemoryError):
            raise ExpressionError.at(0, "the expression is too complex to parse") from None
        count = sum(isinstance(node, ast.expr) for node in ast.walk(tree))
        if count > MAX_NODES:
            raise ExpressionError.at(
                0,
                "the expression is too complex ({count} parts, at most {most})",
                count=count,
                most=MAX_NODES,
            )
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
                    raise ExpressionError.at(at, "text strings are not allowed")
                glued = previous is not None and previous.end == token.start
                if glued and previous.type == tokenize.NUMBER and token.type == tokenize.NAME:
                    if keyword.iskeyword(token.string):
                        raise ExpressionError.at(at, "'{word}' is not allowed", word=token.string)
                    raise ExpressionError.at(
                        at,
                        "a name right after a number: write {number}*{name}",
                        number=previous.string,
                        name=token.string,
                    )
                previous = token
        except (tokenize.TokenError, SyntaxError):
            pass  # ast.parse reports these with a better message

    def position_in_source(self, byte_offset: int) -> int:
        """Character offset in the source of a UTF-8 byte offset (ast's col_offset)."""
        return len(self.encoded[:byte_offset].decode("utf-8", "ignore"))

    def position(self, byte_offset: int) -> int:
        """Character offset in the original text of a UTF-8 byte offset in the source."""
        return self.origin[min(self.position_in_source(byte_offset), len(self.origin) - 1)]

    def at(self, node) -> int:
        """Character offset in the original text where `node` starts."""
        return self.position(node.col_offset)

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
            raise ExpressionError.at(self.at(node), "'{word}' is not allowed", word=symbol)
        if kind is ast.BinOp:
            return self.binary(node)
        if kind is ast.Call:
            return self.call(node)
        if kind is ast.Attribute:
            self.convert(node.value)  # report a problem further left first
            end = self.position(node.end_col_offset)
            dot = self.source.rfind(".", 0, end)
            at = self.origin[dot] if dot >= 0 else self.position(node.col_offset)
            raise ExpressionError.at(
                at, "attribute access ('.{name}') is not allowed", name=node.attr
            )
        if kind is ast.Subscript:
            self.convert(node.value)
        if kind in FORBIDDEN:
            raise ExpressionError.at(self.at(node), FORBIDDEN[kind])
        what = kind.__name__.lower()
        raise ExpressionError.at(self.at(node), "{what} is not allowed", what=what)

    def number(self, node):
        number = node.value
        if isinstance(number, bool) or number is None or number is Ellipsis:
            raise ExpressionError.at(
                self.at(node),
                "'{word}' is not allowed; use numbers, x, y and parameters",
                word=str(number),
            )
        if isinstance(number, complex):
            raise ExpressionError.at(self.at(node), "complex numbers are not allowed")
        if isinstance(number, str | bytes):
            raise ExpressionError.at(self.at(node), "text strings are not allowed")
        try:
            value = float(number)
        except OverflowError:
            value = math.inf
        if not math.isfinite(value):
            raise ExpressionError.at(self.at(node), "number too large")
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
            raise ExpressionError.at(
                self.at(node), "'{name}' is a function; call it like {name}(x)", name=name
            )
        allowed = ", ".join(["x", "y", "pi", "e", *self.parameters])
        raise ExpressionError.at(
            self.at(node), "unknown name '{name}' (allowed: {names})", name=name, names=allowed
        )

    def binary(self, node):
        left = self.convert(node.left)
        op = _OPERATORS.get(type(node.op))
        if op is None:
            symbol = _OPERATOR_SYMBOLS.get(type(node.op), "?")
            at = self.source.find(symbol, self.position_in_source(node.left.end_col_offset))
            where = self.origin[at] if at >= 0 else self.position(node.col_offset)
            raise ExpressionError.at(
                where, "operator '{symbol}' is not allowed (allowed: + - * / ** ^)", symbol=symbol
            )
        right = self.convert(node.right)
        if op == "**":
            self.check_exponent(node.right, right)
        return Binary(op, left, right)

    def check_exponent(self, node, exponent) -> None:
        if exponent.constant:
            with np.errstate(all="ignore"):
                value = float(exponent.value(0.0, 0.0))
            if abs(value) > MAX_EXPONENT:  # inf too; nan (e.g. acos(2)) is harmless
                raise ExpressionError.at(
                    self.at(node),
                    "exponent too large (at most {most} in size)",
                    most=f"{MAX_EXPONENT:g}",
                )
            return
        for inner in ast.walk(node):
            if isinstance(inner, ast.Constant) and abs(inner.value) > MAX_EXPONENT_LITERAL:
                raise ExpressionError.at(
                    self.at(inner), "exponent too large (a number in it exceeds 1e6)"
                )

    def call(self, node):
        function = node.func
        if not isinstance(function, ast.Name):
            self.convert(function)  # reports the real problem (attribute, call of a call ...)
            raise ExpressionError.at(self.at(node), "only calls of named functions are allowed")
        if function.id not in FUNCTIONS:
            raise ExpressionError.at(
                self.at(node),
                "'{name}' is not an allowed function (allowed: {names})",
                name=function.id,
                names=_ALLOWED_FUNCTIONS,
            )
        if node.keywords:
            raise ExpressionError.at(self.at(node.keywords[0]), "keyword arguments are not allowed")
        if len(node.args) != 1:
            raise ExpressionError.at(
                self.at(node),
                "{name} takes exactly one argument, got {count}",
                name=function.id,
                count=len(node.args),
            )
        return Call(function.id, self.convert(node.args[0]))

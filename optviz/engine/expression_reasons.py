"""Why the expression parser refuses a text, as message templates for `ExpressionError.at`.

They reach `.at` through a variable, so the translators' list of templates
(`optviz.ui.error_templates`) reads them from here rather than from the call.
"""

from __future__ import annotations

import ast
import re

# A kind of node the grammar does not have.
FORBIDDEN = {
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


# Python's SyntaxError messages as templates; a message not listed is shown as Python words it.
SYNTAX_REASONS = (
    (r"invalid syntax", "invalid syntax"),
    (r"'(?P<bracket>.)' was never closed", "'{bracket}' was never closed"),
    (r"unmatched '(?P<bracket>.)'", "unmatched '{bracket}'"),
    (
        r"closing parenthesis '(?P<closing>.)' does not match opening parenthesis '(?P<opening>.)'",
        "closing parenthesis '{closing}' does not match opening parenthesis '{opening}'",
    ),
    (r"invalid character (?P<char>.*)", "invalid character {char}"),
    (r"invalid decimal literal", "invalid decimal literal"),
    (r"invalid hexadecimal literal", "invalid hexadecimal literal"),
    (
        r"unterminated string literal \(detected at line (?P<line>\d+)\)",
        "unterminated string literal (detected at line {line})",
    ),
    (
        r"leading zeros in decimal integer literals are not permitted; "
        r"use an 0o prefix for octal integers",
        "leading zeros in decimal integer literals are not permitted; "
        "use an 0o prefix for octal integers",
    ),
    (
        r"unexpected character after line continuation character",
        "unexpected character after line continuation character",
    ),
)


SYNTAX_FALLBACK = "{reason}"


def syntax_reason(message: str) -> tuple[str, dict[str, str]]:
    """(template, fields) of a SyntaxError's message."""
    for pattern, template in SYNTAX_REASONS:
        match = re.fullmatch(pattern, message)
        if match:
            return template, match.groupdict()
    return SYNTAX_FALLBACK, {"reason": message}

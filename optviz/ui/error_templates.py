"""The message templates of the errors, found in the source for the translators.

Errors are raised as ``ExperimentError.of("{path}: must be > {low}, got {value}", …)`` or
``ExpressionError.at(position, "number too large")`` (see optviz.engine.errors); the
template is the literal argument. `error_templates()` reads them with `ast` from the engine
and the UI (no import, no Qt), plus the two registries whose entries reach `.at` through a
variable: the parser's refusals (`expression.FORBIDDEN`) and Python's syntax messages
(`expression.SYNTAX_REASONS`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # optviz/
SCANNED = ("engine", "ui", "export*.py")  # folders, and the export modules beside them
TEMPLATE_ARGUMENT = {"of": 0, "at": 1}  # method → index of its template argument


@dataclass(frozen=True)
class Site:
    """A call that makes an error: `template` is None unless it is a literal."""

    file: str  # relative to optviz/, e.g. "engine/hyper.py"
    line: int
    template: str | None
    argument: str  # the template argument's source


def _files(folders=SCANNED) -> list[Path]:
    """The .py files below each folder of `folders`, or matching it when it names files."""
    found = (
        PACKAGE.glob(entry) if entry.endswith(".py") else (PACKAGE / entry).rglob("*.py")
        for entry in folders
    )
    return sorted(path for paths in found for path in paths)


def _trees(folders=SCANNED) -> Iterator[tuple[str, ast.AST]]:
    for path in _files(folders):
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def error_class_names() -> set[str]:
    """OptvizError and the names of the classes derived from it in optviz/ (by their bases)."""
    classes = [
        (node.name, {ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases})
        for _file, tree in _trees((".",))
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    names = {"OptvizError"}
    while True:
        more = {name for name, bases in classes if bases & names} - names
        if not more:
            return names
        names |= more


def _is_error(receiver: ast.expr, names: set[str]) -> bool:
    """An error class, or `cls` / `type(self)` inside one (errors.py)."""
    if isinstance(receiver, ast.Name):
        return receiver.id in names or receiver.id == "cls"
    return isinstance(receiver, ast.Call) and ast.unparse(receiver.func) == "type"


def template_sites(folders=SCANNED) -> list[Site]:
    """Every ``<error class>.of(…)`` and ``.at(…)`` call in the scanned folders."""
    names = error_class_names()
    sites = []
    for file, tree in _trees(folders):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            index = TEMPLATE_ARGUMENT.get(node.func.attr)
            if index is None or not _is_error(node.func.value, names) or len(node.args) <= index:
                continue
            argument = node.args[index]
            literal = isinstance(argument, ast.Constant) and isinstance(argument.value, str)
            sites.append(
                Site(file, node.lineno, argument.value if literal else None, ast.unparse(argument))
            )
    return sorted(sites, key=lambda site: (site.file, site.line))


def constructed_with_message(folders=("engine", "export*.py")) -> list[Site]:
    """Errors built from a finished message, ``ExperimentError(f"…")``: not translatable."""
    names = error_class_names()
    return [
        Site(file, node.lineno, None, ast.unparse(node))
        for file, tree in _trees(folders)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in names
        and (node.args or node.keywords)
    ]


def error_templates() -> list[str]:
    """Every template, in source order, each once."""
    from optviz.engine.expression_reasons import FORBIDDEN, SYNTAX_FALLBACK, SYNTAX_REASONS

    found = [site.template for site in template_sites() if site.template is not None]
    found += [*FORBIDDEN.values(), *(template for _pattern, template in SYNTAX_REASONS)]
    found.append(SYNTAX_FALLBACK)
    return list(dict.fromkeys(found))

"""Errors the user can read. Nobody shows a traceback to a user.

Raise them with a literal template and its fields, never with a finished message:

    raise ExperimentError.of("{path}: must be >= {low}, got {value}", path=path, low=0, value=-1)

`str(error)` is the English text (the CLI prints it, tests match it); the UI translates
`template` and fills in `fields` (`optviz.ui.i18n.error_text`), so key paths, numbers and
what the user typed stay as they are. A field may itself be an error (the reason inside a
wrapper such as "{path}: {error}"): it is translated the same way. A message that names a
key starts with "{path}: ", the key path in the field `path`. The templates are collected
for the translators from the source (`optviz.ui.error_templates`), which is why they must
be literals.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Self


class OptvizError(Exception):
    """Base class: the message is meant for the user, as it is."""

    template: str | None = None  # the message with {name} fields; None: not translatable
    fields: Mapping[str, Any] = MappingProxyType({})  # str, int, float or an error each

    @classmethod
    def of(cls, template: str, /, **fields: Any) -> Self:
        """The error whose English message is `template` filled in with `fields`."""
        error = cls(template.format(**fields))
        error.template, error.fields = template, fields
        return error

    def with_path(self, path: str) -> Self:
        """The same message about another key path (the template keeps its "{path}: ")."""
        if "path" not in self.fields:
            return type(self).of("{path}: {error}", path=path, error=self)
        return type(self).of(self.template, **{**self.fields, "path": path})

    def within(self, prefix: str) -> Self:
        """The same error one level down: "lr: …" within "optimizers[0]" is
        "optimizers[0].lr: …"."""
        path = self.fields.get("path")
        if path is None:
            return type(self).of("{path}.{error}", path=prefix, error=self)
        return self.with_path(f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}")


class ExperimentError(OptvizError, ValueError):
    """An experiment (or one of its parts) is invalid; the message names the key path."""


class ExpressionError(OptvizError, ValueError):
    """A custom surface expression could not be parsed; the message names position and reason."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.position = position

    @classmethod
    def at(cls, position: int, reason: str, /, **fields: Any) -> Self:
        """ "column 4: the expression ends too early": `reason` (a template, filled in with
        `fields`) at the 0-based character `position`, shown 1-based."""
        reason_error = cls.of(reason, **fields)
        error = cls.of("column {column}: {reason}", column=position + 1, reason=reason_error)
        error.position = position
        return error


class DatasetError(OptvizError):
    """A data set is missing, corrupt or could not be downloaded."""

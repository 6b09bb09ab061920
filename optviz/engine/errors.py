"""Errors the user can read. Nobody shows a traceback to a user."""


class OptvizError(Exception):
    """Base class: the message is meant for the user, as it is."""


class ExperimentError(OptvizError, ValueError):
    """An experiment (or one of its parts) is invalid; the message names the key path."""


class ExpressionError(OptvizError, ValueError):
    """A custom surface expression could not be parsed; the message names position and reason."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.position = position


class DatasetError(OptvizError):
    """A data set is missing, corrupt or could not be downloaded."""

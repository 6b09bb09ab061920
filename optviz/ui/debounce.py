"""superqt's debouncer, created when it is first called.

Importing superqt takes about 70 ms (its package imports every widget it has, qtpy and
pygments), and the window's first frame needs none of it (issue #3). So the main window
makes its debouncers on the first edit, and imports superqt right after its first paint,
before anyone can edit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Debounced:
    """`superqt.utils.qdebounced(function, timeout=timeout_ms)`, made on the first call."""

    def __init__(self, function: Callable[..., Any], timeout_ms: int):
        self._function = function
        self._timeout_ms = timeout_ms
        self._debounced: Any = None

    def __call__(self, *args: Any) -> None:
        if self._debounced is None:
            from superqt.utils import qdebounced

            self._debounced = qdebounced(self._function, timeout=self._timeout_ms)
        self._debounced(*args)

    def cancel(self) -> None:
        """Forget a waiting call."""
        if self._debounced is not None:
            self._debounced.cancel()

"""The building blocks of "copy as code": `Call`, one constructor call with the notes a reader
needs; `Code`, a value written verbatim; `literal` and `tidy`, which write values as Python
source; and the module paths of torch.optim and tf.keras.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

TORCH_OPTIM = "torch.optim."
TORCH_SCHED = "torch.optim.lr_scheduler."
KERAS_OPTIM = "tf.keras.optimizers."
KERAS_SCHED = "tf.keras.optimizers.schedules."


class Code(str):
    """A keyword value written verbatim (a variable name or a lambda), not as a literal."""


@dataclass(frozen=True)
class Call:
    """One constructor call of the snippet, with what a reader must know about it.

    exact: the call takes the same steps as optviz's optimizer at a constant learning rate.
    """

    function: str  # "torch.optim.Adam"
    args: tuple[str, ...] = ()  # positional arguments, as code
    kwargs: tuple[tuple[str, Any], ...] = ()
    notes: tuple[str, ...] = ()
    exact: bool = True

    def code(self) -> str:
        parts = [*self.args, *(f"{key}={literal(value)}" for key, value in self.kwargs)]
        return f"{self.function}({', '.join(parts)})"


def literal(value: Any) -> str:
    """Python source for a value: 1e-08, (0.9, 0.999), True, "cos"."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, bool | int):
        return repr(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"no literal for {value!r}")


def tidy(x: float) -> float:
    """A computed number without float noise: 0.01 * (1 - 0.9) → 0.001."""
    return float(f"{x:.12g}")

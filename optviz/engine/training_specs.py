"""The optimizer specs a race accepts: dicts with a name, as in the experiment file, or
objects with `to_dict()` such as `OptimizerSpec`; and the keys of a spec that are not
hyperparameters.
"""

from __future__ import annotations

from typing import Any

from optviz.engine.errors import ExperimentError

# Keys of an optimizer spec that are not optimizer hyperparameters.
SPEC_META_KEYS = ("name", "flavor", "label", "color", "enabled", "schedule")


def as_spec_dict(spec: Any) -> dict[str, Any]:
    """A spec dict (copied), also from an object with `to_dict()` such as OptimizerSpec."""
    if hasattr(spec, "to_dict"):
        spec = spec.to_dict()
    if not isinstance(spec, dict) or "name" not in spec:
        raise ExperimentError.of(
            "{path}: each must be an object with a name, got {value}",
            path="optimizers",
            value=repr(spec),
        )
    return dict(spec)

"""The experiment file: one JSON document that the GUI saves and the CLI runs.

    {"optviz": 1,
     "surface": {"name": "rosenbrock", "params": {"a": 1, "b": 100}},
     "start": [-1.5, 2.0],            # or "starts": [[x, y], ...]
     "steps": 300, "seed": 0,
     "noise": {"sigma": 0.0},
     "batch_size": null,              # data surfaces: 1, k, or null for the full batch
     "optimizers": [{"name": "adam", "lr": 0.05, "label": "Adam",
                     "schedule": {"name": "cosine", "T_max": 300}}, ...]}

`load`/`from_dict` validate everything and raise ExperimentError naming the key path;
`to_dict` gives back exactly what was given (defaults are not written out), so a
save → load round trip is exact. `save` writes atomically. The document as Python objects,
`Experiment` and `OptimizerSpec`, is defined in `experiment_types` and imported from here.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from optviz.engine.errors import ExperimentError
from optviz.engine.experiment_types import FORMAT_VERSION, STOP_HYPERS, Experiment, OptimizerSpec
from optviz.engine.hyper import Hyper, resolve

__all__ = [
    "FORMAT_VERSION",
    "OPTIMIZER_META_KEYS",
    "STOP_HYPERS",
    "TOP_LEVEL_KEYS",
    "Experiment",
    "OptimizerSpec",
    "atomic_write",
    "from_dict",
    "load",
    "loads",
    "save",
]

OPTIMIZER_META_KEYS = (
    "name",
    "flavor",
    "label",
    "color",
    "enabled",
    "schedule",
    "noise",
    "batch_size",
)
TOP_LEVEL_KEYS = (
    "optviz",
    "title",
    "surface",
    "start",
    "starts",
    "steps",
    "seed",
    "noise",
    "batch_size",
    "stop",
    "bound",
    "swa",
    "optimizers",
    "training",
    "view",
)


# --- validation ---------------------------------------------------------------------------


def from_dict(data: Any) -> Experiment:
    """Validate a parsed JSON document and build an Experiment."""
    if not isinstance(data, dict):
        raise ExperimentError.of("{path}: must be a JSON object", path="experiment")
    _no_nan(data, "")
    version = data.get("optviz")
    if version is None:
        raise ExperimentError.of(
            "{path}: missing format version (expected {example})",
            path="optviz",
            example='"optviz": 1',
        )
    if isinstance(version, bool) or not isinstance(version, int):
        raise ExperimentError.of(
            "{path}: must be a whole number, got {value}", path="optviz", value=repr(version)
        )
    if version > FORMAT_VERSION:
        raise ExperimentError.of(
            "{path}: this file was written by a newer optviz (format {version}); "
            "this version reads format {supported}. Please update optviz.",
            path="optviz",
            version=version,
            supported=FORMAT_VERSION,
        )
    if version < 1:
        raise ExperimentError.of(
            "{path}: unknown format version {version}", path="optviz", version=version
        )
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            raise ExperimentError.of(
                "{path}: unknown key (known: {names})", path=key, names=", ".join(TOP_LEVEL_KEYS)
            )

    kwargs: dict[str, Any] = {}
    if "title" in data:
        kwargs["title"] = _string(data["title"], "title")
    is_training = "training" in data
    if is_training:
        if not isinstance(data["training"], dict):
            raise ExperimentError.of("{path}: must be an object", path="training")
        from optviz.engine.training_config import TrainingConfig  # its fields are the keys

        TrainingConfig.from_dict(data["training"])  # a bad value is reported when the file opens
        kwargs["training"] = dict(data["training"])
    if "surface" in data or not is_training:
        kwargs["surface"] = _surface(data.get("surface", {"name": "quadratic_ravine"}))
    if "start" in data and "starts" in data:
        raise ExperimentError.of(
            "{path}: give either {one} or {other}, not both",
            path="start",
            one='"start"',
            other='"starts"',
        )
    if "start" in data:
        kwargs["starts"] = (_point(data["start"], "start"),)
    elif "starts" in data:
        starts = data["starts"]
        if not isinstance(starts, list) or not starts:
            raise ExperimentError.of(
                "{path}: must be a non-empty list of [x, y] points", path="starts"
            )
        kwargs["starts"] = tuple(_point(p, f"starts[{i}]") for i, p in enumerate(starts))
        kwargs["multiple_starts"] = True
    if "steps" in data:
        kwargs["steps"] = Hyper("steps", 100, kind="int", low=1, high=1_000_000).validate(
            data["steps"], "steps"
        )
    if "seed" in data:
        kwargs["seed"] = Hyper("seed", 0, kind="int", low=0, high=2**32 - 1).validate(
            data["seed"], "seed"
        )
    if "noise" in data:
        noise = data["noise"]
        if not isinstance(noise, dict):
            raise ExperimentError.of(
                "{path}: must be an object like {example}", path="noise", example='{"sigma": 0.1}'
            )
        kwargs["noise_sigma"] = resolve((Hyper("sigma", 0.0, low=0),), noise, "noise")["sigma"]
    if "batch_size" in data and data["batch_size"] is not None:
        kwargs["batch_size"] = Hyper("batch_size", 1, kind="int", low=1).validate(
            data["batch_size"], "batch_size"
        )
    if "stop" in data:
        if not isinstance(data["stop"], dict):
            raise ExperimentError.of("{path}: must be an object", path="stop")
        resolve(STOP_HYPERS, data["stop"], "stop")
        kwargs["stop"] = dict(data["stop"])
    if "bound" in data:
        kwargs["bound"] = Hyper("bound", 1e6, low=0, low_open=True).validate(data["bound"], "bound")
    if "swa" in data:
        swa = data["swa"]
        if not isinstance(swa, dict):
            raise ExperimentError.of(
                "{path}: must be an object like {example}", path="swa", example='{"start": 100}'
            )
        kwargs["swa_start"] = resolve((Hyper("start", 0, kind="int", low=0),), swa, "swa")["start"]
    if "view" in data:
        view = Hyper("view", None, kind="floats").validate(data["view"], "view")
        if len(view) != 4 or not (view[0] < view[1] and view[2] < view[3]):
            raise ExperimentError.of(
                "{path}: must be [xmin, xmax, ymin, ymax] with min < max", path="view"
            )
        kwargs["view"] = view
    if "optimizers" not in data:
        raise ExperimentError.of(
            "{path}: missing (a list of optimizers to race)", path="optimizers"
        )
    optimizers = data["optimizers"]
    if not isinstance(optimizers, list) or not optimizers:
        raise ExperimentError.of("{path}: must be a non-empty list", path="optimizers")
    kwargs["optimizers"] = tuple(
        _optimizer(o, f"optimizers[{i}]") for i, o in enumerate(optimizers)
    )
    experiment = Experiment(**kwargs)
    steps = experiment.steps
    if experiment.swa_start is not None and experiment.swa_start > steps:
        raise ExperimentError.of(
            "{path}: must be <= steps ({steps}), got {value}",
            path="swa.start",
            steps=steps,
            value=experiment.swa_start,
        )
    return experiment


def _optimizer(data: Any, path: str) -> OptimizerSpec:
    from optviz.engine.optimizers import optimizer_class
    from optviz.engine.schedules import make_schedule

    if not isinstance(data, dict):
        raise ExperimentError.of(
            "{path}: must be an object like {example}",
            path=path,
            example='{"name": "adam", "lr": 0.01}',
        )
    if "name" not in data:
        raise ExperimentError.of("{path}: missing", path=f"{path}.name")
    name = _string(data["name"], f"{path}.name")
    flavor = _string(data.get("flavor", "torch"), f"{path}.flavor")
    try:
        cls, overrides = optimizer_class(name, flavor)
    except ExperimentError as error:
        raise error.within(path) from None
    hyper = {k: v for k, v in data.items() if k not in OPTIMIZER_META_KEYS}
    resolved = resolve(cls.hyperparameters, {**overrides, **hyper}, path)
    try:
        cls([], **resolved)  # cross-field checks (e.g. nesterov needs momentum)
    except ExperimentError as error:  # about "sgd.nesterov": here "optimizers[1].nesterov"
        key = error.fields.get("path", "").removeprefix(f"{cls.name}.")
        raise error.with_path(f"{path}.{key}") from None
    hyper = {k: _from_resolved(resolved[k], v) for k, v in hyper.items()}
    schedule = data.get("schedule")
    if schedule is not None:
        if not isinstance(schedule, dict):
            raise ExperimentError.of(
                "{path}: must be an object like {example}",
                path=f"{path}.schedule",
                example='{"name": "cosine"}',
            )
        try:
            make_schedule(schedule, resolved[cls.lr_key])
        except ExperimentError as error:
            raise error.within(path) from None
        schedule = dict(schedule)
    color = data.get("color")
    if color is not None:
        color = _string(color, f"{path}.color")
    enabled = data.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ExperimentError.of(
            "{path}: must be true or false, got {value}",
            path=f"{path}.enabled",
            value=repr(enabled),
        )
    label = _string(data.get("label", ""), f"{path}.label")
    noise = data.get("noise")
    if noise is not None:
        noise = Hyper("noise", 0.0, low=0).validate(noise, f"{path}.noise")
    batch_size = data.get("batch_size")
    if batch_size is not None:
        batch_size = Hyper("batch_size", 1, kind="int", low=1).validate(
            batch_size, f"{path}.batch_size"
        )
    return OptimizerSpec(
        name=name,
        flavor=flavor,
        label=label,
        color=color,
        enabled=enabled,
        hyper=hyper,
        schedule=schedule,
        noise=noise,
        batch_size=batch_size,
    )


def _from_resolved(resolved: Any, given: Any) -> Any:
    """Keep the user's own spelling (an int stays an int) unless validation changed its kind."""
    if isinstance(resolved, tuple):
        return list(given)
    return given


def _surface(data: Any) -> dict[str, Any]:
    from optviz.engine.surfaces import make_surface

    if not isinstance(data, dict):
        raise ExperimentError.of(
            "{path}: must be an object like {example}",
            path="surface",
            example='{"name": "rosenbrock"}',
        )
    make_surface(data)  # raises ExperimentError with "surface.…" paths
    return dict(data)


def _point(value: Any, path: str) -> tuple[float, float]:
    return Hyper("point", None, kind="pair").validate(value, path)


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise ExperimentError.of(
            "{path}: must be a string, got {value}", path=path, value=repr(value)
        )
    return value


def _no_nan(value: Any, path: str) -> None:
    """Reject NaN/Infinity anywhere (Python's json accepts them)."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ExperimentError.of(
            "{path}: must be a finite number, got {value}",
            path=path or "experiment",
            value=repr(value),
        )
    if isinstance(value, dict):
        for key, item in value.items():
            _no_nan(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _no_nan(item, f"{path}[{i}]")


# --- files --------------------------------------------------------------------------------


def loads(text: str) -> Experiment:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExperimentError.of(
            "not valid JSON: {reason} at line {line}, column {column}",
            reason=error.msg,
            line=error.lineno,
            column=error.colno,
        ) from None
    return from_dict(data)


def load(path: str | os.PathLike) -> Experiment:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExperimentError.of("{file}: no such file", file=str(path)) from None
    except UnicodeDecodeError:
        raise ExperimentError.of("{file}: not a text file (not UTF-8)", file=str(path)) from None
    except OSError as error:
        raise ExperimentError.of(
            "{file}: cannot read ({reason})", file=str(path), reason=str(error.strerror)
        ) from None
    return loads(text)


def atomic_write(path: str | os.PathLike, data: bytes | str) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written file."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it owner-only; a saved file is not
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(experiment: Experiment, path: str | os.PathLike) -> None:
    atomic_write(path, experiment.to_json())

import json
import math

import pytest

from optviz.engine import experiment
from optviz.engine.errors import ExperimentError

EXAMPLE = {
    "optviz": 1,
    "surface": {"name": "rosenbrock", "params": {"a": 1, "b": 100}},
    "start": [-1.5, 2.0],
    "steps": 300,
    "seed": 0,
    "noise": {"sigma": 0.0},
    "optimizers": [
        {
            "name": "adam",
            "lr": 0.05,
            "betas": [0.9, 0.999],
            "label": "Adam",
            "schedule": {"name": "cosine", "T_max": 300},
        },
        {"name": "sgd", "lr": 0.001, "momentum": 0.9, "nesterov": True},
    ],
}


def with_change(path, value):
    doc = json.loads(json.dumps(EXAMPLE))
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


def test_example_loads_with_resolved_defaults():
    exp = experiment.from_dict(EXAMPLE)
    assert exp.starts == ((-1.5, 2.0),)
    adam = exp.optimizers[0].resolved()
    assert adam["betas"] == (0.9, 0.999)
    assert adam["eps"] == 1e-8
    assert exp.optimizers[1].resolved()["nesterov"] is True


def test_save_load_round_trips_exactly(tmp_path):
    exp = experiment.from_dict(EXAMPLE)
    path = tmp_path / "e.json"
    experiment.save(exp, path)
    again = experiment.load(path)
    assert again == exp
    assert json.loads(path.read_text()) == EXAMPLE


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("optimizers", 1, "lr"), -0.1, "optimizers[1].lr: must be > 0"),
        (("optimizers", 0, "betas"), [1.0, 0.999], "optimizers[0].betas[0]"),
        (("optimizers", 0, "betas"), [0.9], "optimizers[0].betas: must be a list of two"),
        (("optimizers", 0, "lr"), math.nan, "optimizers[0].lr: must be a finite number"),
        (("optimizers", 0, "lr"), "fast", "optimizers[0].lr: must be a number"),
        (("optimizers", 0, "bogus"), 1, "optimizers[0].bogus: unknown key"),
        (("optimizers", 0, "name"), "sdg", "optimizers[0].name: unknown optimizer 'sdg'"),
        (("optimizers", 1, "momentum"), 0.0, "optimizers[1].nesterov"),
        (("steps",), 0, "steps: must be >= 1"),
        (("steps",), 2.5, "steps: must be a whole number"),
        (("start",), [1.0], "start: must be a list of two"),
        (("surface", "name"), "nope", "surface.name"),
        (("optimizers", 0, "schedule", "T_max"), 0, "optimizers[0].schedule.T_max"),
        (("optviz",), 99, "newer optviz"),
        (("extra",), 1, "extra: unknown key"),
    ],
)
def test_invalid_values_name_their_key_path(path, value, message):
    with pytest.raises(ExperimentError) as info:
        experiment.from_dict(with_change(path, value))
    assert message in str(info.value)


def test_nan_literal_in_json_text_is_rejected():
    text = json.dumps(EXAMPLE).replace('"lr": 0.05', '"lr": NaN')
    with pytest.raises(ExperimentError, match="finite"):
        experiment.loads(text)


def test_malformed_json_names_line_and_column():
    with pytest.raises(ExperimentError, match="line 1, column"):
        experiment.loads('{"optviz": 1,,}')


def test_atomic_save_leaves_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "e.json"
    path.write_text("old")

    def broken_fsync(fd):
        raise OSError("disk full")

    monkeypatch.setattr(experiment.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        experiment.save(experiment.from_dict(EXAMPLE), path)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["e.json"]

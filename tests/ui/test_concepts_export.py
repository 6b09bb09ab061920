"""`optviz export --view ewa|sweep|basins|schedules`: the Concepts tab's views drawn
headless, in real processes, as PNG of the requested size, SVG with vector lines and the
CSV of the view's numbers, which are the engine's."""

from __future__ import annotations

import concurrent.futures as futures
import csv
import json
import os
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from optviz.engine import concepts, experiment, runner
from optviz.engine.experiment import OptimizerSpec

ROOT = Path(__file__).resolve().parents[2]
VIEWS = ("ewa", "sweep", "basins", "schedules")
SIZE = (640, 360)
SVG = "{http://www.w3.org/2000/svg}"
STEP_SCHEDULE = {"name": "step", "step_size": 20, "gamma": 0.5}
EXPERIMENT = {
    "optviz": 1,
    "surface": {"name": "himmelblau"},
    "start": [0.5, 0.5],
    "steps": 60,
    "optimizers": [
        {"name": "sgd", "lr": 0.01, "schedule": STEP_SCHEDULE},
        {"name": "momentum", "enabled": False},
        {"name": "adam", "lr": 0.05},
    ],
}


def optviz_export(experiment_file: Path, out: Path, view: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    width, height = (str(side) for side in SIZE)
    command = [sys.executable, "-m", "optviz", "export", str(experiment_file), "--out", str(out)]
    command += ["--view", view, "--width", width, "--height", height]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """(view, suffix) → (the finished process, the file it was asked to write)."""
    folder = tmp_path_factory.mktemp("concept-exports")
    experiment_file = folder / "experiment.json"
    experiment_file.write_text(json.dumps(EXPERIMENT))
    jobs = {(view, suffix): folder / f"{view}.{suffix}" for view in VIEWS for suffix in SUFFIXES}
    with futures.ThreadPoolExecutor(max_workers=2) as pool:  # two cores: two at a time
        running = {key: pool.submit(optviz_export, experiment_file, out, key[0])
                   for key, out in jobs.items()}  # fmt: skip
        return {key: (future.result(), jobs[key]) for key, future in running.items()}


SUFFIXES = ("png", "svg", "csv")


def written(exports, view: str, suffix: str) -> Path:
    proc, out = exports[(view, suffix)]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert out.is_file()
    return out


def table(path: Path) -> dict[str, list[str]]:
    """CSV column name → its cells."""
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    return {name: [row[k] for row in rows[1:]] for k, name in enumerate(rows[0])}


def numbers(cells: list[str]) -> np.ndarray:
    return np.array([float(cell) if cell else np.nan for cell in cells])


@pytest.mark.parametrize("view", VIEWS)
def test_png_has_the_requested_size(exports, view):
    data = written(exports, view, "png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == SIZE


@pytest.mark.parametrize("view", VIEWS)
def test_svg_is_xml_with_vector_lines(exports, view):
    root = ET.parse(written(exports, view, "svg")).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == f"{SIZE[0]}px" and root.get("height") == f"{SIZE[1]}px"
    lines = list(root.iter(f"{SVG}path")) + list(root.iter(f"{SVG}polyline"))
    assert len(lines) > 10


def test_ewa_csv_holds_the_engines_averages_of_the_course_series(exports):
    columns = table(written(exports, "ewa", "csv"))
    values = concepts.DEMO_TEMPERATURES
    np.testing.assert_array_equal(numbers(columns["value"]), values)
    np.testing.assert_array_equal(numbers(columns["S_t β = 0.9"]), concepts.ewa(values, 0.9))
    np.testing.assert_array_equal(numbers(columns["S_t β = 0.5"]), concepts.ewa(values, 0.5))
    weights = numbers(columns["weight on last day"])
    np.testing.assert_array_equal(weights, concepts.ewa_weights(30, 0.8))  # the slider's β


def test_sweep_csv_final_losses_equal_single_runs(exports):
    columns = table(written(exports, "sweep", "csv"))
    lrs = numbers(columns["lr"])
    np.testing.assert_allclose(lrs, np.logspace(-4, 1, 100))  # the view's default sweep
    exp = experiment.from_dict(EXPERIMENT)
    swept = [o for o in exp.optimizers if o.enabled]
    labels = ("SGD", "Adam")  # an optimizer without a label: its name as people write it
    assert [key for key in columns if key.endswith("final loss")] == [
        f"{label} final loss" for label in labels
    ]
    for spec, label in zip(swept, labels, strict=True):
        final_loss = numbers(columns[f"{label} final loss"])
        for i in (20, 70):
            result = single_run(exp, spec, lrs[i])
            assert final_loss[i] == result.loss[0, result.end_step[0]], (label, lrs[i])


def single_run(exp, spec: OptimizerSpec, lr: float):
    """The optimizer alone at this lr from the experiment's start, as `optviz run` runs it."""
    one = OptimizerSpec(spec.name, hyper={**spec.hyper, "lr": lr}, schedule=spec.schedule)
    return runner.run(exp.with_changes(optimizers=(one,)))


def test_basins_csv_is_the_engines_map_for_the_first_enabled_optimizer(exports):
    columns = table(written(exports, "basins", "csv"))
    expected = concepts.basins(
        EXPERIMENT["surface"], EXPERIMENT["optimizers"][0], (200, 200), steps=60
    )
    minimum = numbers(columns["minimum"])
    np.testing.assert_array_equal(minimum, expected.minimum_index.ravel())
    np.testing.assert_array_equal(numbers(columns["final loss"]), expected.final_loss.ravel())
    assert (minimum >= 0).any()  # some starts arrive: the map is not empty


def test_schedules_csv_holds_the_experiments_schedule_from_its_lr(exports):
    columns = table(written(exports, "schedules", "csv"))
    assert list(columns) == ["step", "Step decay"]
    np.testing.assert_array_equal(numbers(columns["step"]), np.arange(60))
    expected = concepts.schedule_curve(STEP_SCHEDULE, 0.01, 60)
    np.testing.assert_array_equal(numbers(columns["Step decay"]), expected)


@pytest.mark.parametrize("view, name", [("ewa", "x.gif"), ("sweep", "x.json")])
def test_a_file_type_the_view_cannot_write_exits_2_and_writes_nothing(tmp_path, view, name):
    experiment_file = tmp_path / "experiment.json"
    experiment_file.write_text(json.dumps(EXPERIMENT))
    proc = optviz_export(experiment_file, tmp_path / name, view)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "unsupported file type" in lines[0], proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["experiment.json"]

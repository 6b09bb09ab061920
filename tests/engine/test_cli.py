"""The `optviz` command, run as a real subprocess."""

import json
import subprocess
import sys

from tests.engine.test_experiment import EXAMPLE  # the README's example experiment


def optviz(*args):
    return subprocess.run(
        [sys.executable, "-m", "optviz", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_run_prints_trajectories_as_json(tmp_path):
    path = tmp_path / "e.json"
    path.write_text(json.dumps(EXAMPLE))
    out = optviz("run", path)
    assert out.returncode == 0, out.stderr
    runs = json.loads(out.stdout)["runs"]
    assert [r["label"] for r in runs] == ["Adam", "SGD"]  # no label: the name people write
    assert len(runs[0]["trajectory"]) == 301
    assert runs[0]["trajectory"][0] == [-1.5, 2.0]
    assert runs[0]["optimizer"]["eps"] == 1e-8
    assert runs[0]["loss"][-1] < runs[0]["loss"][0]
    assert runs[0]["status"] == "finished"


def test_run_writes_csv_and_npz(tmp_path):
    path = tmp_path / "e.json"
    path.write_text(json.dumps(EXAMPLE))
    assert optviz("run", path, "--out", tmp_path / "r.csv").returncode == 0
    lines = (tmp_path / "r.csv").read_text().splitlines()
    assert lines[0].startswith("run,label,step,x,y,loss")
    assert len(lines) == 1 + 2 * 301
    assert optviz("run", path, "--out", tmp_path / "r.npz").returncode == 0
    import numpy as np

    with np.load(tmp_path / "r.npz") as data:
        assert data["positions"].shape == (2, 301, 2)


def test_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path):
    bad = dict(EXAMPLE, optimizers=[{"name": "adam", "lr": -1}])
    cases = {"neg.json": json.dumps(bad), "broken.json": "{not json", "empty.json": ""}
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
        out = optviz("run", tmp_path / name)
        assert out.returncode == 2, name
        assert "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "optimizers[0].lr" in optviz("run", tmp_path / "neg.json").stderr
    missing = optviz("run", tmp_path / "nope.json")
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_list_names_surfaces_optimizers_schedules_and_presets():
    out = optviz("list", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert "rosenbrock" in [s["name"] for s in data["surfaces"]]
    adam = next(o for o in data["optimizers"] if o["name"] == "adam" and o["flavor"] == "torch")
    assert {h["name"] for h in adam["hyperparameters"]} >= {"lr", "betas", "eps", "amsgrad"}
    assert "cosine" in [s["name"] for s in data["schedules"]]
    assert "textbook" in [p["name"] for p in data["presets"]]
    text = optviz("list")
    assert text.returncode == 0 and "Presets" in text.stdout

"""Replays real torch.optim runs (tests/engine/data/torch_golden.json) with optviz's optimizers.

The data come from tests/engine/make_torch_golden.py (torch 2.x, float64, CPU); this test
does not need torch. Agreement is to rtol 1e-12: torch fuses some multiply-adds on CPU, so
a step can differ by one unit in the last place, and 30 steps of Rosenbrock may grow that a
little, never to 1e-12. atol 1e-13 covers coordinates that pass near 0 (relative error means
nothing there). Most runs in fact agree to the last bit.
"""

from __future__ import annotations

import json
import pathlib

import numpy as np
import pytest

from optviz.engine.optimizers import OPTIMIZERS, make_optimizer

GOLDEN = json.loads(
    (pathlib.Path(__file__).parent / "data" / "torch_golden.json").read_text(encoding="utf-8")
)
RUNS = GOLDEN["runs"]


def rosenbrock_grad(w: np.ndarray) -> np.ndarray:
    """Same formula and operation order as make_torch_golden.py, so the same bits."""
    x, y = w[0, 0], w[0, 1]
    r = y - x * x
    return np.array([[-2.0 * (1.0 - x) - 400.0 * x * r, 200.0 * r]])


def replay(run: dict) -> np.ndarray:
    w = np.array([run["start"]], dtype=np.float64)
    opt = make_optimizer(run["name"], [w], "torch", **run["hyper"])
    points = [w[0].copy()]
    for _ in range(GOLDEN["steps"]):
        opt.step([rosenbrock_grad(w)])
        points.append(w[0].copy())
    return np.array(points)


def test_golden_data_cover_every_torch_optimizer():
    assert GOLDEN["torch_version"].startswith("2.")
    torch_names = {name for flavor, name in OPTIMIZERS if flavor == "torch"}
    assert {run["name"] for run in RUNS} == torch_names
    for run in RUNS:
        points = np.array(run["points"])
        assert points.shape == (GOLDEN["steps"] + 1, 2) and np.isfinite(points).all()
        assert np.abs(points).max() < 10  # nothing diverged: agreement would say little


@pytest.mark.parametrize(
    "run", RUNS, ids=[f"{r['name']}-{i}-{r['hyper']}-{r['start']}" for i, r in enumerate(RUNS)]
)
def test_trajectory_matches_torch(run):
    np.testing.assert_allclose(replay(run), np.array(run["points"]), rtol=1e-12, atol=1e-13)


def test_most_runs_agree_with_torch_to_the_last_bit():
    exact = sum(np.array_equal(replay(run), np.array(run["points"])) for run in RUNS)
    assert exact >= len(RUNS) // 2

"""Learning-rate schedules: torch golden values, keras formulas by hand, warm-up, validation.

The torch numbers in data/schedule_golden.json were recorded from real torch schedulers by
make_schedule_golden.py (``lrs[t]`` is the lr in effect for update t + 1, which is
``lr_at(t)``); this file never imports torch. tf.keras is not available, so keras-backed
schedules are checked against their documented formulas written out here.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from optviz.engine.errors import ExperimentError
from optviz.engine.schedules import SCHEDULES, list_schedules, make_schedule

GOLDEN = json.loads((Path(__file__).parent / "data" / "schedule_golden.json").read_text())
BASE_LR = GOLDEN["base_lr"]
RTOL = 1e-12


def schedule(name, base_lr=1.0, **params):
    return make_schedule({"name": name, **params}, base_lr)


def lrs(name, steps, base_lr=1.0, **params) -> list[float]:
    s = schedule(name, base_lr, **params)
    return [float(s.lr_at(t)) for t in steps]


# --- torch golden values ---------------------------------------------------------------------


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=lambda case: case["torch"])
def test_schedule_matches_torch_scheduler(case):
    s = make_schedule({"name": case["name"], **case["params"]}, BASE_LR)
    expected = np.array(case["lrs"])
    np.testing.assert_allclose(s.values(len(expected)), expected, rtol=RTOL, atol=0)
    assert [s.lr_at(t) for t in range(len(expected))] == pytest.approx(expected, rel=RTOL)


@pytest.mark.parametrize("case", GOLDEN["warmup"], ids=lambda case: case["spec"]["name"])
def test_warmup_matches_torch_sequential_linear_lr(case):
    expected = np.array(case["lrs"])
    values = make_schedule(case["spec"], BASE_LR).values(len(expected))
    np.testing.assert_allclose(values, expected, rtol=RTOL, atol=0)


@pytest.mark.parametrize(
    "case", GOLDEN["reduce_on_plateau"]["cases"], ids=lambda case: json.dumps(case["params"])
)
def test_reduce_on_plateau_matches_torch_for_every_run_at_once(case):
    losses = np.array(GOLDEN["reduce_on_plateau"]["losses"])  # (n_runs, steps)
    s = schedule("reduce_on_plateau", BASE_LR, **case["params"])
    s.reset(len(losses))
    for t in range(losses.shape[1]):
        assert s.lr_at(t).shape == (len(losses),)
        s.observe(t, losses[:, t])
    np.testing.assert_allclose(s.values(losses.shape[1]), case["lrs"], rtol=RTOL, atol=0)


def test_golden_file_covers_every_torch_backed_schedule():
    covered = {case["name"] for case in GOLDEN["cases"]} | {"reduce_on_plateau"}
    torch_backed = {name for name, cls in SCHEDULES.items() if cls.torch_name}
    assert torch_backed <= covered


# --- keras formulas, by hand -------------------------------------------------------------------


def test_piecewise_constant_is_keras_example_with_inclusive_boundaries():
    # PiecewiseConstantDecay([100000, 110000], [1.0, 0.5, 0.1]): step <= 100000 → 1.0
    got = lrs("piecewise_constant", [0, 100000, 100001, 110000, 110001], base_lr=0.3,
              boundaries=[100000, 110000], values=[1.0, 0.5, 0.1])  # fmt: skip
    assert got == [1.0, 1.0, 0.5, 0.5, 0.1]


def test_exponential_decay_is_keras_formula():
    got = lrs("exponential", [0, 500, 1000, 2500], 0.1, decay_rate=0.96, decay_steps=1000)
    expected = [0.1, 0.1 * 0.96**0.5, 0.096, 0.1 * 0.96**2.5]
    assert got == pytest.approx(expected, rel=RTOL)


def test_exponential_staircase_floors_the_exponent():
    got = lrs("exponential", [0, 999, 1000, 2500], 0.1, decay_rate=0.96, decay_steps=1000,
              staircase=True)  # fmt: skip
    assert got == pytest.approx([0.1, 0.1, 0.096, 0.1 * 0.96 * 0.96], rel=RTOL)


def test_inverse_time_decay_is_keras_formula():
    # keras's example: initial 0.1, decay_steps 1, decay_rate 0.5
    got = lrs("inverse_time", [0, 1, 2, 7], 0.1, decay_rate=0.5, decay_steps=1)
    assert got == pytest.approx([0.1, 0.1 / 1.5, 0.05, 0.1 / 4.5], rel=RTOL)


def test_inverse_time_staircase_floors_step_over_decay_steps():
    got = lrs("inverse_time", [9, 10, 25], 0.1, decay_rate=0.5, decay_steps=10, staircase=True)
    assert got == pytest.approx([0.1, 0.1 / 1.5, 0.05], rel=RTOL)


def test_polynomial_decay_is_keras_example_then_holds_the_end():
    # keras's example: 0.1 → 0.01 over 10000 steps with power 0.5
    got = lrs("polynomial", [0, 2500, 10000, 20000], 0.1, decay_steps=10000,
              end_learning_rate=0.01, power=0.5)  # fmt: skip
    expected = [0.1, 0.09 * math.sqrt(0.75) + 0.01, 0.01, 0.01]
    assert got == pytest.approx(expected, rel=RTOL)


def test_polynomial_cycle_stretches_decay_steps_to_next_multiple():
    # t = 0 → multiplier 1; t = 100 → ceil(1) = 1, p = 1; t = 101, 150 → decay_steps 200
    got = lrs("polynomial", [0, 50, 100, 101, 150], 1.0, decay_steps=100,
              end_learning_rate=0.0, cycle=True)  # fmt: skip
    assert got == pytest.approx([1.0, 0.5, 0.0, 1 - 101 / 200, 0.25], rel=RTOL, abs=1e-15)


def test_polynomial_default_end_learning_rate_is_keras_default():
    assert schedule("polynomial", decay_steps=5).lr_at(5) == 1e-4


# --- behaviour beyond the golden window ---------------------------------------------------


def test_one_cycle_ignores_base_lr_and_holds_the_final_lr_past_total_steps():
    s = schedule("one_cycle", base_lr=123.0, max_lr=0.1, total_steps=100)
    assert s.lr_at(0) == pytest.approx(0.1 / 25, rel=RTOL)
    final = 0.1 / 25 / 1e4
    assert [s.lr_at(t) for t in (99, 100, 500)] == pytest.approx([final] * 3, rel=RTOL)


def test_cosine_climbs_back_after_t_max_like_torch_closed_form():
    s = schedule("cosine", T_max=10)
    assert s.lr_at(10) == 0.0
    assert s.lr_at(20) == pytest.approx(1.0, rel=RTOL)


def test_warm_restarts_with_t_mult_one_repeat_cosine_annealing():
    restarts = schedule("cosine_warm_restarts", 0.1, T_0=8, eta_min=0.01).values(24)
    cosine = schedule("cosine", 0.1, T_max=8, eta_min=0.01).values(8)
    np.testing.assert_allclose(restarts, np.tile(cosine, 3), rtol=RTOL)


def test_cyclic_step_size_down_null_means_same_as_up():
    up_only = schedule("cyclic", 0.1, max_lr=0.5, step_size_up=4).values(20)
    explicit = schedule("cyclic", 0.1, max_lr=0.5, step_size_up=4, step_size_down=None)
    np.testing.assert_array_equal(explicit.values(20), up_only)
    # triangle: 0.1 at t = 0, 0.5 at t = 4, 0.1 again at t = 8
    assert up_only[[0, 2, 4, 6, 8]] == pytest.approx([0.1, 0.3, 0.5, 0.3, 0.1], rel=RTOL)


# --- warm-up -------------------------------------------------------------------------------------


def test_warmup_ramps_linearly_from_start_factor_then_runs_the_schedule():
    s = make_schedule({"name": "constant", "warmup_steps": 4, "warmup_start_factor": 0.2}, 2.0)
    assert list(s.values(6)) == pytest.approx([0.4, 0.8, 1.2, 1.6, 2.0, 2.0], rel=RTOL)


def test_warmup_delays_the_inner_schedule_by_warmup_steps():
    inner = schedule("step", 1.0, step_size=3, gamma=0.5)
    s = make_schedule({"name": "step", "step_size": 3, "gamma": 0.5, "warmup_steps": 5}, 1.0)
    assert [s.lr_at(t) for t in range(5, 15)] == [inner.lr_at(t) for t in range(10)]
    assert s.lr_at(0) == pytest.approx(0.1)  # default warmup_start_factor
    assert s.name == "step" and s.torch_name == "StepLR"
    assert {"warmup_steps", "warmup_start_factor"} <= {h.name for h in s.hyperparameters}


def test_warmup_zero_steps_returns_the_plain_schedule():
    s = make_schedule({"name": "cosine", "warmup_steps": 0}, 1.0)
    assert type(s) is SCHEDULES["cosine"]


def test_warmup_around_reduce_on_plateau_ignores_losses_during_warmup():
    s = make_schedule({"name": "reduce_on_plateau", "patience": 0, "factor": 0.5,
                       "warmup_steps": 2, "warmup_start_factor": 0.5}, 1.0)  # fmt: skip
    assert s.stateful
    s.reset(2)
    for t, loss in enumerate([5.0, 6.0, 1.0, 2.0]):  # warm-up steps 0, 1 are not judged
        s.observe(t, np.array([loss, 1.0 / (t + 1)]))
    # inner sees 1.0 (best) then 2.0 (worse: patience 0 → halve) for run 0; run 1 improves
    np.testing.assert_allclose(s.values(5), [[0.5, 0.75, 1, 1, 0.5], [0.5, 0.75, 1, 1, 1]])


# --- vectorised base_lr ------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n, cls in SCHEDULES.items() if not cls.stateful])
def test_array_base_lr_gives_one_row_per_learning_rate(name):
    base = np.array([[0.05], [0.1], [0.3]])
    spec = {"name": name, "warmup_steps": 3}
    s = make_schedule(spec, base)
    assert np.shape(s.lr_at(7)) == (3, 1)
    values = s.values(40)
    assert values.shape == (3, 1, 40)
    for row, lr in zip(values[:, 0], base[:, 0], strict=True):
        scalar = make_schedule(spec, float(lr)).values(40)
        assert scalar.shape == (40,)
        np.testing.assert_allclose(row, scalar, rtol=RTOL)


def test_reduce_on_plateau_takes_one_base_lr_per_run():
    s = schedule("reduce_on_plateau", np.array([[0.1], [0.2]]), patience=0)
    assert np.shape(s.lr_at(0)) == (2, 1)  # before reset: just base_lr
    s.reset(2)
    s.observe(0, np.array([1.0, 1.0]))
    s.observe(1, np.array([2.0, 0.5]))
    np.testing.assert_allclose(s.values(3), [[0.1, 0.1, 0.01], [0.2, 0.2, 0.2]])


def test_reduce_on_plateau_counts_nan_as_no_improvement_and_fills_unobserved_steps():
    s = schedule("reduce_on_plateau", 1.0, patience=0, factor=0.5)
    with pytest.raises(RuntimeError):
        s.observe(0, np.array([1.0]))
    s.reset(1)
    s.observe(0, np.array([1.0]))
    s.observe(3, np.array([np.nan]))  # steps 1, 2 not observed: lr unchanged
    np.testing.assert_array_equal(s.values(6)[0], [1.0, 1.0, 1.0, 1.0, 0.5, 0.5])
    with pytest.raises(ValueError):
        s.observe(2, np.array([0.1]))


def test_values_of_zero_steps_is_empty():
    assert schedule("cosine").values(0).shape == (0,)


# --- validation --------------------------------------------------------------------------------


def test_none_and_empty_spec_mean_constant():
    assert make_schedule(None, 0.3).values(3).tolist() == [0.3, 0.3, 0.3]
    assert type(make_schedule({}, 0.3)) is SCHEDULES["constant"]


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"name": "cosin"}, "schedule.name: unknown schedule 'cosin' (known: constant, step,"),
        ({"name": "cosine", "T_max": 0}, "schedule.T_max: must be >= 1, got 0"),
        ({"name": "cosine", "Tmax": 5}, "schedule.Tmax: unknown key (known: T_max, eta_min)"),
        ({"name": "cosine", "eta_min": float("nan")}, "schedule.eta_min: must be a finite"),
        ({"name": "step", "gamma": 0}, "schedule.gamma: must be > 0, got 0"),
        ({"name": "multistep", "milestones": [10, 2.5]}, "schedule.milestones[1]: must be a whole"),
        ({"name": "multistep", "milestones": [0]}, "schedule.milestones[0]: must be >= 1, got 0"),
        ({"name": "piecewise_constant", "boundaries": [5, 5], "values": [1, 2, 3]},
         "schedule.boundaries[1]: must be greater than the one before"),
        ({"name": "piecewise_constant", "boundaries": [5], "values": [1.0]},
         "schedule.values: must have one more entry than boundaries (2), got 1"),
        ({"name": "cyclic", "mode": "sawtooth"}, "schedule.mode: must be one of"),
        ({"name": "one_cycle", "pct_start": 0.0}, "schedule.pct_start: every phase needs"),
        ({"name": "one_cycle", "total_steps": 10, "pct_start": 0.6, "three_phase": True},
         "schedule.pct_start: every phase needs"),
        ({"name": "reduce_on_plateau", "factor": 1.0}, "schedule.factor: must be < 1, got 1"),
        ({"name": "cosine", "warmup_steps": -1}, "schedule.warmup_steps: must be >= 0, got -1"),
        ({"name": "cosine", "warmup_steps": 3, "warmup_start_factor": 0},
         "schedule.warmup_start_factor: must be > 0, got 0"),
        (["cosine"], "schedule: must be an object"),
    ],
)  # fmt: skip
def test_invalid_specs_name_the_key_path(spec, message):
    with pytest.raises(ExperimentError) as error:
        make_schedule(spec, 0.1)
    assert str(error.value).startswith(message)


def test_unknown_name_lists_every_schedule():
    with pytest.raises(ExperimentError) as error:
        make_schedule({"name": "nope"}, 0.1)
    assert str(error.value).endswith(f"(known: {', '.join(SCHEDULES)})")


# --- metadata ----------------------------------------------------------------------------------


def test_list_schedules_describes_every_schedule_in_menu_order():
    listed = list_schedules()
    assert [entry["name"] for entry in listed] == list(SCHEDULES)
    assert json.loads(json.dumps(listed)) == listed
    by_name = {entry["name"]: entry for entry in listed}
    assert by_name["cosine"]["torch_name"] == "CosineAnnealingLR"
    assert by_name["exponential"]["keras_name"] == "ExponentialDecay"
    assert by_name["piecewise_constant"]["torch_name"] is None
    assert [h["name"] for h in by_name["cosine"]["hyperparameters"]] == ["T_max", "eta_min"]
    for entry in listed:
        assert entry["display_name"] and entry["formula"]


def test_required_schedules_are_registered():
    required = {"constant", "piecewise_constant", "step", "multistep", "exponential",
                "inverse_time", "polynomial", "cosine", "cosine_warm_restarts", "cyclic",
                "one_cycle", "reduce_on_plateau"}  # fmt: skip
    assert set(SCHEDULES) == required
    assert [name for name, cls in SCHEDULES.items() if cls.stateful] == ["reduce_on_plateau"]

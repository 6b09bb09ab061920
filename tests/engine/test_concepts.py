"""The Concepts tab's engine: EWA, schedule curves, learning-rate sweeps, basins, backprop.

Expected values are worked out by hand in the comments, or come from a single
`runner.run` of the same optimizer from the same start (what the sweep and the basin map
must reproduce, number for number).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from optviz.engine import experiment, presets, runner
from optviz.engine.concepts import (
    DEMO_TEMPERATURES,
    backprop_example,
    basins,
    effective_window,
    ewa,
    ewa_weights,
    lr_sweep,
    noisy_series,
    optimizer_spec,
    output_delta_gradients,
    schedule_curve,
)
from optviz.engine.errors import ExperimentError
from optviz.engine.experiment import OptimizerSpec
from optviz.engine.mlp import MLP
from optviz.engine.optimizers import optimizer_class
from optviz.engine.surfaces import make_surface

# --- the demo series ----------------------------------------------------------------------


def test_demo_series_is_torch_randn_30_seed_0_times_10():
    # TEACHING.md: torch.manual_seed(0); torch.randn(30) * 10, rounded to 4 decimals.
    assert np.array_equal(noisy_series(30, seed=0), DEMO_TEMPERATURES)
    assert DEMO_TEMPERATURES[0] == -11.2584 and DEMO_TEMPERATURES[-1] == 23.0221
    assert len(DEMO_TEMPERATURES) == 30


def test_noisy_series_matches_torch_printouts_for_both_code_paths():
    # torch.manual_seed(0); torch.randn(5)  (fewer than 16 values: float64 Box–Muller)
    assert noisy_series(5, seed=0, scale=1.0).tolist() == [
        1.5410,
        -0.2934,
        -2.1788,
        0.5684,
        -1.0845,
    ]
    # torch.manual_seed(0); torch.randn(4, 4)  (16 values: float32 blocks of 16)
    expected = [
        [-1.1258, -1.1524, -0.2506, -0.4339],
        [0.8487, 0.6920, -0.3160, -2.1152],
        [0.3223, -1.2633, 0.3500, 0.3081],
        [0.1198, 1.2377, 1.1168, -0.2473],
    ]
    assert noisy_series(16, seed=0, scale=1.0).reshape(4, 4).tolist() == expected
    # With 30 values torch redraws the last 16, so values 15 and 16 differ from randn(16).
    assert np.array_equal(noisy_series(30, 0, 1.0)[:14], noisy_series(16, 0, 1.0)[:14])
    assert noisy_series(30, 0, 1.0)[14] != noisy_series(16, 0, 1.0)[14]


def test_noisy_series_depends_on_the_seed_and_is_repeatable():
    assert np.array_equal(noisy_series(30, seed=7), noisy_series(30, seed=7))
    assert not np.array_equal(noisy_series(30, seed=7), noisy_series(30, seed=8))
    assert noisy_series(0, seed=1).shape == (0,)


# --- exponentially weighted average ---------------------------------------------------------


def test_ewa_zero_start_by_hand():
    # β = 0.9, S₀ = 0: S₁ = 0.1·(−11.2584) = −1.12584
    # S₂ = 0.9·(−1.12584) + 0.1·(−11.5236) = −1.013256 − 1.15236 = −2.165616
    # S₃ = 0.9·(−2.165616) + 0.1·(−2.5058) = −1.9490544 − 0.25058 = −2.1996344
    s = ewa(DEMO_TEMPERATURES, 0.9)
    assert s[:3] == pytest.approx([-1.12584, -2.165616, -2.1996344], abs=1e-12)


def test_ewa_bias_correction_by_hand():
    # Ŝ_t = S_t / (1 − 0.9ᵗ): −1.12584/0.1 = −11.2584 (exactly Y₁), −2.165616/0.19,
    # −2.1996344/0.271
    s = ewa(DEMO_TEMPERATURES, 0.9, bias_correction=True)
    assert s[:3] == pytest.approx([-11.2584, -11.397978947368, -8.116732103321], abs=1e-9)


def test_ewa_first_value_start_by_hand():
    # S₁ = Y₁ = −11.2584; S₂ = 0.9·(−11.2584) + 0.1·(−11.5236) = −11.28492
    # S₃ = 0.9·(−11.28492) + 0.1·(−2.5058) = −10.156428 − 0.25058 = −10.407008
    s = ewa(DEMO_TEMPERATURES, 0.9, init="first")
    assert s[:3] == pytest.approx([-11.2584, -11.28492, -10.407008], abs=1e-12)


def test_ewa_beta_one_half_day_three_by_hand():
    # β = 0.5: S₁ = −5.6292, S₂ = −2.8146 − 5.7618 = −8.5764, S₃ = −4.2882 − 1.2529 = −5.5411;
    # bias-corrected S₃ = −5.5411 / (1 − 0.125) = −6.332685714…
    assert ewa(DEMO_TEMPERATURES, 0.5)[2] == pytest.approx(-5.5411, abs=1e-12)
    assert ewa(DEMO_TEMPERATURES, 0.5, True)[2] == pytest.approx(-6.332685714286, abs=1e-11)


def test_ewa_weights_by_hand():
    # Y₁, Y₂, Y₃ at t = 3, β = 0.9: (1 − β)β², (1 − β)β, (1 − β) = 0.081, 0.09, 0.1
    assert ewa_weights(3, 0.9) == pytest.approx([0.081, 0.09, 0.1], abs=1e-15)
    assert ewa_weights(3, 0.9).sum() == pytest.approx(1 - 0.9**3)  # 0.271
    assert ewa_weights(3, 0.9, bias_correction=True) == pytest.approx(
        [0.081 / 0.271, 0.09 / 0.271, 0.1 / 0.271]
    )
    # S₁ = Y₁: Y₁ keeps β² = 0.81 of its weight
    assert ewa_weights(3, 0.9, init="first") == pytest.approx([0.81, 0.09, 0.1], abs=1e-15)


@settings(max_examples=60, deadline=None)
@given(
    beta=st.floats(0.0, 0.995),
    t=st.integers(1, 30),
    correction=st.booleans(),
    init=st.sampled_from(["zero", "first"]),
)
def test_ewa_is_the_weighted_sum_of_the_past(beta, t, correction, init):
    if init == "first" and correction:
        return  # not a valid combination (tested below)
    weights = ewa_weights(t, beta, correction, init)
    expected = ewa(DEMO_TEMPERATURES, beta, correction, init)[t - 1]
    assert weights @ DEMO_TEMPERATURES[:t] == pytest.approx(expected, rel=1e-9, abs=1e-9)
    total = 1.0 if (correction or init == "first") else 1 - beta**t
    assert weights.sum() == pytest.approx(total, rel=1e-12, abs=1e-12)


def test_effective_window():
    assert effective_window(0.9) == pytest.approx(10.0)
    assert effective_window(0.98) == pytest.approx(50.0)
    assert effective_window(0.5) == 2.0


def test_ewa_rejects_what_makes_no_sense():
    with pytest.raises(ExperimentError, match="beta"):
        ewa([1.0, 2.0], 1.0)
    with pytest.raises(ExperimentError, match="bias_correction"):
        ewa([1.0, 2.0], 0.9, bias_correction=True, init="first")
    with pytest.raises(ExperimentError, match="init"):
        ewa_weights(3, 0.9, init="last")


# --- schedule curves ------------------------------------------------------------------------


def test_schedule_curve_of_a_stateless_schedule_is_its_values():
    # step decay: 0.1 · 0.5^⌊t / 3⌋
    curve = schedule_curve({"name": "step", "step_size": 3, "gamma": 0.5}, 0.1, 7)
    assert curve.tolist() == [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]


def test_reduce_on_plateau_curve_on_a_flat_loss_by_hand():
    # A constant loss improves once (on the first observation), then never. The lr drops
    # once more than `patience` = 10 observations fail: the 11th failure is observe(11),
    # which decides lr_at(12). Then the count restarts: the next drop decides lr_at(23).
    spec = {"name": "reduce_on_plateau", "patience": 10, "factor": 0.1}
    curve = schedule_curve(spec, 1.0, 30, losses=np.ones(30))
    assert np.all(curve[:12] == 1.0)
    assert curve[12:23] == pytest.approx([0.1] * 11)
    assert curve[23:] == pytest.approx([0.01] * 7)
    # the demo loss falls, then stalls: the lr eventually drops
    assert schedule_curve(spec, 1.0, 400)[-1] < 1.0


# --- learning-rate sweep --------------------------------------------------------------------


def single_run(exp, spec: OptimizerSpec, lr: float):
    """One optimizer, one lr, the experiment's first start: the reference for the sweep."""
    key = optimizer_class(spec.name, spec.flavor)[0].lr_key  # keras: learning_rate
    one = OptimizerSpec(
        spec.name, spec.flavor, hyper={**spec.hyper, key: lr}, schedule=spec.schedule,
        noise=spec.noise, batch_size=spec.batch_size,
    )  # fmt: skip
    return runner.run(
        exp.with_changes(optimizers=(one,), starts=exp.starts[:1] if exp.starts else None)
    )


def assert_sweep_equals_single_runs(exp, sweep, columns):
    specs = [o for o in exp.optimizers if o.enabled]
    for k, spec in enumerate(specs):
        for i in columns:
            result = single_run(exp, spec, float(sweep.lrs[i]))
            end = result.end_step[0]
            where = f"{spec.name} lr={sweep.lrs[i]:g}"
            assert sweep.diverged_at[k, i] == result.diverged_at[0], where
            np.testing.assert_array_equal(sweep.final_loss[k, i], result.loss[0, end], where)


def test_sweep_equals_single_runs_for_the_six_classics():
    exp = presets.preset("ravine")  # SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam
    lrs = np.logspace(-4, 1, 100)
    sweep = lr_sweep(exp, lrs)
    assert sweep.labels == ("SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam")
    assert sweep.final_loss.shape == (6, 100)
    assert_sweep_equals_single_runs(exp, sweep, [0, 30, 55, 65, 80, 99])
    # the edge is a learning rate that diverged, and every smaller one did not
    for k in range(6):
        diverged = sweep.diverged_at[k] >= 0
        if diverged.any():
            edge = np.flatnonzero(diverged)[0]
            assert sweep.divergence_edge[k] == lrs[edge]
            assert np.isnan(sweep.values[k, edge])
        else:
            assert np.isnan(sweep.divergence_edge[k])
    assert (sweep.diverged_at[0] >= 0).any()  # plain SGD diverges within 1e-4 … 10


def test_sweep_with_noise_schedules_and_mini_batches_equals_single_runs():
    doc = {
        "optviz": 1,
        "surface": {"name": "linear_regression"},
        "steps": 60,
        "seed": 3,
        "noise": {"sigma": 0.2},
        "batch_size": 8,
        "optimizers": [
            {"name": "sgd", "schedule": {"name": "cosine", "T_max": 60}},
            {"name": "adam", "batch_size": 1, "schedule": {"name": "reduce_on_plateau"}},
            {"name": "rmsprop", "flavor": "keras", "noise": 0.0},
        ],
    }
    exp = experiment.from_dict(doc)
    sweep = lr_sweep(doc, np.logspace(-3, 0.5, 12))
    assert_sweep_equals_single_runs(exp, sweep, range(12))


def sgd_on_bowl(steps: int = 100) -> experiment.Experiment:
    # f = x² + y², g = 2(x, y): one SGD step multiplies both coordinates by (1 − 2·lr)
    return experiment.from_dict(
        {
            "optviz": 1,
            "surface": {"name": "bowl"},
            "start": [-4.0, 3.0],
            "steps": steps,
            "optimizers": [{"name": "sgd"}],
        }
    )


def test_sweep_divergence_by_hand():
    # |x_t| = 4·|1 − 2 lr|ᵗ passes the bound 1e6 when |1 − 2 lr|ᵗ > 250,000:
    # lr 1.5 (factor 2): 2¹⁸ = 262,144 → step 18; lr 2 (factor 3): 3¹² = 531,441 → 12;
    # lr 3 (factor 5): 5⁸ = 390,625 → 8. Factor 0.98 (lr 0.99) shrinks: no divergence.
    sweep = lr_sweep(sgd_on_bowl(), [0.25, 0.5, 0.99, 1.5, 2.0, 3.0])
    assert sweep.diverged_at[0].tolist() == [-1, -1, -1, 18, 12, 8]
    assert sweep.divergence_edge[0] == 1.5
    # lr 0.5 jumps to the minimum in one step: loss exactly 0
    assert sweep.final_loss[0, 1] == 0.0
    assert np.isnan(sweep.values[0, 3:]).all()


def test_sweep_steps_to_tolerance_by_hand():
    # lr 0.25 halves both coordinates each step: f_t = 25 · 0.25ᵗ. f₁₂ = 1.49e-6 > 1e-6,
    # f₁₃ = 3.7e-7 ≤ 1e-6 → 13 steps. lr 0.5 lands on the minimum after 1 step.
    sweep = lr_sweep(sgd_on_bowl(), [0.25, 0.5, 2.0], metric="steps_to_tol", tol=1e-6)
    assert sweep.steps_to_tol[0].tolist() == [13, 1, -1]
    assert sweep.values[0, :2].tolist() == [13.0, 1.0]
    assert np.isnan(sweep.values[0, 2])


def test_sweep_explains_bad_input():
    with pytest.raises(ExperimentError, match="lrs"):
        lr_sweep(sgd_on_bowl(), [0.1, -1.0])
    with pytest.raises(ExperimentError, match="metric"):
        lr_sweep(sgd_on_bowl(), [0.1], metric="accuracy")
    custom = sgd_on_bowl().with_changes(surface={"name": "custom", "expression": "x**2 + y**2"})
    with pytest.raises(ExperimentError, match="known minima"):
        lr_sweep(custom, [0.1], metric="steps_to_tol")


# --- basins -----------------------------------------------------------------------------------


def assert_basins_equal_single_runs(surface_spec, optimizer, grid, steps, rect=None):
    surface = make_surface(surface_spec)
    found = basins(surface_spec, optimizer, grid, rect=rect, steps=steps)
    minima = np.asarray(surface.minima)
    spec = optimizer_spec(optimizer)
    for i, y in enumerate(found.y):
        for j, x in enumerate(found.x):
            exp = experiment.Experiment(
                surface=surface_spec, starts=((x, y),), steps=steps, optimizers=(spec,)
            )
            result = runner.run(exp)
            end = result.end_step[0]
            diverged = result.status[0] == "diverged"
            assert found.diverged[i, j] == diverged
            distance = np.hypot(*(result.positions[0, :, None, :] - minima).transpose(2, 0, 1))
            nearest = int(np.argmin(distance[end]))
            if not diverged and distance[end, nearest] <= found.tol:
                assert found.minimum_index[i, j] == nearest
                first = int(np.flatnonzero(distance[:, nearest] <= found.tol)[0])
                assert found.steps_to_tol[i, j] == first
            else:
                assert found.minimum_index[i, j] == -1
                assert found.steps_to_tol[i, j] == -1
    return found


def test_basins_equal_single_runs_adam_on_himmelblau():
    found = assert_basins_equal_single_runs(
        {"name": "himmelblau"}, {"name": "adam", "lr": 0.05}, (7, 5), steps=300
    )
    assert len(set(found.minimum_index.ravel().tolist()) - {-1}) >= 3  # several basins


def test_basins_equal_single_runs_with_divergence():
    found = assert_basins_equal_single_runs(
        {"name": "himmelblau"}, {"name": "sgd", "lr": 0.025}, (6, 6), steps=80
    )
    assert found.diverged.any() and (found.minimum_index >= 0).any()


def test_basins_of_a_bowl_by_hand():
    # SGD lr 0.25 on x² + y² halves the distance r to (0, 0) each step; tol = 1 % of 10 =
    # 0.1. Corner r = 5√2: 7.07·0.5⁶ = 0.11 > 0.1, ·0.5⁷ = 0.055 → 7 steps. Edge midpoint
    # r = 5: 5·0.5⁵ = 0.156, 5·0.5⁶ = 0.078 → 6 steps. The centre is there at step 0.
    found = basins({"name": "bowl"}, {"name": "sgd", "lr": 0.25}, (3, 3), steps=50)
    assert found.tol == pytest.approx(0.1)
    assert found.minimum_index.tolist() == [[0, 0, 0]] * 3
    assert found.steps_to_tol.tolist() == [[7, 6, 7], [6, 0, 6], [7, 6, 7]]
    assert not found.diverged.any()
    # lr 1.5 doubles r each step: everything but the centre diverges
    found = basins({"name": "bowl"}, {"name": "sgd", "lr": 1.5}, (3, 3), steps=50)
    assert found.diverged.tolist() == [[True, True, True], [True, False, True], [True] * 3]
    assert found.minimum_index[1, 1] == 0 and (found.minimum_index.sum() == -8)


def test_basin_grid_layout_follows_the_surface_grid():
    found = basins({"name": "bowl"}, {"name": "sgd", "lr": 0.25}, (4, 3), steps=5)
    assert found.minimum_index.shape == (3, 4)  # (ny, nx): row i is y[i], column j is x[j]
    assert found.x.tolist() == pytest.approx(np.linspace(-5, 5, 4).tolist())
    assert found.rect == (-5.0, 5.0, -5.0, 5.0)


def test_basins_need_known_minima():
    with pytest.raises(ExperimentError, match="minima"):
        basins({"name": "custom", "expression": "x**2"}, {"name": "sgd", "lr": 0.1}, (3, 3))


# --- back-propagation example -----------------------------------------------------------


def sig(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def test_backprop_forward_pass_by_hand():
    ex = backprop_example()
    net_h1 = 0.15 * 0.05 + 0.20 * 0.10 + 0.35  # 0.3775
    net_h2 = 0.25 * 0.05 + 0.30 * 0.10 + 0.35  # 0.3925
    out_h1, out_h2 = sig(net_h1), sig(net_h2)
    net_o1 = 0.40 * out_h1 + 0.45 * out_h2 + 0.60
    net_o2 = 0.50 * out_h1 + 0.55 * out_h2 + 0.60
    out_o1, out_o2 = sig(net_o1), sig(net_o2)
    e_total = 0.5 * (0.01 - out_o1) ** 2 + 0.5 * (0.99 - out_o2) ** 2
    assert ex.net_h1 == pytest.approx(net_h1, abs=1e-15) and net_h1 == pytest.approx(0.3775)
    for got, want in [
        (ex.out_h1, out_h1), (ex.out_h2, out_h2), (ex.net_o1, net_o1), (ex.net_o2, net_o2),
        (ex.out_o1, out_o1), (ex.out_o2, out_o2), (ex.e_total, e_total),
    ]:  # fmt: skip
        assert got == pytest.approx(want, abs=1e-15)
    # the values published with the example (9 decimals)
    assert ex.out_h1 == pytest.approx(0.593269992, abs=5e-10)
    assert ex.out_h2 == pytest.approx(0.596884378, abs=5e-10)
    assert ex.out_o1 == pytest.approx(0.75136507, abs=5e-9)
    assert ex.out_o2 == pytest.approx(0.772928465, abs=5e-10)
    assert ex.e_total == pytest.approx(0.298371109, abs=5e-10)


def test_backprop_chain_rule_for_w5_by_hand():
    ex = backprop_example()
    out_h1 = sig(0.3775)
    out_o1 = sig(0.40 * out_h1 + 0.45 * sig(0.3925) + 0.60)
    factors = [out_o1 - 0.01, out_o1 * (1 - out_o1), out_h1]  # ∂E/∂out, ∂out/∂net, ∂net/∂w5
    assert [v for _, v in ex.chain("w5")] == pytest.approx(factors, abs=1e-15)
    assert [s for s, _ in ex.chain("w5")] == ["∂E/∂out_o1", "∂out_o1/∂net_o1", "∂net_o1/∂w5"]
    assert factors[0] == pytest.approx(0.74136507, abs=5e-9)
    assert factors[1] == pytest.approx(0.186815602, abs=5e-10)
    grad = factors[0] * factors[1] * factors[2]
    assert ex.gradients["w5"] == pytest.approx(grad, abs=1e-15)
    assert ex.gradients["w5"] == pytest.approx(0.082167041, abs=5e-10)
    assert ex.updated["w5"] == pytest.approx(0.40 - 0.5 * grad, abs=1e-15)
    assert ex.updated["w5"] == pytest.approx(0.35891648, abs=5e-9)


def test_backprop_chain_rule_for_w1_through_both_outputs_by_hand():
    ex = backprop_example()
    out_h1, out_h2 = sig(0.3775), sig(0.3925)
    out_o1 = sig(0.40 * out_h1 + 0.45 * out_h2 + 0.60)
    out_o2 = sig(0.50 * out_h1 + 0.55 * out_h2 + 0.60)
    delta_o1 = (out_o1 - 0.01) * out_o1 * (1 - out_o1)
    delta_o2 = (out_o2 - 0.99) * out_o2 * (1 - out_o2)
    via_o1, via_o2 = delta_o1 * 0.40, delta_o2 * 0.50  # w5 and w7 leave h1
    assert [v for _, v in ex.paths("w1")] == pytest.approx([via_o1, via_o2], abs=1e-15)
    assert via_o1 == pytest.approx(0.055399425, abs=5e-10)
    # published as −0.019049119: the worked example rounds its intermediates (exact
    # arithmetic gives −0.0190491183)
    assert via_o2 == pytest.approx(-0.019049119, abs=1e-9)
    factors = [via_o1 + via_o2, out_h1 * (1 - out_h1), 0.05]
    assert [v for _, v in ex.chain("w1")] == pytest.approx(factors, abs=1e-15)
    assert factors[0] == pytest.approx(0.036350306, abs=5e-10)
    grad = factors[0] * factors[1] * factors[2]
    assert ex.gradients["w1"] == pytest.approx(grad, abs=1e-15)
    assert ex.gradients["w1"] == pytest.approx(0.000438568, abs=5e-10)
    assert ex.updated["w1"] == pytest.approx(0.149780716, abs=5e-10)
    assert ex.paths("w5") == ()


def test_backprop_all_updated_weights_match_the_published_example():
    published = {
        "w1": 0.149780716, "w2": 0.19956143, "w3": 0.24975114, "w4": 0.29950229,
        "w5": 0.35891648, "w6": 0.408666186, "w7": 0.511301270, "w8": 0.561370121,
    }  # fmt: skip
    ex = backprop_example()
    for name, value in published.items():
        assert ex.updated[name] == pytest.approx(value, abs=5e-9), name
        product = math.prod(v for _, v in ex.chain(name))
        assert product == pytest.approx(ex.gradients[name], rel=1e-14)


def test_one_update_step_lowers_the_error():
    ex = backprop_example()
    after = ex.after_step()
    assert after.weights == ex.updated
    assert after.e_total < ex.e_total
    assert after.biases == ex.biases  # the example keeps the biases


def mlp_of_the_example() -> MLP:
    """The same 2-2-2 sigmoid network as an optviz MLP (weights shaped (fan_in, fan_out))."""
    net = MLP(2, (2,), 2, activation="sigmoid", dtype=np.float64)
    w = backprop_example().weights
    hidden = np.array([[w["w1"], w["w3"]], [w["w2"], w["w4"]]])  # row: input, column: h
    output = np.array([[w["w5"], w["w7"]], [w["w6"], w["w8"]]])  # row: h, column: o
    net.set_params([hidden, np.full(2, 0.35), output, np.full(2, 0.60)])
    return net


def test_mlp_forward_pass_agrees_with_the_example():
    ex = backprop_example()
    net = mlp_of_the_example()
    x = np.array([[0.05, 0.10]])
    # The MLP's last layer is linear (its loss is softmax cross-entropy), so its logits are
    # the example's net_o1, net_o2 ...
    assert net.forward(x)[0] == pytest.approx([ex.net_o1, ex.net_o2], abs=1e-15)
    # ... and with an identity output layer they are the hidden outputs out_h1, out_h2.
    probe = mlp_of_the_example()
    probe.set_params([probe.params[0], probe.params[1], np.eye(2), np.zeros(2)])
    assert probe.forward(x)[0] == pytest.approx([ex.out_h1, ex.out_h2], abs=1e-15)


def test_mlp_backprop_agrees_with_the_example_for_the_mlp_loss():
    # The MLP only back-propagates its own loss (softmax cross-entropy), so the squared-error
    # gradients cannot be compared directly. What can: the example's chain rule from the
    # output δ down through the sigmoid hidden layer, fed the MLP's δ = softmax − onehot.
    net = mlp_of_the_example()
    x, label = np.array([[0.05, 0.10]]), np.array([1])
    logits = net.forward(x)[0]
    probabilities = np.exp(logits) / np.exp(logits).sum()
    delta = {"o1": probabilities[0] - 0.0, "o2": probabilities[1] - 1.0}
    ours = output_delta_gradients(backprop_example().weights, delta)
    _, (grad_hidden, grad_b1, grad_output, grad_b2) = net.loss_and_grads(x, label)
    assert grad_hidden == pytest.approx(
        np.array([[ours["w1"], ours["w3"]], [ours["w2"], ours["w4"]]]), abs=1e-15
    )
    assert grad_output == pytest.approx(
        np.array([[ours["w5"], ours["w7"]], [ours["w6"], ours["w8"]]]), abs=1e-15
    )
    assert grad_b1 == pytest.approx([ours["delta_h1"], ours["delta_h2"]], abs=1e-15)
    assert grad_b2 == pytest.approx([ours["delta_o1"], ours["delta_o2"]], abs=1e-15)

import numpy as np
import pytest

from optviz.engine import experiment, runner
from optviz.engine.results import to_json_dict


def make(optimizers, **top):
    doc = {
        "optviz": 1,
        "surface": {"name": "bowl"},
        "start": [1.0, -2.0],
        "steps": 50,
        "optimizers": optimizers,
    }
    doc.update(top)
    return experiment.from_dict(doc)


def test_sgd_on_bowl_follows_the_closed_form():
    # f = x² + y² → ∇f = 2w, so w_t = (1 − 2η)^t w_0 for plain gradient descent.
    exp = make([{"name": "sgd", "lr": 0.1}], surface={"name": "bowl"})
    result = runner.run(exp)
    expected = np.array([1.0, -2.0]) * (0.8 ** np.arange(51))[:, None]
    value = exp.surface and result.loss[0]
    np.testing.assert_allclose(result.positions[0], expected, rtol=1e-12)
    assert result.status == ("finished",)
    assert value[-1] < value[0]


def test_diverging_run_is_frozen_marked_and_others_continue():
    exp = make([{"name": "sgd", "lr": 5.0, "label": "huge"}, {"name": "sgd", "lr": 0.1}], steps=400)
    with np.errstate(all="raise"):  # no warnings escape the runner
        result = runner.run(exp)
    assert result.status == ("diverged", "finished")
    step = result.diverged_at[0]
    assert 0 < step < 400
    assert np.isnan(result.positions[0, step + 1 :]).all()
    assert np.isfinite(result.positions[1]).all()
    run = to_json_dict(result)["runs"][0]
    assert run["status"] == "diverged" and run["diverged_at"] == step
    assert len(run["trajectory"]) == result.end_step[0] + 1
    assert all(np.isfinite(run["trajectory"]).ravel())


def test_runs_are_deterministic_and_noise_is_shared_between_optimizers():
    opts = [{"name": "sgd", "lr": 0.05, "label": "a"}, {"name": "sgd", "lr": 0.05, "label": "b"}]
    exp = make(opts, noise={"sigma": 0.5}, seed=3)
    first, second = runner.run(exp), runner.run(exp)
    np.testing.assert_array_equal(first.positions, second.positions)
    np.testing.assert_array_equal(first.positions[0], first.positions[1])
    other_seed = runner.run(make(opts, noise={"sigma": 0.5}, seed=4))
    assert not np.allclose(first.positions, other_seed.positions)


def test_many_starts_equal_single_runs():
    starts = [[1.0, -2.0], [0.5, 0.5], [-3.0, 1.0]]
    opts = [{"name": "adam", "lr": 0.1}, {"name": "momentum", "lr": 0.05}]
    together = runner.run(
        make(opts, starts=starts, start=None)
        if False
        else experiment.from_dict(
            {
                "optviz": 1,
                "surface": {"name": "rosenbrock"},
                "starts": starts,
                "steps": 40,
                "optimizers": opts,
            }
        )
    )
    for r in range(together.n_runs):
        k, m = together.optimizer_index[r], together.start_index[r]
        alone = runner.run(
            experiment.from_dict(
                {
                    "optviz": 1,
                    "surface": {"name": "rosenbrock"},
                    "start": starts[m],
                    "steps": 40,
                    "optimizers": [opts[k]],
                }
            )
        )
        np.testing.assert_array_equal(together.positions[r], alone.positions[0])


def test_schedule_sets_the_learning_rate_of_each_step():
    exp = make(
        [{"name": "sgd", "lr": 0.1, "schedule": {"name": "step", "step_size": 10, "gamma": 0.5}}],
        steps=30,
    )
    lr = runner.run(exp).lr[0]
    np.testing.assert_allclose(lr[:10], 0.1)
    np.testing.assert_allclose(lr[10:20], 0.05)
    np.testing.assert_allclose(lr[20:], 0.025)


def test_gradient_tolerance_stops_a_converged_run():
    exp = make([{"name": "sgd", "lr": 0.25}], steps=500, stop={"grad_tol": 1e-6})
    result = runner.run(exp)
    assert result.status == ("stopped",)
    end = result.end_step[0]
    assert end < 100
    assert np.hypot(*result.grads[0, end]) < 1e-6 or np.hypot(*result.grads[0, end - 1]) < 1e-5


def test_state_history_records_adam_moments():
    result = runner.run(make([{"name": "adam", "lr": 0.1}], steps=5))
    state = result.states[0]
    g0 = result.grads[0, 0]
    np.testing.assert_allclose(state["exp_avg"][1], 0.1 * g0)
    np.testing.assert_allclose(state["exp_avg_sq"][1], 0.001 * g0**2)
    assert (state["exp_avg"][0] == 0).all()


def test_swa_path_is_the_running_mean_of_the_iterates():
    result = runner.run(make([{"name": "sgd", "lr": 0.3}], steps=20, swa={"start": 5}))
    swa = result.swa_positions[0]
    assert np.isnan(swa[:5]).all()
    np.testing.assert_allclose(swa[12], result.positions[0, 5:13].mean(axis=0))


def test_mini_batches_are_real_subsample_gradients_and_full_batch_is_exact():
    doc = {
        "optviz": 1,
        "surface": {"name": "linear_regression"},
        "start": [0.0, 0.0],
        "steps": 30,
        "optimizers": [
            {"name": "sgd", "lr": 0.1, "label": "full"},
            {"name": "sgd", "lr": 0.1, "label": "sgd", "batch_size": 1},
        ],
    }
    exp = experiment.from_dict(doc)
    result = runner.run(exp)
    from optviz.engine.surfaces import make_surface

    surface = make_surface(exp.surface)
    x, y = result.positions[0, :-1].T
    gx, gy = surface.grad(x, y)
    np.testing.assert_allclose(result.grads[0, :-1, 0], gx, rtol=1e-12, atol=1e-14)
    # Each batch-1 gradient is the gradient on one data point.
    px, py = result.positions[1, 3]
    candidates = np.array(
        [surface.batch_grad(px, py, np.array([i])) for i in range(surface.n_samples)]
    )
    assert np.isclose(candidates, result.grads[1, 3]).all(axis=1).any()
    assert not np.allclose(result.grads[1, :-1], result.grads[0, :-1])


def test_cancel_raises_cancelled():
    with pytest.raises(runner.Cancelled):
        runner.run(make([{"name": "sgd", "lr": 0.1}]), should_stop=lambda: True)

"""The training race: fairness, progress, divergence, early stopping, schedules, real MNIST."""

import json
import math
import os
from pathlib import Path

import numpy as np
import pytest

from optviz.engine.datasets import load_dataset, load_digits
from optviz.engine.errors import ExperimentError
from optviz.engine.schedules import make_schedule
from optviz.engine.training import Race, TrainingConfig, batch_order, run

REAL_DATA = Path(__file__).parents[2].parent / "shared" / "datasets"
SMALL = {"hidden": (32, 32), "eval_every": 10}


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def config(**kwargs) -> TrainingConfig:
    return TrainingConfig(**{**SMALL, **kwargs})


def record_batches(race: Race) -> list[list[bytes]]:
    """Wrap each network's loss_and_flat_grad to remember the batches it was given."""
    seen = [[] for _ in race.nets]
    for k, net in enumerate(race.nets):
        original = net.loss_and_flat_grad

        def spy(x, labels, k=k, original=original):
            seen[k].append(x.tobytes() + labels.tobytes())
            return original(x, labels)

        net.loss_and_flat_grad = spy
    return seen


def test_batch_order_visits_every_sample_once_per_epoch_with_a_smaller_last_batch():
    batches = batch_order(10, 4, seed=3)
    first = [next(batches) for _ in range(3)]
    assert [e for e, _ in first] == [0, 0, 0]
    assert [len(rows) for _, rows in first] == [4, 4, 2]  # ⌈10/4⌉ = 3 iterations, last one 2
    assert sorted(np.concatenate([rows for _, rows in first]).tolist()) == list(range(10))
    epoch, rows = next(batches)
    assert epoch == 1
    again = batch_order(10, 4, seed=3)
    assert all(np.array_equal(rows, next(again)[1]) for _, rows in first)  # seeded


def test_full_batch_uses_the_whole_training_set_without_copying():
    epoch, rows = next(batch_order(7, None, seed=0))
    assert (epoch, rows) == (0, slice(None))
    assert next(batch_order(7, 50, seed=0))[1] == slice(None)


def test_all_optimizers_start_equal_and_see_the_same_batches(digits):
    specs = [{"name": "sgd", "lr": 0.05}, {"name": "adam", "lr": 0.001}, {"name": "momentum"}]
    race = Race(config(iterations=30, batch_size=100), specs, digits)
    for k in (1, 2):
        np.testing.assert_array_equal(race.first_layer_weights(0), race.first_layer_weights(k))
    seen = record_batches(race)
    reports = list(race.steps())
    assert len(reports) == 30
    assert seen[0] == seen[1] == seen[2]
    assert len(set(seen[0])) == 30  # different batches from one iteration to the next
    assert not np.array_equal(race.first_layer_weights(0), race.first_layer_weights(1))


def test_two_identical_optimizers_give_identical_curves(digits):
    spec = {"name": "momentum", "lr": 0.02}
    results = run(config(iterations=40), [spec, dict(spec, label="twin")], digits)
    assert results[0]["loss"] == results[1]["loss"]
    assert results[0]["test_accuracy"] == results[1]["test_accuracy"]
    assert [r["label"] for r in results] == ["Momentum", "twin"]


def test_a_short_race_on_digits_learns(digits):
    results = run(config(iterations=150, batch_size=64), [{"name": "adam", "lr": 0.003}], digits)
    (adam,) = results
    loss = adam["loss"]
    assert len(loss) == 150
    assert np.mean(loss[-10:]) < 0.25 * np.mean(loss[:10])
    assert adam["test_accuracy"][0][0] == 0 and adam["test_accuracy"][-1][0] == 150
    assert adam["test_accuracy"][-1][1] > 0.8  # chance is 0.1
    assert adam["status"] == "finished" and adam["seconds"] > 0
    assert adam["hyperparameters"]["betas"] == [0.9, 0.999]  # resolved defaults, JSON-ready
    json.dumps(results)


def test_a_diverging_optimizer_is_marked_and_the_others_continue(digits):
    specs = [{"name": "sgd", "lr": 0.05, "label": "calm"}, {"name": "sgd", "lr": 1e6}]
    race = Race(config(iterations=40), specs, digits)
    reports = list(race.steps())
    calm, wild = race.result()
    assert wild["status"] == "diverged"
    stop = wild["stopped_at"]
    assert 1 <= stop < 40 and len(wild["loss"]) == stop
    assert not math.isfinite(wild["loss"][-1])
    assert all(math.isfinite(v) for v in wild["loss"][:-1])
    assert calm["status"] == "finished" and len(calm["loss"]) == 40
    assert reports[stop - 1].status == ("running", "diverged")
    assert np.isnan(reports[-1].loss[1]) and np.isfinite(reports[-1].loss[0])
    assert len(wild["test_accuracy"]) == 1 + stop // 10  # no evaluations after it stopped


def test_progress_reports_iterations_epochs_and_evaluations(digits):
    # 1,500 training digits, batch 128: ⌈1500/128⌉ = 12 iterations per epoch
    race = Race(config(epochs=2, eval_every=10), [{"name": "sgd", "lr": 0.01}], digits)
    seen = record_batches(race)
    reports = list(race.steps())
    assert race.total == 24 and [r.iteration for r in reports] == list(range(1, 25))
    assert [r.epoch for r in reports] == [0] * 12 + [1] * 12
    sizes = [len(b) // (64 * 4 + 8) for b in seen[0]]  # float32 pixels + int64 label
    assert sizes[:12] == [128] * 11 + [92]
    evaluated = [r.iteration for r in reports if r.test_accuracy is not None]
    assert evaluated == [10, 20, 24]
    assert [p[0] for p in race.result()[0]["test_accuracy"]] == [0, 10, 20, 24]
    assert reports[0].lr[0] == 0.01 and reports[0].total == 24


def test_early_stopping_stops_an_optimizer_whose_validation_loss_stalls(digits):
    specs = [{"name": "sgd", "lr": 1e-30, "label": "frozen"}, {"name": "adam", "lr": 0.001}]
    cfg = config(iterations=30, eval_every=5, validation_fraction=0.2, early_stopping_patience=2)
    race = Race(cfg, specs, digits)
    assert len(race.x_train) == 1200 and len(race.x_validation) == 300
    reports = list(race.steps())
    frozen, adam = race.result()
    assert frozen["status"] == "early_stopped" and frozen["stopped_at"] == 10
    assert len(frozen["loss"]) == 10
    assert [p[0] for p in frozen["validation_loss"]] == [0, 5, 10]
    assert adam["status"] == "finished" and len(adam["loss"]) == 30
    assert adam["validation_loss"][-1][1] < adam["validation_loss"][0][1]
    assert reports[4].validation_loss is not None and reports[3].validation_loss is None


def test_a_schedule_sets_the_learning_rate_of_every_update(digits):
    schedule = {"name": "step", "step_size": 5, "gamma": 0.5}
    (result,) = run(config(iterations=12), [{"name": "sgd", "lr": 0.1, "schedule": schedule}],
                    digits)  # fmt: skip
    expected = make_schedule(schedule, 0.1)
    assert result["lr"] == pytest.approx([expected.lr_at(t) for t in range(12)])
    assert result["lr"][0] == 0.1 and result["lr"][-1] == 0.025


def test_a_stateful_schedule_sees_the_losses(digits):
    plateau = {"name": "reduce_on_plateau", "patience": 0, "factor": 0.5, "threshold": 10.0}
    (result,) = run(config(iterations=6), [{"name": "sgd", "lr": 0.1, "schedule": plateau}],
                    digits)  # fmt: skip
    # threshold 10 (relative): no loss ever counts as better, so each observation halves lr
    assert result["lr"][:4] == pytest.approx([0.1, 0.05, 0.025, 0.0125])


def test_disabled_optimizers_are_left_out_and_bad_specs_name_their_index(digits):
    specs = [{"name": "sgd"}, {"name": "adam", "enabled": False}]
    assert Race(config(iterations=1), specs, digits).labels == ["SGD"]
    with pytest.raises(ExperimentError, match=r"optimizers\[1\]: .*lr: must be > 0"):
        Race(config(), [{"name": "sgd"}, {"name": "adam", "lr": -1}], digits)
    with pytest.raises(ExperimentError, match="enable at least one"):
        Race(config(), [{"name": "sgd", "enabled": False}], digits)


def test_steps_can_run_only_once(digits):
    race = Race(config(iterations=2), [{"name": "sgd"}], digits)
    list(race.steps())
    with pytest.raises(RuntimeError, match="only once"):
        next(race.steps())


def test_predict_and_first_layer_weights_for_the_ui(digits):
    race = Race(config(iterations=20), [{"name": "adam", "lr": 0.01}], digits)
    list(race.steps())
    weights = race.first_layer_weights(0)
    assert weights.shape == (32, 8, 8)
    np.testing.assert_array_equal(weights[3].ravel(), race.nets[0].params[0][:, 3])
    weights[:] = 0  # a copy: the network is unchanged
    assert np.any(race.nets[0].params[0])
    predicted = race.predict(0, digits.x_test)
    assert predicted.shape == (297,) and predicted.dtype == np.int64
    accuracy = race.result()[0]["test_accuracy"][-1][1]
    assert np.mean(predicted == digits.y_test) == pytest.approx(accuracy)


def test_training_config_from_dict_validates_and_round_trips():
    cfg = TrainingConfig.from_dict({"hidden": [50, 20], "batch_size": None, "dataset": "mnist"})
    assert cfg.hidden == (50, 20) and cfg.batch_size is None and cfg.iterations == 2000
    assert TrainingConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(ExperimentError, match=r"training\.batchsize: unknown key"):
        TrainingConfig.from_dict({"batchsize": 3})
    with pytest.raises(ExperimentError, match=r"training\.hidden\[1\]: must be a whole number"):
        TrainingConfig.from_dict({"hidden": [10, 2.5]})
    with pytest.raises(ExperimentError, match=r"training\.dataset: must be one of"):
        TrainingConfig.from_dict({"dataset": "cifar"})
    with pytest.raises(ExperimentError, match="needs validation_fraction > 0"):
        TrainingConfig.from_dict({"early_stopping_patience": 3})


def test_snapshots_are_recorded_only_when_asked(digits):
    race = Race(config(iterations=20), [{"name": "sgd"}], digits)
    for _ in race.steps():
        pass
    assert race.snapshots == [[]]
    assert race.trajectory(0).shape == (1, sum(p.size for p in race.nets[0].params))


def test_snapshots_keep_every_other_one_when_full_from_the_initial_to_the_final_weights(digits):
    specs = [{"name": "sgd", "lr": 0.1}, {"name": "adam", "lr": 0.01}]
    race = Race(config(iterations=97, eval_every=5), specs, digits, record_snapshots=True,
                max_snapshots=6)  # fmt: skip
    initial = np.concatenate([p.ravel() for p in race.nets[0].params])
    for _ in race.steps():
        pass
    # 20 snapshots at multiples of 5 thinned to multiples of 20: 0, 20, 40, 60, 80.
    assert race.snapshot_every == 20
    for kept in race.snapshots:
        assert [i for i, _ in kept] == [0, 20, 40, 60, 80]
    path = race.trajectory(1)
    assert path.dtype == np.float32 and len(path) == 6  # and the final weights
    assert np.array_equal(path[0], initial)
    assert np.array_equal(path[-1], np.concatenate([p.ravel() for p in race.nets[1].params]))


def test_a_diverged_optimizer_records_no_more_snapshots(digits):
    specs = [{"name": "sgd", "lr": 0.1}, {"name": "sgd", "lr": 1e6}]
    race = Race(config(iterations=60, eval_every=5), specs, digits, record_snapshots=True)
    for _ in race.steps():
        pass
    assert race.status[1] == "diverged"
    assert len(race.snapshots[1]) < len(race.snapshots[0]) == 13


def test_run_reports_progress_for_every_iteration(digits):
    reports = []
    run(config(iterations=7), [{"name": "sgd"}], digits, progress=reports.append)
    assert [r.iteration for r in reports] == list(range(1, 8))


@pytest.fixture(scope="module")
def real_mnist_split():
    if not (REAL_DATA / "mnist" / "t10k-images-idx3-ubyte.gz").is_file():
        # CI always has shared/ beside the clone: there a missing file is a failure.
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI should have the real MNIST files in {REAL_DATA}")
        pytest.skip(f"no real MNIST in {REAL_DATA}")
    return load_dataset("mnist", data_dir=REAL_DATA, train_from_test=8000)


def test_real_mnist_race_on_8000_test_images_beats_chance_by_far(real_mnist_split):
    # Measured 94–95 % after 300 iterations for both (seeds 0–2); 88 % leaves a margin.
    specs = [{"name": "adam", "lr": 0.001}, {"name": "momentum", "lr": 0.01}]
    cfg = TrainingConfig(dataset="mnist", iterations=300, eval_every=100)
    results = run(cfg, specs, real_mnist_split)
    for result in results:
        assert result["status"] == "finished"
        assert result["test_accuracy"][0][1] < 0.2  # the shared initial network guesses
        assert result["test_accuracy"][-1] == [300, pytest.approx(result["test_accuracy"][-1][1])]
        assert result["test_accuracy"][-1][1] > 0.88, result["label"]

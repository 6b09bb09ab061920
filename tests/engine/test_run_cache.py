import numpy as np

from optviz.engine import experiment, presets, runner
from optviz.engine.run_cache import RunCache


def assert_same(a, b):
    assert a.labels == b.labels and a.status == b.status
    np.testing.assert_array_equal(a.positions, b.positions)
    np.testing.assert_array_equal(a.loss, b.loss)
    np.testing.assert_array_equal(a.lr, b.lr)
    np.testing.assert_array_equal(a.optimizer_index, b.optimizer_index)
    for sa, sb in zip(a.states, b.states, strict=True):
        assert sa.keys() == sb.keys()
        for key in sa:
            np.testing.assert_array_equal(sa[key], sb[key])


def test_changing_one_learning_rate_reruns_only_that_optimizer_with_identical_numbers():
    doc = presets.document("saddle")  # per-optimizer noise: the hardest case for reuse
    cache = RunCache()
    first = cache.run(experiment.from_dict(doc))
    assert cache.last_ran == 4
    assert_same(first, runner.run(experiment.from_dict(doc), record_states=True))
    doc["optimizers"][2]["lr"] = 0.03
    changed = experiment.from_dict(doc)
    again = cache.run(changed)
    assert cache.last_ran == 1
    assert_same(again, runner.run(changed, record_states=True))


def test_mini_batch_runs_are_reused_exactly():
    doc = presets.document("batch_sizes")
    cache = RunCache()
    cache.run(experiment.from_dict(doc))
    doc["optimizers"][0]["lr"] = 0.02
    changed = experiment.from_dict(doc)
    result = cache.run(changed)
    assert cache.last_ran == 1
    assert_same(result, runner.run(changed, record_states=True))


def test_a_change_to_shared_settings_reruns_everything():
    doc = presets.document("ravine")
    cache = RunCache()
    cache.run(experiment.from_dict(doc))
    doc["steps"] = 100
    cache.run(experiment.from_dict(doc))
    assert cache.last_ran == 6

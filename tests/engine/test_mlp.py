"""The NumPy MLP: shapes, hand-written gradients against finite differences, training, seeds."""

import numpy as np
import pytest

from optviz.engine.errors import ExperimentError
from optviz.engine.mlp import MLP, softmax_cross_entropy
from optviz.engine.optimizers import make_optimizer


def numerical_grads(net: MLP, x, labels, h=1e-6):
    """Central differences of net.loss for every parameter entry."""
    out = []
    for p in net.params:
        grad = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + h
            up = net.loss(x, labels)
            p[i] = old - h
            down = net.loss(x, labels)
            p[i] = old
            grad[i] = (up - down) / (2 * h)
        out.append(grad)
    return out


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
def test_backprop_matches_central_differences_with_weight_decay(activation):
    rng = np.random.default_rng(1)
    net = MLP(6, (5, 4), 3, activation=activation, init="xavier", weight_decay=0.1, seed=3,
              dtype=np.float64)  # fmt: skip
    for bias in net.params[1::2]:  # non-zero biases, so their gradients are exercised too
        bias[:] = rng.normal(size=bias.shape) * 0.1
    x = rng.normal(size=(7, 6))
    labels = rng.integers(0, 3, 7)
    loss, grads = net.loss_and_grads(x, labels)
    assert loss == pytest.approx(net.loss(x, labels), rel=1e-12)
    for analytic, numeric in zip(grads, numerical_grads(net, x, labels), strict=True):
        assert analytic.shape == numeric.shape
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)


def test_loss_includes_half_weight_decay_times_sum_of_squared_weights_only():
    x = np.ones((2, 3))
    labels = np.array([0, 1])
    plain = MLP(3, (4,), 2, seed=5, dtype=np.float64)
    decayed = MLP(3, (4,), 2, seed=5, weight_decay=0.3, dtype=np.float64)
    for p in (plain.params[1], decayed.params[1]):
        p[:] = 7.0  # a bias: must not be decayed
    squares = sum(float(np.sum(w**2)) for w in plain.params[0::2])
    assert decayed.loss(x, labels) == pytest.approx(plain.loss(x, labels) + 0.15 * squares)


def test_params_are_weights_then_biases_per_layer_with_fan_in_rows():
    net = MLP(784)
    shapes = [p.shape for p in net.params]
    assert shapes == [(784, 100), (100,), (100, 100), (100,), (100, 100), (100,),
                      (100, 100), (100,), (100, 10), (10,)]  # fmt: skip
    assert all(p.dtype == np.float32 for p in net.params)
    assert net.forward(np.zeros((3, 784), np.float32)).shape == (3, 10)


def test_he_and_xavier_scales_follow_the_textbook():
    he = MLP(400, (300,), 10, init="he", seed=0, dtype=np.float64)
    xavier = MLP(400, (300,), 10, init="xavier", seed=0, dtype=np.float64)
    assert np.std(he.params[0]) == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert np.std(xavier.params[0]) == pytest.approx(np.sqrt(1 / 400), rel=0.02)
    assert not np.any(he.params[1])


def test_same_seed_same_weights_other_seed_other_weights():
    a, b, c = MLP(20, (8, 8), 4, seed=7), MLP(20, (8, 8), 4, seed=7), MLP(20, (8, 8), 4, seed=8)
    for pa, pb in zip(a.params, b.params, strict=True):
        np.testing.assert_array_equal(pa, pb)
    assert not np.array_equal(a.params[0], c.params[0])
    wide = MLP(20, (8, 8), 4, seed=7, dtype=np.float64)
    np.testing.assert_allclose(wide.params[0], a.params[0], rtol=1e-6)


def test_training_drives_loss_down_on_a_separable_problem():
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(-2, 0.5, (40, 2)), rng.normal(2, 0.5, (40, 2))])
    labels = np.repeat([0, 1], 40)
    net = MLP(2, (16,), 2, seed=0)
    optimizer = make_optimizer("sgd", net.params, lr=0.5)
    first = net.loss(x, labels)
    for _ in range(100):
        _, grads = net.loss_and_grads(x, labels)
        optimizer.step(grads)
    assert net.loss(x, labels) < 0.05 * first
    assert net.accuracy(x, labels) == 1.0


def test_loss_and_grads_leave_the_input_and_the_parameters_alone():
    rng = np.random.default_rng(2)
    net = MLP(5, (6,), 3, activation="sigmoid", seed=1)
    x = rng.normal(size=(4, 5)).astype(np.float32)
    x_before, params_before = x.copy(), net.copy_params()
    net.loss_and_grads(x, np.array([0, 1, 2, 0]))
    np.testing.assert_array_equal(x, x_before)
    for now, before in zip(net.params, params_before, strict=True):
        np.testing.assert_array_equal(now, before)


def test_softmax_cross_entropy_is_stable_for_huge_logits():
    logits = np.array([[1000.0, 0.0], [0.0, 1000.0]])
    loss, grad = softmax_cross_entropy(logits.copy(), np.array([0, 0]))
    assert loss == pytest.approx(500.0)  # (0 + 1000) / 2
    np.testing.assert_allclose(grad, [[0.0, 0.0], [-0.5, 0.5]], atol=1e-12)  # (p − onehot) / n


def test_accuracy_does_not_depend_on_the_evaluation_batch():
    rng = np.random.default_rng(3)
    net = MLP(10, (7,), 4, seed=2)
    x = rng.normal(size=(23, 10)).astype(np.float32)
    labels = rng.integers(0, 4, 23)
    assert net.accuracy(x, labels, batch=4) == net.accuracy(x, labels, batch=1000)
    np.testing.assert_array_equal(net.predict(x, batch=5), net.forward(x).argmax(axis=1))


def test_set_params_copies_into_the_same_arrays_so_optimizers_keep_their_references():
    net = MLP(4, (3,), 2, seed=0)
    arrays = list(net.params)
    saved = net.copy_params()
    for p in net.params:
        p += 1
    net.set_params(saved)
    assert all(a is b for a, b in zip(arrays, net.params, strict=True))
    for p, s in zip(net.params, saved, strict=True):
        np.testing.assert_array_equal(p, s)
    saved[0][0, 0] = 99  # copies are independent
    assert net.params[0][0, 0] != 99
    with pytest.raises(ValueError, match="shape"):
        net.set_params([np.zeros((1, 1))] + saved[1:])


def test_unknown_activation_or_init_is_a_readable_error():
    with pytest.raises(ExperimentError, match="activation: must be one of relu, sigmoid, tanh"):
        MLP(3, activation="swish")
    with pytest.raises(ExperimentError, match="init"):
        MLP(3, init="orthogonal")


def test_parameters_and_gradients_are_views_of_one_flat_vector_also_after_copying():
    import copy
    import pickle

    net = MLP(6, (5, 4), 3, seed=1)
    x = np.random.default_rng(0).standard_normal((7, 6)).astype(np.float32)
    labels = np.array([0, 1, 2, 0, 1, 2, 0])
    for twin in (net, copy.deepcopy(net), pickle.loads(pickle.dumps(net))):
        assert all(np.shares_memory(p, twin.flat) for p in twin.params)
        assert np.array_equal(np.concatenate([p.ravel() for p in twin.params]), twin.flat)
        loss, flat_grad = twin.loss_and_flat_grad(x, labels)
        _, grads = twin.loss_and_grads(x, labels)
        assert np.array_equal(np.concatenate([g.ravel() for g in grads]), flat_grad)
        twin.flat -= 0.1 * flat_grad  # what an optimizer given [flat] does
        assert twin.loss(x, labels) < loss
    assert copy.deepcopy(net).flat is not net.flat

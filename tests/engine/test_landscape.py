"""Loss-landscape slices: directions, projection, the loss grid, and a whole race's slice."""

import pickle

import numpy as np
import pytest

from optviz.engine.datasets import load_digits
from optviz.engine.errors import OptvizError
from optviz.engine.landscape import (
    LandscapeCancelled,
    flatten,
    frame,
    landscape_of_race,
    loss_grid,
    pca_directions,
    project,
    random_direction,
    unflatten,
)
from optviz.engine.mlp import MLP
from optviz.engine.training import Race, TrainingConfig


@pytest.fixture
def net():
    return MLP(6, (5, 4), 3, weight_decay=0.01, seed=1)


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    return rng.standard_normal((40, 6)).astype(np.float32), rng.integers(0, 3, 40)


def test_random_direction_has_each_filter_of_the_weights_norm_and_zero_biases(net):
    direction = random_direction(net.params, np.random.default_rng(3))
    parts = unflatten(direction, net.params)
    for i, (part, weights) in enumerate(zip(parts, net.params, strict=True)):
        if i % 2:
            assert not part.any()  # biases: no direction
        else:  # one filter per output neuron: a column of W (fan_in, fan_out)
            assert np.allclose(np.linalg.norm(part, axis=0), np.linalg.norm(weights, axis=0))
    again = random_direction(net.params, np.random.default_rng(3))
    assert np.array_equal(direction, again)  # seeded


def test_pca_directions_are_orthonormal_and_match_numpys_svd():
    rng = np.random.default_rng(1)
    center = rng.standard_normal(50).astype(np.float32)
    # Snapshots spread mostly along two axes, a little along the others.
    snapshots = center + (
        rng.standard_normal((12, 2)) @ (rng.standard_normal((2, 50)) * [[5], [2]])
        + 0.1 * rng.standard_normal((12, 50))
    ).astype(np.float32)
    directions, explained = pca_directions(snapshots, center)
    assert directions.shape == (2, 50)
    assert np.allclose(directions @ directions.T, np.eye(2), atol=1e-6)
    _, s, vt = np.linalg.svd(snapshots.astype(np.float64) - center, full_matrices=False)
    for k in range(2):  # equal up to the sign
        assert np.allclose(abs(directions[k] @ vt[k]), 1, atol=1e-5)
    assert np.allclose(explained, s[:2] ** 2 / np.sum(s**2), atol=1e-6)
    assert explained[0] > explained[1] > 0


def test_pca_of_paths_along_one_line_is_refused():
    center = np.zeros(10, dtype=np.float32)
    line = np.outer(np.arange(1, 5), np.ones(10)).astype(np.float32)
    with pytest.raises(OptvizError, match="two directions"):
        pca_directions(line, center)


@pytest.mark.parametrize("orthonormal", [True, False])
def test_projection_recovers_the_coordinates_of_a_point_in_the_plane(orthonormal):
    rng = np.random.default_rng(2)
    center = rng.standard_normal(30)
    directions = rng.standard_normal((2, 30))
    if orthonormal:
        directions = np.linalg.qr(directions.T)[0].T
    else:
        directions[1] += 0.7 * directions[0]  # far from orthogonal
    coefficients = np.array([[0.5, -2.0], [3.0, 0.25], [0.0, 0.0]])
    points = center + coefficients @ directions
    assert np.allclose(project(points, center, directions), coefficients, atol=1e-9)


def test_the_grid_value_at_the_centre_is_the_networks_loss_there(net, data):
    x, labels = data
    center = flatten(net.params)
    rng = np.random.default_rng(4)
    directions = np.stack([random_direction(net.params, rng) for _ in range(2)])
    alphas, betas = np.array([-0.5, 0.0, 0.3]), np.array([0.0, 0.7])
    grid = loss_grid(net, center, directions, alphas, betas, x, labels)
    assert grid.shape == (2, 3) and grid.dtype == np.float32
    assert grid[0, 1] == pytest.approx(net.loss(x, labels), rel=1e-5)
    # ... and anywhere else the loss of the network with those weights.
    other = MLP(6, (5, 4), 3, weight_decay=0.01)
    other.set_params(unflatten(center + 0.3 * directions[0] + 0.7 * directions[1], net.params))
    assert grid[1, 2] == pytest.approx(other.loss(x, labels), rel=1e-5)
    assert np.array_equal(flatten(net.params), center)  # the network is left as it was


def test_progress_is_reported_after_each_row(net, data):
    x, labels = data
    center = flatten(net.params)
    directions = np.stack([random_direction(net.params, np.random.default_rng(k)) for k in (0, 1)])
    reports = []
    axis = np.linspace(-1, 1, 5)
    loss_grid(net, center, directions, axis, axis, x, labels, progress=lambda *a: reports.append(a))
    assert reports == [(i, 5) for i in range(1, 6)]


def test_cancel_stops_the_grid_early(net, data):
    x, labels = data
    center = flatten(net.params)
    directions = np.stack([random_direction(net.params, np.random.default_rng(k)) for k in (0, 1)])
    asked = []

    def should_stop():
        asked.append(1)
        return len(asked) > 7

    axis = np.linspace(-1, 1, 5)
    with pytest.raises(LandscapeCancelled):
        loss_grid(net, center, directions, axis, axis, x, labels, should_stop=should_stop)
    assert len(asked) == 8  # stopped at the 8th of 25 points


def test_the_frame_covers_the_paths_and_the_centre_with_a_margin():
    paths = [np.array([[-4.0, -1.0], [-2.0, 0.5]]), np.array([[-4.0, -1.0], [np.nan, np.nan]])]
    xmin, xmax, ymin, ymax = frame(paths)
    assert xmin < -4 and xmax > 0 and ymin < -1 and ymax > 0.5
    assert frame([np.zeros((1, 2))], min_half_width=1.0) == (-1.0, 1.0, -1.0, 1.0)


@pytest.fixture(scope="module")
def race():
    config = TrainingConfig(hidden=(16,), iterations=40, eval_every=10, batch_size=64)
    specs = [{"name": "sgd", "lr": 0.1}, {"name": "adam", "lr": 0.01}]
    race = Race(config, specs, load_digits(), record_snapshots=True)
    for _ in race.steps():
        pass
    return race


@pytest.mark.parametrize("method", ["pca", "random"])
def test_a_race_landscape_has_one_path_per_optimizer_from_the_shared_start(race, method):
    landscape = landscape_of_race(race, center=1, method=method, resolution=7, n_examples=200)
    assert landscape.loss.shape == (7, 7) and np.isfinite(landscape.loss).all()
    assert landscape.labels == ("SGD", "Adam") and landscape.n_examples == 200
    sgd, adam = landscape.paths
    assert sgd.shape == adam.shape == (5, 2)  # iterations 0, 10, 20, 30, 40
    assert np.allclose(sgd[0], adam[0])  # the same initial weights
    assert np.allclose(adam[-1], 0, atol=1e-4)  # the centre is Adam's final weights
    xmin, xmax, ymin, ymax = landscape.rect
    for path in landscape.paths:
        assert (xmin < path[:, 0]).all() and (path[:, 0] < xmax).all()
        assert (ymin < path[:, 1]).all() and (path[:, 1] < ymax).all()
    if method == "pca":
        assert landscape.axis_labels[0].startswith("PC1 (")
        assert (adam[0] <= 0).all()  # turned so that the paths run right and up
        assert landscape.explained_variance.sum() > 0.8
    else:
        assert landscape.axis_labels == ("direction 1", "direction 2")
        assert landscape.rect == (-1.0, 1.0, -1.0, 1.0)
    copy = pickle.loads(pickle.dumps(landscape))  # it travels to the GUI by pickle
    assert np.array_equal(copy.loss, landscape.loss)

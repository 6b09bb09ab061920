"""Surfaces: analytic gradients, listed minima and saddles, data surfaces, spec errors."""

from __future__ import annotations

import numpy as np
import pytest

from optviz.engine.errors import ExperimentError
from optviz.engine.hyper import Hyper
from optviz.engine.surfaces import SURFACES, CustomSurface, Surface, make_surface

REQUIRED_NAMES = {
    "quadratic_ravine",
    "bowl",
    "rotated_quadratic",
    "saddle",
    "monkey_saddle",
    "rosenbrock",
    "beale",
    "himmelblau",
    "booth",
    "matyas",
    "six_hump_camel",
    "rastrigin",
    "ackley",
    "styblinski_tang",
    "goldstein_price",
    "plateau",
    "two_basin",
    "linear_regression",
}

CASES = [(name, {}) for name in SURFACES] + [
    ("rosenbrock", {"a": 2.0, "b": 50.0}),
    ("rotated_quadratic", {"kappa": 100.0}),
    ("rastrigin", {"A": 0.5}),
    ("bowl", {"scale": 3.0}),
    ("linear_regression", {"n_samples": 40, "noise": 2.0, "seed": 7}),
]


def _case_id(case):
    name, params = case
    return name + "".join(f"-{k}={v}" for k, v in params.items())


@pytest.fixture(params=CASES, ids=[_case_id(c) for c in CASES])
def surface(request) -> Surface:
    name, params = request.param
    return make_surface({"name": name, "params": params})


def _random_points(surface, n, seed=0):
    xmin, xmax, ymin, ymax = surface.view
    rng = np.random.default_rng(seed)
    return rng.uniform(xmin, xmax, n), rng.uniform(ymin, ymax, n)


def _central_differences(function, x, y):
    hx, hy = 1e-6 * (1.0 + np.abs(x)), 1e-6 * (1.0 + np.abs(y))
    dx = (function(x + hx, y) - function(x - hx, y)) / (2.0 * hx)
    dy = (function(x, y + hy) - function(x, y - hy)) / (2.0 * hy)
    return dx, dy


def _assert_gradient_matches(function, gradient, x, y):
    gx, gy = gradient(x, y)
    fdx, fdy = _central_differences(function, x, y)
    # Rounding in the differences is about 1e-16·|f|/h; truncation is relative to |g|.
    slack = 1e-8 * (1.0 + np.abs(function(x, y)))
    np.testing.assert_array_less(np.abs(gx - fdx), 1e-6 * np.abs(gx) + slack)
    np.testing.assert_array_less(np.abs(gy - fdy), 1e-6 * np.abs(gy) + slack)


def _gradient_scale(surface):
    x, y = _random_points(surface, 200, seed=1)
    return float(np.median(np.hypot(*surface.grad(x, y))))


def _ring(surface, point, fraction=1e-4):
    xmin, xmax, ymin, ymax = surface.view
    radius = fraction * np.hypot(xmax - xmin, ymax - ymin)
    angles = np.linspace(0.0, 2.0 * np.pi, 64, endpoint=False)
    return surface.value(point[0] + radius * np.cos(angles), point[1] + radius * np.sin(angles))


def test_registry_holds_the_required_surfaces_under_their_own_names():
    assert set(SURFACES) == REQUIRED_NAMES
    for name, cls in SURFACES.items():
        assert cls.name == name


def test_every_surface_declares_its_metadata(surface):
    for text in (surface.display_name, surface.formula, surface.latex, surface.description):
        assert isinstance(text, str) and text.strip()
    assert all(isinstance(h, Hyper) for h in surface.hyperparameters)
    xmin, xmax, ymin, ymax = surface.view
    assert xmin < xmax and ymin < ymax
    assert xmin <= surface.start[0] <= xmax and ymin <= surface.start[1] <= ymax
    assert isinstance(surface.log_scale, bool)
    for point in (*surface.minima, *surface.saddles):
        assert xmin <= point[0] <= xmax and ymin <= point[1] <= ymax
    assert set(surface.global_minima) <= set(surface.minima)


def test_analytic_gradient_matches_central_differences(surface):
    x, y = _random_points(surface, 50)
    _assert_gradient_matches(surface.value, surface.grad, x, y)


def test_listed_minima_are_stationary_and_locally_lowest(surface):
    tolerance = 1e-11 * (1.0 + _gradient_scale(surface))
    for point in surface.minima:
        gx, gy = surface.grad(*point)
        assert np.hypot(gx, gy) <= tolerance, point
        assert (_ring(surface, point) >= surface.value(*point)).all(), point


def test_listed_saddles_are_stationary_with_higher_and_lower_neighbours(surface):
    tolerance = 1e-11 * (1.0 + _gradient_scale(surface))
    for point in surface.saddles:
        gx, gy = surface.grad(*point)
        assert np.hypot(gx, gy) <= tolerance, point
        ring = _ring(surface, point)
        centre = surface.value(*point)
        assert (ring > centre).any() and (ring < centre).any(), point


def test_global_minima_are_lowest_among_minima_and_on_a_fine_grid(surface):
    xmin, xmax, ymin, ymax = surface.view
    grid = surface.value(
        np.linspace(xmin, xmax, 401)[None, :], np.linspace(ymin, ymax, 401)[:, None]
    )
    if not surface.minima:
        # Saddle surfaces are unbounded below: the lowest grid point is on the view's edge.
        assert surface.global_minima == ()
        row, column = np.unravel_index(np.argmin(grid), grid.shape)
        assert row in (0, 400) or column in (0, 400)
        return
    values = [float(surface.value(*p)) for p in surface.minima]
    best = min(float(surface.value(*p)) for p in surface.global_minima)
    assert best <= min(values)
    assert best <= grid.min() + 1e-9 * (1.0 + abs(best))


@pytest.mark.parametrize(
    ("name", "point", "value"),
    [  # global minima from the Virtual Library of Simulation Experiments (Surjanovic & Bingham)
        ("rosenbrock", (1.0, 1.0), 0.0),
        ("beale", (3.0, 0.5), 0.0),
        ("himmelblau", (3.0, 2.0), 0.0),
        ("himmelblau", (-2.805118, 3.131312), 0.0),
        ("himmelblau", (-3.779310, -3.283186), 0.0),
        ("himmelblau", (3.584428, -1.848126), 0.0),
        ("booth", (1.0, 3.0), 0.0),
        ("matyas", (0.0, 0.0), 0.0),
        ("six_hump_camel", (0.0898, -0.7126), -1.0316),
        ("six_hump_camel", (-0.0898, 0.7126), -1.0316),
        ("rastrigin", (0.0, 0.0), 0.0),
        ("ackley", (0.0, 0.0), 0.0),
        ("styblinski_tang", (-2.903534, -2.903534), -39.16617 * 2),  # Wikipedia; VLSE rounds
        ("goldstein_price", (0.0, -1.0), 3.0),
        ("quadratic_ravine", (0.0, 0.0), 0.0),
        ("plateau", (0.0, 0.0), 0.0),
    ],
)
def test_global_minima_agree_with_the_literature(name, point, value):
    surface = make_surface({"name": name})
    distances = [np.hypot(point[0] - p[0], point[1] - p[1]) for p in surface.global_minima]
    assert min(distances) < 1e-4
    assert surface.value(*point) == pytest.approx(value, abs=1e-4)


def test_known_counts_of_minima_and_saddles():
    # Himmelblau: 4 minima and 4 saddles; six-hump camel: 6 minima, 2 of them global;
    # Styblinski–Tang: 4 minima, 1 global; Goldstein–Price: 4 minima in [-2, 2]².
    counts = {name: make_surface({"name": name}) for name in SURFACES}
    assert (len(counts["himmelblau"].minima), len(counts["himmelblau"].saddles)) == (4, 4)
    assert len(counts["himmelblau"].global_minima) == 4
    assert (len(counts["six_hump_camel"].minima), len(counts["six_hump_camel"].global_minima)) == (
        6,
        2,
    )
    assert (
        len(counts["styblinski_tang"].minima),
        len(counts["styblinski_tang"].global_minima),
    ) == (
        4,
        1,
    )
    assert len(counts["goldstein_price"].minima) == 4
    assert len(counts["two_basin"].minima) == 2 and len(counts["two_basin"].global_minima) == 1
    # Rastrigin has one local minimum per integer point of its view when A is large.
    assert len(counts["rastrigin"].minima) == 11 * 11


def test_value_and_grad_broadcast_over_grids(surface):
    xmin, xmax, ymin, ymax = surface.view
    x, y = np.meshgrid(np.linspace(xmin, xmax, 512), np.linspace(ymin, ymax, 512))
    z = surface.value(x, y)
    gx, gy = surface.grad(x, y)
    assert z.shape == gx.shape == gy.shape == (512, 512)
    # A row and a column broadcast to the same grid, with the same numbers.
    column, row = y[:, :1], x[:1, :]
    np.testing.assert_allclose(np.broadcast_to(surface.value(row, column), z.shape), z)
    for component, full in zip(surface.grad(row, column), (gx, gy), strict=True):
        assert component.shape == (512, 512)
        np.testing.assert_allclose(component, full)
    # Single points agree with the grid.
    assert surface.value(x[7, 300], y[7, 300]) == pytest.approx(z[7, 300], rel=1e-12, abs=1e-12)


def test_saddle_starts_exactly_on_the_ridge_so_plain_descent_gets_stuck():
    saddle = make_surface({"name": "saddle"})
    assert saddle.start[1] == 0.0
    point = np.array(saddle.start)
    for _ in range(200):
        point = point - 0.1 * np.array(saddle.grad(*point))
    assert np.hypot(*point) < 1e-6  # walked into the saddle, never left the ridge


def test_plateau_start_has_a_gradient_near_1e_minus_4():
    plateau = make_surface({"name": "plateau"})
    size = np.hypot(*plateau.grad(*plateau.start))
    assert 3e-5 < size < 3e-4


def test_two_basin_traps_plain_descent_but_momentum_rolls_into_the_deep_basin():
    surface = make_surface({"name": "two_basin"})
    (global_minimum,) = surface.global_minima
    (local_minimum,) = set(surface.minima) - {global_minimum}
    assert surface.value(*local_minimum) > surface.value(*global_minimum) + 0.3

    def descend(lr, mu, steps):  # heavy ball as in torch.optim.SGD: b ← μb + g, p ← p − lr·b
        point, buffer = np.array(surface.start), np.zeros(2)
        for _ in range(steps):
            buffer = mu * buffer + np.array(surface.grad(*point))
            point = point - lr * buffer
        return point

    assert np.hypot(*(descend(0.1, 0.0, 3000) - local_minimum)) < 1e-4
    assert np.hypot(*(descend(0.05, 0.9, 1000) - global_minimum)) < 1e-4


def test_rosenbrock_parameters_move_the_minimum_and_the_view():
    surface = make_surface({"name": "rosenbrock", "params": {"a": 2.0, "b": 50.0}})
    assert surface.minima == ((2.0, 4.0),)
    xmin, xmax, ymin, ymax = surface.view
    assert xmin < 2.0 < xmax and ymin < 4.0 < ymax


def test_rotated_quadratic_has_the_requested_condition_number():
    surface = make_surface({"name": "rotated_quadratic", "params": {"kappa": 100, "angle_deg": 30}})
    # Hessian from gradient differences (exact for a quadratic).
    columns = [np.array(surface.grad(*e)) for e in ((1.0, 0.0), (0.0, 1.0))]
    eigenvalues = np.linalg.eigvalsh(np.column_stack(columns))
    assert eigenvalues.max() / eigenvalues.min() == pytest.approx(100.0)
    # The steep direction is turned by 30° + 90°.
    steep = np.array(surface.grad(-np.sin(np.radians(30)), np.cos(np.radians(30))))
    np.testing.assert_allclose(steep, 100.0 * np.array([-0.5, np.sqrt(3) / 2]))


# --- linear regression -----------------------------------------------------------------------


@pytest.fixture
def regression():
    return make_surface({"name": "linear_regression", "params": {"n_samples": 60, "seed": 3}})


def _direct_mse(surface, w, b, indices=None):
    xs, ys = surface.data_x, surface.data_y
    if indices is not None:
        xs, ys = xs[indices], ys[indices]
    return np.mean((w * xs + b - ys) ** 2)


def test_regression_loss_is_the_mean_squared_error_of_the_data(regression):
    assert regression.n_samples == len(regression.data_x) == len(regression.data_y) == 60
    rng = np.random.default_rng(5)
    for w, b in rng.uniform(-3, 3, size=(10, 2)):
        assert regression.value(w, b) == pytest.approx(_direct_mse(regression, w, b), rel=1e-12)
        indices = rng.integers(0, 60, size=8)
        assert regression.batch_value(w, b, indices) == pytest.approx(
            _direct_mse(regression, w, b, indices), rel=1e-12
        )


def test_regression_minimum_is_the_least_squares_solution(regression):
    design = np.column_stack([regression.data_x, np.ones(regression.n_samples)])
    solution, *_ = np.linalg.lstsq(design, regression.data_y, rcond=None)
    ((w, b),) = regression.minima
    np.testing.assert_allclose((w, b), solution, rtol=1e-10)
    assert np.hypot(*regression.grad(w, b)) < 1e-12
    # The data follow the true line 2x − 1 up to noise.
    assert abs(w - 2.0) < 0.5 and abs(b + 1.0) < 0.5


def test_regression_batch_gradient_matches_central_differences(regression):
    rng = np.random.default_rng(11)
    w, b = _random_points(regression, 20, seed=4)
    for size in (1, 5, 60):
        indices = rng.integers(0, regression.n_samples, size=size)
        _assert_gradient_matches(
            lambda x, y, i=indices: regression.batch_value(x, y, i),
            lambda x, y, i=indices: regression.batch_grad(x, y, i),
            w,
            b,
        )


def test_regression_batch_over_all_samples_equals_the_full_loss(regression):
    w, b = _random_points(regression, 30, seed=2)
    everything = np.arange(regression.n_samples)
    np.testing.assert_allclose(regression.batch_value(w, b, everything), regression.value(w, b))
    for batch, full in zip(
        regression.batch_grad(w, b, everything), regression.grad(w, b), strict=True
    ):
        np.testing.assert_allclose(batch, full, rtol=1e-12, atol=1e-12)
    single = regression.batch_grad(w[:1], b[:1], np.array([3]))
    assert not np.allclose(single, regression.grad(w[:1], b[:1]))


def test_regression_data_depend_on_seed_only(regression):
    again = make_surface({"name": "linear_regression", "params": {"n_samples": 60, "seed": 3}})
    other = make_surface({"name": "linear_regression", "params": {"n_samples": 60, "seed": 4}})
    np.testing.assert_array_equal(again.data_x, regression.data_x)
    np.testing.assert_array_equal(again.data_y, regression.data_y)
    assert not np.array_equal(other.data_x, regression.data_x)


def test_only_data_surfaces_have_samples():
    assert [name for name, cls in SURFACES.items() if cls().n_samples] == ["linear_regression"]


# --- make_surface and custom surfaces --------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"name": "foo"}, "surface.name: unknown surface 'foo' (known: quadratic_ravine, "),
        ({}, "surface.name: missing"),
        ({"name": "rosenbrock", "params": {"c": 1}}, "surface.params.c: unknown key (known: a, b)"),
        ({"name": "rosenbrock", "params": {"b": -1}}, "surface.params.b: must be >= 0, got -1"),
        (
            {"name": "rosenbrock", "params": {"b": float("nan")}},
            "surface.params.b: must be a finite",
        ),
        ({"name": "rosenbrock", "params": {"a": "1"}}, "surface.params.a: must be a number"),
        ({"name": "rosenbrock", "params": [1]}, "surface.params: must be an object"),
        ({"name": "rosenbrock", "colour": 1}, "surface.colour: unknown key"),
        ({"name": "bowl", "view": [1, 0, 0, 1]}, "surface.view: needs xmin < xmax"),
        ({"name": "bowl", "view": [0, 1, 0]}, "surface.view: must be [xmin, xmax, ymin, ymax]"),
        ({"name": "linear_regression", "params": {"n_samples": 2.5}}, "surface.params.n_samples"),
        ({"name": "custom"}, "surface.expression: missing"),
        ({"name": "custom", "expression": "x +"}, "surface.expression: column 4: "),
        ({"name": "custom", "expression": "open('f')"}, "surface.expression: column 1: 'open'"),
        ({"name": "custom", "expression": "a*x", "params": {"a": None}}, "surface.params.a: "),
        ({"name": "custom", "expression": "x", "params": {"y": 1}}, "surface.params.y: "),
        ({"name": "custom", "expression": "x", "view": [0, 0, 0, 1]}, "surface.view: "),
        ("rosenbrock", "surface: must be an object"),
    ],
)
def test_make_surface_errors_name_the_key_path(spec, message):
    with pytest.raises(ExperimentError) as error:
        make_surface(spec)
    assert str(error.value).startswith(message)


def test_make_surface_view_replaces_the_recommended_view():
    assert make_surface({"name": "bowl", "view": [-1, 2, -3, 4]}).view == (-1.0, 2.0, -3.0, 4.0)


def test_custom_surface_evaluates_its_expression_with_parameters():
    surface = make_surface(
        {
            "name": "custom",
            "expression": "a*x**2 + sin(y)",
            "params": {"a": 3},
            "view": [-2, 2, -1, 1],
        }
    )
    assert isinstance(surface, CustomSurface)
    assert surface.view == (-2.0, 2.0, -1.0, 1.0)
    assert surface.minima == () and surface.global_minima == ()
    assert [h.name for h in surface.hyperparameters] == ["a"]
    x, y = _random_points(surface, 50)
    np.testing.assert_allclose(surface.value(x, y), 3 * x**2 + np.sin(y))
    gx, gy = surface.grad(x, y)
    np.testing.assert_allclose(gx, 6 * x)
    np.testing.assert_allclose(gy, np.cos(y))
    xmin, xmax, ymin, ymax = surface.view
    assert xmin < surface.start[0] < xmax and ymin < surface.start[1] < ymax
    assert surface.start != (0.0, 0.0)


def test_custom_surface_defaults_and_constant_expression():
    surface = make_surface({"name": "custom", "expression": "2.5"})
    assert surface.view == (-5.0, 5.0, -5.0, 5.0)
    gx, gy = surface.grad(np.zeros((3, 4)), 1.0)
    assert gx.shape == gy.shape == (3, 4) and not gx.any() and not gy.any()
    np.testing.assert_array_equal(surface.value(np.zeros(3), np.ones(3)), [2.5, 2.5, 2.5])

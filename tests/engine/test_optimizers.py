"""torch flavour: first and second steps worked out by hand, validation, registry, shapes.

Unless a test says otherwise: one scalar weight w₀ = 1 on the loss w²/2, so g = w, and
each expected value is written from the update formula with plain Python floats.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from optviz.engine.errors import ExperimentError
from optviz.engine.optimizers import (
    ALIASES,
    OPTIMIZERS,
    list_optimizers,
    make_optimizer,
    optimizer_class,
)


def steps(name, n=2, flavor="torch", grads=None, **hyper) -> list[float]:
    """w after each of n steps from w₀ = 1; g = w unless `grads` gives the sequence."""
    w = np.array([1.0])
    opt = make_optimizer(name, [w], flavor, **hyper)
    out = []
    for i in range(n):
        g = w.copy() if grads is None else np.array([grads[i]])
        opt.step([g])
        out.append(float(w[0]))
    return out


def approx(*values):
    return pytest.approx(list(values), rel=1e-13, abs=1e-15)


# --- SGD --------------------------------------------------------------------------------


def test_sgd_first_steps_are_w_minus_lr_g():
    # w₁ = 1 − 0.1·1 = 0.9;  w₂ = 0.9 − 0.1·0.9 = 0.81
    assert steps("sgd", lr=0.1) == approx(0.9, 0.81)


def test_sgd_momentum_buffer_starts_at_the_first_gradient():
    # b₁ = g₁ = 1 → w₁ = 0.9;  b₂ = 0.9·1 + 0.9 = 1.8 → w₂ = 0.9 − 0.18 = 0.72
    assert steps("momentum", lr=0.1) == approx(0.9, 0.72)


def test_sgd_dampening_spares_the_first_step():
    # b₁ = g₁ = 1 (no dampening yet) → 0.9;  b₂ = 0.9·1 + 0.5·0.9 = 1.35 → 0.9 − 0.135
    assert steps("sgd", lr=0.1, momentum=0.9, dampening=0.5) == approx(0.9, 0.765)


def test_sgd_nesterov_steps_along_g_plus_mu_b():
    # b₁ = 1, g' = 1 + 0.9·1 = 1.9 → w₁ = 0.81
    # g₂ = 0.81, b₂ = 0.9 + 0.81 = 1.71, g' = 0.81 + 0.9·1.71 = 2.349 → w₂ = 0.81 − 0.2349
    assert steps("nesterov", lr=0.1) == approx(0.81, 0.5751)


def test_sgd_weight_decay_adds_lambda_w_to_the_gradient():
    # g = 1 + 0.5·1 = 1.5 → w₁ = 0.85;  g = 0.85·1.5 → w₂ = 0.85 − 0.1275
    assert steps("sgd", lr=0.1, weight_decay=0.5) == approx(0.85, 0.7225)


# --- adaptive ----------------------------------------------------------------------------


def test_adagrad_divides_by_root_of_summed_squares():
    eps = 1e-10
    w1 = 1 - 0.1 * 1 / (math.sqrt(1.0) + eps)  # s₁ = 1
    w2 = w1 - 0.1 * w1 / (math.sqrt(1 + w1**2) + eps)  # s₂ = 1 + w₁²
    assert steps("adagrad", lr=0.1) == approx(w1, w2)


def test_adagrad_lr_decay_and_initial_accumulator():
    # s₀ = 0.25 → s₁ = 1.25; step t uses η / (1 + (t − 1)·0.5)
    w1 = 1 - 0.1 / (math.sqrt(1.25) + 1e-10)
    w2 = w1 - 0.1 / 1.5 * w1 / (math.sqrt(1.25 + w1**2) + 1e-10)
    got = steps("adagrad", lr=0.1, lr_decay=0.5, initial_accumulator_value=0.25)
    assert got == approx(w1, w2)


def test_rmsprop_puts_eps_outside_the_root():
    # v₁ = (1 − 0.99)·1 = 0.01;  v₂ = 0.99·0.01 + 0.01·w₁²
    w1 = 1 - 0.01 * 1 / (math.sqrt(0.01) + 1e-8)
    w2 = w1 - 0.01 * w1 / (math.sqrt(0.99 * 0.01 + 0.01 * w1**2) + 1e-8)
    assert steps("rmsprop") == approx(w1, w2)


def test_rmsprop_centered_with_momentum():
    a, lr, mu, eps = 0.9, 0.1, 0.5, 1e-8
    v1, m1 = (1 - a) * 1, (1 - a) * 1  # running g² and running g
    buf1 = 1 / (math.sqrt(v1 - m1**2) + eps)
    w1 = 1 - lr * buf1
    v2, m2 = a * v1 + (1 - a) * w1**2, a * m1 + (1 - a) * w1
    buf2 = mu * buf1 + w1 / (math.sqrt(v2 - m2**2) + eps)
    got = steps("rmsprop", lr=lr, alpha=a, momentum=mu, centered=True)
    assert got == approx(w1, w1 - lr * buf2)


def adam_by_hand(lr, b1, b2, eps, grads, amsgrad=False, decay=0.0):
    """Kingma & Ba with torch's ε placement, written out for a scalar."""
    w, m, v, v_max, out = 1.0, 0.0, 0.0, 0.0, []
    for t, g in enumerate(grads, start=1):
        w *= 1 - lr * decay  # AdamW's decoupled decay (0 for Adam)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        v_max = max(v_max, v)
        v_hat = (v_max if amsgrad else v) / (1 - b2**t)
        w -= lr * (m / (1 - b1**t)) / (math.sqrt(v_hat) + eps)
        out.append(w)
    return out


def test_adam_first_step_moves_lr_against_the_gradient_sign():
    # m̂₁ = g, v̂₁ = g² → w₁ = 1 − 0.1·1/(1 + 1e-8) ≈ 0.9000000 (torch, unlike keras' 0.90000033)
    w1 = steps("adam", n=1, lr=0.1)[0]
    assert w1 == pytest.approx(1 - 0.1 / (1 + 1e-8), rel=1e-15)
    w1, w2 = adam_by_hand(0.1, 0.9, 0.999, 1e-8, [1.0, w1])
    assert steps("adam", lr=0.1) == approx(w1, w2)


def test_adam_amsgrad_keeps_the_largest_second_moment():
    # g drops from 1 to 0.01: v₂ = 0.999e-3 + 1e-7 < v₁ = 1e-3, so AMSGrad divides by v₁
    grads = [1.0, 0.01]
    expected = adam_by_hand(0.1, 0.9, 0.999, 1e-8, grads, amsgrad=True)
    assert steps("adam", grads=grads, lr=0.1, amsgrad=True) == approx(*expected)
    assert expected != adam_by_hand(0.1, 0.9, 0.999, 1e-8, grads)


def test_adamw_decays_the_weight_before_the_adam_step():
    # g is taken at w₀ = 1; w ← 1·(1 − 0.1·0.01) = 0.999, then the Adam step
    grads = [1.0, 0.5]
    expected = adam_by_hand(0.1, 0.9, 0.999, 1e-8, grads, decay=0.01)
    assert steps("adamw", grads=grads, lr=0.1) == approx(*expected)


def test_nadam_first_two_steps():
    lr, b1, b2, eps, psi = 0.1, 0.9, 0.999, 1e-8, 4e-3
    mu = [b1 * (1 - 0.5 * 0.96 ** (t * psi)) for t in (1, 2, 3)]  # μ₁, μ₂, μ₃
    # step 1: m₁ = 0.1, v₁ = 0.001, v̂ = 1
    m, v, w = 0.1, 0.001, 1.0
    d = math.sqrt(v / (1 - b2)) + eps
    w1 = w - lr * (1 - mu[0]) / (1 - mu[0]) * 1 / d - lr * mu[1] / (1 - mu[0] * mu[1]) * m / d
    # step 2: g = w₁
    m, v = b1 * m + (1 - b1) * w1, b2 * v + (1 - b2) * w1 * w1
    d = math.sqrt(v / (1 - b2**2)) + eps
    prod = mu[0] * mu[1]
    w2 = w1 - lr * (1 - mu[1]) / (1 - prod) * w1 / d - lr * mu[2] / (1 - prod * mu[2]) * m / d
    assert steps("nadam", lr=lr) == approx(w1, w2)


def test_radam_steps_like_momentum_until_rho_exceeds_5():
    lr, b1, b2, eps = 0.1, 0.9, 0.9, 1e-8
    rho_inf = 2 / (1 - b2) - 1  # 19
    w, m, v, expected, rectified = 1.0, 0.0, 0.0, [], []
    for t in range(1, 8):
        g = w
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1**t)
        rho = rho_inf - 2 * t * b2**t / (1 - b2**t)
        if rho > 5:
            r = math.sqrt((rho - 4) * (rho - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho))
            w -= lr * m_hat * r * math.sqrt(1 - b2**t) / (math.sqrt(v) + eps)
        else:
            w -= lr * m_hat
        expected.append(w)
        rectified.append(rho > 5)
    assert rectified == [False] * 5 + [True] * 2  # ρ₆ ≈ 5.39: the switch is covered
    assert steps("radam", n=7, lr=lr, betas=(b1, b2)) == approx(*expected)


def test_adadelta_step_is_ratio_of_running_rms():
    rho, eps = 0.9, 1e-6
    v1 = (1 - rho) * 1
    d1 = math.sqrt(0 + eps) / math.sqrt(v1 + eps) * 1
    u1, w1 = (1 - rho) * d1 * d1, 1 - d1
    v2 = rho * v1 + (1 - rho) * w1 * w1
    d2 = math.sqrt(u1 + eps) / math.sqrt(v2 + eps) * w1
    assert steps("adadelta") == approx(w1, w1 - d2)


def test_adamax_divides_by_the_infinity_norm():
    lr, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    m1, u1 = 0.1, max(0.0, 1 + eps)
    w1 = 1 - lr / (1 - b1) * m1 / u1
    m2, u2 = b1 * m1 + (1 - b1) * w1, max(b2 * u1, abs(w1) + eps)
    w2 = w1 - lr / (1 - b1**2) * m2 / u2
    assert steps("adamax", lr=lr) == approx(w1, w2)


# --- validation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hyper", "message"),
    [
        ("adam", {"lr": -0.1}, "adam.lr: must be > 0"),
        ("adam", {"lr": 0.0}, "adam.lr: must be > 0"),
        ("adam", {"lr": float("nan")}, "adam.lr: must be a finite number"),
        ("adam", {"betas": (0.9, 1.0)}, "adam.betas[1]: must be < 1"),
        ("adam", {"betas": (0.9,)}, "adam.betas: must be a list of two numbers"),
        ("adam", {"eps": -1e-8}, "adam.eps: must be >= 0"),
        ("adam", {"foo": 1}, "adam.foo: unknown key"),
        ("rmsprop", {"alpha": 1.5}, "rmsprop.alpha: must be < 1"),
        ("sgd", {"momentum": -0.5}, "sgd.momentum: must be >= 0"),
        ("sgd", {"nesterov": True}, "sgd.nesterov: requires momentum > 0"),
        ("sgd", {"nesterov": True, "momentum": 0.9, "dampening": 0.1}, "sgd.nesterov"),
        ("adagrad", {"lr_decay": -1}, "adagrad.lr_decay: must be >= 0"),
        ("adadelta", {"rho": 1.1}, "adadelta.rho: must be <= 1"),
        ("adam", {"amsgrad": "yes"}, "adam.amsgrad: must be true or false"),
    ],
)
def test_bad_hyperparameters_name_the_key(name, hyper, message):
    with pytest.raises(ExperimentError, match=message.replace("[", r"\[").replace("]", r"\]")):
        make_optimizer(name, [np.zeros(2)], **hyper)


def test_unknown_names_and_flavours_are_reported():
    with pytest.raises(ExperimentError, match="unknown optimizer 'adamm'.*adam"):
        optimizer_class("adamm")
    with pytest.raises(ExperimentError, match="unknown flavour 'jax'.*keras"):
        optimizer_class("adam", "jax")


# --- registry, metadata, state -------------------------------------------------------------

ALL = sorted({*OPTIMIZERS, *ALIASES} | {(d["flavor"], d["name"]) for d in list_optimizers()})


def test_every_flavour_is_registered():
    assert {f for f, _ in ALL} == {"torch", "keras", "textbook", "lecture"}
    torch_names = {n for f, n in ALL if f == "torch"}
    assert torch_names == {
        *("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"),
        *("nadam", "radam", "adadelta", "adamax"),
    }


def test_list_optimizers_applies_alias_defaults_and_is_json():
    entries = {(d["flavor"], d["name"]): d for d in list_optimizers()}
    assert set(entries) == set(ALL)
    defaults = {h["name"]: h["default"] for h in entries[("torch", "nesterov")]["hyperparameters"]}
    assert defaults["momentum"] == 0.9 and defaults["nesterov"] is True
    assert entries[("keras", "adam")]["lr_key"] == "learning_rate"
    assert all(d["equations"] for d in entries.values())
    json.dumps(list(entries.values()))


@pytest.mark.parametrize(("flavor", "name"), ALL)
def test_every_hyperparameter_has_a_symbol_and_a_tooltip(flavor, name):
    cls, _ = optimizer_class(name, flavor)
    assert cls.flavor == flavor and cls.lr_key in {h.name for h in cls.hyperparameters}
    for h in cls.hyperparameters:
        assert h.symbol and h.tooltip, f"{flavor}/{name}.{h.name}"
    assert cls.__doc__ and cls.equations and cls.display_name


# every option that creates state switched on, so each state key is exercised
FULL = {
    ("torch", "sgd"): {"momentum": 0.9},
    ("torch", "rmsprop"): {"momentum": 0.9, "centered": True},
    ("torch", "adam"): {"amsgrad": True},
    ("torch", "adamw"): {"amsgrad": True},
    ("keras", "sgd"): {"momentum": 0.9},
    ("keras", "rmsprop"): {"momentum": 0.9, "centered": True},
    ("keras", "adam"): {"amsgrad": True},
}


@pytest.mark.parametrize(("flavor", "name"), ALL)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_state_arrays_exist_from_the_first_step_shaped_like_the_parameter(flavor, name, dtype):
    cls, _ = optimizer_class(name, flavor)
    params = [np.ones((3, 2), dtype=dtype), np.ones(4, dtype=dtype)]
    opt = make_optimizer(name, params, flavor, **FULL.get((flavor, name), {}))
    assert set(opt.state_keys) <= set(cls.state_keys)
    if (flavor, name) in FULL:
        assert opt.state_keys == cls.state_keys
    opt.step([np.full_like(p, 0.5) for p in params])
    assert opt.t == 1
    for p, state in zip(params, opt.state, strict=True):
        assert p.dtype == dtype
        for key in opt.state_keys:
            assert state[key].shape == p.shape and state[key].dtype == dtype, key


@pytest.mark.parametrize(("flavor", "name"), ALL)
def test_state_arrays_are_updated_in_place(flavor, name):
    """The runner records states by copying one block its optimizers' arrays live in: an
    optimizer that replaced an array instead of writing into it would record zeros."""
    params = [np.ones((3, 2))]
    opt = make_optimizer(name, params, flavor, **FULL.get((flavor, name), {}))
    before = {key: opt.state[0][key] for key in opt.state_keys}
    for _ in range(3):
        opt.step([np.full((3, 2), 0.5)])
    for key, array in before.items():
        assert opt.state[0][key] is array, key
    if opt.state_keys:
        assert any((array != 0).any() for array in before.values())


def test_state_keys_follow_the_configuration():
    w = [np.zeros(2)]
    assert make_optimizer("sgd", w).state_keys == ()
    assert make_optimizer("momentum", w).state_keys == ("momentum_buffer",)
    assert make_optimizer("rmsprop", w).state_keys == ("square_avg",)
    assert make_optimizer("adam", w).state_keys == ("exp_avg", "exp_avg_sq")


LR_VALUES = np.array([[0.001], [0.01], [0.03], [0.1], [0.3]])


@pytest.mark.parametrize(("flavor", "name"), ALL)
def test_an_lr_column_runs_rows_like_separate_runs(flavor, name):
    cls, _ = optimizer_class(name, flavor)
    start = np.array([[1.0, -2.0], [0.5, 0.3], [-1.5, 2.5], [3.0, 0.1], [-0.2, -0.7]])

    def grad(w):  # an ill-conditioned quadratic, rotated: every coordinate couples
        return np.stack([w[:, 0] + 0.8 * w[:, 1], 0.8 * w[:, 0] + 4.0 * w[:, 1]], axis=1)

    together = start.copy()
    opt = make_optimizer(name, [together], flavor)
    for _ in range(12):
        opt.lr = LR_VALUES
        opt.step([grad(together)])
    for row in range(5):
        alone = start[row : row + 1].copy()
        single = make_optimizer(name, [alone], flavor, **{cls.lr_key: float(LR_VALUES[row, 0])})
        for _ in range(12):
            single.step([grad(alone)])
        np.testing.assert_array_equal(together[row : row + 1], alone)


@pytest.mark.parametrize(("flavor", "name"), ALL)
def test_parameters_change_in_place_and_gradients_are_left_alone(flavor, name):
    cls, _ = optimizer_class(name, flavor)
    hyper = dict(FULL.get((flavor, name), {}))
    if "weight_decay" in {h.name for h in cls.hyperparameters}:
        hyper["weight_decay"] = 0.1  # the decay must not write into the caller's gradient
    w = np.array([1.0, 2.0])
    g = np.array([0.5, -0.5])
    opt = make_optimizer(name, [w], flavor, **hyper)
    for _ in range(2):
        opt.step([g])
    assert opt.params[0] is w and not np.array_equal(w, [1.0, 2.0])
    np.testing.assert_array_equal(g, [0.5, -0.5])

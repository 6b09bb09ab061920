"""Lecture flavour (Andrew Ng's notation): hand-derived steps and the links to torch.

Loss w²/2 from w₀ = 1 (g = w), learning rate α = 0.1; expected values from the formulas.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from optviz.engine.optimizers import make_optimizer


def steps(name, n=2, **hyper):
    w = np.array([1.0])
    opt = make_optimizer(name, [w], "lecture", **{"learning_rate": 0.1, **hyper})
    out = []
    for _ in range(n):
        opt.step([w.copy()])
        out.append(float(w[0]))
    return out


def test_gradient_descent():
    assert steps("sgd") == pytest.approx([0.9, 0.81], rel=1e-15)


def test_momentum_averages_gradients_from_zero():
    # v₁ = 0.9·0 + 0.1·1 = 0.1 → w₁ = 1 − 0.01 = 0.99
    # v₂ = 0.9·0.1 + 0.1·0.99 = 0.189 → w₂ = 0.99 − 0.0189 = 0.9711
    assert steps("momentum") == pytest.approx([0.99, 0.9711], rel=1e-14)


def test_rmsprop_divides_by_root_of_average_square():
    # s₁ = 0.1 → w₁ = 1 − 0.1/(√0.1 + 1e-8);  s₂ = 0.09 + 0.1 w₁²
    w1 = 1 - 0.1 / (math.sqrt(0.1) + 1e-8)
    w2 = w1 - 0.1 * w1 / (math.sqrt(0.09 + 0.1 * w1**2) + 1e-8)
    assert steps("rmsprop") == pytest.approx([w1, w2], rel=1e-14)


def test_adam_with_bias_correction():
    # v₁ = 0.1, s₁ = 0.001 → v̂₁ = 1, ŝ₁ = 1 → w₁ = 1 − 0.1/(1 + 1e-8)
    w1 = 1 - 0.1 / (1 + 1e-8)
    v2, s2 = 0.09 + 0.1 * w1, 0.999 * 0.001 + 0.001 * w1**2
    w2 = w1 - 0.1 * (v2 / (1 - 0.81)) / (math.sqrt(s2 / (1 - 0.999**2)) + 1e-8)
    assert steps("adam") == pytest.approx([w1, w2], rel=1e-14)


def walk(name, flavor, n=40, **hyper):
    w = np.array([[3.0, -2.0]])
    opt = make_optimizer(name, [w], flavor, **hyper)
    for _ in range(n):
        opt.step([w * [[1.0, 10.0]]])
    return w


def test_lecture_adam_is_torch_adam_in_other_words():
    lecture = walk("adam", "lecture", learning_rate=0.05, beta1=0.8, beta2=0.99, epsilon=1e-6)
    torch = walk("adam", "torch", lr=0.05, betas=(0.8, 0.99), eps=1e-6)
    np.testing.assert_allclose(lecture, torch, rtol=1e-12)


def test_lecture_momentum_differs_from_dampened_torch_sgd_by_the_first_step_only():
    # torch's buffer starts at b₁ = g, the lecture's at v₁ = (1 − β) g: after one step the
    # rules agree, so one torch step from the lecture's first point retraces the lecture
    lecture = walk("momentum", "lecture", n=1, learning_rate=0.1, beta=0.9)
    torch = walk("sgd", "torch", n=1, lr=0.1, momentum=0.9, dampening=0.9)
    assert not np.allclose(lecture, torch)
    # with both buffers holding the same value, one more step agrees
    w_l, w_t = np.array([[1.0, 1.0]]), np.array([[1.0, 1.0]])
    lec = make_optimizer("momentum", [w_l], "lecture", learning_rate=0.1, beta=0.9)
    tor = make_optimizer("sgd", [w_t], "torch", lr=0.1, momentum=0.9, dampening=0.9)
    lec.step([np.array([[1.0, 1.0]])])
    tor.step([np.array([[0.1, 0.1]])])  # b₁ = 0.1 = v₁
    np.testing.assert_allclose(w_l, w_t, rtol=1e-15)
    for _ in range(20):
        lec.step([w_l * [[1.0, 10.0]]])
        tor.step([w_t * [[1.0, 10.0]]])
    np.testing.assert_allclose(w_l, w_t, rtol=1e-12)

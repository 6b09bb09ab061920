"""tf.keras flavour: the course's published values and hand-derived steps.

Loss w²/2 from w₀ = 1, so g = w; learning rate 0.1 unless stated. Expected values come
from the update rules in keras/src/optimizers/*.py, written out with Python floats.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from optviz.engine.optimizers import make_optimizer


def steps(name, n=2, grads=None, **hyper) -> list[float]:
    w = np.array([1.0])
    opt = make_optimizer(name, [w], "keras", **{"learning_rate": 0.1, **hyper})
    out = []
    for i in range(n):
        opt.step([w.copy() if grads is None else np.array([grads[i]])])
        out.append(float(w[0]))
    return out


def approx(*values):
    return pytest.approx(list(values), rel=1e-13, abs=1e-15)


# The course prints tf.keras results, computed in float32, to 7–8 digits. optviz computes in
# float64, so the published number is our value rounded to float32, give or take the one or
# two float32 roundings Keras makes along the way: compare within 2 float32 units in the
# last place (2 × 6e-8 near 1).
def float32_close(ours: float, published: float) -> bool:
    return abs(ours - published) <= 2 * float(np.spacing(np.float32(published)))


def test_course_values_sgd():
    assert float32_close(steps("sgd", n=1)[0], 0.9)


def test_course_values_momentum_steps_are_0_1_then_0_18():
    w1, w2 = steps("momentum")
    assert float32_close(1 - w1, 0.1) and float32_close(w1 - w2, 0.18)


def test_course_values_rmsprop():
    # v₁ = 0.1 · 1² = 0.1; w₁ = 1 − 0.1 · 1 / √(0.1 + 1e-7) = 0.68377239… (float64); Keras'
    # float32 arithmetic prints 0.6837723
    w1 = steps("rmsprop", n=1)[0]
    assert w1 == pytest.approx(1 - 0.1 / math.sqrt(0.1 + 1e-7), rel=1e-15)
    assert float32_close(w1, 0.6837723)


def test_course_values_adam():
    # m₁ = 0.1, v₁ = 0.001, ηₜ = 0.1·√0.001/0.1 → w₁ = 1 − ηₜ·0.1/(√0.001 + 1e-7)
    w1 = steps("adam", n=1)[0]
    alpha = 0.1 * math.sqrt(1 - 0.999) / (1 - 0.9)
    assert w1 == pytest.approx(1 - alpha * 0.1 / (math.sqrt(0.001) + 1e-7), rel=1e-15)
    assert float32_close(w1, 0.90000033)
    assert np.float32(w1) == np.float32(0.90000033)  # it even rounds to the printed float32


def test_sgd_momentum_velocity_is_mu_v_minus_lr_g():
    # v₁ = −0.1, w₁ = 0.9;  v₂ = 0.9·(−0.1) − 0.1·0.9 = −0.18, w₂ = 0.72
    assert steps("sgd", momentum=0.9) == approx(0.9, 0.72)


def test_sgd_nesterov_adds_mu_v_minus_lr_g():
    # v₁ = −0.1; w₁ = 1 + 0.9·(−0.1) − 0.1 = 0.81
    # v₂ = 0.9·(−0.1) − 0.081 = −0.171; w₂ = 0.81 + 0.9·(−0.171) − 0.081 = 0.5751
    assert steps("nesterov") == approx(0.81, 0.5751)


def test_nesterov_without_momentum_is_plain_sgd_as_in_keras():
    assert steps("sgd", nesterov=True) == approx(0.9, 0.81)


def test_adagrad_starts_the_accumulator_at_0_1_and_puts_eps_inside_the_root():
    eps = 1e-7
    w1 = 1 - 0.1 * 1 / math.sqrt(0.1 + 1 + eps)  # acc₁ = 0.1 + 1²
    w2 = w1 - 0.1 * w1 / math.sqrt(1.1 + w1**2 + eps)
    assert steps("adagrad") == approx(w1, w2)


def test_rmsprop_centered_with_momentum():
    rho, mu, eps = 0.9, 0.5, 1e-7
    v1, a1 = 0.1, 0.1  # running g² and running g after g = 1
    inc1 = 0.1 * 1 / math.sqrt(v1 - a1**2 + eps)
    w1 = 1 - inc1
    v2, a2 = rho * v1 + 0.1 * w1**2, rho * a1 + 0.1 * w1
    m2 = mu * inc1 + 0.1 * w1 / math.sqrt(v2 - a2**2 + eps)
    assert steps("rmsprop", momentum=mu, centered=True) == approx(w1, w1 - m2)


def test_adam_second_step_and_amsgrad():
    def by_hand(grads, amsgrad):
        w, m, v, v_hat, out = 1.0, 0.0, 0.0, 0.0, []
        for t, g in enumerate(grads, start=1):
            alpha = 0.1 * math.sqrt(1 - 0.999**t) / (1 - 0.9**t)
            m, v = m + (g - m) * 0.1, v + (g * g - v) * (1 - 0.999)
            v_hat = max(v_hat, v)
            w -= m * alpha / (math.sqrt(v_hat if amsgrad else v) + 1e-7)
            out.append(w)
        return out

    w1 = steps("adam", n=1)[0]
    assert steps("adam") == approx(*by_hand([1.0, w1], False))
    grads = [1.0, 0.01]  # v shrinks on step 2, so AMSGrad keeps v₁
    assert steps("adam", grads=grads, amsgrad=True) == approx(*by_hand(grads, True))
    assert by_hand(grads, True) != by_hand(grads, False)


def test_keras_momentum_equals_torch_momentum_with_the_same_lr():
    # v = μ v − η g, w += v  and  b = μ b + g, w −= η b  are the same walk (v = −η b)
    def walk(name, flavor, **hyper):
        w = np.array([[3.0, -2.0]])
        opt = make_optimizer(name, [w], flavor, **hyper)
        for _ in range(40):
            opt.step([w * [[1.0, 10.0]]])
        return w

    keras = walk("sgd", "keras", learning_rate=0.05, momentum=0.8)
    torch = walk("sgd", "torch", lr=0.05, momentum=0.8)
    np.testing.assert_allclose(keras, torch, rtol=1e-12)
    keras = walk("sgd", "keras", learning_rate=0.05, momentum=0.8, nesterov=True)
    torch = walk("sgd", "torch", lr=0.05, momentum=0.8, nesterov=True)
    np.testing.assert_allclose(keras, torch, rtol=1e-12)

"""Textbook flavour (Deep Learning from Scratch, ch. 6) against the book's own code.

`Book*` below are a literal transcription of the classes in the book's
``common/optimizer.py`` and of the driver in ``ch06/optimizer_compare_naive.py``
(github.com/oreilly-japan/deep-learning-from-scratch); they share nothing with optviz.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from optviz.engine.optimizers import make_optimizer

# ---- the book's code, as printed (comments and docstrings dropped) -----------------------


class BookSGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class BookMomentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)

        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class BookNesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)

        for key in params.keys():
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]


class BookAdaGrad:
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)

        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class BookRMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)

        for key in params.keys():
            self.h[key] *= self.decay_rate
            self.h[key] += (1 - self.decay_rate) * grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class BookAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
            for key, val in params.items():
                self.m[key] = np.zeros_like(val)
                self.v[key] = np.zeros_like(val)

        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)

        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])

            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


def book_df(x, y):
    return x / 10.0, 2.0 * y


def book_history(optimizer, init_pos=(-7.0, 2.0), iterations=30):
    """The loop of optimizer_compare_naive.py: the points *before* each update."""
    params, grads = {}, {}
    params["x"], params["y"] = init_pos[0], init_pos[1]
    x_history, y_history = [], []
    for _ in range(iterations):
        x_history.append(params["x"])
        y_history.append(params["y"])
        grads["x"], grads["y"] = book_df(params["x"], params["y"])
        optimizer.update(params, grads)
    return np.array([x_history, y_history], dtype=float).T


# ---- optviz ---------------------------------------------------------------------------------


def optviz_history(name, iterations=30, start=(-7.0, 2.0), **hyper):
    w = np.array([start])
    opt = make_optimizer(name, [w], "textbook", **hyper)
    points = []
    for _ in range(iterations):
        points.append(w[0].copy())
        opt.step([np.array([[w[0, 0] / 10.0, 2.0 * w[0, 1]]])])
    return np.array(points)


FIGURE = [  # the book's figure 6-8: name, its class, learning rate
    ("sgd", BookSGD, 0.95),
    ("momentum", BookMomentum, 0.1),
    ("adagrad", BookAdaGrad, 1.5),
    ("adam", BookAdam, 0.3),
]


@pytest.mark.parametrize(("name", "book_class", "lr"), FIGURE)
def test_the_figure_trajectories_equal_the_books_code(name, book_class, lr):
    np.testing.assert_array_equal(optviz_history(name, lr=lr), book_history(book_class(lr=lr)))


@pytest.mark.parametrize(
    ("name", "book_class"), [("nesterov", BookNesterov), ("rmsprop", BookRMSprop)]
)
def test_the_other_book_optimizers_equal_the_books_code(name, book_class):
    np.testing.assert_array_equal(optviz_history(name, lr=0.2), book_history(book_class(lr=0.2)))


def test_the_book_defaults_are_ours():
    for name, book_class in [
        *((n, c) for n, c, _ in FIGURE),
        ("nesterov", BookNesterov),
        ("rmsprop", BookRMSprop),
    ]:
        np.testing.assert_array_equal(optviz_history(name), book_history(book_class()))


def test_sgd_zig_zags_across_the_ravine():
    # y ← y − 0.95 · 2y = −0.9 y flips sign every step, while x ← x − 0.95 x/10 = 0.905 x
    # creeps towards 0 from one side: the zig-zag of the book's figure
    x, y = optviz_history("sgd", lr=0.95).T
    assert np.all(np.sign(y[1:]) == -np.sign(y[:-1]))
    assert np.all(x < 0) and np.all(np.diff(x) > 0)


def steps(name, n=2, **hyper):
    w = np.array([1.0])
    opt = make_optimizer(name, [w], "textbook", **{"lr": 0.1, **hyper})
    out = []
    for _ in range(n):
        opt.step([w.copy()])  # loss w²/2: g = w
        out.append(float(w[0]))
    return out


def test_hand_derived_first_steps():
    approx = pytest.approx
    # SGD: 1 − 0.1 = 0.9, then 0.9 − 0.09
    assert steps("sgd") == approx([0.9, 0.81], rel=1e-15)
    # Momentum: v₁ = −0.1 → 0.9;  v₂ = 0.9·(−0.1) − 0.09 = −0.18 → 0.72
    assert steps("momentum") == approx([0.9, 0.72], rel=1e-15)
    # Nesterov: v₁ = −0.1;  w₁ = 1 + 0.81·(−0.1) − 1.9·0.1·1 = 0.729
    assert steps("nesterov", n=1) == approx([0.729], rel=1e-15)
    # AdaGrad: h₁ = 1 → w₁ = 1 − 0.1/(1 + 1e-7);  h₂ = 1 + w₁²
    w1 = 1 - 0.1 / (1 + 1e-7)
    assert steps("adagrad") == approx([w1, w1 - 0.1 * w1 / (math.sqrt(1 + w1**2) + 1e-7)])
    # RMSprop: h₁ = 0.01 → w₁ = 1 − 0.1/(0.1 + 1e-7);  h₂ = 0.99·0.01 + 0.01·w₁²
    w1 = 1 - 0.1 / (0.1 + 1e-7)
    h2 = 0.99 * 0.01 + 0.01 * w1**2
    assert steps("rmsprop") == approx([w1, w1 - 0.1 * w1 / (math.sqrt(h2) + 1e-7)])
    # Adam: ηₜ = 0.1·√0.001/0.1, m₁ = 0.1, v₁ = 0.001 → the Keras value 0.90000032
    lr_t = 0.1 * math.sqrt(0.001) / 0.1
    assert steps("adam", n=1) == approx([1 - lr_t * 0.1 / (math.sqrt(0.001) + 1e-7)])


def test_textbook_adam_is_keras_adam_with_default_epsilon():
    w_book, w_keras = np.array([[2.0, -1.0]]), np.array([[2.0, -1.0]])
    book = make_optimizer("adam", [w_book], "textbook", lr=0.05)
    keras = make_optimizer("adam", [w_keras], "keras", learning_rate=0.05)
    for _ in range(50):
        book.step([w_book * [[1.0, 20.0]]])
        keras.step([w_keras * [[1.0, 20.0]]])
    np.testing.assert_allclose(w_book, w_keras, rtol=1e-13)

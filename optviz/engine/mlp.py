"""A fully connected network in plain NumPy: forward pass, softmax cross-entropy, back-propagation.

The network of the textbook race (784-100-100-100-100-10, ReLU, He initialisation). Shapes:
inputs ``x: (batch, n_in)``, weights ``W: (fan_in, fan_out)``, biases ``b: (fan_out,)``,
``logits: (batch, n_out)``, integer ``labels: (batch,)``.

The loss is the mean softmax cross-entropy plus ½·λ·ΣW² over the weights only (biases are not
decayed), as in *Deep Learning from Scratch*, ``MultiLayerNet``. The gradients are written out
by hand with the chain rule; every activation derivative is computed from the activation's
output, so the forward pass keeps only the layer outputs and works in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from optviz.engine.errors import ExperimentError

Array = np.ndarray

ACTIVATIONS = ("relu", "sigmoid", "tanh")
INITS = ("he", "xavier")


def _activate(z: Array, activation: str) -> Array:
    """Apply the activation to z in place and return it."""
    if activation == "relu":
        return np.maximum(z, 0, out=z)
    if activation == "sigmoid":
        # 1 / (1 + e^(−z)); exp overflows to inf for z < −88 (float32), which still gives 0.
        with np.errstate(over="ignore"):
            np.negative(z, out=z)
            np.exp(z, out=z)
        z += 1
        return np.reciprocal(z, out=z)
    return np.tanh(z, out=z)


def _backprop_activation(delta: Array, out: Array, activation: str) -> None:
    """delta ← delta ⊙ f'(z), with f' written through the output h = f(z); in place."""
    if activation == "relu":
        delta *= out > 0
    elif activation == "sigmoid":
        delta *= out * (1 - out)  # σ' = σ(1 − σ)
    else:
        delta *= 1 - out * out  # tanh' = 1 − tanh²


def softmax_cross_entropy(logits: Array, labels: Array) -> tuple[float, Array]:
    """Mean cross-entropy and its gradient with respect to the logits, (batch, n_out).

    Log-sum-exp with the row maximum subtracted, so large logits neither overflow nor lose
    the small probabilities. Works in place on ``logits``.
    """
    n = logits.shape[0]
    rows = np.arange(n)
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    sum_exp = exp.sum(axis=1)
    # −log softmax(z)_y = log Σ e^z − z_y  (after the shift, z ≤ 0 and Σ e^z ≥ 1)
    loss = float(np.log(sum_exp).sum() - logits[rows, labels].sum()) / n
    exp /= sum_exp[:, None]  # softmax probabilities p
    exp[rows, labels] -= 1  # ∂(CE)/∂z = p − onehot(y), then divide by n for the mean
    exp *= 1.0 / n
    return loss, exp


class MLP:
    """Fully connected network with softmax cross-entropy loss.

    params: [W1, b1, W2, b2, ...] in that order, W shaped (fan_in, fan_out). Optimizers
    update these arrays in place; `set_params` copies values into them (never rebinds).

    All parameters are views of one flat vector, `flat` (and `loss_and_flat_grad` fills one
    flat gradient): an optimizer given [flat] updates the whole network with one NumPy call
    per operation instead of one per layer — the same element-wise arithmetic, so the same
    numbers, in about two thirds of the time (Adam on the default network).
    """

    def __init__(
        self,
        n_in: int,
        hidden: Sequence[int] = (100, 100, 100, 100),
        n_out: int = 10,
        activation: str = "relu",
        init: str | float = "he",
        weight_decay: float = 0.0,
        seed: int = 0,
        dtype: type | np.dtype = np.float32,
    ):
        if activation not in ACTIVATIONS:
            raise ExperimentError.of(
                "{path}: must be one of {options}, got {value}",
                path="activation",
                options=", ".join(ACTIVATIONS),
                value=repr(activation),
            )
        if not isinstance(init, int | float) and init not in INITS:
            raise ExperimentError.of(
                "{path}: must be one of {options} or a number (std), got {value}",
                path="init",
                options=", ".join(INITS),
                value=repr(init),
            )
        sizes = [int(n_in), *(int(h) for h in hidden), int(n_out)]
        if any(s < 1 for s in sizes):
            raise ExperimentError.of("layer sizes must be positive, got {sizes}", sizes=str(sizes))
        if weight_decay < 0:
            raise ExperimentError.of(
                "{path}: must be >= {low}, got {value}",
                path="weight_decay",
                low=0,
                value=f"{weight_decay:g}",
            )
        self.sizes = sizes
        self.activation = activation
        self.init = init
        self.weight_decay = float(weight_decay)
        self.seed = seed
        self.dtype = np.dtype(dtype)
        rng = np.random.default_rng(seed)
        n_params = sum(a * b + b for a, b in zip(sizes, sizes[1:], strict=False))
        self.flat = np.empty(n_params, self.dtype)
        self.flat_grad = np.empty_like(self.flat)
        self._bind_views()
        for k, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
            # The textbook's scales: He √(2/n) for ReLU, "Xavier" √(1/n) for sigmoid/tanh,
            # n = fan_in. Drawn in float64 so float32 and float64 nets share their weights.
            if init == "he":
                std = np.sqrt(2.0 / fan_in)
            elif init == "xavier":
                std = np.sqrt(1.0 / fan_in)
            else:
                std = float(init)
            self.params[2 * k][...] = rng.standard_normal((fan_in, fan_out)) * std
            self.params[2 * k + 1][...] = 0

    def _bind_views(self) -> None:
        """params and grads: [W1, b1, …] as views of `flat` and `flat_grad`."""
        self.params: list[Array] = []
        self.grads: list[Array] = []
        start = 0
        for fan_in, fan_out in zip(self.sizes[:-1], self.sizes[1:], strict=True):
            for shape in ((fan_in, fan_out), (fan_out,)):
                stop = start + int(np.prod(shape))
                self.params.append(self.flat[start:stop].reshape(shape))
                self.grads.append(self.flat_grad[start:stop].reshape(shape))
                start = stop

    def __getstate__(self) -> dict:
        # Views do not survive pickling or deepcopy as views: rebuild them from the vectors.
        return {k: v for k, v in self.__dict__.items() if k not in ("params", "grads")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._bind_views()

    @property
    def n_layers(self) -> int:
        return len(self.params) // 2

    @property
    def weights(self) -> list[Array]:
        return self.params[0::2]

    def _layer_outputs(self, x: Array) -> list[Array]:
        """[x, h1, ..., logits]: the input (as dtype) and each layer's output."""
        outputs = [np.asarray(x, dtype=self.dtype)]
        last = self.n_layers - 1
        for i in range(self.n_layers):
            z = outputs[-1] @ self.params[2 * i]
            z += self.params[2 * i + 1]
            outputs.append(z if i == last else _activate(z, self.activation))
        return outputs

    def forward(self, x: Array) -> Array:
        """Logits, (batch, n_out)."""
        return self._layer_outputs(x)[-1]

    def _decay_term(self) -> float:
        if not self.weight_decay:
            return 0.0
        total = sum(float(np.vdot(w, w)) for w in self.weights)
        return 0.5 * self.weight_decay * total

    def _check_labels(self, labels: Array, n: int) -> Array:
        labels = np.asarray(labels)
        if labels.shape != (n,):
            raise ValueError(f"labels must have shape ({n},), got {labels.shape}")
        return labels

    def loss(self, x: Array, labels: Array, batch: int = 1000) -> float:
        """Mean cross-entropy over all of x (evaluated `batch` rows at a time) + weight decay."""
        labels = self._check_labels(labels, len(x))
        total = 0.0
        for start in range(0, len(x), batch):
            logits = self.forward(x[start : start + batch])
            part, _ = softmax_cross_entropy(logits, labels[start : start + batch])
            total += part * len(logits)
        return total / len(x) + self._decay_term()

    def loss_and_grads(self, x: Array, labels: Array) -> tuple[float, list[Array]]:
        """Loss on this batch and its gradient for every parameter (new arrays, in the order
        of `params`); see `loss_and_flat_grad`."""
        loss, _ = self.loss_and_flat_grad(x, labels)
        return loss, [g.copy() for g in self.grads]

    def loss_and_flat_grad(self, x: Array, labels: Array) -> tuple[float, Array]:
        """Loss on this batch and its gradient as one vector laid out like `flat` (the
        network's own buffer `flat_grad`, overwritten by the next call).

        Back-propagation, layer L down to 1, with δ = ∂loss/∂z_L = (softmax − onehot)/n:
        ∂W = h_{l−1}ᵀ δ (+ λW), ∂b = Σ_rows δ, δ ← (δ W_lᵀ) ⊙ f'(z_{l−1}).
        The last δ W₁ᵀ (the gradient for the input) is never needed and not computed.
        """
        outputs = self._layer_outputs(x)
        labels = self._check_labels(labels, len(outputs[0]))
        loss, delta = softmax_cross_entropy(outputs[-1], labels)
        loss += self._decay_term()
        for i in reversed(range(self.n_layers)):
            weight = self.params[2 * i]
            below = outputs[i]
            grad_w = np.matmul(below.T, delta, out=self.grads[2 * i])
            if self.weight_decay:
                grad_w += self.weight_decay * weight
            delta.sum(axis=0, out=self.grads[2 * i + 1])
            if i > 0:
                delta = delta @ weight.T
                _backprop_activation(delta, below, self.activation)
        return loss, self.flat_grad

    def predict(self, x: Array, batch: int = 1000) -> Array:
        """Most likely class per row, (n,) int64, evaluated `batch` rows at a time."""
        out = np.empty(len(x), dtype=np.int64)
        for start in range(0, len(x), batch):
            out[start : start + batch] = self.forward(x[start : start + batch]).argmax(axis=1)
        return out

    def accuracy(self, x: Array, labels: Array, batch: int = 1000) -> float:
        """Fraction of rows whose most likely class equals the label."""
        labels = self._check_labels(labels, len(x))
        if len(x) == 0:
            return float("nan")
        return float(np.mean(self.predict(x, batch) == labels))

    def copy_params(self) -> list[Array]:
        """Independent copies of the parameters."""
        return [p.copy() for p in self.params]

    def set_params(self, params: Sequence[Array]) -> None:
        """Copy values into the existing parameter arrays (optimizers keep their references)."""
        if len(params) != len(self.params):
            raise ValueError(f"expected {len(self.params)} arrays, got {len(params)}")
        for mine, theirs in zip(self.params, params, strict=True):
            if np.shape(theirs) != mine.shape:
                raise ValueError(f"shape mismatch: {np.shape(theirs)} vs {mine.shape}")
            np.copyto(mine, theirs)

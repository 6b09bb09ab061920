"""The course's concept demos as plain NumPy: exponentially weighted averages, schedule
curves, learning-rate sweeps, basins of attraction and the 2-2-2 back-propagation example.

This module holds the small ones (EWA, the demo series, schedule curves) and re-exports the
others: `concepts_sweep` (lr_sweep) and `concepts_basins` (basins), both running many
descents in one vectorised loop (`concepts_descent`), and `concepts_backprop` (the classic
worked example). The Concepts tab only draws what these
return.
"""

from __future__ import annotations

import numpy as np

from optviz.engine.concepts_backprop import (
    EDGES,
    BackpropExample,
    backprop_example,
    output_delta_gradients,
)
from optviz.engine.concepts_basins import BasinMap, basins
from optviz.engine.concepts_descent import Descent, RunGroup, descend, optimizer_spec
from optviz.engine.concepts_sweep import LRSweep, lr_sweep
from optviz.engine.errors import ExperimentError
from optviz.engine.schedules import make_schedule

__all__ = [
    "DEMO_TEMPERATURES",
    "EDGES",
    "BackpropExample",
    "BasinMap",
    "Descent",
    "LRSweep",
    "RunGroup",
    "backprop_example",
    "basins",
    "demo_plateau_loss",
    "descend",
    "effective_window",
    "ewa",
    "ewa_weights",
    "lr_sweep",
    "noisy_series",
    "optimizer_spec",
    "output_delta_gradients",
    "schedule_curve",
]

# --- exponentially weighted average -----------------------------------------------------

# torch.manual_seed(0); torch.randn(30) * 10, rounded to 4 decimals (TEACHING.md).
# noisy_series(30, seed=0) recomputes it (tests/engine/test_concepts.py checks).
DEMO_TEMPERATURES = np.array(
    [
        -11.2584, -11.5236, -2.5058, -4.3388, 8.4871, 6.9201, -3.1601, -21.1522, 3.2227,
        -12.6333, 3.4998, 3.0813, 1.1984, 12.3766, -1.4347, -1.1161, -6.1358, 0.3159,
        -4.9268, 2.4841, 4.3970, 1.1241, -8.4106, -23.1604, -1.0231, 7.9244, -2.8967,
        0.5251, 5.2286, 23.0221,
    ]
)  # fmt: skip

INITS = ("zero", "first")


def _check_beta(beta: float) -> float:
    beta = float(beta)
    if not 0.0 <= beta < 1.0:
        raise ExperimentError.of(
            "{path}: must be in [0, 1), got {value}", path="beta", value=f"{beta:g}"
        )
    return beta


def _check_init(init: str, bias_correction: bool) -> None:
    if init not in INITS:
        raise ExperimentError.of(
            "{path}: must be 'zero' or 'first', got {value}", path="init", value=repr(init)
        )
    if init == "first" and bias_correction:
        # With S₁ = Y₁ the weights already sum to 1: there is no bias to correct.
        raise ExperimentError.of(
            "{path}: applies to S₀ = 0 only (init 'zero')", path="bias_correction"
        )


def ewa(values, beta: float, bias_correction: bool = False, init: str = "zero") -> np.ndarray:
    """S_t = β S_{t−1} + (1 − β) Y_t for t = 1…n; returns (S_1, …, S_n), shape (n,).

    init "zero": S_0 = 0, as in the lecture (early values biased towards 0; bias_correction
    divides by 1 − βᵗ). init "first": S_1 = Y_1, as in the course's code.
    """
    beta = _check_beta(beta)
    _check_init(init, bias_correction)
    series = np.asarray(values, dtype=np.float64).ravel()
    out = np.empty_like(series)
    average = 0.0
    for t, value in enumerate(series.tolist()):
        average = value if (t == 0 and init == "first") else beta * average + (1 - beta) * value
        out[t] = average
    if bias_correction:
        out /= 1.0 - beta ** np.arange(1, len(series) + 1)
    return out


def ewa_weights(
    t: int, beta: float, bias_correction: bool = False, init: str = "zero"
) -> np.ndarray:
    """The weight of Y_1 … Y_t in S_t, shape (t,): S_t = Σ_k weights[k − 1] · Y_k.

    Y_k gets (1 − β) β^(t − k): the weights sum to 1 − βᵗ, or to 1 with bias correction
    (÷ (1 − βᵗ)) or with init "first" (Y_1 then gets β^(t − 1)).
    """
    beta = _check_beta(beta)
    _check_init(init, bias_correction)
    t = int(t)
    if t < 1:
        raise ExperimentError.of("{path}: must be >= {low}, got {value}", path="t", low=1, value=t)
    weights = (1.0 - beta) * beta ** np.arange(t - 1, -1, -1, dtype=np.float64)
    if init == "first":
        weights[0] = beta ** (t - 1)
    if bias_correction:
        weights /= 1.0 - beta**t
    return weights


def effective_window(beta: float) -> float:
    """1 / (1 − β): roughly how many recent values an EWA averages (β = 0.9 → 10)."""
    return 1.0 / (1.0 - _check_beta(beta))


def noisy_series(
    n: int, seed: int = 0, scale: float = 10.0, decimals: int | None = 4
) -> np.ndarray:
    """`torch.manual_seed(seed); torch.randn(n) * scale` on the CPU, without torch; (n,).

    torch draws from a Mersenne Twister seeded like NumPy's legacy RandomState. For n ≥ 16
    it fills float32 uniforms and turns blocks of 16 into normals by Box–Muller (the last,
    partial block is redrawn); for n < 16 it draws float64 Box–Muller pairs, one cached.
    Rounded to `decimals` (None: keep the float32 values).
    """
    n, scale = int(n), np.float32(scale)
    if n < 0:
        raise ExperimentError.of("{path}: must be >= {low}, got {value}", path="n", low=0, value=n)
    raw = np.random.RandomState(int(seed))  # legacy seeding = torch's mt19937 seeding

    def words(count: int) -> np.ndarray:
        return raw.randint(0, 2**32, size=count, dtype=np.uint32).astype(np.uint64)

    if n >= 16:
        out = _normal_fill(((words(n) & (2**24 - 1)) * 2.0**-24).astype(np.float32))
        if n % 16:
            tail = ((words(16) & (2**24 - 1)) * 2.0**-24).astype(np.float32)
            out[n - 16 :] = _normal_fill(tail)
    else:
        out = np.empty(n, dtype=np.float32)
        pairs = words(4 * ((n + 1) // 2)).reshape(-1, 2, 2)
        # torch's random64(): two 32-bit words, the first as the high half; 53 bits kept.
        uniform = ((pairs[..., 0] << 32 | pairs[..., 1]) & (2**53 - 1)) * 2.0**-53
        radius = np.sqrt(-2.0 * np.log1p(-uniform[:, 1]))
        theta = 2.0 * np.pi * uniform[:, 0]
        both = np.stack([radius * np.cos(theta), radius * np.sin(theta)], axis=1).ravel()
        out[:] = both[:n]
    values = (out * scale).astype(np.float64)
    return values if decimals is None else np.round(values, decimals)


def _normal_fill(uniform: np.ndarray) -> np.ndarray:
    """torch's normal_fill_16 over every whole block of 16 float32 uniforms."""
    out = uniform.copy()
    for start in range(0, len(out) - 15, 16):
        block = uniform[start : start + 16]
        radius = np.sqrt(np.float32(-2.0) * np.log(np.float32(1.0) - block[:8]))
        theta = np.float32(2.0 * np.pi) * block[8:]
        out[start : start + 8] = radius * np.cos(theta)
        out[start + 8 : start + 16] = radius * np.sin(theta)
    return out


# --- schedules --------------------------------------------------------------------------


def demo_plateau_loss(steps: int) -> np.ndarray:
    """A made-up training loss that falls, then stalls: e^(−t/20) + 0.1 after update t + 1.

    Reduce-on-plateau only has a curve once it sees a loss; the gallery feeds it this one.
    """
    return np.exp(-np.arange(1, int(steps) + 1) / 20.0) + 0.1


def schedule_curve(spec: dict | None, base_lr: float, steps: int, losses=None) -> np.ndarray:
    """Learning rates of updates 1 … steps, shape (steps,).

    A stateful schedule (reduce on plateau) reacts to the loss after each update:
    losses[t] is the loss after update t + 1 (default: `demo_plateau_loss`), fed to it the
    way the runner does.
    """
    schedule = make_schedule(spec, float(base_lr))
    steps = int(steps)
    if not schedule.stateful:
        return np.asarray(schedule.values(steps), dtype=np.float64).reshape(steps)
    losses = demo_plateau_loss(steps) if losses is None else np.asarray(losses, np.float64)
    schedule.reset(1)
    out = np.empty(steps)
    for t in range(steps):
        if t:
            schedule.observe(t - 1, losses[t - 1 : t])
        out[t] = float(np.ravel(schedule.lr_at(t))[0])
    return out

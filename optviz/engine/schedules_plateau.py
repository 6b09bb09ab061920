"""The schedule that follows the loss: reduce the learning rate when it stops improving."""

from __future__ import annotations

import numpy as np

from optviz.engine.hyper import Hyper
from optviz.engine.schedules_base import Schedule, _int, _positive


class ReduceOnPlateau(Schedule):
    """torch ReduceLROnPlateau, mode "min" on the training loss, one state per run.

    observe(t, loss) after update t + 1 decides lr_at(t + 1) onwards: the lr drops once
    more than `patience` observations in a row fail to beat the best loss (rel: loss <
    best·(1 − threshold); abs: loss < best − threshold). NaN never improves. After
    reset(n_runs) lr_at returns shape (n_runs,); before it, base_lr unchanged.
    """

    name = "reduce_on_plateau"
    display_name = "Reduce on plateau"
    torch_name = "ReduceLROnPlateau"
    formula = "η ← max(η · factor, min_lr) after more than `patience` steps without improvement"
    stateful = True
    hyperparameters = (
        _positive("factor", 0.1, "η ← η · factor", high=1, high_open=True),
        _int("patience", 10, 0, "steps without improvement tolerated"),
        Hyper("threshold", 1e-4, low=0, tooltip="how much lower counts as better"),
        Hyper("threshold_mode", "rel", kind="choice", choices=("rel", "abs")),
        _int("cooldown", 0, 0, "steps to wait after a reduction"),
        Hyper("min_lr", 0.0, low=0, tooltip="lower bound"),
    )
    eps = 1e-8  # torch skips a reduction smaller than this

    history: list[np.ndarray] = []  # after reset: history[t] is lr_at(t), shape (n_runs,)

    def reset(self, n_runs: int) -> None:
        """Start n_runs independent runs (base_lr: a scalar or one value per run)."""
        self.lr = np.broadcast_to(np.ravel(self.base_lr), (n_runs,)).astype(float)
        self.best = np.full(n_runs, np.inf)
        self.num_bad = np.zeros(n_runs, dtype=int)
        self.cooldown_counter = np.zeros(n_runs, dtype=int)
        self.history = [self.lr.copy()]  # a new list per instance

    def observe(self, step: int, loss: np.ndarray) -> None:
        """The loss after update step + 1, shape (n_runs,)."""
        if not self.history:
            raise RuntimeError("reset(n_runs) must come before observe")
        if step + 1 < len(self.history):
            raise ValueError(f"step {step} was already observed")
        while len(self.history) < step + 1:  # steps not observed kept their lr
            self.history.append(self.lr.copy())
        p, loss = self.params, np.asarray(loss, dtype=float)
        if p["threshold_mode"] == "rel":
            better = loss < self.best * (1.0 - p["threshold"])
        else:
            better = loss < self.best - p["threshold"]
        self.best = np.where(better, loss, self.best)
        self.num_bad = np.where(better, 0, self.num_bad + 1)
        in_cooldown = self.cooldown_counter > 0
        self.cooldown_counter[in_cooldown] -= 1
        self.num_bad[in_cooldown] = 0  # bad steps during cooldown do not count
        reduce = self.num_bad > p["patience"]
        new_lr = np.maximum(self.lr * p["factor"], p["min_lr"])
        self.lr = np.where(reduce & (self.lr - new_lr > self.eps), new_lr, self.lr)
        self.cooldown_counter[reduce] = p["cooldown"]
        self.num_bad[reduce] = 0
        self.history.append(self.lr.copy())

    def lr_at(self, step):
        if not self.history:
            return self.base_lr
        return (self.history[step] if step < len(self.history) else self.lr).copy()

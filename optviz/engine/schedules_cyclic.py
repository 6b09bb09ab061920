"""Cosine annealing and cyclical schedules: cosine, cosine with warm restarts, CLR, one-cycle."""

from __future__ import annotations

import math

from optviz.engine.errors import ExperimentError
from optviz.engine.hyper import Hyper
from optviz.engine.schedules_base import PATH, Schedule, _flag, _int, _positive

MAX_LR = _positive("max_lr", 0.1, "peak learning rate (absolute)", log=True, symbol="η_max")
ETA_MIN = Hyper("eta_min", 0.0, low=0, symbol="η_min", tooltip="lowest learning rate")


class Cosine(Schedule):
    """torch CosineAnnealingLR in closed form; past T_max it climbs back (period 2·T_max).

    keras CosineDecay is the same up to t = decay_steps (alpha = η_min / η₀), then holds.
    """

    name = "cosine"
    display_name = "Cosine annealing"
    torch_name = "CosineAnnealingLR"
    keras_name = "CosineDecay"
    formula = "η_t = η_min + ½(η₀ − η_min)(1 + cos(π t / T_max))"
    hyperparameters = (_int("T_max", 100, 1, "steps from η₀ down to η_min"), ETA_MIN)

    def lr_at(self, step):
        eta_min, cosine = self.params["eta_min"], math.cos(math.pi * step / self.params["T_max"])
        return eta_min + (self.base_lr - eta_min) * (1 + cosine) / 2


class CosineWarmRestarts(Schedule):
    """torch CosineAnnealingWarmRestarts (SGDR); keras CosineDecayRestarts with m_mul=1."""

    name = "cosine_warm_restarts"
    display_name = "Cosine with warm restarts"
    torch_name = "CosineAnnealingWarmRestarts"
    keras_name = "CosineDecayRestarts"
    formula = "η_t = η_min + ½(η₀ − η_min)(1 + cos(π T_cur / T_i)),  T_i = T_0 · T_mult^i"
    hyperparameters = (
        _int("T_0", 20, 1, "steps until the first restart"),
        _int("T_mult", 1, 1, "each cycle is T_mult times longer than the last"),
        ETA_MIN,
    )

    def lr_at(self, step):
        # whole cycles walked in integers, as torch's step() does (its log-based form can round)
        t_cur, t_i = step, self.params["T_0"]
        while t_cur >= t_i:
            t_cur, t_i = t_cur - t_i, t_i * self.params["T_mult"]
        eta_min = self.params["eta_min"]
        return eta_min + (self.base_lr - eta_min) * (1 + math.cos(math.pi * t_cur / t_i)) / 2


CYCLIC_MODES = ("triangular", "triangular2", "exp_range")


class Cyclic(Schedule):
    """torch CyclicLR (Smith 2017) with cycle_momentum=False: between base_lr and max_lr.

    triangular keeps the height, triangular2 halves it every cycle, exp_range multiplies it
    by gamma^t (t counted in steps, not cycles, as torch does).
    """

    name = "cyclic"
    display_name = "Cyclical (CLR)"
    torch_name = "CyclicLR"
    formula = "η_t = η₀ + (η_max − η₀) · x_t · scale,  x_t: 0 → 1 → 0 over step_size_up + down"
    hyperparameters = (
        MAX_LR,
        _int("step_size_up", 20, 1, "steps from η₀ up to η_max"),
        _int("step_size_down", None, 1, "steps back down; empty means step_size_up"),
        Hyper("mode", "triangular", kind="choice", choices=CYCLIC_MODES),
        _positive("gamma", 1.0, "exp_range: height × γ^t", high=1, symbol="γ"),
    )

    def _check(self, p):
        up = float(p["step_size_up"])
        self.total_size = up + float(p["step_size_down"] or up)
        self.step_ratio = up / self.total_size

    def lr_at(self, step):
        # torch's arithmetic, operation for operation
        cycle = math.floor(1 + step / self.total_size)
        x = 1.0 + step / self.total_size - cycle
        if x <= self.step_ratio:
            scale_factor = x / self.step_ratio
        else:
            scale_factor = (x - 1) / (self.step_ratio - 1)
        mode = self.params["mode"]
        if mode == "triangular":
            scale = 1.0
        elif mode == "triangular2":
            scale = 1 / (2.0 ** (cycle - 1))
        else:
            scale = self.params["gamma"] ** step
        return self.base_lr + (self.params["max_lr"] - self.base_lr) * scale_factor * scale


class OneCycle(Schedule):
    """torch OneCycleLR with cycle_momentum=False. Ignores base_lr: it starts at max_lr / div.

    Steps past total_steps − 1 hold the final lr (torch raises instead).
    """

    name = "one_cycle"
    display_name = "One-cycle"
    torch_name = "OneCycleLR"
    formula = "η: η_max/div → η_max over pct_start·T steps, then → η_max/(div·final_div) at T"
    hyperparameters = (
        MAX_LR,
        _int("total_steps", 100, 2, "length of the cycle, T"),
        Hyper("pct_start", 0.3, low=0, high=1, tooltip="fraction of T spent rising"),
        Hyper("anneal_strategy", "cos", kind="choice", choices=("cos", "linear")),
        _positive("div_factor", 25.0, "initial lr = max_lr / div_factor"),
        _positive("final_div_factor", 1e4, "final lr = initial lr / final_div_factor"),
        _flag("three_phase", "rise, fall back symmetrically, then annihilate"),
    )

    def _check(self, p):
        total, pct, peak = p["total_steps"], p["pct_start"], p["max_lr"]
        initial = peak / p["div_factor"]
        final = initial / p["final_div_factor"]
        # (end_step, start_lr, end_lr) per phase, computed exactly as torch does
        self.phases = [(float(pct * total) - 1, initial, peak)]
        if p["three_phase"]:
            self.phases.append((float(2 * pct * total) - 2, peak, initial))
            self.phases.append((total - 1, initial, final))
        else:
            self.phases.append((total - 1, peak, final))
        start = 0.0
        for end, _, _ in self.phases:
            if not end > start:  # torch would divide by zero
                raise ExperimentError.of(
                    "{path}: every phase needs more than one step, "
                    "got pct_start {value} with total_steps {total}",
                    path=f"{PATH}.pct_start",
                    value=f"{pct:g}",
                    total=total,
                )
            start = end

    def lr_at(self, step):
        step, start = min(step, self.params["total_steps"] - 1), 0.0
        for i, (end, lr_start, lr_end) in enumerate(self.phases):
            if step <= end or i == len(self.phases) - 1:
                pct = (step - start) / (end - start)
                if self.params["anneal_strategy"] == "cos":
                    lr = lr_end + (lr_start - lr_end) / 2.0 * (math.cos(math.pi * pct) + 1)
                else:
                    lr = (lr_end - lr_start) * pct + lr_start
                return self._shaped(lr)
            start = end

"""Record learning rates from real torch schedulers into data/schedule_golden.json.

Run by hand with torch installed (it is never a dependency of optviz):

    python tests/engine/make_schedule_golden.py

Each case steps a torch scheduler once per iteration around a plain SGD step on one dummy
parameter and records ``optimizer.param_groups[0]["lr"]`` *before* every optimizer step, so
``lrs[t]`` is the lr of update t + 1, which optviz calls ``lr_at(t)``. Nothing here imports
optviz: the expected values come from torch alone.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import torch
from torch.optim import SGD, lr_scheduler

BASE_LR = 0.1
STEPS = 60
OUT = Path(__file__).parent / "data" / "schedule_golden.json"

# (optviz schedule name, optviz params, torch class name, torch kwargs)
CASES = [
    ("step", {"step_size": 10, "gamma": 0.5}, "StepLR", {"step_size": 10, "gamma": 0.5}),
    ("step", {"step_size": 3, "gamma": 0.9}, "StepLR", {"step_size": 3, "gamma": 0.9}),
    ("multistep", {"milestones": [5, 20, 20, 45], "gamma": 0.3}, "MultiStepLR",
     {"milestones": [5, 20, 20, 45], "gamma": 0.3}),
    ("multistep", {"milestones": [40, 12]}, "MultiStepLR", {"milestones": [40, 12]}),
    ("exponential", {"decay_rate": 0.95, "decay_steps": 1}, "ExponentialLR", {"gamma": 0.95}),
    # keras's staircase ExponentialDecay is torch's StepLR
    ("exponential", {"decay_rate": 0.8, "decay_steps": 7, "staircase": True}, "StepLR",
     {"step_size": 7, "gamma": 0.8}),
    ("polynomial", {"decay_steps": 30, "end_learning_rate": 0.0}, "PolynomialLR",
     {"total_iters": 30}),
    ("polynomial", {"decay_steps": 45, "end_learning_rate": 0.0, "power": 2.5}, "PolynomialLR",
     {"total_iters": 45, "power": 2.5}),
    ("cosine", {"T_max": 20, "eta_min": 0.001}, "CosineAnnealingLR",
     {"T_max": 20, "eta_min": 0.001}),
    ("cosine", {"T_max": 50}, "CosineAnnealingLR", {"T_max": 50}),
    ("cosine_warm_restarts", {"T_0": 10, "eta_min": 0.001}, "CosineAnnealingWarmRestarts",
     {"T_0": 10, "eta_min": 0.001}),
    ("cosine_warm_restarts", {"T_0": 5, "T_mult": 2}, "CosineAnnealingWarmRestarts",
     {"T_0": 5, "T_mult": 2}),
    ("cosine_warm_restarts", {"T_0": 3, "T_mult": 3, "eta_min": 0.01},
     "CosineAnnealingWarmRestarts", {"T_0": 3, "T_mult": 3, "eta_min": 0.01}),
    # CyclicLR and OneCycleLR: cycle_momentum=False, because optviz schedules only the lr
    ("cyclic", {"max_lr": 0.5, "step_size_up": 10}, "CyclicLR",
     {"base_lr": BASE_LR, "max_lr": 0.5, "step_size_up": 10, "cycle_momentum": False}),
    ("cyclic", {"max_lr": 0.5, "step_size_up": 5, "step_size_down": 15, "mode": "triangular2"},
     "CyclicLR", {"base_lr": BASE_LR, "max_lr": 0.5, "step_size_up": 5, "step_size_down": 15,
                  "mode": "triangular2", "cycle_momentum": False}),
    ("cyclic", {"max_lr": 0.5, "step_size_up": 8, "mode": "exp_range", "gamma": 0.99},
     "CyclicLR", {"base_lr": BASE_LR, "max_lr": 0.5, "step_size_up": 8, "mode": "exp_range",
                  "gamma": 0.99, "cycle_momentum": False}),
    ("one_cycle", {"max_lr": 1.0, "total_steps": 60}, "OneCycleLR",
     {"max_lr": 1.0, "total_steps": 60, "cycle_momentum": False}),
    ("one_cycle", {"max_lr": 0.4, "total_steps": 60, "pct_start": 0.25,
                   "anneal_strategy": "linear", "div_factor": 10.0, "final_div_factor": 100.0,
                   "three_phase": True}, "OneCycleLR",
     {"max_lr": 0.4, "total_steps": 60, "pct_start": 0.25, "anneal_strategy": "linear",
      "div_factor": 10.0, "final_div_factor": 100.0, "three_phase": True,
      "cycle_momentum": False}),
    ("one_cycle", {"max_lr": 0.3, "total_steps": 45, "pct_start": 0.4, "three_phase": True},
     "OneCycleLR", {"max_lr": 0.3, "total_steps": 45, "pct_start": 0.4, "three_phase": True,
                    "cycle_momentum": False}),
]  # fmt: skip

# warm-up: optviz's {"warmup_steps": W, "warmup_start_factor": f} around an inner schedule is
# SequentialLR([LinearLR(start_factor=f, total_iters=W), inner], milestones=[W])
WARMUP_CASES = [
    ("cosine", {"T_max": 30, "eta_min": 0.001}, "CosineAnnealingLR",
     {"T_max": 30, "eta_min": 0.001}, 10, 0.1),
    ("step", {"step_size": 7, "gamma": 0.5}, "StepLR", {"step_size": 7, "gamma": 0.5}, 5, 0.25),
]  # fmt: skip

PLATEAU_CASES = [
    ({}, {}),
    (
        {"factor": 0.5, "patience": 3, "threshold": 0.01, "cooldown": 2, "min_lr": 0.002},
        {"factor": 0.5, "patience": 3, "threshold": 0.01, "cooldown": 2, "min_lr": 0.002},
    ),
    (
        {"factor": 0.3, "patience": 0, "threshold": 0.05, "threshold_mode": "abs"},
        {"factor": 0.3, "patience": 0, "threshold": 0.05, "threshold_mode": "abs"},
    ),
]


def plateau_losses() -> list[list[float]]:
    """Three runs: steady progress then a plateau, a noisy plateau, a slow creep upwards."""
    generator = torch.Generator().manual_seed(0)
    noise = torch.rand(3, STEPS, generator=generator, dtype=torch.float64).tolist()
    decreasing = [1.0 / (1 + t) if t < 20 else 0.05 + 0.002 * noise[0][t] for t in range(STEPS)]
    noisy = [1.0 + 0.1 * math.sin(t) + 0.01 * noise[1][t] for t in range(STEPS)]
    creeping = [2.0 - 0.5 * math.exp(-t / 5) + 0.001 * t + 0.01 * noise[2][t] for t in range(STEPS)]
    return [decreasing, noisy, creeping]


def new_optimizer() -> SGD:
    return SGD([torch.nn.Parameter(torch.zeros(1))], lr=BASE_LR)


def record(optimizer: SGD, scheduler, steps: int = STEPS, losses=None) -> list[float]:
    lrs = []
    for t in range(steps):
        lrs.append(float(optimizer.param_groups[0]["lr"]))
        optimizer.step()
        if losses is None:
            scheduler.step()
        else:
            scheduler.step(losses[t])
    return lrs


def main() -> None:
    cases = []
    for name, params, torch_name, kwargs in CASES:
        optimizer = new_optimizer()
        scheduler = getattr(lr_scheduler, torch_name)(optimizer, **kwargs)
        if name == "one_cycle":  # torch refuses to step past total_steps
            steps = kwargs["total_steps"]
        else:
            steps = STEPS
        torch_call = f"{torch_name}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})"
        lrs = record(optimizer, scheduler, steps)
        cases.append({"name": name, "params": params, "torch": torch_call, "lrs": lrs})
    warmups = []
    for name, params, torch_name, kwargs, steps, factor in WARMUP_CASES:
        optimizer = new_optimizer()
        linear = lr_scheduler.LinearLR(optimizer, start_factor=factor, total_iters=steps)
        inner = getattr(lr_scheduler, torch_name)(optimizer, **kwargs)
        scheduler = lr_scheduler.SequentialLR(optimizer, [linear, inner], milestones=[steps])
        spec = {"name": name, **params, "warmup_steps": steps, "warmup_start_factor": factor}
        warmups.append({"spec": spec, "lrs": record(optimizer, scheduler)})
    losses = plateau_losses()
    plateaus = []
    for params, kwargs in PLATEAU_CASES:
        runs = []
        for run_losses in losses:
            optimizer = new_optimizer()
            scheduler = lr_scheduler.ReduceLROnPlateau(optimizer, **kwargs)
            runs.append(record(optimizer, scheduler, losses=run_losses))
        plateaus.append({"params": params, "lrs": runs})
    golden = {
        "generated_by": "tests/engine/make_schedule_golden.py",
        "torch_version": torch.__version__,
        "base_lr": BASE_LR,
        "cases": cases,
        "warmup": warmups,
        "reduce_on_plateau": {"losses": losses, "cases": plateaus},
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(golden, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(cases) + len(warmups) + len(plateaus)} cases to {OUT}")


if __name__ == "__main__":
    main()

"""Concepts tab engine speed: prints figures, and ratios against baselines measured in the
same run.

    python benchmarks/bench_concepts.py

(1) basin map: Adam on Himmelblau, 200 × 200 starts × 500 steps, seconds (target < 2 s)
    — vs the same 40,000 runs as single-start `runner.run` calls, timed on a sample of
    starts and extrapolated.
(2) learning-rate sweep: the six classics of the default preset × 100 learning rates
    (target < 0.5 s) — vs the same 600 runs as single `runner.run` calls, timed on a sample
    and extrapolated.
"""

from __future__ import annotations

import time

import numpy as np

from optviz.engine import concepts, experiment, presets, runner
from optviz.engine.experiment import OptimizerSpec


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def basin_map() -> None:
    grid, steps = (200, 200), 500
    adam = {"name": "adam", "lr": 0.05}
    ours = best_of(lambda: concepts.basins({"name": "himmelblau"}, adam, grid, steps=steps), 3)
    n = grid[0] * grid[1]
    print(f"(1) basin map, Adam on Himmelblau, {n:,} starts × {steps} steps: {ours:.3f} s")
    rng = np.random.default_rng(0)
    sample = rng.uniform(-5, 5, size=(40, 2))
    spec = concepts.optimizer_spec(adam)
    exps = [
        experiment.Experiment(
            surface={"name": "himmelblau"}, starts=(tuple(p),), steps=steps, optimizers=(spec,)
        )
        for p in sample
    ]
    runner.run(exps[0])  # warm up

    def singles() -> None:
        for exp in exps:
            runner.run(exp)

    per_run = best_of(singles, 2) / len(exps)
    baseline = per_run * n
    print(
        f"    baseline: {n:,} single-start runner.run calls ≈ {baseline:.1f} s "
        f"({per_run * 1e3:.2f} ms each, {len(exps)} timed) → {baseline / ours:.0f}× faster "
        f"(target < 2 s: {'met' if ours < 2 else 'NOT met'})"
    )


def sweep() -> None:
    exp = presets.preset(presets.DEFAULT)
    lrs = np.logspace(-4, 1, 100)
    concepts.lr_sweep(exp, lrs)  # warm up
    ours = best_of(lambda: concepts.lr_sweep(exp, lrs), 5)
    n_opt = len(exp.optimizers)
    print(
        f"(2) lr sweep, {n_opt} optimizers × {len(lrs)} lrs × {exp.steps} steps: "
        f"{ours * 1e3:.1f} ms"
    )
    sample = [
        exp.with_changes(
            optimizers=(OptimizerSpec(spec.name, spec.flavor, hyper={**spec.hyper, "lr": lr}),)
        )
        for spec in exp.optimizers
        for lr in lrs[::10]
    ]

    def singles() -> None:
        for one in sample:
            runner.run(one)

    per_run = best_of(singles, 2) / len(sample)
    baseline = per_run * n_opt * len(lrs)
    print(
        f"    baseline: {n_opt * len(lrs)} single runner.run calls ≈ {baseline * 1e3:.0f} ms "
        f"({per_run * 1e3:.2f} ms each, {len(sample)} timed) → {baseline / ours:.0f}× faster "
        f"(target < 0.5 s: {'met' if ours < 0.5 else 'NOT met'})"
    )


if __name__ == "__main__":
    basin_map()
    sweep()

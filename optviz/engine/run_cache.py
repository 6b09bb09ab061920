"""Re-running only what changed: when a learning-rate slider moves, one optimizer re-runs.

Every optimizer's runs depend only on the settings the race shares (surface, starts, steps,
seed, noise, batch sizes, stop rules) and on its own spec: noise and mini-batches come from
streams that do not depend on which other optimizers race. So a run can be cut into one
part per optimizer, each part cached, and a race rebuilt from cached parts.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

import numpy as np

from optviz.engine import runner
from optviz.engine.experiment import Experiment
from optviz.engine.runner import RunResult


class RunCache:
    """`run(experiment)` like `runner.run`, reusing per-optimizer parts of earlier runs."""

    def __init__(self, size: int = 64):
        self.size = size
        self._parts: OrderedDict[tuple, RunResult] = OrderedDict()
        self.last_ran = 0  # how many optimizers the last call actually ran

    def run(self, experiment: Experiment, should_stop=None, surface=None) -> RunResult:
        specs = [o for o in experiment.optimizers if o.enabled]
        shared = repr(replace(experiment, optimizers=(), title=""))
        keys = [(shared, repr(spec)) for spec in specs]
        missing = [k for k, key in enumerate(keys) if key not in self._parts]
        self.last_ran = len(missing)
        if missing:
            sub = replace(experiment, optimizers=tuple(specs[k] for k in missing))
            fresh = runner.run(sub, should_stop=should_stop, surface=surface, record_states=True)
            for part, k in enumerate(missing):
                self._store(keys[k], _select(fresh, part))
        parts = [self._parts[key] for key in keys]
        for key in keys:
            self._parts.move_to_end(key)
        return merge(parts)

    def _store(self, key: tuple, part: RunResult) -> None:
        self._parts[key] = part
        while len(self._parts) > self.size:
            self._parts.popitem(last=False)


def _select(result: RunResult, optimizer: int) -> RunResult:
    """The runs of one optimizer (all its starts) as a RunResult of their own."""
    rows = np.flatnonzero(result.optimizer_index == optimizer)
    pick = rows.tolist()
    return replace(
        result,
        labels=tuple(result.labels[r] for r in pick),
        optimizer_index=np.zeros(len(rows), dtype=int),
        start_index=result.start_index[rows],
        positions=result.positions[rows],
        loss=result.loss[rows],
        grads=None if result.grads is None else result.grads[rows],
        lr=result.lr[rows],
        states=tuple(result.states[r] for r in pick),
        status=tuple(result.status[r] for r in pick),
        end_step=result.end_step[rows],
        diverged_at=result.diverged_at[rows],
        resolved=tuple(result.resolved[r] for r in pick),
        swa_positions=None if result.swa_positions is None else result.swa_positions[rows],
    )


def merge(parts: list[RunResult]) -> RunResult:
    """One RunResult from per-optimizer parts, optimizer-major as `runner.run` returns it."""
    first = parts[0]

    def cat(name):
        arrays = [getattr(p, name) for p in parts]
        return None if any(a is None for a in arrays) else np.concatenate(arrays)

    return replace(
        first,
        labels=tuple(label for p in parts for label in p.labels),
        optimizer_index=np.concatenate([np.full(p.n_runs, k) for k, p in enumerate(parts)]),
        start_index=cat("start_index"),
        positions=cat("positions"),
        loss=cat("loss"),
        grads=cat("grads"),
        lr=cat("lr"),
        states=tuple(s for p in parts for s in p.states),
        status=tuple(s for p in parts for s in p.status),
        end_step=cat("end_step"),
        diverged_at=cat("diverged_at"),
        resolved=tuple(r for p in parts for r in p.resolved),
        swa_positions=cat("swa_positions"),
    )

"""``optviz train``: `train_cli` runs an experiment's race with a progress line on stderr at
every evaluation, then writes the curves as one JSON document (`training_json`) or as a
long-format CSV table (`training_csv`).
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np

from optviz.engine.datasets import load_dataset
from optviz.engine.errors import ExperimentError, OptvizError
from optviz.engine.training_config import TrainingConfig
from optviz.engine.training_race import Race, RaceProgress
from optviz.engine.training_specs import as_spec_dict


def train_cli(experiment: Any, out: Path | None, log: IO[str] | None = None) -> int:
    """``optviz train``: run the experiment's race, progress on `log` (stderr), curves to
    `out` (.json or .csv, written atomically) or as JSON to stdout. Returns the exit code.

    Raises an OptvizError (one line for the user) for an invalid "training" section, bad
    optimizer specs or a missing data set.
    """
    from optviz.engine.experiment import atomic_write

    log = sys.stderr if log is None else log
    if experiment.training is None:
        raise ExperimentError.of(
            "{path}: missing (the experiment has no {section} section)",
            path="training",
            section='"training"',
        )
    config = TrainingConfig.from_dict(experiment.training)
    specs = [as_spec_dict(spec) for spec in experiment.optimizers]
    dataset = load_dataset(config.dataset)
    race = Race(config, specs, dataset)
    print(_describe(race), file=log, flush=True)
    since_last = [[] for _ in range(race.n_optimizers)]  # losses since the last line
    started = time.perf_counter()
    try:
        for report in race.steps():
            for k, loss in enumerate(report.loss):
                since_last[k].append(loss)
            if report.test_accuracy is not None:
                print(_progress_line(race, report, since_last), file=log, flush=True)
                since_last = [[] for _ in range(race.n_optimizers)]
    except KeyboardInterrupt:
        raise OptvizError.of(
            "interrupted at iteration {iteration}; nothing written", iteration=race.iteration
        ) from None
    results = race.result()
    for result in results:
        if result["status"] == "diverged":
            print(
                f"optviz: {result['label']} diverged at iteration {result['stopped_at']} "
                "(its loss is no longer a finite number)",
                file=log,
            )
    document = training_json(results)
    if out is None:
        json.dump(document, sys.stdout)
        sys.stdout.write("\n")
        sys.stdout.flush()
    else:
        text = training_csv(results) if out.suffix.lower() == ".csv" else json.dumps(document)
        atomic_write(out, text if text.endswith("\n") else text + "\n")
        print(f"optviz: wrote {len(results)} runs to {out}", file=log)
    print(f"optviz: done in {time.perf_counter() - started:.2f} s", file=log)
    return 0


def training_json(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """`Race.result()` as the ``optviz train`` document (non-finite numbers become null):

    ``{"runs": [{"label", "optimizer": {"name", "flavor", <hyperparameters>, "schedule"?},
    "loss": [per iteration], "lr": [...], "test_accuracy": [[iteration, accuracy], ...],
    "validation_loss"?: [[iteration, loss], ...], "seconds", "status", "stopped_at"}]}``
    """
    runs = []
    for result in results:
        optimizer = {"name": result["name"], "flavor": result["flavor"]}
        optimizer.update(result["hyperparameters"])
        if result.get("schedule") is not None:
            optimizer["schedule"] = result["schedule"]
        run = {
            "label": result["label"],
            "optimizer": optimizer,
            "loss": [_finite_or_none(v) for v in result["loss"]],
            "lr": [_finite_or_none(v) for v in result["lr"]],
            "test_accuracy": [[int(i), _finite_or_none(a)] for i, a in result["test_accuracy"]],
            "seconds": result["seconds"],
            "status": result["status"],
            "stopped_at": result["stopped_at"],
        }
        if result["validation_loss"]:
            run["validation_loss"] = [
                [int(i), _finite_or_none(v)] for i, v in result["validation_loss"]
            ]
        runs.append(run)
    return {"runs": runs}


def training_csv(results: Sequence[dict[str, Any]]) -> str:
    """Long format, one row per run and iteration: ``run,label,iteration,loss,lr,
    test_accuracy,status``. Iteration 0 holds only the initial test accuracy; test_accuracy
    is empty between evaluations, loss and lr are empty after a run stopped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["run", "label", "iteration", "loss", "lr", "test_accuracy", "status"])
    for r, result in enumerate(results):
        accuracy = {int(i): a for i, a in result["test_accuracy"]}
        last = max([len(result["loss"]), *accuracy])
        for i in range(last + 1):
            loss = result["loss"][i - 1] if 0 < i <= len(result["loss"]) else None
            lr = result["lr"][i - 1] if 0 < i <= len(result["lr"]) else None
            writer.writerow(
                [
                    r,
                    result["label"],
                    i,
                    _csv_number(loss),
                    _csv_number(lr),
                    _csv_number(accuracy.get(i)),
                    result["status"],
                ]
            )
    return buffer.getvalue()


def _describe(race: Race) -> str:
    config, data = race.config, race.dataset
    sizes = "-".join(str(n) for n in (data.n_features, *config.hidden, data.n_classes))
    batch = "full batch" if config.batch_size is None else f"batch {config.batch_size}"
    return (
        f"optviz: training {sizes} ({config.activation}, {config.init}) on {data.name}: "
        f"{len(race.x_train):,} training / {len(data.x_test):,} test images, {batch}, "
        f"{race.total:,} iterations, {race.n_optimizers} optimizers: {', '.join(race.labels)}"
    )


def _progress_line(race: Race, report: RaceProgress, since_last: list[list[float]]) -> str:
    """`iteration 100/2000  SGD loss 1.234 acc 56.7%  Adam …`; loss: the mean mini-batch loss
    since the previous line."""
    width = len(str(report.total))
    parts = [f"iteration {report.iteration:>{width}}/{report.total}"]
    for k, label in enumerate(race.labels):
        status = report.status[k] if report.status else "running"
        if status == "diverged":
            parts.append(f"{label} diverged at {race.stopped_at[k]}")
            continue
        losses = np.asarray(since_last[k], dtype=float)
        losses = losses[np.isfinite(losses)]  # NaN: iterations after it stopped
        loss = f"{losses.mean():.4f}" if len(losses) else "—"
        accuracy = report.test_accuracy[k]
        accuracy_text = f"{accuracy:.1%}" if math.isfinite(accuracy) else "—"
        mark = "" if status == "running" else f" ({status.replace('_', ' ')})"
        parts.append(f"{label} loss {loss} acc {accuracy_text}{mark}")
    return "  ".join(parts)


def _finite_or_none(value: Any) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _csv_number(value: Any) -> str:
    if value is None:
        return ""
    return repr(float(value))

"""RunResult → plain data (JSON, CSV, .npz), shared by `optviz run` and the GUI's data export."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import numpy as np

from optviz.engine.experiment import atomic_write
from optviz.engine.runner import RunResult


def _number(value: float) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def to_json_dict(result: RunResult) -> dict[str, Any]:
    """`{"runs": [{label, optimizer, start, trajectory, loss, lr, status, diverged_at}]}`.

    The trajectory has the start as its first row and stops at the last finite row.
    """
    runs = []
    for r in range(result.n_runs):
        end = int(result.end_step[r]) + 1
        run = {
            "label": result.labels[r],
            "optimizer": _plain(result.resolved[r]),
            "start": [float(v) for v in result.positions[r, 0]],
            "trajectory": [[float(x), float(y)] for x, y in result.positions[r, :end]],
            "loss": [_number(v) for v in result.loss[r, :end]],
            "lr": [_number(v) for v in result.lr[r, : end - 1]],
            "status": result.status[r],
            "diverged_at": int(result.diverged_at[r]) if result.diverged_at[r] >= 0 else None,
            "steps_taken": end - 1,
        }
        if result.swa_positions is not None:
            swa = result.swa_positions[r, :end]
            run["swa_trajectory"] = [[_number(x), _number(y)] for x, y in swa]
        runs.append(run)
    return {"surface": result.surface_name, "runs": runs}


def to_csv(result: RunResult) -> str:
    """Long format: one row per run and step."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["run", "label", "step", "x", "y", "loss", "grad_x", "grad_y", "lr", "status"])
    for r in range(result.n_runs):
        for t in range(int(result.end_step[r]) + 1):
            lr = result.lr[r, t] if t < result.steps else float("nan")
            x, y = result.positions[r, t]
            gx, gy = result.grads[r, t] if result.grads is not None else (np.nan, np.nan)
            writer.writerow(
                [
                    r,
                    result.labels[r],
                    t,
                    repr(float(x)),
                    repr(float(y)),
                    repr(float(result.loss[r, t])),
                    repr(float(gx)),
                    repr(float(gy)),
                    repr(float(lr)),
                    result.status[r],
                ]
            )
    return buffer.getvalue()


def to_npz_bytes(result: RunResult) -> bytes:
    arrays = {
        "positions": result.positions,
        "loss": result.loss,
        "lr": result.lr,
        "end_step": result.end_step,
        "diverged_at": result.diverged_at,
        "labels": np.array(result.labels),
        "status": np.array(result.status),
    }
    if result.grads is not None:
        arrays["grads"] = result.grads
    if result.swa_positions is not None:
        arrays["swa_positions"] = result.swa_positions
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def write_result(result: RunResult, path: str | Path) -> None:
    """Write by extension: .json, .csv or .npz (atomically)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        atomic_write(path, to_csv(result))
    elif suffix == ".npz":
        atomic_write(path, to_npz_bytes(result))
    else:
        atomic_write(path, json.dumps(to_json_dict(result)) + "\n")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value

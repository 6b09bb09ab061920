"""The training race: several optimizers train the same MLP, headless, one step at a time.

Import it from here. It lives in four modules: `training_config` (`TrainingConfig`, the
experiment's "training" object), `training_race` (`Race`, whose `steps()` a GUI worker
drives, and `run()`, which drives it to the end), `training_report` (``optviz train``:
progress on stderr, curves as JSON or CSV) and `training_specs` (the optimizer specs a race
accepts).
"""

from __future__ import annotations

from optviz.engine.training_config import TRAINING_HYPERS, TrainingConfig
from optviz.engine.training_race import MAX_SNAPSHOTS, Race, RaceProgress, batch_order, run
from optviz.engine.training_report import train_cli, training_csv, training_json
from optviz.engine.training_specs import SPEC_META_KEYS

__all__ = [
    "MAX_SNAPSHOTS",
    "SPEC_META_KEYS",
    "TRAINING_HYPERS",
    "Race",
    "RaceProgress",
    "TrainingConfig",
    "batch_order",
    "run",
    "train_cli",
    "training_csv",
    "training_json",
]

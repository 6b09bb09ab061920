"""Start-up time to the main window's first frame: the frozen app against `python -m optviz`.

    python packaging/measure_startup.py                 # offscreen, 7 runs each
    xvfb-run -a python packaging/measure_startup.py --platform xcb

Each run starts a fresh process with OPTVIZ_FIRST_PAINT=1 and `--self-test`, which opens the
main window on the default preset as `optviz` does and prints the wall-clock time of the end
of its first frame (see optviz/selftest.py); the time counted is from just before the process
is started to that moment. Runs are interleaved so that a busy moment hits every variant
alike; the first round only warms the file cache and is not counted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # noqa: E402  (packaging/build.py: where the frozen executables are)


def first_frame_seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.time()
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("first-frame ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(
            f"{' '.join(command)}: exit code {proc.returncode}, no first frame\n{proc.stderr}"
        )
    return float(lines[-1].split()[1]) - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args(argv)
    env = {**os.environ, "OPTVIZ_FIRST_PAINT": "1", "QT_QPA_PLATFORM": args.platform}
    variants = {"python -m optviz": [sys.executable, "-m", "optviz", "--self-test"]}
    for label, path in (
        ("frozen one-folder", build.frozen_executable()),
        ("frozen one-file", build.onefile_executable()),
    ):
        if path.exists():
            variants[label] = [str(path), "--self-test"]
    if len(variants) == 1:
        print("measure: no frozen app in dist/: run packaging/build.py first", file=sys.stderr)
    times: dict[str, list[float]] = {label: [] for label in variants}
    for round_ in range(args.repeat + 1):
        for label, command in variants.items():
            seconds = first_frame_seconds(command, env)
            if round_:
                times[label].append(seconds)
    print(f"first frame, {args.platform}, median of {args.repeat} (min–max):")
    base = statistics.median(times["python -m optviz"])
    for label, values in times.items():
        median = statistics.median(values)
        print(
            f"  {label:<18} {median * 1000:6.0f} ms  ({min(values) * 1000:.0f}–"
            f"{max(values) * 1000:.0f})  {median / base:.2f}× python -m optviz"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Where start-up time goes: milliseconds from process start to each stage of opening the
main window on the default preset, up to the end of its first frame (superqt is imported
after it).

    QT_QPA_PLATFORM=offscreen python benchmarks/startup_stages.py [--runs 3]

Each run is a fresh process. Compile optviz first (`python -m compileall -q optviz`, as pip
does on install), or each run also compiles every module (see bench_gui.py).
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from bench_gui import SHOW_UNTIL_FIRST_PAINT  # this folder is on sys.path (a script here)

CHILD = (
    r"""
import time
T0 = time.perf_counter()
marks = []

def mark(stage):
    marks.append((stage, (time.perf_counter() - T0) * 1000))

import PySide6.QtWidgets
mark("PySide6")
import numpy
mark("numpy")
import pyqtgraph
mark("pyqtgraph")
from optviz.ui.app import make_app
from optviz.ui.main_window import MainWindow
mark("optviz imports")
app = make_app()
mark("make_app")
window = MainWindow()
mark("MainWindow()")
window.load_preset("ravine")
mark("load_preset")
LATER = [window._side_page]
window.resize(1280, 720)

def at_first_paint():
    mark("show, first paint")

def at_frame_done():
    mark("first frame done")

def at_complete():
    mark("side plots paint")
"""
    + SHOW_UNTIL_FIRST_PAINT
    + r"""
window.worker.stop()
previous = 0.0
for stage, at in marks:
    print(f"{stage:>17} {at:7.1f} ms  (+{at - previous:5.1f})")
    previous = at
"""
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    for run in range(1, runs + 1):
        out = subprocess.run(
            [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=True
        )
        print(f"run {run}:\n{out.stdout}")


if __name__ == "__main__":
    main()

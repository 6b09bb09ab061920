"""GUI speed: start-up to the first painted frame, and frame rate while playing.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py

(1) process start → first paint of the main window on the default preset, against a bare
    PySide6 + pyqtgraph window measured in the same run (target ≤ 1.3×).
(2) frames per second while playing six trajectories on a 512² surface (target ≥ 60 fps).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

# Shows `window` and quits `app` at the window's first Paint event, after calling
# `at_first_paint()` (both scripts define it). Also used by startup_stages.py.
SHOW_UNTIL_FIRST_PAINT = r"""
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

class FirstPaint(QObject):
    done = False

    def eventFilter(self, obj, event):
        if (not self.done and event.type() == QEvent.Type.Paint
                and isinstance(obj, QWidget) and obj.window() is window):
            self.done = True
            at_first_paint()
            QTimer.singleShot(0, app.quit)
        return False

spy = FirstPaint()
app.installEventFilter(spy)
window.show()
app.exec()
"""

CHILD = (
    r"""
import sys, time
import PySide6.QtCore
kind = sys.argv[1]
if kind == "imports":  # the bare window, after importing what the app's window needs
    import optviz.ui.app  # noqa: F401
    import optviz.ui.main_window  # noqa: F401
if kind in ("bare", "imports"):
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(pg.PlotWidget())
else:
    from optviz.ui.app import make_app
    from optviz.ui.main_window import MainWindow
    app = make_app()
    window = MainWindow()
    window.load_preset("ravine")
window.resize(1280, 720)

def at_first_paint():
    print(repr(time.time()), flush=True)
"""
    + SHOW_UNTIL_FIRST_PAINT
    + r"""
if kind == "optviz":
    window.worker.stop()
"""
)


def first_paint(kind: str) -> float:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, kind], capture_output=True, text=True, timeout=120, check=True
    )
    return float(out.stdout.strip().splitlines()[-1]) - started


def startup(repeat: int = 7) -> None:
    # As installed (pip compiles a package's modules when it installs it; PyInstaller ships
    # them compiled), not as a checkout run with PYTHONDONTWRITEBYTECODE=1, which compiles
    # every optviz module again at each start (70 ms here: 87–147 ms vs 25–32 ms to import
    # optviz.ui.main_window after Qt, pyqtgraph and superqt).
    import compileall

    import optviz

    compileall.compile_dir(Path(optviz.__file__).parent, quiet=1)
    first_paint("bare")  # warm the file cache
    bare, ours, imports = [], [], []
    for _ in range(repeat):  # interleaved, so that a busy moment hits all alike
        bare.append(first_paint("bare"))
        ours.append(first_paint("optviz"))
        imports.append(first_paint("imports"))
    bare_s, ours_s = statistics.median(bare), statistics.median(ours)
    imports_s = statistics.median(imports)
    print(
        f"(1) first paint (median of {repeat}): bare PySide6+pyqtgraph window "
        f"{bare_s * 1000:.0f} ms, optviz {ours_s * 1000:.0f} ms; "
        f"ratio {ours_s / bare_s:.2f}× (target ≤ 1.3×)"
    )
    print(
        f"    the bare window after importing optviz's window module (no widget of ours "
        f"built): {imports_s * 1000:.0f} ms = {imports_s / bare_s:.2f}× bare"
    )


def frame_rate(frames: int = 300) -> None:
    from optviz.engine import experiment, presets
    from optviz.ui import main_window
    from optviz.ui.app import make_app

    main_window.GRID_RESOLUTION = 512
    app = make_app()
    window = main_window.MainWindow()
    window.resize(1600, 1000)
    window.show()
    doc = presets.document("ravine")
    doc["steps"] = 2000
    done = {"run": False, "grid": False}
    window.run_drawn.connect(lambda: done.__setitem__("run", True))
    window.grid_drawn.connect(lambda: done.__setitem__("grid", True))
    window.load_experiment(experiment.from_dict(doc))
    deadline = time.time() + 60
    while not all(done.values()) and time.time() < deadline:
        app.processEvents()
    assert window.grid.z.shape[1] == 512, window.grid.z.shape
    t0 = time.perf_counter()
    for frame in range(frames):
        window.playback.set_step(frame * 5)  # what the playback timer does each tick
        app.processEvents()  # Qt repaints what changed
    seconds = time.perf_counter() - t0
    print(
        f"(2) playing 6 trajectories on a 512² surface: {frames / seconds:.0f} fps "
        f"({seconds / frames * 1000:.1f} ms per frame, 1600×1000 window; target ≥ 60 fps)"
    )
    window.close()
    window.worker.stop()


if __name__ == "__main__":
    startup()
    frame_rate()

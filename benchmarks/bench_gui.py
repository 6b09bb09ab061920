"""GUI speed: start-up to the first painted frame, and frame rate while playing.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py [--repeat 15] [--only startup]

(1) process start → the end of the main window's first painted frame on the default preset,
    against a bare PySide6 + pyqtgraph window measured in the same run (target ≤ 1.3×).
(2) frames per second while playing six trajectories on a 512² surface (target ≥ 60 fps).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

# Shows `window`; calls `at_first_paint()` (both scripts define it) when the first Paint event
# reaches a widget of the window, and `at_frame_done()` on the event loop's next turn, when
# that paint pass (every widget of the frame) is over and on screen. The filter is the
# application's: the first widget painted is not always the window itself. Then, if the
# script lists `LATER` (parts of the window built after its first frame), it waits until the
# paint of each, once built, starts and calls `at_complete()`; then it quits `app`.
# Also used by startup_stages.py.
SHOW_UNTIL_FIRST_PAINT = r"""
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

PAINT = QEvent.Type.Paint
waiting = list(globals().get("LATER", []))

def frame_done():
    at_frame_done()
    if not waiting:
        app.quit()

def complete():
    at_complete()
    app.quit()

class FirstPaint(QObject):
    done = False

    def eventFilter(self, obj, event):
        if event.type() != PAINT or not isinstance(obj, QWidget):
            return False
        if not self.done and obj.window() is window:
            self.done = True
            at_first_paint()
            QTimer.singleShot(0, frame_done)
        elif self.done and waiting:
            for part in waiting:
                if part.built and (obj is part or part.isAncestorOf(obj)):
                    waiting.remove(part)
                    if not waiting:  # when its paint starts: the window's own next
                        complete()  # steps may be queued before the event loop's next turn
                    break
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
    LATER = [window._side_page]  # the side plots: built right after the first frame
window.resize(1280, 720)

def at_first_paint():
    print(repr(time.time()), flush=True)

def at_frame_done():
    print(repr(time.time()), flush=True)

def at_complete():
    print(repr(time.time()), flush=True)
"""
    + SHOW_UNTIL_FIRST_PAINT
    + r"""
if kind == "optviz":
    window.worker.stop()
"""
)


def first_frame(kind: str) -> tuple[float, float, float]:
    """Seconds from process start to the first paint, to the end of the first frame, and to
    the paint of the parts built after it (the first frame's end if none)."""
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, kind], capture_output=True, text=True, timeout=120, check=True
    )
    times = [float(t) - started for t in out.stdout.split()]
    return times[0], times[1], times[-1]


def startup(repeat: int = 15) -> None:
    # As installed (pip compiles a package's modules when it installs it; PyInstaller ships
    # them compiled), not as a checkout run with PYTHONDONTWRITEBYTECODE=1, which compiles
    # every optviz module again at each start (70 ms here: 87–147 ms vs 25–32 ms to import
    # optviz.ui.main_window after Qt and pyqtgraph).
    import compileall

    import optviz

    compileall.compile_dir(Path(optviz.__file__).parent, quiet=1)
    first_frame("bare")  # warm the file cache
    runs: dict[str, list[tuple[float, float, float]]] = {"bare": [], "optviz": [], "imports": []}
    for _ in range(repeat):  # interleaved, so that a busy moment hits all alike
        for kind, times in runs.items():
            times.append(first_frame(kind))
    median = {
        kind: [statistics.median(t[i] for t in times) for i in (0, 1, 2)]
        for kind, times in runs.items()
    }
    (bare_paint, bare_done, _), (paint, done, complete) = median["bare"], median["optviz"]
    print(
        f"(1) first frame, process start to its end (median of {repeat}): bare PySide6+pyqtgraph "
        f"window {bare_done * 1000:.0f} ms, optviz {done * 1000:.0f} ms; "
        f"ratio {done / bare_done:.2f}× (target ≤ 1.3×)"
    )
    print(
        f"    to the start of the first paint: bare {bare_paint * 1000:.0f} ms, optviz "
        f"{paint * 1000:.0f} ms = {paint / bare_paint:.2f}×"
    )
    print(
        f"    to the paint of the side plots (built after the first frame): "
        f"{complete * 1000:.0f} ms = {complete / bare_done:.2f}× bare"
    )
    imports_done = median["imports"][1]
    print(
        f"    the bare window after importing optviz's window module (no widget of ours "
        f"built): {imports_done * 1000:.0f} ms = {imports_done / bare_done:.2f}× bare"
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
    window.playback.playing_changed.emit(True)  # the views' playing mode, without its timer
    times = []
    for frame in range(frames):
        t0 = time.perf_counter()
        window.playback.set_step(frame * 5)  # what the playback timer does each tick
        app.processEvents()  # Qt repaints what changed
        times.append(time.perf_counter() - t0)
    seconds = sum(times)
    median, slow = statistics.median(times), sorted(times)[int(0.95 * frames)]
    print(
        f"(2) playing 6 trajectories on a 512² surface: {frames / seconds:.0f} fps "
        f"({seconds / frames * 1000:.1f} ms per frame, 1600×1000 window; target ≥ 60 fps); "
        f"median frame {median * 1000:.1f} ms, 95th percentile {slow * 1000:.1f} ms"
    )
    window.close()
    window.worker.stop()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="start-up runs of each kind")
    parser.add_argument("--only", choices=("startup", "frames"), help="one of the two benches")
    args = parser.parse_args()
    if args.only != "frames":
        startup(args.repeat)
    if args.only != "startup":
        frame_rate()

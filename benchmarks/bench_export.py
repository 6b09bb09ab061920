"""Export speed: a 4K PNG of the surface view, and a 10-second GIF of the race.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_export.py

(1) export_image of the surface view with six trajectories (the ravine preset) at
    3840 × 2160, encoding and writing included (target < 1.5 s), next to a plain
    window.grab() of a 1280 × 720 window measured in the same run.
(2) export_animation of a 10-second 1280 × 720 GIF at 30 fps (and the same as MP4):
    seconds, frames, file size, and how much the process grew meanwhile.
"""

from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 5
TARGET_4K_S = 1.5


def timed(function, repeats: int = REPEATS) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def ready_window():
    from PySide6.QtWidgets import QApplication

    from optviz.ui.app import make_app
    from optviz.ui.main_window import MainWindow

    make_app()
    window = MainWindow()
    window.resize(1280, 720)
    window.show()
    window.load_preset("ravine")
    deadline = time.monotonic() + 60
    while window.answer is None or window.grid is None or window.surface_view._pending_contours:
        if time.monotonic() > deadline:
            sys.exit("the preset was not drawn within 60 s")
        QApplication.processEvents()
        time.sleep(0.005)
    return window


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    from optviz import export
    from optviz.export_animation import frames_in

    window = ready_window()
    n_runs = window.answer.result.n_runs
    folder = Path(tempfile.mkdtemp(prefix="optviz-bench-export-"))
    png = folder / "race.png"

    first = timed(lambda: export.export_image(window, "surface", png, 3840, 2160), repeats=1)[0]
    export_times = timed(lambda: export.export_image(window, "surface", png, 3840, 2160))
    render_times = timed(lambda: export.render_image(window, "surface", 3840, 2160))
    grab_times = timed(lambda: window.grab().toImage())
    grab_size = window.grab().size()
    export_s = statistics.median(export_times)
    grab_s = statistics.median(grab_times)
    print(f"surface view, {n_runs} trajectories (ravine preset)")
    print(f"  4K PNG export (3840×2160, median of {REPEATS}): {export_s:.3f} s  ", end="")
    print("OK" if export_s < TARGET_4K_S else f"SLOW (target < {TARGET_4K_S} s)")
    print(f"    of which drawing: {statistics.median(render_times):.3f} s; first export: ", end="")
    print(f"{first:.3f} s; file {png.stat().st_size / 1e6:.1f} MB")
    print(f"  plain grab of the {grab_size.width()}×{grab_size.height()} window: {grab_s:.3f} s")
    print(f"  ratio 4K export / plain grab: {export_s / grab_s:.1f}×")

    for name in ("race.gif", "race.mp4"):
        path = folder / name
        rss_before = peak_rss_mb()
        started = time.perf_counter()
        export.export_animation(window, path, fps=30, duration_s=10, width=1280, height=720)
        seconds = time.perf_counter() - started
        frames = frames_in(path)
        print(
            f"  10 s 1280×720 {path.suffix[1:].upper()} at 30 fps: {seconds:.1f} s for {frames} "
            f"frames ({1000 * seconds / frames:.0f} ms/frame), {path.stat().st_size / 1e6:.2f} MB, "
            f"peak memory +{peak_rss_mb() - rss_before:.0f} MB"
        )
    window.worker.stop()


if __name__ == "__main__":  # the engine process is started with "spawn"
    main()

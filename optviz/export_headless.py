"""`optviz export EXPERIMENT.json --out FIG.png`: a figure without showing a window.

Builds the application and the main window, never shows it (so it works with
QT_QPA_PLATFORM=offscreen), loads the experiment, waits for the run and the heatmap, draws
the finished race (or its animation) and exits. A view of the Concepts tab (`--view sweep`)
is built alone and computed in this thread instead (`concepts.tab.view_for_export`); it
also writes its CSV. `--view training` races the networks of an experiment with a
"training" section in the Training tab, as the window would, and draws its curves when the
race has ended; `--view landscape` then also computes the loss landscape with the panel's
defaults (PCA of the paths, around the network the tab shows) and draws it.
Bad input: exit code 2 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QRectF, QTimer

from optviz.engine.errors import OptvizError
from optviz.export import (
    ANIMATION_FORMATS,
    CONCEPT_VIEWS,
    DATA_FORMATS,
    ExportError,
    check_target,
    export_animation,
    export_concept,
    export_image,
    opengl_problem,
)
from optviz.export_render import layout_scale

READY_TIMEOUT_S = 60.0
NETWORK_VIEWS = ("training", "landscape")  # of an experiment with a "training" section
TRAINING_TIMEOUT_S = 1800.0  # a race on the full MNIST takes minutes


class _Failed(Exception):
    """A message for stderr and an exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def headless_export(
    experiment_path: str | Path,
    out: str | Path,
    width: int = 1920,
    height: int = 1080,
    view: str = "surface",
    fps: int = 30,
    duration_s: float | None = None,
    transparent: bool = False,
    timeout_s: float = READY_TIMEOUT_S,
    landscape: dict | None = None,
) -> int:
    """Draw `view` of the experiment into `out` (.png/.svg/.pdf/.gif/.mp4); the exit code.

    A concept view (ewa, schedules, sweep, basins) writes .png, .svg, .pdf or .csv.
    landscape: for `view="landscape"`, {"centre": label or "1"…, "method": "pca"/"random",
    "resolution": 21/31/41}; a missing or None entry keeps the Training tab's choice.
    """
    window = None
    try:
        out = Path(out)
        fmt = check_target(out, width, height, view)
        if view in CONCEPT_VIEWS:
            _export_concept(experiment_path, out, width, height, view, transparent)
            what = f"{view} data" if fmt in DATA_FORMATS else f"{width}x{height}, {view}"
            print(f"optviz: wrote {out} ({what})", file=sys.stderr)
            return 0
        if fmt in DATA_FORMATS:
            raise ExportError.of(
                "{name}: for data use `optviz run EXPERIMENT --out {name}`", name=out.name
            )
        if fmt in ANIMATION_FORMATS and view in NETWORK_VIEWS:
            raise ExportError.of(
                "{name}: the {view} view is a picture of a finished race (use .png, .svg or .pdf)",
                name=out.name,
                view=view,
            )
        if fmt in ANIMATION_FORMATS:
            from optviz.export_animation import check_timing

            check_timing(fmt, fps, duration_s)
        from optviz.engine import experiment as experiment_io

        exp = experiment_io.load(experiment_path)
        _check_kind(exp, experiment_path, view)
        from optviz.ui.app import make_app

        make_app()
        if view in NETWORK_VIEWS:
            window = _trained_window(exp, max(timeout_s, TRAINING_TIMEOUT_S))
            if view == "landscape":
                _compute_landscape(
                    window.training_tab, max(timeout_s, TRAINING_TIMEOUT_S), landscape or {}
                )
            export_image(window, view, out, width, height, transparent)
            print(f"optviz: wrote {out} ({width}x{height}, {view})", file=sys.stderr)
            return 0
        if view == "3d":
            problem = opengl_problem()
            if problem:
                raise ExportError.of(
                    "--view 3d needs OpenGL, which is not available ({problem})",
                    problem=problem,
                )
        window = _loaded_window(exp, width, height, timeout_s)
        if fmt in ANIMATION_FORMATS:
            export_animation(window, out, fps, duration_s, width, height, view)
        else:
            export_image(window, view, out, width, height, transparent)
    except (OptvizError, _Failed) as error:
        print(f"optviz: error: {error}", file=sys.stderr)
        return getattr(error, "code", 2)
    except OSError as error:
        print(f"optviz: error: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - never a traceback for the user
        print(f"optviz: error: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        if window is not None:  # not close(): that would save the hidden window's settings
            if view in NETWORK_VIEWS:
                window.training_tab.shutdown()
            window.worker.stop()
    print(f"optviz: wrote {out} ({width}x{height}, {view})", file=sys.stderr)
    return 0


def _check_kind(exp, experiment_path, view: str) -> None:
    """A training experiment draws the network views and nothing else, and the reverse."""
    if view in NETWORK_VIEWS:
        if exp.training is None:
            raise ExportError.of(
                '{file}: no "training" section: the {view} view needs a race of networks',
                view=view,
                file=str(experiment_path),
            )
        if not any(o.enabled for o in exp.optimizers):
            raise ExportError.of("{file}: no enabled optimizers to race", file=str(experiment_path))
        return
    if exp.training is not None:
        raise ExportError.of(
            "{file}: this experiment trains networks: draw it with --view training or "
            "--view landscape",
            file=str(experiment_path),
        )
    if not any(o.enabled for o in exp.optimizers):
        raise ExportError.of(
            "{file}: no enabled optimizers to draw on a surface", file=str(experiment_path)
        )


def _trained_window(exp, timeout_s: float):
    """A hidden MainWindow whose Training tab has raced `exp` to the end."""
    from optviz.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    window.load_document(exp)
    tab = window.training_tab

    def start() -> None:
        if not tab.start():  # the settings refused the experiment (shown inline in the window)
            raise _Failed(tab.settings.error_label.text() or "the training settings are invalid")

    _run_until(start, tab.finished, tab.failed, timeout_s, "the race did not finish")
    return window


def _compute_landscape(tab, timeout_s: float, options: dict) -> None:
    """The Training tab's loss landscape for its finished race, computed and drawn, with the
    `options` of `headless_export` chosen on its panel first."""
    _choose_landscape(tab.landscape, options)

    def start() -> None:
        if not tab.compute_landscape():
            raise _Failed("the loss landscape cannot be computed for this race")

    runner = tab.runner
    what = "the loss landscape was not computed"
    _run_until(start, runner.landscape_ready, runner.landscape_failed, timeout_s, what)


def _run_until(start, done, failed, timeout_s: float, what: str) -> None:
    """Call `start()`, then run Qt's event loop until `done` or `failed(message)` is
    emitted; _Failed with the message, or (exit code 1) "`what` within … s" after
    `timeout_s`."""
    outcome: list[str | None] = []
    loop = QEventLoop()
    done.connect(lambda *_args: (outcome.append(None), loop.quit()))
    failed.connect(lambda message: (outcome.append(message), loop.quit()))
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    started = time.monotonic()
    start()
    if not outcome:  # not already over within start()
        loop.exec()
    timer.stop()
    if not outcome:
        raise _Failed(f"{what} within {time.monotonic() - started:.0f} s", code=1)
    if outcome[0] is not None:
        raise _Failed(outcome[0])


def _choose_landscape(panel, options: dict) -> None:
    """Set the landscape panel's centre, directions and grid as `options` asks."""
    from optviz.engine.landscape import METHODS

    if options.get("method"):
        panel.method.setCurrentIndex(METHODS.index(options["method"]))
    if options.get("resolution"):
        panel.resolution.setCurrentIndex(panel.resolution.findData(int(options["resolution"])))
    centre = options.get("centre")
    if centre:
        labels = [panel.center.itemText(i) for i in range(panel.center.count())]
        if centre in labels:
            panel.center.setCurrentIndex(labels.index(centre))
        elif centre.isdigit() and 1 <= int(centre) <= len(labels):
            panel.center.setCurrentIndex(int(centre) - 1)
        else:
            raise ExportError.of(
                "--centre {centre}: no such optimizer in the race (use one of {labels}, or "
                "1…{count})",
                centre=repr(centre),
                labels=", ".join(labels),
                count=len(labels),
            )


def _export_concept(experiment_path, out: Path, width: int, height: int, view: str, transparent):
    """The concept view drawn for the experiment, computed in this thread, then exported."""
    from optviz.engine import experiment as experiment_io

    exp = experiment_io.load(experiment_path)
    from optviz.ui.app import make_app

    make_app()
    from optviz.ui.concepts.tab import view_for_export

    drawn = view_for_export(view, exp)
    try:
        export_concept(drawn, view, out, width, height, transparent)
    finally:
        # Deleted now, while Python runs: left to the interpreter's exit, Qt lays the plot
        # out once more and calls into pyqtgraph's Python code, which crashes (exit 139).
        for widget in (drawn.figure, drawn):
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _loaded_window(exp, width: int, height: int, timeout_s: float):
    """A hidden MainWindow with the experiment run and drawn, at the race's last step."""
    from optviz.ui.main_window import MainWindow

    window = MainWindow()
    window.resize(1600, 1000)
    # A hidden view keeps the layout it is given: give it the export's, so the heatmap the
    # window samples covers exactly what the export shows.
    scale = layout_scale(width, height)
    window.surface_view.centralWidget.setGeometry(QRectF(0, 0, width / scale, height / scale))
    seen: set[str] = set()
    errors: list[str] = []
    loop = QEventLoop()

    def mark(kind: str) -> None:
        seen.add(kind)
        if {"run", "grid"} <= seen:
            loop.quit()

    def failed(_request: int, _kind: str, message: str) -> None:
        errors.append(message)
        loop.quit()

    window.run_drawn.connect(lambda: mark("run"))
    window.grid_drawn.connect(lambda: mark("grid"))
    window.worker.failed.connect(failed)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(int(timeout_s * 1000))
    started = time.monotonic()
    window.load_experiment(exp)
    if window.error_label.text():  # the panels refused the experiment
        raise _Failed(window.error_label.text())
    loop.exec()
    timer.stop()
    if errors:
        raise _Failed(errors[0])
    if not {"run", "grid"} <= seen:
        waited = time.monotonic() - started
        raise _Failed(f"the run was not drawn within {waited:.0f} s", code=1)
    window.playback.set_step(window.playback.steps)
    return window

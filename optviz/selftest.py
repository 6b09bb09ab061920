"""`optviz --self-test`: check that this installation works, then exit 0 (all passed) or 1.

Meant for the frozen app above all (PyInstaller bundles miss modules, data files and Qt
plugins silently), but it runs the same from a pip or an editable install. Each check prints
one line on stdout, ``ok   name: what was seen`` or ``FAIL name: why``; a failure's traceback
goes to stderr. It needs no screen: unless QT_QPA_PLATFORM is set, Qt draws offscreen.

With OPTVIZ_FIRST_PAINT=1 it instead opens the main window as `optviz` does and prints
``first-paint <time.time()>`` when the window's first paint starts and ``first-frame
<time.time()>`` when that frame is done, then quits (packaging/measure_startup.py times
the frozen app with it).

Keep the imports at the top light: the engine check's helper process imports this module.
"""

from __future__ import annotations

import importlib.resources
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

TIMEOUT_S = 60.0  # per check that waits: a cold start of a frozen app on a slow CI machine
PRESET = "textbook"
WINDOW_SIZE = (1280, 720)
FIRST_PAINT_ENV = "OPTVIZ_FIRST_PAINT"
DIGITS_FILES = ("digits-images-idx3-ubyte.gz", "digits-labels-idx1-ubyte.gz")
ICON_FILES = ("optviz.svg", "optviz-256.png", "optviz.ico", "optviz.icns")
TRAINING_STEPS = 30


class CheckFailed(Exception):
    """A check saw something wrong; the message says what, for the FAIL line."""


class _State:
    """What the checks share: the application, the main window, a folder for files."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.app: Any = None
        self.app_existed = False
        self.window: Any = None


def main() -> int:
    """Run every check, print one line each; 0 if all passed, else 1."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for stream in (sys.stdout, sys.stderr):  # a cp1252 pipe must not end the test on "→"
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if os.environ.get(FIRST_PAINT_ENV):
        return first_paint()
    passed = 0
    with tempfile.TemporaryDirectory(prefix="optviz-selftest-") as folder:
        state = _State(Path(folder))
        try:
            for name, check in CHECKS:
                passed += _report(name, check, state)
        finally:
            _close(state)
    failed = len(CHECKS) - passed
    verdict = "all passed" if not failed else f"{failed} failed"
    print(f"optviz self-test: {len(CHECKS)} checks, {verdict}", file=sys.stderr)
    return 0 if not failed else 1


def _report(name: str, check: Callable[[_State], str], state: _State) -> bool:
    try:
        detail = check(state)
    except Exception as error:
        expected = isinstance(error, CheckFailed)
        message = str(error) if expected else f"{type(error).__name__}: {error}"
        print(f"FAIL {name}: {message}", flush=True)
        if not expected:
            traceback.print_exc(file=sys.stderr)
        return False
    print(f"ok   {name}: {detail}", flush=True)
    return True


# --- the checks, in order -----------------------------------------------------------------


def check_installation(state: _State) -> str:
    import optviz

    where = Path(optviz.__file__).resolve().parent
    if getattr(sys, "frozen", False):
        kind = f"frozen app, {Path(sys.executable).name} in {Path(sys.executable).parent}"
    else:
        kind = f"Python {sys.version.split()[0]}, package in {where}"
    utf8 = ", UTF-8 mode" if sys.flags.utf8_mode else ""
    return f"optviz {optviz.__version__}, {kind}{utf8}"


def check_qt_platform(state: _State) -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, qVersion
    from PySide6.QtGui import QGuiApplication

    from optviz.ui.app import make_app

    state.app_existed = QGuiApplication.instance() is not None
    state.app = make_app()
    platform = QGuiApplication.platformName()
    wanted = os.environ["QT_QPA_PLATFORM"].split(":")[0]
    if not state.app_existed and platform != wanted:
        raise CheckFailed(f"asked for the {wanted!r} platform plugin, Qt loaded {platform!r}")
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    return f"{platform} (Qt {qVersion()}, PySide6 {pyside_version}; plugins in {plugins})"


def check_image_formats(state: _State) -> str:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QImageReader, QImageWriter

    readable = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    writable = {bytes(f).decode() for f in QImageWriter.supportedImageFormats()}
    if "png" not in readable or "png" not in writable:
        raise CheckFailed(f"PNG missing (read: {sorted(readable)}, write: {sorted(writable)})")
    image = QImage(7, 5, QImage.Format.Format_RGB32)
    image.fill(QColor("#E69F00"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    back = QImage.fromData(data, "PNG")
    if back.size() != image.size() or back.pixelColor(3, 2) != QColor("#E69F00"):
        raise CheckFailed("a PNG written in memory does not read back the same")
    others = ", ".join(f for f in ("svg", "ico", "icns", "jpg") if f in readable)
    return f"png read and write (also readable: {others or 'nothing else'})"


def check_resources(state: _State) -> str:
    root = importlib.resources.files("optviz.resources")
    wanted = [f"data/{name}" for name in DIGITS_FILES] + [f"icons/{name}" for name in ICON_FILES]
    missing = [name for name in wanted if not root.joinpath(name).is_file()]
    if missing:
        raise CheckFailed(f"missing in {root}: {', '.join(missing)}")
    return f"{len(wanted)} files (digits data, icons) in {root}"


def check_icon(state: _State) -> str:
    from PySide6.QtGui import QIcon, QImage, QPixmap

    icons = importlib.resources.files("optviz.resources") / "icons"
    icon = QIcon()
    for size in (16, 32, 48, 256):
        pixmap = QPixmap()
        if not pixmap.loadFromData(icons.joinpath(f"optviz-{size}.png").read_bytes(), "PNG"):
            raise CheckFailed(f"optviz-{size}.png does not load")
        if (pixmap.width(), pixmap.height()) != (size, size):
            raise CheckFailed(f"optviz-{size}.png is {pixmap.width()}x{pixmap.height()}")
        icon.addPixmap(pixmap)
    svg = QImage.fromData(icons.joinpath("optviz.svg").read_bytes(), "SVG")
    svg_note = f"SVG renders at {svg.width()}x{svg.height()}" if not svg.isNull() else "no SVG"
    sizes = sorted(s.width() for s in icon.availableSizes())
    return f"window icon from PNGs {sizes}; {svg_note}"


def check_engine_process(state: _State) -> str:
    import concurrent.futures as futures
    import multiprocessing

    # The same way the app's EngineWorker starts its helpers: "spawn" runs this program
    # again (the frozen executable, in a bundle), which must hand control to the child.
    context = multiprocessing.get_context("spawn")
    started = time.perf_counter()
    pool = futures.ProcessPoolExecutor(max_workers=1, mp_context=context)
    try:
        answer = pool.submit(engine_probe, PRESET).result(timeout=TIMEOUT_S)
    except futures.TimeoutError:
        # A frozen app whose helper runs the GUI instead of the engine would never answer.
        for child in multiprocessing.active_children():
            child.kill()
        raise CheckFailed(f"no answer from the helper process in {TIMEOUT_S:.0f} s") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    seconds = time.perf_counter() - started
    if answer["pid"] == os.getpid():
        raise CheckFailed("the engine ran in this process, not in a helper process")
    if answer["frozen"] != bool(getattr(sys, "frozen", False)):
        raise CheckFailed(f"the helper process has frozen={answer['frozen']}, this one not")
    return (
        f"helper pid {answer['pid']} ran {PRESET!r} ({answer['runs']} runs × "
        f"{answer['steps']} steps) and read {answer['digits']} bundled digits in {seconds:.1f} s"
    )


def engine_probe(preset_name: str) -> dict[str, Any]:
    """Runs in the helper process: a preset through the engine, and the bundled data set."""
    from optviz.engine import presets, runner
    from optviz.engine.datasets import load_digits

    experiment = presets.preset(preset_name)
    result = runner.run(experiment)
    digits = load_digits()
    return {
        "pid": os.getpid(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "runs": int(result.positions.shape[0]),
        "steps": int(result.positions.shape[1] - 1),
        "digits": len(digits.x_train) + len(digits.x_test),
    }


def check_main_window(state: _State) -> str:
    from PySide6.QtWidgets import QAbstractSlider

    from optviz.ui.main_window import MainWindow

    window = state.window = MainWindow()
    window.resize(*WINDOW_SIZE)
    seen: dict[str, Any] = {"run": False, "grid": False, "failed": None}
    window.run_drawn.connect(lambda: seen.__setitem__("run", True))
    window.grid_drawn.connect(lambda: seen.__setitem__("grid", True))
    window.worker.failed.connect(lambda _r, kind, message: seen.__setitem__("failed", message))
    started = time.perf_counter()
    window.load_preset(PRESET)
    window.show()
    _wait_for(state.app, lambda: (seen["run"] and seen["grid"]) or seen["failed"])
    if seen["failed"]:
        raise CheckFailed(f"the engine failed: {seen['failed']}")
    if not (seen["run"] and seen["grid"]):
        waiting = [k for k in ("run", "grid") if not seen[k]]
        raise CheckFailed(f"no {' and no '.join(waiting)} drawn after {TIMEOUT_S:.0f} s")
    seconds = time.perf_counter() - started
    window.playback.set_step(window.playback.steps)
    result = window.answer.result
    card = window.optimizer_list.cards()[0]
    card.set_expanded(True, animate=False)  # built on opening, with superqt's widgets
    sliders = type(card.form.findChild(QAbstractSlider)).__name__
    return (
        f"preset {PRESET!r} ran to step {window.playback.step} of {window.playback.steps} "
        f"({len(result.labels)} optimizers) and the surface was drawn in {seconds:.1f} s "
        f"(engine in a {window.worker.mode}); a card's details open ({sliders})"
    )


def check_screenshot(state: _State) -> str:
    from PySide6.QtGui import QImage

    if state.window is None:
        raise CheckFailed("no main window (see the check above)")
    for _ in range(5):
        state.app.processEvents()
    path = state.folder / "window.png"
    pixmap = state.window.grab()
    if not pixmap.save(str(path), "PNG"):
        raise CheckFailed(f"could not write {path}")
    image = QImage(str(path))
    expected = (
        round(state.window.width() * pixmap.devicePixelRatio()),
        round(state.window.height() * pixmap.devicePixelRatio()),
    )
    if (image.width(), image.height()) != expected:
        raise CheckFailed(f"the PNG is {image.width()}x{image.height()}, expected {expected}")
    colours = _count_colours(image)
    if colours < 16:  # a blank or black window has one or two
        raise CheckFailed(f"the PNG has only {colours} colours: nothing was drawn")
    size_kb = path.stat().st_size / 1024
    return f"{image.width()}x{image.height()} PNG, {size_kb:.0f} KB, {colours} colours sampled"


def check_opengl(state: _State) -> str:
    from PySide6.QtGui import QGuiApplication

    from optviz.ui.surface_3d import probe_opengl

    try:
        import OpenGL.GL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
    except ModuleNotFoundError:
        raise  # a module missing from the bundle is a packaging bug
    except Exception as error:  # no libGL on this machine: the 3D tab explains, not a bug here
        return f"PyOpenGL is bundled but cannot load here ({type(error).__name__}: {error})"
    problem = probe_opengl()
    platform = QGuiApplication.platformName()
    if problem is None:
        return f"PyOpenGL and pyqtgraph.opengl import; an OpenGL context works on {platform}"
    return f"PyOpenGL and pyqtgraph.opengl import; no 3D here: {problem}"


def check_training(state: _State) -> str:
    import numpy as np

    from optviz.engine.datasets import load_digits
    from optviz.engine.training import TrainingConfig, run

    dataset = load_digits()
    config = TrainingConfig(
        dataset="digits", hidden=(16,), batch_size=64, iterations=TRAINING_STEPS,
        eval_every=TRAINING_STEPS, seed=0,
    )  # fmt: skip
    specs = [{"name": "sgd", "lr": 0.1, "momentum": 0.9}, {"name": "adam", "lr": 0.01}]
    results = run(config, specs, dataset)
    parts = []
    for entry in results:
        loss = np.asarray(entry["loss"], dtype=float)
        if len(loss) != TRAINING_STEPS or not np.all(np.isfinite(loss)):
            raise CheckFailed(f"{entry['label']}: losses {loss.tolist()}")
        first, last = loss[:5].mean(), loss[-5:].mean()
        if not last < first:
            raise CheckFailed(f"{entry['label']}: the loss did not fall ({first:.3f} → {last:.3f})")
        accuracy = entry["test_accuracy"][-1][1]
        parts.append(f"{entry['label']} loss {first:.2f} → {last:.2f}, test {accuracy:.0%}")
    return (
        f"digits {len(dataset.x_train)} train / {len(dataset.x_test)} test; "
        f"{TRAINING_STEPS} steps: " + "; ".join(parts)
    )


CHECKS: tuple[tuple[str, Callable[[_State], str]], ...] = (
    ("installation", check_installation),
    ("qt platform", check_qt_platform),
    ("image formats", check_image_formats),
    ("resources", check_resources),
    ("icon", check_icon),
    ("engine process", check_engine_process),
    ("main window", check_main_window),
    ("screenshot", check_screenshot),
    ("opengl", check_opengl),
    ("training", check_training),
)


# --- helpers --------------------------------------------------------------------------------


def _wait_for(app, done: Callable[[], Any], timeout_s: float = TIMEOUT_S) -> None:
    """Run the event loop until done() is true or the time is up."""
    from PySide6.QtCore import QEventLoop

    deadline = time.monotonic() + timeout_s
    while not done() and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.005)


def _count_colours(image, samples: int = 4096) -> int:
    """Distinct colours on a regular grid of about `samples` pixels."""
    step = max(1, int((image.width() * image.height() / samples) ** 0.5))
    return len(
        {
            image.pixel(x, y)
            for y in range(0, image.height(), step)
            for x in range(0, image.width(), step)
        }
    )


def _close(state: _State) -> None:
    if state.window is not None:
        state.window.close()
        state.window.worker.stop()
        state.window.deleteLater()
        state.window = None
    if state.app is not None:
        for _ in range(3):
            state.app.processEvents()


# --- start-up timing ------------------------------------------------------------------------


def first_paint() -> int:
    """Open the main window on the default preset as `optviz` does; print the wall-clock times
    of its first Paint event and of the end of that frame, and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QWidget

    from optviz.engine import presets
    from optviz.ui.app import make_app
    from optviz.ui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.resize(*WINDOW_SIZE)
    window.load_preset(presets.DEFAULT)

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if (
                not self.seen
                and event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.window() is window
            ):
                self.seen = True
                print(f"first-paint {time.time()!r}", flush=True)
                QTimer.singleShot(0, frame_done)
            return False

    def frame_done() -> None:  # the event loop's next turn: the paint pass is over
        print(f"first-frame {time.time()!r}", flush=True)
        app.quit()

    spy = FirstPaint()
    app.installEventFilter(spy)
    QTimer.singleShot(int(TIMEOUT_S * 1000), app.quit)
    window.show()
    app.exec()
    app.removeEventFilter(spy)
    window.worker.stop()
    return 0 if spy.seen else 1

"""QApplication set-up and the GUI entry point (also the `--screenshot` mode)."""

from __future__ import annotations

import importlib.resources
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QSize, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap, QPixmapCache
from PySide6.QtWidgets import QApplication

SCREENSHOT_TIMEOUT_MS = 60_000


class OptvizApplication(QApplication):
    """macOS hands a document opened with optviz (Finder, the Dock) to the application as a
    QFileOpenEvent, not as an argument: `file_open_requested` passes its path on."""

    file_open_requested = Signal(str)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.FileOpen and event.file():
            self.file_open_requested.emit(event.file())
            return True
        return super().event(event)


def make_app() -> QApplication:
    import pyqtgraph as pg

    # Worker threads make many small NumPy calls while holding the GIL; a short switch
    # interval lets the GUI thread take the GIL back quickly, so painting never waits long.
    sys.setswitchinterval(0.0005)
    app = QApplication.instance()
    if app is None:
        app = OptvizApplication(sys.argv[:1])
    app.setApplicationName("optviz")
    app.setOrganizationName("optviz")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("org.optviz.optviz")  # the installed .desktop file (Linux)
    font = app.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    # Static layers (heatmap, contours, finished curves) are cached as pixmaps; Qt's default
    # 10 MB pixmap cache holds only a few of them at 1600×1000, and each eviction means a
    # full repaint on the next playback frame.
    QPixmapCache.setCacheLimit(256 * 1024)  # KiB
    pg.setConfigOptions(
        imageAxisOrder="row-major", antialias=True, background="w", foreground="#222222"
    )
    return app


def app_icon() -> QIcon:
    """The optviz icon, from the PNGs in optviz.resources (found in every kind of install)."""
    icons = importlib.resources.files("optviz.resources") / "icons"
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        file = icons.joinpath(f"optviz-{size}.png")
        if isinstance(file, Path):  # a file on disk: Qt reads only the sizes it shows
            icon.addFile(str(file), QSize(size, size))
            continue
        pixmap = QPixmap()
        if pixmap.loadFromData(file.read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon


def save_atomically(image, path: Path) -> bool:
    """QImage/QPixmap → PNG, written as every saved file is (experiment.atomic_write: a
    temporary file renamed, with the usual permissions)."""
    from optviz.engine.experiment import atomic_write

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        return False
    try:
        atomic_write(path, bytes(buffer.data()))
    except OSError:
        return False
    return True


def run_app(
    preset: str | None = None,
    open_file: Path | None = None,
    screenshot: Path | None = None,
    size: tuple[int, int] = (1600, 1000),
    view: str = "surface",
) -> int:
    app = make_app()
    from optviz.engine import presets
    from optviz.ui import i18n
    from optviz.ui.main_window import MainWindow

    i18n.install_translator(app)  # the saved choice, else the system's language
    window = MainWindow()
    # A screenshot has the size asked for; otherwise the window comes back as it was left.
    if screenshot is not None or not window.document.restore_window_settings():
        window.resize(*size)
    if open_file is not None:
        if not window.open_file(Path(open_file)) and screenshot is not None:
            return 2
    else:
        window.load_preset(preset or presets.DEFAULT)
    status = {"code": 0}
    if screenshot is not None:
        if not Path(screenshot).parent.exists():
            print(
                f"optviz: error: folder {Path(screenshot).parent} does not exist", file=sys.stderr
            )
            return 2
        _arm_screenshot(app, window, Path(screenshot), size, view, status)
    _close_on_signals(window)
    if isinstance(app, OptvizApplication):
        app.file_open_requested.connect(lambda path: window.document.open_with_prompt(Path(path)))
    window.show()
    if screenshot is None:
        QTimer.singleShot(0, window.document.offer_recovery)  # after a crash
    app.exec()
    window.worker.stop()
    return status["code"]


def _close_on_signals(window) -> None:
    """Ctrl+C or SIGTERM close the window the normal way (worker stopped, exit code 0)."""
    import signal

    def close(*_):
        QTimer.singleShot(0, window.close)

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    # Python runs signal handlers only when the interpreter gets control: wake it up.
    window._signal_timer = QTimer(window)
    window._signal_timer.timeout.connect(lambda: None)
    window._signal_timer.start(200)


def _arm_screenshot(app, window, path: Path, size, view: str, status: dict) -> None:
    """Wait until the run and the surface are drawn, jump to the end, save, quit."""
    seen = {"run": False, "grid": False, "done": False}

    def ready(kind: str) -> None:
        seen[kind] = True
        if seen["run"] and seen["grid"] and not seen["done"]:
            seen["done"] = True
            QTimer.singleShot(100, shoot)

    def shoot() -> None:
        window.playback.set_step(window.playback.steps)
        if view == "3d":
            window.tabs.setCurrentIndex(1)
        window.resize(*size)
        # Contour levels are drawn a few per event-loop turn; on a busy machine the last
        # (the highest, in the corners) could still be pending.
        window.surface_view.flush_contours()
        for _ in range(5):
            app.processEvents()
        image = window.grab().toImage()
        if (image.width(), image.height()) != tuple(size):
            image = image.scaled(*size)
        if save_atomically(image, path):
            print(f"optviz: saved {path} ({image.width()}x{image.height()})", file=sys.stderr)
        else:
            print(f"optviz: error: could not write {path}", file=sys.stderr)
            status["code"] = 1
        window.close()

    def give_up() -> None:
        if not seen["done"]:
            print(
                "optviz: error: the run did not finish in time for the screenshot", file=sys.stderr
            )
            status["code"] = 1
            window.close()

    window.run_drawn.connect(lambda: ready("run"))
    window.grid_drawn.connect(lambda: ready("grid"))
    window.worker.failed.connect(lambda *_: give_up())
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)

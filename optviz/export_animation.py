"""The race as a GIF or MP4: the main window's playback stepped frame by frame.

One frame is drawn per event-loop turn, so the window (and a progress dialog with Cancel)
stays responsive however long the export takes. Frames go straight to the encoder: memory
stays flat whatever the length.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from optviz.export import (
    ANIMATION_FORMATS,
    ExportError,
    HeatmapCover,
    check_target,
    render_image,
    settle,
    usual_permissions,
)
from optviz.export_render import layout_scale

# What a failing frame or encoder raises (ffmpeg's broken pipe comes as RuntimeError).
FAILURES = (OSError, ExportError, RuntimeError, ValueError)
MAX_FPS = {"gif": 50, "mp4": 120}  # GIF delays are whole 1/100 s; below 2 browsers slow down
MAX_DURATION_S = 600.0
HOLD_END_S = 1.0  # the finished race stays on screen this long before a GIF loops
TRANSPARENT = 255  # the GIF palette index of "unchanged since the last frame"


def default_duration(steps: int) -> float:
    """As long as the window's default playback (30 steps/s), between 3 and 10 seconds."""
    return min(10.0, max(3.0, steps / 30))


def check_timing(fmt: str, fps: float, duration_s: float | None) -> None:
    """ExportError unless fps and duration suit the format."""
    if not 1 <= fps <= MAX_FPS[fmt]:
        raise ExportError.of(
            "fps must be 1…{high} for {format}", high=MAX_FPS[fmt], format=fmt.upper()
        )
    if duration_s is not None and not 0.1 <= duration_s <= MAX_DURATION_S:
        raise ExportError.of("duration must be 0.1…{high} seconds", high=f"{MAX_DURATION_S:.0f}")


def frame_steps(steps: int, fps: float, duration_s: float, hold_end_s: float) -> np.ndarray:
    """The playback step of each frame: 0 … steps evenly over `duration_s`, then a hold."""
    count = max(2, round(fps * duration_s))
    race = np.round(np.linspace(0, steps, count)).astype(int)
    return np.concatenate([race, np.full(round(fps * hold_end_s), steps, dtype=int)])


def rgb_array(image: QImage) -> np.ndarray:
    """(height, width, 3) uint8 copy of a QImage."""
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, : 3 * image.width()].reshape(image.height(), image.width(), 3).copy()


class GifWriter:
    """Writes a looping GIF one frame at a time.

    Pillow's own GIF writer (and imageio's, which uses it) keeps every frame until the file
    is closed: a 10-second 720p race would hold about a gigabyte. Here each frame is mapped
    to one palette, made from a frame of the finished race (so the trajectories' colours
    are in it, and the heatmap does not flicker between per-frame palettes), and written at
    once with Pillow's frame encoder: only the rectangle that changed since the previous
    frame, with unchanged pixels transparent.
    """

    def __init__(
        self, path: Path, fps: float, palette_frame: np.ndarray, keep_colors: tuple[str, ...] = ()
    ):
        from PIL import GifImagePlugin, Image, ImageColor

        self._image_module, self._gif = Image, GifImagePlugin
        # A thin trajectory is too few pixels for median cut to keep its colour: the run
        # colours (and black and white) get entries of their own.
        kept = list(dict.fromkeys([*keep_colors, "#000000", "#ffffff"]))
        kept_rgb = [ImageColor.getrgb(color)[:3] for color in kept][: TRANSPARENT // 2]
        adaptive = Image.fromarray(palette_frame).quantize(
            colors=TRANSPARENT - len(kept_rgb), method=Image.Quantize.MEDIANCUT
        )
        colors = adaptive.getpalette()[: 3 * (TRANSPARENT - len(kept_rgb))]
        colors += [v for rgb in kept_rgb for v in rgb]
        self._palette = Image.new("P", (1, 1))
        self._palette.putpalette(colors + [0, 0, 0] * (256 - len(colors) // 3))
        self._fps = fps
        self._frames = 0
        self._previous: np.ndarray | None = None
        self._file = open(path, "wb")  # noqa: SIM115 - closed in close()
        header, _ = GifImagePlugin.getheader(self._palette.copy(), info={"loop": 0})
        self._file.write(b"".join(header))

    def append(self, frame: np.ndarray) -> None:
        image = self._image_module.fromarray(frame).quantize(
            palette=self._palette, dither=self._image_module.Dither.NONE
        )
        indices = np.asarray(image)
        offset, part = (0, 0), indices
        if self._previous is not None:
            changed = indices != self._previous
            rows, columns = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
            if len(rows):
                box = np.s_[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]
                part = np.where(changed[box], indices[box], TRANSPARENT).astype(np.uint8)
                offset = (int(columns[0]), int(rows[0]))
            else:  # nothing moved (the hold at the end): one transparent pixel
                part = np.full((1, 1), TRANSPARENT, dtype=np.uint8)
        self._previous = indices
        # Delays are whole hundredths: 30 fps alternates 3, 3 and 4 so the total is exact.
        k = self._frames
        delay = round((k + 1) * 100 / self._fps) - round(k * 100 / self._fps)
        chunks = self._gif.getdata(
            self._image_module.fromarray(part),
            offset=offset,
            duration=10 * max(1, delay),
            transparency=TRANSPARENT,
            disposal=1,  # keep the previous frame under this one
        )
        self._file.write(b"".join(chunks))
        self._frames += 1

    def close(self) -> None:
        if not self._file.closed:
            self._file.write(b";")  # GIF trailer
            self._file.close()


class Mp4Writer:
    """H.264 in MP4 through the ffmpeg that the imageio-ffmpeg wheel ships."""

    def __init__(self, path: Path, fps: float, width: int, height: int):
        import imageio_ffmpeg

        self._writer = imageio_ffmpeg.write_frames(
            str(path),
            (width, height),
            fps=fps,
            codec="libx264",
            pix_fmt_out="yuv420p",  # what every player and browser decodes
            quality=8,
            macro_block_size=1,  # sizes are even already; never let ffmpeg rescale
            ffmpeg_log_level="error",
            output_params=["-movflags", "+faststart"],
        )
        self._writer.send(None)

    def append(self, frame: np.ndarray) -> None:
        self._writer.send(np.ascontiguousarray(frame))

    def close(self) -> None:
        self._writer.close()


class AnimationExport(QObject):
    """Draws the race into `path` (.gif or .mp4), one frame per event-loop turn.

    `start()` returns at once; then `progress(done, total)` after every frame and, at the
    end, exactly one of `finished(path)`, `failed(message)` or `cancelled()`. The window's
    playback position is put back afterwards. Nothing is left behind on failure or cancel.
    """

    progress = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        window,
        path: str | Path,
        fps: float = 30,
        duration_s: float | None = None,
        width: int = 1280,
        height: int = 720,
        view: str = "surface",
        hold_end_s: float = HOLD_END_S,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.path = Path(path)
        self.format = check_target(self.path, width, height, view)
        if self.format not in ANIMATION_FORMATS:
            raise ExportError.of(
                "{name}: not an animation format (use .gif or .mp4)", name=self.path.name
            )
        check_timing(self.format, fps, duration_s)
        self.window, self.view = window, view
        self.fps, self.duration_s, self.hold_end_s = fps, duration_s, hold_end_s
        self.width, self.height = width, height
        self.scale = layout_scale(width, height)
        self.steps = np.zeros(0, dtype=int)
        self.started_at = 0.0
        self._writer = None
        self._tmp: Path | None = None
        self._next = 0
        self._stop = False
        self._restore_step: int | None = None
        self._frozen: QWidget | None = None
        self._cover = HeatmapCover(window)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._frame)

    @property
    def total(self) -> int:
        return len(self.steps)

    def start(self) -> None:
        """Check the window has a run, open the file and draw the first frame next turn."""
        try:
            settle(self.window)
            playback = self.window.playback
            playback.pause()
            self._restore_step = playback.step
            duration = self.duration_s or default_duration(playback.steps)
            self.steps = frame_steps(playback.steps, self.fps, duration, self.hold_end_s)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{self.path.stem}.", suffix=self.path.suffix, dir=self.path.parent
            )
            os.close(fd)
            self._tmp = Path(tmp)
            if self.format == "gif":
                last_frame = self._draw(playback.steps)
                colors = tuple(getattr(self.window, "run_colors", ()))
                self._writer = GifWriter(self._tmp, self.fps, last_frame, colors)
            else:
                self._writer = Mp4Writer(self._tmp, self.fps, self.width, self.height)
        except FAILURES as error:
            self._end(failure=_message(error))
            return
        # The window would repaint every view for every frame, which costs as much as
        # drawing the frame: it shows the current picture until the export ends instead.
        self._frozen = self.window.centralWidget()
        if self._frozen is not None and self.view not in ("side", "training"):
            self._frozen.setUpdatesEnabled(False)
        self.started_at = time.perf_counter()
        self._timer.start()

    def cancel(self) -> None:
        """Stop after the frame being drawn; the file is not written."""
        self._stop = True

    def _draw(self, step: int) -> np.ndarray:
        self.window.playback.set_step(int(step))  # the window redraws every view
        if self.view == "3d" and self.window.view3d is not None:
            self.window.view3d.set_step(int(step), self.window.playback.trail_length())
        image = render_image(
            self.window, self.view, self.width, self.height, scale=self.scale, cover=self._cover
        )
        return rgb_array(image)

    def _frame(self) -> None:
        if self._stop:
            self._end(cancel=True)
            return
        try:
            self._writer.append(self._draw(self.steps[self._next]))
        except FAILURES as error:
            self._end(failure=_message(error))
            return
        self._next += 1
        self.progress.emit(self._next, self.total)
        if self._next < self.total:
            self._timer.start()
            return
        try:
            self._writer.close()
            self._writer = None
            os.replace(self._tmp, self.path)
            usual_permissions(self.path)
        except OSError as error:
            self._end(failure=_message(error))
            return
        self._end()

    def _end(self, failure: str | None = None, cancel: bool = False) -> None:
        if self._writer is not None:
            try:
                self._writer.close()
            except Exception:  # noqa: BLE001 - the encoder may already be broken; we clean up
                pass
            self._writer = None
        if self._tmp is not None and (failure or cancel):
            self._tmp.unlink(missing_ok=True)
        if self._restore_step is not None:
            self.window.playback.set_step(self._restore_step)
        if self._frozen is not None:
            self._frozen.setUpdatesEnabled(True)
            self._frozen = None
        if failure:
            self.failed.emit(failure)
        elif cancel:
            self.cancelled.emit()
        else:
            self.finished.emit(str(self.path))


def _message(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        name = error.filename or ""
        return f"{name}: {error.strerror}" if name else error.strerror
    return str(error) or type(error).__name__


def run_to_end(window, path, fps, duration_s, width, height, view, progress, should_stop) -> bool:
    """AnimationExport in a local event loop (for scripts and the CLI); see export_animation."""
    job = AnimationExport(window, path, fps, duration_s, width, height, view)
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def step(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total)
        if should_stop is not None and should_stop():
            job.cancel()

    job.progress.connect(step)
    job.finished.connect(lambda _path: (outcome.setdefault("ok", True), loop.quit()))
    job.cancelled.connect(lambda: (outcome.setdefault("ok", False), loop.quit()))
    job.failed.connect(lambda message: (outcome.setdefault("error", message), loop.quit()))
    job.start()
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise ExportError.of(
            "the animation could not be written: {reason}", reason=outcome["error"]
        )
    return bool(outcome["ok"])


def frames_in(path: str | Path) -> int:
    """How many frames a GIF or MP4 file has (for tests and the benchmark)."""
    path = Path(path)
    if path.suffix.lower() == ".gif":
        from PIL import Image

        with Image.open(path) as image:
            return image.n_frames
    import imageio_ffmpeg

    frames, _seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    return frames

"""Images, animations and data out of the main window; the UI and the CLI both use this.

    export_image(window, "surface", "race.png", 3840, 2160)     # also .svg and .pdf
    export_animation(window, "race.mp4", fps=30, duration_s=8)  # also .gif
    export_data(window, "race.csv")                             # also .json
    export_concept(window, "sweep", "sweep.svg", 1280, 720)     # also .png, .pdf, .csv
    headless_export("exp.json", "race.png", 1920, 1080)         # `optviz export`

Images are painted again at the requested size (export_render explains how), never
scaled up from the screen. Files are written to a temporary file first, then renamed.
Every failure is an ExportError whose message can be shown to the user as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QSize
from PySide6.QtGui import QGuiApplication, QImage

from optviz.engine import results
from optviz.engine.experiment import atomic_write
from optviz.export_render import ExportError, layout_scale
from optviz.export_views import (
    CONCEPT_VIEWS,
    VIEW_TITLES,
    VIEWS,
    HeatmapCover,
    concept_view,
    opengl_problem,
    render_image,
    settle,
    view_widget,
)

IMAGE_FORMATS = ("png", "svg", "pdf")
ANIMATION_FORMATS = ("gif", "mp4")
DATA_FORMATS = ("csv", "json")
FORMATS = IMAGE_FORMATS + ANIMATION_FORMATS + DATA_FORMATS
CONCEPT_FORMATS = ("png", "svg", "pdf", "csv")  # a concept view is a figure and a table
MAX_SIZE = (7680, 4320)
MIN_SIDE = 16

__all__ = [
    "ANIMATION_FORMATS",
    "CONCEPT_FORMATS",
    "CONCEPT_VIEWS",
    "DATA_FORMATS",
    "FORMATS",
    "IMAGE_FORMATS",
    "MAX_SIZE",
    "VIEWS",
    "VIEW_TITLES",
    "ExportError",
    "HeatmapCover",
    "check_target",
    "copy_image_to_clipboard",
    "export_animation",
    "export_concept",
    "export_data",
    "export_image",
    "file_format",
    "headless_export",
    "layout_scale",
    "opengl_problem",
    "render_image",
    "settle",
    "view_widget",
]


def file_format(path: str | Path) -> str:
    """'png', 'gif', 'csv', ... from the file name, or ExportError."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        known = ", ".join(f".{f}" for f in FORMATS)
        raise ExportError.of(
            "{name}: unsupported file type (use {known})", name=Path(path).name, known=known
        )
    return suffix


def check_target(path: str | Path, width: int = 0, height: int = 0, view: str = "surface") -> str:
    """The format of `path` after checking everything that can be checked before drawing."""
    path = Path(path)
    fmt = file_format(path) if view not in CONCEPT_VIEWS else _concept_format(path, view)
    if not path.parent.is_dir():
        raise ExportError.of("folder {folder} does not exist", folder=str(path.parent))
    if view not in VIEWS + CONCEPT_VIEWS:
        known = ", ".join(VIEWS + CONCEPT_VIEWS)
        raise ExportError.of("unknown view {view} (use {known})", view=repr(view), known=known)
    if fmt in DATA_FORMATS:
        return fmt
    if not (MIN_SIDE <= width <= MAX_SIZE[0] and MIN_SIDE <= height <= MAX_SIZE[1]):
        raise ExportError.of(
            "size {width}×{height}: width must be {low}…{max_width} and height "
            "{low}…{max_height} pixels",
            width=width,
            height=height,
            low=MIN_SIDE,
            max_width=MAX_SIZE[0],
            max_height=MAX_SIZE[1],
        )
    if fmt == "mp4" and (width % 2 or height % 2):
        raise ExportError.of(
            "size {width}×{height}: MP4 needs an even width and height", width=width, height=height
        )
    return fmt


def _concept_format(path: Path, view: str) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in CONCEPT_FORMATS:
        known = ", ".join(f".{f}" for f in CONCEPT_FORMATS)
        raise ExportError.of(
            "{name}: unsupported file type for the {view} view (use {known})",
            name=path.name,
            view=view,
            known=known,
        )
    return suffix


def write_file(path: Path, data: bytes) -> None:
    """Write atomically (temporary file, then rename)."""
    atomic_write(path, data)
    usual_permissions(path)


def usual_permissions(path: Path) -> None:
    """The permissions of any new file (a temporary file renamed is owner-only)."""
    mask = os.umask(0o022)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def export_image(
    window,
    view: str,
    path: str | Path,
    width: int,
    height: int,
    transparent: bool = False,
) -> Path:
    """Write `view` as PNG, SVG or PDF (by the file's extension) at width × height pixels.

    SVG and PDF keep lines and text as vectors, with the heatmap (and the 3D view) embedded
    as images; a PDF page is width × height at 300 dpi. `transparent`: no background.
    """
    path = Path(path)
    fmt = check_target(path, width, height, view)
    if fmt not in IMAGE_FORMATS:
        raise ExportError.of("{name}: not an image format (use .png, .svg or .pdf)", name=path.name)
    settle(window, view=view)
    _write_image(window, view, path, fmt, width, height, transparent)
    return path


def export_concept(
    holder,
    view: str,
    path: str | Path,
    width: int = 1280,
    height: int = 720,
    transparent: bool = False,
) -> Path:
    """A view of the Concepts tab as PNG, SVG or PDF (its figure) or CSV (its numbers).

    `holder`: the concept view itself, the ConceptsTab or the MainWindow. The figure is
    drawn as it is now: a sweep or basin map still being computed is not waited for.
    """
    path = Path(path)
    fmt = check_target(path, width, height, view)
    if view not in CONCEPT_VIEWS:
        raise ExportError.of("{view} is not a view of the Concepts tab", view=repr(view))
    if fmt == "csv":
        write_file(path, concept_view(holder, view).csv().encode("utf-8"))
    else:
        _write_image(holder, view, path, fmt, width, height, transparent)
    return path


def _write_image(window, view, path: Path, fmt: str, width, height, transparent) -> None:
    scale = layout_scale(width, height)
    if fmt == "png":
        image = render_image(window, view, width, height, transparent, scale)
        data = png_bytes(image, keep_alpha=transparent)
    else:
        from optviz.export_vector import vector_bytes

        data = vector_bytes(window, view, fmt, width, height, transparent, scale)
    write_file(path, data)


def png_bytes(image: QImage, keep_alpha: bool = False) -> bytes:
    """PNG file contents; opaque images are stored as RGB (smaller, quicker to write)."""
    if not keep_alpha:
        image = image.convertToFormat(QImage.Format.Format_RGB888)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Quality 80 is zlib level 2: a third of the default's time for a 4K figure, ~10 % larger.
    if not image.save(buffer, "PNG", 80):
        raise ExportError.of("the image could not be encoded as PNG")
    return bytes(buffer.data())


def copy_image_to_clipboard(window, view: str) -> QImage:
    """Put `view` on the clipboard as it looks on screen, at twice its pixel size."""
    settle(window, view=view)
    widget = view_widget(window, view)
    size = widget.size() if widget.isVisible() else QSize(1280, 720)
    image = render_image(window, view, 2 * size.width(), 2 * size.height(), scale=2.0)
    QGuiApplication.clipboard().setImage(image)
    return image


def export_data(window, path: str | Path) -> Path:
    """The trajectories of the current run as CSV or JSON, exactly as `optviz run` writes."""
    path = Path(path)
    fmt = check_target(path)
    if fmt not in DATA_FORMATS:
        raise ExportError.of("{name}: not a data format (use .csv or .json)", name=path.name)
    if window.answer is None:
        raise ExportError.of("nothing to export yet: the run has not finished")
    results.write_result(window.answer.result, path)
    usual_permissions(path)
    return path


def export_animation(
    window,
    path: str | Path,
    fps: float = 30,
    duration_s: float | None = None,
    width: int = 1280,
    height: int = 720,
    view: str = "surface",
    progress=None,
    should_stop=None,
) -> bool:
    """Write the race as a GIF or MP4; False when `should_stop()` cancelled it (no file).

    Playback steps 0 … end are spread over `duration_s` (default: the window's 30 steps/s,
    3 to 10 s), then the end is held for a second. `progress(done, total)` is called after
    each frame. Frames are drawn one per event-loop turn, so windows stay responsive.
    """
    from optviz.export_animation import run_to_end

    return run_to_end(window, path, fps, duration_s, width, height, view, progress, should_stop)


def headless_export(
    experiment_path: str | Path,
    out: str | Path,
    width: int = 1920,
    height: int = 1080,
    view: str = "surface",
    **options,
) -> int:
    """`optviz export`: draw an experiment without showing a window; returns the exit code.

    options: fps, duration_s (animations), transparent (PNG), timeout_s.
    """
    from optviz.export_headless import headless_export as run

    return run(experiment_path, out, width, height, view, **options)

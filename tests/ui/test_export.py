"""Export: images, animations and data from the main window, the dialog, and the headless
export in a subprocess."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem

from optviz import export
from optviz.engine import presets, results
from optviz.export_animation import AnimationExport, frame_steps, frames_in
from optviz.ui.app import make_app
from optviz.ui.export_dialog import ExportDialog
from optviz.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 30.0
SVG = "{http://www.w3.org/2000/svg}"


def wait_until(condition, timeout_s: float = READY_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the window did not get ready in time")
        QApplication.processEvents()
        time.sleep(0.005)


@pytest.fixture(scope="module")
def window():
    """The ravine preset (six optimizers), run and drawn, in a shown window."""
    make_app()
    win = MainWindow()
    win.resize(1280, 800)
    win.show()
    win.load_preset("ravine")
    wait_until(
        lambda: (
            win.answer is not None
            and win.grid is not None
            and not win.surface_view.drawing_contours
        )
    )
    yield win
    win.worker.stop()
    win.close()


def png_header(path: Path) -> tuple[int, int, int]:
    """(width, height, colour type) from the IHDR chunk."""
    data = path.read_bytes()[:32]
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height, data[25]


def rgb_pixels(path_or_image) -> np.ndarray:
    image = QImage(str(path_or_image)) if not isinstance(path_or_image, QImage) else path_or_image
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    # copy(): the array must not outlive the converted image's buffer
    return rows[:, : 3 * image.width()].reshape(image.height(), image.width(), 3).copy()


def pixels_near(pixels: np.ndarray, hex_color: str, tolerance: int = 30) -> int:
    rgb = np.array([int(hex_color[k : k + 2], 16) for k in (1, 3, 5)])
    return int((np.abs(pixels.astype(int) - rgb) <= tolerance).all(axis=-1).sum())


def distinct_colours(pixels: np.ndarray) -> int:
    packed = pixels.astype(np.uint32) @ np.array([1 << 16, 1 << 8, 1], dtype=np.uint32)
    return len(np.unique(packed))


# --- images -----------------------------------------------------------------------------------


def test_a_4k_png_of_the_surface_is_crisp_and_shows_every_trajectory(window, tmp_path):
    path = export.export_image(window, "surface", tmp_path / "race.png", 3840, 2160)
    assert png_header(path) == (3840, 2160, 2)  # RGB, exactly the size asked for
    pixels = rgb_pixels(path)
    assert distinct_colours(pixels) > 2000  # heatmap, contours, paths: not a blank frame
    for color in window.run_colors:
        assert pixels_near(pixels, color) > 300, color
    # Re-rendered, not scaled up: lines are 3× as wide at 3×, so each colour covers about
    # 9× the pixels of a 1280 × 720 export (hairlines would give 3×).
    small = rgb_pixels(export.render_image(window, "surface", 1280, 720))
    ratios = [pixels_near(pixels, c) / max(1, pixels_near(small, c)) for c in window.run_colors]
    assert np.median(ratios) > 6.5, ratios


def test_png_of_any_size_and_with_a_transparent_background(window, tmp_path):
    path = export.export_image(window, "loss", tmp_path / "loss.png", 1001, 333, transparent=True)
    assert png_header(path) == (1001, 333, 6)  # RGBA
    image = QImage(str(path))
    assert image.pixelColor(0, 0).alpha() == 0  # the margin is see-through
    assert image.pixelColor(500, 170).alpha() > 0 or distinct_colours(rgb_pixels(image)) > 10


def test_svg_is_xml_with_vector_paths_an_embedded_heatmap_and_clipped_plot(window, tmp_path):
    path = export.export_image(window, "surface", tmp_path / "race.svg", 1920, 1080)
    root = ET.parse(path).getroot()
    assert root.get("width") == "1920px" and root.get("viewBox") == "0 0 1920 1080"
    assert len(list(root.iter(f"{SVG}path"))) > 20
    assert any(
        e.get("{http://www.w3.org/1999/xlink}href", "").startswith("data:image/png")
        for e in root.iter(f"{SVG}image")
    )
    # Lines are in page coordinates (no viewer-dependent non-scaling strokes), and what the
    # plot clips is clipped in the file too.
    assert b"non-scaling-stroke" not in path.read_bytes()
    assert any(e.get("clip-path") for e in root.iter(f"{SVG}g"))


def test_pdf_of_the_a4_preset_is_an_a4_page(window, tmp_path):
    path = export.export_image(window, "surface", tmp_path / "race.pdf", 3508, 2480)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box is not None
    assert abs(float(box[1]) - 842) < 1 and abs(float(box[2]) - 595) < 1  # A4 in points


def test_the_side_plots_and_the_loss_view_export_as_images(window, tmp_path):
    for view, size in (("side", (900, 1600)), ("lr", (800, 400)), ("distance", (640, 360))):
        path = export.export_image(window, view, tmp_path / f"{view}.png", *size)
        assert png_header(path)[:2] == size
        pixels = rgb_pixels(path)
        assert distinct_colours(pixels) > 50
        assert pixels_near(pixels, window.run_colors[0]) > 50


def test_the_3d_view_exports_where_opengl_works(window, tmp_path):
    problem = export.opengl_problem()
    if problem is not None:
        # Only acceptable outside CI, where there may be no display with OpenGL at all.
        assert os.environ.get("CI") != "true", problem
        with pytest.raises(export.ExportError, match="OpenGL"):
            export.export_image(window, "3d", tmp_path / "3d.png", 640, 360)
        return
    path = export.export_image(window, "3d", tmp_path / "3d.png", 1600, 900)
    assert png_header(path)[:2] == (1600, 900)
    pixels = rgb_pixels(path)
    assert distinct_colours(pixels) > 200
    assert pixels_near(pixels, window.run_colors[0], tolerance=40) > 50


def test_export_leaves_the_window_as_it_was(window, tmp_path):
    view = window.surface_view
    before = (view.view_rect(), view.getPlotItem().geometry(), window.playback.step)
    caches = {id(i): i.cacheMode() for i in view.scene().items()}
    export.export_image(window, "surface", tmp_path / "a.png", 2000, 600)
    export.export_image(window, "surface", tmp_path / "a.svg", 600, 2000)
    assert (view.view_rect(), view.getPlotItem().geometry(), window.playback.step) == before
    assert {id(i): i.cacheMode() for i in view.scene().items()} == caches
    legend = view.legend
    assert legend.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
    assert view.image.image.shape[:2] == window.grid.shown.shape  # the window's own heatmap


def test_copy_image_puts_twice_the_views_pixels_on_the_clipboard(window):
    image = export.copy_image_to_clipboard(window, "surface")
    size = window.surface_view.size()
    assert (image.width(), image.height()) == (2 * size.width(), 2 * size.height())
    clipboard = QGuiApplication.clipboard().image()
    assert (clipboard.width(), clipboard.height()) == (image.width(), image.height())


def test_bad_requests_are_refused_with_a_sentence(window, tmp_path):
    cases = [
        (tmp_path / "a.bmp", 640, 360, "unsupported file type"),
        (tmp_path / "missing" / "a.png", 640, 360, "does not exist"),
        (tmp_path / "a.png", 9000, 360, "width must be"),
        (tmp_path / "a.mp4", 641, 360, "even width and height"),
    ]
    for path, width, height, message in cases:
        with pytest.raises(export.ExportError, match=message):
            if path.suffix == ".mp4":
                export.export_animation(window, path, width=width, height=height)
            else:
                export.export_image(window, "surface", path, width, height)
    with pytest.raises(export.ExportError, match="unknown view"):
        export.export_image(window, "sideways", tmp_path / "a.png", 640, 360)
    assert not list(tmp_path.iterdir())


# --- animations -------------------------------------------------------------------------------


def test_gif_has_one_frame_per_scheduled_step_and_the_requested_size(window, tmp_path):
    path = tmp_path / "race.gif"
    assert export.export_animation(window, path, fps=10, duration_s=2, width=320, height=180)
    expected = len(frame_steps(window.playback.steps, 10, 2, 1.0))
    assert expected == 30  # 20 frames of race, 10 of the finished picture
    assert frames_in(path) == expected
    from PIL import Image

    with Image.open(path) as gif:
        assert gif.size == (320, 180)
        gif.seek(0)
        first = np.asarray(gif.convert("RGB"))
        gif.seek(expected - 1)
        last = np.asarray(gif.convert("RGB"))
    # The paths grow: the last frame has much more of the first run's colour than the first.
    color = window.run_colors[0]
    assert pixels_near(last, color, 40) > pixels_near(first, color, 40) + 50


def test_mp4_is_readable_with_the_requested_size_and_frame_count(window, tmp_path):
    import imageio_ffmpeg

    path = tmp_path / "race.mp4"
    assert export.export_animation(window, path, fps=24, duration_s=1.5, width=480, height=270)
    assert frames_in(path) == len(frame_steps(window.playback.steps, 24, 1.5, 1.0))
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    frame = next(reader)
    reader.close()
    assert tuple(meta["size"]) == (480, 270)
    assert len(frame) == 480 * 270 * 3


def test_cancelling_an_animation_writes_nothing_and_restores_the_playback(window, tmp_path):
    window.playback.set_step(17)
    seen = []
    kept = export.export_animation(
        window,
        tmp_path / "race.mp4",
        fps=30,
        duration_s=5,
        width=320,
        height=180,
        progress=lambda done, total: seen.append(done),
        should_stop=lambda: len(seen) >= 3,
    )
    assert kept is False
    assert seen == [1, 2, 3]
    assert list(tmp_path.iterdir()) == []  # not even the temporary file
    assert window.playback.step == 17


def test_the_window_keeps_handling_events_while_an_animation_is_written(window, tmp_path):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(5)
    job = AnimationExport(
        window, tmp_path / "race.gif", fps=15, duration_s=2, width=640, height=360
    )
    done = []
    job.finished.connect(done.append)
    job.start()
    wait_until(lambda: done, timeout_s=120)
    timer.stop()
    assert Path(done[0]).exists()
    gaps = np.diff(ticks)
    assert len(ticks) >= job.total  # at least one turn of the event loop per frame
    assert gaps.max() < 1.0  # never a stall a user would notice as a hang


# --- data -------------------------------------------------------------------------------------


def test_data_export_writes_what_optviz_run_writes(window, tmp_path):
    result = window.answer.result
    csv_path = export.export_data(window, tmp_path / "runs.csv")
    assert csv_path.read_text() == results.to_csv(result)
    json_path = export.export_data(window, tmp_path / "runs.json")
    assert json.loads(json_path.read_text()) == json.loads(json.dumps(results.to_json_dict(result)))


# --- the dialog -------------------------------------------------------------------------------


def test_dialog_saves_an_image_and_shows_problems_as_sentences(window, qtbot, tmp_path):
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_choice(view="surface", fmt="png", size=(800, 450))
    dialog.update_preview()
    assert not dialog.preview.pixmap().isNull()
    assert dialog.save_to(tmp_path / "race.png")
    assert png_header(tmp_path / "race.png")[:2] == (800, 450)
    assert "Saved" in dialog.message.text()
    assert not dialog.save_to(tmp_path / "missing" / "race.png")
    assert "does not exist" in dialog.message.text()
    dialog.set_choice(fmt="csv")
    assert not dialog.view.isEnabled() and not dialog.transparent.isEnabled()
    assert dialog.save_to(tmp_path / "runs.csv")
    assert (tmp_path / "runs.csv").read_text().startswith("run,label,step")


def test_dialog_writes_an_animation_with_progress_and_can_cancel_one(window, qtbot, tmp_path):
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_choice(view="surface", fmt="gif", size=(320, 180))
    dialog.fps.setValue(10)
    dialog.duration.setValue(1.0)
    assert dialog.save_to(tmp_path / "race.gif")
    assert dialog.progress.isVisible() and dialog.cancel_button.isVisible()
    with qtbot.waitSignal(dialog.job.finished, timeout=60_000):
        pass
    assert frames_in(tmp_path / "race.gif") == 20
    assert not dialog.progress.isVisible() and dialog.save_button.isEnabled()

    dialog.duration.setValue(30.0)
    assert dialog.save_to(tmp_path / "long.gif")
    job = dialog.job
    qtbot.waitUntil(lambda: dialog.progress.value() >= 2, timeout=30_000)
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        dialog.cancel_button.click()
    assert not (tmp_path / "long.gif").exists()
    assert "cancelled" in dialog.message.text()


# --- headless, in a real process --------------------------------------------------------------

HEADLESS = textwrap.dedent(
    """
    import sys
    from optviz.export import headless_export
    width, height = int(sys.argv[3]), int(sys.argv[4])
    sys.exit(headless_export(sys.argv[1], sys.argv[2], width, height, view=sys.argv[5]))
    """
)


def headless(experiment, out, width=1280, height=720, view="surface"):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = [str(experiment), str(out), str(width), str(height), view]
    return subprocess.run(
        [sys.executable, "-c", HEADLESS, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def experiment_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("experiment") / "rosenbrock.json"
    path.write_text(presets.preset("rosenbrock").to_json())
    return path


@pytest.mark.parametrize("name, size", [("fig.png", (1600, 900)), ("fig.mp4", (320, 180))])
def test_headless_export_draws_without_a_window_and_exits_0(experiment_file, tmp_path, name, size):
    out = tmp_path / name
    proc = headless(experiment_file, out, *size)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    if out.suffix == ".png":
        assert png_header(out)[:2] == size
        assert distinct_colours(rgb_pixels(out)) > 500
    else:
        assert frames_in(out) > 30


def headless_pixels(experiment, out, view) -> np.ndarray:
    """The RGB pixels of a 1280 × 720 PNG of `view` exported by a real process (exit 0)."""
    proc = headless(experiment, out, 1280, 720, view)
    assert proc.returncode == 0, proc.stderr
    pixels = rgb_pixels(out)
    assert pixels.shape[:2] == (720, 1280)
    return pixels


def test_headless_side_plots_fill_the_requested_size(experiment_file, tmp_path):
    # A hidden window's splitter used to lay the plots out at their on-screen width again
    # while they were painted: they filled the left quarter of the image.
    pixels = headless_pixels(experiment_file, tmp_path / "side.png", "side")
    right = pixels[:, 900:]  # the curves and the grid run across the whole width
    assert distinct_colours(right) > 20


@pytest.fixture(scope="module")
def training_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("training") / "digits.json"
    race = {"dataset": "digits", "hidden": [16], "iterations": 60, "eval_every": 20}
    optimizers = [{"name": "sgd", "lr": 0.1}, {"name": "adam", "lr": 0.003}]
    path.write_text(json.dumps({"optviz": 1, "training": race, "optimizers": optimizers}))
    return path


def test_headless_training_export_races_the_networks_and_draws_the_curves(training_file, tmp_path):
    pixels = headless_pixels(training_file, tmp_path / "training.png", "training")
    # The curves fill the picture: the loss plot on the left, accuracy and learning rate
    # on the right, with their axes' labels at the bottom (once the plots kept their size
    # in the hidden window and the lower third of the picture was empty).
    orange, sky_blue = np.array([0xE6, 0x9F, 0x00]), np.array([0x56, 0xB4, 0xE9])
    for colour in (orange, sky_blue):
        columns = (np.abs(pixels.astype(int) - colour).sum(axis=2) < 40).nonzero()[1]
        assert columns.min() < 200 and columns.max() > 1000, colour
    dark = pixels.max(axis=2) < 110  # axis labels and tick numbers
    assert dark[660:, :600].any() and dark[660:, 800:].any()


def test_headless_landscape_export_computes_and_draws_the_loss_landscape(training_file, tmp_path):
    out = tmp_path / "landscape.svg"
    proc = headless(training_file, out, 1280, 720, "landscape")
    assert proc.returncode == 0, proc.stderr
    root = ET.parse(out).getroot()
    assert root.get("width", "").startswith("1280") and root.get("height", "").startswith("720")
    assert len(root.findall(f".//{SVG}image")) >= 1  # the heatmap, embedded
    assert len(root.findall(f".//{SVG}path")) > 20  # contours, paths, axes
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "PC1" in texts and "PC2" in texts  # the axes of the plane


def cli_export(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "optviz", "export", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


def test_the_landscape_options_choose_the_plane_the_centre_and_the_grid(training_file, tmp_path):
    out = tmp_path / "random.svg"
    options = ["--directions", "random", "--centre", "2", "--grid", "21"]
    proc = cli_export(str(training_file), "--view", "landscape", "--out", str(out), *options)
    assert proc.returncode == 0, proc.stderr
    texts = " ".join(t.text or "" for t in ET.parse(out).getroot().iter(f"{SVG}text"))
    assert "direction 1" in texts and "PC1" not in texts  # random directions, not PCA
    assert "Adam (centre)" in texts  # the second optimizer
    proc = cli_export(str(training_file), "--view", "landscape", "--out", str(out), "--centre", "x")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "optviz: error: --centre 'x': no such optimizer in the race (use one of SGD, Adam, or 1…2)"
    ]


def test_headless_training_export_refuses_the_wrong_kind_of_experiment(
    experiment_file, training_file, tmp_path
):
    cases = [
        (experiment_file, "training.png", "training", 'no "training" section'),
        (experiment_file, "landscape.png", "landscape", 'no "training" section'),
        (training_file, "race.png", "surface", "--view training"),
        (training_file, "race.gif", "training", "finished race"),
    ]
    for experiment, name, view, message in cases:
        proc = headless(experiment, tmp_path / name, view=view)
        assert proc.returncode == 2, (name, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], proc.stderr
    assert not list(tmp_path.iterdir())


def test_headless_export_refuses_bad_input_with_exit_2_and_one_line(experiment_file, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"optviz": 1, "surface": {"name": "nope"}, "optimizers": []}')
    cases = [
        (tmp_path / "missing.json", tmp_path / "a.png", "surface", "no such file"),
        (broken, tmp_path / "a.png", "surface", "nope"),
        (experiment_file, tmp_path / "no-folder" / "a.png", "surface", "does not exist"),
        (experiment_file, tmp_path / "a.tiff", "surface", "unsupported file type"),
        (experiment_file, tmp_path / "a.png", "3d", "needs OpenGL"),  # offscreen: no OpenGL
    ]
    for experiment, out, view, message in cases:
        proc = headless(experiment, out, view=view)
        assert proc.returncode == 2, (out, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json"]

"""3D view: the loss surface as a shaded mesh with the optimizer trajectories on it.

The OpenGL widget is created lazily, the first time the view is shown (or on `ensure_gl()`),
after a probe has checked that OpenGL works here; otherwise a readable message takes its place.
Everything arrives precomputed: this module only maps data into a fixed box and draws it.

Scene box: x and y of the surface grid each map to [-1, 1]; heights map to [0, Z_TOP].
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QMatrix4x4, QOffscreenSurface, QOpenGLContext
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from optviz.ui import style

Z_TOP = 1.2  # 0.6 of the xy span (2): hilly enough to read, flat enough to see over
LIFT = 0.02  # trajectories float this far above the surface so facets do not hide them
# Lines are drawn this much nearer in window depth (about 0.07 units at the initial zoom), so
# a wide line or halo lying on a slope that faces the camera is not half buried in it.
LINE_DEPTH_BIAS = 2e-5
SAMPLES = 4  # multisample antialiasing
MAX_VERTICES_PER_AXIS = 128  # a 512² grid costs much and shows nothing more at this size
LINE_WIDTH_3D = max(3.0, style.LINE_WIDTH)
HALO_WIDTH_3D = LINE_WIDTH_3D + 3.0
XRAY_ALPHA = 0.35  # hidden parts of a trajectory show through the hills, faded
DIVERGED_COLOR = "#E00000"
LIGHT_BACKGROUND = "#FFFFFF"
DARK_BACKGROUND = "#1E1E1E"
# fov is the angle across the shorter side of the view, so any window shape shows the box.
CAMERA = {"elevation": 30.0, "azimuth": -60.0, "distance": 3.6, "fov": 47.0}


def probe_opengl() -> str | None:
    """Return None when OpenGL ≥ 2.1 works here, otherwise a short reason a user can read
    (in the installed language)."""
    translate = QCoreApplication.translate
    if QGuiApplication.instance() is None:
        return "no Qt application is running"  # nothing to translate with either
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        text = translate("Surface3DView", "the Qt platform '{platform}' has no OpenGL")
        return text.format(platform=platform)
    try:
        import OpenGL.GL  # noqa: F401
        import pyqtgraph.opengl  # noqa: F401
    except ImportError:
        return translate("Surface3DView", "the PyOpenGL package is not installed")
    except Exception as exc:  # PyOpenGL raises various errors when libGL is missing
        return translate("Surface3DView", "PyOpenGL could not load: {error}").format(error=exc)
    context = QOpenGLContext()
    if not context.create():
        return translate("Surface3DView", "no OpenGL context could be created")
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not surface.isValid():
            return translate("Surface3DView", "no OpenGL surface could be created")
        if not context.makeCurrent(surface):
            return translate("Surface3DView", "the OpenGL context could not be made current")
        version = (context.format().majorVersion(), context.format().minorVersion())
        context.doneCurrent()
    finally:
        surface.destroy()
    if not context.isOpenGLES() and version < (2, 1):
        text = translate("Surface3DView", "OpenGL {version} found, 2.1 needed")
        return text.format(version=f"{version[0]}.{version[1]}")
    return None


def _transformed(values: np.ndarray, z_min: float, log_scale: bool, log_offset: float):
    """Loss values → the quantity the heights are linear in: z, or log10(z - z_min + offset)."""
    big = np.finfo(float).max
    values = np.nan_to_num(values, nan=np.nan, posinf=big, neginf=-big)
    if not log_scale:
        return values
    return np.log10(np.maximum(values - z_min, 0.0) + log_offset)


@dataclass(frozen=True)
class BoxTransform:
    """Maps surface coordinates and loss values into the scene box (and clips to it)."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    z_min: float
    log_scale: bool
    log_offset: float  # the "tiny" in log10(z - z_min + tiny)
    t_range: tuple[float, float]  # transformed values mapped to 0 and Z_TOP

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, z: np.ndarray, log_scale: bool) -> BoxTransform:
        finite = z[np.isfinite(z)]
        z_min, z_max = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        # A thousandth of the range: values below it rest on the floor. A smaller offset turns
        # a narrow valley (Rosenbrock) into a canyon whose sampled floor is all spikes.
        log_offset = max((z_max - z_min) * 1e-3, 1e-12)
        low, high = _transformed(np.array([z_min, z_max]), z_min, log_scale, log_offset)
        if z_max - z_min <= 1e-9 * max(1.0, abs(z_min), abs(z_max)):
            high = np.inf  # a flat surface stays flat instead of stretching rounding noise
        x_range, y_range = (float(x[0]), float(x[-1])), (float(y[0]), float(y[-1]))
        return cls(x_range, y_range, z_min, log_scale, log_offset, (float(low), float(high)))

    def height(self, values: np.ndarray) -> np.ndarray:
        """Loss values → scene heights in [0, Z_TOP] (NaN stays NaN)."""
        low, high = self.t_range
        t = _transformed(
            np.asarray(values, dtype=float), self.z_min, self.log_scale, self.log_offset
        )
        with np.errstate(over="ignore", invalid="ignore"):  # ±inf losses clip to the box
            unit = (t - low) / (high - low)
        return Z_TOP * np.clip(unit, 0.0, 1.0)

    def xy(self, points: np.ndarray) -> np.ndarray:
        """Surface (x, y), shape (..., 2) → scene (x, y) in [-1, 1]², clipped to the box."""
        out = np.empty(points.shape, dtype=float)
        for axis, (low, high) in enumerate((self.x_range, self.y_range)):
            clipped = np.clip(points[..., axis], min(low, high), max(low, high))
            out[..., axis] = 2.0 * (clipped - low) / ((high - low) or 1.0) - 1.0
        return out


@dataclass
class _Runs:
    """Runs mapped into the scene box once, so `set_step` only slices."""

    points: np.ndarray  # (n_runs, steps + 1, 3), NaN rows where the run has no position
    finite: np.ndarray  # (n_runs, steps + 1) bool
    last_finite: np.ndarray  # (n_runs, steps + 1): last finite row ≤ each step, or -1
    colors: list[tuple[float, float, float, float]]
    end_step: np.ndarray  # (n_runs,)
    diverged: np.ndarray  # (n_runs,) bool


def _rgba(color: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    red, green, blue, _ = pg.mkColor(color).getRgbF()
    return (red, green, blue, alpha)


def _even_indices(n: int) -> np.ndarray:
    """At most MAX_VERTICES_PER_AXIS indices spread over 0..n-1, both ends included."""
    return np.unique(np.linspace(0, n - 1, min(n, MAX_VERTICES_PER_AXIS)).round().astype(int))


class Surface3DView(QWidget):
    """The 3D loss surface with trajectories; shows a message instead when OpenGL is missing.

    `probe` returns None when OpenGL works, else the reason it does not (tests replace it).
    """

    def __init__(
        self, parent: QWidget | None = None, *, probe: Callable[[], str | None] = probe_opengl
    ) -> None:
        super().__init__(parent)
        self._probe = probe
        self._reason: str | None = None
        self._probed = False
        self._scene_error: Exception | None = None  # _Scene() failed although GL probed fine
        self._scene = None  # _Scene once the GL widget exists
        self._label: QLabel | None = None
        self._surface_args: tuple | None = None
        self._box: BoxTransform | None = None
        self._run_args: tuple | None = None
        self._runs: _Runs | None = None
        self._step: tuple[int, int | None] | None = None
        self._dark = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    # -- availability ---------------------------------------------------------------------

    @property
    def gl_available(self) -> bool:
        """Whether OpenGL works here (probed once; does not create the GL widget)."""
        return self._probe_once() is None

    @property
    def message(self) -> str:
        """What the view says instead of the 3D scene; empty when OpenGL is available."""
        reason = self._probe_once()
        if reason is None:
            return ""
        if self._scene_error is not None:
            reason = self.tr("the 3D scene could not start: {error}").format(
                error=self._scene_error
            )
        return self.tr(
            "3D view needs OpenGL, which is not available here ({reason}). "
            "The 2D view shows the same runs."
        ).format(reason=reason)

    def _probe_once(self) -> str | None:
        if not self._probed:
            self._reason = self._probe()
            self._probed = True
        return self._reason

    def ensure_gl(self) -> bool:
        """Create the GL widget now (or the fallback message); True when 3D is drawn."""
        if self._scene is not None:
            return True
        if self._label is None and self.gl_available:
            try:
                scene = _Scene()
            except Exception as exc:  # a broken GL stack must not take the app down
                self._scene_error = exc
                self._reason = str(exc)  # not None: no GL here (`message` words it)
            else:
                # Set before adding: the first GL child makes Qt re-create the shown window,
                # which sends a new showEvent here while addWidget is still running.
                self._scene = scene
                scene.set_dark(self._dark)
                scene.view.context_ready.connect(self._redraw)
                self._layout.addWidget(scene.view)
                scene.view.show()  # children added to a shown widget are not shown for us
                self._redraw()
                return True
        if self._label is None:
            self._label = QLabel(self.message, self)
            self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._label.setWordWrap(True)
            self._label.setMargin(24)
            self._layout.addWidget(self._label)
            self._label.show()
        return False

    def showEvent(self, event) -> None:  # Qt override
        self.ensure_gl()
        super().showEvent(event)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange and self._label is not None:
            # The probe words its reason in the installed language: ask it again (a failing
            # probe stops at the first missing piece, so this is quick).
            if self._scene_error is None:
                self._reason = self._probe() or self._reason
            self._label.setText(self.message)
        super().changeEvent(event)

    # -- data -----------------------------------------------------------------------------

    def set_surface(
        self, x: np.ndarray, y: np.ndarray, z: np.ndarray, log_scale: bool = False
    ) -> None:
        """Show the loss surface: x (nx,), y (ny,), z (ny, nx) with z[i, j] = f(x[j], y[i]).

        Heights are log10(z - z.min() + tiny) when `log_scale`. Any grid size is accepted; at
        most 128 vertices per axis are drawn.
        """
        x, y, z = (np.asarray(a, dtype=float) for a in (x, y, z))
        if x.ndim != 1 or y.ndim != 1 or z.shape != (y.size, x.size) or min(x.size, y.size) < 2:
            raise ValueError(
                f"set_surface: z must have shape (len(y), len(x)) = "
                f"({y.size}, {x.size}) with at least 2 points per axis, "
                f"got {z.shape}"
            )
        self._surface_args = (x, y, z)
        self._box = BoxTransform.fit(x, y, z, log_scale)
        self._draw_surface()
        self._map_runs()

    def set_runs(
        self,
        positions: np.ndarray,
        heights: np.ndarray,
        colors: list[str],
        end_step: np.ndarray,
        diverged: np.ndarray,
    ) -> None:
        """Show trajectories.

        positions: (n_runs, steps + 1, 2); heights: (n_runs, steps + 1), the loss at each
        position; colors: one hex colour per run; end_step: (n_runs,) last valid step;
        diverged: (n_runs,) bool. Rows with NaN are skipped; points outside the surface box
        are clipped to it.
        """
        positions = np.asarray(positions, dtype=float)
        heights = np.asarray(heights, dtype=float)
        n_runs = positions.shape[0]
        if positions.ndim != 3 or positions.shape[2] != 2 or heights.shape != positions.shape[:2]:
            raise ValueError(
                f"set_runs: positions must be (n_runs, steps + 1, 2) and heights "
                f"(n_runs, steps + 1), got {positions.shape} and {heights.shape}"
            )
        if not len(colors) == len(end_step) == len(diverged) == n_runs:
            raise ValueError(f"set_runs: colors, end_step and diverged need {n_runs} entries")
        self._run_args = (
            positions,
            heights,
            list(colors),
            np.asarray(end_step, dtype=int),
            np.asarray(diverged, dtype=bool),
        )
        self._map_runs()

    def set_step(self, step: int, trail: int | None = None) -> None:
        """Show each run up to `step` (or its end); `trail` = how many recent steps (None: all)."""
        self._step = (int(step), None if trail is None else max(0, int(trail)))
        self._draw_step()

    def reset_camera(self) -> None:
        if self._scene is not None:
            self._scene.reset_camera()

    def set_dark(self, dark: bool) -> None:
        self._dark = bool(dark)
        if self._scene is not None:
            self._scene.set_dark(self._dark)

    def grab_image(self, width: int, height: int) -> QImage | None:
        """Render the scene at width × height pixels (None when OpenGL is not available)."""
        if not self.ensure_gl():
            return None
        return self._scene.render(int(width), int(height))

    # -- drawing --------------------------------------------------------------------------

    def _redraw(self) -> None:
        """Hand all data to the scene again (also after Qt re-creates the GL context)."""
        self._draw_surface()
        self._draw_runs()

    def _map_runs(self) -> None:
        if self._run_args is None or self._box is None:
            self._runs = None
            return
        positions, heights, colors, end_step, diverged = self._run_args
        finite = ~(np.isnan(positions).any(axis=2) | np.isnan(heights))
        points = np.concatenate(
            [self._box.xy(positions), self._box.height(heights)[..., None] + LIFT], axis=2
        )
        rows = np.where(finite, np.arange(finite.shape[1]), -1)
        self._runs = _Runs(
            points,
            finite,
            np.maximum.accumulate(rows, axis=1),
            [_rgba(color) for color in colors],
            end_step,
            diverged,
        )
        self._draw_runs()

    def _draw_surface(self) -> None:
        if self._scene is None or self._surface_args is None:
            return
        x, y, z = self._surface_args
        ix, iy = _even_indices(x.size), _even_indices(y.size)
        scene_xy = self._box.xy(np.stack(np.broadcast_arrays(x[ix], y[iy][:, None]), axis=-1))
        heights = np.nan_to_num(self._box.height(z[np.ix_(iy, ix)]), nan=Z_TOP)
        colors = pg.colormap.get("viridis").map(heights / Z_TOP, mode="float")
        # GLSurfacePlotItem wants z as (len(x), len(y)): transpose our row = y layout.
        self._scene.set_surface(
            scene_xy[0, :, 0],
            scene_xy[:, 0, 1],
            heights.T,
            colors.transpose(1, 0, 2).reshape(-1, 4),
        )

    def _draw_runs(self) -> None:
        if self._scene is None:
            return
        self._scene.set_run_colors([] if self._runs is None else self._runs.colors)
        self._draw_step()

    def _draw_step(self) -> None:
        if self._scene is None:
            return
        if self._runs is None:
            nothing = np.empty((0, 3))
            self._scene.set_paths([], nothing, np.empty((0, 4)), nothing)
            return
        runs = self._runs
        step, trail = self._step if self._step is not None else (runs.points.shape[1] - 1, None)
        segments, heads, head_colors, diverged_points = [], [], [], []
        for r in range(len(runs.colors)):
            last = min(step, int(runs.end_step[r]), runs.points.shape[1] - 1)
            first = 0 if trail is None else max(0, last - trail)
            if last < 0:
                segments.append(None)
                continue
            rows = slice(first, last + 1)
            segments.append(runs.points[r, rows][runs.finite[r, rows]])
            head_row = runs.last_finite[r, last]
            if head_row >= 0:
                heads.append(runs.points[r, head_row])
                head_colors.append(runs.colors[r])
                if runs.diverged[r] and step >= runs.end_step[r]:
                    diverged_points.append(runs.points[r, head_row])
        self._scene.set_paths(
            segments,
            np.reshape(heads, (-1, 3)),
            np.reshape(head_colors, (-1, 4)),
            np.reshape(diverged_points, (-1, 3)),
        )


class _Scene:
    """The GLViewWidget and its items, built once; afterwards only their data changes."""

    def __init__(self) -> None:
        import pyqtgraph.opengl as gl  # needs PyOpenGL: imported only once GL works
        from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem

        self._gl = gl
        self._options = _gl_options()
        self.view = _gl_view_class()()
        self.view.setMinimumSize(200, 150)
        # Multisampling smooths lines and edges; GL_LINE_SMOOTH instead fades dense paths.
        surface_format = self.view.format()
        surface_format.setSamples(SAMPLES)
        self.view.setFormat(surface_format)
        self.surface = gl.GLSurfacePlotItem(
            shader=_surface_shader(), smooth=True, glOptions=self._options["surface"]
        )
        self.surface.setVisible(False)
        self.view.addItem(self.surface)
        self._run_items: list[tuple] = []  # (x-ray, halo, line) per run
        # Markers draw last and ignore depth: where a run is now must always be visible.
        self.diverged_ring = self._scatter(depth=10, size=style.MARKER_SIZE + 10)
        self.diverged_core = self._scatter(depth=11, size=style.MARKER_SIZE + 4)
        self.head_outline = self._scatter(depth=12, size=style.HEAD_SIZE + 2)
        self.heads = self._scatter(depth=13, size=style.HEAD_SIZE - 2)
        self.diverged_ring.setData(color=_rgba(DIVERGED_COLOR))
        self.diverged_core.setData(color=_rgba("#FFFFFF"))
        self.head_outline.setData(color=_rgba("#000000", 0.85))
        restore = GLGraphicsItem()  # draws nothing; only sets GL state
        restore.setGLOptions(self._options["restore"])
        restore.setDepthValue(100)
        self.view.addItem(restore)
        self.reset_camera()

    def _scatter(self, depth: int, size: float):
        item = self._gl.GLScatterPlotItem(
            size=size, pxMode=True, glOptions=self._options["overlay"]
        )
        item.setDepthValue(depth)
        item.setVisible(False)
        self.view.addItem(item)
        return item

    def reset_camera(self) -> None:
        self.view.setCameraParams(center=pg.Vector(0.0, 0.0, 0.3 * Z_TOP), **CAMERA)

    def set_dark(self, dark: bool) -> None:
        self.view.setBackgroundColor(DARK_BACKGROUND if dark else LIGHT_BACKGROUND)

    def set_surface(self, x: np.ndarray, y: np.ndarray, z: np.ndarray, colors: np.ndarray) -> None:
        self.surface.setData(
            x=x.astype(np.float32),
            y=y.astype(np.float32),
            z=z.astype(np.float32),
            colors=colors.astype(np.float32),
        )
        self.surface.setVisible(True)

    def set_run_colors(self, colors: list[tuple]) -> None:
        """One (x-ray, halo, line) triple per run; items are reused when the count allows."""
        gl = self._gl
        while len(self._run_items) > len(colors):
            for item in self._run_items.pop():
                self.view.removeItem(item)
        while len(self._run_items) < len(colors):
            triple = (
                gl.GLLinePlotItem(
                    width=LINE_WIDTH_3D, antialias=False, glOptions=self._options["overlay"]
                ),
                gl.GLLinePlotItem(
                    width=HALO_WIDTH_3D, antialias=False, glOptions=self._options["line"]
                ),
                gl.GLLinePlotItem(
                    width=LINE_WIDTH_3D, antialias=False, glOptions=self._options["line"]
                ),
            )
            for depth, item in enumerate(triple, start=1):
                item.setDepthValue(depth)
                item.setVisible(False)
                self.view.addItem(item)
            self._run_items.append(triple)
        for (xray, halo, line), color in zip(self._run_items, colors, strict=True):
            xray.setData(color=(*color[:3], XRAY_ALPHA))
            halo.setData(color=_rgba("#FFFFFF", 0.9))
            line.setData(color=color)

    def set_paths(
        self, segments: list, heads: np.ndarray, head_colors: np.ndarray, diverged: np.ndarray
    ) -> None:
        for items, segment in zip(self._run_items, segments, strict=True):
            visible = segment is not None and len(segment) >= 2
            for item in items:
                if visible:
                    item.setData(pos=segment.astype(np.float32))
                item.setVisible(visible)
        for item, points, colors in (
            (self.head_outline, heads, None),
            (self.heads, heads, head_colors),
            (self.diverged_ring, diverged, None),
            (self.diverged_core, diverged, None),
        ):
            if len(points):
                item.setData(pos=points.astype(np.float32))
                if colors is not None:
                    item.setData(color=colors.astype(np.float32))
            item.setVisible(len(points) > 0)

    def render(self, width: int, height: int) -> QImage | None:
        from OpenGL import GL
        from PySide6.QtOpenGL import (
            QOpenGLFramebufferObject,
            QOpenGLFramebufferObjectFormat,
        )

        view = self.view
        if not view.isValid():
            view.grabFramebuffer()  # initialises the GL context of a widget never shown
        if not view.isValid():
            return None
        view.makeCurrent()
        try:
            fbo_format = QOpenGLFramebufferObjectFormat()
            fbo_format.setAttachment(QOpenGLFramebufferObject.Attachment.CombinedDepthStencil)
            fbo_format.setSamples(SAMPLES)
            fbo = QOpenGLFramebufferObject(width, height, fbo_format)
            image = QImage()
            if fbo.isValid():
                fbo.bind()
                GL.glViewport(0, 0, width, height)
                view.paint(region=(0, 0, width, height), viewport=(0, 0, width, height))
                image = fbo.toImage()  # resolves the samples
                fbo.release()
            del fbo  # frees the GPU buffer while its context is current
            if image.isNull():  # larger than the GPU allows: pyqtgraph renders in tiles
                pixels = np.ascontiguousarray(view.renderToArray((width, height)))
                # Little-endian BGRA bytes are QImage's ARGB32 words; copy() owns the data.
                image = QImage(pixels.data, width, height, 4 * width, QImage.Format.Format_ARGB32)
                image = image.copy()
        finally:
            view.doneCurrent()
        return image.convertToFormat(QImage.Format.Format_RGB32)  # opaque, like the window


def _gl_options() -> dict[str, dict]:
    """Per-item GL state (pyqtgraph applies it before drawing each item).

    Only the surface writes depth. Trajectories test against it but do not write: antialiased
    edges would otherwise hide the next segments of a dense path and fade it.
    """
    from OpenGL import GL

    blend = (GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA, GL.GL_ONE, GL.GL_ONE_MINUS_SRC_ALPHA)
    return {
        "surface": {
            GL.GL_DEPTH_TEST: True,
            GL.GL_BLEND: False,
            GL.GL_CULL_FACE: False,
            "glDepthMask": (GL.GL_TRUE,),
            "glDepthRange": (0.0, 1.0),
        },
        "line": {
            GL.GL_DEPTH_TEST: True,
            GL.GL_BLEND: True,
            "glBlendFuncSeparate": blend,
            "glDepthMask": (GL.GL_FALSE,),
            "glDepthRange": (0.0, 1.0 - LINE_DEPTH_BIAS),
        },
        "overlay": {GL.GL_DEPTH_TEST: False, GL.GL_BLEND: True, "glBlendFuncSeparate": blend},
        # Drawn last, always: the next frame's glClear needs depth writes back on.
        "restore": {
            GL.GL_DEPTH_TEST: False,
            GL.GL_BLEND: False,
            "glDepthMask": (GL.GL_TRUE,),
            "glDepthRange": (0.0, 1.0),
        },
    }


_SURFACE_SHADER = None
_GL_VIEW_CLASS = None


def _surface_shader():
    """Colormap colours lit from the camera, two-sided, with a high ambient term.

    pyqtgraph's "shaded" program lights from behind the viewer's shoulder and leaves faces
    pointing at the camera at 20 % brightness, which darkens the colormap beyond reading.
    """
    global _SURFACE_SHADER
    if _SURFACE_SHADER is None:
        from pyqtgraph.opengl import shaders

        _SURFACE_SHADER = shaders.ShaderProgram(
            "optviz_surface",
            [
                shaders.VertexShader("""
                uniform mat4 u_mvp;
                uniform mat3 u_normal;
                attribute vec4 a_position;
                attribute vec3 a_normal;
                attribute vec4 a_color;
                varying vec4 v_color;
                varying vec3 v_normal;
                void main() {
                    v_normal = normalize(u_normal * a_normal);
                    v_color = a_color;
                    gl_Position = u_mvp * a_position;
                }
            """),
                shaders.FragmentShader("""
                #ifdef GL_ES
                precision mediump float;
                #endif
                varying vec4 v_color;
                varying vec3 v_normal;
                void main() {
                    float light = abs(dot(normalize(v_normal), normalize(vec3(0.4, 0.6, 1.0))));
                    gl_FragColor = vec4(v_color.rgb * (0.6 + 0.4 * light), v_color.a);
                }
            """),
            ],
        )
    return _SURFACE_SHADER


def _program_caches() -> list[tuple[object, str]]:
    """Where pyqtgraph 0.14 keeps compiled shader programs: (owner, attribute name).

    They are cached once per process, not per OpenGL context, so a second view (or this view
    after Qt re-creates its context) would use program ids that are invalid there.
    """
    from pyqtgraph.opengl import shaders
    from pyqtgraph.opengl.items.GLLinePlotItem import GLLinePlotItem
    from pyqtgraph.opengl.items.GLScatterPlotItem import GLScatterPlotItem

    owners = [GLLinePlotItem, GLScatterPlotItem]
    return [(owner, "_shaderProgram") for owner in owners] + [
        (program, "prog") for program in shaders.ShaderProgram.names.values()
    ]


def _swap_programs(installed: dict) -> dict:
    """Put `installed` into pyqtgraph's program caches (missing = compile on use); return the
    previous contents."""
    previous = {}
    for owner, name in _program_caches():
        previous[owner, name] = getattr(owner, name)
        setattr(owner, name, installed.get((owner, name)))
    return previous


def _gl_view_class():
    """GLViewWidget with its own shader programs, and clean-up while its context still exists."""
    global _GL_VIEW_CLASS
    if _GL_VIEW_CLASS is None:
        import pyqtgraph.opengl as gl
        from OpenGL import GL
        from PySide6.QtOpenGL import QOpenGLBuffer

        class GLView(gl.GLViewWidget):
            context_ready = Signal()  # a new GL context: item data must be uploaded again

            def __init__(self) -> None:
                super().__init__()
                self._programs: dict = {}  # this context's entries of _program_caches()

            def initializeGL(self) -> None:  # Qt override
                super().initializeGL()
                self.context().aboutToBeDestroyed.connect(
                    self._release_gl, Qt.ConnectionType.DirectConnection
                )
                self.context_ready.emit()

            def paint(self, **kwargs) -> None:
                outside = _swap_programs(self._programs)
                try:
                    super().paint(**kwargs)
                finally:
                    self._programs = _swap_programs(outside)

            def projectionMatrix(self, region, viewport):  # pyqtgraph override
                # pyqtgraph's fov spans the width, so a wide window crops the top and bottom;
                # here it spans the shorter side. Same frustum arithmetic otherwise.
                x0, y0, width, height = viewport
                near = self.opts["distance"] * 0.001
                half = near * math.tan(0.5 * math.radians(self.opts["fov"]))
                right_edge = half * max(1.0, width / height)
                top_edge = half * max(1.0, height / width)
                left = right_edge * ((region[0] - x0) * (2.0 / width) - 1)
                right = right_edge * ((region[0] + region[2] - x0) * (2.0 / width) - 1)
                bottom = top_edge * ((region[1] - y0) * (2.0 / height) - 1)
                top = top_edge * ((region[1] + region[3] - y0) * (2.0 / height) - 1)
                matrix = QMatrix4x4()
                matrix.frustum(left, right, bottom, top, near, near * 1e6)
                return matrix

            def _release_gl(self) -> None:
                """Free buffers and programs now; Qt is about to destroy the context."""
                self.makeCurrent()
                stack = list(self.items)
                while stack:
                    item = stack.pop()
                    stack.extend(item.childItems())
                    for value in vars(item).values():
                        if isinstance(value, QOpenGLBuffer) and value.isCreated():
                            value.destroy()
                for program in set(self._programs.values()) - {None, -1}:
                    GL.glDeleteProgram(program)
                self._programs = {}
                if self.default_vao.isCreated():
                    self.default_vao.destroy()
                self.doneCurrent()

        _GL_VIEW_CLASS = GLView
    return _GL_VIEW_CLASS

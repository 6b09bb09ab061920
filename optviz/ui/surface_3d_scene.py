"""The OpenGL side of the 3D view: a GLViewWidget and its items, built once.

`GLScene` receives arrays already in scene coordinates (surface_3d_geometry) and only sets
them on its items. pyqtgraph.opengl and PyOpenGL are imported when the first scene is made,
after `probe_opengl` has found that OpenGL works.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QMatrix4x4

from optviz.ui import style
from optviz.ui.surface_3d_geometry import Z_TOP, rgba

# Lines are drawn this much nearer in window depth (about 0.07 units at the initial zoom), so
# a wide line or halo lying on a slope that faces the camera is not half buried in it.
LINE_DEPTH_BIAS = 2e-5
SAMPLES = 4  # multisample antialiasing
LINE_WIDTH_3D = max(3.0, style.LINE_WIDTH)
HALO_WIDTH_3D = LINE_WIDTH_3D + 3.0
XRAY_ALPHA = 0.35  # hidden parts of a trajectory show through the hills, faded
DIVERGED_COLOR = "#E00000"
LIGHT_BACKGROUND = "#FFFFFF"
DARK_BACKGROUND = "#1E1E1E"
# fov is the angle across the shorter side of the view, so any window shape shows the box.
CAMERA = {"elevation": 30.0, "azimuth": -60.0, "distance": 3.6, "fov": 47.0}


class GLScene:
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
        self.diverged_ring.setData(color=rgba(DIVERGED_COLOR))
        self.diverged_core.setData(color=rgba("#FFFFFF"))
        self.head_outline.setData(color=rgba("#000000", 0.85))
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
            halo.setData(color=rgba("#FFFFFF", 0.9))
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

"""3D view: the loss surface as a shaded mesh with the optimizer trajectories on it.

The OpenGL widget is created lazily, the first time the view is shown (or on `ensure_gl()`),
after a probe has checked that OpenGL works here (opengl_probe); otherwise a readable message
takes its place. Everything arrives precomputed: this widget keeps the data, maps it into the
scene box (surface_3d_geometry) and hands it to the GL scene (surface_3d_scene), which draws.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from optviz.ui.opengl_probe import probe_opengl
from optviz.ui.surface_3d_geometry import Z_TOP, BoxTransform, SceneRuns, map_runs, surface_mesh
from optviz.ui.surface_3d_scene import GLScene

# What other modules import from here (the main window, exports, the self-test, tests).
__all__ = ["Z_TOP", "BoxTransform", "Surface3DView", "probe_opengl"]


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
        self._scene_error: Exception | None = None  # GLScene() failed although GL probed fine
        self._scene: GLScene | None = None  # once the GL widget exists
        self._label: QLabel | None = None
        self._surface_args: tuple | None = None
        self._box: BoxTransform | None = None
        self._run_args: tuple | None = None
        self._runs: SceneRuns | None = None
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
                scene = GLScene()
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
        self._runs = map_runs(self._box, *self._run_args)
        self._draw_runs()

    def _draw_surface(self) -> None:
        if self._scene is None or self._surface_args is None:
            return
        self._scene.set_surface(*surface_mesh(self._box, *self._surface_args))

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
        self._scene.set_paths(*runs.paths_at(step, trail))

"""The surface view's racing trajectories: one path per run with its halo, the SWA path,
the head where each run is now, the end marks of diverged and stopped runs, and the legend.

`RunsMixin` is part of `SurfaceView` (surface_view.py): its items and methods belong to the
view itself, so other modules reach them as `view.legend`, `view.heads`, `view.set_step`.
The finished part of every path is painted once into a cached TrailLayer (trail_layer.py).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGraphicsItem

from optviz.ui import style
from optviz.ui.i18n import engine_text
from optviz.ui.surface_view_heatmap import STATIC
from optviz.ui.trail_layer import TrailLayer, frozen_step


def visible_points(path: np.ndarray, cell: tuple[float, float]) -> np.ndarray:
    """Indices of the points of `path` (n, 2) worth drawing at a pixel size `cell`.

    A point is kept when it falls in a different half-pixel cell than the point before it,
    so zig-zags survive and the long tail of sub-pixel steps near a minimum does not cost
    a painter stroke each (wide antialiased pens are what makes painting slow).
    """
    if len(path) < 3:
        return np.arange(len(path))
    with np.errstate(all="ignore"):
        cells = np.floor(path / np.asarray(cell)[None, :])
    moved = np.empty(len(path), dtype=bool)
    moved[0] = True
    moved[1:] = (cells[1:] != cells[:-1]).any(axis=1) | ~np.isfinite(cells[1:]).all(axis=1)
    return np.flatnonzero(moved)


class RunsMixin:
    """The trajectories of a SurfaceView (a PlotWidget), drawn up to a step."""

    def _build_runs(self, plot: pg.PlotItem) -> None:
        self._playing = False
        self.legend = pg.LegendItem(
            offset=(-10, 10),
            labelTextSize="12pt",
            brush=pg.mkBrush(255, 255, 255, 215),
            pen=pg.mkPen("#999999"),
        )
        self.legend.setParentItem(plot.getViewBox())
        self.legend.setVisible(False)  # until a run gives it entries (an empty box otherwise)
        self._halos: list[pg.PlotCurveItem] = []
        self._curves: list[pg.PlotCurveItem] = []
        # Paths up to a frozen step come from one cached layer; the items above hold the rest.
        self.halo_pen = pg.mkPen(255, 255, 255, 200, width=style.HALO_WIDTH)
        self.trails = TrailLayer()
        self.trails.setZValue(30.5)  # over the live halos, under the live lines
        plot.addItem(self.trails)
        self._trails_key: tuple | None = None
        self._frozen_segments: list[np.ndarray] = []
        self._swa: list[pg.PlotCurveItem] = []
        self.heads = pg.ScatterPlotItem(size=style.HEAD_SIZE, pen=pg.mkPen("k", width=1.5))
        self.ends = pg.ScatterPlotItem(pen=pg.mkPen("k", width=1.5))
        for item in (self.heads, self.ends):
            item.setZValue(50)
            plot.addItem(item)
        self._positions = np.empty((0, 1, 2))
        self._end_step = np.zeros(0, dtype=int)
        self._status: tuple[str, ...] = ()
        self._colors: list[str] = []
        self._brushes: list = []
        self._legend_entries: list[tuple[str, str, int]] = []  # (label, status, end step)
        self._step = 0
        self._trail: int | None = None
        self._kept: list[np.ndarray] = []
        self._kept_cell: tuple[float, float] | None = None  # None: recompute `_kept`
        self._kept_version = 0

    def set_runs(
        self,
        positions: np.ndarray,
        colors: list[str],
        labels: list[str],
        end_step: np.ndarray,
        status: tuple[str, ...],
        legend_runs: list[int],
        swa: np.ndarray | None = None,
    ) -> None:
        """positions: (n_runs, steps + 1, 2). legend_runs: the runs that get a legend entry."""
        plot = self.getPlotItem()
        n = positions.shape[0]
        while len(self._curves) < n:
            halo = pg.PlotCurveItem(pen=self.halo_pen)
            curve = pg.PlotCurveItem()
            swa_curve = pg.PlotCurveItem()
            if not self._playing:
                for item in (halo, curve, swa_curve):
                    item.setCacheMode(STATIC)
            for z, item in ((30, halo), (31, curve), (32, swa_curve)):
                item.setZValue(z)
                plot.addItem(item)
            self._halos.append(halo)
            self._curves.append(curve)
            self._swa.append(swa_curve)
        for k in range(len(self._curves)):
            visible = k < n
            for item in (self._halos[k], self._curves[k], self._swa[k]):
                item.setVisible(visible)
            if visible:
                self._curves[k].setPen(pg.mkPen(colors[k], width=style.LINE_WIDTH))
                self._swa[k].setPen(
                    pg.mkPen(colors[k], width=style.LINE_WIDTH, style=Qt.PenStyle.DashLine)
                )
        self._positions = positions
        self._swa_positions = swa
        self._end_step = np.asarray(end_step)
        self._status = tuple(status)
        self._colors = list(colors)
        # One brush per run for its markers: pyqtgraph's symbol atlas keys on the brush
        # object, so a new brush each frame rendered (and kept) a new symbol every frame.
        self._brushes = [pg.mkBrush(color) for color in colors]
        self._kept_cell = None
        self._trails_key = None
        self.legend.clear()
        self._legend_entries = [(labels[k], status[k], end_step[k]) for k in legend_runs]
        for k, entry in zip(legend_runs, self._legend_entries, strict=True):
            self.legend.addItem(self._curves[k], self._legend_text(*entry))
        self.legend.setVisible(bool(self._legend_entries))
        self.set_step(self._step, self._trail)

    def _legend_text(self, label: str, status: str, end_step: int) -> str:
        translate = QCoreApplication.translate
        text = engine_text("Optimizers", label)  # "Momentum" → the installed language
        if status == "diverged":
            text += translate("SurfaceView", "  ✕ diverged @ {step}").format(step=end_step)
        elif status == "stopped":
            text += translate("SurfaceView", "  ■ stopped @ {step}").format(step=end_step)
        return text

    def _retranslate_legend(self) -> None:
        """The legend's entries in the installed language; their labels keep their size
        (presentation mode scales it)."""
        labels = [label for _sample, label in self.legend.items]
        for label, entry in zip(labels, self._legend_entries, strict=True):
            label.setText(self._legend_text(*entry))
        self.legend.updateSize()

    def set_playing(self, playing: bool) -> None:
        """While playing, paths change every frame: drawing them directly is cheapest. While
        paused they are cached, so that anything else that changes (a new surface arriving,
        a tooltip) does not re-stroke every path."""
        mode = QGraphicsItem.CacheMode.NoCache if playing else STATIC
        for item in (*self._halos, *self._curves, *self._swa):
            item.setCacheMode(mode)
        self._playing = playing

    def set_step(self, step: int, trail: int | None = None) -> None:
        """Show every run up to `step`; `trail` keeps only the last N steps (None: all)."""
        self._step, self._trail = step, trail
        n = self._positions.shape[0]
        self._update_kept()
        # A whole path (no trail limit) is drawn from the cached layer up to `frozen`.
        frozen = frozen_step(step) if trail is None else 0
        self._update_trails(frozen)
        heads, head_brushes, ends, end_symbols, end_brushes = [], [], [], [], []
        for k in range(n):
            last = min(step, int(self._end_step[k]))
            first = min(frozen, last) if trail is None else max(0, last - trail)
            segment = self._positions[k, self._drawn(k, first, last)]
            self._halos[k].setData(segment[:, 0], segment[:, 1])
            self._curves[k].setData(segment[:, 0], segment[:, 1])
            if self._swa_positions is not None:
                swa = self._swa_positions[k, first : last + 1]
                self._swa[k].setData(swa[:, 0], swa[:, 1], connect="finite")
            head = self._positions[k, last]
            if np.isfinite(head).all():
                heads.append(head)
                head_brushes.append(self._brushes[k])
            if step >= self._end_step[k] and self._status[k] in ("diverged", "stopped"):
                if np.isfinite(head).all():
                    ends.append(head)
                    end_symbols.append("x" if self._status[k] == "diverged" else "s")
                    end_brushes.append(self._brushes[k])
        self.heads.setData(pos=np.array(heads).reshape(-1, 2), brush=head_brushes)
        self.ends.setData(
            pos=np.array(ends).reshape(-1, 2), symbol=end_symbols, brush=end_brushes, size=22
        )

    def _drawn(self, k: int, first: int, last: int) -> np.ndarray:
        """Indices of run k's points drawn between steps first and last (both included)."""
        kept = self._kept[k]
        lo, hi = np.searchsorted(kept, first), np.searchsorted(kept, last, side="right")
        index = kept[lo:hi]
        if not len(index) or index[-1] != last:
            index = np.append(index, last)
        if index[0] != first:
            index = np.insert(index, 0, first)
        return index

    def _update_trails(self, frozen: int) -> None:
        """Re-paint the cached layer when the frozen step, the runs or the zoom changed."""
        n = self._positions.shape[0]
        ends = tuple(min(frozen, int(self._end_step[k])) for k in range(n))
        key = (ends, self._kept_version, tuple(self._colors))
        if key == self._trails_key:
            return
        self._trails_key = key
        segments = [
            self._positions[k, self._drawn(k, 0, ends[k])] if ends[k] > 0 else np.empty((0, 2))
            for k in range(n)
        ]
        pens = [self._curves[k].opts["pen"] for k in range(n)]
        self.trails.set_paths(segments, self.halo_pen, pens)
        self._frozen_segments = segments

    def drawn_path(self, k: int) -> np.ndarray:
        """The points of run k on screen now, (n, 2): the cached part, then the live part."""
        live = np.column_stack(self._curves[k].getData())
        frozen = self._frozen_segments[k] if k < len(self._frozen_segments) else ()
        return np.vstack([frozen[:-1], live]) if len(frozen) else live

    def _update_kept(self) -> None:
        """Recompute which points are drawn when the runs or the zoom changed."""
        px, py = self.getPlotItem().getViewBox().viewPixelSize()
        cell = (0.5 * px, 0.5 * py)
        if self._kept_cell is not None and np.allclose(cell, self._kept_cell, rtol=0.25):
            return
        self._kept_cell = cell
        self._kept = [visible_points(path, cell) for path in self._positions]
        self._kept_version += 1

"""The training tab's loss landscape: a slice of the network's loss around trained weights
with each optimizer's path, drawn by the same SurfaceView as the analytic functions.

The helper process that trained the networks computes the slice, its contours and its
coloured heatmap (engine/landscape.py, `training_process`); these widgets only draw it
and ask for it.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from optviz.ui.i18n import FollowsLanguage, engine_text
from optviz.ui.surface_view import SurfaceView

METHODS = ("pca", "random")  # in the order of the direction menu
RESOLUTIONS = (21, 31, 41)
DEFAULT_RESOLUTION = 31


def shown_label(label: str) -> str:
    """An optimizer's label in the installed language ("Momentum" → 动量; a label of the
    user's own stays as written)."""
    return engine_text("Optimizers", label)


class LandscapeView(FollowsLanguage, SurfaceView):
    """A SurfaceView for a `LossLandscape`: heatmap of log₁₀ loss, contours, one path per
    optimizer from the shared start (the white circle) to its final weights."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # PC1 usually spans several times PC2: equal scales would leave a thin strip.
        self.getPlotItem().setAspectLocked(False)
        # Any corner may hold a path's end: the panel shows the legend above the plot.
        self.legend.setVisible(False)
        # No "(×0.001)" ticks, also for a log₁₀ loss that spans less than one unit: the
        # SurfaceView's axes and its ColourBar have no SI prefix.
        self.set_start_editable(False)
        self.start_marker.setVisible(False)
        self.landscape = None
        self.retranslate()

    def retranslate(self) -> None:
        """Axis and colour-bar titles in the installed language (also run on every
        LanguageChange)."""
        landscape = self.landscape
        if landscape is None or landscape.explained_variance is None:
            self.set_axis_labels(self.tr("direction 1"), self.tr("direction 2"))
        else:
            first, second = landscape.explained_variance * 100
            self.set_axis_labels(
                self.tr("PC1 ({share} %)").format(share=f"{first:.1f}"),
                self.tr("PC2 ({share} %)").format(share=f"{second:.1f}"),
            )
        if landscape is not None:
            self.colorbar.getAxis("right").setLabel(self.tr("log₁₀ loss"))

    def set_landscape(self, landscape, grid, colors: list[str]) -> None:
        """Draw a LossLandscape and its SurfaceGrid; colors: one per optimizer."""
        self.landscape = landscape
        self.set_grid(grid, value_label=self.tr("log₁₀ loss"))
        self.flush_contours()  # a few dozen short lines: no need to spread them out
        self.retranslate()
        paths = landscape.paths
        longest = max(len(p) for p in paths)
        positions = np.full((len(paths), longest, 2), np.nan)
        for k, path in enumerate(paths):
            positions[k, : len(path)] = path
            positions[k, len(path) :] = path[-1]
        labels = [shown_label(label) for label in landscape.labels]
        labels[landscape.center] = self.tr("{name} (centre)").format(name=labels[landscape.center])
        end_step = np.array([len(p) - 1 for p in paths])
        # A diverged path ends in an × at its last point in view, as on the surfaces.
        status = tuple("diverged" if s == "diverged" else "finished" for s in landscape.status)
        self.set_runs(positions, colors, labels, end_step, status, list(range(len(paths))))
        self.set_step(longest - 1)
        start = paths[landscape.center][0]
        self.start_marker.setVisible(bool(np.isfinite(start).all()))
        if np.isfinite(start).all():
            self.set_start(float(start[0]), float(start[1]))
        self.set_view_rect(landscape.rect)

    def clear_landscape(self) -> None:
        self.landscape = None
        self.retranslate()
        self.image.clear()
        for curve in self._contours:
            curve.setVisible(False)
        self.set_runs(np.empty((0, 1, 2)), [], [], np.zeros(0, dtype=int), (), [])
        self.start_marker.setVisible(False)

    @property
    def n_paths(self) -> int:
        """Paths drawn now."""
        return sum(curve.isVisible() for curve in self._curves)


class LandscapePanel(FollowsLanguage, QWidget):
    """The direction and grid choice, Compute and Cancel, the progress, and the view.

    Signals: `compute_requested()`, `cancel_requested()`; the tab turns them into runner
    calls and reports back with `show_progress`, `show_landscape`, `show_message`.
    """

    compute_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # Texts: retranslate().
        self.compute_button = QPushButton()
        self.method = QComboBox()
        self.method.addItems(["", ""])  # in the order of METHODS
        self.resolution = QComboBox()
        for n in RESOLUTIONS:
            self.resolution.addItem(f"{n} × {n}", n)
        self.resolution.setCurrentIndex(RESOLUTIONS.index(DEFAULT_RESOLUTION))
        self.center = QComboBox()
        self.method_label, self.resolution_label, self.center_label = QLabel(), QLabel(), QLabel()
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.compute_button)
        controls.addWidget(self.method_label)
        controls.addWidget(self.method)
        controls.addWidget(self.resolution_label)
        controls.addWidget(self.resolution)
        controls.addWidget(self.center_label)
        controls.addWidget(self.center)
        controls.addStretch(1)
        self.progress = QProgressBar()
        self.cancel_button = QPushButton()
        self.progress_row = QWidget()
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress, 1)
        progress_layout.addWidget(self.cancel_button)
        self.progress_row.hide()
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setContentsMargins(6, 0, 0, 0)  # the first swatch clear of the edge
        self.legend.hide()
        self.view = LandscapeView()
        # The legend and the plot: what an exported figure shows (`optviz export --view
        # landscape`, the export dialog).
        self.figure = QWidget()
        figure_layout = QVBoxLayout(self.figure)
        figure_layout.setContentsMargins(0, 0, 0, 0)
        figure_layout.addWidget(self.legend)
        figure_layout.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.info)
        layout.addWidget(self.figure, 1)
        self.compute_button.clicked.connect(self.compute_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self._available = False
        # The info line and the legend in the installed language: run again on a
        # LanguageChange.
        self._info_text: Callable[[], str] = str
        self._legend_colors: list[str] = []
        self.retranslate()
        self.set_available(False)

    def retranslate(self) -> None:
        """Texts in the installed language (also run on every LanguageChange)."""
        self.compute_button.setText(self.tr("Compute loss landscape"))
        self.compute_button.setToolTip(
            self.tr("The loss on a plane through weight space, computed by the helper process")
        )
        self.method.setItemText(0, self.tr("PCA of the paths"))
        self.method.setItemText(1, self.tr("Filter-normalised random"))
        self.method.setToolTip(
            self.tr(
                "PCA: the two directions the paths spread along most (Li et al., 2018).\n"
                "Random: Gaussian directions scaled filter by filter to the weights; "
                "the paths are nearly orthogonal to them."
            )
        )
        self.resolution.setToolTip(self.tr("Grid points: each one is a pass over the images"))
        self.center.setToolTip(self.tr("Whose final weights are the centre (0, 0)"))
        self.method_label.setText(self.tr("Directions"))
        self.resolution_label.setText(self.tr("Grid"))
        self.center_label.setText(self.tr("Centre"))
        self.progress.setFormat(self.tr("row %v of %m"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.info.setText(self._info_text())
        if self.view.landscape is not None and not self.legend.isHidden():
            self._show_legend(self.view.landscape, self._legend_colors)

    def _set_info(self, text: Callable[[], str]) -> None:
        """Show the info line; `text` gives it in the installed language."""
        self._info_text = text
        self.info.setText(text())

    # --- what the tab asks for --------------------------------------------------------------

    def request_values(self) -> tuple[str, int, int]:
        """(method, resolution, centre index) as chosen."""
        return (
            METHODS[self.method.currentIndex()],
            int(self.resolution.currentData()),
            max(self.center.currentIndex(), 0),
        )

    def set_optimizers(self, labels: list[str], center: int) -> None:
        self.center.clear()
        self.center.addItems(labels)
        self.center.setCurrentIndex(center)

    def set_available(self, available: bool) -> None:
        """Whether a landscape can be computed now (the race is paused or over)."""
        self._available = available
        computing = not self.progress_row.isHidden()
        self.compute_button.setEnabled(available and not computing)
        if computing or self.view.landscape is not None:
            return
        if available:
            self._set_info(
                lambda: self.tr("Compute the loss around the chosen optimizer's weights.")
            )
        else:
            self._set_info(
                lambda: self.tr("Pause or finish a race to compute the loss around its weights.")
            )

    # --- what the helper reports ------------------------------------------------------------

    def show_started(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress_row.show()
        self.cancel_button.setEnabled(True)
        self.compute_button.setEnabled(False)
        self._set_info(lambda: self.tr("Computing the loss landscape…"))

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def show_landscape(self, landscape, grid, colors: list[str]) -> None:
        self.progress_row.hide()
        self.compute_button.setEnabled(self._available)
        self.view.set_landscape(landscape, grid, colors)
        self._legend_colors = list(colors)
        self._show_legend(landscape, colors)
        self._set_info(lambda: self._landscape_info(landscape))

    def _landscape_info(self, landscape) -> str:
        """The info line under a landscape: whole sentences, as a translator needs them."""
        variance = landscape.explained_variance  # of PC1, PC2; None for random directions
        if variance is not None:
            text = self.tr(
                "Loss on {examples} training images at {n} × {n} points around {name}'s weights "
                "(0, 0), in {seconds} s. The plane holds {share} % of the paths' spread."
            )
        else:
            text = self.tr(
                "Loss on {examples} training images at {n} × {n} points around {name}'s weights "
                "(0, 0), in {seconds} s. Random directions are nearly orthogonal to the paths: "
                "they project close to (0, 0)."
            )
        return text.format(
            examples=f"{landscape.n_examples:,}",
            n=len(landscape.alphas),
            name=shown_label(landscape.labels[landscape.center]),
            seconds=f"{landscape.seconds:.1f}",
            share="" if variance is None else f"{float(np.sum(variance)) * 100:.0f}",
        )

    def _show_legend(self, landscape, colors: list[str]) -> None:
        entries = []
        for k, (label, color) in enumerate(zip(landscape.labels, colors, strict=True)):
            label = shown_label(label)
            if k == landscape.center:
                label = self.tr("{name} (centre)").format(name=label)
            elif landscape.status[k] == "diverged":
                label = self.tr("{name} (diverged)").format(name=label)
            entries.append(
                f'<span style="color:{color}; font-weight:bold;">━━ {html.escape(label)}</span>'
            )
        marks = self.tr("○ shared start, ● each one's final weights")
        self.legend.setText(
            "&nbsp;&nbsp; ".join(entries) + f'&nbsp;&nbsp; <span style="color:#555;">{marks}</span>'
        )
        self.legend.show()

    def show_message(self, text: str | Callable[[], str]) -> None:
        """Cancelled or failed: hide the progress and say so; `text` may be a function that
        gives it in the installed language."""
        self.progress_row.hide()
        self.compute_button.setEnabled(self._available)
        self._set_info(text if callable(text) else lambda: text)

    def clear(self) -> None:
        self.progress_row.hide()
        self.legend.hide()
        self.view.clear_landscape()
        self.set_available(False)

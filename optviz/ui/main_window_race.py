"""The surface race: the experiment the panels describe goes to the worker, and the answer
is drawn in the surface view, the side plots, the equations and the 3D view, step by step.
A part of `MainWindow` (main_window.py), which asks for the surface grids itself.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from optviz.engine import experiment as experiment_io
from optviz.engine.errors import OptvizError
from optviz.engine.optimizers import optimizer_class
from optviz.ui import i18n, style
from optviz.ui.worker import RunAnswer

# Not self.tr(): lupdate would file those texts under this mixin's name; they belong to
# "MainWindow", the context the run-time language switch looks the window's texts up in.
translate = QCoreApplication.translate


class SurfaceRaceMixin:
    """Runs of MainWindow: from panel edits to drawn paths.

    State (set up in MainWindow.__init__): `answer`, the last RunAnswer drawn;
    `pending_experiment`, the one last sent; `run_colors`; `_base`, the experiment last
    loaded (keys the panels do not edit come from it); `_extra_starts`; `_loading`, true
    while the panels are filled in; `_surface_key` and `_log_override`, to re-frame the view
    and reset the colour scale only when the surface itself changed.
    """

    # --- the experiment the panels describe ---------------------------------------------

    def load_experiment(self, exp, title: str = "") -> None:
        from optviz.engine.surfaces import make_surface

        surface = make_surface(exp.surface)
        start = exp.starts[0] if exp.starts else surface.start
        self._loading = True
        try:
            self._extra_starts = exp.starts[1:] if exp.starts and len(exp.starts) > 1 else ()
            self.surface_panel.load(
                exp.surface, start, exp.steps, exp.seed, exp.noise_sigma or 0.0, exp.batch_size
            )
            entries = [o.to_dict() for o in exp.optimizers]
            for k, entry in enumerate(entries):
                entry.setdefault("color", style.color_for(k))
            self.optimizer_list.set_optimizers(entries)
            self.optimizer_list.set_steps(exp.steps)
        finally:
            self._loading = False
        self._base = exp
        self._log_override = None
        self.playback.pause()
        self.playback.set_steps(exp.steps)
        self.playback.set_step(exp.steps)
        self._surface_key = None
        # The map's frame, axis names and start point now, for the first frame; its colours
        # come with the run (the grid is computed by the engine).
        self._frame(surface, exp.view or surface.view)
        self.surface_view.set_start(*start)
        # Loading is not an edit: a shown window runs it now, one not shown yet soon after.
        self._debounced_run.cancel()
        if self.isVisible():
            self._start_run()
        else:
            self._loaded_run.start()

    def current_experiment(self):
        """The experiment the panels describe, or None (with the reason shown) if invalid."""
        spec = self.surface_panel.surface_spec()
        if spec is None:
            self._show_error(
                translate("MainWindow", "Fix the surface settings (see the message in the panel).")
            )
            return None
        if not self.optimizer_list.is_valid():
            self._show_error(translate("MainWindow", "Fix the highlighted optimizer settings."))
            return None
        optimizers = self.optimizer_list.optimizers()
        if not any(o.get("enabled", True) for o in optimizers):
            self._show_error(translate("MainWindow", "Enable at least one optimizer."))
            return None
        doc: dict[str, Any] = {
            "optviz": 1,
            "surface": spec,
            **self.surface_panel.settings(),
            "optimizers": optimizers,
        }
        starts = [list(self.surface_panel.start()), *[list(p) for p in self._extra_starts]]
        if len(starts) == 1:
            doc["start"] = starts[0]
        else:
            doc["starts"] = starts
        base = getattr(self, "_base", None)
        if base is not None:
            for key, value in base.to_dict().items():
                if key in ("stop", "bound", "swa", "title", "view"):
                    doc[key] = value
        try:
            exp = experiment_io.from_dict(doc)
        except OptvizError as error:
            self._show_error(i18n.error_text(error))
            return None
        self._show_error("")
        return exp

    # --- reacting to edits ------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        if message:
            self.statusBar().showMessage(message)

    def _edited(self) -> None:
        if self._loading:
            return
        self.optimizer_list.set_steps(self.surface_panel.steps.value())
        self._debounced_run()

    def _surface_changed(self) -> None:
        self._log_override = None
        self._surface_key = None

    def _start_moved(self, x: float, y: float) -> None:
        self.surface_panel.set_start(x, y)
        self._extra_starts = ()
        self._edited()

    def _start_run(self) -> None:
        self._loaded_run.stop()  # this run covers a loaded experiment's, if one waits
        exp = self.current_experiment()
        if exp is None:
            return
        self.pending_experiment = exp
        key = repr(exp.surface)
        if key != self._surface_key:
            self._surface_key = key
            from optviz.engine.surfaces import make_surface

            surface = make_surface(exp.surface)
            rect = exp.view or surface.view
            self._frame(surface, rect)
            # With the aspect ratio locked the view shows more than `rect`: sample all of it.
            self._request_grid(self._covering(rect))
        self.statusBar().showMessage(translate("MainWindow", "Running…"))
        self.worker.request_run(exp)

    def _frame(self, surface, rect) -> None:
        """A surface's axis names, its colour scale (unless the user chose one) and the
        visible range `rect`."""
        self._axis_labels(surface)
        if self._log_override is None:
            self.log_action.blockSignals(True)
            self.log_action.setChecked(surface.log_scale)
            self.log_action.blockSignals(False)
        self.surface_view.set_view_rect(rect)

    def _axis_labels(self, surface) -> None:
        default = (
            (translate("MainWindow", "w (slope)"), translate("MainWindow", "b (intercept)"))
            if surface.n_samples
            else ("x", "y")
        )
        labels = getattr(surface, "axis_labels", default)
        self.surface_view.set_axis_labels(*labels)

    # --- results ------------------------------------------------------------------------

    def _failed(self, _request: int, kind: str, message: str) -> None:
        self._show_error(message)

    def _run_done(self, answer: RunAnswer) -> None:
        self.answer = answer
        result = answer.result
        exp = answer.experiment
        enabled = [o for o in exp.optimizers if o.enabled]
        all_specs = list(exp.optimizers)
        colors, legend_runs = [], []
        for r in range(result.n_runs):
            spec = enabled[result.optimizer_index[r]]
            colors.append(spec.color or style.color_for(all_specs.index(spec)))
            if result.start_index[r] == 0:
                legend_runs.append(r)
        self.run_colors = colors
        self.surface_view.set_markers(answer.minima, answer.saddles)
        self.surface_view.set_start(*result.positions[0, 0])
        self.surface_view.set_runs(
            result.positions,
            colors,
            list(result.labels),
            result.end_step,
            result.status,
            legend_runs,
            swa=result.swa_positions,
        )
        offset = 0.0
        if answer.minima:
            finite = result.loss[np.isfinite(result.loss)]
            offset = float(self.grid.z_min) if self.grid is not None else 0.0
            if finite.size and finite.min() < offset:
                offset = float(finite.min())
        self.side_plots.set_runs(result.loss, answer.distance, result.lr, colors, offset)
        self.equations.set_runs(list(result.labels), colors)
        self.playback.set_steps(result.steps)
        if self.view3d is not None:
            self._push_3d_runs()
        self._draw_step(self.playback.step)
        diverged = [
            result.labels[r] for r in range(result.n_runs) if result.status[r] == "diverged"
        ]
        message = translate("MainWindow", "{runs} runs × {steps} steps in {ms} ms").format(
            runs=result.n_runs, steps=result.steps, ms=f"{answer.seconds * 1000:.0f}"
        )
        if diverged:
            message = translate("MainWindow", "{message} — diverged: {labels}").format(
                message=message, labels=", ".join(diverged)
            )
        self.statusBar().showMessage(message)
        self.run_drawn.emit()

    def _select_optimizer(self, index: int) -> None:
        if self.answer is None:
            return
        enabled = [k for k, o in enumerate(self.answer.experiment.optimizers) if o.enabled]
        if index in enabled:
            run = int(np.flatnonzero(self.answer.result.optimizer_index == enabled.index(index))[0])
            self.equations.selector.setCurrentIndex(run)

    def _draw_step(self, step: int) -> None:
        if self.answer is None:
            return
        trail = self.playback.trail_length()
        self.surface_view.set_step(step, trail)
        self.side_plots.set_step(step)
        if self.view3d is not None and self.tabs.currentIndex() == 1:
            self.view3d.set_step(step, trail)
        self._illustrate(step)

    def _illustrate(self, step: int) -> None:
        result = self.answer.result
        run = self.equations.selected()
        if run >= result.n_runs:
            return
        enabled = [o for o in self.answer.experiment.optimizers if o.enabled]
        spec = enabled[result.optimizer_index[run]]
        cls, _ = optimizer_class(spec.name, spec.flavor)
        t = min(step, int(result.end_step[run]))
        if t >= result.steps or t >= result.end_step[run]:
            t = max(0, min(int(result.end_step[run]), result.steps) - 1)
        position = result.positions[run, t]
        next_position = result.positions[run, t + 1]
        grad = result.grads[run, t]
        lr = float(result.lr[run, t]) if result.steps else 0.0
        states = {key: values[t + 1] for key, values in result.states[run].items()}
        arrows = [(position[0], position[1], -lr * grad[0], -lr * grad[1])]
        first = next(
            (
                states[k]
                for k in ("exp_avg", "momentum_buffer", "velocity", "m", "v")
                if k in states
            ),
            None,
        )
        if first is not None and spec.flavor == "torch":
            arrows.append((position[0], position[1], -lr * first[0], -lr * first[1]))
        elif first is not None:
            arrows.append((position[0], position[1], first[0], first[1]))
        else:
            arrows.append(None)
        if np.isfinite(next_position).all():
            delta = next_position - position
            arrows.append((position[0], position[1], delta[0], delta[1]))
        self.surface_view.set_step_arrows(arrows)
        self.equations.show_step(
            title=result.labels[run],
            equations=cls.equations,
            hyper=result.resolved[run],
            lr=lr,
            step=t,
            position=position,
            next_position=next_position,
            grad=grad,
            states=states,
            color=self.run_colors[run],
            status=result.status[run],
        )

    # --- 3D -----------------------------------------------------------------------------

    def _push_3d_surface(self) -> None:
        grid = self.grid
        self.view3d.set_surface(grid.x, grid.y, grid.z, grid.log_scale)

    def _push_3d_runs(self) -> None:
        result = self.answer.result
        self.view3d.set_runs(
            result.positions,
            result.loss,
            self.run_colors,
            result.end_step,
            np.array([s == "diverged" for s in result.status]),
        )

"""How a basin map is drawn: its colours in each colouring, the key under it, and the table
Save CSV writes. Plain functions of a `concepts.BasinMap`; the view owns the plot items.
Texts are translated in the context of the view, "BasinsView"."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from optviz.engine import concepts
from optviz.ui import style
from optviz.ui.concepts.common import csv_text

# The colourings of the "colour by" combo, in its order.
BY_MINIMUM, BY_STEPS, BY_DIVERGENCE = range(3)
COLOR_BY = (
    QT_TRANSLATE_NOOP("BasinsView", "minimum reached"),
    QT_TRANSLATE_NOOP("BasinsView", "steps to reach it"),
    QT_TRANSLATE_NOOP("BasinsView", "diverged"),
)
NOT_REACHED = (225, 225, 225, 255)
DIVERGED = (60, 60, 60, 255)
CONVERGED = (205, 230, 245, 255)  # colouring by divergence: every start that did not diverge
MINIMUM_COLORS = style.OKABE_ITO[:7]


def _rgba(color: str, alpha: int = 255) -> tuple[int, int, int, int]:
    color = color.lstrip("#")
    return (int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16), alpha)


def basin_colors(found: concepts.BasinMap, mode: int, cmap: pg.ColorMap) -> np.ndarray:
    """(ny, nx, 4) RGBA of the map coloured by minimum, by steps (`cmap`) or by divergence."""
    rgba = np.empty(found.minimum_index.shape + (4,), dtype=np.uint8)
    rgba[...] = NOT_REACHED
    if mode == BY_MINIMUM:
        for k in range(len(found.minima)):
            rgba[found.minimum_index == k] = _rgba(MINIMUM_COLORS[k % len(MINIMUM_COLORS)])
    elif mode == BY_STEPS:
        reached = found.steps_to_tol >= 0
        top = max(int(found.steps_to_tol.max()), 1)
        shades = cmap.map(found.steps_to_tol[reached] / top, mode="byte")
        rgba[reached] = shades
    else:
        rgba[~found.diverged] = CONVERGED
    rgba[found.diverged] = DIVERGED if mode != BY_DIVERGENCE else _rgba(style.OKABE_ITO[3])
    return rgba


def key_html(found: concepts.BasinMap, mode: int, start_shown: bool) -> str:
    """The key under the map, in the installed language: what each colour means, and how
    many starts ended where."""
    n = found.minimum_index.size
    parts = []
    if mode == BY_MINIMUM:
        for k, (mx, my) in enumerate(found.minima):
            share = np.mean(found.minimum_index == k)
            color = MINIMUM_COLORS[k % len(MINIMUM_COLORS)]
            parts.append(_chip(color, f"({mx:.2f}, {my:.2f}): {share:.1%}"))
    elif mode == BY_STEPS:
        steps = found.steps_to_tol[found.steps_to_tol >= 0]
        if steps.size:
            parts.append(
                QCoreApplication.translate(
                    "BasinsView", "steps to arrive: median {median}, 90 % within {p90}"
                ).format(median=f"{np.median(steps):.0f}", p90=f"{np.percentile(steps, 90):.0f}")
            )
    not_reached = np.sum((found.minimum_index < 0) & ~found.diverged) / n
    none = QCoreApplication.translate("BasinsView", "no minimum reached: {share}")
    parts.append(_chip("#E1E1E1", none.format(share=f"{not_reached:.1%}")))
    diverged_color = style.OKABE_ITO[3] if mode == BY_DIVERGENCE else "#3C3C3C"
    diverged = QCoreApplication.translate("BasinsView", "diverged: {share}")
    parts.append(_chip(diverged_color, diverged.format(share=f"{found.diverged.mean():.1%}")))
    if start_shown:
        start = QCoreApplication.translate("BasinsView", "the race's start")
        parts.append(f"<b>✕</b>&nbsp;{start.replace(' ', '&nbsp;')}")
    return " &nbsp; ".join(parts)


def _chip(color: str, text: str) -> str:
    """A colour square and its meaning, kept on one line."""
    text = text.replace(" ", "&nbsp;")
    return f"<span style='color:{color}; font-size:16pt'>■</span>&nbsp;{text}"


def basins_csv(found: concepts.BasinMap | None) -> str:
    """One row per start: where it went, in how many steps, whether it diverged."""
    header = ["x", "y", "minimum", "minimum x", "minimum y", "steps to tol", "diverged"]
    header.append("final loss")
    if found is None:
        return csv_text(header, [])
    xs, ys = np.meshgrid(found.x, found.y)
    index = found.minimum_index.ravel()
    target = np.where(index[:, None] >= 0, found.minima[np.maximum(index, 0)], np.nan)
    rows = zip(
        xs.ravel().tolist(),
        ys.ravel().tolist(),
        index.tolist(),
        target[:, 0].tolist(),
        target[:, 1].tolist(),
        found.steps_to_tol.ravel().tolist(),
        found.diverged.ravel().astype(int).tolist(),
        found.final_loss.ravel().tolist(),
        strict=True,
    )
    return csv_text(header, rows)

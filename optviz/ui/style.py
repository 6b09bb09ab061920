"""Colours and sizes shared by every view (projector rule: lines ≥ 2 px, Okabe–Ito colours)."""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-
# vision deficiency. Yellow comes last because it is weak on light backgrounds.
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#0072B2",  # blue
    "#CC79A7",  # reddish purple
    "#000000",  # black
    "#F0E442",  # yellow
)
OKABE_ITO_NAMES = (
    "orange",
    "sky blue",
    "bluish green",
    "vermillion",
    "blue",
    "reddish purple",
    "black",
    "yellow",
)

LINE_WIDTH = 2.5  # trajectories; never below 2 px
HALO_WIDTH = 5.0  # a light outline under each trajectory keeps it visible on any heatmap
CONTOUR_WIDTH = 1.0
HEAD_SIZE = 14
MARKER_SIZE = 16


def color_for(index: int) -> str:
    return OKABE_ITO[index % len(OKABE_ITO)]

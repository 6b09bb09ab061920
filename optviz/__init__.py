"""optviz: see how gradient-descent optimizers move."""

__version__ = "0.1.0"

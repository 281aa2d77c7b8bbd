"""Annotator: annotate how outlets report the same event, side by side."""

__version__ = "0.1.0"

"""The agreement colour scale: red (0 or below) through amber (0.5) to green (1), taken from
ui_colors' table so the dark scheme gets the same scale darkened under light text."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtGui import QColor

from annotator.core.colors import contrast_ratio
from annotator.gui.shell import ui_colors

DARK_TEXT, LIGHT_TEXT = "#1b1f24", "#ffffff"


def stops() -> tuple[tuple[float, str], ...]:
    """The scale of the scheme in use: (value, colour) from 0 to 1."""
    return ui_colors.current().agreement_stops


def undefined_color() -> QColor:
    """The tile of a value that cannot be computed."""
    return QColor(ui_colors.current().undefined)


def agreement_color(value: float, alpha: int = 255) -> QColor:
    """The colour for `value`, clamped to 0..1 (negative kappa is as red as 0)."""
    v = min(max(value, 0.0), 1.0)
    scale = stops()
    for (low, low_hex), (high, high_hex) in pairwise(scale):
        if v <= high:
            t = (v - low) / (high - low)
            a, b = QColor(low_hex), QColor(high_hex)
            colour = QColor(
                round(a.red() + (b.red() - a.red()) * t),
                round(a.green() + (b.green() - a.green()) * t),
                round(a.blue() + (b.blue() - a.blue()) * t),
            )
            colour.setAlpha(alpha)
            return colour
    colour = QColor(scale[-1][1])
    colour.setAlpha(alpha)
    return colour


def text_color_on(background: QColor) -> QColor:
    """Near-black or white, whichever has the higher contrast on `background`."""
    name = background.name()
    dark, light = contrast_ratio(DARK_TEXT, name), contrast_ratio(LIGHT_TEXT, name)
    return QColor(DARK_TEXT if dark >= light else LIGHT_TEXT)

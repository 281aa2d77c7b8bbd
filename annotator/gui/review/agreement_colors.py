"""The agreement colour scale: red (0 or below) through amber (0.5) to green (1)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtGui import QColor

# ColorBrewer RdYlGn: readable by most colour-blind viewers when paired with the printed value.
STOPS: tuple[tuple[float, str], ...] = (
    (0.0, "#d73027"),
    (0.25, "#fc8d59"),
    (0.5, "#fee08b"),
    (0.75, "#91cf60"),
    (1.0, "#1a9850"),
)
UNDEFINED = QColor("#eceef1")


def agreement_color(value: float, alpha: int = 255) -> QColor:
    """The colour for `value`, clamped to 0..1 (negative kappa is as red as 0)."""
    v = min(max(value, 0.0), 1.0)
    for (low, low_hex), (high, high_hex) in pairwise(STOPS):
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
    colour = QColor(STOPS[-1][1])
    colour.setAlpha(alpha)
    return colour


def text_color_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on `background`."""
    luminance = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("#1b1f24") if luminance > 150 else QColor("#ffffff")

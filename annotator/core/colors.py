"""Scheme colours are "#rrggbb" and nothing else: they end up in style sheets and HTML.

A colour comes from a project file, and a merged or hand-edited file can hold anything
(`red; background: url(/etc/passwd)`, `<img src=...>`); only this shape is ever used.
"""

from __future__ import annotations

import re

FALLBACK_COLOR = "#9e9e9e"
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def is_hex_color(value: object) -> bool:
    """Whether `value` is a string "#rrggbb" (six hex digits)."""
    return isinstance(value, str) and _HEX_COLOR.fullmatch(value) is not None


def safe_color(value: object, fallback: str = FALLBACK_COLOR) -> str:
    """`value` lower-cased if it is "#rrggbb", else `fallback`."""
    return value.lower() if isinstance(value, str) and is_hex_color(value) else fallback


def _rgb(color: str) -> tuple[int, int, int]:
    value = safe_color(color)
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def blend_hex(base: str, over: str, alpha: float) -> str:
    """`over` painted at `alpha` on an opaque `base`, as "#rrggbb"."""
    mixed = (
        round(b * (1 - alpha) + o * alpha) for b, o in zip(_rgb(base), _rgb(over), strict=True)
    )
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0 black … 1 white)."""
    r, g, b = (_linear(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio (1 … 21); body text wants at least 4.5."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _lab(color: str) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in _rgb(color))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(first: str, second: str) -> float:
    """CIE76 colour difference in CIELAB: about 2.3 is just noticeable, over 15 is
    obviously a different colour at a glance."""
    return sum((p - q) ** 2 for p, q in zip(_lab(first), _lab(second), strict=True)) ** 0.5


def readable_on(color: str, background: str, ratio: float = 4.5) -> str:
    """`color`, mixed toward white on a dark `background` or toward black on a light one just
    enough for text in it to reach `ratio` against `background` (issue #13: a stance or
    status colour chosen for a light page reads as itself on a dark one too). Unchanged when
    it already reads; the end colour (white or black) when nothing short of it does."""
    if contrast_ratio(color, background) >= ratio:
        return safe_color(color)
    toward = "#ffffff" if relative_luminance(background) < 0.18 else "#000000"
    for step in range(1, 21):
        mixed = blend_hex(color, toward, step / 20)
        if contrast_ratio(mixed, background) >= ratio:
            return mixed
    return toward

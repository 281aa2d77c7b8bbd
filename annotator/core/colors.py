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

"""Icons the app paints itself (ticks, swatches), at 1x and 2x, so they are sharp on a
high-DPI screen (issue #13): a QIcon holding only a 1x pixmap is blown up, blurred, at
devicePixelRatio 2. The shipped icons in resources/icons are SVG for the same reason
(tests/gui/shell/test_hidpi_icons.py checks both)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

SCALES = (1, 2)


def drawn_icon(width: int, height: int, paint: Callable[[QPainter], None]) -> QIcon:
    """An icon of `width`×`height` logical pixels; `paint` draws in those logical units."""
    icon = QIcon()
    for scale in SCALES:
        pixmap = QPixmap(width * scale, height * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon

"""Where a range of text lies on screen in a QPlainTextEdit: one rectangle per line."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextLine
from PySide6.QtWidgets import QPlainTextEdit


def line_rects(view: QPlainTextEdit, qt_start: int, qt_end: int) -> list[QRectF]:
    """One viewport rectangle per laid-out line of Qt positions [qt_start, qt_end)."""
    rects: list[QRectF] = []
    document = view.document()
    block = document.findBlock(qt_start)
    offset = view.contentOffset()
    while block.isValid() and block.position() <= qt_end:
        geometry = view.blockBoundingGeometry(block).translated(offset)
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            lo = max(qt_start, block.position() + line.textStart())
            hi = min(qt_end, block.position() + line.textStart() + line.textLength())
            if lo >= hi:
                continue
            x1 = line_x(line, lo - block.position()) + geometry.left()
            x2 = line_x(line, hi - block.position()) + geometry.left()
            top = geometry.top() + line.y()
            rects.append(QRectF(min(x1, x2), top, abs(x2 - x1), line.height()))
        block = block.next()
    return rects


def visible_qt_range(view: QPlainTextEdit) -> tuple[int, int] | None:
    """Qt positions from the first block on screen to the end of the last; None if empty."""
    first = view.firstVisibleBlock()
    if not first.isValid():
        return None
    height = view.viewport().height()
    offset = view.contentOffset()
    block, last = first, first
    while block.isValid():
        if view.blockBoundingGeometry(block).translated(offset).top() > height:
            break
        last = block
        block = block.next()
    return first.position(), last.position() + last.length()


def line_x(line: QTextLine, position: int) -> float:
    # PySide returns (x, position) here; the stubs only promise an object.
    result: Any = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)

"""Where a range of text lies on screen in a QPlainTextEdit: one rectangle per line."""

from __future__ import annotations

from bisect import bisect_right
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


class ScreenLines:
    """Every laid-out line on screen, measured once, so that a paint drawing many ranges
    (the lanes of dense overlaps) asks Qt for each block's geometry once instead of once per
    range: `line_rects` walks from the first block on screen again for every call, and forty
    laned spans in view made each paint cost five times the text's own."""

    def __init__(self, view: QPlainTextEdit):
        self._starts: list[int] = []  # Qt position of each line's first character
        self._lines: list[tuple[int, int, QTextLine, int, float, float]] = []
        self._range: tuple[int, int] | None = None
        # (Qt start, Qt end, top, bottom) per block on screen: plain numbers, still
        # right after the paint (QTextLines are not once a block is laid out again).
        self.blocks: list[tuple[int, int, float, float]] = []
        block = view.firstVisibleBlock()
        if not block.isValid():
            return
        first = last = block
        height = view.viewport().height()
        offset = view.contentOffset()
        while block.isValid():
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            position = block.position()
            self.blocks.append(
                (position, position + block.length(), geometry.top(), geometry.bottom())
            )
            layout = block.layout()
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                start = position + line.textStart()
                self._starts.append(start)
                self._lines.append(
                    (start, start + line.textLength(), line, position, geometry.left(),
                     geometry.top() + line.y())
                )  # fmt: skip
            last = block
            block = block.next()
        self._range = first.position(), last.position() + last.length()

    def range(self) -> tuple[int, int] | None:
        """The same as `visible_qt_range`: the first block on screen to the end of the last."""
        return self._range

    def between(self, top: float, bottom: float) -> tuple[int, int] | None:
        """Qt positions [first, last) of the lines on screen meeting viewport rows
        [top, bottom); None if none does."""
        found: tuple[int, int] | None = None
        for start, end, line, _position, _left, line_top in self._lines:
            if line_top >= bottom:
                break
            if line_top + line.height() > top:
                found = (start if found is None else found[0], end)
        return found

    def rects(self, qt_start: int, qt_end: int) -> list[QRectF]:
        """What `line_rects` gives for [qt_start, qt_end), for the lines on screen."""
        rects: list[QRectF] = []
        lines = self._lines
        index = max(0, bisect_right(self._starts, qt_start) - 1)
        while index < len(lines):
            start, end, line, position, left, top = lines[index]
            if start > qt_end:
                break
            index += 1
            lo, hi = max(qt_start, start), min(qt_end, end)
            if lo >= hi:
                continue
            x1 = line_x(line, lo - position) + left
            x2 = line_x(line, hi - position) + left
            rects.append(QRectF(min(x1, x2), top, abs(x2 - x1), line.height()))
        return rects


def blocks_band(
    blocks: list[tuple[int, int, float, float]], qt_start: int, qt_end: int
) -> tuple[float, float] | None:
    """Viewport rows [top, bottom) of the `ScreenLines.blocks` holding Qt positions
    [qt_start, qt_end]; None if none of them does."""
    found: tuple[float, float] | None = None
    for start, end, top, bottom in blocks:
        if start > qt_end:
            break
        if end > qt_start:
            found = (top if found is None else found[0], bottom)
    return found


def line_x(line: QTextLine, position: int) -> float:
    # PySide returns (x, position) here; the stubs only promise an object.
    result: Any = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)

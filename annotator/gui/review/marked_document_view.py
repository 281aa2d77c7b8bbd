"""A read-only document view with each review item marked in its status colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QTextLine

from annotator.gui.reading.document_view import DocumentView
from annotator.gui.review.adjudication_colors import STATUS_COLORS

MARK_BAR_X = 8  # inside the document margin, left of the text


class MarkedDocumentView(DocumentView):
    """A read-only DocumentView that marks each item in its status colour.

    Marks are painted over the text (a bar in the left margin and a 2 px line under each
    line of the passage): Qt's own underlines are one hairline thick and vanish under
    the label colours.
    """

    _marks: list[tuple[int, int, str]] = []  # noqa: RUF012 - replaced, never mutated

    def set_marks(self, marks: list[tuple[int, int, str]]) -> None:
        self._marks = marks
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._marks or self.document_model is None:
            return
        painter = QPainter(self.viewport())
        try:
            for start, end, status in self._marks:
                self._paint_mark(painter, start, end, status)
        finally:
            painter.end()

    def _paint_mark(self, painter: QPainter, start: int, end: int, status: str) -> None:
        colour = QColor(STATUS_COLORS[status])
        qt_start, qt_end = self._map.to_qt(start), self._map.to_qt(end)
        pen = QPen(colour, 2)
        if status == "partial":
            pen.setStyle(Qt.PenStyle.DashLine)
        elif status == "agreed":
            colour.setAlphaF(0.55)  # agreement is good news: present, not loud
            pen.setColor(colour)
        painter.setPen(pen)
        top = bottom = None
        block = self.document().findBlock(qt_start)
        offset = self.contentOffset()
        while block.isValid() and block.position() <= qt_end:
            geometry = self.blockBoundingGeometry(block).translated(offset)
            layout = block.layout()
            for index in range(layout.lineCount()):
                line = layout.lineAt(index)
                lo = max(qt_start, block.position() + line.textStart())
                hi = min(qt_end, block.position() + line.textStart() + line.textLength())
                if lo >= hi:
                    continue
                x1 = _line_x(line, lo - block.position()) + geometry.left()
                x2 = _line_x(line, hi - block.position()) + geometry.left()
                y = geometry.top() + line.y() + line.height() - 1
                painter.drawLine(QPointF(x1, y), QPointF(x2, y))
                line_top = geometry.top() + line.y()
                top = line_top if top is None else min(top, line_top)
                bottom = y if bottom is None else max(bottom, y)
            block = block.next()
        if top is not None and bottom is not None and status != "agreed":
            bar = QColor(STATUS_COLORS[status])
            painter.fillRect(QRectF(MARK_BAR_X, top + 2, 4, bottom - top - 2), bar)


def _line_x(line: QTextLine, position: int) -> float:
    # PySide returns (x, position) here; the stubs only promise an object.
    result: Any = line.cursorToX(position)
    return float(result[0] if isinstance(result, tuple) else result)

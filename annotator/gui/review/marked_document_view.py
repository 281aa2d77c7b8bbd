"""A read-only document view with each review item marked in its status colour."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen

from annotator.gui.reading.document_view import DocumentView
from annotator.gui.reading.line_geometry import line_rects
from annotator.gui.review.adjudication_colors import status_color

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
        colour = QColor(status_color(status))
        qt_start, qt_end = self._map.to_qt(start), self._map.to_qt(end)
        pen = QPen(colour, 2)
        if status == "partial":
            pen.setStyle(Qt.PenStyle.DashLine)
        elif status == "agreed":
            colour.setAlphaF(0.55)  # agreement is good news: present, not loud
            pen.setColor(colour)
        painter.setPen(pen)
        top = bottom = None
        for rect in line_rects(self, qt_start, qt_end):
            y = rect.bottom() - 1
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            top = rect.top() if top is None else min(top, rect.top())
            bottom = y if bottom is None else max(bottom, y)
        if top is not None and bottom is not None and status != "agreed":
            bar = QColor(status_color(status))
            painter.fillRect(QRectF(MARK_BAR_X, top + 2, 4, bottom - top - 2), bar)

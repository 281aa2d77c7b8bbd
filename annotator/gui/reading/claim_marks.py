"""Claim markers painted over a DocumentView: a numbered badge, an underline, a lit claim.

A span linked to a claim gets a 2 px underline in the claim's colour and a numbered
badge in the left margin of the line where it starts (the selected span, when it is mine
and not linked yet, gets a hollow "+" link handle there instead, to drag onto a span in
another pane); the claim that is "lit" (clicked
in any pane) also gets a tinted box around each line of its mentions. Everything is
painted over the text on each paint, so linking or lighting is one viewport update,
never a re-layout. Positions go through the view's `QtPositionMap` (core.offsets),
the same boundary the highlights use.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from annotator.gui.reading.line_geometry import ScreenLines, line_rects

if TYPE_CHECKING:
    from annotator.core.offsets import QtPositionMap
    from annotator.gui.reading.document_view import DocumentView

BADGE_DIAMETER = 15.0
BADGE_STEP = 9.0  # a second claim starting on the same line overlaps the first a little
BADGE_LEFT = 3.0
LIT_ALPHA = 0.22
PREVIEW_COLOUR = "#5f6368"

# Okabe–Ito: distinguishable for colour-blind readers; dark enough for white numbers.
CLAIM_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D00")


def claim_colour(number: int) -> str:
    """The colour of claim number `number` (1-based), cycling through the palette."""
    return CLAIM_COLOURS[(max(1, number) - 1) % len(CLAIM_COLOURS)]


@dataclass(frozen=True, slots=True)
class ClaimMark:
    """One linked span as the view paints it. Offsets are code points."""

    span_id: str
    start: int
    end: int
    claim_id: str
    number: int  # the claim's position in the project's claim list, shown in the badge
    wording: str
    value: str = ""  # "more than 160", shown in the tooltip

    @property
    def colour(self) -> str:
        return claim_colour(self.number)


class ClaimMarkLayer:
    """Holds a view's claim marks, paints them, and answers "which badge is here?"."""

    def __init__(self) -> None:
        self._marks: list[ClaimMark] = []
        self._starts: list[int] = []
        self._lit: str | None = None
        self._preview: tuple[int, int] | None = None  # a suggested sentence, outlined
        self._badges: list[tuple[QRectF, ClaimMark]] = []  # from the last paint
        self._handle: tuple[str, int, int] | None = None  # (span id, start, end)
        self._handle_rect: QRectF | None = None  # from the last paint

    # -- state -----------------------------------------------------------------------
    def marks(self) -> list[ClaimMark]:
        return list(self._marks)

    def set_marks(self, marks: list[ClaimMark]) -> None:
        self._marks = sorted(marks, key=lambda m: (m.start, m.end, m.span_id))
        self._starts = [m.start for m in self._marks]
        self._badges = []

    @property
    def lit_claim(self) -> str | None:
        return self._lit

    def set_lit(self, claim_id: str | None) -> None:
        self._lit = claim_id

    @property
    def preview(self) -> tuple[int, int] | None:
        return self._preview

    def set_preview(self, preview: tuple[int, int] | None) -> None:
        """Outline code points [start, end) (a suggestion being considered), or nothing."""
        self._preview = preview

    @property
    def handle(self) -> tuple[str, int, int] | None:
        return self._handle

    def set_handle(self, handle: tuple[str, int, int] | None) -> None:
        """Give the span (id, code points [start, end)) a link handle, or nothing."""
        self._handle = handle
        self._handle_rect = None

    def handle_at(self, point: QPointF) -> str | None:
        """The span id whose link handle is under viewport `point`, from the last paint."""
        rect = self._handle_rect
        if (
            self._handle is not None
            and rect is not None
            and rect.adjusted(-2, -2, 2, 2).contains(point)
        ):
            return self._handle[0]
        return None

    def handle_rect(self) -> QRectF | None:
        """Where the link handle was painted last (viewport coordinates), if anywhere."""
        return self._handle_rect

    def marks_at(self, offset: int) -> list[ClaimMark]:
        """The marks whose span covers code point `offset`."""
        return [m for m in self._marks[: bisect_left(self._starts, offset + 1)] if m.end > offset]

    def badge_at(self, point: QPointF) -> ClaimMark | None:
        """The badge under viewport `point` (the topmost, drawn last), from the last paint."""
        for rect, mark in reversed(self._badges):
            if rect.adjusted(-2, -2, 2, 2).contains(point):
                return mark
        return None

    def badge_rects(self) -> list[tuple[QRectF, ClaimMark]]:
        """Where the badges were painted last (viewport coordinates); for tests and hit tests."""
        return list(self._badges)

    # -- painting --------------------------------------------------------------------
    def paint(
        self,
        view: DocumentView,
        painter: QPainter,
        position_map: QtPositionMap,
        screen: ScreenLines,
    ) -> None:
        """Paint every mark that can be on screen; remember where the badges went.
        `screen` is the view's lines on screen for this paint."""
        self._badges = []
        self._handle_rect = None
        if not self._marks and self._preview is None and self._handle is None:
            return
        visible = screen.range()
        if visible is None:
            return
        visible_lo, visible_hi = visible

        def line_rects(qt_start: int, qt_end: int) -> list[QRectF]:
            # The lines measured once for the paint, not from the first block on screen
            # again per mark (linking a claim repainted that twice over, #15); a mark
            # starting above the first block on screen keeps its first line up there.
            if qt_start >= visible_lo:
                return screen.rects(qt_start, qt_end)
            return self.line_rects(view, qt_start, qt_end)

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        badge_font = QFont(view.font())
        badge_font.setPointSizeF(7.5)
        badge_font.setBold(True)
        line_badges: dict[int, int] = {}  # line top (rounded) -> badges already there
        if self._preview is not None:
            pen = QPen(QColor(PREVIEW_COLOUR), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            start, end = self._preview
            for rect in line_rects(position_map.to_qt(start), position_map.to_qt(end)):
                painter.drawRoundedRect(rect.adjusted(-2, 0, 2, 0), 3, 3)
        for mark in self._marks:
            qt_start = position_map.to_qt(mark.start)
            qt_end = position_map.to_qt(mark.end)
            if qt_end < visible_lo or qt_start > visible_hi:
                continue
            rects = line_rects(qt_start, qt_end)
            if not rects:
                continue
            colour = QColor(mark.colour)
            lit = mark.claim_id == self._lit
            if lit:
                # A tint over the mention and a bar beside it: found at a glance, text readable.
                fill = QColor(colour)
                fill.setAlphaF(LIT_ALPHA)
                for rect in rects:
                    painter.fillRect(rect.adjusted(-1, 0, 1, 0), fill)
                bar_top, bar_bottom = rects[0].top(), rects[-1].bottom()
                painter.fillRect(
                    QRectF(BADGE_LEFT + BADGE_DIAMETER + 1, bar_top, 3, bar_bottom - bar_top),
                    colour,
                )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(colour, 3 if lit else 2))
            for rect in rects:
                y = rect.bottom() - 1
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            self._paint_badge(painter, badge_font, mark, rects[0], line_badges)
        if self._handle is not None:
            _, start, end = self._handle
            rects = line_rects(position_map.to_qt(start), position_map.to_qt(end))
            if rects:
                self._paint_handle(painter, badge_font, rects[0], line_badges)

    def _paint_handle(
        self, painter: QPainter, font: QFont, first_line: QRectF, line_badges: dict[int, int]
    ) -> None:
        key = round(first_line.top())
        index = line_badges.get(key, 0)
        top = first_line.top() + (first_line.height() - BADGE_DIAMETER) / 2
        rect = QRectF(BADGE_LEFT + index * BADGE_STEP, top, BADGE_DIAMETER, BADGE_DIAMETER)
        painter.setPen(QPen(QColor(PREVIEW_COLOUR), 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(rect)
        painter.setFont(font)
        painter.setPen(QColor(PREVIEW_COLOUR))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "+")
        self._handle_rect = rect

    def _paint_badge(
        self,
        painter: QPainter,
        font: QFont,
        mark: ClaimMark,
        first_line: QRectF,
        line_badges: dict[int, int],
    ) -> None:
        key = round(first_line.top())
        index = line_badges.get(key, 0)
        line_badges[key] = index + 1
        top = first_line.top() + (first_line.height() - BADGE_DIAMETER) / 2
        rect = QRectF(BADGE_LEFT + index * BADGE_STEP, top, BADGE_DIAMETER, BADGE_DIAMETER)
        colour = QColor(mark.colour)
        lit = mark.claim_id == self._lit
        painter.setPen(QPen(QColor("#ffffff"), 1.5))
        painter.setBrush(colour.darker(125) if lit else colour)
        painter.drawEllipse(rect)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        label = str(mark.number) if mark.number < 100 else "…"
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        self._badges.append((rect, mark))

    @staticmethod
    def line_rects(view: DocumentView, qt_start: int, qt_end: int) -> list[QRectF]:
        """One viewport rectangle per laid-out line of Qt positions [qt_start, qt_end)."""
        return line_rects(view, qt_start, qt_end)

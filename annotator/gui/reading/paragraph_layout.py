"""Paragraph spacing for a QPlainTextEdit, which ignores block margins.

QPlainTextDocumentLayout lays each block out without its QTextBlockFormat margins, and
setting a format on every block of a 1 MB article nearly doubled the time to open it.
Each block's bounding rectangle is instead made taller by a fixed gap below it: the view
paints, scrolls and hit-tests by these rectangles, so the gap is blank space between
paragraphs at no cost per block when a document is loaded (only blocks on screen are
asked). Positions are untouched: the gap holds no character.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout


class ParagraphLayout(QPlainTextDocumentLayout):
    """A plain-text layout with `gap` pixels of blank space below every paragraph."""

    def __init__(self, document: QTextDocument, gap: float = 0.0):
        super().__init__(document)
        self._gap = gap

    @property
    def gap(self) -> float:
        return self._gap

    def set_gap(self, gap: float) -> None:
        self._gap = max(0.0, gap)

    def documentChanged(self, position: int, removed: int, added: int) -> None:
        # A format merged over [position, position + n) arrives as n removed and n added,
        # and Qt takes the change to end at position + 2n - 1: past the end of the block
        # it is in, the whole viewport was repainted instead of that block (most adds,
        # undos and redos of a highlight, #15). What changed is [position, position + n).
        if removed == added:
            removed = 0
        super().documentChanged(position, removed, added)

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        # Called from C++ for every block painted or hit-tested: one call into Qt, no more.
        # An empty block is already a blank line between paragraphs: no second gap.
        rect = super().blockBoundingRect(block)
        return rect if block.length() <= 1 else rect.adjusted(0, 0, 0, self._gap)

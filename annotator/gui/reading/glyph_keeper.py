"""Shaped glyphs kept for the blocks on screen and those seen last, so a repaint reuses them.

QPlainTextEdit's blocks drop their shaped glyphs as soon as they are drawn (the layout's
cache is off), so every paint shaped the text on screen again, and the lanes' end
positions (`QTextLine.cursorToX`) after it shaped each line once more: a quarter of a
repaint with everyone's spans shown, a tenth of an add or of a switch to a document
(#15). With the cache on they are shaped once per layout. Reading a whole 1 MB article
would then keep 30 MB of glyphs, so only the last `limit` blocks seen keep theirs; older
ones are laid out again (lazily, by Qt) if they come back on screen.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QPlainTextEdit

KEPT_BLOCKS = 256  # a few screens of paragraphs either way; ~2 MB of glyphs at most


class GlyphKeeper:
    def __init__(self, limit: int = KEPT_BLOCKS):
        self._limit = limit
        self._kept: OrderedDict[int, None] = OrderedDict()  # block numbers, oldest first

    def reset(self) -> None:
        """The text was replaced: its blocks, and their glyphs, are gone."""
        self._kept.clear()

    def keep_on_screen(self, view: QPlainTextEdit) -> None:
        """Turn the glyph cache on for the blocks on screen (before they are drawn)."""
        kept = self._kept
        block = view.firstVisibleBlock()
        # The block at the viewport's bottom edge, found by Qt itself: measuring each block
        # here would double what a paint measures (tests/gui/reading/block_measures.py).
        last = view.cursorForPosition(QPoint(0, max(0, view.viewport().height() - 1)))
        last_number = last.blockNumber()
        on_screen = 0
        while block.isValid():
            on_screen += 1
            layout = block.layout()
            if not layout.cacheEnabled():
                layout.setCacheEnabled(True)
            number = block.blockNumber()
            kept[number] = None
            kept.move_to_end(number)
            if number >= last_number:
                break
            block = block.next()
        # Never a block on screen (the newest entries): the limit is at least a screen.
        limit = max(self._limit, on_screen)
        if len(kept) > limit:
            document = view.document()
            while len(kept) > limit:
                number, _ = kept.popitem(last=False)
                old = document.findBlockByNumber(number)
                if old.isValid():
                    layout = old.layout()
                    layout.setCacheEnabled(False)
                    # An empty layout pass frees the glyphs (clearLayout() keeps them); the
                    # block has no lines then, and Qt lays it out again when next needed.
                    layout.beginLayout()
                    layout.endLayout()

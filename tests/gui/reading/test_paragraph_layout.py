"""Paragraph spacing in the document view: blank space between blocks, offsets unchanged."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor

from annotator.core.default_scheme import DEFAULT_SCHEME
from annotator.core.model import Document
from annotator.gui.reading.document_view import DocumentView

TEXT = "First paragraph, one line.\nSecond paragraph 😀 here.\nThird."


@pytest.fixture
def view(qtbot):
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    widget.set_document(Document(id="d", text=TEXT, title="t"), [], DEFAULT_SCHEME, "alice")
    return widget


def _blocks(view: DocumentView):
    block = view.document().firstBlock()
    while block.isValid():
        yield block
        block = block.next()


def test_paragraphs_are_separated_by_blank_space(view):
    first, second, third = list(_blocks(view))
    offset = view.contentOffset()
    text_bottom = view.blockBoundingGeometry(first).translated(offset).top() + (
        first.layout().boundingRect().height()
    )
    second_top = view.blockBoundingGeometry(second).translated(offset).top()
    # At least a third of a line between the end of one paragraph's text and the next.
    assert second_top - text_bottom >= view.fontMetrics().lineSpacing() / 3
    assert view.blockBoundingGeometry(third).top() > view.blockBoundingGeometry(second).top()


def test_offsets_and_hit_testing_survive_the_spacing(view):
    start = TEXT.index("Second")
    end = TEXT.index(" here")
    view.select_range(start, end)
    assert view.selected_text() == "Second paragraph 😀"
    cursor = view.textCursor()
    cursor.setPosition(view._map.to_qt(TEXT.index("Third")))
    rect = view.cursorRect(cursor)
    assert view.offset_at(rect.center()) == TEXT.index("Third")


def test_an_empty_line_between_paragraphs_gets_no_second_gap(qtbot):
    # Sources that already separate paragraphs by an empty line must not get double space.
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    widget.set_document(
        Document(id="d", text="One.\n\nTwo.", title="t"), [], DEFAULT_SCHEME, "alice"
    )
    first, empty, second = list(_blocks(widget))
    line = widget.fontMetrics().lineSpacing()
    empty_height = widget.blockBoundingGeometry(empty).height()
    assert empty_height < line * 1.3
    assert widget.blockBoundingGeometry(first).height() > line * 1.3
    assert second.isValid()


def test_a_format_near_a_paragraphs_end_repaints_that_paragraph_only(view):
    # Qt took a format merged over n characters to end 2n - 1 on: past the paragraph's
    # end, it repainted the whole viewport (most highlights added, undone, redone, #15).
    layout = view.document().documentLayout()
    whole, blocks = [], []
    layout.update.connect(lambda *rect: whole.append(rect))
    layout.updateBlock.connect(lambda block: blocks.append(block.blockNumber()))
    first_end = len(TEXT.split("\n")[0])
    cursor = QTextCursor(view.document())
    cursor.setPosition(first_end - 10)
    cursor.setPosition(first_end - 1, QTextCursor.MoveMode.KeepAnchor)
    highlight = QTextCharFormat()
    highlight.setBackground(QColor("#ffd54f"))
    cursor.mergeCharFormat(highlight)
    assert blocks == [0] and whole == []
    cursor.setPosition(first_end - 3)  # over the paragraph break: both paragraphs, as before
    cursor.setPosition(first_end + 3, QTextCursor.MoveMode.KeepAnchor)
    cursor.mergeCharFormat(highlight)
    assert whole

"""The document view keeps the shaped glyphs of the blocks it shows (glyph_keeper.py): the
same pixels as shaping them on every paint, and only for the last blocks seen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from annotator.core.default_scheme import DEFAULT_SCHEME
from annotator.core.model import Document, Span
from annotator.gui.reading.document_view import DocumentView
from annotator.gui.reading.glyph_keeper import GlyphKeeper

PARAGRAPH = (
    "Security experts warned Washington that restricting the models could backfire; "
    "160 signed the letter, others counted forty. Ünïcödé, 人工智能, 👩‍💻 and עברית too."
)
TEXT = "\n".join(f"{i}. {PARAGRAPH}" for i in range(60))
SPANS = [
    Span(f"s{i}", "d", i * 41, i * 41 + 90, ("Claim", "Source", "Evidence")[i % 3], "alice")
    for i in range(len(TEXT) // 41 - 3)
]


def make_view(qtbot, keep: bool = True) -> DocumentView:
    view = DocumentView()
    qtbot.addWidget(view)
    view.resize(640, 360)
    if not keep:
        view._glyphs.keep_on_screen = lambda _view: None  # type: ignore[method-assign]
    view.set_document(Document("d", TEXT), SPANS, DEFAULT_SCHEME, "alice")
    view.show()
    qtbot.waitExposed(view)
    return view


def picture(view: DocumentView) -> QImage:
    QApplication.processEvents()
    return view.viewport().grab().toImage()


def cached_blocks(view: DocumentView) -> list[int]:
    block, found = view.document().begin(), []
    while block.isValid():
        if block.layout().cacheEnabled():
            found.append(block.blockNumber())
        block = block.next()
    return found


def test_the_blocks_on_screen_keep_their_glyphs(qtbot) -> None:
    view = make_view(qtbot)
    picture(view)
    kept = cached_blocks(view)
    first = view.firstVisibleBlock().blockNumber()
    assert first in kept and len(kept) < view.document().blockCount() // 2
    assert max(kept) >= first + 1  # the screen holds more than one paragraph


def test_kept_glyphs_paint_what_shaping_afresh_paints(qtbot) -> None:
    kept, fresh = make_view(qtbot), make_view(qtbot, keep=False)
    for _ in range(3):  # the later paints are the ones drawn from kept glyphs
        assert picture(kept) == picture(fresh)
    for view in (kept, fresh):
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 3)
    assert picture(kept) == picture(fresh)


@pytest.mark.parametrize("limit", [3, 12])
def test_only_the_last_blocks_seen_keep_them_and_the_rest_come_back_intact(qtbot, limit) -> None:
    view = make_view(qtbot)
    view._glyphs = GlyphKeeper(limit=limit)
    top = picture(view)
    bar = view.verticalScrollBar()
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())
        picture(view)
    first_on_screen = view.firstVisibleBlock().blockNumber()
    last_on_screen = view.document().blockCount() - 1  # scrolled to the end
    screen = last_on_screen - first_on_screen + 1
    # At most `limit` blocks keep glyphs, but never fewer than the screen shows.
    assert len(cached_blocks(view)) <= max(limit, screen)
    assert set(range(first_on_screen, last_on_screen + 1)) <= set(cached_blocks(view))
    first = view.document().firstBlock()
    assert first.layout().lineCount() == 0  # its glyphs and lines were let go
    bar.setValue(0)
    assert picture(view) == top  # laid out again by Qt, as it was
    assert view.document().firstBlock().layout().lineCount() > 0


def test_a_new_document_starts_afresh(qtbot) -> None:
    view = make_view(qtbot)
    picture(view)
    view.set_document(Document("e", PARAGRAPH), [], DEFAULT_SCHEME, "alice")
    assert view._glyphs._kept == {}
    picture(view)
    assert cached_blocks(view) == [0]

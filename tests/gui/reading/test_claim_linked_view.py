"""Claim markers in the text: placed through the code-point ⇄ UTF-16 boundary, plain-text
tooltips, clicks on a badge, drops of a claim onto a span, the claim context menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QDropEvent, QHelpEvent, QMouseEvent, QPaintEvent
from PySide6.QtWidgets import QApplication

from annotator.core.model import Document, Scheme, Span
from annotator.gui.reading.claim_linked_view import (
    ClaimLinkedView,
    claim_from_mime,
    claim_mime,
    span_from_mime,
    span_mime,
)
from annotator.gui.reading.claim_marks import ClaimMark
from tests.gui.reading.block_measures import counted_block_measures

# Astral emoji (two UTF-16 units each), a ZWJ sequence, CJK and right-to-left Hebrew before
# and inside the linked passages: any code point / UTF-16 mix-up moves the marks.
TEXT = (
    "Intro 😀😀😀 👩‍💻 text.\n"
    "专家警告华盛顿：超过一百六十名专家签署了信。\n"
    "מומחים מזהירים את וושינגטון 🇺🇸 בנוגע לאיסור.\n"
    "Over 40 experts 😀 signed the letter."
)


def _view(qtbot, marks: list[tuple[str, str]]) -> tuple[ClaimLinkedView, list[ClaimMark]]:
    view = ClaimLinkedView()
    qtbot.addWidget(view)
    view.resize(520, 420)
    spans, claim_marks = [], []
    for number, (needle, claim_id) in enumerate(marks, start=1):
        start = TEXT.index(needle)
        span = Span(f"s{number}", "d", start, start + len(needle), "Claim", "alice", claim=claim_id)
        spans.append(span)
        claim_marks.append(
            ClaimMark(span.id, span.start, span.end, claim_id, number, f"<b>claim</b> {number}")
        )
    view.set_document(Document("d", TEXT), spans, Scheme(), "alice")
    view.set_claim_marks(claim_marks)
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()  # the pending resize lays the text out
    view.viewport().repaint()  # marks are placed on paint
    return view, claim_marks


MARKED = [
    ("超过一百六十名专家", "c1"),
    ("וושינגטון 🇺🇸 בנוגע", "c2"),
    ("40 experts 😀 signed", "c1"),
]


def test_each_mark_sits_on_its_own_text_whatever_the_script(qtbot) -> None:
    view, marks = _view(qtbot, MARKED)
    qt_map = view._map
    for mark in marks:
        rects = view.claim_layer.line_rects(view, qt_map.to_qt(mark.start), qt_map.to_qt(mark.end))
        assert rects
        for rect in rects:
            # The middle of each painted line segment is a character of the mention.
            offset = view.offset_at(rect.center().toPoint())
            assert offset is not None and mark.start <= offset < mark.end, (mark, offset)
    badges = view.claim_layer.badge_rects()
    assert [m.span_id for _r, m in badges] == [m.span_id for m in marks]


def test_badge_tooltip_is_plain_text(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    view, _marks = _view(qtbot, MARKED[:1])
    rect, _mark = view.claim_layer.badge_rects()[0]
    shown: list[str] = []
    monkeypatch.setattr(
        "annotator.gui.reading.claim_linked_view.QToolTip.showText",
        lambda _pos, text, *_a: shown.append(text),
    )
    point = rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    view.viewportEvent(event)
    (tooltip,) = shown
    assert "&lt;b&gt;claim&lt;/b&gt; 1" in tooltip  # the wording's markup is shown, not obeyed
    assert "<b>claim</b>" not in tooltip


def test_clicking_a_badge_reports_its_claim_and_does_not_select_text(qtbot) -> None:
    view, _marks = _view(qtbot, MARKED)
    rect, mark = view.claim_layer.badge_rects()[1]
    point = rect.center()
    with qtbot.waitSignal(view.claim_marker_clicked) as blocker:
        _click(view, point)
    assert blocker.args == [mark.claim_id]
    assert view.selection_range() is None


def test_lit_claim_repaints_without_relayout(qtbot) -> None:
    view, _marks = _view(qtbot, MARKED)
    blocks_before = view.document().blockCount()
    revision = view.document().revision()
    view.set_lit_claim("c1")
    view.viewport().repaint()
    assert view.claim_layer.lit_claim == "c1"
    assert view.document().revision() == revision  # no edit of the text document
    assert view.document().blockCount() == blocks_before


def test_a_claim_dropped_on_a_span_asks_to_link_it(qtbot) -> None:
    view, marks = _view(qtbot, MARKED)
    qt_map = view._map
    target = marks[1]
    rect = view.claim_layer.line_rects(view, qt_map.to_qt(target.start), qt_map.to_qt(target.end))[
        0
    ]
    data = claim_mime("c9")
    assert claim_from_mime(data) == "c9"
    drop = QDropEvent(
        rect.center(),
        Qt.DropAction.LinkAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(view.claim_dropped_on_span) as blocker:
        view.dropEvent(drop)
    assert blocker.args == ["c9", target.span_id]


def test_context_menu_offers_the_claim_actions(qtbot) -> None:
    view, _marks = _view(qtbot, MARKED)
    view.set_link_target_text("Claim 1 “Experts signed”")
    span = view.spans()[0]
    menu = view.build_context_menu(span, has_selection=False)
    (claim_menu,) = [
        a.menu() for a in menu.actions() if a.menu() is not None and a.text() == "Claim"
    ]
    texts = [a.text() for a in claim_menu.actions()]
    assert texts == [
        "Create Claim from This",
        "Link to Claim 1 “Experts signed”",
        "Link to Claim…",
        "Unlink from Claim",
    ]
    with qtbot.waitSignal(view.unlink_requested) as blocker:
        claim_menu.actions()[3].trigger()
    assert blocker.args == [span.id]
    menu.deleteLater()


def _click(view: ClaimLinkedView, point: QPointF) -> None:
    global_point = QPointF(view.viewport().mapToGlobal(point.toPoint()))
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        event = QMouseEvent(
            kind,
            point,
            global_point,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton
            if kind == QEvent.Type.MouseButtonPress
            else Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(view.viewport(), event)


def test_badge_hit_test_misses_outside(qtbot) -> None:
    view, _marks = _view(qtbot, MARKED)
    assert view.claim_layer.badge_at(QPointF(QPoint(400, 5))) is None


def test_the_selected_unlinked_span_has_a_link_handle(qtbot) -> None:
    """Click on "+" asks to make it a claim; a span dragged onto another asks to link them;
    a linked span, or someone else's, gets no handle."""
    view, _marks = _view(qtbot, MARKED[:1])
    start = TEXT.index("Over 40")
    mine = Span("m", "d", start, start + 7, "Claim", "alice")
    theirs = Span("t", "d", 0, 5, "Claim", "bob")
    view.set_document(Document("d", TEXT), [*view._spans.values(), mine, theirs], Scheme(), "alice")
    view.set_claim_marks(_marks)
    view.set_selected_span("m")
    view.viewport().repaint()
    rect = view.claim_layer.handle_rect()
    assert view.claim_layer.handle == ("m", mine.start, mine.end) and rect is not None
    assert view.claim_layer.handle_at(rect.center()) == "m"
    with qtbot.waitSignal(view.create_claim_requested) as blocker:
        _click(view, rect.center())
    assert blocker.args == ["m"] and view.selection_range() is None
    for other in ("s1", "t"):  # linked; not mine
        view.set_selected_span(other)
        assert view.claim_layer.handle is None
    target = view.claim_layer.line_rects(view, view._map.to_qt(0), view._map.to_qt(5))[0]
    data = span_mime("m")
    assert span_from_mime(data) == "m" and claim_from_mime(data) is None
    drop = QDropEvent(
        target.center(),
        Qt.DropAction.LinkAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(view.span_dropped_on_span) as dropped:
        view.dropEvent(drop)
    assert dropped.args == ["m", "t"]


def _first_and_last_paragraph_view(qtbot) -> tuple[ClaimLinkedView, list[Span]]:
    """Spans in the first and the last paragraph; two of them cross (the view has lanes)."""
    view = ClaimLinkedView()
    qtbot.addWidget(view)
    view.resize(520, 420)
    last = TEXT.index("Over 40")
    spans = [
        Span("a", "d", 0, 10, "Claim", "alice"),
        Span("b", "d", 6, 16, "Claim", "alice"),
        Span("c", "d", last, last + 7, "Claim", "alice"),
    ]
    view.set_document(Document("d", TEXT), spans, Scheme(), "alice")
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    view.viewport().repaint()
    return view, spans


def _painted_between_first_and_last_paragraph(view: ClaimLinkedView, change) -> list[QRect]:
    """The viewport's painted rectangles, during `change`, that lie between the first
    and the last paragraph (where nothing changes)."""
    painted: list[QRect] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                assert isinstance(event, QPaintEvent)
                painted.extend(event.region())
            return False

    watch = Watch(view)
    view.viewport().installEventFilter(watch)
    change()
    QApplication.processEvents()
    view.viewport().removeEventFilter(watch)
    assert painted, "the change was painted"
    offset = view.contentOffset()
    blocks = [
        view.blockBoundingGeometry(view.document().findBlockByNumber(n)).translated(offset)
        for n in (0, 3)
    ]
    top, bottom = blocks[0].bottom() + 3, blocks[1].top() - 3
    return [r for r in painted if r.bottom() >= top and r.top() <= bottom]


def test_moving_the_link_handle_repaints_where_it_was_and_goes_only(qtbot) -> None:
    # Selecting the span just added (every add) repainted the whole viewport (#15).
    view, _spans = _first_and_last_paragraph_view(qtbot)
    view.set_selected_span("a")
    QApplication.processEvents()
    view.viewport().repaint()
    old = view.claim_layer.handle_rect()
    assert old is not None
    between = _painted_between_first_and_last_paragraph(view, lambda: view.set_selected_span("c"))
    new = view.claim_layer.handle_rect()
    assert new is not None and new.top() > old.bottom()
    assert between == []


def test_linking_a_span_repaints_the_marks_that_changed_only(qtbot) -> None:
    # Linking one span to a claim repainted the whole viewport (#15).
    view, spans = _first_and_last_paragraph_view(qtbot)
    first = ClaimMark("a", spans[0].start, spans[0].end, "c1", 1, "claim")
    view.set_claim_marks([first])
    QApplication.processEvents()
    view.viewport().repaint()
    last = ClaimMark("c", spans[2].start, spans[2].end, "c1", 1, "claim")
    between = _painted_between_first_and_last_paragraph(
        view, lambda: view.set_claim_marks([first, last])
    )
    assert between == []
    assert [mark for _rect, mark in view.claim_layer.badge_rects()] == [first, last]


def test_a_paint_measures_each_block_once_however_many_marks(qtbot, monkeypatch) -> None:
    # Each mark measured its lines from the first block on screen again: linking spans
    # to a claim, one after another, repainted that every time (#15).
    view = ClaimLinkedView()
    qtbot.addWidget(view)
    view.resize(520, 420)
    spans = [
        Span(f"s{i}", "d", start, start + 2, "Claim", "alice", claim="c1")
        for i, start in enumerate(range(0, len(TEXT) - 2, 6))
    ]
    view.set_document(Document("d", TEXT), spans, Scheme(), "alice")
    view.set_claim_marks([ClaimMark(s.id, s.start, s.end, "c1", 1, "claim") for s in spans])
    view.show()
    qtbot.waitExposed(view)
    QApplication.processEvents()
    calls = counted_block_measures(view, monkeypatch)
    view.viewport().repaint()
    assert len(view.claim_layer.badge_rects()) == len(spans)
    assert len(calls) <= view.document().blockCount(), len(calls)

"""Crossing spans each show their extent: a lane underline in the label's colour (#13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.default_scheme import DEFAULT_SCHEME
from annotator.core.model import Document, Span
from annotator.gui.reading.document_view import DocumentView
from annotator.gui.reading.line_geometry import ScreenLines, line_rects, visible_qt_range
from tests.gui.reading.block_measures import counted_block_measures

TEXT = "Security experts warned Washington that restricting the models could backfire badly."
SOURCE = Span("source", "d", 0, 34, "Source", "alice")  # "Security experts warned Washington"
CLAIM = Span("claim", "d", 17, 84, "Claim", "alice")  # crosses it: "warned Washington ... badly"


@pytest.fixture
def view(qtbot):
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(900, 200)
    widget.set_document(Document("d", TEXT), [CLAIM, SOURCE], DEFAULT_SCHEME, "alice")
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def lane_colour(label: str) -> QColor:
    return QColor(DEFAULT_SCHEME.color_of(label)).darker(115)


def near(pixel: QColor, colour: QColor) -> bool:
    pairs = (
        (pixel.red(), colour.red()),
        (pixel.green(), colour.green()),
        (pixel.blue(), colour.blue()),
    )
    return all(abs(a - b) <= 40 for a, b in pairs)


def column_has(image: QImage, x: int, top: int, bottom: int, colour: QColor) -> bool:
    return any(near(image.pixelColor(x, y), colour) for y in range(top, bottom))


def test_crossing_spans_get_their_own_lanes(view) -> None:
    assert view.span_lanes() == {"source": 0, "claim": 1}


def test_both_starts_and_ends_are_painted_in_their_colours(view) -> None:
    image = view.viewport().grab().toImage()
    (source_line,) = line_rects(view, 0, 34)
    claim_line = line_rects(view, 17, 84)[0]  # it wraps; its first line is beside the source
    top, bottom = round(source_line.top()), round(source_line.bottom())
    claim_start = round(claim_line.left()) + 3
    source_end = round(source_line.right()) - 3
    # Under the claim's first letters, inside the source: both colours are drawn.
    assert column_has(image, claim_start, top, bottom, lane_colour("Claim"))
    assert column_has(image, claim_start, top, bottom, lane_colour("Source"))
    # Before the claim starts only the source's lane; after the source ends only the claim's.
    assert not column_has(image, claim_start - 10, top, bottom, lane_colour("Claim"))
    assert not column_has(image, source_end + 10, top, bottom, lane_colour("Source"))
    assert column_has(image, source_end + 10, top, bottom, lane_colour("Claim"))


def test_lanes_follow_span_changes(view) -> None:
    view.remove_spans(["source"])
    assert view.span_lanes() == {}  # a lone span's background already shows its ends
    view.add_spans([SOURCE, Span("inner", "d", 40, 50, "Evidence", "alice")])
    assert view.span_lanes() == {"source": 0, "claim": 1, "inner": 0}


def dense_view(qtbot) -> DocumentView:
    """Three paragraphs with forty crossing spans, all on screen."""
    text = "\n".join([TEXT, TEXT, TEXT])
    spans = [Span(f"s{i}", "d", i * 5, i * 5 + 30, "Claim", "alice") for i in range(40)]
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.set_document(Document("d", text), spans, DEFAULT_SCHEME, "alice")
    widget.show()
    qtbot.waitExposed(widget)
    assert len(widget.span_lanes()) == 40
    return widget


def test_screen_lines_give_the_rectangles_line_rects_gives(qtbot) -> None:
    widget = dense_view(qtbot)
    screen = ScreenLines(widget)
    assert screen.range() == visible_qt_range(widget)
    for start, end in ((0, 30), (17, 84), (80, 200), (0, len(widget.toPlainText())), (5, 5)):
        assert screen.rects(start, end) == line_rects(widget, start, end), (start, end)


def test_a_paint_measures_each_block_once_however_many_lanes(qtbot, monkeypatch) -> None:
    # Measuring every laned span from the first block on screen again made a paint of
    # dense overlaps cost five times the text's own (the add/undo/redo benchmark, #15).
    widget = dense_view(qtbot)
    calls = counted_block_measures(widget, monkeypatch)
    widget.viewport().grab()  # one paint, now
    assert calls, "the lanes were painted"
    assert len(calls) <= widget.document().blockCount()


class _WatchedSpans(dict):
    walks = 0

    def values(self):
        type(self).walks += 1
        return super().values()


def test_an_edit_repaints_from_the_spans_near_it_not_every_span(qtbot) -> None:
    # Every add, undo and redo walked the document's 5,000 spans for the few it touches.
    widget = dense_view(qtbot)
    widget._spans = _WatchedSpans(widget._spans)
    _WatchedSpans.walks = 0
    widget.add_spans([Span("new", "d", 100, 120, "Evidence", "alice")])
    widget.remove_spans(["s3"])
    assert _WatchedSpans.walks == 0
    assert widget.span_lanes()["new"] >= 0 and "s3" not in widget.span_lanes()


def paragraphs_view(qtbot) -> DocumentView:
    """Six paragraphs on screen, the first with two crossing spans (lanes 0 and 1)."""
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    text = "\n".join([TEXT] * 6)
    widget.set_document(Document("d", text), [CLAIM, SOURCE], DEFAULT_SCHEME, "alice")
    widget.show()
    qtbot.waitExposed(widget)
    QApplication.processEvents()
    widget.viewport().repaint()
    return widget


def paragraph_start(index: int) -> int:
    return index * (len(TEXT) + 1)


class PaintedRegions(QObject):
    """The regions of the paint events a widget receives."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.regions: list[QRect] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            assert isinstance(event, QPaintEvent)
            self.regions.extend(event.region())
        return False

    def rows(self) -> tuple[int, int]:
        bounds = QRect()
        for rect in self.regions:
            bounds = bounds.united(rect)
        return bounds.top(), bounds.bottom()


def on_screen(widget: DocumentView) -> QImage:
    """The viewport as last painted into the window (a grab paints it all afresh)."""
    viewport = widget.viewport()
    corner = viewport.mapTo(widget, QPoint(0, 0))
    pixmap = QGuiApplication.primaryScreen().grabWindow(
        widget.winId(), corner.x(), corner.y(), viewport.width(), viewport.height()
    )
    return pixmap.toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_an_edit_repaints_the_blocks_it_changed_not_the_whole_viewport(qtbot) -> None:
    # Every add, undo and redo repainted the whole viewport, its lanes measured again:
    # as much as the rest of the edit in the add/undo/redo benchmark (#15).
    widget = paragraphs_view(qtbot)
    painted = PaintedRegions(widget.viewport())
    start = paragraph_start(3)
    widget.add_spans([Span("new", "d", start + 9, start + 24, "Evidence", "alice")])
    QApplication.processEvents()
    block = widget.blockBoundingGeometry(widget.document().findBlockByNumber(3))
    block = block.translated(widget.contentOffset())
    top, bottom = painted.rows()
    assert painted.regions, "the new highlight was painted"
    assert block.top() - 2 <= top and bottom <= block.bottom() + 2, (top, bottom, block)
    widget.remove_spans(["new"])
    QApplication.processEvents()
    assert painted.rows()[1] <= block.bottom() + 2
    assert on_screen(widget) == widget.viewport().grab().toImage().convertToFormat(
        QImage.Format.Format_RGB32
    )


def test_a_deeper_lane_anywhere_repaints_every_lane_on_screen(qtbot) -> None:
    # Each lane's height over its line depends on the deepest lane on screen: three
    # crossing spans in the fourth paragraph move the first paragraph's lanes too.
    widget = paragraphs_view(qtbot)
    start = paragraph_start(3)
    crossing = [
        Span(f"c{i}", "d", start + 10 * i, start + 10 * i + 40, "Evidence", "alice")
        for i in range(3)
    ]
    widget.add_spans(crossing)
    QApplication.processEvents()
    assert max(widget.span_lanes().values()) == 2
    fresh = widget.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert on_screen(widget) == fresh
    widget.remove_spans([s.id for s in crossing])
    QApplication.processEvents()
    fresh = widget.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert on_screen(widget) == fresh

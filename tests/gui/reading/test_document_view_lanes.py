"""Crossing spans each show their extent: a lane underline in the label's colour (#13)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from annotator.core.default_scheme import DEFAULT_SCHEME
from annotator.core.model import Document, Span
from annotator.gui.reading.document_view import DocumentView
from annotator.gui.reading.line_geometry import line_rects

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


def test_lanes_are_given_for_the_spans_on_screen_only(qtbot) -> None:
    """A dense 1 MB article spent most of its first paint giving 50,000 spans lanes; now
    only the spans on screen get them, and scrolling gives the new ones theirs."""
    paragraph = "Security experts warned Washington that restricting models could backfire."
    text = "\n".join([paragraph] * 400)
    line = len(paragraph) + 1
    spans = []
    for n in range(400):  # a crossing pair in every paragraph
        spans.append(Span(f"s{n}", "d", n * line, n * line + 34, "Source", "alice"))
        spans.append(Span(f"c{n}", "d", n * line + 17, n * line + 60, "Claim", "alice"))
    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.resize(600, 300)
    widget.set_document(Document("d", text), spans, DEFAULT_SCHEME, "alice")
    widget.show()
    qtbot.waitExposed(widget)
    top = widget.span_lanes()
    assert top and top.get("s0") == 0 and top.get("c0") == 1
    assert "s399" not in top and len(top) < 100
    widget.verticalScrollBar().setValue(widget.verticalScrollBar().maximum())
    widget.viewport().grab()
    bottom = widget.span_lanes()
    assert bottom.get("s399") == 0 and bottom.get("c399") == 1
    assert "s0" not in bottom
    # And they are painted there: the last paragraph's claim lane in the Claim colour.
    image = widget.viewport().grab().toImage()
    claim_line = line_rects(widget, 399 * line + 17, 399 * line + 60)[0]
    x = round(claim_line.left()) + 3
    assert column_has(image, x, round(claim_line.top()), round(claim_line.bottom()),
                      lane_colour("Claim"))  # fmt: skip

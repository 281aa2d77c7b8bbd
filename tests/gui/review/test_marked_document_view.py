"""The review view marks each item: a status-coloured line under every line of its passage
and a bar in the left margin (not for agreed items, which need no attention)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from annotator.core.default_scheme import DEFAULT_SCHEME
from annotator.core.model import Document
from annotator.gui.reading.line_geometry import line_rects
from annotator.gui.review.adjudication_colors import status_color
from annotator.gui.review.marked_document_view import MARK_BAR_X, MarkedDocumentView

TEXT = "Security experts warned Washington that restricting the models could backfire. " * 4


@pytest.fixture
def view(qtbot):
    widget = MarkedDocumentView()
    qtbot.addWidget(widget)
    widget.resize(500, 240)
    widget.set_document(Document("d", TEXT), [], DEFAULT_SCHEME, "alice")
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def has_colour(image: QImage, x: int, ys: range, colour: QColor) -> bool:
    def near(p: QColor) -> bool:
        return max(abs(p.red() - colour.red()), abs(p.green() - colour.green()),
                   abs(p.blue() - colour.blue())) <= 30  # fmt: skip

    return any(near(image.pixelColor(x, y)) for y in ys)


def test_a_passage_over_several_lines_is_underlined_on_each_and_barred(view) -> None:
    view.set_marks([(0, 200, "disagreed")])
    image = view.viewport().grab().toImage()
    colour = QColor(status_color("disagreed"))
    rects = line_rects(view, 0, 200)
    assert len(rects) >= 2  # the passage wraps, so every line must carry its own mark
    for rect in rects:
        ys = range(round(rect.bottom()) - 3, round(rect.bottom()) + 2)
        assert has_colour(image, round(rect.center().x()), ys, colour)
    bar_ys = range(round(rects[0].top()) + 4, round(rects[-1].bottom()) - 4)
    assert all(has_colour(image, MARK_BAR_X + 1, range(y, y + 1), colour) for y in bar_ys)


def test_an_agreed_item_gets_no_bar(view) -> None:
    view.set_marks([(0, 200, "agreed")])
    image = view.viewport().grab().toImage()
    rects = line_rects(view, 0, 200)
    ys = range(round(rects[0].top()), round(rects[-1].bottom()))
    assert not has_colour(image, MARK_BAR_X + 1, ys, QColor(status_color("agreed")))

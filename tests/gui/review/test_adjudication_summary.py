"""The review window's words about a document: counts, the next step, the chooser's titles."""

from __future__ import annotations

from annotator.core.model import GOLD_ANNOTATOR, Span
from annotator.gui.review.adjudication_item_model import ComparisonRow
from annotator.gui.review.adjudication_summary import (
    agreed_left,
    chooser_title,
    counts_text,
    marks_for,
    next_step_text,
)

GOLD = Span("g", "d", 0, 4, "Claim", GOLD_ANNOTATOR)


def test_counts_leave_gold_only_rows_aside() -> None:
    rows = [
        ComparisonRow("disagreed"),
        ComparisonRow("agreed", gold_span=GOLD),
        ComparisonRow("partial"),
        ComparisonRow("gold", gold_span=GOLD),
    ]
    assert counts_text(rows) == "3 items: 1 agreed · 1 disagree · 1 partial · 1 in gold"


def test_the_next_step_follows_what_is_left() -> None:
    assert next_step_text([ComparisonRow("disagreed")], False) == (
        "Next: settle 1 open disagreement — press N"
    )
    assert next_step_text([ComparisonRow("agreed")], False) == "Next: Accept all agreed"
    assert next_step_text([ComparisonRow("partial")], False) == "Next: decide 1 partial item"
    settled = [ComparisonRow("disagreed", gold_span=GOLD)]
    assert next_step_text(settled, False) == "Everything is decided — Mark adjudicated"
    assert next_step_text(settled, True) == "Adjudicated ✓"


def test_accept_all_agreed_has_work_only_while_agreed_items_are_out_of_gold() -> None:
    assert agreed_left([ComparisonRow("agreed")])
    assert not agreed_left([ComparisonRow("agreed", gold_span=GOLD), ComparisonRow("partial")])


def test_gold_marks_only_spans_no_annotator_proposed() -> None:
    rows = [ComparisonRow("gold", gold_span=GOLD), ComparisonRow("agreed", gold_span=GOLD)]
    assert marks_for(rows, GOLD_ANNOTATOR) == [(0, 4, "gold")]


def test_chooser_title_marks_adjudicated_and_counts_open_items() -> None:
    assert chooser_title("EU rules", True, 3) == "✓ EU rules  · 3 open"
    assert chooser_title("EU rules", False, 0) == "EU rules"

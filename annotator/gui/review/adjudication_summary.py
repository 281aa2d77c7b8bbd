"""What the review window says about a document's items: the counts, the next step, each
column's marks and the chooser's titles. Plain functions of the rows, so they are tested
without a window."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.model import GOLD_ANNOTATOR
from annotator.core.plural import counted
from annotator.gui.review.adjudication_item_model import ComparisonRow
from annotator.services.adjudication import Comparison, SpanItem, StanceItem


def marks_for(rows: Sequence[ComparisonRow], name: str) -> list[tuple[int, int, str]]:
    """(start, end, status) for each of `name`'s spans, for their column's marks."""
    marks: list[tuple[int, int, str]] = []
    for row in rows:
        if name != GOLD_ANNOTATOR:
            marks.extend((s.start, s.end, row.status) for s in row.spans_of(name))
        elif row.status == "gold":
            # Gold is the result: only spans no annotator proposed get a mark.
            marks.extend((s.start, s.end, "gold") for s in row.gold_spans())
    return marks


def counts_text(rows: Sequence[ComparisonRow]) -> str:
    """ "12 items: 8 agreed · 3 disagree · 1 partial · 5 in gold" (gold-only rows aside)."""
    items = [r for r in rows if r.status != "gold"]
    tally = {s: sum(1 for r in items if r.status == s) for s in ("agreed", "disagreed", "partial")}
    in_gold = sum(1 for r in items if r.in_gold)
    return (
        f"{len(items)} items: {tally['agreed']} agreed · {tally['disagreed']} disagree"
        f" · {tally['partial']} partial · {in_gold} in gold"
    )


def next_step_text(rows: Sequence[ComparisonRow], adjudicated: bool) -> str:
    """What the analyst should do next on this document."""
    items = [r for r in rows if r.status != "gold"]
    open_rows = [r for r in items if r.status == "disagreed" and not r.in_gold]
    undecided = [r for r in items if not r.in_gold]
    if open_rows:
        return f"Next: settle {counted(len(open_rows), 'open disagreement')} — press N"
    if any(r.status == "agreed" for r in undecided):
        return "Next: Accept all agreed"
    if undecided:
        return f"Next: decide {counted(len(undecided), 'partial item')}"
    if not adjudicated:
        return "Everything is decided — Mark adjudicated"
    return "Adjudicated ✓"


def agreed_left(rows: Sequence[ComparisonRow]) -> bool:
    """Whether Accept all agreed has anything to do."""
    return any(r.status == "agreed" and not r.in_gold for r in rows if r.status != "gold")


def open_disagreements(comparison: Comparison) -> int:
    """Items annotators disagree on that gold has not settled yet."""
    items: list[SpanItem | StanceItem] = [*comparison.spans, *comparison.stances]
    return sum(1 for item in items if item.status == "disagreed" and not item.in_gold)


def chooser_title(title: str, adjudicated: bool, open_count: int) -> str:
    """ "✓ Title  · 3 open": the document chooser's entry."""
    mark = "✓ " if adjudicated else ""
    suffix = f"  · {open_count} open" if open_count else ""
    return f"{mark}{title}{suffix}"

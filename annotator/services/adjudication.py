"""The gold layer: compare annotators on a document, accept or reject their items into gold.

Gold is stored as the reserved annotator `GOLD_ANNOTATOR`; each gold span and document
stance records its `origin`. Every operation is one transaction and returns what undo
needs (the GUI wraps each in a QUndoCommand):

    operation                              undo
    accept_span -> Span                    store.annotations.delete_span(span.id)
    accept_document_stance -> previous     restore_gold_stance(store, document_id, target, previous)
    accept_all_agreed -> AcceptedAgreed    undo_accept_all(store, accepted)
    reject_item -> list[Span]              store.annotations.restore_spans(removed)
    reject_document_stance -> previous     restore_gold_stance(store, document_id, target, previous)
    edit_gold_span -> Span (before)        store.annotations.update_span(id, **fields of before)
    set_adjudicated -> bool (previous)     set_adjudicated(store, document_id, previous)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from annotator.core.agreement import connected_groups
from annotator.core.agreement.spans import pairwise_links
from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD_ANNOTATOR, DocumentStance, SchemeKind, Span, new_id
from annotator.store.annotation_repo import DuplicateSpanError
from annotator.store.project_store import ProjectStore

ItemStatus = Literal["agreed", "disagreed", "partial"]

# Spans with different labels are the same item (a label disagreement) when they are by
# different annotators and share at least this share of their combined extent; below it,
# they are different things (a Source nested in a Claim).
LABEL_DISAGREEMENT_OVERLAP = 0.5


class GoldError(AnnotatorError):
    """A gold operation that cannot be done as asked (e.g. accepting a gold span into gold)."""


@dataclass(frozen=True, slots=True)
class SpanItem:
    """Annotators' spans of one passage, aligned: identical, or overlapping variants."""

    start: int  # the extent of all its spans
    end: int
    spans: tuple[Span, ...]  # by annotator, then position
    status: ItemStatus
    gold: tuple[Span, ...]  # gold spans overlapping one of its spans with one of its labels

    @property
    def annotators(self) -> tuple[str, ...]:
        return tuple(sorted({s.annotator for s in self.spans}))

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted({s.label for s in self.spans}))

    @property
    def in_gold(self) -> bool:
        return bool(self.gold)


@dataclass(frozen=True, slots=True)
class StanceItem:
    """The annotators' stances of the document toward one target."""

    target: str
    stances: dict[str, str]  # annotator -> stance
    status: ItemStatus
    gold: DocumentStance | None

    @property
    def in_gold(self) -> bool:
        return self.gold is not None


@dataclass(frozen=True, slots=True)
class Comparison:
    """One document's annotators side by side; `spans` in position order."""

    document_id: str
    annotators: tuple[str, ...]  # who annotated the document (a span, a stance or done)
    spans: tuple[SpanItem, ...]
    stances: tuple[StanceItem, ...]
    gold_only: tuple[Span, ...]  # gold spans that match no annotator's item

    def next_index(self, after: int, statuses: Sequence[ItemStatus] = ("disagreed",)) -> int | None:
        """Index of the first span item after `after` (-1: from the start) with such a status."""
        for index in range(after + 1, len(self.spans)):
            if self.spans[index].status in statuses:
                return index
        return None

    def previous_index(
        self, before: int, statuses: Sequence[ItemStatus] = ("disagreed",)
    ) -> int | None:
        """Index of the last span item before `before` with such a status."""
        for index in range(min(before, len(self.spans)) - 1, -1, -1):
            if self.spans[index].status in statuses:
                return index
        return None


@dataclass(frozen=True, slots=True)
class AcceptedAgreed:
    """What `accept_all_agreed` put into gold (it never replaces anything)."""

    document_id: str
    spans: list[Span] = field(default_factory=list)
    stances: list[DocumentStance] = field(default_factory=list)


# -- comparing ---------------------------------------------------------------------------
def document_comparison(
    store: ProjectStore, document_id: str, annotators: Sequence[str] | None = None
) -> Comparison:
    """Align the annotators' spans and document stances of one document (gold excluded).

    An item is "agreed" when every annotator of the document (two or more) has the same
    span (offsets, label, stance, target) or stance; "disagreed" when its spans or stances
    differ; "partial" when they are identical but some annotators have nothing there.
    Spans are aligned with the one-to-one overlap matching of the agreement report (same
    label); spans with different labels by different annotators join one item when they
    mostly cover the same text. Raises NotFoundError for an unknown document.
    """
    store.documents.get(document_id)  # NotFoundError early
    wanted = None if annotators is None else [a for a in annotators if a != GOLD_ANNOTATOR]
    everything = store.annotations.spans(document_id)
    gold_spans = [s for s in everything if s.annotator == GOLD_ANNOTATOR]
    spans = [
        s
        for s in everything
        if s.annotator != GOLD_ANNOTATOR and (wanted is None or s.annotator in wanted)
    ]
    all_stances = store.annotations.document_stances(document_id)
    stances = [
        s
        for s in all_stances
        if s.annotator != GOLD_ANNOTATOR and (wanted is None or s.annotator in wanted)
    ]
    gold_stances = {s.target: s for s in all_stances if s.annotator == GOLD_ANNOTATOR}
    done = {a for d, a in store.documents.done_flags() if d == document_id}
    readers = {s.annotator for s in spans} | {s.annotator for s in stances}
    readers |= {a for a in done if a != GOLD_ANNOTATOR and (wanted is None or a in wanted)}
    readers_sorted = tuple(sorted(readers))

    items = [_span_item(group, readers, gold_spans) for group in _align(spans)]
    items.sort(key=lambda item: (item.start, item.end, item.labels))
    claimed = {id(g) for item in items for g in item.gold}
    gold_only = tuple(g for g in gold_spans if id(g) not in claimed)

    by_target: dict[str, dict[str, str]] = {}
    for stance in stances:
        by_target.setdefault(stance.target, {})[stance.annotator] = stance.stance
    stance_items = tuple(
        StanceItem(
            target,
            values,
            _status([(v,) for v in values.values()], set(values), readers),
            gold_stances.get(target),
        )
        for target, values in by_target.items()
    )
    return Comparison(document_id, readers_sorted, tuple(items), stance_items, gold_only)


def _align(spans: Sequence[Span]) -> list[list[Span]]:
    by_annotator: dict[str, list[Span]] = {}
    for span in spans:
        by_annotator.setdefault(span.annotator, []).append(span)
    links = pairwise_links(by_annotator, "overlap")
    names = sorted(by_annotator)
    # Different labels on mostly the same passage are one disagreement, not two items.
    for index, a in enumerate(names):
        for b in names[index + 1 :]:
            for sa in by_annotator[a]:
                for sb in by_annotator[b]:
                    if sa.label != sb.label and _mostly_same_text(sa, sb):
                        links.append((sa, sb))
    groups = connected_groups(links)
    linked = {id(s) for group in groups for s in group}
    groups.extend([s] for s in spans if id(s) not in linked)
    return groups


def _mostly_same_text(a: Span, b: Span) -> bool:
    shared = min(a.end, b.end) - max(a.start, b.start)
    combined = max(a.end, b.end) - min(a.start, b.start)
    return shared > 0 and shared >= LABEL_DISAGREEMENT_OVERLAP * combined


def _content(span: Span) -> tuple[object, ...]:
    return (span.start, span.end, span.label, span.stance or None, span.target or None)


def _status(
    contents: Sequence[tuple[object, ...]], marked_by: set[str], readers: set[str]
) -> ItemStatus:
    if len(set(contents)) > 1:
        return "disagreed"
    if len(readers) >= 2 and marked_by >= readers:
        return "agreed"
    return "partial"


def _span_item(group: list[Span], readers: set[str], gold_spans: Sequence[Span]) -> SpanItem:
    group = sorted(group, key=lambda s: (s.annotator, s.start, s.end, s.label))
    labels = {s.label for s in group}
    gold = tuple(
        g
        for g in gold_spans
        if g.label in labels and any(g.overlaps(s.start, s.end) for s in group)
    )
    return SpanItem(
        start=min(s.start for s in group),
        end=max(s.end for s in group),
        spans=tuple(group),
        status=_status([_content(s) for s in group], {s.annotator for s in group}, readers),
        gold=gold,
    )


# -- accepting ---------------------------------------------------------------------------
def accept_span(store: ProjectStore, span_id: str) -> Span:
    """Copy an annotator's span into gold (new id); returns the gold span (undo: delete it).

    Its origin is "agreed: a, b" when other annotators have the identical span (offsets,
    label, stance, target), else "accepted from a". Raises NotFoundError for an unknown
    span, GoldError for a gold span or when gold already has this label on this passage.
    """
    source = store.annotations.span(span_id)
    if source.annotator == GOLD_ANNOTATOR:
        raise GoldError("That annotation is already in the gold layer.")
    same = sorted(
        {
            s.annotator
            for s in store.annotations.spans(source.document_id)
            if s.annotator != GOLD_ANNOTATOR and _content(s) == _content(source)
        }
    )
    gold = _gold_copy(source, same)
    try:
        return store.annotations.add_span(gold)
    except DuplicateSpanError as exc:
        raise GoldError(
            f"The gold layer already labels this passage {source.label}; edit or reject it first."
        ) from exc


def _gold_copy(source: Span, agreeing: Sequence[str]) -> Span:
    origin = (
        "agreed: " + ", ".join(agreeing)
        if len(agreeing) > 1
        else f"accepted from {source.annotator}"
    )
    # The annotator's claim link stays theirs: gold links to gold's claims (claim_adjudication).
    return replace(
        source, id=new_id(), annotator=GOLD_ANNOTATOR, origin=origin, claim=None, claim_value=""
    )


def accept_document_stance(
    store: ProjectStore, document_id: str, target: str, stance: str | None, origin: str
) -> DocumentStance | None:
    """Set gold's stance of the document toward `target` (None clears it).

    Returns gold's previous stance there (None if it had none), for
    `restore_gold_stance`. Raises NotFoundError for an unknown target or stance value.
    """
    previous = _gold_stance(store, document_id, target)
    store.annotations.set_document_stance(document_id, GOLD_ANNOTATOR, target, stance, origin)
    return previous


def reject_document_stance(
    store: ProjectStore, document_id: str, target: str
) -> DocumentStance | None:
    """Make sure gold has no stance of the document toward `target`; returns what it had."""
    return accept_document_stance(store, document_id, target, None, "")


def restore_gold_stance(
    store: ProjectStore, document_id: str, target: str, previous: DocumentStance | None
) -> None:
    """Undo `accept_document_stance` / `reject_document_stance`: put back `previous`."""
    store.annotations.set_document_stance(
        document_id,
        GOLD_ANNOTATOR,
        target,
        None if previous is None else previous.stance,
        "" if previous is None else previous.origin,
    )


def _gold_stance(store: ProjectStore, document_id: str, target: str) -> DocumentStance | None:
    for stance in store.annotations.document_stances(document_id, [GOLD_ANNOTATOR]):
        if stance.target == target:
            return stance
    return None


def accept_all_agreed(store: ProjectStore, document_id: str) -> AcceptedAgreed:
    """Copy every agreed span and document stance of the document into gold, in one
    transaction, skipping items gold already has something for (nothing is replaced).

    Returns what was added, for `undo_accept_all`.
    """
    comparison = document_comparison(store, document_id)
    accepted = AcceptedAgreed(document_id)
    for item in comparison.spans:
        if item.status == "agreed" and not item.in_gold:
            accepted.spans.append(_gold_copy(item.spans[0], item.annotators))
    for stance_item in comparison.stances:
        if stance_item.status == "agreed" and not stance_item.in_gold:
            (value,) = set(stance_item.stances.values())
            origin = "agreed: " + ", ".join(sorted(stance_item.stances))
            accepted.stances.append(
                DocumentStance(document_id, GOLD_ANNOTATOR, stance_item.target, value, origin)
            )
    redo_accept_all(store, accepted)  # the same write redo repeats
    return accepted


def undo_accept_all(store: ProjectStore, accepted: AcceptedAgreed) -> None:
    """Remove exactly what `accept_all_agreed` added (one transaction)."""
    annotations = store.annotations
    with store.write() as conn:
        if accepted.spans:  # joins this transaction
            annotations.delete_spans(s.id for s in accepted.spans)
        for stance in accepted.stances:
            target_id = store.scheme.require_id(SchemeKind.TARGET, stance.target)
            annotations.put_document_stance(
                conn, accepted.document_id, GOLD_ANNOTATOR, target_id, None
            )


def redo_accept_all(store: ProjectStore, accepted: AcceptedAgreed) -> None:
    """Put back exactly what `accept_all_agreed` added, with the same ids (redo after undo)."""
    annotations = store.annotations
    with store.write() as conn:
        for span in accepted.spans:
            annotations.insert_span(conn, span)
        for stance in accepted.stances:
            target_id = store.scheme.require_id(SchemeKind.TARGET, stance.target)
            annotations.put_document_stance(
                conn, accepted.document_id, GOLD_ANNOTATOR, target_id, stance.stance, stance.origin
            )


# -- rejecting and editing ---------------------------------------------------------------
def reject_item(store: ProjectStore, item: SpanItem) -> list[Span]:
    """Make sure gold has nothing for `item`: delete the gold spans overlapping one of its
    spans with one of its labels (read afresh, so a stale item is fine).

    Returns the deleted gold spans, for `store.annotations.restore_spans`.
    """
    if not item.spans:
        return []
    document_id = item.spans[0].document_id
    labels = set(item.labels)
    doomed = [
        g
        for g in store.annotations.spans(document_id, [GOLD_ANNOTATOR])
        if g.label in labels and any(g.overlaps(s.start, s.end) for s in item.spans)
    ]
    if not doomed:
        return []
    return store.annotations.delete_spans(g.id for g in doomed)


def edit_gold_span(store: ProjectStore, span_id: str, **changes: object) -> Span:
    """Change a gold span (label, stance, target, note, start, end); its origin becomes
    "edited from …". Returns the span as it was (undo: update_span with its fields).

    Raises GoldError for a span not in gold, and like `update_span` otherwise.
    """
    before = store.annotations.span(span_id)
    if before.annotator != GOLD_ANNOTATOR:
        raise GoldError("Only gold annotations are edited here; accept the annotation first.")
    source = before.origin
    for prefix in ("edited from ", "accepted from ", "agreed: "):
        if source.startswith(prefix):
            source = source[len(prefix) :]
            break
    origin = f"edited from {source}" if source else "edited"
    return store.annotations.update_span(span_id, **changes, origin=origin)


def set_adjudicated(store: ProjectStore, document_id: str, done: bool) -> bool:
    """Mark the document adjudicated (gold's done flag); returns the previous flag."""
    return store.documents.set_done(document_id, GOLD_ANNOTATOR, done)

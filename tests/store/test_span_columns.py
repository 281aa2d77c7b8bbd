"""Span columns read in bulk: the same spans, in the same order, as `AnnotationRepo.spans`."""

from __future__ import annotations

from pathlib import Path

from annotator.core.default_scheme import DEFAULT_TARGET
from annotator.core.model import GOLD_ANNOTATOR, Span
from annotator.services.demo import load_demo
from annotator.store.project_store import ProjectStore


def rows_of(store: ProjectStore, **filters) -> list[tuple]:
    columns = store.annotations.span_columns(**filters)
    return [
        (
            columns.documents[d],
            columns.labels[lab],
            columns.annotators[a],
            columns.stances[st] if st >= 0 else None,
            s,
            e,
        )
        for d, lab, a, st, s, e in zip(
            columns.document.tolist(),
            columns.label.tolist(),
            columns.annotator.tolist(),
            columns.stance.tolist(),
            columns.start.tolist(),
            columns.end.tolist(),
            strict=True,
        )
    ]


def spans_of(spans: list[Span]) -> list[tuple]:
    return [(s.document_id, s.label, s.annotator, s.stance, s.start, s.end) for s in spans]


def test_columns_list_the_spans_as_the_repo_does_ties_by_id(tmp_path: Path) -> None:
    with ProjectStore.create(tmp_path / "p.annotator") as store:
        load_demo(store)
        first, second = (d.id for d in store.documents.listing()[:2])
        # Inserted against id order at one place, and documents against list order.
        for span_id, document, label, name in [
            ("z9", second, "Claim", "bob"),
            ("m5", first, "Source", "alice"),
            ("b2", first, "Claim", "alice"),
            ("k1", first, "Evidence", "bob"),
            ("a0", first, "Evidence", GOLD_ANNOTATOR),
        ]:
            stance = "favor" if name == "bob" else None
            store.annotations.add_span(
                Span(
                    span_id,
                    document,
                    10,
                    20,
                    label,
                    name,
                    stance,
                    DEFAULT_TARGET if stance else None,
                )
            )
        store.annotations.add_span(Span("c3", first, 2, 30, "Claim", "chen"))
        assert rows_of(store) == spans_of(store.annotations.spans())
        assert [s.id for s in store.annotations.spans()][:5] == ["c3", "a0", "b2", "k1", "m5"]
        assert rows_of(store, exclude=GOLD_ANNOTATOR) == spans_of(
            [s for s in store.annotations.spans() if s.annotator != GOLD_ANNOTATOR]
        )
        assert rows_of(store, annotators=["bob"]) == spans_of(
            store.annotations.spans(annotators=["bob"])
        )
        assert rows_of(store, annotators=[]) == []
